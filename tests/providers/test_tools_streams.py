"""Streamed tool calls over a real socket, for all six protocols: the same scripts, each in its own framing
(see tool_replies): parallel calls, argument text split at awkward places, a call with no arguments, and
arguments that are not JSON (kept as text and flagged)."""

from __future__ import annotations

import json

import pytest

from app.providers import ToolCallDelta, ToolCallEnd, ToolCallStart
from tests.support.loopback import LoopbackServer

from .tool_replies import PROTOCOLS, SCRIPTS, expected, run


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
