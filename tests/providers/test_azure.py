"""Azure OpenAI: deployment and v1 routes, content filtering, recorded traffic and misbehaving servers."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from app.providers import (
    ChatRequest,
    Endpoint,
    Finish,
    Message,
    ProviderError,
    ResponseInfo,
    TextDelta,
    adapter_for,
    get_spec,
    with_base_url,
)
from app.providers.azure import DEFAULT_API_VERSION, AzureAdapter, AzureStreamParser
from tests.support.adapters import FAKE_KEY, collect
from tests.support.loopback import Drop, LoopbackServer, Reply
from tests.support.wire import cases, reply_for

CASES = cases(provider="azure_openai")
HI = (Message("user", "hi"),)
DEPLOYMENT_PATH = f"/openai/deployments/my-gpt4o/chat/completions?api-version={DEFAULT_API_VERSION}"

_SAFE = {"filtered": False, "severity": "safe"}
_FILTER_RESULTS = {"hate": _SAFE, "self_harm": _SAFE, "sexual": _SAFE, "violence": _SAFE}


def _adapter(base_url: str, api_version: str | None = None) -> AzureAdapter:
    spec = with_base_url(get_spec("azure"), base_url)
    adapter = adapter_for(Endpoint(spec, api_key=FAKE_KEY, api_version=api_version))
    assert isinstance(adapter, AzureAdapter)
    return adapter


def _prompt_filter_chunk() -> dict[str, Any]:
    """Azure's first streamed chunk: annotations on the prompt, no choices, blank id and model."""
    return {"choices": [], "created": 0, "id": "", "model": "", "object": "",
            "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": _FILTER_RESULTS}]}  # fmt: skip


def _chunk(text: str | None = None, finish: str | None = None) -> dict[str, Any]:
    choice: dict[str, Any] = {"index": 0, "finish_reason": finish, "content_filter_results": _FILTER_RESULTS,
                              "delta": {"content": text} if text is not None else {}}  # fmt: skip
    return {"id": "chatcmpl-az1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-2024-11-20",
            "system_fingerprint": "fp_1", "choices": [choice]}  # fmt: skip


def _usage_chunk(prompt: int = 12, completion: int = 3) -> dict[str, Any]:
    return {"id": "chatcmpl-az1", "object": "chat.completion.chunk", "created": 1, "model": "gpt-4o-2024-11-20",
            "choices": [], "usage": {"prompt_tokens": prompt, "completion_tokens": completion,
                                     "total_tokens": prompt + completion}}  # fmt: skip


def _filter_error(code: str = "content_filter") -> dict[str, Any]:
    """A prompt refused by Azure's content filter, as documented."""
    return {"error": {
        "message": "The response was filtered due to the prompt triggering Azure OpenAI's content management "
                   "policy. Please modify your prompt and retry.",
        "type": None, "param": "prompt", "code": code, "status": 400,
        "innererror": {"code": "ResponsibleAIPolicyViolation", "content_filter_result": {
            "hate": _SAFE, "jailbreak": {"filtered": True, "detected": True}, "self_harm": _SAFE,
            "sexual": _SAFE, "violence": {"filtered": True, "severity": "medium"}}},
    }}  # fmt: skip


# The recorded interaction, over a real socket.


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_recorded_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    loopback.enqueue(reply_for(case))
    deployment = case["path"].split("/")[3]  # /openai/deployments/{deployment}/chat/completions
    request = ChatRequest(model=deployment, messages=(Message("user", case["request_json"]["messages"][0]["content"]),),
                          stream=bool(case["stream"]))  # fmt: skip
    got = await collect(_adapter(loopback.url), request)

    [req] = loopback.requests
    assert req.method == "POST"
    assert req.path == f"{case['path']}?api-version={DEFAULT_API_VERSION}"
    assert req.headers["api-key"] == FAKE_KEY
    assert "authorization" not in req.headers
    body = req.json()
    assert body["messages"] == case["request_json"]["messages"]
    assert body["stream"] is bool(case["stream"])

    assert case["expected_error_kind"] == "none" and got.error is None, got.error
    assert got.text == case["expected_text"]
    if case["expected_reasoning"]:
        assert got.reasoning == case["expected_reasoning"]
    assert got.finish is not None and got.finish.raw == case["expected_finish_reason"]
    usage = case["expected_usage"]
    assert (got.usage.input_tokens, got.usage.output_tokens) == (usage["input_tokens"], usage["output_tokens"])
    assert got.info is not None and got.info.model == "gpt-4o-2024-11-20"


def test_recorded_cases_were_found() -> None:
    assert len(CASES) >= 1


# Request building (pure).


def test_deployment_route_with_default_api_version() -> None:
    call = _adapter("https://res.openai.azure.com/").build_chat(ChatRequest(model="my-gpt4o", messages=HI))
    assert call.url == "https://res.openai.azure.com/openai/deployments/my-gpt4o/chat/completions"
    assert call.params == {"api-version": "2024-10-21"}
    assert call.headers["api-key"] == FAKE_KEY and "Authorization" not in call.headers
    assert FAKE_KEY not in call.url and FAKE_KEY not in repr(call)


