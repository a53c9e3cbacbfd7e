"""Comparison panes run concurrently: a stalled pane never holds up the others, and stops alone."""

from __future__ import annotations

import asyncio

import httpx

from app.core.compare import Comparison, ranking
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import chunk, stream_reply
from tests.support.waiting import wait_until


def _target(server: LoopbackServer, model: str) -> Target:
    return Target(Endpoint(with_base_url(get_spec("openai"), server.url + "/v1"), api_key="test-key-not-real"), model)


async def test_stalled_pane_does_not_block_others(loopback: LoopbackServer) -> None:
    stalled = LoopbackServer().start()
    try:
        stall = Reply.sse([chunk("waiting")], done=False)
        stall.chunks.append(Pause(60))
        stalled.enqueue(stall)
        # Answered by model, not by arrival order: the two fast panes race to connect.
        loopback.handler = lambda req: stream_reply(["a", "b"] if req.json()["model"] == "f1" else ["c"])
        request = ChatRequest(model="x", messages=(Message("user", "hi"),))
        async with httpx.AsyncClient() as client:
            cmp = Comparison(Resilience(client), [[_target(stalled, "s")], [_target(loopback, "f1")],
                                                  [_target(loopback, "f2")]], request)  # fmt: skip
            task = asyncio.ensure_future(cmp.execute())
            await wait_until(lambda: all(p.reply.status == "complete" for p in cmp.panes[1:]), timeout=30.0,
                             what="the fast panes")  # fmt: skip
            assert [p.reply.text for p in cmp.panes[1:]] == ["ab", "c"]
            assert cmp.panes[0].reply.text == "waiting" and not task.done()
            cmp.stop(0)
            replies = await task
    finally:
        stalled.stop()
    assert replies[0].status == "interrupted" and replies[0].text == "waiting"
    assert replies[1].status == "complete" and replies[2].status == "complete"
    assert [p.label for p in cmp.panes] == ["A", "B", "C"]
    assert ranking(replies)["ttft_ms"][-1] == 0
