"""Ollama's native API (`/api/chat`, NDJSON lines ending in `done: true`) at the server's host root."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .base import Adapter, HttpCall, StreamParser
from .document_parts import with_documents_as_text
from .errors import ProviderError, make_error, redact, refine_kind
from .ollama_tools import CallReader, tool_message_json, tools_json
from .tool_calls import finish
from .types import (
    ChatRequest,
    Embedding,
    FinishReason,
    Message,
    ModelInfo,
    ReasoningDelta,
    ResponseInfo,
    StreamEvent,
    TextDelta,
    Usage,
    UsageUpdate,
    as_count,
)

# `load` / `unload` answer a request with no messages (the model was loaded or unloaded): nothing went wrong.
_DONE: dict[str, FinishReason] = {"stop": "stop", "length": "length", "load": "stop", "unload": "stop"}

_NOT_FOUND = re.compile(r"\bnot found\b", re.IGNORECASE)  # "model 'x' not found, try pulling it first"


# Request building (pure).


def message_json(msg: Message) -> dict[str, Any]:
    """Images go as bare base64 strings (no `data:` prefix) in the message's own `images` list."""
    if msg.role == "tool" or msg.tool_calls:
        return tool_message_json(msg)
    out: dict[str, Any] = {"role": msg.role, "content": with_documents_as_text(msg)}
    if msg.images:
        out["images"] = [img.b64() for img in msg.images]
    return out


def chat_body(request: ChatRequest) -> dict[str, Any]:
    """`stream` is always explicit (Ollama streams unless told otherwise); options only when set."""
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    messages.extend(message_json(m) for m in request.messages)
    body: dict[str, Any] = {"model": request.model, "messages": messages, "stream": bool(request.stream)}
    if request.tools and request.tool_choice != "none":  # no tool_choice in Ollama: "none" offers no tools
        body["tools"] = tools_json(request.tools)
    options: dict[str, Any] = {}
    if request.temperature is not None:
        options["temperature"] = request.temperature
    if request.max_tokens is not None:
        options["num_predict"] = request.max_tokens
    if request.stop:
        options["stop"] = list(request.stop)
    if request.seed is not None:
        options["seed"] = request.seed
    if options:
        body["options"] = options
    if request.json_mode:
        body["format"] = "json"
    if request.reasoning_effort is not None:
        body["think"] = True
    return body


# Response parsing (pure).



def stream_error(provider: str, message: Any) -> ProviderError:
    """An `{"error": "..."}` line: Ollama reports failures after the 200 headers this way."""
    text = message if isinstance(message, str) else str(message)
    kind = "not_found" if _NOT_FOUND.search(text) else refine_kind("server", text)
    return make_error(kind, redact(text[:500]), provider=provider)


class OllamaStreamParser(StreamParser):
    """One JSON object per line. Also reads `/api/generate` lines (`response`, `thinking` at top level)."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self._model: str | None = None
        self._tools = CallReader()

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        if not isinstance(frame, dict):
            raise make_error("protocol", f"unexpected stream line: {str(frame)[:120]!r}", provider=self.provider)
        if frame.get("error") is not None:
            self.error = stream_error(self.provider, frame["error"])
            return []
        out: list[StreamEvent] = []
        model = frame.get("model")
        if isinstance(model, str) and model and model != self._model:
            self._model = model
            out.append(ResponseInfo(model=model))
        message = frame.get("message")
        if isinstance(message, dict):
            thinking, content = message.get("thinking"), message.get("content")
        else:  # an /api/generate line
            thinking, content = frame.get("thinking"), frame.get("response")
        if isinstance(thinking, str) and thinking:
            out.append(ReasoningDelta(thinking))
        if isinstance(content, str) and content:
            out.append(TextDelta(content))
        if isinstance(message, dict) and message.get("tool_calls"):
            if not self._tools.answer and frame.get("created_at"):  # ids derive from it; none: random ids
                self._tools.answer = f"{frame.get('model')}@{frame['created_at']}"
            out += self._tools.feed(message["tool_calls"])
        if frame.get("done") is True:
            usage = Usage(
                input_tokens=as_count(frame.get("prompt_eval_count")), output_tokens=as_count(frame.get("eval_count"))
            )
            if usage != Usage():
                out.append(UsageUpdate(usage))
            raw = frame.get("done_reason")
            raw = raw if isinstance(raw, str) else None
            out.append(finish(_DONE.get((raw or "stop").lower(), "stop"), raw, self._tools.calls.called))
            self.done = self.finished = True
        return out


def parse_response(provider: str, body: Any) -> list[StreamEvent]:
    """A whole `"stream": false` answer: the same object as a stream's last line, with all the text."""
    parser = OllamaStreamParser(provider)
    if not isinstance(body, dict):
        raise make_error("protocol", "the answer is not a JSON object", provider=provider)
    events = parser.feed(body)
    if parser.error is not None:
        raise parser.error
    if not parser.finished:
        raise make_error("protocol", "the answer is not marked done", provider=provider)
    return events


def parse_tags(body: Any) -> list[ModelInfo]:
    items = body.get("models") if isinstance(body, dict) else None
    names = [it["name"] for it in items or () if isinstance(it, dict) and isinstance(it.get("name"), str)]
    return [ModelInfo(id=name) for name in sorted(names)]


def parse_embeddings(provider: str, body: Any) -> Embedding:
    rows = body.get("embeddings") if isinstance(body, dict) else None
    if not isinstance(rows, list):
        raise make_error("protocol", "the embeddings answer has no embeddings", provider=provider)
    vectors = tuple(tuple(float(x) for x in row) for row in rows if isinstance(row, list))
    count = as_count(body.get("prompt_eval_count"))
    model = body.get("model")
    return Embedding(
        vectors=vectors,
        model=model if isinstance(model, str) else None,
        usage=Usage(input_tokens=count) if count is not None else None,
    )


class OllamaAdapter(Adapter):
    """Base URL is the host root (`http://localhost:11434`); keyless unless a key is configured."""

    protocol = "ollama"

    def build_chat(self, request: ChatRequest) -> HttpCall:
        accept = "application/x-ndjson" if request.stream else "application/json"
        url = f"{self.endpoint.base_url}/api/chat"
        return HttpCall("POST", url, self.endpoint.headers({"Accept": accept}), chat_body(request))

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return OllamaStreamParser(self.provider)

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        return parse_response(self.provider, body)

    def build_list_models(self) -> HttpCall:
        return HttpCall("GET", f"{self.endpoint.base_url}/api/tags", self.endpoint.headers())

    def parse_models(self, body: Any) -> list[ModelInfo]:
        return parse_tags(body)

    def build_embed(self, model: str, texts: list[str]) -> HttpCall:
        body = {"model": model, "input": texts}
        return HttpCall("POST", f"{self.endpoint.base_url}/api/embed", self.endpoint.headers(), body)

    def parse_embed(self, body: Any) -> Embedding:
        return parse_embeddings(self.provider, body)

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        if err.kind == "bad_request" and _NOT_FOUND.search(err.message):
            return make_error("not_found", err.message, provider=err.provider, status=status,
                              request_id=err.request_id)  # fmt: skip
        return err
