"""Cohere's v2 chat protocol: typed SSE events (`content-delta`, `message-end`) and billed units."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .base import Adapter, HttpCall, StreamParser
from .cohere_tools import ToolEvents, messages_json, tool_choice_json, tools_json
from .document_parts import with_documents_as_text
from .errors import ProviderError, make_error, redact, refine_kind
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

_FINISH: dict[str, FinishReason] = {
    "COMPLETE": "stop",
    "STOP_SEQUENCE": "stop",
    "MAX_TOKENS": "length",
    "TOOL_CALL": "tool_calls",
    "ERROR": "error",
    "TIMEOUT": "error",
    "ERROR_TOXIC": "content_filter",  # v1 names, still seen on older models
    "ERROR_LIMIT": "length",
    "USER_CANCEL": "cancelled",
}


def normalise_finish(raw: str | None) -> FinishReason:
    return _FINISH.get((raw or "").upper(), "stop")


@dataclass(frozen=True, slots=True)
class BilledUnits:
    """What Cohere charges for. Differs from the token counts (no template or preamble tokens)."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    search_units: int | None = None
    classifications: int | None = None


@dataclass(frozen=True, slots=True)
class CohereUsageUpdate(UsageUpdate):
    """A UsageUpdate (token counts, as everywhere) that also carries Cohere's billed units.

    Core treats it as any UsageUpdate; `billed` is kept apart so it never mixes into token counts,
    and pricing does not use it.
    """

    billed: BilledUnits | None = None


# Request building (pure).


def message_json(msg: Message) -> dict[str, Any]:
    text = with_documents_as_text(msg)  # Cohere reads no PDFs: documents go as their text
    if not msg.images:
        return {"role": msg.role, "content": text}
    parts: list[dict[str, Any]] = []
    if text:
        parts.append({"type": "text", "text": text})
    parts.extend({"type": "image_url", "image_url": {"url": img.data_url()}} for img in msg.images)
    return {"role": msg.role, "content": parts}


def chat_body(request: ChatRequest) -> dict[str, Any]:
    """The JSON body; optional parameters appear only when the user set them (0 is sent as 0)."""
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    messages += messages_json(request.messages, message_json)
    body: dict[str, Any] = {"model": request.model, "messages": messages, "stream": request.stream}
    if request.tools:
        body["tools"] = tools_json(request.tools)
        choice = tool_choice_json(request.tool_choice) if request.tool_choice is not None else None
        if choice is not None:
            body["tool_choice"] = choice
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.max_tokens is not None:
        body["max_tokens"] = request.max_tokens
    if request.stop:
        body["stop_sequences"] = list(request.stop)
    if request.seed is not None:
        body["seed"] = request.seed
    if request.json_mode:
        body["response_format"] = {"type": "json_object"}
    if request.reasoning_effort is not None:
        body["thinking"] = {"type": "enabled"}
    return body


# Response parsing (pure).



def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


def usage_update(data: Any) -> CohereUsageUpdate | None:
    """`tokens` are token counts; `billed_units` ride along separately; `cached_tokens` are cache reads."""
    if not isinstance(data, dict):
        return None
    tokens = _dict(data.get("tokens"))
    usage = Usage(
        input_tokens=as_count(tokens.get("input_tokens")),
        output_tokens=as_count(tokens.get("output_tokens")),
        cache_read_tokens=as_count(data.get("cached_tokens")),
    )
    billed_data = data.get("billed_units")
    billed = None
    if isinstance(billed_data, dict):
        billed = BilledUnits(
            input_tokens=as_count(billed_data.get("input_tokens")),
            output_tokens=as_count(billed_data.get("output_tokens")),
            search_units=as_count(billed_data.get("search_units")),
            classifications=as_count(billed_data.get("classifications")),
        )
    return CohereUsageUpdate(usage, billed)


def _error(provider: str, message: str) -> ProviderError:
    return make_error(refine_kind("server", message), redact(message[:500]), provider=provider)


