"""Azure OpenAI's Responses API on the v1 route: cases built from Microsoft's API reference, over a real socket."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from app.providers import ChatRequest, Endpoint, Message, adapter_for, get_spec, with_base_url
from app.providers.azure_responses import AzureResponsesAdapter
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer, Reply

FAKE_KEY = "test-key-not-real"
DATA = Path(__file__).resolve().parent.parent / "data" / "azure_responses" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(DATA.read_text(encoding="utf-8"))["cases"]
HI = (Message("user", "hi"),)


def _adapter(base_url: str) -> AzureResponsesAdapter:
    spec = replace(with_base_url(get_spec("azure"), base_url), protocol="azure_responses")
    adapter = adapter_for(Endpoint(spec, api_key=FAKE_KEY))
    assert isinstance(adapter, AzureResponsesAdapter)
    return adapter


def _reply(case: dict[str, Any]) -> Reply:
    body = case["response_body"].encode("utf-8")
    return Reply(case["response_status"], dict(case["response_headers"]), [body[i : i + 61] for i in
                                                                           range(0, len(body), 61)])  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
@pytest.mark.parametrize("suffix", ["", "/openai/v1", "/openai"])
async def test_documented_case(case: dict[str, Any], suffix: str, loopback: LoopbackServer) -> None:
    loopback.enqueue(_reply(case))
    request = ChatRequest(model=case["deployment"], messages=HI, stream=case["stream"])
    got = await collect(_adapter(loopback.url + suffix), request)

    [req] = loopback.requests
    assert req.path == "/openai/v1/responses"  # the v1 route: no api-version, the deployment in the body
    assert req.headers["api-key"] == FAKE_KEY and "authorization" not in req.headers
    sent = req.json()
    assert sent["model"] == case["deployment"] and sent["store"] is False
    if case["expected_error_kind"]:
        assert got.error is not None and got.error.kind == case["expected_error_kind"]
        assert FAKE_KEY not in str(got.error)
        if "retry-after" in case["response_headers"]:
            assert got.error.retry_after == float(case["response_headers"]["retry-after"])
        return
    assert got.error is None, got.error
    assert got.text == case["expected_text"]
    assert got.finish is not None and got.finish.raw == case["expected_finish_reason"]
    usage = case["expected_usage"]
    assert (got.usage.input_tokens, got.usage.output_tokens) == (usage["input_tokens"], usage["output_tokens"])


async def test_no_resource_endpoint_is_said_plainly() -> None:
    got = await collect(_adapter(""), ChatRequest(model="gpt-4o", messages=HI))
    assert got.error is not None and "resource endpoint" in got.error.message


def test_the_cases_name_their_sources() -> None:
    assert len(CASES) >= 6
    assert all(c["source"].startswith("https://learn.microsoft.com/") for c in CASES)
