"""Tools in the OpenAI chat-completions protocol (and Azure, Mistral, DeepSeek): pure building and parsing."""

from __future__ import annotations

import json
from typing import Any

from app.providers import (
    ChatRequest,
    Endpoint,
    Finish,
    ImagePart,
    Message,
    SignedReasoning,
    ToolCall,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    ToolSpec,
    adapter_for,
    get_spec,
    tool_result,
    with_base_url,
)
from app.providers.openai_chat import OpenAIStreamParser, parse_completion
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer, Reply

WEATHER = ToolSpec("get_weather", "Weather for a city", {"type": "object", "properties": {"city": {"type": "string"}}})
PNG = ImagePart("image/png", b"\x89PNG fake")
CALL = ToolCall("call_1", "get_weather", {"city": "Paris"})
LOOP = (
    Message("user", "Weather in Paris and Lyon?"),
    Message("assistant", "", tool_calls=(CALL, ToolCall("call_2", "get_weather", {"city": "Lyon"}))),
    tool_result(CALL, "18 C"),
    Message("tool", "no such city", tool_call_id="call_2", tool_name="get_weather", is_error=True),
)


def _body(provider: str, messages: tuple[Message, ...] = LOOP, **kw: Any) -> dict[str, Any]:
    adapter = adapter_for(Endpoint(with_base_url(get_spec(provider), "http://127.0.0.1:9/v1")))
    call = adapter.build_chat(ChatRequest(model="m", messages=messages, **kw))
    body: dict[str, Any] = call.json
    return body


def test_tools_and_choice_are_sent_only_with_tools() -> None:
    body = _body("openai", tools=(WEATHER,), tool_choice="required")
    assert body["tools"] == [{"type": "function", "function": {
        "name": "get_weather", "description": "Weather for a city", "parameters": WEATHER.parameters}}]  # fmt: skip
    assert body["tool_choice"] == "required"
    assert "tool_choice" not in _body("openai", tools=(WEATHER,))
    plain = _body("openai", tool_choice="none")
    assert "tools" not in plain and "tool_choice" not in plain


def test_calls_and_results_in_history() -> None:
    messages = _body("groq")["messages"]
    assert messages[1] == {"role": "assistant", "tool_calls": [
        {"id": "call_1", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}},
        {"id": "call_2", "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Lyon"}'}},
    ]}  # fmt: skip
    assert messages[2] == {"role": "tool", "tool_call_id": "call_1", "content": "18 C"}
    assert messages[3] == {"role": "tool", "tool_call_id": "call_2", "content": "Error: no such city"}


def test_text_beside_calls_and_arguments_that_were_not_json() -> None:
    raw = ToolCall("c", "f", '{"broken', "not valid JSON")
    [_, assistant] = _body("openai", (Message("user", "x"), Message("assistant", "Let me check.", tool_calls=(raw,))))[
        "messages"]  # fmt: skip
    assert assistant["content"] == "Let me check."
    assert assistant["tool_calls"][0]["function"]["arguments"] == '{"broken'  # what the model wrote, unchanged


