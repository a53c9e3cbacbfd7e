"""Cohere v2 chat: pure request building and parsing, recorded traffic, typed SSE and misbehaving servers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from app.providers import (
    ChatRequest,
    Endpoint,
    Finish,
    ImagePart,
    Message,
    ProviderError,
    ReasoningDelta,
    ResponseInfo,
    StreamEvent,
    TextDelta,
    Usage,
    UsageUpdate,
    get_spec,
    with_base_url,
)
from app.providers.cohere import (
    BilledUnits,
    CohereAdapter,
    CohereStreamParser,
    CohereUsageUpdate,
    chat_body,
    parse_response,
)
from tests.support.adapters import FAKE_KEY, adapter_at, collect
from tests.support.loopback import Drop, LoopbackServer, Reply
from tests.support.wire import cases, reply_for

CASES = cases(protocol="cohere_v2")
HI = (Message("user", "hi"),)


def _adapter(base_url: str) -> CohereAdapter:
    return adapter_at(CohereAdapter, "cohere", base_url)


class BilledSpy(CohereAdapter):
    """The real adapter, also keeping the billed units that ride on Cohere's usage updates."""

    billed: BilledUnits | None = None

    async def chat(self, client: httpx.AsyncClient, request: ChatRequest) -> AsyncIterator[StreamEvent]:
        async for ev in super().chat(client, request):
            if isinstance(ev, CohereUsageUpdate):
                self.billed = ev.billed
            yield ev


def _spy(base_url: str) -> BilledSpy:
    return BilledSpy(Endpoint(with_base_url(get_spec("cohere"), base_url), api_key=FAKE_KEY))


# Cohere's SSE framing, built from its documented stream events.


def _sse(events: list[dict[str, Any]], *, drop: bool = False) -> Reply:
    chunks: list[bytes | Drop] = [f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events]
    if drop:
        chunks.append(Drop())
    return Reply(200, {"content-type": "text/event-stream"}, list(chunks))


def _start(msg_id: str = "c0a8f0e2-1") -> dict[str, Any]:
    return {"id": msg_id, "type": "message-start", "delta": {"message": {
        "role": "assistant", "content": [], "tool_plan": "", "tool_calls": [], "citations": []}}}  # fmt: skip


def _content_start(index: int = 0, kind: str = "text") -> dict[str, Any]:
    return {"type": "content-start", "index": index, "delta": {"message": {"content": {"type": kind, kind: ""}}}}


def _text(text: str, index: int = 0) -> dict[str, Any]:
    return {"type": "content-delta", "index": index, "delta": {"message": {"content": {"text": text}}}}


def _thinking(text: str, index: int = 0) -> dict[str, Any]:
    return {"type": "content-delta", "index": index, "delta": {"message": {"content": {"thinking": text}}}}


def _content_end(index: int = 0) -> dict[str, Any]:
    return {"type": "content-end", "index": index}


def _end(reason: str = "COMPLETE", tokens: tuple[int, int] = (71, 12), billed: tuple[int, int] = (5, 10),
         **extra: Any) -> dict[str, Any]:  # fmt: skip
    return {"type": "message-end", "delta": {"finish_reason": reason, **extra, "usage": {
        "billed_units": {"input_tokens": billed[0], "output_tokens": billed[1]},
        "tokens": {"input_tokens": tokens[0], "output_tokens": tokens[1]}}}}  # fmt: skip


def _text_stream(pieces: list[str], **end: Any) -> list[dict[str, Any]]:
    return [_start(), _content_start(), *(_text(p) for p in pieces), _content_end(), _end(**end)]


# Every recorded interaction, over a real socket.


def _request_from(case: dict[str, Any]) -> ChatRequest:
    """The recorded conversation as a Parley request (system turn as `system`, typed parts as text)."""
    system = None
    messages: list[Message] = []
    for m in case["request_json"]["messages"]:
        content = m["content"]
        text = content if isinstance(content, str) else "".join(p.get("text", "") for p in content)
        if m["role"] == "system":
            system = text
        else:
            messages.append(Message(m["role"], text))
    return ChatRequest(model=case["request_json"]["model"], messages=tuple(messages), system=system,
                       stream=bool(case["stream"]))  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_recorded_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    loopback.enqueue(reply_for(case))
    adapter = _spy(loopback.url)
    got = await collect(adapter, _request_from(case))

    [req] = loopback.requests
    assert req.method == "POST" and req.path == "/v2/chat"
    assert req.headers["authorization"] == f"Bearer {FAKE_KEY}"
    body = req.json()
    recorded = case["request_json"]
    assert body["model"] == recorded["model"] and body["stream"] is bool(case["stream"])
    assert [m["role"] for m in body["messages"]] == [m["role"] for m in recorded["messages"]]
    if recorded["messages"][0]["role"] == "system":
        assert body["messages"][0] == recorded["messages"][0]
    assert set(body) == {"model", "messages", "stream"}  # nothing the user did not set

    assert case["expected_error_kind"] == "none" and got.error is None, got.error
    assert got.text == case["expected_text"]
    assert got.reasoning == (case["expected_reasoning"] or "")
    assert got.finish is not None and got.finish.raw == case["expected_finish_reason"]
    assert got.finish.reason == "stop"
    usage = case["expected_usage"]
    assert (got.usage.input_tokens, got.usage.output_tokens) == (usage["input_tokens"], usage["output_tokens"])
    billed = case["expected_usage_billed"]
    assert adapter.billed == BilledUnits(input_tokens=billed["input_tokens"], output_tokens=billed["output_tokens"])
    assert got.info is not None and got.info.response_id == json.loads(case["response_body"])["id"]


