"""Keys are taken out of errors in one place, the transport, whatever the words came from (parsers never see keys)."""

from __future__ import annotations

import json

import httpx
import pytest

from app.providers import ChatRequest, Endpoint, Message, ProviderError, adapter_for, get_spec, with_base_url
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer, Reply

KEY = "test-key-not-real-7f3a9c"
REQ = ChatRequest(model="m", messages=(Message("user", "hi"),))


def _adapter(provider: str, url: str):  # type: ignore[no-untyped-def]
    return adapter_for(Endpoint(with_base_url(get_spec(provider), url), api_key=KEY))


@pytest.mark.parametrize("provider", ["openai", "anthropic", "gemini", "cohere"])
async def test_an_error_body_quoting_the_key(provider: str, loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": {"message": f"Incorrect API key provided: {KEY}"}}, status=401))
    got = await collect(_adapter(provider, loopback.url), REQ)
    assert got.error is not None and got.error.category == "auth"
    assert KEY not in str(got.error) and KEY not in json.dumps(got.error.as_json())


@pytest.mark.parametrize(("provider", "frame"), [
    ("anthropic", {"type": "error", "error": {"type": "overloaded_error", "message": f"key {KEY} overloaded"}}),
    ("gemini", {"error": {"code": 500, "status": "INTERNAL", "message": f"failed for {KEY}"}}),
])  # fmt: skip
async def test_an_error_inside_the_stream_quoting_the_key(provider: str, frame: dict[str, object],
                                                          loopback: LoopbackServer) -> None:  # fmt: skip
    body = f"event: error\ndata: {json.dumps(frame)}\n\n".encode()
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [body]))
    got = await collect(_adapter(provider, loopback.url), REQ)
    assert got.error is not None and got.error.provider == provider
    assert KEY not in str(got.error) and "[redacted]" in got.error.message


async def test_a_model_list_error_quoting_the_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": {"message": f"bad key {KEY}"}}, status=400))
    async with httpx.AsyncClient() as client:
        with pytest.raises(ProviderError) as caught:
            await _adapter("openai", loopback.url + "/v1").list_models(client)
    assert KEY not in str(caught.value) and caught.value.provider == "openai"