def test_api_version_setting_and_deployment_quoting() -> None:
    adapter = _adapter("https://res.openai.azure.com", api_version="2025-04-01-preview")
    call = adapter.build_chat(ChatRequest(model="team a/gpt", messages=HI))
    assert call.url == "https://res.openai.azure.com/openai/deployments/team%20a%2Fgpt/chat/completions"
    assert call.params == {"api-version": "2025-04-01-preview"}


def test_resource_url_ending_in_openai_is_accepted() -> None:
    call = _adapter("https://res.openai.azure.com/openai").build_chat(ChatRequest(model="d", messages=HI))
    assert call.url == "https://res.openai.azure.com/openai/deployments/d/chat/completions"


def test_v1_route() -> None:
    call = _adapter("https://res.openai.azure.com/openai/v1").build_chat(ChatRequest(model="my-gpt4o", messages=HI))
    assert call.url == "https://res.openai.azure.com/openai/v1/chat/completions"
    assert call.params is None
    assert call.json["model"] == "my-gpt4o"


def test_body_is_the_openai_body() -> None:
    request = ChatRequest(model="d", messages=HI, system="sys", temperature=0.0, max_tokens=0, seed=0,
                          stop=("x",), json_mode=True)  # fmt: skip
    body = _adapter("https://res.openai.azure.com").build_chat(request).json
    assert body["messages"][0] == {"role": "system", "content": "sys"}
    assert body["temperature"] == 0.0 and body["max_completion_tokens"] == 0 and body["seed"] == 0
    assert body["stop"] == ["x"] and body["response_format"] == {"type": "json_object"}
    assert body["stream"] is True and body["stream_options"] == {"include_usage": True}
    assert "max_tokens" not in body and "reasoning_effort" not in body


def test_unset_parameters_are_not_sent() -> None:
    body = _adapter("https://res.openai.azure.com").build_chat(ChatRequest(model="d", messages=HI, stream=False)).json
    assert set(body) == {"model", "messages", "stream"} and body["stream"] is False


def test_missing_resource_endpoint_is_a_clear_error() -> None:
    adapter = adapter_for(Endpoint(get_spec("azure"), api_key=FAKE_KEY))
    with pytest.raises(ProviderError) as info:
        adapter.build_chat(ChatRequest(model="d", messages=HI))
    assert info.value.kind == "bad_request" and "openai.azure.com" in info.value.message


def test_models_and_embeddings_routes() -> None:
    adapter = _adapter("https://res.openai.azure.com")
    models = adapter.build_list_models()
    assert (models.method, models.url) == ("GET", "https://res.openai.azure.com/openai/models")
    assert models.params == {"api-version": DEFAULT_API_VERSION}
    embed = adapter.build_embed("emb-small", ["a"])
    assert embed.url == "https://res.openai.azure.com/openai/deployments/emb-small/embeddings"
    assert embed.params == {"api-version": DEFAULT_API_VERSION} and embed.json["input"] == ["a"]
    v1 = _adapter("https://res.openai.azure.com/openai/v1")
    assert v1.build_list_models().url == "https://res.openai.azure.com/openai/v1/models"
    assert v1.build_embed("emb-small", ["a"]).url == "https://res.openai.azure.com/openai/v1/embeddings"


# Response parsing (pure).


def test_prompt_filter_chunk_is_skipped_quietly() -> None:
    parser = AzureStreamParser("azure")
    assert parser.feed(_prompt_filter_chunk()) == []
    assert parser.error is None and not parser.finished
    assert parser.feed(_chunk("Hi")) == [ResponseInfo("gpt-4o-2024-11-20", "chatcmpl-az1"), TextDelta("Hi")]


def test_output_filter_finish() -> None:
    parser = AzureStreamParser("azure")
    events = parser.feed(_chunk("Some", finish="content_filter"))
    assert events[-1] == Finish("content_filter", "content_filter")


# Over a real socket.


def _sse(events: list[dict[str, Any]], *, drop: bool = False) -> Reply:
    reply = Reply.sse(events, done=not drop)
    if drop:
        reply.chunks.append(Drop())
    return reply


