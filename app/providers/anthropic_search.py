"""Anthropic's web search: the server tool, its citations and search count, and `pause_turn`.

Web search is a server tool: Claude runs it itself (`server_tool_use` then `web_search_tool_result` blocks) and
core never runs it. When Anthropic's own loop of searches pauses a long turn (`stop_reason: pause_turn`), the
answer so far must go back verbatim as the assistant's turn for Claude to go on: `Transcript` keeps every
content block of the message in order, as the API takes it back, and the Finish carries it.
"""

from __future__ import annotations

import json
from typing import Any

from .tool_calls import signed_for
from .types import Citation, Message, SignedReasoning, StreamEvent

PROTOCOL = "anthropic"
SEARCH_TOOL: dict[str, Any] = {"type": "web_search_20250305", "name": "web_search"}
PAUSED = "paused_content"  # SignedReasoning.data["type"] of an answer to be continued
PAUSE_TURN = "pause_turn"


def citation_events(citations: Any) -> list[StreamEvent]:
    """Sources a text block cites (`web_search_result_location`, and any other citation with a URL)."""
    out: list[StreamEvent] = []
    for c in citations if isinstance(citations, list) else [citations]:
        if isinstance(c, dict) and isinstance(c.get("url"), str) and c["url"]:
            out.append(Citation(c["url"], c["title"] if isinstance(c.get("title"), str) else ""))
    return out


def searches(usage: Any) -> int | None:
    """`usage.server_tool_use.web_search_requests`: the searches billed for this message."""
    server = usage.get("server_tool_use") if isinstance(usage, dict) else None
    count = server.get("web_search_requests") if isinstance(server, dict) else None
    return count if isinstance(count, int) and not isinstance(count, bool) and count >= 0 else None


def _clean(block: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in block.items() if v is not None}


class Transcript:
    """Every content block of one streamed message, by index, rebuilt from its deltas."""

    def __init__(self) -> None:
        self._blocks: dict[Any, dict[str, Any]] = {}
        self._json: dict[Any, list[str]] = {}

    def start(self, index: Any, block: Any) -> None:
        if isinstance(block, dict):
            self._blocks[index] = dict(block)

    def delta(self, index: Any, delta: dict[str, Any]) -> None:
        block = self._blocks.get(index)
        if block is None:
            return
        kind = delta.get("type")
        if kind == "text_delta" and isinstance(delta.get("text"), str):
            block["text"] = str(block.get("text") or "") + delta["text"]
        elif kind == "citations_delta" and isinstance(delta.get("citation"), dict):
            block["citations"] = [*(block.get("citations") or []), delta["citation"]]
        elif kind == "thinking_delta" and isinstance(delta.get("thinking"), str):
            block["thinking"] = str(block.get("thinking") or "") + delta["thinking"]
        elif kind == "signature_delta" and isinstance(delta.get("signature"), str):
            block["signature"] = str(block.get("signature") or "") + delta["signature"]
        elif kind == "input_json_delta" and isinstance(delta.get("partial_json"), str):
            self._json.setdefault(index, []).append(delta["partial_json"])

    def stop(self, index: Any) -> None:
        block = self._blocks.get(index)
        pieces = self._json.pop(index, None)
        if block is not None and pieces:
            try:
                block["input"] = json.loads("".join(pieces))
            except ValueError:
                block["input"] = {}

    def blocks(self) -> list[dict[str, Any]]:
        return [_clean(self._blocks[i]) for i in sorted(self._blocks, key=lambda k: (not isinstance(k, int), k))]


def continuation(blocks: list[Any]) -> SignedReasoning:
    """The paused answer, to be sent back unchanged as the assistant's turn."""
    return SignedReasoning(PROTOCOL, {"type": PAUSED, "content": [_clean(b) for b in blocks if isinstance(b, dict)]})


def paused_blocks(msg: Message) -> list[dict[str, Any]] | None:
    """The content of a paused answer this message continues, or None."""
    for signed in reversed(signed_for(msg.signed, PROTOCOL, "")):
        content = signed.data.get("content")
        if signed.data.get("type") == PAUSED and isinstance(content, list):
            return [dict(b) for b in content]
    return None
