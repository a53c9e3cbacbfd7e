"""The fault suite's harness: one real adapter, one client and one Resilience per protocol, on a fake clock."""

from __future__ import annotations

import json
import ssl
from dataclasses import dataclass, field

import httpx

from app.core.chat import ChatRun
from app.core.resilience import Resilience, RetryPolicy, Target
from app.providers import Adapter, ChatRequest, Endpoint, Message, Timeouts, adapter_for, get_spec, with_base_url
from tests.support.fault_bodies import KEY, MODEL, Wire
from tests.support.loopback import LoopbackServer

POLICY = RetryPolicy(max_retries=2, base_delay=1.0, factor=2.0, max_delay=30.0, total_budget=60.0)
BACKOFF = [0.5, 1.0]  # POLICY's waits with zero jitter: 1 s then 2 s, each at 50 %
ATTEMPTS = POLICY.max_retries + 1
ROOMY = Timeouts(connect=2.0, first_byte=5.0, between_chunks=5.0)  # never reached unless a case wants it
TINY = Timeouts(connect=2.0, first_byte=0.15, between_chunks=0.15)  # still 30x a loopback answer's time
REQ = ChatRequest(model=MODEL, messages=(Message("user", "hi"),))


def endpoint(
    wire: Wire,
    base: str,
    timeouts: Timeouts = ROOMY,
    max_response_bytes: int = 64 * 1024 * 1024,
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> Endpoint:
    spec = with_base_url(get_spec(wire.provider), base + wire.suffix)
    return Endpoint(
        spec, api_key=KEY, timeouts=timeouts, max_response_bytes=max_response_bytes, extra_headers=extra_headers
    )


_TLS: list[ssl.SSLContext] = []


def new_client() -> httpx.AsyncClient:
    """A client like the app's; the TLS context (25 ms to load) is built once for the whole suite."""
    if not _TLS:
        _TLS.append(ssl.create_default_context())
    return httpx.AsyncClient(verify=_TLS[0])


@dataclass
class Harness:
    """A protocol's real adapter driven through ChatRun and Resilience against the loopback server."""

    wire: Wire
    server: LoopbackServer
    client: httpx.AsyncClient
    sleeps: list[float] = field(default_factory=list)
    adapter: Adapter = field(init=False)
    resilience: Resilience = field(init=False)

    def __post_init__(self) -> None:
        self.use()

        async def fake_sleep(seconds: float) -> None:
            self.sleeps.append(seconds)

        self.resilience = Resilience(
            self.client, POLICY, sleep=fake_sleep, jitter=lambda: 0.0, make_adapter=self._adapter_for
        )

    def use(self, timeouts: Timeouts = ROOMY, max_response_bytes: int = 64 * 1024 * 1024) -> Harness:
        """Rebuild the adapter with these limits (before a case starts)."""
        self.adapter = adapter_for(endpoint(self.wire, self.server.url, timeouts, max_response_bytes))
        return self

    def _adapter_for(self, ep: Endpoint) -> Adapter:
        return self.adapter if ep is self.adapter.endpoint else adapter_for(ep)

    def target(self, ep: Endpoint | None = None) -> Target:
        return Target(ep or self.adapter.endpoint, MODEL)

    def chat(self, request: ChatRequest = REQ, ep: Endpoint | None = None) -> ChatRun:
        return ChatRun(self.resilience, [self.target(ep)], request)

    async def run(self, request: ChatRequest = REQ, ep: Endpoint | None = None) -> ChatRun:
        run = self.chat(request, ep)
        await run.execute()
        return run

    async def still_works(self) -> None:
        """The same adapter, client and Resilience answer a normal request at once."""
        self.sleeps.clear()
        before = len(self.server.requests)
        self.server.enqueue(self.wire.good(["still ", "fine ✓"]))
        run = await self.run()
        reply = run.reply
        assert reply.error is None, reply.error
        assert (reply.text, reply.finish_reason, reply.status) == ("still fine ✓", "stop", "complete")
        assert len(self.server.requests) == before + 1 and self.sleeps == []


def assert_no_key(run: ChatRun) -> None:
    """The key is in no part of what the user or the log could see."""
    reply = run.reply
    assert KEY not in json.dumps(reply.as_json(), ensure_ascii=False)
    if reply.error is not None:
        assert KEY not in str(reply.error) and KEY not in repr(reply.error) and KEY not in reply.error.message


def assert_failed(run: ChatRun, kind: str, category: str, *, text: str = "") -> None:
    reply = run.reply
    assert reply.error is not None, f"expected {kind}, the answer completed: {reply.text[:80]!r}"
    assert (reply.error.kind, reply.error.category) == (kind, category), reply.error
    assert reply.as_json()["error"]["category"] == category
    assert reply.finish_reason == "error"
    assert reply.text == text
    assert reply.status == ("interrupted" if text else "error")
    assert_no_key(run)
