"""Ollama's native API: pure request building and parsing, recorded traffic and misbehaving servers."""

from __future__ import annotations

import base64
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
    TextDelta,
    Usage,
    UsageUpdate,
)
from app.providers.ollama import OllamaAdapter, OllamaStreamParser, chat_body, parse_response
from tests.support.adapters import adapter_at, collect
from tests.support.loopback import Drop, LoopbackServer, Reply
from tests.support.wire import cases, reply_for

CHAT_CASES = cases(protocol="ollama_chat")
GENERATE_CASES = cases(protocol="ollama_generate")
HI = (Message("user", "hi"),)
NDJSON = {"content-type": "application/x-ndjson"}


def _adapter(base_url: str, api_key: str | None = None) -> OllamaAdapter:
    return adapter_at(OllamaAdapter, "ollama", base_url, api_key)


def _line(content: str = "", *, thinking: str | None = None, model: str = "llama3.2") -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if thinking is not None:
        message["thinking"] = thinking
    return {"model": model, "created_at": "2025-01-01T00:00:00Z", "message": message, "done": False}


def _last(reason: str = "stop", prompt: int = 7, output: int = 3, model: str = "llama3.2") -> dict[str, Any]:
    return {**_line(model=model), "done": True, "done_reason": reason, "total_duration": 1,
            "prompt_eval_count": prompt, "eval_count": output}  # fmt: skip


def _ndjson(lines: list[dict[str, Any]], *, drop: bool = False, content_type: str = "application/x-ndjson") -> Reply:
    chunks: list[bytes | Drop] = [(json.dumps(x) + "\n").encode() for x in lines]
    if drop:
        chunks.append(Drop())
    return Reply(200, {"content-type": content_type}, list(chunks))


# Every recorded interaction, over a real socket.


def _request_from(case: dict[str, Any]) -> ChatRequest:
    """The same question the recorded client asked, as a Parley request."""
    rj = case["request_json"]
    options = rj.get("options") or {}
    if "messages" in rj:
        messages = tuple(Message(m["role"], m["content"]) for m in rj["messages"])
    else:
        messages = (Message("user", rj["prompt"]),)
    return ChatRequest(
        model=rj["model"],
        messages=messages,
        system=rj.get("system") or None,
        temperature=options.get("temperature"),
        max_tokens=options.get("num_predict"),
        json_mode=rj.get("format") == "json",
        stream=bool(case["stream"]),
    )


def _check_expected(case: dict[str, Any], got: Any) -> None:
    assert case["expected_error_kind"] == "none"
    assert got.error is None, got.error
    assert got.text == case["expected_text"]
    if case["expected_reasoning"]:
        assert got.reasoning == case["expected_reasoning"]
    else:
        assert got.reasoning == ""
    assert got.finish is not None and got.finish.raw == case["expected_finish_reason"]
    usage = case["expected_usage"]
    assert (got.usage.input_tokens, got.usage.output_tokens) == (usage["input_tokens"], usage["output_tokens"])
    assert got.info is not None and got.info.model == case["request_json"]["model"]


@pytest.mark.parametrize("case", CHAT_CASES, ids=[c["id"] for c in CHAT_CASES])
async def test_recorded_chat_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    loopback.enqueue(reply_for(case))
    request = _request_from(case)
    got = await collect(_adapter(loopback.url), request)

    [req] = loopback.requests
    assert req.method == "POST" and req.path == "/api/chat"
    assert "authorization" not in req.headers  # keyless, local
    body = req.json()
    recorded = case["request_json"]
    assert body["stream"] is True  # explicit even where the recorded client relied on the default
    assert body["model"] == recorded["model"]
    assert body["messages"] == recorded["messages"]
    # The options Parley sends are the recorded client's (langchaingo also put `think` inside options,
    # where Ollama ignores it; Parley sends `think` at the top level, and only when asked to reason).
    assert body.get("options", {}) == {k: v for k, v in recorded["options"].items() if k != "think"}
    assert body.get("format") == (recorded["format"] or None)
    assert "think" not in body
    _check_expected(case, got)


@pytest.mark.parametrize("case", GENERATE_CASES, ids=[c["id"] for c in GENERATE_CASES])
async def test_recorded_generate_answer_decodes(case: dict[str, Any], loopback: LoopbackServer) -> None:
    """Parley never calls /api/generate, but its answers (`response` instead of `message`) decode alike."""
    loopback.enqueue(reply_for(case))
    got = await collect(_adapter(loopback.url), _request_from(case))
    [req] = loopback.requests
    assert req.path == "/api/chat" and "authorization" not in req.headers
    assert req.json()["stream"] is bool(case["stream"])
    _check_expected(case, got)


