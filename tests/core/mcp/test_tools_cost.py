"""The exact tools JSON sent, its token estimate, and which tools a conversation or preset offers."""

from __future__ import annotations

import json

from app.core.mcp.tools import McpTool, cost_by_server, schema_cost, select, tools_json
from app.core.pricing import estimate_tokens

ADD = McpTool("adder", "add", "adder__add", "Add two numbers.",
              {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}})  # fmt: skip
ECHO = McpTool("adder", "echo", "adder__echo", "Say it back — déjà vu.", {"type": "object"})
READ = McpTool("files", "read", "files__read", "Read a file.", {"type": "object"}, enabled=False)


def test_tools_json_is_what_httpx_sends() -> None:
    text = tools_json([ADD])
    assert text == json.dumps(
        [{"type": "function", "function": {"name": "adder__add", "description": "Add two numbers.",
                                           "parameters": ADD.input_schema}}],
        ensure_ascii=False, separators=(",", ":"),
    )  # fmt: skip


def test_cost_is_the_estimate_of_that_json_and_says_so() -> None:
    cost = schema_cost([ADD, ECHO])
    text = tools_json([ADD, ECHO])
    assert cost.tokens == estimate_tokens(text) > 0
    assert cost.json_bytes == len(text.encode())
    assert cost.label == "estimate"
    assert schema_cost([]).tokens == 0


def test_a_provider_encoder_can_be_given() -> None:
    def anthropic(tools: object) -> list[dict[str, object]]:
        return [{"name": t.function_name, "description": t.description, "input_schema": t.input_schema}
                for t in tools]  # type: ignore[attr-defined]  # fmt: skip

    assert '"input_schema"' in tools_json([ADD], anthropic)
    assert schema_cost([ADD], anthropic).tokens != schema_cost([ADD]).tokens


def test_cost_by_server_counts_enabled_tools_only() -> None:
    costs = cost_by_server([ADD, ECHO, READ])
    assert costs["adder"] == schema_cost([ADD, ECHO])
    assert costs["files"].tokens == 0


def test_select_by_server_or_tool() -> None:
    tools = [ADD, ECHO, READ]
    assert select(tools, None) == [ADD, ECHO]
    assert select(tools, []) == []
    assert select(tools, ["adder/echo", "files"]) == [ECHO]  # a turned-off tool stays off
    assert select(tools, ["adder"]) == [ADD, ECHO]
