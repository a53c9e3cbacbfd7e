"""The OpenAI-compatible adapter against a loopback server that misbehaves on cue."""

from __future__ import annotations

import json

import httpx
import pytest

from app.providers import ChatRequest, Endpoint, Message, Timeouts, adapter_for, get_spec, with_base_url
from app.providers.openai_chat import chat_body
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import chunk, dropped_reply, error_reply, stream_reply
from tests.support.ports import closed_port_url

KEY = "test-key-not-real"
REQ = ChatRequest(model="m", messages=(Message("user", "hi"),))


def _adapter(server: LoopbackServer, timeouts: Timeouts | None = None, provider: str = "openai"):  # type: ignore[no-untyped-def]
    spec = with_base_url(get_spec(provider), server.url + "/v1")
    return adapter_for(Endpoint(spec, api_key=KEY, timeouts=timeouts or Timeouts()))


async def test_normal_stream(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["Hel", "lo", " world"], reasoning=["think"]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is None
    assert got.text == "Hello world"
    assert got.reasoning == "think"
    assert (got.usage.input_tokens, got.usage.output_tokens) == (5, 3)
    assert got.finish is not None and got.finish.reason == "stop"
    body = loopback.requests[0].json()
    assert body["stream_options"] == {"include_usage": True}
    assert "temperature" not in body and "max_tokens" not in body


async def test_slow_stream_still_completes(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["a", "b", "c"], pause=0.15))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is None and got.text == "abc"


async def test_drop_mid_stream_keeps_partial_text(loopback: LoopbackServer) -> None:
    loopback.enqueue(dropped_reply(["Partial ", "answer"]))
    got = await collect(_adapter(loopback), REQ)
    assert got.text == "Partial answer"
    assert got.error is not None and got.error.kind == "network"
    assert "middle of the answer" in got.error.message


async def test_stream_ending_without_finish_is_a_protocol_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.sse([chunk("cut")], done=False))
    got = await collect(_adapter(loopback), REQ)
    assert got.text == "cut"
    assert got.error is not None and got.error.kind == "protocol"


async def test_401_is_auth_and_never_shows_the_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(401, f"Incorrect API key provided: {KEY}", code="invalid_api_key"))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None
    assert (got.error.kind, got.error.category, got.error.status) == ("auth", "auth", 401)
    assert KEY not in str(got.error) and KEY not in json.dumps(got.error.as_json())


async def test_429_with_retry_after(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(429, "slow down", headers={"retry-after": "7"}))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None
    assert got.error.kind == "rate_limit" and got.error.retry_after == 7.0


async def test_429_quota_is_quota(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(429, "You exceeded your current quota", code="insufficient_quota"))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None and got.error.kind == "quota" and got.error.category == "rate_limit"


@pytest.mark.parametrize(
    ("status", "kind"), [(500, "server"), (502, "server"), (503, "overloaded"), (529, "overloaded")]
)
async def test_5xx(loopback: LoopbackServer, status: int, kind: str) -> None:
    loopback.enqueue(error_reply(status, "boom"))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None and got.error.kind == kind and got.error.status == status


async def test_html_error_page_from_a_proxy(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(502, {"content-type": "text/html"}, [b"<html><body>Bad gateway</body></html>"]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None and got.error.kind == "server"
    assert "HTML page" in got.error.message


async def test_html_page_with_200(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(200, {"content-type": "text/html"}, [b"<!doctype html><p>login</p>"]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None and got.error.kind == "protocol"


async def test_malformed_frame_keeps_earlier_text(loopback: LoopbackServer) -> None:
    reply = Reply.sse([chunk("ok "), "{not json"], done=True)
    loopback.enqueue(reply)
    got = await collect(_adapter(loopback), REQ)
    assert got.text == "ok "
    assert got.error is not None and got.error.kind == "protocol"


async def test_utf8_split_across_chunks(loopback: LoopbackServer) -> None:
    frame = f"data: {json.dumps(chunk('héllo 東京 🎉'), ensure_ascii=False)}\n\n".encode()
    cut = frame.index("東".encode()) + 1  # inside a 3-byte character
    cut2 = frame.index("🎉".encode()) + 2  # inside a 4-byte character
    rest = [
        f"data: {json.dumps(chunk(finish='stop'))}\n\n".encode(),
        b"data: [DONE]\n\n",
    ]
    pieces = [frame[:cut], frame[cut:cut2], frame[cut2:], *rest]
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, pieces))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is None
    assert got.text == "héllo 東京 🎉"


async def test_invalid_utf8_becomes_replacement_not_a_crash(loopback: LoopbackServer) -> None:
    frame = b'data: {"choices":[{"index":0,"delta":{"content":"bad \xff\xfe byte"},"finish_reason":"stop"}]}\n\n'
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [frame, b"data: [DONE]\n\n"]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is None
    assert got.text == "bad \ufffd\ufffd byte"


async def test_stall_between_chunks_times_out(loopback: LoopbackServer) -> None:
    reply = Reply.sse([chunk("first")], done=False)
    reply.chunks.append(Pause(3))
    loopback.enqueue(reply)
    got = await collect(_adapter(loopback, Timeouts(connect=2, first_byte=5, between_chunks=0.3)), REQ)
    assert got.text == "first"
    assert got.error is not None and got.error.kind == "timeout"


async def test_stall_before_headers_times_out(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [], delay_headers=3))
    got = await collect(_adapter(loopback, Timeouts(connect=2, first_byte=0.3, between_chunks=5)), REQ)
    assert got.error is not None and got.error.kind == "timeout"


async def test_connection_refused_is_network() -> None:
    spec = with_base_url(get_spec("openai"), closed_port_url("/v1"))
    got = await collect(adapter_for(Endpoint(spec, api_key=KEY)), REQ)
    assert got.error is not None and got.error.kind == "network"


async def test_openrouter_comments_and_in_stream_error(loopback: LoopbackServer) -> None:
    body = (
        ": OPENROUTER PROCESSING\n\n"
        f"data: {json.dumps(chunk('partial'))}\n\n"
        ": OPENROUTER PROCESSING\n\n"
        'data: {"error": {"code": 502, "message": "Upstream died"}, "choices": []}\n\n'
        "data: [DONE]\n\n"
    )
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [body.encode()]))
    got = await collect(_adapter(loopback, provider="openrouter"), REQ)
    assert got.text == "partial"
    assert got.error is not None and got.error.kind == "server" and "Upstream died" in got.error.message
    assert loopback.requests[0].headers["x-title"] == "Parley"


