"""Recorded answers that call tools, replayed over a real socket: our calls match what the official SDKs assembled.

`expected_tool_calls` in each recording is what the provider's own SDK (openai, anthropic, google-genai) made of
the same bytes. Where the provider gave no id (Gemini, one OpenAI-compatible server) we make one: it must be
usable by every protocol and the same each time the answer is read.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from app.providers import (
    ChatRequest,
    Endpoint,
    Message,
    ProviderSpec,
    ToolCallEnd,
    adapter_for,
    anthropic,
    gemini,
    get_spec,
    openai_chat,
    with_base_url,
)
from app.providers.catalog import NINE_CHAR_TOOL_IDS, TOOL_IDS_MAX_40
from app.providers.openai_tools import IdRule
from tests.support.adapters import Collected, collect
from tests.support.loopback import LoopbackServer
from tests.support.wire import cases, reply_for

from . import wire_requests

FAKE_KEY = "test-key-not-real"
PROTOCOLS = ("openai_chat", "anthropic_messages", "gemini")  # the responses one is another adapter's
ALL = [c for p in PROTOCOLS for c in cases(protocol=p)]
CALLING = [c for c in ALL if c.get("expected_tool_calls")]
# A legacy `function_call` answer to a legacy `functions` request (which Parley never sends) is not a tool call.
LEGACY_FUNCTIONS = {"openai-langchaingo-TestClient_FunctionCall-0-326f51"}
NOT_CALLING = [c for c in ALL if c.get("expected_tool_calls") == [] and c["expected_error_kind"] == "none"
               and c["id"] not in LEGACY_FUNCTIONS]  # fmt: skip
_OPENAI_PROVIDER = {"azure_openai": "openai", "huggingface_router": "huggingface", "gemini": "openai",
                    "ollama": "lmstudio"}  # fmt: skip
_PORTABLE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _spec(case: dict[str, Any], url: str) -> ProviderSpec:
    if case["protocol"] == "anthropic_messages":
        return with_base_url(get_spec("anthropic"), url)
    if case["protocol"] == "gemini":
        return with_base_url(get_spec("gemini"), url)
    return with_base_url(get_spec(_OPENAI_PROVIDER.get(case["provider"], case["provider"])), url + "/v1")


def _identified(case: dict[str, Any]) -> bool:
    """The answer names itself (a response id): ids made for its calls derive from it. Without one they are
    random, so two answers repeating a call never share an id."""
    return '"responseId"' in case["response_body"] or '"id":' in case["response_body"]


async def _replay(case: dict[str, Any], loopback: LoopbackServer) -> Collected:
    loopback.enqueue(reply_for(case))
    request = ChatRequest(model="m", messages=(Message("user", "hi"),), stream=bool(case["stream"]))
    return await collect(adapter_for(Endpoint(_spec(case, loopback.url), api_key=FAKE_KEY)), request)


@pytest.mark.parametrize("case", CALLING, ids=[c["id"] for c in CALLING])
async def test_recorded_calls_decode_as_the_sdks_did(case: dict[str, Any], loopback: LoopbackServer) -> None:
    got = await _replay(case, loopback)
    assert got.error is None, got.error
    expected = case["expected_tool_calls"]
    assert [(c.name, c.arguments) for c in got.calls] == [(e["name"], e["arguments"]) for e in expected]
    for call, want in zip(got.calls, expected, strict=True):
        assert call.arguments_error is None
        if want["id"]:
            assert call.id == want["id"]
        else:  # the provider gave none: ours is portable, unique in the answer, and the same on every read
            assert _PORTABLE_ID.match(call.id), call.id
    assert len({c.id for c in got.calls}) == len(got.calls)
    if not all(e["id"] for e in expected) and _identified(case):
        again = await _replay(case, loopback)
        assert [c.id for c in again.calls] == [c.id for c in got.calls]
    # Every call is announced, streams its arguments and ends before the answer's Finish, which says tool_calls.
    ends = [i for i, ev in enumerate(got.events) if isinstance(ev, ToolCallEnd)]
    finish_at = got.events.index(got.finish)
    assert ends and max(ends) < finish_at
    assert got.finish is not None and got.finish.reason == "tool_calls"
    assert got.finish.raw == str(case["expected_finish_reason"]) or case["expected_finish_reason"] is None


@pytest.mark.parametrize("case", NOT_CALLING, ids=[c["id"] for c in NOT_CALLING])
async def test_recorded_answers_without_calls_give_none(case: dict[str, Any], loopback: LoopbackServer) -> None:
    got = await _replay(case, loopback)
    assert got.calls == []
    if got.finish is not None:
        assert got.finish.reason != "tool_calls"


def test_every_recorded_call_is_covered() -> None:
    assert len(CALLING) == 84  # openai_chat 30, anthropic 30, gemini 24 (the responses one is not ours)
    assert sum(len(c["expected_tool_calls"]) for c in CALLING) >= 90
    assert len(NOT_CALLING) > 150


# Every recorded request that offers tools or carries tool calls: read it into a ChatRequest, encode it with our
# encoder, and compare tools, tool choice and messages (see wire_requests for what is normalised and why).


def _offers_tools(case: dict[str, Any]) -> bool:
    rj = case["request_json"]
    if not isinstance(rj, dict):
        return False
    text = json.dumps(rj)
    return bool(rj.get("tools")) or any(k in text for k in ('"tool_calls"', '"tool_use"', '"functionCall"'))


OFFERING = [c for c in ALL if _offers_tools(c)]


def _encode_case(case: dict[str, Any]) -> tuple[Any, Any]:
    """(recorded, ours), both normalised; raises Unsupported for what a ChatRequest cannot say."""
    rj = case["request_json"]
    if case["protocol"] == "openai_chat":
        provider = _OPENAI_PROVIDER.get(case["provider"], case["provider"])
        spec = get_spec(provider)
        body = openai_chat.chat_body(wire_requests.openai_request(rj, provider), provider=provider,
                                     quirks=spec.quirks)  # fmt: skip
        keep = frozenset({"reasoning_content"}) if provider == "deepseek" else frozenset()
        rule = IdRule(nine_chars=spec.has(NINE_CHAR_TOOL_IDS), max_40=spec.has(TOOL_IDS_MAX_40))
        return wire_requests.normal_openai(rj, keep, rule), wire_requests.normal_openai(body, keep, rule)
    if case["protocol"] == "anthropic_messages":
        if (why := wire_requests.anthropic_case_unsupported(rj)) is not None:
            raise wire_requests.Unsupported(why)
        body = anthropic.chat_body(wire_requests.anthropic_request(rj))
        return wire_requests.normal_anthropic(rj), wire_requests.normal_anthropic(body)
    if (why := wire_requests.gemini_case_unsupported(rj)) is not None:
        raise wire_requests.Unsupported(why)
    body = gemini.chat_body(wire_requests.gemini_request(rj))
    ids = '"id"' in json.dumps(rj.get("contents"))
    return wire_requests.normal_gemini(rj, ids=ids), wire_requests.normal_gemini(body, ids=ids)


def _unsupported(case: dict[str, Any]) -> str | None:
    try:
        _encode_case(case)
    except wire_requests.Unsupported as why:
        return str(why)
    return None


# Split when collected, so that no case is skipped at run time (in CI a skip is a failure): the recordings a
# ChatRequest cannot express are checked to be exactly those, for a reason of the documented kinds.
_WHY = {c["id"]: _unsupported(c) for c in OFFERING}
COMPARED = [c for c in OFFERING if _WHY[c["id"]] is None]
NOT_EXPRESSIBLE = [c for c in OFFERING if _WHY[c["id"]] is not None]
KNOWN_REASONS = ("image by URL", "file content part", "tool_reference", "server-side", "thinking content part")


@pytest.mark.parametrize("case", COMPARED, ids=[c["id"] for c in COMPARED])
def test_recorded_tool_requests_encode_the_same(case: dict[str, Any]) -> None:
    recorded, ours = _encode_case(case)
    assert ours == recorded


@pytest.mark.parametrize("case", NOT_EXPRESSIBLE, ids=[c["id"] for c in NOT_EXPRESSIBLE])
def test_recordings_left_out_say_why(case: dict[str, Any]) -> None:
    why = _WHY[case["id"]] or ""
    assert any(word in why for word in KNOWN_REASONS), why


def test_most_tool_requests_are_compared() -> None:
    assert len(OFFERING) >= 180
    assert len(COMPARED) >= 150, [f"{c['id']}: {_WHY[c['id']]}" for c in NOT_EXPRESSIBLE]
