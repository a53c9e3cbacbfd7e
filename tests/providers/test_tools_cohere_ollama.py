"""Tools in Cohere's v2 chat and Ollama's native chat, built from their API references (no recordings exist).

Cohere: https://docs.cohere.com/reference/chat and docs/tool-use-streaming (tool_plan, tool_calls with JSON text
arguments, role "tool" results with tool_call_id, finish_reason TOOL_CALL). Ollama: docs/api.md and
docs.ollama.com/capabilities/tool-calling (tool_calls with object arguments, role "tool" results by tool_name).
"""

from __future__ import annotations

from app.providers import ChatRequest, ImagePart, Message, ToolCall, ToolCallEnd, ToolSpec, cohere, ollama, tool_result
from app.providers.types import TextDelta

WEATHER = ToolSpec("get_weather", "Weather for a city", {"type": "object", "properties": {"city": {"type": "string"}}})
CALLS = (ToolCall("get_weather_abc123", "get_weather", {"city": "Toronto"}), ToolCall("get_time_x", "get_time", {}))
LOOP = (
    Message("user", "Weather and time in Toronto?"),
    Message("assistant", "I will look both up.", tool_calls=CALLS),
    tool_result(CALLS[0], '{"temp": 21}'),
    Message("tool", "clock broken", (ImagePart("image/png", b"png"),), tool_call_id="get_time_x", tool_name="get_time",
            is_error=True),
)


def test_cohere_request() -> None:
    body = cohere.chat_body(ChatRequest(model="command-a", messages=LOOP, tools=(WEATHER,), tool_choice="required"))
    function = {"name": "get_weather", "description": "Weather for a city", "parameters": WEATHER.parameters}
    assert body["tools"] == [{"type": "function", "function": function}]
    assert body["tool_choice"] == "REQUIRED"
    assert body["messages"][1] == {"role": "assistant", "tool_plan": "I will look both up.", "tool_calls": [
        {"id": "get_weather_abc123", "type": "function",
         "function": {"name": "get_weather", "arguments": '{"city": "Toronto"}'}},
        {"id": "get_time_x", "type": "function", "function": {"name": "get_time", "arguments": "{}"}}]}  # fmt: skip
    assert body["messages"][2] == {"role": "tool", "tool_call_id": "get_weather_abc123", "content": '{"temp": 21}'}
    assert body["messages"][3]["content"].startswith("Error: clock broken")
    assert body["messages"][4]["role"] == "user" and body["messages"][4]["content"][1]["type"] == "image_url"
    auto = cohere.chat_body(ChatRequest(model="c", messages=LOOP, tools=(WEATHER,), tool_choice="auto"))
    assert "tool_choice" not in auto  # auto is Cohere's default: nothing is sent


def test_cohere_whole_answer() -> None:
    body = {"id": "c-1", "finish_reason": "TOOL_CALL", "message": {"role": "assistant", "tool_plan": "I will look.",
            "tool_calls": [{"id": "get_weather_1", "type": "function",
                            "function": {"name": "get_weather", "arguments": '{"city": "Toronto"}'}},
                           {"id": "", "type": "function", "function": {"name": "get_time", "arguments": "{"}}]},
            "usage": {"tokens": {"input_tokens": 5, "output_tokens": 9}}}  # fmt: skip
    events = cohere.parse_response("cohere", body)
    assert TextDelta("I will look.") in events
    ends = [e for e in events if isinstance(e, ToolCallEnd)]
    assert [(e.name, e.arguments) for e in ends] == [("get_weather", {"city": "Toronto"}), ("get_time", "{")]
    assert ends[1].arguments_error and ends[1].id.startswith("call_")
    assert events[-1].reason == "tool_calls" and events[-1].raw == "TOOL_CALL"


def test_ollama_request() -> None:
    body = ollama.chat_body(ChatRequest(model="qwen3", messages=LOOP, tools=(WEATHER,)))
    assert body["tools"][0]["function"]["name"] == "get_weather"
    assert body["messages"][1] == {"role": "assistant", "content": "I will look both up.", "tool_calls": [
        {"id": "get_weather_abc123", "function": {"name": "get_weather", "arguments": {"city": "Toronto"}}},
        {"id": "get_time_x", "function": {"name": "get_time", "arguments": {}}}]}  # fmt: skip
    assert body["messages"][2] == {"role": "tool", "content": '{"temp": 21}', "tool_name": "get_weather",
                                   "tool_call_id": "get_weather_abc123"}  # fmt: skip
    assert body["messages"][3]["content"] == "Error: clock broken" and body["messages"][3]["images"] == ["cG5n"]
    assert "tools" not in ollama.chat_body(ChatRequest(model="q", messages=LOOP, tools=(WEATHER,), tool_choice="none"))


def test_ollama_whole_answer() -> None:
    body = {"model": "qwen3", "created_at": "2025-05-27T22:54:57Z", "done": True, "done_reason": "stop",
            "message": {"role": "assistant", "content": "", "tool_calls": [
                {"function": {"name": "get_weather", "arguments": {"city": "Toronto"}}},
                {"id": "call_given", "function": {"index": 1, "name": "get_time"}}]}}  # fmt: skip
    events = ollama.parse_response("ollama", body)
    ends = [e for e in events if isinstance(e, ToolCallEnd)]
    assert [(e.name, e.arguments) for e in ends] == [("get_weather", {"city": "Toronto"}), ("get_time", {})]
    assert ends[1].id == "call_given" and ends[0].id.startswith("call_")
    assert ends[0].id == next(e for e in ollama.parse_response("ollama", body) if isinstance(e, ToolCallEnd)).id
    assert events[-1].reason == "tool_calls" and events[-1].raw == "stop"