async def test_streamed_answer_with_filter_annotations(loopback: LoopbackServer) -> None:
    annotation_after_finish = {"id": "", "object": "", "created": 0, "model": "", "choices": [{
        "index": 0, "finish_reason": None, "content_filter_results": _FILTER_RESULTS,
        "content_filter_offsets": {"check_offset": 0, "start_offset": 0, "end_offset": 9}}]}  # fmt: skip
    loopback.enqueue(_sse([_prompt_filter_chunk(), _chunk(""), _chunk("Bonjour"), _chunk(" Paris"),
                           _chunk(finish="stop"), annotation_after_finish, _usage_chunk(12, 3)]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.error is None, got.error
    assert got.text == "Bonjour Paris"
    assert got.finish == Finish("stop", "stop")
    assert (got.usage.input_tokens, got.usage.output_tokens) == (12, 3)
    assert got.info == ResponseInfo("gpt-4o-2024-11-20", "chatcmpl-az1")
    [req] = loopback.requests
    assert req.path == DEPLOYMENT_PATH and req.headers["api-key"] == FAKE_KEY
    assert req.headers["accept"] == "text/event-stream"


async def test_streamed_answer_cut_by_the_output_filter(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_prompt_filter_chunk(), _chunk("Here is how"), _chunk(finish="content_filter")]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.error is None
    assert got.text == "Here is how"
    assert got.finish == Finish("content_filter", "content_filter")


async def test_non_streamed_answer_cut_by_the_output_filter(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"id": "chatcmpl-2", "model": "gpt-4o", "object": "chat.completion", "choices": [{
        "index": 0, "finish_reason": "content_filter", "message": {"role": "assistant", "content": None},
        "content_filter_results": {**_FILTER_RESULTS, "violence": {"filtered": True, "severity": "high"}}}],
        "usage": {"prompt_tokens": 5, "completion_tokens": 0, "total_tokens": 5}}))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI, stream=False))
    assert got.error is None and got.text == ""
    assert got.finish == Finish("content_filter", "content_filter")


@pytest.mark.parametrize("code", ["content_filter", "ResponsibleAIPolicyViolation"])
async def test_prompt_refused_by_the_content_filter(code: str, loopback: LoopbackServer) -> None:
    body = _filter_error(code)
    if code != "content_filter":  # some API versions put only the inner code on the error
        body["error"]["code"] = code
        body["error"]["message"] = "Your request was rejected."
    loopback.enqueue(Reply.json(body, status=400))
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.error is not None
    assert (got.error.kind, got.error.category, got.error.status) == ("content_filter", "bad_request", 400)


async def test_v1_route_over_the_wire(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_chunk("ok"), _chunk(finish="stop"), _usage_chunk()]))
    got = await collect(_adapter(loopback.url + "/openai/v1"), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.error is None and got.text == "ok"
    [req] = loopback.requests
    assert req.path == "/openai/v1/chat/completions" and req.json()["model"] == "my-gpt4o"
    assert req.headers["api-key"] == FAKE_KEY


async def test_deployment_not_found(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": {"code": "DeploymentNotFound", "message": "The API deployment for this "
                                           "resource does not exist."}}, status=404))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="nope", messages=HI))
    assert got.error is not None and got.error.kind == "not_found"


async def test_drop_mid_stream_is_network_with_partial_text(loopback: LoopbackServer) -> None:
    loopback.enqueue(_sse([_prompt_filter_chunk(), _chunk("Partial "), _chunk("answer")], drop=True))
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.text == "Partial answer"
    assert got.error is not None and got.error.kind == "network"


async def test_500_is_server(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": {"code": "InternalServerError", "message": "Backend failed"}}, status=500))
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.error is not None and (got.error.kind, got.error.category, got.error.status) == ("server", "server", 500)


async def test_401_is_auth_and_never_shows_the_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json({"error": {"code": "401", "message": "Access denied due to invalid subscription key "
                                           f"{FAKE_KEY} or wrong API endpoint."}}, status=401))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="my-gpt4o", messages=HI))
    assert got.error is not None and (got.error.kind, got.error.category) == ("auth", "auth")
    assert FAKE_KEY not in str(got.error) and FAKE_KEY not in json.dumps(got.error.as_json())


async def test_list_models_and_embed_over_the_wire(loopback: LoopbackServer) -> None:
    loopback.enqueue(
        Reply.json({"object": "list", "data": [{"id": "gpt-4o-2024-11-20", "created_at": 1}, {"id": "dall-e-3"}]}),
        Reply.json({"object": "list", "model": "text-embedding-3-small", "data": [
            {"object": "embedding", "index": 0, "embedding": [0.5, 0.25]}],
            "usage": {"prompt_tokens": 2, "total_tokens": 2}}),
    )  # fmt: skip
    adapter = _adapter(loopback.url)
    async with httpx.AsyncClient() as client:
        models = await adapter.list_models(client)
        emb = await adapter.embed(client, "emb-small", ["hello"])
    assert [m.id for m in models] == ["dall-e-3", "gpt-4o-2024-11-20"]
    assert emb.vectors == ((0.5, 0.25),)
    first, second = loopback.requests
    assert (first.method, first.path) == ("GET", f"/openai/models?api-version={DEFAULT_API_VERSION}")
    assert second.path == f"/openai/deployments/emb-small/embeddings?api-version={DEFAULT_API_VERSION}"
    assert first.headers["api-key"] == FAKE_KEY and second.headers["api-key"] == FAKE_KEY