def test_recorded_cases_were_found() -> None:
    assert len(CHAT_CASES) >= 8 and len(GENERATE_CASES) >= 2


# Request building (pure).


def test_minimal_body_sends_only_what_was_set() -> None:
    body = chat_body(ChatRequest(model="llama3.2", messages=HI))
    assert body == {"model": "llama3.2", "messages": [{"role": "user", "content": "hi"}], "stream": True}


def test_stream_false_is_explicit() -> None:
    assert chat_body(ChatRequest(model="m", messages=HI, stream=False))["stream"] is False


def test_every_parameter_and_zeros_are_sent() -> None:
    request = ChatRequest(model="m", messages=HI, system="Be brief.", temperature=0.0, max_tokens=0,
                          stop=("END", "STOP"), seed=0, json_mode=True, reasoning_effort="low")  # fmt: skip
    body = chat_body(request)
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}
    assert body["options"] == {"temperature": 0.0, "num_predict": 0, "stop": ["END", "STOP"], "seed": 0}
    assert body["format"] == "json"
    assert body["think"] is True


def test_images_are_bare_base64() -> None:
    png = b"\x89PNG\r\n\x1a\nfake"
    msg_in = Message("user", "what is this?", (ImagePart("image/png", png),))
    body = chat_body(ChatRequest(model="m", messages=(msg_in,)))
    [msg] = body["messages"]
    assert msg == {"role": "user", "content": "what is this?", "images": [base64.b64encode(png).decode()]}
    assert not msg["images"][0].startswith("data:")


def test_build_chat_url_and_headers() -> None:
    adapter = _adapter("http://localhost:11434/")
    call = adapter.build_chat(ChatRequest(model="m", messages=HI))
    assert call.method == "POST" and call.url == "http://localhost:11434/api/chat"
    assert "Authorization" not in call.headers
    assert call.headers["Accept"] == "application/x-ndjson"


def test_a_configured_key_is_sent_as_bearer() -> None:
    """Ollama behind a proxy or ollama.com takes a bearer key; a local server gets none."""
    adapter = _adapter("https://ollama.example", api_key="test-key-not-real")
    call = adapter.build_chat(ChatRequest(model="m", messages=HI))
    assert call.headers["Authorization"] == "Bearer test-key-not-real"
    assert "test-key-not-real" not in repr(call)


# Response parsing (pure).


def test_parser_reasoning_text_usage_and_finish() -> None:
    parser = OllamaStreamParser("ollama")
    events = parser.feed(_line(thinking="hmm")) + parser.feed(_line("Hi")) + parser.feed(_last("length", 4, 2))
    assert events == [
        ResponseInfo(model="llama3.2"), ReasoningDelta("hmm"), TextDelta("Hi"),
        UsageUpdate(Usage(input_tokens=4, output_tokens=2)), Finish("length", "length"),
    ]  # fmt: skip
    assert parser.done and parser.finished


def test_load_done_reason_is_a_normal_stop() -> None:
    events = OllamaStreamParser("ollama").feed({"model": "m", "done": True, "done_reason": "load"})
    assert events[-1] == Finish("stop", "load")


def test_stream_error_line() -> None:
    parser = OllamaStreamParser("ollama")
    assert parser.feed({"error": "model 'nope' not found, try pulling it first"}) == []
    assert parser.error is not None and parser.error.kind == "not_found"


def test_non_streamed_answer() -> None:
    body = {**_last(), "message": {"role": "assistant", "content": "Whole answer", "thinking": "why"}}
    events = parse_response("ollama", body)
    assert TextDelta("Whole answer") in events and ReasoningDelta("why") in events
    assert events[-1] == Finish("stop", "stop")


# Over a real socket: built answers and faults.


async def test_streamed_thinking(loopback: LoopbackServer) -> None:
    loopback.enqueue(_ndjson([_line(thinking="Let me "), _line(thinking="see."), _line("4"), _last(output=5)]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="qwen3", messages=HI, reasoning_effort="high"))
    assert got.error is None
    assert (got.reasoning, got.text) == ("Let me see.", "4")
    assert loopback.requests[0].json()["think"] is True


async def test_non_streamed_over_the_wire(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({**_last(prompt=9, output=2), "message": {"role": "assistant", "content": "Hey"}}))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI, stream=False))
    assert got.error is None and got.text == "Hey"
    assert (got.usage.input_tokens, got.usage.output_tokens) == (9, 2)
    assert loopback.requests[0].json()["stream"] is False