def test_recorded_cases_were_found() -> None:
    assert len(CASES) >= 4


def test_cached_tokens_are_cache_reads() -> None:
    [case] = [c for c in CASES if "cached_tokens" in c["response_body"]]
    events = parse_response("cohere", json.loads(case["response_body"]))
    [update] = [e for e in events if isinstance(e, UsageUpdate)]
    assert update.usage == Usage(input_tokens=2935, output_tokens=4, cache_read_tokens=2928)


# Request building (pure).


def test_minimal_body() -> None:
    assert chat_body(ChatRequest(model="command-a-03-2025", messages=HI)) == {
        "model": "command-a-03-2025", "messages": [{"role": "user", "content": "hi"}], "stream": True}  # fmt: skip


def test_every_parameter_and_zeros_are_sent() -> None:
    request = ChatRequest(model="m", messages=HI, system="Be brief.", temperature=0.0, max_tokens=0, seed=0,
                          stop=("END",), json_mode=True, reasoning_effort="medium", stream=False)  # fmt: skip
    body = chat_body(request)
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert body["temperature"] == 0.0 and body["max_tokens"] == 0 and body["seed"] == 0
    assert body["stop_sequences"] == ["END"]
    assert body["response_format"] == {"type": "json_object"}
    assert body["thinking"] == {"type": "enabled"}
    assert body["stream"] is False


def test_images_are_image_url_parts() -> None:
    image = ImagePart("image/jpeg", b"\xff\xd8fake")
    [msg] = chat_body(ChatRequest(model="m", messages=(Message("user", "what?", (image,)),)))["messages"]
    assert msg == {"role": "user", "content": [
        {"type": "text", "text": "what?"}, {"type": "image_url", "image_url": {"url": image.data_url()}}]}  # fmt: skip
    assert msg["content"][1]["image_url"]["url"].startswith("data:image/jpeg;base64,")


def test_build_chat_url_and_auth() -> None:
    call = _adapter("https://api.cohere.com/").build_chat(ChatRequest(model="m", messages=HI))
    assert (call.method, call.url) == ("POST", "https://api.cohere.com/v2/chat")
    assert call.headers["Authorization"] == f"Bearer {FAKE_KEY}" and call.headers["Accept"] == "text/event-stream"
    assert FAKE_KEY not in call.url and FAKE_KEY not in repr(call)


# Response parsing (pure).


def test_stream_parser_events() -> None:
    parser = CohereStreamParser("cohere")
    events = [ev for frame in [_start("id-1"), _content_start(0, "thinking"), _thinking("Hmm."), _content_end(),
                               _content_start(1), _text("Hi", 1), _content_end(1), _end("MAX_TOKENS")]
              for ev in parser.feed(frame, frame["type"])]  # fmt: skip
    assert events == [
        ResponseInfo(response_id="id-1"), ReasoningDelta("Hmm."), TextDelta("Hi"),
        CohereUsageUpdate(Usage(input_tokens=71, output_tokens=12), BilledUnits(input_tokens=5, output_tokens=10)),
        Finish("length", "MAX_TOKENS"),
    ]  # fmt: skip
    assert parser.done and parser.finished and parser.error is None


@pytest.mark.parametrize(("raw", "reason"), [("COMPLETE", "stop"), ("STOP_SEQUENCE", "stop"),
                                             ("MAX_TOKENS", "length"), ("TOOL_CALL", "tool_calls"),
                                             ("ERROR", "error")])  # fmt: skip
def test_finish_reasons(raw: str, reason: str) -> None:
    assert CohereStreamParser("cohere").feed(_end(raw))[-1] == Finish(reason, raw)  # type: ignore[arg-type]


def test_billed_units_never_mix_into_token_counts() -> None:
    [update] = [e for e in CohereStreamParser("cohere").feed(_end(tokens=(500, 60), billed=(13, 61)))
                if isinstance(e, UsageUpdate)]  # fmt: skip
    assert update.usage == Usage(input_tokens=500, output_tokens=60)
    assert isinstance(update, CohereUsageUpdate) and update.billed == BilledUnits(13, 61)


def test_citation_and_debug_events_are_ignored() -> None:
    parser = CohereStreamParser("cohere")
    frames: list[dict[str, Any]] = [
        {"type": "citation-start", "index": 0, "delta": {"message": {"citations": {}}}},
        {"type": "debug", "prompt": "..."},
    ]
    for frame in frames:
        assert parser.feed(frame, frame["type"]) == []
    assert not parser.done and parser.error is None


