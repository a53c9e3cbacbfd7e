"""Tools in the Anthropic Messages protocol: tool_use / tool_result blocks and signed thinking in a tool loop."""

from __future__ import annotations

import json
from typing import Any

from app.providers import (
    ChatRequest,
    ImagePart,
    Message,
    ReasoningDelta,
    SignedReasoning,
    ToolCall,
    ToolCallEnd,
    ToolSpec,
    tool_result,
)
from app.providers.anthropic import AnthropicStreamParser, chat_body

WEATHER = ToolSpec("get_weather", "Weather for a city", {"type": "object", "properties": {"city": {"type": "string"}}})
THINKING = SignedReasoning("anthropic", {"type": "thinking", "thinking": "Check both cities.", "signature": "EqQB..."})
REDACTED = SignedReasoning("anthropic", {"type": "redacted_thinking", "data": "EmwKAhgB..."})
CALLS = (ToolCall("toolu_01", "get_weather", {"city": "Paris"}), ToolCall("toolu_02", "get_weather", {}))


def _loop(*signed: SignedReasoning, text: str = "Checking.") -> tuple[Message, ...]:
    return (
        Message("user", "Weather in Paris?"),
        Message("assistant", text, tool_calls=CALLS, signed=signed),
        tool_result(CALLS[0], "18 C"),
        tool_result(CALLS[1], "which city?", is_error=True),
    )


def test_tools_and_choice() -> None:
    body = chat_body(ChatRequest(model="claude", messages=_loop(), tools=(WEATHER,), tool_choice="required"))
    assert body["tools"] == [{"name": "get_weather", "description": "Weather for a city",
                              "input_schema": WEATHER.parameters}]  # fmt: skip
    assert body["tool_choice"] == {"type": "any"}
    assert chat_body(ChatRequest(model="c", messages=_loop(), tools=(WEATHER,), tool_choice="none"))["tool_choice"] == {
        "type": "none"}  # fmt: skip
    assert "tools" not in chat_body(ChatRequest(model="c", messages=_loop(), tool_choice="auto"))


