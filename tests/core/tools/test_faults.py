"""Tool faults end with a clear message to the model (and the user) and an intact conversation: a server that
fails to start, crashes mid-call, hangs past its timeout, reports an error, returns 10 MB, or breaks JSON-RPC."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from app.core.history import Conversations
from app.core.mcp.config import ServerConfig
from app.core.runtime import Runtime
from app.core.turn import Turn
from tests.support.loopback import LoopbackServer
from tests.support.mcp_servers import stdio_server
from tests.support.tool_turns import ask_for, call, calls_reply, run_turn, text_reply, toolbox

ADDER = stdio_server("adder", "adder.py")


def tool_messages(loopback: LoopbackServer, n: int = 1) -> list[dict[str, Any]]:
    return [m for m in loopback.requests[n].json()["messages"] if m["role"] == "tool"]


def assert_intact(runtime: Runtime, turn: Turn, roles: list[str]) -> None:
    """The answer is saved complete and the history holds every call with its result."""
    store = runtime.store
    assert store is not None and turn.message_id is not None and turn.conversation_id is not None
    assert store.message(turn.message_id).status == "complete"
    assert [m.role for m in Conversations(store).history(turn.conversation_id)] == roles


async def _one_call(runtime: Runtime, loopback: LoopbackServer, server: ServerConfig, name: str,
                    arguments: dict[str, Any]) -> Turn:  # fmt: skip
    loopback.enqueue(calls_reply("openai_chat", call("c1", name, arguments)), text_reply("openai_chat", "Noted."))
    async with toolbox(server) as (tools, errors):
        assert errors == []
        return await run_turn(runtime, ask_for(loopback.url, tools=tools))


async def test_a_server_that_crashes_mid_call(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _one_call(runtime, loopback, ADDER, "adder__crash", {})
    [record] = turn.tool_calls
    assert record.state == "failed" and "stopped during the call" in (record.error or "")
    [result] = tool_messages(loopback)
    assert result["content"].startswith("Error: MCP server 'adder' stopped during the call")
    assert turn.reply.error is None and turn.reply.text == "Noted."
    assert_intact(runtime, turn, ["user", "assistant", "tool", "assistant"])


async def test_a_call_that_hangs_past_the_timeout(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _one_call(runtime, loopback, replace(ADDER, tool_timeout=0.5), "adder__sleep", {"seconds": 30})
    [record] = turn.tool_calls
    assert record.state == "failed" and "did not answer within" in (record.error or "")
    assert record.ms is not None and 400 < record.ms < 5000
    assert_intact(runtime, turn, ["user", "assistant", "tool", "assistant"])


async def test_a_tool_that_reports_an_error(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _one_call(runtime, loopback, ADDER, "adder__fail", {})
    [record] = turn.tool_calls
    assert record.state == "done" and record.result is not None and record.result.is_error
    assert "Error executing tool fail" in (record.error or "")
    [result] = tool_messages(loopback)
    assert result["content"] == "Error: Error executing tool fail"
    assert turn.as_json()["tool_calls"][0]["error"] == record.error
    assert_intact(runtime, turn, ["user", "assistant", "tool", "assistant"])


async def test_a_result_of_10_mb_is_cut_to_the_cap(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _one_call(runtime, loopback, replace(ADDER, result_cap=100_000), "adder__big", {"size": 10_000_000})
    [result] = tool_messages(loopback)
    assert result["content"].endswith("[cut: 100000 of 10000000 bytes]")
    assert len(result["content"]) < 100_100
    assert len(loopback.requests[1].body) < 200_000
    assert_intact(runtime, turn, ["user", "assistant", "tool", "assistant"])


async def test_a_server_that_breaks_json_rpc(runtime: Runtime, loopback: LoopbackServer) -> None:
    raw = stdio_server("raw", "raw_server.py", "garbage")
    turn = await _one_call(runtime, loopback, raw, "raw__ping", {})
    [record] = turn.tool_calls
    assert record.state == "failed" and "not JSON-RPC" in (record.error or "")
    assert_intact(runtime, turn, ["user", "assistant", "tool", "assistant"])


async def test_a_malformed_result_is_a_protocol_failure(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _one_call(runtime, loopback, stdio_server("raw", "raw_server.py", "bad-result"), "raw__ping", {})
    [record] = turn.tool_calls
    assert record.state == "failed" and "does not follow the protocol" in (record.error or "")


async def test_a_server_that_fails_to_start_leaves_the_others(runtime: Runtime, loopback: LoopbackServer) -> None:
    broken = stdio_server("broken", "raw_server.py", "exit")
    loopback.enqueue(text_reply("openai_chat", "No tools needed."))
    async with toolbox(broken, ADDER) as (tools, errors):
        [err] = errors
        assert err.server == "broken" and err.kind == "start_failed"
        assert {s.name.split("__")[0] for s in tools.specs()} == {"adder"}
        turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    assert turn.reply.text == "No tools needed." and turn.reply.error is None


async def test_an_image_result_reaches_the_model_as_an_image(runtime: Runtime, loopback: LoopbackServer) -> None:
    turn = await _one_call(runtime, loopback, ADDER, "adder__image", {})
    sent = loopback.requests[1].json()["messages"]
    tool = next(m for m in sent if m["role"] == "tool")
    assert "image" in tool["content"]  # OpenAI's tool messages take text only: the image follows as a user part
    [follow] = [m for m in sent if m["role"] == "user" and isinstance(m["content"], list)]
    assert follow["content"][1]["image_url"]["url"].startswith("data:image/png;base64,")
    store = runtime.store
    assert store is not None and turn.conversation_id is not None
    history = Conversations(store).history(turn.conversation_id)
    assert history[2].role == "tool" and history[2].images[0].mime_type == "image/png"


async def test_an_image_result_reaches_anthropic_inside_the_tool_result(runtime: Runtime,
                                                                        loopback: LoopbackServer) -> None:
    loopback.enqueue(calls_reply("anthropic", call("toolu_1", "adder__image", {})), text_reply("anthropic", "A dot."))
    async with toolbox(ADDER) as (tools, _):
        ask = ask_for(loopback.url, "anthropic", tools=tools, model="claude-sonnet-4-20250514")
        turn = await run_turn(runtime, ask)
    assert turn.reply.text == "A dot."
    sent = loopback.requests[1].json()["messages"]
    blocks = [b for m in sent if isinstance(m["content"], list) for b in m["content"]]
    [result] = [b for b in blocks if b["type"] == "tool_result"]
    assert result["tool_use_id"] == "toolu_1" and [c["type"] for c in result["content"]] == ["image"]
    assert result["content"][0]["source"]["media_type"] == "image/png"


async def test_calls_to_tools_of_earlier_turns_are_answered_once(runtime: Runtime, loopback: LoopbackServer) -> None:
    """No tools offered now, but the model calls one anyway: it is told, and the turn does not loop on."""
    for n in range(3):
        loopback.enqueue(calls_reply("openai_chat", call(f"c{n}", "adder__add", {"a": 1, "b": 1})))
    turn = await run_turn(runtime, ask_for(loopback.url))
    assert len(loopback.requests) == 2 and [r.state for r in turn.tool_calls] == ["skipped", "skipped"]
    assert "no tool called 'adder__add'" in (turn.tool_calls[0].error or "")
    assert "tools" not in loopback.requests[0].json()
