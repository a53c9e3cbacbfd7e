"""The Anthropic Messages adapter: pure request building and parsing, recorded traffic and misbehaving servers."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from app.providers import (
    ChatRequest,
    Finish,
    ImagePart,
    Message,
    ReasoningDelta,
    ResponseInfo,
    SignedReasoning,
    TextDelta,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    Usage,
    UsageUpdate,
)
from app.providers.anthropic import (
    DEFAULT_MAX_TOKENS,
    JSON_INSTRUCTION,
    AnthropicAdapter,
    AnthropicStreamParser,
    chat_body,
    parse_message,
)
from app.providers.anthropic_search import continuation
from app.providers.errors import ProviderError
from tests.support.adapters import FAKE_KEY, adapter_at, check_outcome, collect
from tests.support.loopback import Drop, LoopbackServer, Reply
from tests.support.wire import cases, reply_for

CASES = cases(protocol="anthropic_messages")
HI = (Message("user", "hi"),)


def _adapter(base_url: str) -> AnthropicAdapter:
    return adapter_at(AnthropicAdapter, "anthropic", base_url)


def _sse(events: list[dict[str, Any]], *, drop: bool = False) -> Reply:
    """Anthropic's framing: every data line is preceded by `event: TYPE`."""
    chunks: list[bytes | Drop] = [f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events]
    if drop:
        chunks.append(Drop())
    return Reply(200, {"content-type": "text/event-stream; charset=utf-8"}, list(chunks))


def _start(input_tokens: int = 10, **usage: int) -> dict[str, Any]:
    return {"type": "message_start", "message": {
        "id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test", "content": [],
        "stop_reason": None, "usage": {"input_tokens": input_tokens, "output_tokens": 1, **usage}}}  # fmt: skip