def test_thinking_goes_back_first_and_unchanged_then_text_then_calls() -> None:
    body = chat_body(ChatRequest(model="claude", messages=_loop(THINKING, REDACTED), reasoning_effort="low"))
    assistant = body["messages"][1]["content"]
    assert assistant[0] == THINKING.data and assistant[1] == REDACTED.data
    assert assistant[2] == {"type": "text", "text": "Checking."}
    assert assistant[3:] == [{"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}},
                             {"type": "tool_use", "id": "toolu_02", "name": "get_weather", "input": {}}]
    assert body["thinking"]["type"] == "enabled"


def test_results_are_one_user_turn_of_tool_result_blocks_first() -> None:
    history = (*_loop(THINKING), Message("user", "Also Lyon?", (ImagePart("image/png", b"png"),)))
    [_, _, results] = chat_body(ChatRequest(model="c", messages=history))["messages"]
    assert results["role"] == "user"
    assert results["content"][0] == {"type": "tool_result", "tool_use_id": "toolu_01", "content": "18 C"}
    assert results["content"][1] == {"type": "tool_result", "tool_use_id": "toolu_02", "content": "which city?",
                                     "is_error": True}  # fmt: skip
    assert [b["type"] for b in results["content"][2:]] == ["image", "text"]


def test_tool_images_travel_inside_the_result() -> None:
    shot = Message("tool", "the page", (ImagePart("image/png", b"png"),), tool_call_id="toolu_01", tool_name="shot")
    history = (Message("user", "x"), Message("assistant", "", tool_calls=CALLS[:1]), shot)
    [block] = chat_body(ChatRequest(model="c", messages=history))["messages"][2]["content"]
    assert block["content"][0] == {"type": "text", "text": "the page"}
    assert block["content"][1]["type"] == "image" and block["content"][1]["source"]["media_type"] == "image/png"


def test_foreign_ids_and_reasoning_are_made_acceptable() -> None:
    """Calls from other providers: ids outside ^[a-zA-Z0-9_-]+$ are rewritten (call and result alike), and
    another protocol's signed reasoning is not sent."""
    call = ToolCall("functions.get_weather:0", "get_weather", {"city": "Paris"},
                    signed=SignedReasoning("gemini", {"thoughtSignature": "c2ln"}))  # fmt: skip
    history = (Message("user", "x"), Message("assistant", "", tool_calls=(call,),
                                             signed=(SignedReasoning("gemini", {"thoughtSignature": "c2ln"}),)),
               tool_result(call, "18 C"))  # fmt: skip
    messages = chat_body(ChatRequest(model="c", messages=history))["messages"]
    use, result = messages[1]["content"][0], messages[2]["content"][0]
    assert use["id"] == result["tool_use_id"] and use["id"] != call.id
    assert all(ch.isalnum() or ch in "_-" for ch in use["id"])
    assert "thoughtSignature" not in json.dumps(messages)


def test_thinking_is_left_off_when_the_loop_has_none_of_ours() -> None:
    """Anthropic refuses thinking when the last assistant turn (with tool_use) does not start with thinking,
    as happens when the loop began on another provider; the next turn after the results has it back."""
    foreign = chat_body(ChatRequest(model="c", messages=_loop(), reasoning_effort="high", temperature=0.5))
    assert "thinking" not in foreign and foreign["temperature"] == 0.5
    ours = chat_body(ChatRequest(model="c", messages=_loop(THINKING), reasoning_effort="high"))
    assert ours["thinking"]["type"] == "enabled"
    later = chat_body(ChatRequest(model="c", messages=(*_loop(), Message("assistant", "Done."), Message("user", "ok")),
                                  reasoning_effort="high"))  # fmt: skip
    assert "thinking" in later


def test_a_required_tool_call_leaves_thinking_off() -> None:
    """Anthropic refuses thinking together with a tool_choice that forces tool use."""
    body = chat_body(ChatRequest(model="c", messages=_loop(THINKING), reasoning_effort="high", tools=(WEATHER,),
                                 tool_choice="required"))  # fmt: skip
    assert "thinking" not in body and body["tool_choice"] == {"type": "any"}


def _feed(parser: AnthropicStreamParser, frames: list[dict[str, Any]]) -> list[Any]:
    out = []
    for frame in frames:
        out += parser.feed(frame, frame["type"])
    return out


def test_streamed_thinking_is_assembled_with_its_signature() -> None:
    parser = AnthropicStreamParser("anthropic")
    frames = [
        {"type": "message_start", "message": {"id": "msg_1", "model": "claude", "usage": {"input_tokens": 3}}},
        {"type": "content_block_start", "index": 0,
         "content_block": {"type": "thinking", "thinking": "", "signature": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "Check "}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "both."}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "EqQB"}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "..."}},
        {"type": "content_block_stop", "index": 0},
        {"type": "content_block_start", "index": 1, "content_block": {"type": "redacted_thinking", "data": "Emw"}},
        {"type": "content_block_stop", "index": 1},
        {"type": "content_block_start", "index": 2, "content_block": {"type": "tool_use", "id": "toolu_9",
                                                                      "name": "get_weather", "input": {}}},
        {"type": "content_block_delta", "index": 2, "delta": {"type": "input_json_delta", "partial_json": ""}},
        {"type": "content_block_stop", "index": 2},
        {"type": "message_delta", "delta": {"stop_reason": "tool_use"}, "usage": {"output_tokens": 20}},
        {"type": "message_stop"},
    ]  # fmt: skip
    events = _feed(parser, frames)
    assert [e for e in events if isinstance(e, ReasoningDelta)] == [ReasoningDelta("Check "), ReasoningDelta("both.")]
    signed = [e for e in events if isinstance(e, SignedReasoning)]
    assert signed == [
        SignedReasoning("anthropic", {"type": "thinking", "thinking": "Check both.", "signature": "EqQB..."}),
        SignedReasoning("anthropic", {"type": "redacted_thinking", "data": "Emw"}),
    ]
    [end] = [e for e in events if isinstance(e, ToolCallEnd)]
    assert (end.id, end.arguments, end.arguments_error) == ("toolu_9", {}, None)
    assert events.index(signed[0]) < events.index(end)


def test_server_tool_blocks_are_not_our_calls() -> None:
    parser = AnthropicStreamParser("anthropic")
    events = _feed(parser, [
        {"type": "content_block_start", "index": 0, "content_block": {"type": "server_tool_use", "id": "srvtoolu_1",
                                                                      "name": "web_search", "input": {}}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "input_json_delta", "partial_json": '{"q": 1}'}},
        {"type": "content_block_stop", "index": 0},
        {"type": "message_delta", "delta": {"stop_reason": "end_turn"}},
    ])  # fmt: skip
    assert not [e for e in events if isinstance(e, ToolCallEnd)]
    assert events[-1].reason == "stop"


def test_unsigned_thinking_is_not_kept() -> None:
    parser = AnthropicStreamParser("anthropic")
    events = _feed(parser, [
        {"type": "content_block_start", "index": 0, "content_block": {"type": "thinking", "thinking": "hm"}},
        {"type": "content_block_stop", "index": 0},
    ])  # fmt: skip
    assert not [e for e in events if isinstance(e, SignedReasoning)]
