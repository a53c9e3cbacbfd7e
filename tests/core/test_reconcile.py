"""Known ledgers beside known reports: per UTC day and model, the differences to the cent."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from itertools import count

import pytest

from app.core.reconcile import ReconcileRow, model_key, reconcile, reconcile_json
from app.providers.report_types import ReportLine
from app.store import CostSource, RequestRow

D1, D2, D3 = date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)
_ids = count(1)


def req(day: date, model: str, cost: float | None, *, served: str | None = None, source: CostSource = "catalog",
        provider: str = "openai", error: str | None = None, hour: int = 12) -> RequestRow:  # fmt: skip
    return RequestRow(
        id=next(_ids), conversation_id=None, message_id=None, provider=provider, requested_model=model,
        served_model=served, started_at=datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc),
        ttft_ms=None, duration_ms=None, input_tokens=10, output_tokens=10, cache_read_tokens=None,
        cache_write_tokens=None, reasoning_tokens=None, cost_usd=cost,
        cost_source="unknown" if cost is None else source, error_kind=error, error_message=None,
        finish_reason="stop", fallback_of=None, source="cli",
    )  # fmt: skip


def cost(day: date, line_item: str, amount: str) -> ReportLine:
    return ReportLine(day, "cost", line_item, line_item.split(",")[0], amount_usd=Decimal(amount))


def usage(day: date, model: str, requests: int | None) -> ReportLine:
    return ReportLine(day, "usage", model, model, input_tokens=100, output_tokens=50, requests=requests)


def by_key(rows: tuple[ReconcileRow, ...]) -> dict[tuple[date, str], ReconcileRow]:
    return {(r.day, r.model): r for r in rows}


LEDGER = [
    req(D1, "gpt-4o", 0.10, served="gpt-4o-2024-08-06"),
    req(D1, "gpt-4o", 0.20, served="gpt-4o-2024-08-06"),
    req(D1, "gpt-4o", 0.05, source="override"),  # no served model: the requested name
    req(D1, "gpt-4o", 0.0, source="free", error="server"),  # failed before any answer: not billed
    req(D1, "gpt-4o-mini", 0.1, served="gpt-4o-mini-2024-07-18", source="provider"),
    req(D1, "gpt-4o-mini", 0.1, served="gpt-4o-mini-2024-07-18"),
    req(D2, "gpt-4o", 0.02, served="gpt-4o-2024-08-06"),
    req(D2, "gpt-4o", None, served="gpt-4o-2024-08-06"),  # could not be priced
    req(D2, "gpt-3.5-turbo", 0.013, served="gpt-3.5-turbo-0125"),
    req(D2, "claude-sonnet-4", 5.0, provider="anthropic"),  # another provider's row
    req(date(2025, 2, 28), "gpt-4o", 7.0, hour=23),  # before the range
]
REPORT = [
    cost(D1, "gpt-4o-2024-08-06, input", "0.15"),
    cost(D1, "gpt-4o-2024-08-06, output", "0.25"),
    usage(D1, "gpt-4o-2024-08-06", 3),
    cost(D1, "gpt-4o-mini-2024-07-18, input", "0.30"),
    usage(D1, "gpt-4o-mini-2024-07-18", 5),
    cost(D2, "gpt-4o-2024-08-06, input", "0.02"),
    cost(D2, "o1-2024-12-17, output", "1.00"),
    usage(D2, "o1-2024-12-17", 1),
    cost(D2, "GPT-3.5 Turbo, input", "0.013"),
    cost(D2, "ft:gpt-4o-mini-2024-07-18:acme::abc, output", "0.50"),
    cost(date(2025, 3, 9), "gpt-4o, input", "100"),  # outside the range
]


def test_each_day_and_model_shows_both_figures_and_the_difference_to_the_cent() -> None:
    rec = reconcile("openai", LEDGER, REPORT, first_day=D1, last_day=D2)
    rows = by_key(rec.rows)
    assert list(rows) == [(D1, "gpt-4o"), (D1, "gpt-4o-mini"), (D2, "ft:gpt-4o-mini-2024-07-18:acme::abc"),
                          (D2, "gpt-3.5-turbo"), (D2, "gpt-4o"), (D2, "o1")]  # fmt: skip

    g = rows[(D1, "gpt-4o")]
    assert (g.provider_usd, g.parley_usd, g.diff_usd, g.diff_pct) == (Decimal("0.40"), Decimal("0.35"),
                                                                       Decimal("0.05"), Decimal("12.50"))  # fmt: skip
    assert (g.provider_requests, g.parley_requests, g.outside_parley) == (3, 3, False)
    assert g.parley_by_source == (("catalog", Decimal("0.30")), ("override", Decimal("0.05")))
    assert g.provider_names == ("gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06, output", "gpt-4o-2024-08-06")
    assert g.parley_names == ("gpt-4o-2024-08-06", "gpt-4o")

    mini = rows[(D1, "gpt-4o-mini")]
    assert (mini.provider_usd, mini.parley_usd, mini.diff_usd, mini.diff_pct) == (
        Decimal("0.30"), Decimal("0.2"), Decimal("0.10"), Decimal("33.33"))  # fmt: skip
    assert mini.outside_parley and "3 were made outside Parley" in " ".join(mini.notes)
    assert mini.parley_by_source == (("catalog", Decimal("0.1")), ("provider", Decimal("0.1")))

    o1 = rows[(D2, "o1")]
    assert (o1.provider_usd, o1.parley_usd, o1.diff_usd, o1.diff_pct, o1.outside_parley) == (
        Decimal("1.00"), Decimal(0), Decimal("1.00"), Decimal("100.00"), True)  # fmt: skip
    assert "used outside Parley" in " ".join(o1.notes)

    d2 = rows[(D2, "gpt-4o")]
    assert (d2.provider_usd, d2.parley_usd, d2.diff_usd, d2.unpriced_requests, d2.parley_requests) == (
        Decimal("0.02"), Decimal("0.02"), Decimal("0.00"), 1, 2)  # fmt: skip
    assert "1 of Parley's requests could not be priced" in " ".join(d2.notes) and not d2.outside_parley

    turbo = rows[(D2, "gpt-3.5-turbo")]  # "GPT-3.5 Turbo" and "gpt-3.5-turbo-0125" are one model
    assert (turbo.provider_usd, turbo.parley_usd, turbo.diff_usd, turbo.diff_pct) == (
        Decimal("0.013"), Decimal("0.013"), Decimal("0.000"), Decimal("0.00"))  # fmt: skip

    assert rec.provider_usd == Decimal("2.233") and rec.parley_usd == Decimal("0.583")
    assert rec.outside_parley_usd == Decimal("1.50")


def test_a_report_model_parley_never_priced_is_shown_and_explained() -> None:
    known = {"gpt-4o", "gpt-4o-mini", "o1", "gpt-3.5-turbo"}
    rec = reconcile("openai", LEDGER, REPORT, first_day=D1, last_day=D2, priced=known.__contains__)
    ft = by_key(rec.rows)[(D2, "ft:gpt-4o-mini-2024-07-18:acme::abc")]
    assert ft.provider_usd == Decimal("0.50") and ft.parley_usd == 0 and ft.outside_parley
    assert any("Parley has never priced ft:gpt-4o-mini-2024-07-18:acme::abc" in n for n in ft.notes)
    o1 = by_key(rec.rows)[(D2, "o1")]
    assert not any("never priced" in n for n in o1.notes)


def test_days_without_a_report_read_unknown_not_zero_and_usage_without_cost_says_so() -> None:
    ledger = [req(D1, "gpt-4o", 0.10), req(D2, "gpt-4o", 0.20), req(D3, "gpt-4o", 0.40)]
    report = [usage(D2, "gpt-4o", 1)]
    rec = reconcile("openai", ledger, report, first_day=D1, last_day=D3, covered_days={D1, D2})
    rows = by_key(rec.rows)
    assert (rows[(D1, "gpt-4o")].provider_usd, rows[(D1, "gpt-4o")].diff_usd) == (Decimal(0), Decimal("-0.1"))
    assert rows[(D1, "gpt-4o")].diff_pct is None  # a percentage of nothing
    assert "nothing for this model on this day yet" in rows[(D1, "gpt-4o")].notes[0]
    assert rows[(D2, "gpt-4o")].provider_usd is None and rows[(D2, "gpt-4o")].diff_usd is None
    assert "usage but no cost" in rows[(D2, "gpt-4o")].notes[0]
    assert rows[(D3, "gpt-4o")].provider_usd is None
    assert "No cost report from the provider covers this day" in rows[(D3, "gpt-4o")].notes[0]


def test_anthropic_snapshots_latest_aliases_and_non_model_charges() -> None:
    ledger = [req(D1, "claude-3-5-haiku-latest", 0.25, provider="anthropic", served="claude-3-5-haiku-20241022")]
    report = [
        ReportLine(D1, "cost", "Claude 3.5 Haiku Usage - Input Tokens", "claude-3-5-haiku-20241022",
                   amount_usd=Decimal("0.2")),
        ReportLine(D1, "cost", "Claude 3.5 Haiku Usage - Output Tokens", "claude-3-5-haiku-20241022",
                   amount_usd=Decimal("0.06")),
        ReportLine(D1, "cost", "Web Search Usage", None, amount_usd=Decimal("0.01")),
        ReportLine(D1, "usage", "claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022", input_tokens=5),
    ]  # fmt: skip
    rows = by_key(reconcile("anthropic", ledger, report, first_day=D1, last_day=D1).rows)
    haiku = rows[(D1, "claude-3-5-haiku")]
    assert (haiku.provider_usd, haiku.parley_usd, haiku.diff_usd, haiku.diff_pct, haiku.provider_requests) == (
        Decimal("0.26"), Decimal("0.25"), Decimal("0.01"), Decimal("3.85"), None)  # fmt: skip
    assert not haiku.outside_parley  # Anthropic counts no requests: Parley made some, so none are shown outside
    web = rows[(D1, "web-search-usage")]
    assert web.outside_parley and "Not a model" in " ".join(web.notes)


def test_the_json_is_exactly_the_architecture_shape() -> None:
    ledger = [req(D1, "gpt-4o", 0.1234565, served="gpt-4o-2024-08-06")]
    report = [cost(D1, "gpt-4o-2024-08-06, input", "0.3"), cost(D2, "o3, input", "2")]
    out = reconcile_json(reconcile("openai", ledger, report, first_day=D1, last_day=D2))
    assert json.loads(json.dumps(out)) == out
    assert out == {"provider": "openai", "rows": [
        {"date": "2025-03-01", "model": "gpt-4o", "provider_usd": 0.3, "parley_usd": 0.123457, "diff_usd": 0.176544,
         "diff_pct": 58.85, "outside_parley": False},
        {"date": "2025-03-02", "model": "o3", "provider_usd": 2.0, "parley_usd": 0.0, "diff_usd": 2.0,
         "diff_pct": 100.0, "outside_parley": True},
    ]}  # fmt: skip


def test_an_empty_range_is_an_empty_reconciliation() -> None:
    rec = reconcile("openai", [], [], first_day=D1, last_day=D1)
    assert rec.rows == () and rec.provider_usd == 0 and reconcile_json(rec) == {"provider": "openai", "rows": []}


def test_a_ledger_day_is_the_utc_day_the_request_started() -> None:
    tokyo_morning = datetime(2025, 3, 2, 8, 0, tzinfo=timezone(timedelta(hours=9)))  # 23:00 UTC on 1 March
    row = replace(req(D1, "gpt-4o", 0.5), started_at=tokyo_morning)
    rows = reconcile("openai", [row], [cost(D1, "gpt-4o, input", "0.5")], first_day=D1, last_day=D2).rows
    assert [(r.day, r.diff_usd) for r in rows] == [(D1, Decimal("0.0"))]


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("gpt-4o-2024-08-06", "gpt-4o"),
        ("gpt-4o", "gpt-4o"),
        ("GPT-4o mini", "gpt-4o-mini"),
        ("openai/gpt-4o-mini", "gpt-4o-mini"),
        ("gpt-3.5-turbo-0125", "gpt-3.5-turbo"),
        ("gpt-4-0613", "gpt-4"),
        ("gpt-4-1106-preview", "gpt-4-1106-preview"),
        ("claude-sonnet-4-20250514", "claude-sonnet-4"),
        ("claude-3-5-sonnet-latest", "claude-3-5-sonnet"),
        ("o1", "o1"),
        ("gpt-4.1-nano", "gpt-4.1-nano"),
        ("llama-3.1-405b", "llama-3.1-405b"),
        ("ft:gpt-4o-mini-2024-07-18:acme::abc", "ft:gpt-4o-mini-2024-07-18:acme::abc"),
    ],
)
def test_model_names_match_across_snapshots(name: str, key: str) -> None:
    assert model_key(name) == key
