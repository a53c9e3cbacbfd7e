"""Scripted answers for tool-loop tests, in each protocol's own framing: a text answer, and tool calls (from
tests/providers/tool_replies.py), served by the loopback server over a real socket."""

from __future__ import annotations

import json
from typing import Any

from tests.providers.tool_replies import PROTOCOLS, Call
from tests.support.loopback import Reply
from tests.support.openai_server import stream_reply

FAKE_KEY = "test-key-not-real"
KEY_VARS = {"OPENAI_API_KEY": FAKE_KEY, "ANTHROPIC_API_KEY": FAKE_KEY, "GEMINI_API_KEY": FAKE_KEY,
            "AZURE_OPENAI_API_KEY": FAKE_KEY, "CO_API_KEY": FAKE_KEY}  # fmt: skip
# The base URL suffix each protocol's provider is reached at on the loopback server.
SUFFIX = {p: spec.base for p, spec in PROTOCOLS.items()}
PROVIDER = {p: spec.provider for p, spec in PROTOCOLS.items()}


def call(call_id: str, name: str, arguments: dict[str, Any] | str) -> Call:
    """One call the model makes; its argument text arrives in two pieces (split mid-token)."""
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    cut = max(1, len(text) // 2)
    return Call(call_id, name, (text[:cut], text[cut:]))


def calls_reply(protocol: str, *calls: Call) -> Reply:
    """An answer that asks for `calls` (in parallel), ending with the protocol's tool-use finish."""
    return PROTOCOLS[protocol].reply(tuple(calls))


def _sse(frames: list[tuple[str | None, Any]]) -> Reply:
    body = "".join((f"event: {e}\n" if e else "") + f"data: {json.dumps(d)}\n\n" for e, d in frames)
    return Reply(200, {"content-type": "text/event-stream"}, [body.encode()])


def text_reply(protocol: str, text: str, *, input_tokens: int = 20, output_tokens: int = 7) -> Reply:
    """A plain text answer that ends normally, with usage."""
    if protocol in ("openai_chat", "azure"):
        reply = stream_reply([text], prompt_tokens=input_tokens)
        return reply
    if protocol == "anthropic":
        return _sse([
            ("message_start", {"type": "message_start", "message": {"id": "msg_2", "type": "message",
                "role": "assistant", "model": "claude-test", "content": [],
                "usage": {"input_tokens": input_tokens, "output_tokens": 1}}}),
            ("content_block_start", {"type": "content_block_start", "index": 0,
                                     "content_block": {"type": "text", "text": ""}}),
            ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                     "delta": {"type": "text_delta", "text": text}}),
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                               "usage": {"output_tokens": output_tokens}}),
            ("message_stop", {"type": "message_stop"}),
        ])  # fmt: skip
    if protocol == "gemini":
        return _sse([(None, {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]},
                                             "finishReason": "STOP"}],
                             "usageMetadata": {"promptTokenCount": input_tokens,
                                               "candidatesTokenCount": output_tokens},
                             "responseId": "resp-2", "modelVersion": "gemini-test"})])  # fmt: skip
    if protocol == "cohere":
        return _sse([
            ("message-start", {"type": "message-start", "id": "c-2"}),
            ("content-start", {"type": "content-start", "index": 0,
                               "delta": {"message": {"content": {"type": "text", "text": ""}}}}),
            ("content-delta", {"type": "content-delta", "index": 0,
                               "delta": {"message": {"content": {"text": text}}}}),
            ("content-end", {"type": "content-end", "index": 0}),
            ("message-end", {"type": "message-end", "delta": {"finish_reason": "COMPLETE", "usage": {
                "tokens": {"input_tokens": input_tokens, "output_tokens": output_tokens}}}}),
        ])  # fmt: skip
    if protocol == "ollama":
        lines = [{"model": "llama3.2", "created_at": "2025-05-27T22:55:00Z",
                  "message": {"role": "assistant", "content": text}, "done": False},
                 {"model": "llama3.2", "created_at": "2025-05-27T22:55:01Z", "message": {"role": "assistant",
                  "content": ""}, "done": True, "done_reason": "stop", "prompt_eval_count": input_tokens,
                  "eval_count": output_tokens}]  # fmt: skip
        body = "".join(json.dumps(line) + "\n" for line in lines).encode()
        return Reply(200, {"content-type": "application/x-ndjson"}, [body])
    raise KeyError(protocol)