def _text(text: str) -> dict[str, Any]:
    return {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": text}}


def _delta(stop_reason: str = "end_turn", output_tokens: int = 5) -> dict[str, Any]:
    return {"type": "message_delta", "delta": {"stop_reason": stop_reason, "stop_sequence": None},
            "usage": {"output_tokens": output_tokens}}  # fmt: skip


def _error_body(kind: str, message: str) -> dict[str, Any]:
    return {"type": "error", "error": {"type": kind, "message": message}}


# Every recorded interaction, over a real socket.


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_recorded_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    loopback.enqueue(reply_for(case))
    request = ChatRequest(model=case["request_json"]["model"], messages=HI, system="Be brief.",
                          stream=bool(case["stream"]))  # fmt: skip
    got = await collect(_adapter(loopback.url), request)

    [req] = loopback.requests
    assert req.method == "POST"
    assert req.path == case["path"] == "/v1/messages"
    assert req.headers["x-api-key"] == FAKE_KEY
    assert "authorization" not in req.headers
    assert req.headers["anthropic-version"] == "2023-06-01"
    body = req.json()
    assert body["model"] == case["request_json"]["model"]
    assert body["system"] == "Be brief."
    assert body["max_tokens"] == DEFAULT_MAX_TOKENS
    assert body["messages"] == [{"role": "user", "content": "hi"}]
    assert body.get("stream", False) is bool(case["stream"])

    check_outcome(got, case)
    if got.error is not None:
        assert got.error.status == case["response_status"]
    else:
        assert got.info is not None and got.info.model and got.info.response_id


def test_cases_were_found() -> None:
    assert len(CASES) >= 100
    assert sum(1 for c in CASES if c["stream"]) >= 9


# Request building (pure).


def test_minimal_body_sends_only_what_is_required() -> None:
    body = chat_body(ChatRequest(model="claude-x", messages=HI, stream=False))
    assert body == {
        "model": "claude-x",
        "max_tokens": DEFAULT_MAX_TOKENS,
        "messages": [{"role": "user", "content": "hi"}],
    }


def test_given_zeros_are_sent_as_zeros() -> None:
    body = chat_body(ChatRequest(model="m", messages=HI, temperature=0.0, max_tokens=0))
    assert body["temperature"] == 0.0
    assert body["max_tokens"] == 0


def test_parameters_and_system() -> None:
    body = chat_body(ChatRequest(model="m", messages=HI, system="S", temperature=0.7, max_tokens=123,
                                 stop=("END", "STOP"), seed=7))  # fmt: skip
    assert body["system"] == "S"
    assert body["temperature"] == 0.7
    assert body["max_tokens"] == 123
    assert body["stop_sequences"] == ["END", "STOP"]
    assert body["stream"] is True
    assert "seed" not in body  # Anthropic has no seed parameter
    assert "stop" not in body and "thinking" not in body


@pytest.mark.parametrize(("effort", "budget"), [("low", 1024), ("medium", 4096), ("high", 16384)])
def test_reasoning_effort_enables_thinking_and_drops_temperature(effort: Any, budget: int) -> None:
    body = chat_body(ChatRequest(model="m", messages=HI, temperature=0.5, reasoning_effort=effort))
    assert body["thinking"] == {"type": "enabled", "budget_tokens": budget}
    assert "temperature" not in body
    assert body["max_tokens"] > budget


def test_thinking_with_a_users_max_tokens() -> None:
    assert chat_body(ChatRequest(model="m", messages=HI, max_tokens=20000, reasoning_effort="high"))[
        "thinking"]["budget_tokens"] == 16384  # fmt: skip
    body = chat_body(ChatRequest(model="m", messages=HI, max_tokens=3000, reasoning_effort="high"))
    assert body["max_tokens"] == 3000  # the user's cap wins; the budget shrinks under it
    assert body["thinking"]["budget_tokens"] == 2999
    with pytest.raises(ProviderError) as info:
        chat_body(ChatRequest(model="m", messages=HI, max_tokens=500, reasoning_effort="low"))
    assert info.value.kind == "bad_request"


def test_json_mode_asks_for_json_in_the_system_prompt() -> None:
    body = chat_body(ChatRequest(model="m", messages=HI, json_mode=True))
    assert body["system"] == JSON_INSTRUCTION
    body = chat_body(ChatRequest(model="m", messages=HI, system="You are terse.", json_mode=True))
    assert body["system"] == f"You are terse.\n\n{JSON_INSTRUCTION}"
    assert "response_format" not in body


def test_consecutive_same_role_messages_are_merged_and_system_turns_lifted() -> None:
    msgs = (Message("system", "Rules."), Message("user", "a"), Message("user", "b"), Message("assistant", "c"),
            Message("assistant", ""), Message("assistant", "d"), Message("user", "e"))  # fmt: skip
    body = chat_body(ChatRequest(model="m", messages=msgs, system="Top."))
    assert body["system"] == "Top.\n\nRules."
    assert body["messages"] == [
        {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "c"}, {"type": "text", "text": "d"}]},
        {"role": "user", "content": "e"},
    ]


