"""Saved account reports, the fetch log, UTC-day ledger reads, provider-reported costs and their queue."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.providers.report_types import ReportLine
from app.store import NotFoundError, Store, open_store
from app.store.migrations import apply_migrations
from app.store.textindex import index_text_v1

D1, D2, D3 = date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)
T0 = datetime(2025, 3, 4, 9, 0, tzinfo=timezone.utc)


def cost(day: date, label: str, amount: str, model: str | None = "gpt-4o") -> ReportLine:
    return ReportLine(day, "cost", label, model, amount_usd=Decimal(amount))


def test_saving_a_report_twice_replaces_it_and_never_doubles_a_figure(store: Store) -> None:
    lines = [cost(D1, "gpt-4o, input", "0.10"), cost(D1, "gpt-4o, output", "0.20"), cost(D2, "gpt-4o, input", "1")]
    assert store.save_report("openai", D1, D2, lines, fetched_at=T0) == 3
    assert store.save_report("openai", D1, D2, lines, fetched_at=T0 + timedelta(hours=1)) == 3
    saved = store.report_lines("openai")
    assert [(s.day, s.line, s.amount_usd) for s in saved] == [(D1, "gpt-4o, input", Decimal("0.10")),
                                                            (D1, "gpt-4o, output", Decimal("0.20")),
                                                            (D2, "gpt-4o, input", Decimal("1"))]  # fmt: skip
    assert sum(s.amount_usd or 0 for s in saved) == Decimal("1.30")
    assert all(s.fetched_at == T0 + timedelta(hours=1) for s in saved)


def test_a_later_fetch_of_some_days_keeps_the_other_days_and_other_providers(store: Store) -> None:
    store.save_report("openai", D1, D3, [cost(D1, "a", "1"), cost(D2, "a", "2"), cost(D3, "a", "3")], fetched_at=T0)
    store.save_report("anthropic", D2, D2, [cost(D2, "claude", "9", "claude-x")], fetched_at=T0)
    store.save_report("openai", D2, D2, [cost(D2, "a", "2.5")], fetched_at=T0 + timedelta(hours=1))
    assert [(s.day, s.amount_usd) for s in store.report_lines("openai")] == [
        (D1, Decimal("1")), (D2, Decimal("2.5")), (D3, Decimal("3"))]  # fmt: skip
    assert [(s.day, s.amount_usd) for s in store.report_lines("openai", D2, D2)] == [(D2, Decimal("2.5"))]
    assert [s.amount_usd for s in store.report_lines("anthropic")] == [Decimal("9")]
    # A day the provider has since reported nothing for is emptied, not left with the old figure.
    store.save_report("openai", D3, D3, [], fetched_at=T0 + timedelta(hours=2))
    assert [s.day for s in store.report_lines("openai")] == [D1, D2]


def test_usage_lines_keep_their_counts_and_a_line_outside_the_range_widens_the_replacement(store: Store) -> None:
    usage = ReportLine(D3, "usage", "gpt-4o", "gpt-4o", input_tokens=10, output_tokens=20, cache_read_tokens=3,
                       cache_write_tokens=None, requests=2)  # fmt: skip
    store.save_report("openai", D1, D2, [usage], fetched_at=T0)
    store.save_report("openai", D1, D2, [usage], fetched_at=T0)
    (line,) = store.report_lines("openai")
    assert (line.kind, line.input_tokens, line.output_tokens, line.cache_read_tokens, line.requests) == (
        "usage", 10, 20, 3, 2)  # fmt: skip
    assert line.amount_usd is None and line.cache_write_tokens is None


def test_the_fetch_log_keeps_failures_without_touching_saved_lines(store: Store) -> None:
    store.save_report("openai", D1, D1, [cost(D1, "a", "1")], fetched_at=T0)
    store.record_report_failure("openai", D1, D2, "server", "openai: boom (HTTP 503)", at=T0 + timedelta(hours=1))
    fetches = store.report_fetches("openai")
    assert [(f.error_kind, f.lines, f.first_day, f.last_day) for f in fetches] == [("server", 0, D1, D2),
                                                                                   (None, 1, D1, D1)]  # fmt: skip
    assert fetches[0].error_message == "openai: boom (HTTP 503)"
    assert [s.amount_usd for s in store.report_lines("openai")] == [Decimal("1")]
    assert store.report_fetches("anthropic") == []


def test_bad_arguments_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="before the first day"):
        store.save_report("openai", D2, D1, [])
    with pytest.raises(ValueError, match="kind"):
        store.save_report("openai", D1, D1, [ReportLine(D1, "bill", "x", None)])  # type: ignore[arg-type]


def test_requests_on_days_cuts_at_utc_midnight(store: Store) -> None:
    def log(moment: datetime, provider: str = "openai") -> int:
        return store.log_request(provider=provider, requested_model="gpt-4o", started_at=moment, cost_usd=0.01,
                                 cost_source="catalog")  # fmt: skip

    before = log(datetime(2025, 2, 28, 23, 59, 59, 999999, tzinfo=timezone.utc))
    first = log(datetime(2025, 3, 1, 0, 0, tzinfo=timezone.utc))
    tokyo = log(datetime(2025, 3, 2, 8, 30, tzinfo=timezone(timedelta(hours=9))))  # 23:30 UTC on 1 March
    log(datetime(2025, 3, 1, 12, 0, tzinfo=timezone.utc), provider="anthropic")
    after = log(datetime(2025, 3, 2, 0, 0, tzinfo=timezone.utc))
    assert [r.id for r in store.requests_on_days("openai", D1, D1)] == [first, tokyo]
    assert [r.id for r in store.requests_on_days("openai", D1, D2)] == [first, tokyo, after]
    assert [r.id for r in store.requests_on_days("openai", date(2025, 2, 28), date(2025, 2, 28))] == [before]


def test_a_provider_reported_cost_replaces_the_estimate_in_place_and_keeps_it_beside(store: Store) -> None:
    rid = store.log_request(provider="openrouter", requested_model="openai/gpt-4o-mini", cost_usd=0.00042,
                            cost_source="catalog", input_tokens=12, output_tokens=34, started_at=T0)  # fmt: skip
    before = store.spend()
    assert store.queue_cost_lookup(rid, "openrouter", "gen-1", now=T0) is True
    assert store.queue_cost_lookup(rid, "openrouter", "gen-1", now=T0) is False  # queued once
    pending = store.request_cost(rid)
    assert pending is not None and (pending.state, pending.estimate_usd, pending.estimate_source) == (
        "pending", 0.00042, "catalog")  # fmt: skip
    assert [p.request_id for p in store.due_cost_lookups(now=T0)] == [rid]

    for _ in range(2):  # recording the same figure twice changes nothing more
        store.record_provider_cost(rid, Decimal("0.000515"), upstream_provider="OpenAI", native_input_tokens=11,
                                   native_output_tokens=30, at=T0 + timedelta(seconds=2))  # fmt: skip
    after = store.spend()
    assert after.requests == before.requests == 1
    assert after.total_usd == pytest.approx(0.000515)
    (row,) = store.logged_requests()
    assert (row.cost_usd, row.cost_source, row.input_tokens) == (0.000515, "provider", 12)
    done = store.request_cost(rid)
    assert done is not None and done.state == "done" and done.provider_usd == Decimal("0.000515")
    assert (done.estimate_usd, done.estimate_source, done.upstream_provider) == (0.00042, "catalog", "OpenAI")
    assert (done.native_input_tokens, done.native_output_tokens, done.attempts) == (11, 30, 2)
    assert store.due_cost_lookups(now=T0 + timedelta(days=1)) == [] and store.pending_cost_lookups() == 0


def test_the_queue_defers_gives_up_and_refuses_unknown_rows(store: Store) -> None:
    a = store.log_request(provider="openrouter", requested_model="m", cost_usd=None, started_at=T0)
    b = store.log_request(provider="openrouter", requested_model="m", cost_usd=0.5, cost_source="catalog",
                          started_at=T0)  # fmt: skip
    store.queue_cost_lookup(a, "openrouter", "gen-a", now=T0)
    store.queue_cost_lookup(b, "openrouter", "gen-b", now=T0 + timedelta(seconds=1))
    store.defer_cost_lookup(a, T0 + timedelta(minutes=5), "offline")
    assert [p.request_id for p in store.due_cost_lookups(now=T0 + timedelta(minutes=1))] == [b]
    assert [p.request_id for p in store.due_cost_lookups(now=T0 + timedelta(minutes=5))] == [b, a]
    store.defer_cost_lookup(a, T0 + timedelta(minutes=6), "key refused", count=False)
    got = store.request_cost(a)
    assert got is not None and (got.attempts, got.last_error, got.estimate_usd) == (1, "key refused", None)
    store.give_up_cost_lookup(b, "unknown generation")
    gave_up = store.request_cost(b)
    assert gave_up is not None and (gave_up.state, gave_up.last_error) == ("failed", "unknown generation")
    assert store.logged_requests()[0].cost_usd == 0.5  # the estimate stays in the ledger
    assert store.pending_cost_lookups() == 1
    with pytest.raises(NotFoundError):
        store.queue_cost_lookup(999, "openrouter", "gen-x")
    with pytest.raises(NotFoundError):
        store.record_provider_cost(999, Decimal("1"))
    with pytest.raises(ValueError):
        store.record_provider_cost(a, Decimal("-1"))
    with pytest.raises(ValueError):
        store.queue_cost_lookup(a, "openrouter", "  ")


def test_a_database_from_before_m006_upgrades_with_its_ledger_intact(tmp_path: Path) -> None:
    old = tmp_path / "m005.db"
    conn = sqlite3.connect(old, isolation_level=None)
    conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
    apply_migrations(Database(conn, execute_plugins=False), stop_after="m005_comparison_parameters")
    conn.execute("INSERT INTO requests (provider, requested_model, served_model, started_at, cost_usd, cost_source) "
                 "VALUES ('openai', 'gpt-4o', 'gpt-4o-2024-08-06', '2025-03-01T10:00:00.000000Z', 0.25, 'catalog')")
    conn.execute("INSERT INTO requests (provider, requested_model, started_at, cost_usd, cost_source) "
                 "VALUES ('openrouter', 'x/y', '2025-03-01T11:00:00.000000Z', NULL, 'unknown')")  # fmt: skip
    conn.close()
    with open_store(old) as store:
        assert store.upgraded_with[0] == "m006_provider_accounts"
        rows = store.requests_on_days("openai", D1, D1)
        assert [(r.served_model, r.cost_usd, r.cost_source) for r in rows] == [("gpt-4o-2024-08-06", 0.25, "catalog")]
        assert store.report_lines("openai") == [] and store.pending_cost_lookups() == 0
        # The new parts work on old rows.
        assert store.queue_cost_lookup(2, "openrouter", "gen-old")
        store.record_provider_cost(2, Decimal("0.75"))
        assert store.spend().total_usd == pytest.approx(1.0) and store.spend().unpriced_requests == 0
