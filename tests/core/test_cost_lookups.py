"""The Runtime's cost lookups: an answer with no cost in its stream from a provider that reports it afterwards
is queued when it is logged, looked up in the background once the service runs (a loopback server speaks
OpenRouter's generation lookup), and its estimate replaced in place; offline it stays queued for a later
drain. Account reports are fetched on the user's schedule only. Nothing is lost or doubled."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from app.core.asks import Ask
from app.core.cost_lookups import Reported
from app.core.generation_costs import utc_now
from app.core.runtime import Runtime
from app.core.settings import ProviderSettings, Settings
from app.core.turn import Turn
from app.providers import Finish, ResponseInfo, TextDelta, Usage, UsageUpdate
from app.store import Store
from tests.support.loopback import LoopbackServer
from tests.support.report_servers import (
    ADMIN_KEY,
    OpenAIAdmin,
    OpenRouterGenerations,
    generation,
    openai_bucket,
    openai_cost,
)
from tests.support.scripted import Script
from tests.support.waiting import wait_until

MODEL = "openai/gpt-4o-mini"


def answer(script: Script, response_id: str, *, cost: float | None = None) -> None:
    usage = Usage(input_tokens=1000, output_tokens=500, provider_cost_usd=cost)
    script.answer(ResponseInfo(model=MODEL, response_id=response_id), TextDelta("fine"), UsageUpdate(usage),
                  Finish("stop", raw="stop"), provider="openrouter")  # fmt: skip


def pointed_at(runtime: Runtime, url: str, **more: ProviderSettings) -> None:
    runtime.replace_settings(Settings(providers={"openrouter": ProviderSettings(base_url=url + "/api/v1"), **more}))


def heard(runtime: Runtime) -> list[Reported]:
    news: list[Reported] = []
    runtime.cost_lookups.on_reported(news.append)
    return news


async def ask(runtime: Runtime, prompt: str = "hi") -> Turn:
    turn = Turn(runtime, Ask("openrouter", MODEL, prompt))
    await turn.run()
    return turn


async def test_after_an_answer_the_running_service_replaces_its_estimate_with_the_providers_figure(
    runtime: Runtime, store: Store, script: Script, loopback: LoopbackServer
) -> None:
    loopback.handler = OpenRouterGenerations(known={"gen-a": generation("gen-a", 0.000515)}, not_yet={"gen-a": 1})
    pointed_at(runtime, loopback.url)
    news = heard(runtime)
    runtime.cost_lookups.waits = (0.0, 0.0)
    runtime.cost_lookups.start(every=3600)
    answer(script, "gen-a")
    turn = await ask(runtime)
    estimate = turn.reply.cost_usd
    assert turn.reply.cost_source == "catalog" and estimate is not None and estimate != pytest.approx(0.000515)

    await wait_until(lambda: news, what="the provider's figure")
    (row,) = store.logged_requests()
    assert news == [Reported(row.id, turn.reply.conversation_id, turn.reply.message_id, Decimal("0.000515"))]
    assert (row.cost_usd, row.cost_source) == (0.000515, "provider")
    kept = store.request_cost(row.id)
    assert kept is not None and kept.estimate_usd == pytest.approx(estimate) and kept.estimate_source == "catalog"
    assert store.spend().requests == 1 and store.spend().total_usd == pytest.approx(0.000515)
    cost = runtime.cost_lookups.answer_cost(turn.reply.message_id or 0)
    assert cost is not None and (cost.cost_usd, cost.source) == (0.000515, "provider")
    assert [r.path for r in loopback.requests] == ["/api/v1/generation?id=gen-a"] * 2  # not readable at first


async def test_offline_the_lookup_stays_queued_and_the_next_drain_replaces_the_estimate(
    runtime: Runtime, store: Store, script: Script
) -> None:
    down = LoopbackServer().start()
    pointed_at(runtime, down.url)
    down.stop()
    news = heard(runtime)
    runtime.cost_lookups.waits = (0.0,)
    runtime.cost_lookups.start(every=3600)
    answer(script, "gen-b")
    turn = await ask(runtime)
    (row,) = store.logged_requests()
    await wait_until(lambda: (p := store.request_cost(row.id)) is not None and p.attempts == 1, what="a failed try")
    assert store.logged_requests()[0].cost_source == "catalog" and news == []
    assert store.pending_cost_lookups() == 1

    server = LoopbackServer().start()
    try:
        server.handler = OpenRouterGenerations(known={"gen-b": generation("gen-b", 0.0007)})
        pointed_at(runtime, server.url)
        later = utc_now() + timedelta(minutes=2)  # past the first back-off
        runtime.cost_lookups.clock = lambda: later
        assert await runtime.cost_lookups.drain() == 1
    finally:
        server.stop()
    assert [(r.cost_usd, r.cost_source) for r in store.logged_requests()] == [(0.0007, "provider")]
    assert [n.message_id for n in news] == [turn.reply.message_id] and store.pending_cost_lookups() == 0
    assert await runtime.cost_lookups.drain() == 0  # done once: never counted twice


async def test_without_the_service_an_answer_is_only_queued_and_nothing_is_sent(
    runtime: Runtime, store: Store, script: Script, loopback: LoopbackServer
) -> None:
    loopback.handler = OpenRouterGenerations(known={"gen-c": generation("gen-c", 0.0001)})
    pointed_at(runtime, loopback.url)
    answer(script, "gen-c")
    await ask(runtime)  # as `python -m app ask` does: the service never started
    assert store.pending_cost_lookups() == 1 and loopback.requests == []
    assert store.logged_requests()[0].cost_source == "catalog"


async def test_a_cost_the_stream_reported_is_not_looked_up_again(
    runtime: Runtime, store: Store, script: Script
) -> None:
    answer(script, "gen-d", cost=0.0002)
    await ask(runtime)
    (row,) = store.logged_requests()
    assert row.cost_source == "provider" and store.request_cost(row.id) is None


async def test_account_reports_are_fetched_on_the_users_schedule_only(
    runtime: Runtime, store: Store, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_ADMIN_KEY", ADMIN_KEY)
    today = utc_now().date()
    loopback.handler = OpenAIAdmin(costs=[openai_bucket(today, [openai_cost("0.25", "gpt-4o, input")])])
    openai = ProviderSettings(base_url=loopback.url + "/v1")
    runtime.replace_settings(Settings(providers={"openai": openai}))
    assert await runtime.cost_lookups.reports_due() == [] and loopback.requests == []  # off: the default

    outcomes: list[str] = []
    runtime.cost_lookups.on_reconciled(lambda provider, outcome: outcomes.append(provider))
    runtime.replace_settings(Settings(providers={"openai": openai}, reconcile_schedule="daily"))
    assert await runtime.cost_lookups.reports_due() == ["openai"] and outcomes == ["openai"]
    assert loopback.requests and all(r.method == "GET" for r in loopback.requests)
    asked = len(loopback.requests)
    assert await runtime.cost_lookups.reports_due() == [] and len(loopback.requests) == asked  # not due again today
    assert store.report_lines("openai", today, today)[0].amount_usd == Decimal("0.25")
