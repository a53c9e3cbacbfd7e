"""Anthropic's Usage and Cost Admin API (admin key): pure request builders and page parsers.

Documented shapes (platform.claude.com/docs/en/api/admin/usage_report, .../cost_report):
- `GET /v1/organizations/usage_report/messages?starting_at=&ending_at=&bucket_width=1d&group_by[]=model
  &limit=&page=` -> `{"data": [{"starting_at", "ending_at", "results": [{"uncached_input_tokens",
  "cache_creation": {"ephemeral_1h_input_tokens", "ephemeral_5m_input_tokens"}, "cache_read_input_tokens",
  "output_tokens", "model", ...}]}], "has_more", "next_page"}`. It counts tokens, not requests.
- `GET /v1/organizations/cost_report?starting_at=&ending_at=&group_by[]=description&limit=&page=`
  -> buckets of `{"amount": "123.45", "currency": "USD", "description", "cost_type", "model",
  "token_type", ...}`. The amount is a decimal string in the currency's lowest unit: "123.45" is $1.2345.
  `model` is named only when grouping by description, and is null for charges that are not tokens.
Times are RFC 3339; `ending_at` is exclusive; daily buckets start at 00:00 UTC. Both send `anthropic-version`.
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
    rfc3339_day,
)

PROVIDER = "anthropic"
API_VERSION = "2023-06-01"
USAGE_PATH = "/v1/organizations/usage_report/messages"
COST_PATH = "/v1/organizations/cost_report"
DAYS_PER_PAGE = 31  # the documented maximum of daily buckets per page for both reports
_USAGE = "Anthropic usage report"
_COSTS = "Anthropic cost report"


def rfc3339_midnight(day: date) -> str:
    return datetime.combine(day, time(), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _params(first_day: date, last_day: date, group_by: str, page: str | None) -> dict[str, str]:
    params = {
        "starting_at": rfc3339_midnight(first_day),
        "ending_at": rfc3339_midnight(last_day + timedelta(days=1)),  # exclusive: the whole last day
        "bucket_width": "1d",
        "group_by[]": group_by,
        "limit": str(DAYS_PER_PAGE),
    }
    if page:
        params["page"] = page
    return params


def _headers(endpoint: Endpoint) -> dict[str, str]:
    return endpoint.headers({"anthropic-version": API_VERSION})


def usage_call(endpoint: Endpoint, first_day: date, last_day: date, page: str | None = None) -> HttpCall:
    """Daily Messages API usage by model for the UTC days first_day..last_day (both included)."""
    return HttpCall("GET", endpoint.base_url + USAGE_PATH, _headers(endpoint),
                    params=_params(first_day, last_day, "model", page))  # fmt: skip


def cost_call(endpoint: Endpoint, first_day: date, last_day: date, page: str | None = None) -> HttpCall:
    """Daily costs by description (which names the model) for the UTC days first_day..last_day."""
    return HttpCall("GET", endpoint.base_url + COST_PATH, _headers(endpoint),
                    params=_params(first_day, last_day, "description", page))  # fmt: skip


def _buckets(body: Any, report: str) -> tuple[dict[str, Any], list[tuple[date, str, list[Any]]]]:
    page = as_object(body, PROVIDER, report, "the body")
    out = []
    for i, bucket in enumerate(as_list(page.get("data"), PROVIDER, report, "data")):
        where = f"bucket {i + 1}"
        bucket = as_object(bucket, PROVIDER, report, where)
        day = rfc3339_day(bucket.get("starting_at"), PROVIDER, report, f"{where}'s starting_at")
        out.append((day, where, as_list(bucket.get("results"), PROVIDER, report, f"{where}'s results")))
    return page, out


def _text(result: dict[str, Any], name: str, report: str, at: str) -> str | None:
    value = result.get(name)
    if value is not None and not isinstance(value, str):
        raise malformed(PROVIDER, report, f"{at}'s {name} is not text")
    return value.strip() if value and value.strip() else None


def parse_usage(body: Any) -> ReportPage:
    page, buckets = _buckets(body, _USAGE)
    lines: list[ReportLine] = []
    for day, where, results in buckets:
        for j, result in enumerate(results):
            at = f"{where}, result {j + 1}"
            result = as_object(result, PROVIDER, _USAGE, at)
            model = _text(result, "model", _USAGE, at)

            def count(value: Any, name: str, at: str = at) -> int | None:
                return as_tokens(value, PROVIDER, _USAGE, f"{at}'s {name}")

            creation = result.get("cache_creation")
            written = None
            if creation is not None:
                creation = as_object(creation, PROVIDER, _USAGE, f"{at}'s cache_creation")
                parts = [count(creation.get(k), k) for k in ("ephemeral_1h_input_tokens", "ephemeral_5m_input_tokens")]
                written = None if all(p is None for p in parts) else sum(p or 0 for p in parts)
            lines.append(ReportLine(
                day, "usage", model or "(all models)", model,
                input_tokens=count(result.get("uncached_input_tokens"), "uncached_input_tokens"),
                output_tokens=count(result.get("output_tokens"), "output_tokens"),
                cache_read_tokens=count(result.get("cache_read_input_tokens"), "cache_read_input_tokens"),
                cache_write_tokens=written,
            ))  # fmt: skip
    return ReportPage(merge_lines(lines), next_page(page, PROVIDER, _USAGE))


def parse_costs(body: Any) -> ReportPage:
    page, buckets = _buckets(body, _COSTS)
    lines: list[ReportLine] = []
    for day, where, results in buckets:
        for j, result in enumerate(results):
            at = f"{where}, result {j + 1}"
            result = as_object(result, PROVIDER, _COSTS, at)
            currency = result.get("currency", "USD")
            if not isinstance(currency, str) or currency.upper() != "USD":
                raise malformed(PROVIDER, _COSTS, f"{at} is in {currency!r}, not US dollars")
            cents = as_decimal(result.get("amount"), PROVIDER, _COSTS, f"{at}'s amount")
            model = _text(result, "model", _COSTS, at)
            description = _text(result, "description", _COSTS, at)
            token_type = _text(result, "token_type", _COSTS, at)
            cost_type = _text(result, "cost_type", _COSTS, at)
            label = description or ", ".join(p for p in (model, token_type or cost_type) if p) or "(no description)"
            lines.append(ReportLine(day, "cost", label, model, amount_usd=cents.scaleb(-2)))
    return ReportPage(merge_lines(lines), next_page(page, PROVIDER, _COSTS))
