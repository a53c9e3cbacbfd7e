"""The spend ledger: logging attempts and the `spend --json` report, grouped and filtered."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date, datetime, timezone

import pytest

from app.store import Store


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


@pytest.fixture
def ledger(store: Store) -> Store:
    log = store.log_request
    log(
        provider="openai",
        requested_model="gpt-4o",
        served_model="gpt-4o-2024-08-06",
        started_at=at("2025-01-01T10:00"),
        input_tokens=100,
        output_tokens=50,
        cost_usd=0.002,
        cost_source="catalog",
    )
    log(
        provider="openai",
        requested_model="gpt-4o-mini",
        started_at=at("2025-01-02T10:00"),
        input_tokens=10,
        output_tokens=5,
        cost_usd=0.0001,
        cost_source="catalog",
        source="cli",
    )
    log(
        provider="anthropic",
        requested_model="claude",
        served_model="claude-3-5",
        started_at=at("2025-01-02T11:00"),
        input_tokens=1000,
        output_tokens=None,
        cost_usd=0.01,
        cost_source="provider",
    )
    log(
        provider="ollama",
        requested_model="llama3.2",
        started_at=at("2025-01-03T09:00"),
        input_tokens=7,
        output_tokens=3,
        cost_usd=0.0,
        cost_source="free",
    )
    log(
        provider="custom",
        requested_model="mystery",
        started_at=at("2025-01-03T10:00"),
        input_tokens=5,
        output_tokens=5,
        cost_usd=None,
    )
    return store


@pytest.fixture
def utc_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (POSIX)")
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_totals_count_every_attempt_and_unpriced_ones_separately(ledger: Store) -> None:
    report = ledger.spend()
    assert report.total_usd == pytest.approx(0.0121)
    assert (report.requests, report.unpriced_requests, report.rows) == (5, 1, ())


def test_by_provider_is_dearest_first(ledger: Store) -> None:
    rows = ledger.spend("provider").rows
    assert [(r.key, r.requests) for r in rows] == [("anthropic", 1), ("openai", 2), ("custom", 1), ("ollama", 1)]
    assert rows[0].input_tokens == 1000 and rows[0].output_tokens == 0  # unreported counts sum as 0
    assert rows[1].cost_usd == pytest.approx(0.0021)


def test_by_model_names_provider_and_served_model(ledger: Store) -> None:
    keys = [r.key for r in ledger.spend("model").rows]
    assert keys == ["anthropic:claude-3-5", "openai:gpt-4o-2024-08-06", "openai:gpt-4o-mini", "custom:mystery",
                    "ollama:llama3.2"]  # fmt: skip


def test_by_day_is_chronological_local_days(ledger: Store, utc_clock: None) -> None:
    rows = ledger.spend("day").rows
    assert [(r.key, r.requests) for r in rows] == [("2025-01-01", 1), ("2025-01-02", 2), ("2025-01-03", 2)]


def test_days_are_the_users_local_days(store: Store, monkeypatch: pytest.MonkeyPatch, utc_clock: None) -> None:
    store.log_request(provider="openai", requested_model="m", started_at=at("2025-01-01T20:00"), cost_usd=1.0)
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    assert [r.key for r in store.spend("day").rows] == ["2025-01-02"]  # 05:00 the next morning in Tokyo
    assert store.spend(since=date(2025, 1, 2)).requests == 1


def test_since_a_date_or_a_moment(ledger: Store, utc_clock: None) -> None:
    assert ledger.spend(since=date(2025, 1, 2)).requests == 4
    assert ledger.spend(since=date(2025, 1, 4)).requests == 0
    assert ledger.spend(since=at("2025-01-02T10:30")).requests == 3
    assert ledger.spend("provider", since=date(2025, 1, 3)).total_usd == 0.0


def test_spend_of_one_conversation(store: Store) -> None:
    cid = store.create_conversation()
    store.log_request(provider="openai", requested_model="m", cost_usd=0.25, conversation_id=cid)
    store.log_request(provider="openai", requested_model="m", cost_usd=1.0)
    assert store.spend(conversation_id=cid).total_usd == 0.25


def test_the_report_matches_the_spend_json_contract(ledger: Store) -> None:
    payload = json.loads(json.dumps(ledger.spend("provider").to_json()))
    assert set(payload) == {"total_usd", "requests", "rows", "unpriced_requests"}
    assert set(payload["rows"][0]) == {"key", "cost_usd", "requests", "input_tokens", "output_tokens"}
    assert payload["rows"][0]["key"] == "anthropic"


def test_a_logged_attempt_reads_back_whole_with_its_fallback_link(store: Store) -> None:
    first = store.log_request(provider="openai", requested_model="gpt-4o", error_kind="overloaded",
                              error_message="busy", finish_reason="error", cost_usd=0.0)  # fmt: skip
    second = store.log_request(provider="anthropic", requested_model="claude", served_model="claude-x",
                               fallback_of=first, ttft_ms=350, duration_ms=2100, cache_read_tokens=4,
                               cache_write_tokens=2, reasoning_tokens=9, finish_reason="stop", source="compare",
                               cost_usd=0.01, cost_source="override")  # fmt: skip
    newest, oldest = store.logged_requests()
    assert (newest.id, newest.fallback_of, newest.ttft_ms, newest.duration_ms) == (second, first, 350, 2100)
    assert (newest.cache_read_tokens, newest.cache_write_tokens, newest.reasoning_tokens) == (4, 2, 9)
    assert (newest.source, newest.cost_source, newest.served_model) == ("compare", "override", "claude-x")
    assert (oldest.error_kind, oldest.error_message, oldest.cost_source) == ("overloaded", "busy", "unknown")
    assert oldest.started_at.tzinfo is not None


def test_nonsense_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="cost_source"):
        store.log_request(provider="p", requested_model="m", cost_source="guess")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="source"):
        store.log_request(provider="p", requested_model="m", source="web")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="grouped by"):
        store.spend("week")  # type: ignore[arg-type]
