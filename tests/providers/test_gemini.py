"""The Gemini adapter: pure request building and parsing, recorded traffic (AI Studio and Vertex) and bad servers."""

from __future__ import annotations

import json
import re
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
from app.providers.errors import ProviderError
from app.providers.gemini import GeminiAdapter, GeminiStreamParser, chat_body, parse_response
from tests.support.adapters import FAKE_KEY, adapter_at, check_outcome, collect
from tests.support.loopback import Drop, LoopbackServer, Reply
from tests.support.wire import cases, reply_for

CASES = cases(protocol="gemini")
HISTORY = (Message("user", "My name is Alice"), Message("assistant", "Nice to meet you!"), Message("user", "Name?"))

# Recorded answers whose expectation this adapter deliberately does not share:
# Vertex Model Armor blocked the prompt itself: the body has `promptFeedback.blockReason` and no candidates.
# The recording (pydantic-ai) expects an empty answer with no error; Parley reports it as a content_filter
# error, so a user sees why nothing came back rather than a silent empty reply.
PROMPT_BLOCKED = {"gemini_vertex-pydantic-ai-test_google_model_armor_prompt_template_text_gets_blocked-1-f1ed3b"}

_PATH = re.compile(r"^(?P<root>.*)/models/(?P<model>[^/:]+):(?P<method>\w+)$")


def _adapter(base_url: str) -> GeminiAdapter:
    return adapter_at(GeminiAdapter, "gemini", base_url)


def _chunk(*parts: dict[str, Any], finish: str | None = None, usage: dict[str, int] | None = None) -> dict[str, Any]:
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": list(parts)}, "index": 0}
    if finish:
        candidate["finishReason"] = finish
    out: dict[str, Any] = {"candidates": [candidate], "modelVersion": "gemini-test", "responseId": "r1"}
    if usage:
        out["usageMetadata"] = usage
    return out


def _sse(frames: list[Any], *, drop: bool = False) -> Reply:
    """Gemini's alt=sse framing: `data:` lines only, no end marker."""
    chunks: list[bytes | Drop] = [f"data: {json.dumps(f)}\r\n\r\n".encode() for f in frames]
    if drop:
        chunks.append(Drop())
    return Reply(200, {"content-type": "text/event-stream"}, list(chunks))


def _google_error(code: int, status: str, message: str, *details: dict[str, Any]) -> dict[str, Any]:
    err: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        err["details"] = list(details)
    return {"error": err}


# Every recorded interaction, over a real socket. Vertex recordings have their own path prefix: only the
# base URL changes, the same adapter speaks to them.


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_recorded_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    m = _PATH.match(case["path"])
    assert m is not None, case["path"]
    assert m["method"] == ("streamGenerateContent" if case["stream"] else "generateContent")
    loopback.enqueue(reply_for(case))
    request = ChatRequest(model=m["model"], messages=HISTORY, system="Be brief.", stream=bool(case["stream"]))
    got = await collect(_adapter(loopback.url + m["root"]), request)

    [req] = loopback.requests
    path, _, query = req.path.partition("?")
    assert req.method == "POST"
    assert path == case["path"]
    assert query == ("alt=sse" if case["stream"] else "")
    assert req.headers["x-goog-api-key"] == FAKE_KEY
    assert FAKE_KEY not in req.path and "key=" not in query
    assert "authorization" not in req.headers
    body = req.json()
    assert [c["role"] for c in body["contents"]] == ["user", "model", "user"]
    assert body["contents"][0]["parts"] == [{"text": "My name is Alice"}]
    assert body["systemInstruction"] == {"parts": [{"text": "Be brief."}]}
    assert "generationConfig" not in body

    blocked = case["id"] in PROMPT_BLOCKED
    check_outcome(got, case, error_category="bad_request" if blocked else None)
    if got.error is not None and blocked:
        assert got.error.kind == "content_filter" and "MODEL_ARMOR" in got.error.message
    elif got.error is not None:
        assert got.error.status == case["response_status"]
    if case["expected_usage"]:
        assert got.usage.reasoning_tokens == case["expected_usage"].get("thoughts_tokens")


def test_cases_were_found() -> None:
    assert len(CASES) >= 120
    assert sum(1 for c in CASES if c["provider"] == "gemini_vertex") >= 20
    assert sum(1 for c in CASES if c["stream"] and c["response_body"].lstrip().startswith("[")) >= 4


# Request building (pure).


