"""Retries on an injected clock, fallback chains and cancellation, against real loopback servers."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from app.core.chat import ChatRun
from app.core.resilience import Resilience, RetryPolicy, Target
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import chunk, dropped_reply, error_reply, stream_reply
from tests.support.waiting import wait_until

REQ = ChatRequest(model="m", messages=(Message("user", "hi"),))


class FakeClock:
    def __init__(self) -> None:
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def _target(server: LoopbackServer, provider: str = "openai", model: str = "m") -> Target:
    spec = with_base_url(get_spec(provider), server.url + "/v1")
    return Target(Endpoint(spec, api_key="test-key-not-real"), model)


async def _run(chain: list[Target], clock: FakeClock, policy: RetryPolicy | None = None) -> ChatRun:
    async with httpx.AsyncClient() as client:
        run = ChatRun(Resilience(client, policy or RetryPolicy(), sleep=clock.sleep, jitter=lambda: 0.0), chain, REQ)
        await run.execute()
    return run


async def test_retries_500_then_succeeds_with_backoff(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(500, "x"), error_reply(502, "y"), stream_reply(["fine"]))
    clock = FakeClock()
    run = await _run([_target(loopback)], clock)
    assert run.reply.error is None and run.reply.text == "fine"
    assert clock.slept == [0.5, 1.0]  # 1 s then 2 s, each at 50 % with zero jitter
    assert len(loopback.requests) == 3
    assert run.reply.attempts[0].retries == 2


async def test_retry_after_is_honoured(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(429, "slow", headers={"retry-after": "4"}), stream_reply(["ok"]))
    clock = FakeClock()
    run = await _run([_target(loopback)], clock)
    assert run.reply.text == "ok" and clock.slept == [4.0]


async def test_retry_after_longer_than_budget_fails_at_once(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(429, "slow", headers={"retry-after": "120"}))
    clock = FakeClock()
    run = await _run([_target(loopback)], clock)
    assert clock.slept == []
    assert run.reply.error is not None and run.reply.error.retry_after == 120.0
    assert run.reply.as_json()["error"]["retry_after"] == 120.0


async def test_gives_up_after_max_retries(loopback: LoopbackServer) -> None:
    loopback.enqueue(*[error_reply(503, "busy") for _ in range(4)])
    clock = FakeClock()
    run = await _run([_target(loopback)], clock)
    assert len(clock.slept) == 3 and len(loopback.requests) == 4
    assert run.reply.error is not None and run.reply.error.kind == "overloaded"


@pytest.mark.parametrize("status", [400, 401])
async def test_no_retry_for_bad_request_or_auth(loopback: LoopbackServer, status: int) -> None:
    loopback.enqueue(error_reply(status, "no"))
    clock = FakeClock()
    run = await _run([_target(loopback)], clock)
    assert clock.slept == [] and len(loopback.requests) == 1
    assert run.reply.error is not None


async def test_no_retry_after_first_token(loopback: LoopbackServer) -> None:
    loopback.enqueue(dropped_reply(["half an "]), stream_reply(["never"]))
    clock = FakeClock()
    run = await _run([_target(loopback)], clock)
    assert run.reply.text == "half an " and run.reply.status == "interrupted"
    assert run.reply.error is not None and run.reply.error.kind == "network"
    assert len(loopback.requests) == 1


async def test_fallback_moves_past_a_dead_provider(loopback: LoopbackServer) -> None:
    second = LoopbackServer().start()
    try:
        loopback.enqueue(error_reply(401, "bad key"))
        second.enqueue(stream_reply(["from the fallback"], model="backup-served"))
        clock = FakeClock()
        run = await _run([_target(loopback, "openai", "primary"), _target(second, "groq", "backup")], clock)
    finally:
        second.stop()
    reply = run.reply
    assert reply.error is None and reply.text == "from the fallback"
    assert reply.provider == "groq" and reply.model == "backup-served"
    assert [a.as_json() for a in reply.attempts] == [
        {"provider": "openai", "model": "primary", "error_kind": "auth"},
        {"provider": "groq", "model": "backup", "error_kind": None},
    ]


async def test_bad_request_does_not_fall_back(loopback: LoopbackServer) -> None:
    second = LoopbackServer().start()
    try:
        loopback.enqueue(error_reply(400, "bad parameter"))
        run = await _run([_target(loopback), _target(second, "groq")], FakeClock())
        assert second.requests == []
    finally:
        second.stop()
    assert run.reply.error is not None and run.reply.error.category == "bad_request"


async def test_cancel_keeps_partial_text(loopback: LoopbackServer) -> None:
    reply = Reply.sse([chunk("kept "), chunk("text")], done=False)
    reply.chunks.append(Pause(30))
    loopback.enqueue(reply)
    async with httpx.AsyncClient() as client:
        run = ChatRun(Resilience(client), [_target(loopback)], REQ)
        task = asyncio.create_task(run.execute())
        await wait_until(lambda: run.reply.text == "kept text", what="the streamed text")
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert run.reply.text == "kept text"
    assert run.reply.finish_reason == "cancelled" and run.reply.status == "interrupted"
    assert run.reply.error is not None and run.reply.error.category == "cancelled"


def test_backoff_is_capped() -> None:
    policy = RetryPolicy()
    assert policy.backoff(0, 0.999999) == pytest.approx(1.0, rel=1e-3)
    assert policy.backoff(10, 0.999999) == pytest.approx(30.0, rel=1e-3)
