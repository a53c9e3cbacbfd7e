"""Each provider's own web search over a real socket, in its documented shapes: sources, search counts, and
server tools that are never function calls for core to run."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from app.providers import (
    ChatRequest,
    Citation,
    Endpoint,
    Message,
    SearchEntryPoint,
    ToolCallEnd,
    ToolCallStart,
    ToolSpec,
    adapter_for,
    get_spec,
    with_base_url,
)
from app.providers.anthropic import chat_body as anthropic_body
from app.providers.anthropic import parse_message
from app.providers.anthropic_search import PAUSED, continuation
from app.providers.gemini import chat_body as gemini_body
from app.providers.openai_responses import parse_response
from tests.support import search_servers as srv
from tests.support.adapters import collect
from tests.support.loopback import LoopbackServer

FAKE_KEY = "test-key-not-real"
HI = (Message("user", "who won euro 2024?"),)


def _adapter(provider: str, url: str) -> Any:
    return adapter_for(Endpoint(with_base_url(get_spec(provider), url), api_key=FAKE_KEY))


def _no_calls(events: list[Any]) -> None:
    assert not [e for e in events if isinstance(e, (ToolCallStart, ToolCallEnd))]


async def test_anthropic_search_sources_and_count(loopback: LoopbackServer) -> None:
    loopback.enqueue(srv.anthropic_search_stream())
    got = await collect(_adapter("anthropic", loopback.url), ChatRequest("claude-sonnet-4-5", HI, web_search=True))
    assert got.error is None, got.error
    assert got.text == "Let me search. Spain won."
    assert [e for e in got.events if isinstance(e, Citation)] == [Citation("https://example.com/euro", "Euro 2024")]
    assert got.usage.web_searches == 1 and got.usage.input_tokens == 2000
    assert got.finish is not None and (got.finish.reason, got.finish.continuation) == ("stop", None)
    _no_calls(got.events)
    sent = loopback.requests[0].json()
    assert sent["tools"] == [{"type": "web_search_20250305", "name": "web_search"}]
    assert "tool_choice" not in sent


def test_anthropic_search_beside_function_tools() -> None:
    body = anthropic_body(ChatRequest("claude-sonnet-4-5", HI, web_search=True, tools=(ToolSpec("add"),),
                                      tool_choice="auto"))  # fmt: skip
    assert [t["name"] for t in body["tools"]] == ["add", "web_search"]
    assert body["tool_choice"] == {"type": "auto"}


def test_anthropic_whole_message_with_citations() -> None:
    body = {"id": "msg_2", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
            "stop_reason": "end_turn",
            "content": [
                {"type": "server_tool_use", "id": "srvtoolu_2", "name": "web_search", "input": {"query": "q"}},
                {"type": "web_search_tool_result", "tool_use_id": "srvtoolu_2",
                 "content": [srv.anthropic_result("https://a.example/", "A")]},
                {"type": "text", "text": "Answer.", "citations": [srv.anthropic_citation("https://a.example/", "A")]},
            ],
            "usage": {"input_tokens": 10, "output_tokens": 5,
                      "server_tool_use": {"web_search_requests": 1}}}  # fmt: skip
    events = parse_message("anthropic", body)
    assert [e for e in events if isinstance(e, Citation)] == [Citation("https://a.example/", "A")]
    _no_calls(events)


async def test_anthropic_pause_turn_carries_the_message_so_far(loopback: LoopbackServer) -> None:
    loopback.enqueue(srv.anthropic_search_stream(stop_reason="pause_turn"))
    got = await collect(_adapter("anthropic", loopback.url), ChatRequest("claude-sonnet-4-5", HI, web_search=True))
    assert got.finish is not None and got.finish.raw == "pause_turn" and got.finish.continuation is not None
    content = got.finish.continuation.data["content"]
    assert got.finish.continuation.data["type"] == PAUSED
    assert [b["type"] for b in content] == ["text", "server_tool_use", "web_search_tool_result", "text"]
    assert content[1] == {"type": "server_tool_use", "id": "srvtoolu_01", "name": "web_search",
                          "input": {"query": "euro 2024 winner"}}  # fmt: skip
    assert content[3]["text"] == "Spain won." and content[3]["citations"][0]["url"] == "https://example.com/euro"
    _no_calls(got.events)
    # Sent back as the assistant's turn, exactly as it came.
    paused = Message("assistant", got.text, signed=(got.finish.continuation,))
    body = anthropic_body(ChatRequest("claude-sonnet-4-5", (*HI, paused), web_search=True))
    assert body["messages"][-1] == {"role": "assistant", "content": content}


def test_a_whole_paused_message_continues_too() -> None:
    content = [{"type": "server_tool_use", "id": "s1", "name": "web_search", "input": {"query": "q"}}]
    events = parse_message("anthropic", {"id": "m", "type": "message", "content": content, "stop_reason": "pause_turn",
                                         "usage": {"input_tokens": 1, "output_tokens": 1}})  # fmt: skip
    assert events[-1].continuation == continuation(content)  # type: ignore[union-attr]


async def test_gemini_grounding_sources_entry_point_and_queries(loopback: LoopbackServer) -> None:
    loopback.enqueue(srv.gemini_search_stream(queries=2))
    got = await collect(_adapter("gemini", loopback.url), ChatRequest("gemini-2.5-flash", HI, web_search=True))
    assert got.error is None, got.error
    assert got.text == "Spain won Euro 2024."
    assert [e for e in got.events if isinstance(e, Citation)] == [
        Citation(srv.REDIRECT + "AUZIYQE1", "uefa.com"), Citation(srv.REDIRECT + "AUZIYQF2", "wikipedia.org")]
    assert [e.html for e in got.events if isinstance(e, SearchEntryPoint)] == [srv.ENTRY_HTML]
    assert got.usage.web_searches == 2 and got.usage.input_tokens == 12
    _no_calls(got.events)
    assert loopback.requests[0].json()["tools"] == [{"google_search": {}}]


def test_gemini_search_beside_function_tools() -> None:
    body = gemini_body(ChatRequest("gemini-2.5-flash", HI, web_search=True, tools=(ToolSpec("add"),)))
    assert body["tools"][-1] == {"google_search": {}} and "functionDeclarations" in body["tools"][0]
    assert "tools" not in gemini_body(ChatRequest("gemini-2.5-flash", HI))


def test_openai_whole_response_counts_its_searches() -> None:
    body = {"id": "resp_1", "model": "gpt-4.1-mini", "status": "completed", "tools": [{"type": "web_search"}],
            "output": [
                {"type": "web_search_call", "id": "ws_1", "status": "completed",
                 "action": {"type": "search", "query": "q1"}},
                {"type": "web_search_call", "id": "ws_2", "status": "completed",
                 "action": {"type": "open_page", "url": "https://a.example/"}},
                {"type": "web_search_call", "id": "ws_3", "status": "completed",
                 "action": {"type": "search", "query": "q2"}},
                {"type": "message", "id": "msg_1", "role": "assistant", "status": "completed", "content": [
                    {"type": "output_text", "text": "Answer.", "annotations": [
                        {"type": "url_citation", "url": "https://a.example/", "title": "A", "start_index": 0,
                         "end_index": 6}]}]}],
            "usage": {"input_tokens": 900, "output_tokens": 20}}  # fmt: skip
    events = parse_response("openai", body)
    assert [e for e in events if isinstance(e, Citation)] == [Citation("https://a.example/", "A")]
    usage = [e.usage for e in events if hasattr(e, "usage")][-1]
    assert usage.web_searches == 2  # searches are billed; opening a page is part of a call
    _no_calls(events)


@pytest.mark.parametrize("provider", ["anthropic", "gemini"])
async def test_no_search_tool_unless_asked(provider: str, loopback: LoopbackServer) -> None:
    reply = srv.gemini_search_stream() if provider == "gemini" else srv.anthropic_search_stream()
    loopback.enqueue(reply)
    await collect(_adapter(provider, loopback.url), ChatRequest("m", HI))
    assert "tools" not in loopback.requests[0].json()


def test_continuation_survives_json() -> None:
    """What the Finish carries is plain JSON (it may be logged or stored between calls)."""
    sig = continuation([{"type": "text", "text": "x", "citations": None}])
    assert json.loads(json.dumps(sig.data)) == {"type": PAUSED, "content": [{"type": "text", "text": "x"}]}
    assert replace(sig, provider="").usable_by("anthropic", "anthropic")
