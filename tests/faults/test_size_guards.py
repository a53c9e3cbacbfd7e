"""Gigantic frames at the default limits, in the small pieces a real network delivers: linear time, bounded memory.

The loopback server's reads arrive in large pieces; here an httpx MockTransport hands the adapter exactly
4 KB at a time (a typical TLS read), which is where any re-scan of a growing buffer turns quadratic.
"""

from __future__ import annotations

import itertools
import time
import tracemalloc
from collections.abc import AsyncIterator

import httpx
import pytest

from app.core.chat import ChatRun
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Endpoint, Message, adapter_for
from tests.support.fault_bodies import MODEL, WIRES, Wire
from tests.support.fault_harness import POLICY, REQ, assert_failed, endpoint

PIECE = 4 * 1024
MB = 1024 * 1024
NO_STREAM = ChatRequest(model=MODEL, messages=(Message("user", "hi"),), stream=False)


def _client(head: list[bytes], content_type: str, size: int) -> httpx.AsyncClient:
    async def body() -> AsyncIterator[bytes]:
        for chunk in head:
            yield chunk
        for chunk in itertools.repeat(b"x" * PIECE, size // PIECE):
            yield chunk

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-type": content_type}, content=body())

    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


async def _run(
    client: httpx.AsyncClient, ep: Endpoint, request: ChatRequest, *, trace: bool
) -> tuple[ChatRun, float, int]:
    """Run once; the time it took and, when traced, the peak of memory allocated meanwhile."""
    adapter = adapter_for(ep)
    res = Resilience(client, POLICY, sleep=_never, make_adapter=lambda _ep: adapter)
    run = ChatRun(res, [Target(ep, MODEL)], request)
    if trace:
        tracemalloc.start()
    t0 = time.monotonic()
    try:
        await run.execute()
        elapsed = time.monotonic() - t0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return run, elapsed, peak


async def _never(seconds: float) -> None:
    raise AssertionError("a size guard must not be retried")


@pytest.mark.parametrize("wire", WIRES, ids=[w.name for w in WIRES])
async def test_gigantic_frame_at_default_limits(wire: Wire) -> None:
    """20 MB of one event / line / element with the default 64 MB guard: the decoder's per-frame limit
    (16 M characters) ends it, in about the frame's own size of memory and well under a second or two."""
    head = [*wire.frames(["kept ", "text"]), wire.open_delta()]
    async with _client(head, wire.content_type, 20 * MB) as client:
        run, elapsed, peak = await _run(client, endpoint(wire, "http://127.0.0.1:9"), REQ, trace=True)
    assert_failed(run, "protocol", "protocol", text="kept text")
    assert "larger than" in run.reply.error.message  # type: ignore[union-attr]
    assert peak < 40 * MB, f"peak {peak / 2**20:.0f} MB for a 16 MB frame"
    assert elapsed < 5.0, f"{elapsed:.1f} s"


@pytest.mark.parametrize("wire", WIRES, ids=[w.name for w in WIRES])
async def test_gigantic_whole_json_answer_at_default_limits(wire: Wire) -> None:
    """A non-streamed, pretty-printed answer whose one JSON object runs on for 12 MB: read in linear time
    (each piece looked at once), then refused as malformed."""
    body = wire.whole_reply("").chunks[0]
    assert isinstance(body, bytes)
    opened = body[: body.index(b'""') + 1]  # the answer's text string opened, never closed
    async with _client([opened], "application/json", 12 * MB) as client:
        run, elapsed, _ = await _run(client, endpoint(wire, "http://127.0.0.1:9"), NO_STREAM, trace=False)
    assert_failed(run, "protocol", "protocol")
    assert elapsed < 5.0, f"{elapsed:.1f} s"
