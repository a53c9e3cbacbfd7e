"""Plain data read from providers' own accounts: report lines (per UTC day) and one generation's cost.

Money is `Decimal`, exactly as the provider wrote it (JSON numbers are read as decimals, never floats),
so sums and differences are exact to the cent and beyond. Parsers raise `ProtocolError` for a report
that does not have the documented shape, naming what is wrong; they never skip a line in silence.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from .errors import ProviderError, make_error

ReportKind = Literal["cost", "usage"]


@dataclass(frozen=True, slots=True)
class ReportLine:
    """One line of an account report for one UTC day.

    `line` is the provider's own label (OpenAI's `line_item`, Anthropic's `description`, or the model for
    usage lines); `model` is the model it names, spelled as the provider spells it, or None for charges
    that are not about a model (web search, storage). Cost lines carry `amount_usd`; usage lines carry
    token counts (as the provider defines them) and, where reported, the number of requests.
    """

    day: date
    kind: ReportKind
    line: str
    model: str | None
    amount_usd: Decimal | None = None
    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_read_tokens: int | None = None
    cache_write_tokens: int | None = None
    requests: int | None = None


@dataclass(frozen=True, slots=True)
class ReportPage:
    """One page of a paginated report; `next_page` is the cursor for the next one (None: the last page)."""

    lines: tuple[ReportLine, ...]
    next_page: str | None


@dataclass(frozen=True, slots=True)
class GenerationInfo:
    """What OpenRouter's generation lookup says about one request: its exact cost and the native counts."""

    id: str
    total_cost_usd: Decimal
    model: str | None = None
    upstream_provider: str | None = None
    native_input_tokens: int | None = None
    native_output_tokens: int | None = None
    native_reasoning_tokens: int | None = None
    native_cached_tokens: int | None = None
    created_at: datetime | None = None


def malformed(provider: str, report: str, what: str) -> ProviderError:
    return make_error("protocol", f"the {report} is malformed: {what}", provider=provider)


def as_object(value: Any, provider: str, report: str, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise malformed(provider, report, f"{where} is not an object")
    return value


def as_list(value: Any, provider: str, report: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise malformed(provider, report, f"{where} is not a list")
    return value


def as_decimal(value: Any, provider: str, report: str, where: str) -> Decimal:
    """A JSON number (read as Decimal or int) or a decimal string; finite, else a protocol error."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str, float)):
        raise malformed(provider, report, f"{where} is not a number ({value!r})")
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        raise malformed(provider, report, f"{where} is not a number ({value!r})") from None
    if not number.is_finite():
        raise malformed(provider, report, f"{where} is not a finite number ({value!r})")
    return number


def as_tokens(value: Any, provider: str, report: str, where: str) -> int | None:
    """A count: a non-negative whole number, or None when absent; anything else is a protocol error."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, float)):
        raise malformed(provider, report, f"{where} is not a count ({value!r})")
    if isinstance(value, float) and not math.isfinite(value):
        raise malformed(provider, report, f"{where} is not a count ({value!r})")
    if value < 0 or value != int(value):
        raise malformed(provider, report, f"{where} is not a count ({value!r})")
    return int(value)


def unix_day(value: Any, provider: str, report: str, where: str) -> date:
    """A bucket start in Unix seconds as its UTC day."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise malformed(provider, report, f"{where} is not a Unix time ({value!r})")
    try:
        return datetime.fromtimestamp(value, timezone.utc).date()
    except (OverflowError, OSError, ValueError):
        raise malformed(provider, report, f"{where} is not a Unix time ({value!r})") from None


def rfc3339_day(value: Any, provider: str, report: str, where: str) -> date:
    """A bucket start in RFC 3339 ("2025-08-01T00:00:00Z") as its UTC day."""
    moment = rfc3339(value)
    if moment is None:
        raise malformed(provider, report, f"{where} is not an RFC 3339 time ({value!r})")
    return moment.date()


def rfc3339(value: Any) -> datetime | None:
    """An RFC 3339 / ISO 8601 time in UTC, or None when it is not one (a naive time is taken as UTC)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def merge_lines(lines: list[ReportLine]) -> tuple[ReportLine, ...]:
    """Lines with the same day, kind, label and model summed into one (a report grouped by more than we
    ask for, or a provider splitting a line by tier), keeping first-seen order."""
    merged: dict[tuple[date, str, str, str | None], ReportLine] = {}
    for line in lines:
        key = (line.day, line.kind, line.line, line.model)
        seen = merged.get(key)
        merged[key] = line if seen is None else _add(seen, line)
    return tuple(merged.values())


def _add(a: ReportLine, b: ReportLine) -> ReportLine:
    def plus(x: int | None, y: int | None) -> int | None:
        return None if x is None and y is None else (x or 0) + (y or 0)

    amount = None if a.amount_usd is None and b.amount_usd is None else (
        (a.amount_usd or Decimal(0)) + (b.amount_usd or Decimal(0)))  # fmt: skip
    return ReportLine(
        day=a.day, kind=a.kind, line=a.line, model=a.model, amount_usd=amount,
        input_tokens=plus(a.input_tokens, b.input_tokens), output_tokens=plus(a.output_tokens, b.output_tokens),
        cache_read_tokens=plus(a.cache_read_tokens, b.cache_read_tokens),
        cache_write_tokens=plus(a.cache_write_tokens, b.cache_write_tokens), requests=plus(a.requests, b.requests),
    )  # fmt: skip


def next_page(body: dict[str, Any], provider: str, report: str) -> str | None:
    """The pagination cursor: `next_page` when `has_more` is true (a missing cursor then is malformed)."""
    cursor = body.get("next_page")
    if body.get("has_more") is True:
        if not isinstance(cursor, str) or not cursor:
            raise malformed(provider, report, "has_more is true but next_page is missing")
        return cursor
    return None