# Over a real socket.


async def test_streamed_answer(loopback: LoopbackServer) -> None:
    events = [_start("msg-7"), _content_start(0, "thinking"), _thinking("Two "), _thinking("and two."), _content_end(),
              _content_start(1), _text("4", 1), _text(".", 1), _content_end(1), _end(tokens=(30, 9), billed=(3, 9))]
    loopback.enqueue(_sse(events))
    adapter = _spy(loopback.url)
    got = await collect(adapter, ChatRequest(model="command-a-reasoning-08-2025", messages=HI, reasoning_effort="high"))
    assert got.error is None, got.error
    assert (got.reasoning, got.text) == ("Two and two.", "4.")
    assert (got.usage.input_tokens, got.usage.output_tokens) == (30, 9)
    assert adapter.billed == BilledUnits(input_tokens=3, output_tokens=9)
    assert got.finish == Finish("stop", "COMPLETE") and got.info == ResponseInfo(response_id="msg-7")
    [req] = loopback.requests
    assert req.headers["authorization"] == f"Bearer {FAKE_KEY}" and req.headers["accept"] == "text/event-stream"
    assert req.json()["thinking"] == {"type": "enabled"} and req.json()["stream"] is True


async def test_stream_error_in_message_end(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(), _content_start(), _text("Part"), _end("ERROR", error="internal error")]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "Part" and got.finish == Finish("error", "ERROR")
    assert got.error is not None and got.error.kind == "server" and "internal error" in got.error.message


async def test_drop_mid_stream_is_network_with_partial_text(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(), _content_start(), _text("Partial "), _text("answer")], drop=True))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "Partial answer"
    assert got.error is not None and got.error.kind == "network"


async def test_stream_without_message_end_is_a_protocol_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_start(), _content_start(), _text("cut")]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "cut" and got.error is not None and got.error.kind == "protocol"


@pytest.mark.parametrize(("status", "message", "kind"), [
    (401, "invalid api token", "auth"),
    (498, "invalid api token", "auth"),
    (404, "model 'nope' not found, make sure the correct model ID was used and that you have access to the model.",
     "not_found"),
    (400, "too many tokens: total number of tokens in the prompt cannot exceed 4081 - received 4563.",
     "context_length"),
    (429, "You are using a Trial key, which is limited to 10 API calls / minute.", "rate_limit"),
    (500, "internal server error, this has been reported to our developers", "server"),
])  # fmt: skip
async def test_http_errors(status: int, message: str, kind: str, loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"id": "err-1", "message": message}, status=status))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is not None and got.error.kind == kind and got.error.status == status
    assert got.error.message == message[:500]


async def test_401_never_shows_the_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"message": f"invalid api token {FAKE_KEY}"}, status=401))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is not None and got.error.category == "auth"
    assert FAKE_KEY not in str(got.error) and FAKE_KEY not in json.dumps(got.error.as_json())


async def test_non_streamed_error_message_in_a_200(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"message": "something went wrong"}))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI, stream=False))
    assert isinstance(got.error, ProviderError) and got.error.kind == "server"


# Models and embeddings.


async def test_list_models(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"models": [
        {"name": "command-a-vision-07-2025", "endpoints": ["chat"], "context_length": 128000,
         "features": ["vision", "json_mode"]},
        {"name": "command-a-03-2025", "endpoints": ["chat"], "context_length": 256000, "features": ["tools"]},
        {"name": "embed-v4.0", "endpoints": ["embed"], "context_length": 128000},
    ], "next_page_token": None}))  # fmt: skip
    async with httpx.AsyncClient() as client:
        models = await _adapter(loopback.url).list_models(client)
    assert [(m.id, m.context_window, m.supports_images) for m in models] == [
        ("command-a-03-2025", 256000, False), ("command-a-vision-07-2025", 128000, True),
        ("embed-v4.0", 128000, None)]  # fmt: skip
    [req] = loopback.requests
    assert req.method == "GET" and req.path == "/v1/models?page_size=1000"
    assert req.headers["authorization"] == f"Bearer {FAKE_KEY}"


async def test_embed(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"id": "e-1", "embeddings": {"float": [[0.5, -0.5], [1.0, 0.0]]},
                                 "texts": ["a", "b"], "meta": {"billed_units": {"input_tokens": 2}}}))  # fmt: skip
    async with httpx.AsyncClient() as client:
        emb = await _adapter(loopback.url).embed(client, "embed-v4.0", ["a", "b"])
    assert emb.vectors == ((0.5, -0.5), (1.0, 0.0)) and emb.usage == Usage(input_tokens=2)
    [req] = loopback.requests
    assert req.path == "/v2/embed"
    assert req.json() == {"model": "embed-v4.0", "texts": ["a", "b"], "input_type": "search_document",
                          "embedding_types": ["float"]}  # fmt: skip