async def test_openrouter_reported_cost(loopback: LoopbackServer) -> None:
    usage = {"prompt_tokens": 10, "completion_tokens": 2, "cost": 0.00042}
    loopback.enqueue(Reply.sse([chunk("hi"), chunk(finish="stop"), chunk(usage=usage)]))
    got = await collect(_adapter(loopback, provider="openrouter"), REQ)
    assert got.usage.provider_cost_usd == pytest.approx(0.00042)


async def test_non_streaming(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({
        "id": "x", "model": "served-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "whole", "reasoning": "r"},
                     "finish_reason": "length"}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 1, "prompt_tokens_details": {"cached_tokens": 2}},
    }))  # fmt: skip
    got = await collect(_adapter(loopback), ChatRequest(model="m", messages=(Message("user", "x"),), stream=False))
    assert (got.text, got.reasoning) == ("whole", "r")
    assert got.finish is not None and got.finish.reason == "length"
    assert got.usage.cache_read_tokens == 2
    assert got.info is not None and got.info.model == "served-model"
    assert loopback.requests[0].json()["stream"] is False
    assert "stream_options" not in loopback.requests[0].json()


async def test_list_models(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"data": [{"id": "b-model"}, {"id": "a-model", "context_length": 8192}]}))
    async with httpx.AsyncClient() as client:
        models = await _adapter(loopback).list_models(client)
    assert [m.id for m in models] == ["a-model", "b-model"]
    assert models[0].context_window == 8192
    assert loopback.requests[0].path == "/v1/models"
    assert loopback.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_parameters_sent_only_when_set() -> None:
    plain = chat_body(REQ)
    assert set(plain) == {"model", "messages", "stream", "stream_options"}
    zero = chat_body(ChatRequest(model="m", messages=REQ.messages, temperature=0, max_tokens=0, seed=0))
    assert zero["temperature"] == 0 and zero["max_tokens"] == 0 and zero["seed"] == 0


def test_reasoning_models_get_max_completion_tokens() -> None:
    body = chat_body(ChatRequest(model="o3-mini", messages=REQ.messages, max_tokens=100))
    assert body["max_completion_tokens"] == 100 and "max_tokens" not in body
    body = chat_body(ChatRequest(model="llama", messages=REQ.messages, max_tokens=100))
    assert body["max_tokens"] == 100


def test_json_mode_reasoning_effort_system_and_images() -> None:
    from app.providers import ImagePart

    req = ChatRequest(
        model="m", system="be brief", json_mode=True, reasoning_effort="high",
        messages=(Message("user", "what is this", (ImagePart("image/png", b"\x89PNG"),)),),
    )  # fmt: skip
    body = chat_body(req, include_usage=False)
    assert body["response_format"] == {"type": "json_object"}
    assert body["reasoning_effort"] == "high"
    assert body["messages"][0] == {"role": "system", "content": "be brief"}
    parts = body["messages"][1]["content"]
    assert parts[0] == {"type": "text", "text": "what is this"}
    assert parts[1]["image_url"]["url"].startswith("data:image/png;base64,")
    assert "stream_options" not in body


async def test_custom_headers_cannot_override_auth(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["ok"]))
    spec = with_base_url(get_spec("openai"), loopback.url + "/v1")
    ep = Endpoint(spec, api_key=KEY, extra_headers=(("Authorization", "Bearer stolen"), ("X-Custom", "1")))
    await collect(adapter_for(ep), REQ)
    headers = loopback.requests[0].headers
    assert headers["authorization"] == f"Bearer {KEY}" and headers["x-custom"] == "1"


def test_endpoint_repr_hides_key() -> None:
    ep = Endpoint(get_spec("openai"), api_key=KEY)
    assert KEY not in repr(ep)