def test_minimal_body_sends_no_generation_config() -> None:
    assert chat_body(ChatRequest(model="m", messages=(Message("user", "hi"),))) == {
        "contents": [{"role": "user", "parts": [{"text": "hi"}]}]}  # fmt: skip


def test_given_zeros_are_sent_as_zeros() -> None:
    body = chat_body(ChatRequest(model="m", messages=HISTORY, temperature=0.0, max_tokens=0, seed=0))
    assert body["generationConfig"] == {"temperature": 0.0, "maxOutputTokens": 0, "seed": 0}


def test_all_parameters() -> None:
    body = chat_body(ChatRequest(model="m", messages=HISTORY, system="S", temperature=0.3, max_tokens=50,
                                 stop=("END",), seed=42, json_mode=True, reasoning_effort="medium"))  # fmt: skip
    assert body["systemInstruction"] == {"parts": [{"text": "S"}]}
    assert body["generationConfig"] == {
        "temperature": 0.3, "maxOutputTokens": 50, "stopSequences": ["END"], "seed": 42,
        "responseMimeType": "application/json", "thinkingConfig": {"thinkingBudget": 8192, "includeThoughts": True},
    }  # fmt: skip


@pytest.mark.parametrize(("effort", "budget"), [("low", 1024), ("medium", 8192), ("high", 24576)])
def test_reasoning_effort_budgets(effort: Any, budget: int) -> None:
    config = chat_body(ChatRequest(model="m", messages=HISTORY, reasoning_effort=effort))["generationConfig"]
    assert config == {"thinkingConfig": {"thinkingBudget": budget, "includeThoughts": True}}


def test_roles_images_system_turns_and_merging() -> None:
    img = ImagePart("image/jpeg", b"\xff\xd8\xff")
    msgs = (Message("system", "Rules."), Message("user", "look", (img,)), Message("user", "again"),
            Message("assistant", ""), Message("assistant", "ok"))  # fmt: skip
    body = chat_body(ChatRequest(model="m", messages=msgs))
    assert body["systemInstruction"] == {"parts": [{"text": "Rules."}]}
    assert body["contents"] == [
        {"role": "user", "parts": [{"text": "look"}, {"inlineData": {"mimeType": "image/jpeg", "data": "/9j/"}},
                                   {"text": "again"}]},
        {"role": "model", "parts": [{"text": "ok"}]},
    ]  # fmt: skip


def test_urls_and_the_key_stays_in_its_header() -> None:
    adapter = _adapter("https://generativelanguage.googleapis.com/v1beta")
    stream = adapter.build_chat(ChatRequest(model="models/gemini-2.5-flash", messages=HISTORY))
    assert (
        stream.url == "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent"
    )
    assert stream.params == {"alt": "sse"}
    whole = adapter.build_chat(ChatRequest(model="gemini-2.5-flash", messages=HISTORY, stream=False))
    assert whole.url.endswith("/models/gemini-2.5-flash:generateContent") and whole.params is None
    for call in (stream, whole, adapter.build_list_models(), adapter.build_embed("text-embedding-004", ["a"])):
        assert call.headers["x-goog-api-key"] == FAKE_KEY
        assert FAKE_KEY not in call.url and FAKE_KEY not in json.dumps(call.params) and FAKE_KEY not in repr(call)


# Parsing (pure).


@pytest.mark.parametrize(("raw", "reason"), [
    ("STOP", "stop"), ("MAX_TOKENS", "length"), ("SAFETY", "content_filter"), ("RECITATION", "content_filter"),
    ("BLOCKLIST", "content_filter"), ("PROHIBITED_CONTENT", "content_filter"), ("SPII", "content_filter"),
    ("IMAGE_SAFETY", "content_filter"), ("MALFORMED_FUNCTION_CALL", "error"), ("OTHER", "stop"),
    ("MODEL_ARMOR", "content_filter"), (1, "stop"), (2, "length"), (3, "content_filter"),
])  # fmt: skip
def test_finish_reasons(raw: Any, reason: str) -> None:
    parser = GeminiStreamParser("gemini")
    assert not parser.finished
    assert parser.feed(_chunk(finish=raw))[-1] == Finish(reason, str(raw))  # type: ignore[arg-type]
    assert parser.finished
    assert parser.end() == []


