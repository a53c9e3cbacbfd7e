"""Scripted tool-call answers in each protocol's own framing, served over a real socket.

Every body is cut into 7-byte network reads, so frames, JSON strings, escapes and UTF-8 characters split
anywhere; argument text is also split at awkward places by the scripts themselves.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from app.providers import (
    ChatRequest,
    Endpoint,
    Message,
    ToolSpec,
    adapter_for,
    get_spec,
    with_base_url,
)
from tests.support.adapters import Collected, collect
from tests.support.loopback import LoopbackServer, Reply

FAKE_KEY = "test-key-not-real"
TOOLS = (ToolSpec("get_weather", "Weather for a city", {"type": "object", "properties": {"city": {"type": "string"}}}),)


@dataclass(frozen=True)
class Call:
    id: str
    name: str
    pieces: tuple[str, ...]  # the argument text as the model streams it

    @property
    def text(self) -> str:
        return "".join(self.pieces)


SCRIPTS: dict[str, tuple[Call, ...]] = {
    "parallel": (
        Call("call_a1", "get_weather", ('{"ci', 'ty": "Z', "\u00fcrich \u2603", '"}')),
        Call("call_b2", "get_time", ("", '{"tz":', ' "Europe/Paris', '"', "}")),
        Call("call_c3", "get_weather", ('{"city": "Lyon"}',)),
    ),
    "awkward": (Call("call_x", "search",
                     ('{"q": "caf\\u00', 'e9 \\"quo', 'ted\\" ', '\\\\n\\ud83d', '\\ude00"', ', "n": 1', "e3}")),),
    "no_arguments": (Call("call_none", "get_time", ()),),
    "not_json": (Call("call_bad", "get_weather", ('{"city": "Par', "is", '", oops')),),
}


def _chunked(body: bytes, content_type: str) -> Reply:
    return Reply(200, {"content-type": content_type}, [body[i : i + 7] for i in range(0, len(body), 7)])


def _sse(frames: list[tuple[str | None, Any]], done: bool = False) -> Reply:
    out = b""
    for event, data in frames:
        head = f"event: {event}\n" if event else ""
        out += f"{head}data: {json.dumps(data)}\n\n".encode()
    if done:
        out += b"data: [DONE]\n\n"
    return _chunked(out, "text/event-stream")


def _openai(calls: tuple[Call, ...], azure: bool = False) -> Reply:
    def frame(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        return {"id": "chatcmpl-1", "model": "m", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}

    frames: list[tuple[str | None, Any]] = []
    if azure:  # Azure's annotation-only first chunk
        frames.append((None, {"id": "", "model": "", "choices": [], "prompt_filter_results": [{"prompt_index": 0}]}))
    frames.append((None, frame({"role": "assistant", "content": None})))
    for i, call in enumerate(calls):
        first = {"index": i, "id": call.id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        frames.append((None, frame({"tool_calls": [first]})))
        frames += [(None, frame({"tool_calls": [{"index": i, "function": {"arguments": p}}]})) for p in call.pieces]
    frames.append((None, frame({}, "tool_calls")))
    frames.append((None, {"id": "chatcmpl-1", "model": "m", "choices": [], "usage": {"prompt_tokens": 5,
                                                                                       "completion_tokens": 9}}))
    return _sse(frames, done=True)


THINKING = {"type": "thinking", "thinking": "Both cities, then time.", "signature": "EqQBCkYIBRgCKkD..."}


def _anthropic(calls: tuple[Call, ...]) -> Reply:
    """With a signed thinking block first, as with thinking on (its signature split over two deltas)."""
    frames: list[tuple[str | None, Any]] = [("message_start", {"type": "message_start", "message": {
        "id": "msg_1", "model": "claude-test", "content": [], "usage": {"input_tokens": 5, "output_tokens": 1}}})]
    block = {"type": "thinking", "thinking": "", "signature": ""}
    sig = THINKING["signature"]
    frames += [("content_block_start", {"type": "content_block_start", "index": 0, "content_block": block}),
               ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                        "delta": {"type": "thinking_delta", "thinking": THINKING["thinking"]}}),
               ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                        "delta": {"type": "signature_delta", "signature": sig[:5]}}),
               ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                        "delta": {"type": "signature_delta", "signature": sig[5:]}}),
               ("content_block_stop", {"type": "content_block_stop", "index": 0})]  # fmt: skip
    for i, call in enumerate(calls, start=1):
        block = {"type": "tool_use", "id": call.id, "name": call.name, "input": {}}
        frames.append(("content_block_start", {"type": "content_block_start", "index": i, "content_block": block}))
        frames += [("content_block_delta", {"type": "content_block_delta", "index": i,
                                            "delta": {"type": "input_json_delta", "partial_json": p}})
                   for p in call.pieces]  # fmt: skip
        frames.append(("content_block_stop", {"type": "content_block_stop", "index": i}))
    frames.append(("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use"},
                                     "usage": {"output_tokens": 9}}))  # fmt: skip
    frames.append(("message_stop", {"type": "message_stop"}))
    return _sse(frames)


def _cohere(calls: tuple[Call, ...]) -> Reply:
    frames: list[tuple[str | None, Any]] = [("message-start", {"type": "message-start", "id": "c-1"})]
    frames.append(("tool-plan-delta", {"type": "tool-plan-delta", "delta": {"message": {"tool_plan": "I will look."}}}))
    for i, call in enumerate(calls):
        start = {"id": call.id, "type": "function", "function": {"name": call.name, "arguments": ""}}
        frames.append(("tool-call-start", {"type": "tool-call-start", "index": i,
                                           "delta": {"message": {"tool_calls": start}}}))  # fmt: skip
        frames += [("tool-call-delta", {"type": "tool-call-delta", "index": i,
                                        "delta": {"message": {"tool_calls": {"function": {"arguments": p}}}}})
                   for p in call.pieces]  # fmt: skip
        frames.append(("tool-call-end", {"type": "tool-call-end", "index": i}))
    frames.append(("message-end", {"type": "message-end", "delta": {"finish_reason": "TOOL_CALL", "usage": {
        "tokens": {"input_tokens": 5, "output_tokens": 9}}}}))
    return _sse(frames)


def _gemini(calls: tuple[Call, ...]) -> Reply:
    """Gemini sends each call whole, its arguments as an object (so "not JSON" is an array here)."""
    frames: list[tuple[str | None, Any]] = []
    for n, call in enumerate(calls):
        try:
            args: Any = json.loads(call.text) if call.text else None
        except ValueError:
            args = ["not", "an", "object"]
        fc: dict[str, Any] = {"name": call.name} | ({"args": args} if args is not None else {})
        part: dict[str, Any] = {"functionCall": fc} | ({"thoughtSignature": "c2ln"} if n == 0 else {})
        frames.append((None, {"candidates": [{"content": {"role": "model", "parts": [part]}}],
                              "responseId": "resp-1", "modelVersion": "gemini-test"}))  # fmt: skip
    frames.append((None, {"candidates": [{"content": {"role": "model", "parts": []}, "finishReason": "STOP"}],
                          "usageMetadata": {"promptTokenCount": 5, "candidatesTokenCount": 9},
                          "responseId": "resp-1", "modelVersion": "gemini-test"}))  # fmt: skip
    return _sse(frames)


def _ollama(calls: tuple[Call, ...]) -> Reply:
    lines = []
    for call in calls:
        try:
            args: Any = json.loads(call.text) if call.text else None
        except ValueError:
            args = ["not", "an", "object"]
        function: dict[str, Any] = {"name": call.name} | ({"arguments": args} if args is not None else {})
        lines.append({"model": "llama3.2", "created_at": "2025-05-27T22:54:57Z",
                      "message": {"role": "assistant", "content": "", "tool_calls": [{"function": function}]},
                      "done": False})  # fmt: skip
    lines.append({"model": "llama3.2", "created_at": "2025-05-27T22:54:58Z", "message": {"role": "assistant",
                  "content": ""}, "done": True, "done_reason": "stop", "prompt_eval_count": 5, "eval_count": 9})
    body = "".join(json.dumps(line) + "\n" for line in lines).encode()
    return _chunked(body, "application/x-ndjson")


@dataclass(frozen=True)
class Protocol:
    provider: str
    reply: Callable[[tuple[Call, ...]], Reply]
    streams_arguments: bool  # the protocol streams argument text (else each call arrives whole)
    gives_ids: bool
    base: str = ""


PROTOCOLS = {
    "openai_chat": Protocol("openai", _openai, True, True, "/v1"),
    "azure": Protocol("azure", lambda calls: _openai(calls, azure=True), True, True),
    "anthropic": Protocol("anthropic", _anthropic, True, True),
    "cohere": Protocol("cohere", _cohere, True, True),
    "gemini": Protocol("gemini", _gemini, False, False),
    "ollama": Protocol("ollama", _ollama, False, False),
}
# OpenAI-compatible services whose quirks change how history is written (ids, turn order, echoed reasoning).
SERVICES = {**PROTOCOLS, "mistral": Protocol("mistral", _openai, True, True, "/v1"),
            "deepseek": Protocol("deepseek", _openai, True, True, "/v1")}  # fmt: skip


async def run(protocol: str, calls: tuple[Call, ...], loopback: LoopbackServer,
              messages: tuple[Message, ...] = (Message("user", "Weather?"),), model: str = "m",
              **request: Any) -> Collected:
    """One answer of `calls` from the protocol's adapter, for a request with `messages` and TOOLS."""
    p = SERVICES[protocol]
    loopback.enqueue(p.reply(calls))
    spec = with_base_url(get_spec(p.provider), loopback.url + p.base)
    adapter = adapter_for(Endpoint(spec, api_key=None if protocol == "ollama" else FAKE_KEY))
    return await collect(adapter, ChatRequest(model=model, messages=messages, tools=TOOLS, **request))


def expected(call: Call, p: Protocol) -> tuple[Any, bool]:
    """(arguments, flagged): what the call should come out as."""
    if not call.text:
        return {}, False
    try:
        value = json.loads(call.text)
    except ValueError:
        return (call.text if p.streams_arguments else '["not", "an", "object"]'), True
    return value, False


