"""The tool loop with the model speaking each protocol (its own tool-call framing, over a real socket), an MCP
server over stdio and over Streamable HTTP, and a conversation with tool calls continued on other providers."""

from __future__ import annotations

import json
from typing import Any

import pytest

from app.core.asks import Ask
from app.core.runtime import Runtime
from tests.providers.tool_replies import PROTOCOLS, THINKING
from tests.support.loopback import LoopbackServer
from tests.support.mcp_servers import HttpMcpServer, load_adder, stdio_server
from tests.support.tool_turns import PROVIDER, SUFFIX, ask_for, call, calls_reply, run_turn, text_reply, toolbox

ADDER = stdio_server("adder", "adder.py")
WORD = "zebra-42"


def _model(protocol: str) -> str:
    return {"anthropic": "claude-sonnet-4-20250514", "gemini": "gemini-2.5-flash", "ollama": "llama3.2"}.get(
        protocol, "m")


def _result_in(protocol: str, body: dict[str, Any]) -> bool:
    """The echo's result is in the request, as this protocol carries a tool result."""
    if protocol in ("openai_chat", "azure", "ollama", "cohere"):
        return any(m["role"] == "tool" and WORD in json.dumps(m["content"]) for m in body["messages"])
    if protocol == "anthropic":
        blocks = [b for m in body["messages"] if isinstance(m["content"], list) for b in m["content"]]
        return any(b["type"] == "tool_result" and b.get("content") == WORD for b in blocks)
    parts = [p for c in body["contents"] for p in c["parts"]]
    return any("functionResponse" in p and WORD in json.dumps(p["functionResponse"]) for p in parts)


@pytest.mark.parametrize("protocol", list(PROTOCOLS))
async def test_each_protocol_runs_the_loop(runtime: Runtime, loopback: LoopbackServer, protocol: str) -> None:
    loopback.enqueue(calls_reply(protocol, call("call_e1", "adder__echo", {"text": WORD})),
                     text_reply(protocol, "It said zebra."))  # fmt: skip
    async with toolbox(ADDER) as (tools, _):
        turn = await run_turn(runtime, ask_for(loopback.url, protocol, tools=tools, model=_model(protocol)))
    assert turn.reply.error is None, turn.reply.error
    plan = "I will look.\n\n" if protocol == "cohere" else ""  # Cohere's tool plan is the first step's text
    assert turn.reply.text == plan + "It said zebra." and len(turn.steps) == 2
    [record] = turn.tool_calls
    assert record.state == "done" and record.result is not None and record.result.text() == WORD
    second = loopback.requests[1].json()
    assert _result_in(protocol, second)
    if protocol == "anthropic":  # its signed thinking goes back first, unchanged, within the loop
        assistant = next(m for m in second["messages"] if m["role"] == "assistant")
        assert assistant["content"][0] == THINKING
    if protocol == "gemini":  # its thought signature goes back on the call
        assert "c2ln" in json.dumps(second)
    assert turn.reply.usage.output_tokens == 9 + 7


async def test_a_server_over_streamable_http(runtime: Runtime, loopback: LoopbackServer) -> None:
    from app.core.mcp.config import ServerConfig

    loopback.enqueue(calls_reply("openai_chat", call("c1", "web__add", {"a": 20, "b": 22})),
                     text_reply("openai_chat", "42."))  # fmt: skip
    with HttpMcpServer(load_adder().mcp.streamable_http_app()) as server:
        async with toolbox(ServerConfig("web", "http", url=server.url())) as (tools, errors):
            assert errors == []
            turn = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    assert turn.tool_calls[0].state == "done" and turn.tool_calls[0].server == "web"
    assert next(m for m in loopback.requests[1].json()["messages"] if m["role"] == "tool")["content"] == "42"


@pytest.mark.parametrize("target", [p for p in PROTOCOLS if p != "openai_chat"])
async def test_a_conversation_with_tool_calls_continues_on_another_provider(
    runtime: Runtime, loopback: LoopbackServer, target: str
) -> None:
    loopback.enqueue(calls_reply("openai_chat", call("call_e1", "adder__echo", {"text": WORD})),
                     text_reply("openai_chat", "It said zebra."))  # fmt: skip
    async with toolbox(ADDER) as (tools, _):
        first = await run_turn(runtime, ask_for(loopback.url, tools=tools))
    loopback.enqueue(text_reply(target, "Yes, zebra."))
    ask = Ask(PROVIDER[target], _model(target), "Really?", base_url=loopback.url + SUFFIX[target],
              conversation_id=first.conversation_id)  # fmt: skip
    turn = await run_turn(runtime, ask)
    assert turn.reply.error is None and turn.reply.text == "Yes, zebra."
    body = loopback.requests[2].json()
    assert _result_in(target, body)
    if target == "anthropic":  # a history of tool calls needs tools declared: declared, and none may be called
        assert [t["name"] for t in body["tools"]] == ["adder__echo"] and body["tool_choice"] == {"type": "none"}