def test_thoughts_text_and_cumulative_usage() -> None:
    parser = GeminiStreamParser("gemini")
    first = parser.feed(_chunk({"text": "Thinking…", "thought": True}, usage={"promptTokenCount": 9}))
    assert first == [ResponseInfo("gemini-test", "r1"), ReasoningDelta("Thinking…"),
                     UsageUpdate(Usage(input_tokens=9))]  # fmt: skip
    last = parser.feed(
        _chunk(
            {"text": "Hi", "thoughtSignature": "c2ln"},
            {"functionCall": {"name": "f"}},
            finish="STOP",
            usage={
                "promptTokenCount": 9,
                "candidatesTokenCount": 2,
                "thoughtsTokenCount": 30,
                "cachedContentTokenCount": 4,
            },
        )
    )
    call_id = last[3].id  # type: ignore[union-attr]  # no id in the answer: one derived from it
    assert last == [
        TextDelta("Hi"),
        SignedReasoning("gemini", {"thoughtSignature": "c2ln"}),
        ToolCallStart(call_id, "f"), ToolCallDelta(call_id, "{}"), ToolCallEnd(call_id, {}, None, "f"),
        Finish("tool_calls", "STOP"),
        UsageUpdate(Usage(input_tokens=9, output_tokens=2, cache_read_tokens=4, reasoning_tokens=30)),
    ]


def test_blocked_prompt_without_candidates_is_a_content_filter_error() -> None:
    body = {"promptFeedback": {"blockReason": "SAFETY"}, "usageMetadata": {"promptTokenCount": 7},
            "modelVersion": "gemini-test"}  # fmt: skip
    with pytest.raises(ProviderError) as info:
        parse_response("gemini", body)
    assert info.value.kind == "content_filter"
    assert info.value.message == "the prompt was blocked (SAFETY)"
    parser = GeminiStreamParser("gemini")
    assert parser.feed(body)[-1] == UsageUpdate(Usage(input_tokens=7))
    assert parser.error is not None and parser.error.kind == "content_filter"


# Hand-built cases from Google's documented formats.


async def test_json_array_stream_body_without_alt_sse(loopback: LoopbackServer) -> None:
    frames = [_chunk({"text": "Plan.", "thought": True}, usage={"promptTokenCount": 5}),
              _chunk({"text": "Hello"}), _chunk({"text": ", world"}, finish="STOP",
                                                usage={"promptTokenCount": 5, "candidatesTokenCount": 3,
                                                       "thoughtsTokenCount": 8})]  # fmt: skip
    body = ("[" + ",\r\n".join(json.dumps(f, indent=2) for f in frames) + "]").encode()
    loopback.enqueue(Reply(200, {"content-type": "application/json; charset=UTF-8"},
                           [body[i : i + 13] for i in range(0, len(body), 13)]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="gemini-test", messages=HISTORY))
    assert got.error is None
    assert (got.text, got.reasoning) == ("Hello, world", "Plan.")
    assert got.usage == Usage(input_tokens=5, output_tokens=3, reasoning_tokens=8)
    assert got.finish == Finish("stop", "STOP")
    assert got.info == ResponseInfo("gemini-test", "r1")


async def test_stream_without_a_finish_reason_is_truncated(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_chunk({"text": "Once"}), _chunk({"text": " upon"})]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HISTORY))
    assert got.text == "Once upon"
    assert got.error is not None and got.error.kind == "protocol"


async def test_connection_dropped_mid_stream(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_chunk({"text": "Once"})], drop=True))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HISTORY))
    assert got.text == "Once"
    assert got.error is not None and got.error.category in ("network", "protocol")


async def test_error_object_inside_the_stream(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_chunk({"text": "Part"}), _google_error(503, "UNAVAILABLE", "The model is overloaded.")]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HISTORY))
    assert got.text == "Part"
    assert got.error is not None and (got.error.kind, got.error.category) == ("overloaded", "server")