def test_images_are_base64_blocks() -> None:
    img = ImagePart("image/png", b"\x89PNG")
    body = chat_body(ChatRequest(model="m", messages=(Message("user", "what is this?", (img,)),)))
    assert body["messages"][0]["content"] == [
        {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw=="}},
        {"type": "text", "text": "what is this?"},
    ]


def test_key_is_only_in_its_header() -> None:
    adapter = _adapter("https://api.anthropic.com")
    call = adapter.build_chat(ChatRequest(model="m", messages=HI))
    assert call.url == "https://api.anthropic.com/v1/messages"
    assert call.headers["x-api-key"] == FAKE_KEY
    assert call.headers["anthropic-version"] == "2023-06-01"
    assert FAKE_KEY not in call.url and FAKE_KEY not in repr(call) and FAKE_KEY not in repr(adapter.endpoint)


# Parsing (pure).


@pytest.mark.parametrize(("raw", "reason"), [
    ("end_turn", "stop"), ("stop_sequence", "stop"), ("max_tokens", "length"), ("tool_use", "tool_calls"),
    ("refusal", "content_filter"), ("pause_turn", "stop"),
])  # fmt: skip
def test_stop_reasons(raw: str, reason: str) -> None:
    parser = AnthropicStreamParser("anthropic")
    paused = continuation([]) if raw == "pause_turn" else None  # a paused turn carries its message, to go on
    assert parser.feed(_delta(raw)) == [Finish(reason, raw, paused),  # type: ignore[arg-type]
                                        UsageUpdate(Usage(output_tokens=5))]
    assert parser.finished
    events = parse_message("anthropic", {"id": "x", "model": "m", "content": [], "stop_reason": raw})
    assert events[-1] == Finish(reason, raw, paused)  # type: ignore[arg-type]


def test_stream_events_in_order() -> None:
    parser = AnthropicStreamParser("anthropic")
    out = parser.feed(_start(cache_creation_input_tokens=7, cache_read_input_tokens=3))
    assert out == [
        ResponseInfo("claude-test", "msg_1"),
        UsageUpdate(Usage(input_tokens=10, output_tokens=1, cache_read_tokens=3, cache_write_tokens=7)),
    ]
    assert parser.feed({"type": "ping"}) == []
    assert parser.feed(
        {"type": "content_block_delta", "index": 0, "delta": {"type": "thinking_delta", "thinking": "hmm"}}
    ) == [ReasoningDelta("hmm")]
    assert (
        parser.feed(
            {"type": "content_block_delta", "index": 0, "delta": {"type": "signature_delta", "signature": "abc"}}
        )
        == []
    )
    assert parser.feed(_text("Hi")) == [TextDelta("Hi")]
    assert not parser.done
    parser.feed({"type": "message_stop"})
    assert parser.done and parser.end() == []


def test_whole_message_with_thinking_and_redacted_thinking() -> None:
    body = {"id": "msg_2", "type": "message", "model": "claude-test", "stop_reason": "end_turn", "content": [
        {"type": "thinking", "thinking": "Let me think.", "signature": "sig"},
        {"type": "redacted_thinking", "data": "opaque"},
        {"type": "text", "text": "Four."},
        {"type": "tool_use", "id": "t", "name": "f", "input": {}},
        {"type": "text", "text": " Done."}],
        "usage": {"input_tokens": 5, "output_tokens": 9, "cache_read_input_tokens": 2}}  # fmt: skip
    assert parse_message("anthropic", body) == [
        ResponseInfo("claude-test", "msg_2"), ReasoningDelta("Let me think."),
        SignedReasoning("anthropic", {"type": "thinking", "thinking": "Let me think.", "signature": "sig"}),
        SignedReasoning("anthropic", {"type": "redacted_thinking", "data": "opaque"}), TextDelta("Four."),
        ToolCallStart("t", "f"), ToolCallDelta("t", "{}"), ToolCallEnd("t", {}, None, "f"), TextDelta(" Done."),
        UsageUpdate(Usage(input_tokens=5, output_tokens=9, cache_read_tokens=2)), Finish("tool_calls", "end_turn"),
    ]  # fmt: skip


@pytest.mark.parametrize(("etype", "kind"), [
    ("overloaded_error", "overloaded"), ("rate_limit_error", "rate_limit"), ("api_error", "server"),
    ("invalid_request_error", "bad_request"), ("authentication_error", "auth"), ("permission_error", "permission"),
    ("not_found_error", "not_found"), ("request_too_large", "context_length"),
])  # fmt: skip
def test_in_stream_error_kinds(etype: str, kind: str) -> None:
    parser = AnthropicStreamParser("anthropic")
    assert parser.feed(_error_body(etype, "something went wrong"), "error") == []
    assert parser.error is not None
    assert parser.error.kind == kind
    assert parser.error.provider == "anthropic"


async def test_models_list_over_http(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"data": [
        {"type": "model", "id": "claude-sonnet-4-5", "display_name": "Claude Sonnet 4.5",
         "created_at": "2025-09-29T00:00:00Z"},
        {"type": "model", "id": "claude-haiku-4-5", "display_name": "Claude Haiku 4.5"}],
        "has_more": False, "first_id": "claude-sonnet-4-5", "last_id": "claude-haiku-4-5"}))  # fmt: skip

    async with httpx.AsyncClient() as client:
        models = await _adapter(loopback.url).list_models(client)
    assert [(m.id, m.name) for m in models] == [
        ("claude-haiku-4-5", "Claude Haiku 4.5"),
        ("claude-sonnet-4-5", "Claude Sonnet 4.5"),
    ]
    assert models[1].created == 1759104000
    [req] = loopback.requests
    assert req.method == "GET" and req.path.startswith("/v1/models")
    assert req.headers["x-api-key"] == FAKE_KEY and req.headers["anthropic-version"] == "2023-06-01"


