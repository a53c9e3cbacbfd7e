"""Every recorded OpenAI-compatible interaction, replayed over a real socket through the real adapter."""

from __future__ import annotations

from typing import Any

import pytest

from app.providers import (
    ChatRequest,
    Endpoint,
    Message,
    ProviderSpec,
    adapter_for,
    custom_spec,
    get_spec,
    with_base_url,
)
from tests.support.adapters import FAKE_KEY, check_outcome, collect
from tests.support.loopback import LoopbackServer
from tests.support.wire import cases, reply_for

# Which Parley provider serves each recorded provider's traffic.
_PROVIDER = {"azure_openai": "openai", "huggingface_router": "huggingface", "gemini": "openai"}

CASES = cases(protocol="openai_chat")

# Recorded 200 answers that are not chat completions at all (a test server echoing the request):
# a user must see a protocol error for these, not an empty answer.
NOT_A_COMPLETION = {
    "openai-pydantic-ai-test_invalid_response-0-9c3f56",
    "openai-pydantic-ai-test_text_response-0-d03e5d",
}


def _spec_for(case: dict[str, Any], url: str) -> ProviderSpec:
    if case["provider"] == "ollama":
        # The `ollama` provider speaks Ollama's native API; its OpenAI-compatible /v1 is a custom endpoint.
        return custom_spec("ollama-v1", "Ollama (OpenAI-compatible)", url + "/v1", local=True)
    return with_base_url(get_spec(_PROVIDER.get(case["provider"], case["provider"])), url + "/v1")


def _request(case: dict[str, Any]) -> ChatRequest:
    rj = case["request_json"]
    return ChatRequest(model=rj.get("model", "m"), messages=(Message("user", "hi"),), stream=bool(case["stream"]))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_recorded_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    spec = _spec_for(case, loopback.url)
    loopback.enqueue(reply_for(case))
    got = await collect(adapter_for(Endpoint(spec, api_key=FAKE_KEY)), _request(case))

    [req] = loopback.requests
    assert req.headers["authorization"] == f"Bearer {FAKE_KEY}"
    assert req.path == "/v1/chat/completions"
    assert req.json()["stream"] is bool(case["stream"])

    check_outcome(got, case, error_category="protocol" if case["id"] in NOT_A_COMPLETION else None)
    if case.get("error_subkind") == "not_found":
        assert got.error is not None and got.error.kind == "not_found"


def test_cases_were_found() -> None:
    assert len(CASES) >= 150