class CohereStreamParser(StreamParser):
    """Dispatches on each event's `type` (the SSE `event:` name repeats it)."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self._tools = ToolEvents()

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        if not isinstance(frame, dict):
            raise make_error("protocol", f"unexpected stream frame: {str(frame)[:120]!r}", provider=self.provider)
        kind = frame.get("type") or event
        delta = _dict(frame.get("delta"))
        out: list[StreamEvent] = []
        if kind == "message-start":
            if isinstance(frame.get("id"), str):
                out.append(ResponseInfo(response_id=frame["id"]))
                self._tools.response_id = frame["id"]
        elif kind == "content-delta":
            content = _dict(_dict(delta.get("message")).get("content"))
            thinking, text = content.get("thinking"), content.get("text")
            if isinstance(thinking, str) and thinking:
                out.append(ReasoningDelta(thinking))
            if isinstance(text, str) and text:
                out.append(TextDelta(text))
        elif kind == "message-end":
            update = usage_update(delta.get("usage"))
            if update is not None:
                out.append(update)
            raw = delta.get("finish_reason")
            raw = raw if isinstance(raw, str) else None
            out += self._tools.calls.end_all()
            out.append(finish(normalise_finish(raw), raw, self._tools.calls.called))
            self.done = self.finished = True
            if isinstance(delta.get("error"), str) and delta["error"]:
                self.error = _error(self.provider, delta["error"])
        elif kind in ("tool-plan-delta", "tool-call-start", "tool-call-delta", "tool-call-end"):
            out += self._tools.feed(kind, frame)
        elif kind == "error" or (kind is None and isinstance(frame.get("message"), str)):
            self.error = _error(self.provider, str(frame.get("message") or frame))
        return out  # content-start/-end, citation and debug events carry no text


def parse_response(provider: str, body: Any) -> list[StreamEvent]:
    """A whole (non-streamed) answer, as the same events a stream would give."""
    if not isinstance(body, dict) or not isinstance(body.get("message"), dict):
        message = body.get("message") if isinstance(body, dict) else None
        if isinstance(message, str):
            raise _error(provider, message)
        raise make_error("protocol", "the answer has no message", provider=provider)
    response_id = body.get("id") if isinstance(body.get("id"), str) else None
    out: list[StreamEvent] = [ResponseInfo(response_id=response_id)]
    tools = ToolEvents()
    tools.response_id = response_id or ""
    text: list[str] = []
    reasoning: list[str] = []
    content = body["message"].get("content")
    for part in content if isinstance(content, list) else []:
        if not isinstance(part, dict):
            continue
        if part.get("type") == "thinking" and isinstance(part.get("thinking"), str):
            reasoning.append(part["thinking"])
        elif part.get("type") == "text" and isinstance(part.get("text"), str):
            text.append(part["text"])
    if reasoning:
        out.append(ReasoningDelta("".join(reasoning)))
    if text:
        out.append(TextDelta("".join(text)))
    out += tools.whole(body["message"])
    update = usage_update(body.get("usage"))
    if update is not None:
        out.append(update)
    raw = body.get("finish_reason")
    raw = raw if isinstance(raw, str) else None
    out.append(finish(normalise_finish(raw), raw, tools.calls.called))
    return out


def parse_model_list(body: Any) -> list[ModelInfo]:
    out: list[ModelInfo] = []
    for item in _dict(body).get("models") or []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        features = item.get("features")
        out.append(ModelInfo(
            id=item["name"],
            context_window=as_count(item.get("context_length")),
            supports_images=("vision" in features) if isinstance(features, list) else None,
        ))  # fmt: skip
    return sorted(out, key=lambda m: m.id)


def parse_embeddings(provider: str, body: Any) -> Embedding:
    rows = _dict(_dict(body).get("embeddings")).get("float")
    if not isinstance(rows, list):
        raise make_error("protocol", "the embeddings answer has no float embeddings", provider=provider)
    vectors = tuple(tuple(float(x) for x in row) for row in rows if isinstance(row, list))
    billed = as_count(_dict(_dict(_dict(body).get("meta")).get("billed_units")).get("input_tokens"))
    return Embedding(vectors=vectors, usage=Usage(input_tokens=billed) if billed is not None else None)


class CohereAdapter(Adapter):
    """Base URL `https://api.cohere.com`; chat and embed under /v2, the model list under /v1."""

    protocol = "cohere"

    def build_chat(self, request: ChatRequest) -> HttpCall:
        accept = "text/event-stream" if request.stream else "application/json"
        url = f"{self.endpoint.base_url}/v2/chat"
        return HttpCall("POST", url, self.endpoint.headers({"Accept": accept}), chat_body(request))

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return CohereStreamParser(self.provider)

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        return parse_response(self.provider, body)

    def build_list_models(self) -> HttpCall:
        url = f"{self.endpoint.base_url}/v1/models"
        return HttpCall("GET", url, self.endpoint.headers(), params={"page_size": "1000"})

    def parse_models(self, body: Any) -> list[ModelInfo]:
        return parse_model_list(body)

    def build_embed(self, model: str, texts: list[str]) -> HttpCall:
        body = {"model": model, "texts": texts, "input_type": "search_document", "embedding_types": ["float"]}
        return HttpCall("POST", f"{self.endpoint.base_url}/v2/embed", self.endpoint.headers(), body)

    def parse_embed(self, body: Any) -> Embedding:
        return parse_embeddings(self.provider, body)

    def error_message(self, body: str) -> tuple[str, str | None]:
        """Cohere's error bodies are `{"id": ..., "message": "..."}`."""
        try:
            data = json.loads(body)
        except ValueError:
            return super().error_message(body)
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            return data["message"], None
        return super().error_message(body)

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        if status == 498:  # Cohere's "invalid token"
            return make_error("auth", err.message, provider=err.provider,
                              status=status, request_id=err.request_id)  # fmt: skip
        return err
