"""OpenRouter's generation lookup after an answer, over a loopback server: the exact cost replaces the
estimate in place, a lookup that cannot run yet stays queued and is retried later, budgets see the best figure."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from app.core.budgets import check_budget
from app.core.generation_costs import (
    MAX_ATTEMPTS,
    NOT_FOUND_GIVE_UP,
    drain_cost_lookups,
    lookup_after_answer,
    wants_lookup,
)
from app.core.keys import KeyStore
from app.core.settings import Budgets, Limits
from app.store import Store, open_store
from tests.support.loopback import LoopbackServer, Reply
from tests.support.report_servers import API_KEY, OpenRouterGenerations, generation
from tests.support.runtime import runtime_with


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "parley.db") as opened:
        yield opened


@pytest.fixture
def keys() -> KeyStore:
    keys = KeyStore()
    keys.set("openrouter", API_KEY)
    return keys


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


slept: list[float] = []


async def no_sleep(seconds: float) -> None:
    slept.append(seconds)


def answered(store: Store, cost: float | None = 0.0004, source: str = "catalog") -> int:
    return store.log_request(provider="openrouter", requested_model="openai/gpt-4o-mini",
                             served_model="openai/gpt-4o-mini", input_tokens=12, output_tokens=34, cost_usd=cost,
                             cost_source=source, finish_reason="stop", source="cli")  # type: ignore[arg-type]  # fmt: skip


async def test_the_exact_cost_replaces_the_estimate_after_the_answer_and_budgets_count_it(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    server = OpenRouterGenerations(known={"gen-1": generation("gen-1", 0.000515, provider="Azure", cached=4)},
                                   not_yet={"gen-1": 1})  # fmt: skip
    loopback.handler = server
    rid = answered(store)
    slept.clear()
    result = await lookup_after_answer(store, client, keys, rid, "gen-1", base_url=loopback.url + "/api/v1",
                                       sleep=no_sleep)  # fmt: skip
    assert (result.status, result.cost_usd) == ("reported", Decimal("0.000515"))
    assert slept == [1.5, 3.0]  # the first try came too soon (404); the second found it
    assert [r.path for r in loopback.requests] == ["/api/v1/generation?id=gen-1"] * 2
    assert loopback.requests[0].headers["authorization"] == f"Bearer {API_KEY}"

    (row,) = store.logged_requests()
    assert (row.cost_usd, row.cost_source, row.input_tokens, row.output_tokens) == (0.000515, "provider", 12, 34)
    kept = store.request_cost(rid)
    assert kept is not None and (kept.estimate_usd, kept.estimate_source) == (0.0004, "catalog")
    assert (kept.upstream_provider, kept.native_input_tokens, kept.native_cached_tokens) == ("Azure", 12, 4)
    assert store.spend().requests == 1  # replaced in place, never a second row

    spend = runtime_with(store).spending.now()
    assert spend.today == pytest.approx(0.000515)
    budgets = Budgets(overall=Limits(daily=0.0006))
    assert check_budget(budgets, spend, "openrouter", 0.00008).allowed  # 0.000595: under, with the exact figure
    assert not check_budget(budgets, spend, "openrouter", 0.0001).allowed


async def test_offline_the_lookup_stays_queued_and_a_later_drain_finishes_it(
    store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    down = LoopbackServer().start()
    gone = down.url + "/api/v1"
    down.stop()
    clock = Clock()
    rid = answered(store)
    result = await lookup_after_answer(store, client, keys, rid, "gen-2", base_url=gone, sleep=no_sleep, clock=clock)
    assert result.status == "stopped" and result.error is not None and result.error.kind == "network"
    pending = store.request_cost(rid)
    assert pending is not None and pending.state == "pending" and pending.attempts == 1
    assert store.logged_requests()[0].cost_source == "catalog"

    server = LoopbackServer().start()
    try:
        server.handler = OpenRouterGenerations(known={"gen-2": generation("gen-2", 0.0007)})
        url = server.url + "/api/v1"
        early = await drain_cost_lookups(store, client, keys, base_url=url, clock=clock)
        assert early.results == () and server.requests == []  # not due yet: back-off
        clock.now += timedelta(minutes=2)
        report = await drain_cost_lookups(store, client, keys, base_url=url, clock=clock)
        assert report.count("reported") == 1 and report.problem is None
        assert store.logged_requests()[0].cost_usd == 0.0007 and store.pending_cost_lookups() == 0
    finally:
        server.stop()


async def test_a_generation_the_provider_never_knows_is_given_up_and_the_estimate_stays(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = OpenRouterGenerations()
    clock = Clock()
    rid = answered(store, cost=0.0009)
    first = await lookup_after_answer(store, client, keys, rid, "gen-ghost", base_url=loopback.url + "/api/v1",
                                      sleep=no_sleep, clock=clock)  # fmt: skip
    assert first.status == "later" and len(loopback.requests) == 3  # every quick try answered 404
    clock.now += NOT_FOUND_GIVE_UP + timedelta(seconds=1)
    report = await drain_cost_lookups(store, client, keys, base_url=loopback.url + "/api/v1", clock=clock)
    assert report.count("failed") == 1
    gave_up = store.request_cost(rid)
    assert gave_up is not None and gave_up.state == "failed" and "estimate stays" in (gave_up.last_error or "")
    assert (store.logged_requests()[0].cost_usd, store.logged_requests()[0].cost_source) == (0.0009, "catalog")


async def test_a_refused_key_stops_the_drain_without_using_up_attempts(
    loopback: LoopbackServer, store: Store, client: httpx.AsyncClient
) -> None:
    loopback.handler = OpenRouterGenerations(known={"gen-a": generation("gen-a", 1), "gen-b": generation("gen-b", 2)})
    keys = KeyStore()
    keys.set("openrouter", "test-wrong-key-not-real")
    a, b = answered(store), answered(store)
    store.queue_cost_lookup(a, "openrouter", "gen-a")
    store.queue_cost_lookup(b, "openrouter", "gen-b")
    report = await drain_cost_lookups(store, client, keys, base_url=loopback.url + "/api/v1")
    assert report.problem is not None and report.problem.kind == "auth" and len(loopback.requests) == 1
    assert "OpenRouter API key was refused" in report.problem.message and "openrouter" in report.problem.advice
    assert "test-wrong-key-not-real" not in report.problem.describe()
    both = [store.request_cost(a), store.request_cost(b)]
    assert [(c.state, c.attempts) for c in both if c] == [("pending", 0), ("pending", 0)]

    nokey = await drain_cost_lookups(store, client, KeyStore(), clock=lambda: datetime.now(timezone.utc) + timedelta(
        hours=2))  # fmt: skip
    assert nokey.problem is not None and "no OpenRouter API key" in nokey.problem.message
    assert len(loopback.requests) == 1


async def test_a_malformed_answer_is_retried_a_few_times_then_given_up(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = lambda req: Reply.json({"data": {"id": "gen-m", "total_cost": "lots"}})
    clock = Clock()
    rid = answered(store)
    store.queue_cost_lookup(rid, "openrouter", "gen-m", now=clock.now)
    statuses = []
    for _ in range(MAX_ATTEMPTS):
        report = await drain_cost_lookups(store, client, keys, base_url=loopback.url + "/api/v1", clock=clock)
        statuses += [r.status for r in report.results]
        clock.now += timedelta(days=1)
    assert statuses == ["later"] * (MAX_ATTEMPTS - 1) + ["failed"]
    assert store.logged_requests()[0].cost_source == "catalog"


async def test_a_stream_reported_cost_is_still_looked_up_for_native_counts(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = OpenRouterGenerations(known={"gen-s": generation("gen-s", 0.0003, reasoning=7)})
    rid = answered(store, cost=0.0003, source="provider")
    result = await lookup_after_answer(store, client, keys, rid, "gen-s", base_url=loopback.url + "/api/v1",
                                       sleep=no_sleep)  # fmt: skip
    assert result.status == "reported"
    got = store.request_cost(rid)
    assert got is not None and (got.estimate_source, got.native_reasoning_tokens) == ("provider", 7)
    assert store.spend().total_usd == pytest.approx(0.0003)


def test_only_answers_with_an_id_from_a_provider_that_reports_afterwards_are_looked_up() -> None:
    assert wants_lookup("openrouter", "gen-1")
    assert not wants_lookup("openrouter", None) and not wants_lookup("openrouter", " ")
    assert not wants_lookup("openai", "chatcmpl-1")