# Hand-built cases from Anthropic's documented formats (the recordings have none of these).


async def test_overloaded_error_mid_stream_keeps_the_partial_text(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(), {"type": "ping"}, _text("Once upon"), _text(" a time"),
                           _error_body("overloaded_error", "Overloaded")]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "Once upon a time"
    assert got.error is not None
    assert (got.error.kind, got.error.category) == ("overloaded", "server")
    assert got.error.message == "Overloaded"


@pytest.mark.parametrize(("status", "etype", "message", "kind"), [
    (529, "overloaded_error", "Overloaded", "overloaded"),
    (500, "api_error", "Internal server error", "server"),
    (503, "api_error", "Service unavailable", "overloaded"),
    (400, "invalid_request_error", "prompt is too long: 208310 tokens > 200000 maximum", "context_length"),
    (413, "request_too_large", "Request exceeds the maximum allowed number of bytes.", "context_length"),
    (401, "authentication_error", "invalid x-api-key", "auth"),
    (403, "permission_error", "Your API key does not have permission to use the specified resource.",
     "permission"),
    (404, "not_found_error", "model: claude-nope", "not_found"),
    (400, "invalid_request_error", "Your credit balance is too low to access the Anthropic API.", "quota"),
    (429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit", "rate_limit"),
])  # fmt: skip
async def test_http_errors(status: int, etype: str, message: str, kind: str, loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json(_error_body(etype, message), status=status,
                                headers={"request-id": "req_123", "retry-after": "7"}))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is not None
    assert got.error.kind == kind
    assert got.error.status == status
    assert got.error.message == message
    assert got.error.request_id == "req_123"
    assert got.error.retry_after == 7.0
    assert got.text == ""


async def test_error_never_echoes_the_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json(_error_body("authentication_error", f"invalid x-api-key {FAKE_KEY}"), status=401))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is not None and got.error.kind == "auth"
    assert FAKE_KEY not in str(got.error) and FAKE_KEY not in json.dumps(got.error.as_json())


async def test_stream_cut_off_before_message_stop(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(), _text("partial")]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "partial"
    assert got.error is not None and got.error.kind == "protocol"


async def test_connection_dropped_mid_stream(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(), _text("partial")], drop=True))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "partial"
    assert got.error is not None and got.error.category in ("network", "protocol")


async def test_stream_with_cache_usage_and_refusal(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(4, cache_creation_input_tokens=100, cache_read_input_tokens=900), _text("No."),
                           _delta("refusal", 2), {"type": "message_stop"}]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is None
    assert got.finish == Finish("content_filter", "refusal")
    assert got.usage == Usage(input_tokens=4, output_tokens=2, cache_read_tokens=900, cache_write_tokens=100)


async def test_non_streamed_answer_over_http(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"id": "msg_3", "type": "message", "role": "assistant", "model": "claude-test",
                                 "content": [{"type": "text", "text": "Paris."}], "stop_reason": "end_turn",
                                 "usage": {"input_tokens": 12, "output_tokens": 3}}))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI, stream=False))
    assert (got.text, got.finish, got.usage.output_tokens) == ("Paris.", Finish("stop", "end_turn"), 3)
    assert "stream" not in loopback.requests[0].json()
    assert loopback.requests[0].headers["accept"] == "application/json"
