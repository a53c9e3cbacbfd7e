"""OpenAI's Responses API: every recorded interaction over a real socket, documented stream events, errors."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import httpx
import pytest

from app.providers import (
    ChatRequest,
    Citation,
    Endpoint,
    Message,
    SignedReasoning,
    ToolCall,
    ToolSpec,
    adapter_for,
    get_spec,
    with_base_url,
)
from app.providers.errors import SummariesRefused
from app.providers.openai_responses import OpenAIResponsesAdapter
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.wire import cases, reply_for

from . import responses_events as ev

FAKE_KEY = "test-key-not-real"
CASES = cases(protocol="openai_responses")
HI = (Message("user", "hi"),)


def _adapter(url: str) -> OpenAIResponsesAdapter:
    from dataclasses import replace

    spec = replace(with_base_url(get_spec("openai"), url + "/v1"), protocol="openai_responses")
    adapter = adapter_for(Endpoint(spec, api_key=FAKE_KEY))
    assert isinstance(adapter, OpenAIResponsesAdapter)
    return adapter


def _summaries(body: dict[str, Any]) -> str:
    texts = [p["text"] for item in body["output"] if item["type"] == "reasoning" for p in item.get("summary") or []]
    return "\n\n".join(texts)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_recorded_case(case: dict[str, Any], loopback: LoopbackServer) -> None:
    loopback.enqueue(reply_for(case))
    request = ChatRequest(model=case["request_json"]["model"], messages=HI, stream=bool(case["stream"]))
    got = await collect(_adapter(loopback.url), request)

    [req] = loopback.requests
    assert req.path == "/v1/responses"
    assert req.headers["authorization"] == f"Bearer {FAKE_KEY}"
    sent = req.json()
    assert sent["store"] is False and sent["stream"] is bool(case["stream"])
    assert got.error is None, got.error
    assert got.text == case["expected_text"]
    assert got.finish is not None and got.finish.raw == case["expected_finish_reason"]
    usage = case["expected_usage"]
    assert (got.usage.input_tokens, got.usage.output_tokens) == (usage["input_tokens"], usage["output_tokens"])
    body = json.loads(case["response_body"]) if not case["stream"] else None
    if body is not None:
        assert got.usage.cache_read_tokens == body["usage"]["input_tokens_details"]["cached_tokens"]
        assert got.usage.reasoning_tokens == body["usage"]["output_tokens_details"]["reasoning_tokens"]
        assert got.reasoning == _summaries(body)
        assert got.info is not None and got.info.model == body["model"]
        # Reasoning items come back signed (for a tool loop), with their encrypted content.
        kept = [s.data["id"] for s in got.signed if s.data.get("type") == "reasoning"]
        assert kept == [i["id"] for i in body["output"] if i["type"] == "reasoning" and i.get("encrypted_content")]
    expected_calls = case["expected_tool_calls"]
    assert [(c.id, c.name, c.arguments) for c in got.calls] == [
        (e["id"], e["name"], e["arguments"]) for e in expected_calls
    ]
    assert got.finish.reason == ("tool_calls" if expected_calls else "stop")


def test_every_recording_is_here() -> None:
    assert len(CASES) == 14
    assert sum(c["stream"] for c in CASES) == 1


async def test_streamed_text_reasoning_calls_citations_and_searches(loopback: LoopbackServer) -> None:
    cite = ev.url_citation("https://example.org/a", "Example A")
    loopback.enqueue(ev.sse([
        *ev.created(),
        *ev.reasoning(0, [["Thinking ", "first."], ["Then ", "second."]]),
        *ev.web_search_call(1, "weather paris"),
        *ev.message(2, ["It is ", "sunny."], [cite, cite, ev.url_citation("https://example.org/b", "B")]),
        *ev.function_call(3, "lookup", ['{"q": ', '"x"}']),
        ev.completed(),
    ]))  # fmt: skip
    request = ChatRequest(model="gpt-5", messages=HI, web_search=True, tools=(ToolSpec("lookup"),))
    got = await collect(_adapter(loopback.url), request)

    assert got.error is None, got.error
    assert got.text == "It is sunny."
    assert got.reasoning == "Thinking first.\n\nThen second."
    assert [e for e in got.events if isinstance(e, Citation)] == [
        Citation("https://example.org/a", "Example A"), Citation("https://example.org/b", "B")]
    assert [(c.id, c.name, c.arguments) for c in got.calls] == [("call_abc", "lookup", {"q": "x"})]
    assert got.calls[0].signed == SignedReasoning("openai_responses", {"id": "fc_1"})
    assert got.usage.input_tokens == 20 and got.usage.cache_read_tokens == 5
    assert got.usage.output_tokens == 30 and got.usage.reasoning_tokens == 12
    assert got.usage.web_searches == 1
    assert got.finish is not None and (got.finish.reason, got.finish.raw) == ("tool_calls", "completed")
    assert got.info is not None and got.info.response_id == ev.RESP_ID
    sent = loopback.requests[0].json()
    assert {"type": "web_search"} in sent["tools"]
    assert {"type": "function", "name": "lookup", "parameters": {"type": "object", "properties": {}},
            "strict": False} in sent["tools"]  # fmt: skip
    assert sent["reasoning"] == {"summary": "auto"} and sent["include"] == ["reasoning.encrypted_content"]


async def test_no_search_count_without_web_search(loopback: LoopbackServer) -> None:
    loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["hi"]), ev.completed()]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.usage.web_searches is None
    sent = loopback.requests[0].json()
    assert "tools" not in sent and "reasoning" not in sent and "include" not in sent


@pytest.mark.parametrize(("reason", "finish"), [("max_output_tokens", "length"), ("content_filter", "content_filter")])
async def test_incomplete_with_its_reason(loopback: LoopbackServer, reason: str, finish: str) -> None:
    incomplete = ev.response("incomplete", usage=ev.usage(), incomplete=reason)
    loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["Part"]),
                             {"type": "response.incomplete", "response": incomplete}]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI, max_tokens=5))
    assert got.error is None
    assert got.text == "Part"
    assert got.finish is not None and (got.finish.reason, got.finish.raw) == (finish, reason)
    assert loopback.requests[0].json()["max_output_tokens"] == 5


async def test_refusal_is_shown_and_marked(loopback: LoopbackServer) -> None:
    loopback.enqueue(ev.sse([*ev.created(),
                             {"type": "response.refusal.delta", "item_id": "msg_1", "output_index": 0,
                              "content_index": 0, "delta": "I can't help "},
                             {"type": "response.refusal.delta", "item_id": "msg_1", "output_index": 0,
                              "content_index": 0, "delta": "with that."},
                             ev.completed()]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.text == "I can't help with that."
    assert got.finish is not None and (got.finish.reason, got.finish.raw) == ("content_filter", "refusal")


async def test_failed_response_is_a_typed_error(loopback: LoopbackServer) -> None:
    failed = ev.response("failed", error={"code": "rate_limit_exceeded", "message": "Slow down."})
    loopback.enqueue(ev.sse([*ev.created(), {"type": "response.failed", "response": failed}]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.error is not None and got.error.kind == "rate_limit" and "Slow down." in got.error.message


async def test_error_event_is_a_typed_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["Half"])[:3],
                             {"type": "error", "code": "server_error", "message": "The server had an error.",
                              "param": None}]))  # fmt: skip
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.text == "Half"
    assert got.error is not None and got.error.kind == "server"


async def test_a_stream_cut_short_is_a_protocol_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["Half"])[:3]]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.error is not None and got.error.kind == "protocol"


_NOT_VERIFIED = {"error": {
    "message": "Your organization must be verified to generate reasoning summaries. Please go to: "
               "https://platform.openai.com/settings/organization/general and click on Verify Organization. If you "
               "just verified, it can take up to 15 minutes for access to propagate.",
    "type": "invalid_request_error", "param": "reasoning.summary", "code": "unsupported_value"}}  # fmt: skip


async def test_unverified_organisation_is_its_own_error(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply.json(_NOT_VERIFIED, status=400))
    got = await collect(_adapter(loopback.url), ChatRequest(model="o4-mini", messages=HI))
    assert isinstance(got.error, SummariesRefused)
    assert got.error.kind == "bad_request" and got.error.status == 400


async def test_other_400s_are_plain_bad_requests(loopback: LoopbackServer) -> None:
    body = {"error": {"message": "Unsupported parameter: 'temperature' is not supported with this model.",
                      "type": "invalid_request_error", "param": "temperature", "code": "unsupported_parameter"}}
    loopback.enqueue(Reply.json(body, status=400))
    got = await collect(_adapter(loopback.url), ChatRequest(model="o4-mini", messages=HI, temperature=0.5))
    assert got.error is not None and not isinstance(got.error, SummariesRefused)
    assert got.error.kind == "bad_request"


@pytest.mark.parametrize(("status", "body", "kind"), [
    (401, {"error": {"message": "Incorrect API key provided: test-key-not-real.", "type": "invalid_request_error",
                     "code": "invalid_api_key"}}, "auth"),
    (429, {"error": {"message": "Rate limit reached", "type": "requests", "code": "rate_limit_exceeded"}},
     "rate_limit"),
    (404, {"error": {"message": "The model `nope` does not exist", "type": "invalid_request_error",
                     "code": "model_not_found"}}, "not_found"),
    (400, {"error": {"message": "Your input exceeds the context window of this model.", "type":
                     "invalid_request_error", "code": "context_length_exceeded"}}, "context_length"),
])  # fmt: skip
async def test_http_errors_are_typed(loopback: LoopbackServer, status: int, body: dict[str, Any], kind: str) -> None:
    loopback.enqueue(Reply.json(body, status=status, headers={"retry-after": "3"}))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.error is not None and got.error.kind == kind
    assert FAKE_KEY not in str(got.error)
    if kind == "rate_limit":
        assert got.error.retry_after == 3


async def test_cancelling_closes_the_stream_at_once(loopback: LoopbackServer) -> None:
    stalled = ev.sse([*ev.created(), *ev.message(0, ["Hello"])[:3]])
    stalled.chunks.append(Pause(30))
    loopback.enqueue(stalled)
    adapter = _adapter(loopback.url)
    seen: list[str] = []
    first = asyncio.Event()

    async def consume() -> None:
        async with httpx.AsyncClient() as client:
            async for e in adapter.chat(client, ChatRequest(model="gpt-4o", messages=HI)):
                if hasattr(e, "text"):
                    seen.append(e.text)
                    first.set()

    task = asyncio.create_task(consume())
    await asyncio.wait_for(first.wait(), 10)
    start = time.monotonic()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - start < 2
    assert seen == ["Hello"]


async def test_tool_loop_history_goes_back_as_items(loopback: LoopbackServer) -> None:
    reasoning = SignedReasoning("openai_responses", {"type": "reasoning", "id": "rs_9", "encrypted_content": "enc",
                                                     "summary": []})  # fmt: skip
    own = ToolCall("call_1", "lookup", {"q": "x"}, signed=SignedReasoning("openai_responses", {"id": "fc_9"}))
    foreign = ToolCall("toolu_01ABC", "lookup", {"q": "y"})
    history = (
        Message("user", "find x"),
        Message("assistant", "", tool_calls=(own,), signed=(reasoning,)),
        Message("tool", "found x", tool_call_id="call_1", tool_name="lookup"),
        Message("assistant", "and y", tool_calls=(foreign,)),
        Message("tool", "boom", tool_call_id="toolu_01ABC", tool_name="lookup", is_error=True),
    )
    loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["done"]), ev.completed()]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-5", messages=history, system="Be brief.",
                                                            tools=(ToolSpec("lookup"),), tool_choice="auto"))
    assert got.error is None
    sent = loopback.requests[0].json()
    assert sent["instructions"] == "Be brief." and sent["tool_choice"] == "auto"
    assert sent["input"] == [
        {"role": "user", "content": "find x"},
        {"type": "reasoning", "id": "rs_9", "encrypted_content": "enc", "summary": []},
        {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": '{"q": "x"}', "id": "fc_9"},
        {"type": "function_call_output", "call_id": "call_1", "output": "found x"},
        {"role": "assistant", "content": "and y"},
        {"type": "function_call", "call_id": "toolu_01ABC", "name": "lookup", "arguments": '{"q": "y"}'},
        {"type": "function_call_output", "call_id": "toolu_01ABC", "output": "Error: boom"},
    ]


def test_a_call_whose_reasoning_is_not_sent_carries_no_item_id() -> None:
    from app.providers.responses_items import input_items

    call = ToolCall("call_1", "f", {}, signed=SignedReasoning("openai_responses", {"id": "fc_1"}))
    items = input_items((Message("user", "q"), Message("assistant", "", tool_calls=(call,))))
    assert items[1] == {"type": "function_call", "call_id": "call_1", "name": "f", "arguments": "{}"}


def test_summaries_not_asked_when_turned_off_or_for_chat_models() -> None:
    from app.providers.responses_items import responses_body

    assert "reasoning" not in responses_body(ChatRequest("o3", HI, reasoning_summary=False))
    assert responses_body(ChatRequest("o3", HI, reasoning_effort="low", reasoning_summary=False))["reasoning"] == {
        "effort": "low"}
    assert responses_body(ChatRequest("o3", HI, reasoning_effort="high"))["reasoning"] == {"effort": "high",
                                                                                           "summary": "auto"}
    assert "reasoning" not in responses_body(ChatRequest("gpt-4.1", HI))
    assert "reasoning" not in responses_body(ChatRequest("gpt-5-chat-latest", HI))


@pytest.mark.parametrize("field", ["stop", "seed"])
def test_parameters_the_api_lacks_are_refused_before_sending(field: str) -> None:
    from app.providers.errors import ProviderError
    from app.providers.responses_items import responses_body

    request = ChatRequest("gpt-4o", HI, stop=("END",)) if field == "stop" else ChatRequest("gpt-4o", HI, seed=1)
    with pytest.raises(ProviderError, match="--api chat"):
        responses_body(request)


def test_images_and_json_mode() -> None:
    from app.providers import ImagePart
    from app.providers.responses_items import responses_body

    body = responses_body(ChatRequest("gpt-4o", (Message("user", "what", (ImagePart("image/png", b"\x89PNG"),)),),
                                      json_mode=True, temperature=0))  # fmt: skip
    assert body["input"][0]["content"] == [
        {"type": "input_text", "text": "what"},
        {"type": "input_image", "image_url": "data:image/png;base64,iVBORw==", "detail": "auto"},
    ]
    assert body["text"] == {"format": {"type": "json_object"}} and body["temperature"] == 0


async def test_a_call_seen_only_when_done_still_counts(loopback: LoopbackServer) -> None:
    done_only = [e for e in ev.function_call(0, "lookup", ['{"q": 1}']) if e["type"] == "response.output_item.done"]
    loopback.enqueue(ev.sse([*ev.created(), *done_only, ev.completed()]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI, tools=(ToolSpec("lookup"),)))
    assert [(c.id, c.name, c.arguments) for c in got.calls] == [("call_abc", "lookup", {"q": 1})]
    assert got.finish is not None and got.finish.reason == "tool_calls"


async def test_azure_filter_inside_a_stream_is_a_content_filter_error(loopback: LoopbackServer) -> None:
    failed = ev.response("failed", error={"code": "content_filter", "message": "The response was filtered."})
    loopback.enqueue(ev.sse([*ev.created(), {"type": "response.failed", "response": failed}]))
    got = await collect(_adapter(loopback.url), ChatRequest(model="gpt-4o", messages=HI))
    assert got.error is not None and got.error.kind == "content_filter"
