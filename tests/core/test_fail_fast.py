"""Failing over fast where waiting is pointless, and saying plainly what broke (injected clock, real sockets)."""

from __future__ import annotations

import socket

import httpx

from app.core.chat import ChatRun
from app.core.resilience import Resilience, RetryPolicy, Target
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from app.providers.net_faults import on_this_machine, refused
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import dropped_reply, stream_reply

REQ = ChatRequest(model="m", messages=(Message("user", "hi"),))


class FakeClock:
    def __init__(self) -> None:
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def _target(base_url: str, provider: str = "openai", model: str = "m") -> Target:
    return Target(Endpoint(with_base_url(get_spec(provider), base_url), api_key="test-key-not-real"), model)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


async def _run(chain: list[Target], clock: FakeClock) -> ChatRun:
    async with httpx.AsyncClient() as client:
        run = ChatRun(Resilience(client, RetryPolicy(), sleep=clock.sleep, jitter=lambda: 0.0), chain, REQ)
        await run.execute()
    return run


async def test_a_local_server_that_is_not_running_goes_straight_to_the_fallback(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["from the fallback"]))
    clock = FakeClock()
    dead = _target(f"http://127.0.0.1:{_closed_port()}/v1", "lmstudio", "local-model")
    run = await _run([dead, _target(loopback.url + "/v1", "groq", "backup")], clock)
    assert run.reply.error is None and run.reply.text == "from the fallback"
    assert clock.slept == []  # no backoff at all (the default policy would wait 0.5 + 1 + 2 s)
    first, second = run.reply.attempts
    assert (first.provider, first.retries, first.waited) == ("lmstudio", 0, 0.0)
    assert first.error is not None and first.error.kind == "network" and first.error.refused_here
    assert second.provider == "groq" and len(loopback.requests) == 1


async def test_localhost_by_name_counts_as_this_machine(loopback: LoopbackServer) -> None:
    clock = FakeClock()
    run = await _run([_target(f"http://localhost:{_closed_port()}/v1", "ollama", "llama3")], clock)
    assert clock.slept == [] and len(run.reply.attempts) == 1
    assert run.reply.error is not None and "nothing is listening" in run.reply.error.message


def test_where_a_refusal_came_from() -> None:
    for url in ("http://127.0.0.1:1234/v1", "http://localhost:11434", "http://[::1]:8080", "http://0.0.0.0:8000",
                "http://api.localhost/v1", "http://127.8.9.10"):  # fmt: skip
        assert on_this_machine(url), url
    for url in ("https://api.openai.com/v1", "http://192.168.1.20:11434", "http://10.0.0.5", "not a url"):
        assert not on_this_machine(url), url
    wrapped = httpx.ConnectError("All connection attempts failed")
    wrapped.__cause__ = OSError("All connection attempts failed")
    wrapped.__cause__.__cause__ = ConnectionRefusedError(111, "Connect call failed")
    assert refused(wrapped)
    assert not refused(httpx.ConnectError("[Errno -2] Name or service not known"))


async def test_a_dropped_connection_says_it_dropped(loopback: LoopbackServer) -> None:
    loopback.enqueue(dropped_reply(["half of it"]))
    run = await _run([_target(loopback.url + "/v1")], FakeClock())
    err = run.reply.error
    assert err is not None and run.reply.text == "half of it"
    assert "dropped" in err.message and "dropped" in err.advice
    assert "base URL" not in err.message + err.advice