async def test_ndjson_labelled_as_json(loopback: LoopbackServer) -> None:
    loopback.enqueue(_ndjson([_line("a"), _line("b"), _last()], content_type="application/json; charset=utf-8"))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is None and got.text == "ab"


async def test_in_stream_error_keeps_partial_text(loopback: LoopbackServer) -> None:
    failure = {"error": "an error was encountered while running the model: unexpected EOF"}
    loopback.enqueue(_ndjson([_line("Part"), failure]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "Part"
    assert got.error is not None and got.error.kind == "server" and "unexpected EOF" in got.error.message


async def test_in_stream_model_not_found(loopback: LoopbackServer) -> None:
    loopback.enqueue(_ndjson([{"error": "model 'x' not found"}]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="x", messages=HI))
    assert got.error is not None and (got.error.kind, got.error.category) == ("not_found", "bad_request")


async def test_http_404_model_not_found(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": 'model "nope" not found, try pulling it first'}, status=404))
    got = await collect(_adapter(loopback.url), ChatRequest(model="nope", messages=HI))
    assert got.error is not None and got.error.kind == "not_found" and got.error.status == 404
    assert "try pulling it first" in got.error.message


async def test_400_model_not_found_is_not_found(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": "model 'nope' not found"}, status=400))
    got = await collect(_adapter(loopback.url), ChatRequest(model="nope", messages=HI))
    assert got.error is not None and got.error.kind == "not_found"


async def test_400_thinking_unsupported_is_bad_request(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": '"gemma3:1b" does not support thinking'}, status=400))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gemma3:1b", messages=HI, reasoning_effort="low"))
    assert got.error is not None and got.error.kind == "bad_request"
    assert "does not support thinking" in got.error.message


async def test_drop_mid_stream_is_network_with_partial_text(loopback: LoopbackServer) -> None:
    loopback.enqueue(_ndjson([_line("Partial "), _line("answer")], drop=True))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "Partial answer"
    assert got.error is not None and got.error.kind == "network"


async def test_stream_without_done_is_a_protocol_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(_ndjson([_line("cut")]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.text == "cut"
    assert got.error is not None and got.error.kind == "protocol"


async def test_500_is_server(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": "llama runner process has terminated: signal: killed"}, status=500))
    got = await collect(_adapter(loopback.url), ChatRequest(model="m", messages=HI))
    assert got.error is not None and (got.error.kind, got.error.category, got.error.status) == ("server", "server", 500)
    assert "llama runner" in got.error.message


async def test_401_is_auth_and_never_shows_the_key(loopback: LoopbackServer) -> None:
    key = "test-key-not-real"
    loopback.enqueue(Reply.json({"error": f"unauthorized: bad key {key}"}, status=401))
    got = await collect(_adapter(loopback.url, api_key=key), ChatRequest(model="m", messages=HI))
    assert got.error is not None and got.error.category == "auth" and got.error.status == 401
    assert key not in str(got.error) and key not in json.dumps(got.error.as_json())
    assert loopback.requests[0].headers["authorization"] == f"Bearer {key}"


# Models and embeddings.


async def test_list_models(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"models": [
        {"name": "qwen3:0.6b", "model": "qwen3:0.6b", "size": 1, "details": {"family": "qwen3"}},
        {"name": "gemma3:1b", "model": "gemma3:1b", "size": 2, "details": {"family": "gemma3"}},
        {"size": 3},
    ]}))  # fmt: skip
    async with httpx.AsyncClient() as client:
        models = await _adapter(loopback.url).list_models(client)
    assert [m.id for m in models] == ["gemma3:1b", "qwen3:0.6b"]
    [req] = loopback.requests
    assert (req.method, req.path) == ("GET", "/api/tags") and "authorization" not in req.headers


async def test_embed(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"model": "all-minilm", "embeddings": [[0.1, 0.2], [0.3, 0.4]],
                                 "total_duration": 1, "prompt_eval_count": 8}))  # fmt: skip
    async with httpx.AsyncClient() as client:
        emb = await _adapter(loopback.url).embed(client, "all-minilm", ["a", "b"])
    assert emb.vectors == ((0.1, 0.2), (0.3, 0.4))
    assert emb.model == "all-minilm" and emb.usage == Usage(input_tokens=8)
    [req] = loopback.requests
    assert req.path == "/api/embed" and req.json() == {"model": "all-minilm", "input": ["a", "b"]}
