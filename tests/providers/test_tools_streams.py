"""Streamed tool calls over a real socket, for all six protocols: the same scripts, each in its own framing
(see tool_replies): parallel calls, argument text split at awkward places, a call with no arguments, and
arguments that are not JSON (kept as text and flagged)."""

from __future__ import annotations

import json

import httpx
import pytest

from app.core.chat import ChatRun
from app.core.resilience import Resilience, Target
from app.providers import (
    ChatRequest,
    Endpoint,
    Message,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    get_spec,
    with_base_url,
)
from tests.support.loopback import LoopbackServer

from .tool_replies import PROTOCOLS, SCRIPTS, TOOLS, expected, run


@pytest.mark.parametrize("script", list(SCRIPTS))
@pytest.mark.parametrize("protocol", list(PROTOCOLS))
async def test_streamed_calls(protocol: str, script: str, loopback: LoopbackServer) -> None:
    p, calls = PROTOCOLS[protocol], SCRIPTS[script]
    got = await run(protocol, calls, loopback)
    assert got.error is None, got.error
    assert [c.name for c in got.calls] == [c.name for c in calls]
    for call, want in zip(got.calls, calls, strict=True):
        arguments, flagged = expected(want, p)
        assert call.arguments == arguments
        assert (call.arguments_error is not None) is flagged
        if p.gives_ids:
            assert call.id == want.id
        else:
            assert call.id.startswith("call_") and len(call.id) > 8
    assert len({c.id for c in got.calls}) == len(calls)
    # Per call: Start first, then its argument text, then End; every End before the answer's Finish.
    for call in got.calls:
        kinds = (ToolCallStart, ToolCallDelta, ToolCallEnd)
        mine = [ev for ev in got.events if isinstance(ev, kinds) and ev.id == call.id]
        assert isinstance(mine[0], ToolCallStart) and mine[0].name == call.name
        assert isinstance(mine[-1], ToolCallEnd)
        streamed = "".join(ev.text for ev in mine if isinstance(ev, ToolCallDelta))
        if p.streams_arguments:
            assert streamed == next(c.text for c in calls if c.id == call.id)
        else:  # one delta with the whole arguments as JSON text
            assert streamed == (call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments,
                                                                                                ensure_ascii=False))
    ends = [i for i, ev in enumerate(got.events) if isinstance(ev, ToolCallEnd)]
    assert got.finish is not None and got.finish.reason == "tool_calls"
    assert max(ends) < got.events.index(got.finish)
    if protocol == "cohere":
        assert got.text == "I will look."  # the tool plan is the text before the calls


async def test_gemini_keeps_the_signature_on_its_call(loopback: LoopbackServer) -> None:
    got = await run("gemini", SCRIPTS["parallel"], loopback)
    first, *rest = got.calls
    assert first.signed is not None and first.signed.data == {"thoughtSignature": "c2ln"}
    assert first.signed.protocol == "gemini"
    assert all(c.signed is None for c in rest)


async def test_generated_ids_are_the_same_on_every_read(loopback: LoopbackServer) -> None:
    """Gemini gave no ids: ours derive from the answer's responseId, so reading it again gives the same ones."""
    first = await run("gemini", SCRIPTS["parallel"], loopback)
    again = await run("gemini", SCRIPTS["parallel"], loopback)
    assert [c.id for c in first.calls] == [c.id for c in again.calls]


@pytest.mark.parametrize("protocol", list(PROTOCOLS))
async def test_a_consumer_that_ignores_tool_events_still_works(protocol: str, loopback: LoopbackServer) -> None:
    """Core's ChatRun as it stands (it knows nothing of tools): the answer completes, its text and usage kept,
    and the finish says tool_calls."""
    p = PROTOCOLS[protocol]
    loopback.enqueue(p.reply(SCRIPTS["parallel"]))
    spec = with_base_url(get_spec(p.provider), loopback.url + p.base)
    request = ChatRequest(model="m", messages=(Message("user", "Weather?"),), tools=TOOLS)
    async with httpx.AsyncClient() as client:
        reply = await ChatRun(Resilience(client), [Target(Endpoint(spec, api_key="test-key-not-real"), "m")],
                              request).execute()  # fmt: skip
    assert reply.error is None, reply.error
    assert reply.finish_reason == "tool_calls"
    assert reply.text == ("I will look." if protocol == "cohere" else "")
    assert reply.usage.output_tokens == 9
