"""Tools in the Gemini API: declarations, functionCall / functionResponse parts, thought signatures."""

from __future__ import annotations

import json

from app.providers import (
    ChatRequest,
    ImagePart,
    Message,
    SignedReasoning,
    ToolCall,
    ToolCallEnd,
    ToolSpec,
    tool_result,
)
from app.providers.gemini import chat_body, parse_response
from app.providers.gemini_tools import PLACEHOLDER_SIGNATURE

SIG = SignedReasoning("gemini", {"thoughtSignature": "c2lnMQ=="})
MCP_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "properties": {"target": {"anyOf": [{"$ref": "#/$defs/Obj"}, {"type": "null"}]}, "n": {"type": "integer"}},
    "$defs": {"Obj": {"type": "object", "properties": {"name": {"type": "string"}}, "additionalProperties": False}},
    "additionalProperties": False,
}
CALLS = (ToolCall("c1", "get_weather", {"city": "Paris"}, signed=SIG), ToolCall("c2", "get_weather", {"city": "Lyon"}))


def _loop(calls: tuple[ToolCall, ...] = CALLS, signed: tuple[SignedReasoning, ...] = ()) -> tuple[Message, ...]:
    return (
        Message("user", "Weather in Paris and Lyon?"),
        Message("assistant", "Looking.", tool_calls=calls, signed=signed),
        tool_result(calls[0], "18 C"),
        tool_result(calls[1], "no data", is_error=True),
    )


def test_declarations_take_the_json_schema_as_it_is() -> None:
    """parametersJsonSchema takes full JSON Schema ($defs, anyOf, additionalProperties stay); only the root
    $schema is dropped, and a schema with no type gets the object root arguments always have."""
    tools = (ToolSpec("lookup", "Find a thing", MCP_SCHEMA), ToolSpec("now", "", {}))
    body = chat_body(ChatRequest(model="gemini-2.5-flash", messages=_loop(), tools=tools, tool_choice="required"))
    [group] = body["tools"]
    lookup, now = group["functionDeclarations"]
    assert lookup["parametersJsonSchema"] == {k: v for k, v in MCP_SCHEMA.items() if k != "$schema"}
    assert "parameters" not in lookup and lookup["description"] == "Find a thing"
    assert now == {"name": "now", "parametersJsonSchema": {"type": "object", "properties": {}}}
    assert body["toolConfig"] == {"functionCallingConfig": {"mode": "ANY"}}
    assert "toolConfig" not in chat_body(ChatRequest(model="g", messages=_loop(), tools=tools))


def test_calls_go_back_with_their_signatures_and_results_as_objects() -> None:
    contents = chat_body(ChatRequest(model="gemini-3-pro-preview", messages=_loop()))["contents"]
    assert [c["role"] for c in contents] == ["user", "model", "user"]
    model = contents[1]["parts"]
    assert model[0] == {"text": "Looking."}
    assert model[1] == {"functionCall": {"id": "c1", "name": "get_weather", "args": {"city": "Paris"}},
                        "thoughtSignature": "c2lnMQ=="}  # fmt: skip
    assert model[2] == {"functionCall": {"id": "c2", "name": "get_weather", "args": {"city": "Lyon"}}}
    assert contents[2]["parts"] == [
        {"functionResponse": {"id": "c1", "name": "get_weather", "response": {"output": "18 C"}}},
        {"functionResponse": {"id": "c2", "name": "get_weather", "response": {"error": "no data"}}},
    ]


def test_calls_made_elsewhere_get_googles_placeholder_signature() -> None:
    """A loop begun on another provider: Gemini 3 wants a signature on the first call of each step."""
    foreign = (ToolCall("toolu_01", "get_weather", {"city": "Paris"},
                        signed=SignedReasoning("anthropic", {"type": "thinking"})),
               ToolCall("toolu_02", "get_weather", {}))  # fmt: skip
    parts = chat_body(ChatRequest(model="gemini-3-flash", messages=_loop(foreign)))["contents"][1]["parts"]
    assert parts[1]["thoughtSignature"] == PLACEHOLDER_SIGNATURE
    assert "thoughtSignature" not in parts[2]
    assert "thinking" not in json.dumps(parts)
    for older in ("gemini-2.0-flash", "models/gemini-2.5-pro"):  # they do not require one: none is invented
        parts = chat_body(ChatRequest(model=older, messages=_loop(foreign)))["contents"][1]["parts"]
        assert "thoughtSignature" not in json.dumps(parts)
    alias = chat_body(ChatRequest(model="gemini-flash-latest", messages=_loop(foreign)))["contents"][1]["parts"]
    assert alias[1]["thoughtSignature"] == PLACEHOLDER_SIGNATURE


def test_a_signature_on_text_goes_back_on_the_text() -> None:
    history = (Message("user", "Hi"), Message("assistant", "Hello!", signed=(SIG,)), Message("user", "Bye"))
    parts = chat_body(ChatRequest(model="gemini-3-pro", messages=history))["contents"][1]["parts"]
    assert parts == [{"text": "Hello!", "thoughtSignature": "c2lnMQ=="}]


def test_tool_images_follow_the_response_in_the_same_turn() -> None:
    shot = Message("tool", "", (ImagePart("image/png", b"png"),), tool_call_id="c1", tool_name="shot")
    history = (Message("user", "x"), Message("assistant", "", tool_calls=CALLS[:1]), shot, Message("user", "and?"))
    turn = chat_body(ChatRequest(model="gemini-2.5-pro", messages=history))["contents"][2]
    assert turn["role"] == "user"
    assert turn["parts"][0]["functionResponse"]["response"] == {"output": ""}
    assert turn["parts"][1]["inlineData"]["mimeType"] == "image/png"
    assert turn["parts"][2] == {"text": "and?"}


def test_whole_answer_with_calls_signatures_and_no_arguments() -> None:
    body = {"responseId": "r-7", "modelVersion": "gemini-3-pro", "candidates": [{"finishReason": "STOP", "content": {
        "role": "model", "parts": [
            {"text": "Let me check.", "thoughtSignature": "dGV4dA=="},
            {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}, "thoughtSignature": "ZmM="},
            {"functionCall": {"name": "get_time"}},
            {"functionCall": {"id": "given-id", "name": "get_weather", "args": {"city": "Lyon"}}},
        ]}}]}  # fmt: skip
    events = parse_response("gemini", body)
    ends = [e for e in events if isinstance(e, ToolCallEnd)]
    assert [(e.name, e.arguments) for e in ends] == [("get_weather", {"city": "Paris"}), ("get_time", {}),
                                                     ("get_weather", {"city": "Lyon"})]  # fmt: skip
    assert ends[2].id == "given-id" and ends[0].id != ends[1].id
    assert ends[0].signed == SignedReasoning("gemini", {"thoughtSignature": "ZmM="}) and ends[1].signed is None
    assert SignedReasoning("gemini", {"thoughtSignature": "dGV4dA=="}) in events
    assert events[-1].reason == "tool_calls" and events[-1].raw == "STOP"
    again = [e for e in parse_response("gemini", body) if isinstance(e, ToolCallEnd)]
    assert [e.id for e in again] == [e.id for e in ends]
