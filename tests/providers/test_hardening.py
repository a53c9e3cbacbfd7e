"""Regressions from review: key leaks, hostile numbers, unlabelled bodies, odd encodings."""

from __future__ import annotations

import json

import httpx

from app.core.chat import ChatRun
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Endpoint, Message, adapter_for, get_spec, with_base_url
from app.providers.errors import redact
from app.providers.retry_after import retry_after_seconds
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer, Reply
from tests.support.openai_server import chunk

KEY = "or-test-key-not-real-0123456789"
REQ = ChatRequest(model="m", messages=(Message("user", "hi"),))


def _adapter(server: LoopbackServer, provider: str = "openrouter", key: str = KEY):  # type: ignore[no-untyped-def]
    return adapter_for(Endpoint(with_base_url(get_spec(provider), server.url + "/v1"), api_key=key))


async def test_in_band_error_quoting_the_key_is_redacted(loopback: LoopbackServer) -> None:
    body = f'data: {{"error": {{"message": "User not found for key {KEY}", "code": 401}}}}\n\n'
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [body.encode()]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is not None and got.error.kind == "auth"
    assert KEY not in str(got.error) and KEY not in json.dumps(got.error.as_json())
    assert got.error.provider == "openrouter"


def test_redact_catches_escaped_and_padded_forms() -> None:
    key = "sk-ant-api03-SECRETabc/def+ghi==\n"
    leaked = f"Illegal header value b'{key!r}' and {key.strip()} and {repr(key)[1:-1]}"
    out = redact(leaked, [key])
    assert "SECRETabc" not in out


async def test_unsendable_key_fails_at_once_without_leaking(loopback: LoopbackServer) -> None:
    bad = "sk-abc\u2019def-test-key-not-real"
    got = await collect(_adapter(loopback, key=bad), REQ)
    assert got.error is not None and got.error.kind == "bad_request"
    assert "SECRET" not in str(got.error) and bad not in str(got.error)
    assert loopback.requests == []


def test_hostile_retry_after_values() -> None:
    assert retry_after_seconds({"retry-after": "1e999"}) is None
    assert retry_after_seconds({"retry-after": "nan"}) is None
    assert retry_after_seconds({}, '{"error": "rate limited, see retryDelay"}') is None
    assert retry_after_seconds({}, '[{"error": {"details": [{"retryDelay": "12s"}]}}]') == 12.0


async def test_hostile_usage_numbers_do_not_crash(loopback: LoopbackServer) -> None:
    frames = [chunk("ok"), chunk(finish="stop"), chunk(usage={"prompt_tokens": 1e999, "completion_tokens": -3})]
    loopback.enqueue(Reply.sse([json.dumps(f).replace("Infinity", "1e999") for f in frames]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is None and got.text == "ok"
    assert got.usage.input_tokens is None and got.usage.output_tokens is None


async def test_sse_without_content_type_is_sniffed(loopback: LoopbackServer) -> None:
    body = f"data: {json.dumps(chunk('sniffed'))}\n\ndata: {json.dumps(chunk(finish='stop'))}\n\ndata: [DONE]\n\n"
    loopback.enqueue(Reply(200, {"content-type": "text/plain"}, [body.encode()[:7], body.encode()[7:]]))
    got = await collect(_adapter(loopback), REQ)
    assert got.error is None and got.text == "sniffed"


async def test_plain_text_error_event(loopback: LoopbackServer) -> None:
    body = f"data: {json.dumps(chunk('part'))}\n\nevent: error\ndata: upstream exploded\n\n"
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [body.encode()]))
    got = await collect(_adapter(loopback), REQ)
    assert got.text == "part"
    assert got.error is not None and got.error.kind == "server" and "upstream exploded" in got.error.message


async def test_bad_gzip_is_a_protocol_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(200, {"content-type": "application/json", "content-encoding": "gzip"}, [b"not gzip"]))
    got = await collect(_adapter(loopback), ChatRequest(model="m", messages=REQ.messages, stream=False))
    assert got.error is not None and got.error.kind == "protocol"


async def test_unexpected_exception_becomes_a_reported_error(loopback: LoopbackServer) -> None:
    class Exploding:
        def chat(self, client: object, request: object):  # type: ignore[no-untyped-def]
            async def gen():  # type: ignore[no-untyped-def]
                yield chunk  # not an event: the accumulator must not crash the run either
                raise RuntimeError("bug")

            return gen()

    async with httpx.AsyncClient() as client:
        res = Resilience(client, make_adapter=lambda _ep: Exploding())  # type: ignore[arg-type,return-value]
        target = Target(Endpoint(get_spec("openai"), api_key="test-key-not-real"), "m")
        run = ChatRun(res, [target], REQ)
        reply = await run.execute()
    assert reply.error is not None and reply.error.kind == "protocol"
    assert "RuntimeError" in reply.error.message and reply.finish_reason == "error"
