"""Replies in the documented shapes of each provider's own web search, for loopback servers.

Anthropic: the web search tool page (docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool):
`server_tool_use` and `web_search_tool_result` blocks, `citations_delta` on text, `usage.server_tool_use.
web_search_requests`, `stop_reason: pause_turn`. Gemini: Grounding with Google Search
(ai.google.dev/gemini-api/docs/google-search): `groundingMetadata` with `webSearchQueries`, `groundingChunks`
(redirect links) and `searchEntryPoint.renderedContent`.
"""

from __future__ import annotations

import json
from typing import Any

from .loopback import Reply

REDIRECT = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/"
ENTRY_HTML = '<style>.container{display:flex}</style><div class="container"><a class="chip" href="https://www.google.com/search?q=euro+2024+winner">euro 2024 winner</a></div>'  # noqa: E501


def _sse(events: list[dict[str, Any]]) -> Reply:
    chunks: list[Any] = [f"event: {e['type']}\ndata: {json.dumps(e)}\n\n".encode() for e in events]
    return Reply(200, {"content-type": "text/event-stream; charset=utf-8"}, chunks)


def anthropic_result(url: str, title: str) -> dict[str, Any]:
    return {"type": "web_search_result", "url": url, "title": title, "encrypted_content": "EqgfCioIARgBIiQ3",
            "page_age": "April 30, 2025"}  # fmt: skip


def anthropic_citation(url: str, title: str, cited: str = "cited words") -> dict[str, Any]:
    return {"type": "web_search_result_location", "url": url, "title": title, "encrypted_index": "Eo8BCioIAhgB",
            "cited_text": cited}  # fmt: skip


def anthropic_search_stream(*, msg_id: str = "msg_01", lead: str = "Let me search. ", query: str = "euro 2024 winner",
                            results: list[tuple[str, str]] = (("https://example.com/euro", "Euro 2024"),),  # type: ignore[assignment]
                            answer: list[str] = ("Spain ", "won."), stop_reason: str = "end_turn",  # type: ignore[assignment]
                            searches: int = 1, srv_id: str = "srvtoolu_01") -> Reply:  # fmt: skip
    """One message: text, a search (its call, streamed input, result), then cited text."""
    url, title = results[0]
    events: list[dict[str, Any]] = [
        {"type": "message_start", "message": {"id": msg_id, "type": "message", "role": "assistant",
                                              "model": "claude-sonnet-4-5-20250929", "content": [], "stop_reason": None,
                                              "usage": {"input_tokens": 2000, "output_tokens": 3}}},
        {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
        {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": lead}},
        {"type": "content_block_stop", "index": 0},
        {"type": "content_block_start", "index": 1,
         "content_block": {"type": "server_tool_use", "id": srv_id, "name": "web_search", "input": {}}},
        {"type": "content_block_delta", "index": 1, "delta": {"type": "input_json_delta", "partial_json": '{"query'}},
        {"type": "content_block_delta", "index": 1,
         "delta": {"type": "input_json_delta", "partial_json": f'": "{query}"}}'}},
        {"type": "content_block_stop", "index": 1},
        {"type": "content_block_start", "index": 2, "content_block": {
            "type": "web_search_tool_result", "tool_use_id": srv_id,
            "content": [anthropic_result(u, t) for u, t in results]}},
        {"type": "content_block_stop", "index": 2},
        {"type": "content_block_start", "index": 3, "content_block": {"type": "text", "text": "", "citations": []}},
        {"type": "content_block_delta", "index": 3,
         "delta": {"type": "citations_delta", "citation": anthropic_citation(url, title)}},
        *({"type": "content_block_delta", "index": 3, "delta": {"type": "text_delta", "text": piece}}
          for piece in answer),
        {"type": "content_block_stop", "index": 3},
        {"type": "message_delta", "delta": {"stop_reason": stop_reason, "stop_sequence": None},
         "usage": {"input_tokens": 2000, "output_tokens": 40, "server_tool_use": {"web_search_requests": searches}}},
        {"type": "message_stop"},
    ]  # fmt: skip
    return _sse(events)


def gemini_chunk(text: str | None = None, *, finish: str | None = None, grounding: dict[str, Any] | None = None,
                 model: str = "gemini-2.5-flash") -> dict[str, Any]:  # fmt: skip
    candidate: dict[str, Any] = {"content": {"role": "model", "parts": [{"text": text}] if text else []},
                                 "index": 0}  # fmt: skip
    if finish:
        candidate["finishReason"] = finish
    if grounding:
        candidate["groundingMetadata"] = grounding
    return {"candidates": [candidate], "modelVersion": model, "responseId": "gem-resp-1",
            "usageMetadata": {"promptTokenCount": 12, "candidatesTokenCount": 30, "totalTokenCount": 42}}  # fmt: skip


def gemini_grounding(queries: list[str], sources: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "webSearchQueries": queries,
        "searchEntryPoint": {"renderedContent": ENTRY_HTML},
        "groundingChunks": [{"web": {"uri": REDIRECT + token, "title": title}} for token, title in sources],
        "groundingSupports": [{"segment": {"startIndex": 0, "endIndex": 10, "text": "Spain won"},
                               "groundingChunkIndices": list(range(len(sources)))}],
    }  # fmt: skip


def gemini_search_stream(model: str = "gemini-2.5-flash", queries: int = 2) -> Reply:
    grounding = gemini_grounding([f"query {n}" for n in range(queries)],
                                 [("AUZIYQE1", "uefa.com"), ("AUZIYQF2", "wikipedia.org")])  # fmt: skip
    chunks = [gemini_chunk("Spain won ", model=model),
              gemini_chunk("Euro 2024.", finish="STOP", grounding=grounding, model=model)]
    body = "".join(f"data: {json.dumps(c)}\r\n\r\n" for c in chunks).encode()
    return Reply(200, {"content-type": "text/event-stream"}, [body])