def test_tool_images_follow_the_results_as_one_user_message() -> None:
    """Tool messages take text only: images come right after the run of results, naming the call."""
    shot = Message("tool", "", (PNG,), tool_call_id="call_2", tool_name="screenshot")
    messages = _body("openai", (*LOOP[:3], shot, Message("user", "Thanks")))["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "tool", "tool", "user", "user"]
    assert "image" in messages[3]["content"]  # the result says where its image went
    note, image = messages[4]["content"]
    assert "screenshot" in note["text"] and "call_2" in note["text"]
    assert image == {"type": "image_url", "image_url": {"url": PNG.data_url()}}


def test_mistral_ids_and_no_user_turn_after_tool_results() -> None:
    long_call = ToolCall("call_0123456789abcdef", "get_weather", {})
    history = (Message("user", "x"), Message("assistant", "", tool_calls=(long_call,)), tool_result(long_call, "ok"),
               Message("user", "and now?"))  # fmt: skip
    messages = _body("mistral", history)["messages"]
    call_id = messages[1]["tool_calls"][0]["id"]
    assert len(call_id) == 9 and call_id.isalnum() and messages[2]["tool_call_id"] == call_id
    assert [m["role"] for m in messages] == ["user", "assistant", "tool", "assistant", "user"]


def test_openai_long_ids_are_shortened_and_still_match() -> None:
    long_call = ToolCall("tool_insert_level_with_spaces_3ZiChYzj8xER8HixJe7W", "f", {})
    history = (Message("user", "x"), Message("assistant", "", tool_calls=(long_call,)), tool_result(long_call, "ok"))
    for provider in ("openai", "azure", "openrouter"):
        messages = _body(provider, history)["messages"]
        call_id = messages[1]["tool_calls"][0]["id"]
        assert len(call_id) <= 40 and messages[2]["tool_call_id"] == call_id
    assert _body("groq", history)["messages"][1]["tool_calls"][0]["id"] == long_call.id  # no such limit


def test_reasoning_is_echoed_only_to_the_service_that_wants_it() -> None:
    signed = (SignedReasoning("openai_chat", {"reasoning_content": "Roll first."}, "deepseek"),
              SignedReasoning("anthropic", {"type": "thinking", "thinking": "x", "signature": "s"}))  # fmt: skip
    history = (Message("user", "x"), Message("assistant", "", tool_calls=(CALL,), signed=signed),
               tool_result(CALL, "4"))  # fmt: skip
    assert _body("deepseek", history)["messages"][1]["reasoning_content"] == "Roll first."
    for provider in ("groq", "openai"):
        assistant = _body(provider, history)["messages"][1]
        assert "reasoning_content" not in assistant and "thinking" not in json.dumps(assistant)


def test_gemini_compat_call_fields_go_back_to_the_same_provider_only() -> None:
    extra = SignedReasoning("openai_chat", {"extra_content": {"google": {"thought_signature": "c2ln"}}}, "openrouter")
    call = ToolCall("c", "f", {}, signed=extra)
    history = (Message("user", "x"), Message("assistant", "", tool_calls=(call,)), tool_result(call, "ok"))
    assert _body("openrouter", history)["messages"][1]["tool_calls"][0]["extra_content"] == extra.data["extra_content"]
    assert "extra_content" not in _body("groq", history)["messages"][1]["tool_calls"][0]


# Parsing.


def _frame(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "chatcmpl-9", "model": "m", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def test_stream_where_a_server_reuses_index_zero_for_every_call() -> None:
    parser = OpenAIStreamParser("lmstudio")
    events = []
    for i in range(2):
        events += parser.feed(_frame({"tool_calls": [{"index": 0, "id": f"c{i}", "type": "function",
                                                      "function": {"name": "f", "arguments": f'{{"n": {i}}}'}}]}))
    events += parser.feed(_frame({}, "tool_calls"))
    ends = [e for e in events if isinstance(e, ToolCallEnd)]
    assert [(e.id, e.arguments) for e in ends] == [("c0", {"n": 0}), ("c1", {"n": 1})]
    assert events[-1] == Finish("tool_calls", "tool_calls")


def test_stream_without_ids_or_finish_reason() -> None:
    """A call with no id gets one; a stream that ends on [DONE] without a finish reason still closes its calls."""
    parser = OpenAIStreamParser("lmstudio")
    events = parser.feed(_frame({"tool_calls": [{"function": {"name": "f", "arguments": '{"a": 1}'}}]}))
    parser.done = True
    events += parser.end()
    [start] = [e for e in events if isinstance(e, ToolCallStart)]
    [end] = [e for e in events if isinstance(e, ToolCallEnd)]
    assert start.id == end.id and start.id.startswith("call_") and end.arguments == {"a": 1}


def test_a_plain_stop_with_calls_is_reported_as_tool_calls() -> None:
    parser = OpenAIStreamParser("ollama-v1")
    call = {"index": 0, "id": "c", "function": {"name": "f", "arguments": "{}"}}
    events = parser.feed(_frame({"tool_calls": [call]}))
    events += parser.feed(_frame({}, "stop"))
    assert events[-1] == Finish("tool_calls", "stop")


def test_deepseek_reasoning_is_kept_to_be_echoed() -> None:
    parser = OpenAIStreamParser("deepseek", echo_reasoning=True)
    events = parser.feed(_frame({"reasoning_content": "Roll "}))
    events += parser.feed(_frame({"reasoning_content": "first."}))
    call = {"index": 0, "id": "c", "function": {"name": "roll", "arguments": ""}}
    events += parser.feed(_frame({"tool_calls": [call]}))
    events += parser.feed(_frame({}, "tool_calls"))
    signed = [e for e in events if isinstance(e, SignedReasoning)]
    assert signed == [SignedReasoning("openai_chat", {"reasoning_content": "Roll first."}, "deepseek")]
    assert events.index(signed[0]) < len(events) - 1  # before the Finish
    plain = OpenAIStreamParser("groq")
    assert not [e for e in plain.feed(_frame({"reasoning_content": "x"})) if isinstance(e, SignedReasoning)]


def test_whole_completion_with_calls() -> None:
    body = {"id": "chatcmpl-2", "model": "m", "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
        "role": "assistant", "content": None, "reasoning_content": "Think.", "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "f", "arguments": '{"x": 1}'}},
            {"id": "c2", "type": "function", "function": {"name": "g"}},  # no arguments at all
            {"id": "c3", "type": "function", "function": {"name": "h", "arguments": "{oops"}},
            {"id": "c4", "type": "function", "function": {"name": "k", "arguments": "{}"},
             "extra_content": {"google": {"thought_signature": "c2ln"}}}]}}]}  # fmt: skip
    events = parse_completion("deepseek", body, echo_reasoning=True)
    ends = [e for e in events if isinstance(e, ToolCallEnd)]
    assert [(e.id, e.name, e.arguments, e.arguments_error is None) for e in ends] == [
        ("c1", "f", {"x": 1}, True), ("c2", "g", {}, True), ("c3", "h", "{oops", False), ("c4", "k", {}, True)]
    extra = {"extra_content": {"google": {"thought_signature": "c2ln"}}}
    assert ends[3].signed == SignedReasoning("openai_chat", extra, "deepseek")
    assert SignedReasoning("openai_chat", {"reasoning_content": "Think."}, "deepseek") in events
    assert [e for e in events if isinstance(e, ToolCallDelta) and e.id == "c1"] == [ToolCallDelta("c1", '{"x": 1}')]
    assert events[-1] == Finish("tool_calls", "tool_calls")


async def test_request_and_answer_over_a_socket(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"id": "x", "model": "m", "choices": [{"index": 0, "finish_reason": "tool_calls",
        "message": {"role": "assistant", "tool_calls": [{"id": "c9", "type": "function",
                                                         "function": {"name": "get_weather", "arguments": "{}"}}]}}]}))
    spec = with_base_url(get_spec("openai"), loopback.url + "/v1")
    adapter = adapter_for(Endpoint(spec, api_key="test-key-not-real"))
    got = await collect(adapter, ChatRequest(model="gpt-test", messages=LOOP, tools=(WEATHER,), stream=False))
    assert [(c.id, c.name) for c in got.calls] == [("c9", "get_weather")]
    sent = loopback.requests[0].json()
    assert sent["tools"][0]["function"]["name"] == "get_weather" and sent["messages"][2]["role"] == "tool"
