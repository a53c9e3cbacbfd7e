"""OpenAI's organization Costs and Usage APIs (admin key): pure request builders and page parsers.

Documented shapes (platform.openai.com/docs/api-reference/usage):
- `GET /v1/organization/costs?start_time=&end_time=&bucket_width=1d&group_by=line_item&limit=&page=`
  -> `{"object": "page", "data": [{"object": "bucket", "start_time", "end_time", "results": [
  {"object": "organization.costs.result", "amount": {"value", "currency"}, "line_item", "project_id"}]}],
  "has_more", "next_page"}`. A line item names the model and the charge: "gpt-4o-2024-08-06, input".
- `GET /v1/organization/usage/completions?...&group_by=model` -> buckets of
  `{"object": "organization.usage.completions.result", "input_tokens" (cached included),
  "input_cached_tokens", "output_tokens", "num_model_requests", "model", ...}`.
Times are Unix seconds, `end_time` exclusive; daily buckets start at 00:00 UTC.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from .base import Endpoint, HttpCall
from .report_types import (
    ReportLine,
    ReportPage,
    as_decimal,
    as_list,
    as_object,
    as_tokens,
    malformed,
    merge_lines,
    next_page,
    unix_day,
)

PROVIDER = "openai"
COSTS_PATH = "/organization/costs"
USAGE_PATH = "/organization/usage/completions"
COSTS_LIMIT = 180  # daily buckets per page: the documented maximum for costs
USAGE_LIMIT = 31  # ... and for usage with bucket_width=1d
_COSTS = "OpenAI cost report"
_USAGE = "OpenAI usage report"


def unix_midnight(day: date) -> int:
    return int(datetime.combine(day, time(), timezone.utc).timestamp())


def _params(first_day: date, last_day: date, group_by: str, limit: int, page: str | None) -> dict[str, str]:
    params = {
        "start_time": str(unix_midnight(first_day)),
        "end_time": str(unix_midnight(last_day + timedelta(days=1))),  # exclusive: the whole last day
        "bucket_width": "1d",
        "group_by": group_by,
        "limit": str(limit),
    }
    if page:
        params["page"] = page
    return params


def costs_call(endpoint: Endpoint, first_day: date, last_day: date, page: str | None = None) -> HttpCall:
    """Daily costs by line item for the UTC days first_day..last_day (both included)."""
    return HttpCall("GET", endpoint.base_url + COSTS_PATH, endpoint.headers(),
                    params=_params(first_day, last_day, "line_item", COSTS_LIMIT, page))  # fmt: skip


def usage_call(endpoint: Endpoint, first_day: date, last_day: date, page: str | None = None) -> HttpCall:
    """Daily completions usage by model for the UTC days first_day..last_day (both included)."""
    return HttpCall("GET", endpoint.base_url + USAGE_PATH, endpoint.headers(),
                    params=_params(first_day, last_day, "model", USAGE_LIMIT, page))  # fmt: skip


def line_item_model(line_item: str) -> str:
    """The model part of a line item: "gpt-4o-2024-08-06, cached input" -> "gpt-4o-2024-08-06"."""
    return line_item.split(",", 1)[0].strip()


def parse_costs(body: Any) -> ReportPage:
    page = as_object(body, PROVIDER, _COSTS, "the body")
    lines: list[ReportLine] = []
    for i, bucket in enumerate(as_list(page.get("data"), PROVIDER, _COSTS, "data")):
        where = f"bucket {i + 1}"
        bucket = as_object(bucket, PROVIDER, _COSTS, where)
        day = unix_day(bucket.get("start_time"), PROVIDER, _COSTS, f"{where}'s start_time")
        for j, result in enumerate(as_list(bucket.get("results"), PROVIDER, _COSTS, f"{where}'s results")):
            at = f"{where}, result {j + 1}"
            result = as_object(result, PROVIDER, _COSTS, at)
            amount = as_object(result.get("amount"), PROVIDER, _COSTS, f"{at}'s amount")
            currency = amount.get("currency")
            if not isinstance(currency, str) or currency.lower() != "usd":
                raise malformed(PROVIDER, _COSTS, f"{at} is in {currency!r}, not US dollars")
            value = as_decimal(amount.get("value"), PROVIDER, _COSTS, f"{at}'s amount")
            item = result.get("line_item")
            if item is not None and not isinstance(item, str):
                raise malformed(PROVIDER, _COSTS, f"{at}'s line_item is not text")
            label = (item or "").strip()
            lines.append(ReportLine(day, "cost", label or "(no line item)", line_item_model(label) or None,
                                    amount_usd=value))  # fmt: skip
    return ReportPage(merge_lines(lines), next_page(page, PROVIDER, _COSTS))


def parse_usage(body: Any) -> ReportPage:
    page = as_object(body, PROVIDER, _USAGE, "the body")
    lines: list[ReportLine] = []
    for i, bucket in enumerate(as_list(page.get("data"), PROVIDER, _USAGE, "data")):
        where = f"bucket {i + 1}"
        bucket = as_object(bucket, PROVIDER, _USAGE, where)
        day = unix_day(bucket.get("start_time"), PROVIDER, _USAGE, f"{where}'s start_time")
        for j, result in enumerate(as_list(bucket.get("results"), PROVIDER, _USAGE, f"{where}'s results")):
            at = f"{where}, result {j + 1}"
            result = as_object(result, PROVIDER, _USAGE, at)
            model = result.get("model")
            if model is not None and not isinstance(model, str):
                raise malformed(PROVIDER, _USAGE, f"{at}'s model is not text")

            def count(name: str, at: str = at, result: dict[str, Any] = result) -> int | None:
                return as_tokens(result.get(name), PROVIDER, _USAGE, f"{at}'s {name}")

            lines.append(ReportLine(
                day, "usage", model or "(all models)", model or None,
                input_tokens=count("input_tokens"), output_tokens=count("output_tokens"),
                cache_read_tokens=count("input_cached_tokens"), requests=count("num_model_requests"),
            ))  # fmt: skip
    return ReportPage(merge_lines(lines), next_page(page, PROVIDER, _USAGE))