_KEY_INVALID = {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    "reason": "API_KEY_INVALID",
    "domain": "googleapis.com",
    "metadata": {"service": "generativelanguage.googleapis.com"},
}
_RETRY = {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": "37s"}
_QUOTA = {
    "@type": "type.googleapis.com/google.rpc.QuotaFailure",
    "violations": [
        {
            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            "quotaId": "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
        }
    ],
}


@pytest.mark.parametrize(("status", "body", "kind", "retry_after"), [
    (400, _google_error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", _KEY_INVALID),
     "auth", None),
    (400, [_google_error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", _KEY_INVALID)],
     "auth", None),
    (429, _google_error(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and "
                        "billing details.", _QUOTA, _RETRY), "rate_limit", 37.0),
    (429, [_google_error(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota).", _RETRY)],
     "rate_limit", 37.0),
    (400, _google_error(400, "INVALID_ARGUMENT", "The input token count (1200000) exceeds the maximum number of "
                        "tokens allowed (1048576)."), "context_length", None),
    (400, _google_error(400, "INVALID_ARGUMENT", "Invalid value at 'generation_config.temperature' (TYPE_FLOAT)"),
     "bad_request", None),
    (404, _google_error(404, "NOT_FOUND", "models/gemini-nope is not found for API version v1beta"), "not_found",
     None),
    (403, _google_error(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without "
                        "established identity). Please use API Key or other form of API consumer identity."),
     "auth", None),
    (403, _google_error(403, "PERMISSION_DENIED", "Generative Language API has not been used in project 1."),
     "permission", None),
    (500, _google_error(500, "INTERNAL", "An internal error has occurred."), "server", None),
    (503, _google_error(503, "UNAVAILABLE", "The model is overloaded. Please try again later."), "overloaded",
     None),
    (504, _google_error(504, "DEADLINE_EXCEEDED", "Deadline expired before operation could complete."),
     "timeout", None),
])  # fmt: skip
async def test_http_errors(status: int, body: Any, kind: str, retry_after: float | None,
                           loopback: LoopbackServer) -> None:  # fmt: skip
    loopback.enqueue(Reply.json(body, status=status))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HISTORY))
    assert got.error is not None
    assert got.error.kind == kind
    assert got.error.status == status
    assert got.error.retry_after == retry_after
    message = (body[0] if isinstance(body, list) else body)["error"]["message"]
    assert got.error.message == message


async def test_error_never_echoes_the_key(loopback: LoopbackServer) -> None:
    body = _google_error(400, "INVALID_ARGUMENT", f"API key not valid: {FAKE_KEY}", _KEY_INVALID)
    loopback.enqueue(Reply.json(body, status=400))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HISTORY))
    assert got.error is not None and got.error.kind == "auth"
    assert FAKE_KEY not in str(got.error) and FAKE_KEY not in json.dumps(got.error.as_json())


async def test_html_error_page(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(502, {"content-type": "text/html"}, [b"<!DOCTYPE html><html>Bad Gateway</html>"]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HISTORY))
    assert got.error is not None and got.error.kind == "server" and "HTML" in got.error.message


async def test_models_list_reads_only_the_first_page(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"models": [
        {"name": "models/gemini-2.5-flash", "displayName": "Gemini 2.5 Flash", "inputTokenLimit": 1048576,
         "outputTokenLimit": 65536, "supportedGenerationMethods": ["generateContent"]},
        {"name": "models/text-embedding-004", "displayName": "Text Embedding 004", "inputTokenLimit": 2048,
         "outputTokenLimit": 1}], "nextPageToken": "Cg5tb2RlbHMvbmV4dA=="}))  # fmt: skip
    async with httpx.AsyncClient() as client:
        models = await _adapter(loopback.url + "/v1beta").list_models(client)
    assert [(m.id, m.name, m.context_window, m.max_output_tokens) for m in models] == [
        ("gemini-2.5-flash", "Gemini 2.5 Flash", 1048576, 65536),
        ("text-embedding-004", "Text Embedding 004", 2048, 1),
    ]
    [req] = loopback.requests
    assert req.method == "GET" and req.path.partition("?")[0] == "/v1beta/models"
    assert req.headers["x-goog-api-key"] == FAKE_KEY and "key=" not in req.path


async def test_embeddings(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"embeddings": [{"values": [0.1, -0.2, 0.3]}, {"values": [0.0, 1.0, 0.5]}]}))
    async with httpx.AsyncClient() as client:
        emb = await _adapter(loopback.url + "/v1beta").embed(client, "text-embedding-004", ["one", "two"])
    assert emb.vectors == ((0.1, -0.2, 0.3), (0.0, 1.0, 0.5))
    [req] = loopback.requests
    assert req.path == "/v1beta/models/text-embedding-004:batchEmbedContents"
    assert req.headers["x-goog-api-key"] == FAKE_KEY
    assert req.json() == {"requests": [
        {"model": "models/text-embedding-004", "content": {"parts": [{"text": "one"}]}},
        {"model": "models/text-embedding-004", "content": {"parts": [{"text": "two"}]}}]}  # fmt: skip
