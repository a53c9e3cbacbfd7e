"""The tool loop in a core turn: a real MCP server (stdio), the model on a real socket, the real store."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.history import Conversations
from app.core.mcp.approval import Decision
from app.core.runtime import Runtime
from app.core.tool_loop import DECLINED, STOPPED
from app.core.turn import Turn
from tests.support.loopback import LoopbackServer, Recorded
from tests.support.mcp_servers import stdio_server
from tests.support.tool_turns import (
    Answers,
    Heard,
    ask_for,
    call,
    calls_reply,
    run_turn,
    text_reply,
    toolbox,
)

ADDER = stdio_server("adder", "adder.py")


def messages(req: Recorded) -> list[dict[str, Any]]:
    body: dict[str, Any] = req.json()
    return list(body["messages"])


async def test_a_two_step_turn_runs_the_call_and_answers(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.enqueue(calls_reply("openai_chat", call("call_1", "adder__add", {"a": 2, "b": 3})),
                     text_reply("openai_chat", "It is 5.", input_tokens=30))  # fmt: skip
    heard = Heard()
    async with toolbox(ADDER) as (tools, errors):
        assert errors == []
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools, model="gpt-4o-mini"), heard)
    reply = turn.reply
    assert reply.error is None and reply.text == "It is 5." and reply.finish_reason == "stop"
    assert len(turn.steps) == 2 and [s.finish_reason for s in turn.steps] == ["tool_calls", "stop"]
    assert heard.states("adder__add") == ["asked", "approved", "running", "done"]
    # The tools went out with both requests; the result went back after the call it answers.
    first, second = (r.json() for r in loopback.requests)
    assert [t["function"]["name"] for t in first["tools"]][:2] == ["adder__add", "adder__echo"]
    assert second["tools"] == first["tools"]
    sent = messages(loopback.requests[1])
    assert sent[1]["tool_calls"][0]["id"] == "call_1"
    assert sent[2] == {"role": "tool", "tool_call_id": "call_1", "content": "5"}
    # Sums over the steps: tokens, cost, attempts; the first step's ttft, the last step's model.
    assert reply.usage.input_tokens == 5 + 30 and reply.usage.output_tokens == 9 + 7
    assert len(reply.attempts) == 2 and reply.ttft_ms == turn.steps[0].ttft_ms
    costs = [s.cost_usd for s in turn.steps]
    assert all(c is not None and c > 0 for c in costs)
    assert reply.cost_usd == pytest.approx(sum(c for c in costs if c is not None))
    assert reply.duration_ms is not None and reply.duration_ms >= sum(s.duration_ms or 0 for s in turn.steps)
    # One ledger row per model call, linked to the answer, numbered.
    store = runtime.store
    assert store is not None and turn.message_id is not None
    rows = store.message_requests(turn.message_id)
    assert [(r.step, r.finish_reason, r.input_tokens) for r in rows] == [(1, "tool_calls", 5), (2, "stop", 30)]
    assert store.spend().total_usd == pytest.approx(reply.cost_usd)
    # The answer and its steps are stored; the history gives back the calls and the result.
    assert store.message(turn.message_id).content == "It is 5."
    assert turn.as_json()["steps"] == 2
    assert turn.as_json()["tool_calls"] == [{"name": "add", "server": "adder", "arguments": {"a": 2, "b": 3},
                                             "result": "5", "error": None, "ms": turn.tool_calls[0].as_json()["ms"]}]
    assert turn.conversation_id is not None
    history = Conversations(store).history(turn.conversation_id)
    assert [(m.role, m.text, [c.name for c in m.tool_calls]) for m in history] == [
        ("user", "Add 2 and 3.", []), ("assistant", "", ["adder__add"]), ("tool", "5", []),
        ("assistant", "It is 5.", [])]  # fmt: skip
    assert turn.answer_messages() == list(history[1:])  # what an unsaved conversation keeps: the same


async def test_several_calls_run_at_once(runtime: Runtime, loopback: LoopbackServer) -> None:
    naps = [call(f"call_{n}", "adder__sleep", {"seconds": 0.6}) for n in range(3)]
    loopback.enqueue(calls_reply("openai_chat", *naps), text_reply("openai_chat", "Rested."))
    async with toolbox(ADDER) as (tools, _):
        await tools.manager.tools()  # started before timing
        t0 = time.monotonic()
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
        took = time.monotonic() - t0
    assert [r.state for r in turn.tool_calls] == ["done"] * 3
    assert took < 1.5, f"three 0.6 s calls took {took:.2f} s: they did not run concurrently"
    assert [m["tool_call_id"] for m in messages(loopback.requests[1])[2:]] == ["call_0", "call_1", "call_2"]


async def test_nothing_runs_without_approval(runtime: Runtime, loopback: LoopbackServer, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__sleep", {"seconds": 0, "marker": str(marker)}),
                                 call("c2", "adder__echo", {"text": "yes"})),
                     text_reply("openai_chat", "As you wish."))  # fmt: skip
    answers = Answers(Decision.DECLINE, Decision.ONCE)
    heard = Heard()
    async with toolbox(ADDER, approve=False, approver=answers) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools), heard)
    assert [(a.server, a.tool, a.arguments) for a in answers.asked] == [
        ("adder", "sleep", {"seconds": 0, "marker": str(marker)}), ("adder", "echo", {"text": "yes"})]
    assert answers.asked[0].conversation_id == turn.conversation_id is not None
    assert heard.states("adder__sleep") == ["asked", "declined"]
    assert heard.states("adder__echo") == ["asked", "approved", "running", "done"]
    results = messages(loopback.requests[1])[2:]
    assert results == [{"role": "tool", "tool_call_id": "c1", "content": "Error: " + DECLINED},
                       {"role": "tool", "tool_call_id": "c2", "content": "yes"}]  # fmt: skip
    assert turn.as_json()["tool_calls"][0]["error"] == DECLINED and turn.reply.error is None


async def test_a_conversation_grant_is_asked_once(runtime: Runtime, loopback: LoopbackServer) -> None:
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__echo", {"text": "a"})),
                     calls_reply("openai_chat", call("c2", "adder__echo", {"text": "b"})),
                     text_reply("openai_chat", "Done."))  # fmt: skip
    answers = Answers(Decision.CONVERSATION)
    async with toolbox(ADDER, approve=False, approver=answers) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    assert len(answers.asked) == 1 and [r.state for r in turn.tool_calls] == ["done", "done"]
    assert len(turn.steps) == 3


async def test_only_offered_tools_run(runtime: Runtime, loopback: LoopbackServer) -> None:
    """A made-up name, a tool the conversation did not choose, arguments that are not JSON: none runs."""
    loopback.enqueue(calls_reply("openai_chat", call("c1", "web_search", {"q": "x"}),
                                 call("c2", "adder__echo", {"text": "not chosen"}),
                                 call("c3", "adder__add", '{"a": 2, "b": ')),
                     text_reply("openai_chat", "Sorry."))  # fmt: skip
    async with toolbox(ADDER, choice=["adder/add"]) as (tools, _):
        assert [s.name for s in tools.specs()] == ["adder__add"]
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    assert [(r.state, r.server) for r in turn.tool_calls] == [("skipped", ""), ("skipped", ""), ("skipped", "adder")]
    results = {m["tool_call_id"]: m["content"] for m in messages(loopback.requests[1]) if m["role"] == "tool"}
    assert "no tool called 'web_search'" in results["c1"] and "no tool called 'adder__echo'" in results["c2"]
    assert "not valid JSON" in results["c3"] and turn.reply.text == "Sorry."
    assert turn.as_json()["tool_calls"][2]["arguments"] == {"_raw_arguments": '{"a": 2, "b": '}


async def test_the_step_limit_ends_the_turn_with_a_valid_history(runtime: Runtime, loopback: LoopbackServer) -> None:
    for n in range(3):
        loopback.enqueue(calls_reply("openai_chat", call(f"c{n}", "adder__add", {"a": n, "b": 1})))
    async with toolbox(ADDER) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools, max_steps=2))
    assert len(loopback.requests) == 2 and len(turn.steps) == 2
    assert [r.state for r in turn.tool_calls] == ["done", "skipped"]
    assert "step limit" in (turn.tool_calls[1].error or "")
    assert turn.reply.error is None and turn.reply.finish_reason == "tool_calls"
    store = runtime.store
    assert store is not None and turn.conversation_id is not None and turn.message_id is not None
    assert store.message(turn.message_id).status == "complete"
    history = Conversations(store).history(turn.conversation_id)
    assert [m.role for m in history] == ["user", "assistant", "tool", "assistant", "tool"]
    assert history[-1].is_error and "step limit" in history[-1].text
    assert [r.step for r in store.message_requests(turn.message_id)] == [1, 2]


async def test_the_setting_is_the_default_step_limit(runtime: Runtime, loopback: LoopbackServer) -> None:
    runtime.settings().mcp.max_steps = 1
    loopback.enqueue(calls_reply("openai_chat", call("c0", "adder__add", {"a": 1, "b": 1})))
    async with toolbox(ADDER) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    assert turn.max_steps == 1 and len(loopback.requests) == 1 and turn.tool_calls[0].state == "skipped"


async def test_stop_while_a_tool_runs(runtime: Runtime, loopback: LoopbackServer, tmp_path: Path) -> None:
    marker = tmp_path / "cancelled"
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__sleep", {"seconds": 30, "marker": str(marker)}),
                                 call("c2", "adder__echo", {"text": "quick"})))  # fmt: skip

    def stop_when_running(turn: Turn, record: Any) -> None:
        if record.state == "running" and record.call.name == "adder__sleep":
            asyncio.get_running_loop().call_later(0.3, turn.stop)

    heard = Heard(on_state=stop_when_running)
    async with toolbox(ADDER) as (tools, _):
        t0 = time.monotonic()
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools), heard)
        took = time.monotonic() - t0
        for _ in range(50):  # the server hears the cancellation
            if marker.exists():
                break
            await asyncio.sleep(0.1)
    assert took < 10 and marker.read_text() == "cancelled"
    assert [r.state for r in turn.tool_calls] == ["stopped", "done"]
    assert turn.reply.finish_reason == "cancelled" and len(loopback.requests) == 1
    store = runtime.store
    assert store is not None and turn.message_id is not None and turn.conversation_id is not None
    assert store.message(turn.message_id).status == "interrupted"
    [step] = store.tool_steps([turn.message_id])[turn.message_id]
    assert [(r["call_id"], r["text"], r["is_error"]) for r in step.results] == [
        ("c1", STOPPED, True), ("c2", "quick", False)]  # fmt: skip


async def test_stop_while_asking_for_approval(runtime: Runtime, loopback: LoopbackServer) -> None:
    asked = asyncio.Event()

    async def never(request: Any) -> Decision:
        asked.set()
        await asyncio.sleep(60)
        return Decision.ONCE

    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__add", {"a": 1, "b": 2})))
    async with toolbox(ADDER, approve=False, approver=never) as (tools, _):
        turn = Turn(runtime, ask_for(loopback.url, tools=tools), Heard())
        task = asyncio.ensure_future(turn.run())
        await asyncio.wait_for(asked.wait(), 10)
        assert turn.stop()
        await asyncio.wait_for(task, 5)
    assert [r.state for r in turn.tool_calls] == ["stopped"] and turn.reply.finish_reason == "cancelled"


async def test_a_stream_that_fails_after_a_tool_call_began_is_not_retried(runtime: Runtime,
                                                                          loopback: LoopbackServer) -> None:
    reply = calls_reply("openai_chat", call("c1", "adder__add", {"a": 1, "b": 2}))
    body = b"".join(c for c in reply.chunks if isinstance(c, bytes))
    reply.chunks = [body[: body.index(b"tool_calls") + 200]]
    loopback.enqueue(reply, text_reply("openai_chat", "a second try would read this"))
    async with toolbox(ADDER) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    assert len(loopback.requests) == 1 and turn.reply.error is not None
    assert turn.reply.error.kind == "protocol" and len(turn.reply.attempts) == 1


def _tools_json(req: Recorded) -> str:
    return json.dumps(req.json().get("tools"))


async def test_the_estimate_counts_the_tools_schemas(runtime: Runtime, loopback: LoopbackServer) -> None:
    from app.core.history import prompt_tokens
    from app.core.tool_loop import tools_text, tools_tokens
    from app.providers import ChatRequest, Message

    async with toolbox(ADDER) as (tools, _):
        specs = tools.specs()
        costs = tools.schema_costs()
    bare = ChatRequest(model="m", messages=(Message("user", "hi"),))
    with_tools = ChatRequest(model="m", messages=(Message("user", "hi"),), tools=specs)
    assert prompt_tokens(with_tools) - prompt_tokens(bare) == tools_tokens(specs) > 100
    assert costs["adder"].tokens == tools_tokens(specs) and costs["adder"].label == "estimate"
    assert json.loads(tools_text(specs))[0]["function"]["name"] == "adder__add"
    from app.core.chat_session import ChatSession

    session = ChatSession(runtime)
    plain = await session.estimate("openai", "gpt-4o-mini", "hi")
    offered = await session.estimate("openai", "gpt-4o-mini", "hi", tools=specs)
    assert (plain.tool_tokens, offered.tool_tokens) == (0, tools_tokens(specs))
    assert offered.prompt_tokens - plain.prompt_tokens == tools_tokens(specs)
    assert offered.cost_usd is not None and plain.cost_usd is not None and offered.cost_usd > plain.cost_usd


async def test_a_later_step_is_checked_before_it_is_sent(runtime: Runtime, loopback: LoopbackServer) -> None:
    """A result that makes the history longer than the model's context window: the next call is not sent."""
    from dataclasses import replace

    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__big", {"size": 600_000})))
    async with toolbox(replace(ADDER, result_cap=1_000_000)) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools, model="gpt-4o-mini"))
    assert len(loopback.requests) == 1 and turn.tool_calls[0].state == "done"
    error = turn.reply.error
    assert error is not None and error.kind == "context_length" and turn.reply.finish_reason == "error"
    store = runtime.store
    assert store is not None and turn.message_id is not None
    [step] = store.tool_steps([turn.message_id])[turn.message_id]
    assert len(step.results[0]["text"]) == 600_000 and len(store.message_requests(turn.message_id)) == 1
