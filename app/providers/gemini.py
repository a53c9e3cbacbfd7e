"""The Google Gemini API (generateContent): request building, stream and body parsing, errors, embeddings."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .base import Adapter, HttpCall, StreamParser
from .document_parts import gemini_part
from .errors import ProviderError, kind_from_status, make_error, redact, refine_kind
from .gemini_search import SEARCH_TOOL, Grounding
from .gemini_tools import PartReader, inline_part, model_parts, response_parts, tool_config_json, tools_json
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
    ToolCallEnd,
    Usage,
    UsageUpdate,
    as_count,
)

THINKING_BUDGET: dict[str, int] = {"low": 1024, "medium": 8192, "high": 24576}

_FINISH: dict[str, FinishReason] = {
    "STOP": "stop",
    "OTHER": "stop",
    "FINISH_REASON_UNSPECIFIED": "stop",
    "MAX_TOKENS": "length",
    "SAFETY": "content_filter",
    "RECITATION": "content_filter",
    "LANGUAGE": "content_filter",
    "BLOCKLIST": "content_filter",
    "PROHIBITED_CONTENT": "content_filter",
    "SPII": "content_filter",
    "IMAGE_SAFETY": "content_filter",
    "IMAGE_PROHIBITED_CONTENT": "content_filter",
    "IMAGE_RECITATION": "content_filter",
    "MODEL_ARMOR": "content_filter",  # Vertex AI Model Armor blocked the answer
    "MALFORMED_FUNCTION_CALL": "error",
    "UNEXPECTED_TOOL_CALL": "error",
    "TOO_MANY_TOOL_CALLS": "error",
    "MALFORMED_RESPONSE": "error",
}

# Some clients ask for `enum-encoding=int`; the REST API then sends the proto numbers
# (google.ai.generativelanguage.v1beta.Candidate.FinishReason). The raw reason is kept as sent.
_FINISH_NUMBERS = ("FINISH_REASON_UNSPECIFIED", "STOP", "MAX_TOKENS", "SAFETY", "RECITATION", "OTHER",
                   "LANGUAGE", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "MALFORMED_FUNCTION_CALL",
                   "IMAGE_SAFETY", "UNEXPECTED_TOOL_CALL", "TOO_MANY_TOOL_CALLS")  # fmt: skip

# google.rpc status names -> our kind, used before the HTTP status.
_STATUS_KIND: dict[str, str] = {
    "INVALID_ARGUMENT": "bad_request",
    "FAILED_PRECONDITION": "bad_request",
    "OUT_OF_RANGE": "bad_request",
    "UNAUTHENTICATED": "auth",
    "PERMISSION_DENIED": "permission",
    "NOT_FOUND": "not_found",
    "RESOURCE_EXHAUSTED": "rate_limit",
    "UNAVAILABLE": "overloaded",
    "INTERNAL": "server",
    "UNKNOWN": "server",
    "DEADLINE_EXCEEDED": "timeout",
    "CANCELLED": "server",
}
_AUTH_REASONS = {"API_KEY_INVALID", "API_KEY_EXPIRED", "API_KEY_MISSING", "ACCESS_TOKEN_EXPIRED"}
# Gemini's context overflow: "The input token count (N) exceeds the maximum number of tokens allowed (M)."
_CONTEXT_HINTS = ("exceeds the maximum number of tokens",)


def normalise_finish(raw: str | None) -> FinishReason:
    return _FINISH.get((raw or "").upper(), "stop")


def _finish_name(raw: Any) -> str | None:
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw < len(_FINISH_NUMBERS):
        return _FINISH_NUMBERS[raw]
    return raw if isinstance(raw, str) else None


def model_path(model: str) -> str:
    """`models/NAME` for a model id given with or without the prefix, quoted for the URL path."""
    name = model.removeprefix("models/")
    return "models/" + quote(name, safe="-._~")


# Request building (pure).


def _parts(msg: Message, model: str) -> list[dict[str, Any]]:
    if msg.role == "tool":
        return response_parts(msg)
    if msg.role == "assistant" and (msg.tool_calls or msg.signed):
        return model_parts(msg, model)
    parts: list[dict[str, Any]] = [gemini_part(d) for d in msg.documents]  # documents before the question
    if msg.text:  # Gemini rejects empty text parts
        parts.append({"text": msg.text})
    parts.extend(inline_part(img) for img in msg.images)
    return parts


def contents_json(messages: tuple[Message, ...], model: str = "") -> tuple[list[str], list[dict[str, Any]]]:
    """(system texts found in the history, contents). Consecutive same-role turns are merged, so a run of tool
    results is one user turn of functionResponse parts, in the order of the calls."""
    system: list[str] = []
    out: list[dict[str, Any]] = []
    for msg in messages:
        if msg.role == "system":
            if msg.text:
                system.append(msg.text)
            continue
        parts = _parts(msg, model)
        if not parts:
            continue
        role = "model" if msg.role == "assistant" else "user"
        if out and out[-1]["role"] == role:
            out[-1]["parts"].extend(parts)
        else:
            out.append({"role": role, "parts": parts})
    return system, out


def chat_body(request: ChatRequest) -> dict[str, Any]:
    """The JSON body; generation parameters appear only when the user set them (0 is sent as 0)."""
    history_system, contents = contents_json(request.messages, request.model)
    body: dict[str, Any] = {"contents": contents}
    tools = tools_json(request.tools) if request.tools else []
    if request.web_search:
        tools.append(dict(SEARCH_TOOL))
    if tools:
        body["tools"] = tools
        if request.tools and request.tool_choice is not None:
            body["toolConfig"] = tool_config_json(request.tool_choice)
    system = [s for s in (request.system, *history_system) if s]
    if system:
        body["systemInstruction"] = {"parts": [{"text": "\n\n".join(system)}]}
    config: dict[str, Any] = {}
    if request.temperature is not None:
        config["temperature"] = request.temperature
    if request.max_tokens is not None:
        config["maxOutputTokens"] = request.max_tokens
    if request.stop:
        config["stopSequences"] = list(request.stop)
    if request.seed is not None:
        config["seed"] = request.seed
    if request.json_mode:
        config["responseMimeType"] = "application/json"
    if request.reasoning_effort is not None:
        config["thinkingConfig"] = {"thinkingBudget": THINKING_BUDGET[request.reasoning_effort],
                                    "includeThoughts": True}  # fmt: skip
    if config:
        body["generationConfig"] = config
    return body


# Response parsing (pure).



def parse_usage(data: Any) -> Usage | None:
    """usageMetadata is cumulative: each one replaces the last. Thoughts are not in the candidates count."""
    if not isinstance(data, dict):
        return None
    usage = Usage(
        input_tokens=as_count(data.get("promptTokenCount")),
        output_tokens=as_count(data.get("candidatesTokenCount")),
        cache_read_tokens=as_count(data.get("cachedContentTokenCount")),
        reasoning_tokens=as_count(data.get("thoughtsTokenCount")),
    )
    return None if usage == Usage() else usage


def error_kind(status_name: str | None, http_status: int | None, text: str) -> str:
    kind = _STATUS_KIND.get(status_name or "") or (kind_from_status(http_status) if http_status else "server")
    low = text.lower()
    if any(reason.lower() in low for reason in _AUTH_REASONS) or "unregistered callers" in low:
        return "auth"  # a bad or expired key; "unregistered callers" is a request sent with no key at all
    if kind in ("bad_request", "server") and any(h in low for h in _CONTEXT_HINTS):
        return "context_length"
    if kind == "rate_limit":
        # Gemini's per-minute limits say "exceeded your current quota ... billing"; they are still
        # rate limits (with a retryDelay), not an empty account, so refine_kind's quota rule is skipped.
        return kind
    return refine_kind(kind, text)


def _error_fields(data: Any) -> tuple[str, str | None, int | None]:
    """(message, google.rpc status name, code) from an error body, also a JSON array of one."""
    if isinstance(data, list) and data:
        data = data[0]
    err = data.get("error") if isinstance(data, dict) else None
    if not isinstance(err, dict):
        return (str(err) if err is not None else json.dumps(data)[:500]), None, None
    message = err.get("message")
    status = err.get("status")
    return (
        str(message) if message else json.dumps(err)[:500],
        status if isinstance(status, str) else None,
        as_count(err.get("code")),
    )


def in_band_error(provider: str, data: Any) -> ProviderError:
    """An error object sent inside a 200 stream or body (the transport scrubs the key from every error)."""
    message, status_name, code = _error_fields(data)
    kind = error_kind(status_name, code, f"{status_name or ''} {message} {json.dumps(data)[:2000]}")
    return make_error(kind, redact(message), provider=provider, status=code)


def _blocked(provider: str, data: dict[str, Any]) -> ProviderError | None:
    """The prompt itself was blocked: promptFeedback.blockReason and no candidates."""
    feedback = data.get("promptFeedback")
    if data.get("candidates") or not isinstance(feedback, dict) or not feedback.get("blockReason"):
        return None
    reason = feedback["blockReason"]
    detail = feedback.get("blockReasonMessage")
    message = f"the prompt was blocked ({reason})" + (f": {detail}" if isinstance(detail, str) else "")
    return make_error("content_filter", redact(message), provider=provider)


class GeminiChunks:
    """Events from GenerateContentResponse objects: one per stream chunk, or a whole answer."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.info: ResponseInfo | None = None
        self.finish: str | None = None
        self.error: ProviderError | None = None
        self.tools = PartReader()
        self.grounding = Grounding()

    def events(self, data: Any) -> list[StreamEvent]:
        if not isinstance(data, dict):
            raise make_error("protocol", f"unexpected answer part: {str(data)[:120]!r}", provider=self.provider)
        if data.get("error") is not None:
            self.error = in_band_error(self.provider, data)
            return []
        out: list[StreamEvent] = []
        info = ResponseInfo(model=data.get("modelVersion"), response_id=data.get("responseId"))
        if (info.model or info.response_id) and info != self.info:
            self.info = info
            self.tools.response_id = info.response_id or self.tools.response_id
            out.append(info)
        candidates = data.get("candidates")
        candidate = candidates[0] if isinstance(candidates, list) and candidates else None
        if isinstance(candidate, dict):
            content = candidate.get("content")
            parts = content.get("parts") if isinstance(content, dict) else None
            for part in parts if isinstance(parts, list) else []:
                if not isinstance(part, dict):
                    continue
                text = part.get("text")
                if isinstance(text, str) and text:
                    out.append(ReasoningDelta(text) if part.get("thought") is True else TextDelta(text))
                out.extend(self.tools.part(part))  # function calls and thought signatures
            out.extend(self.grounding.events(candidate.get("groundingMetadata")))
            raw = candidate.get("finishReason")
            if raw is not None and self.finish is None:
                self.finish = str(raw)
                out.append(finish(normalise_finish(_finish_name(raw)), self.finish, self.tools.calls.called))
        usage = parse_usage(data.get("usageMetadata"))
        if usage is not None:
            out.append(UsageUpdate(usage))
        self.error = self.error or _blocked(self.provider, data)
        return out


class GeminiStreamParser(StreamParser):
    """Gemini streams have no end marker: the answer is complete once a finishReason was seen."""

    def __init__(self, provider: str) -> None:
        self._chunks = GeminiChunks(provider)

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        out = self._chunks.events(frame)
        self.finished = self._chunks.finish is not None
        self.error = self._chunks.error
        return out


def parse_response(provider: str, body: Any) -> list[StreamEvent]:
    """A whole (non-streamed) answer, as the same events a stream would give."""
    chunks = GeminiChunks(provider)
    items = body if isinstance(body, list) else [body]  # a stream request may come back as one JSON array
    out: list[StreamEvent] = []
    for item in items:
        out.extend(chunks.events(item))
        if chunks.error is not None:
            raise chunks.error
    if chunks.finish is None and not any(isinstance(ev, (TextDelta, ReasoningDelta, ToolCallEnd)) for ev in out):
        raise make_error("protocol", "the answer has no candidates", provider=provider)
    return out


def parse_model_list(body: Any) -> list[ModelInfo]:
    items = body.get("models") if isinstance(body, dict) else None
    out: list[ModelInfo] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        name = item.get("displayName")
        out.append(ModelInfo(
            id=item["name"].removeprefix("models/"),
            name=name if isinstance(name, str) else None,
            context_window=as_count(item.get("inputTokenLimit")),
            max_output_tokens=as_count(item.get("outputTokenLimit")),
        ))  # fmt: skip
    return sorted(out, key=lambda m: m.id)


def embed_body(model: str, texts: list[str]) -> dict[str, Any]:
    name = "models/" + model.removeprefix("models/")
    return {"requests": [{"model": name, "content": {"parts": [{"text": t}]}} for t in texts]}


def parse_embeddings(body: Any) -> Embedding:
    rows = body.get("embeddings") if isinstance(body, dict) else None
    if not isinstance(rows, list):
        raise make_error("protocol", "the embeddings answer has no embeddings")
    vectors = tuple(tuple(float(x) for x in row.get("values", [])) for row in rows if isinstance(row, dict))
    return Embedding(vectors=vectors)


class GeminiAdapter(Adapter):
    protocol = "gemini"

    def _url(self, model: str, method: str) -> str:
        return f"{self.endpoint.base_url}/{model_path(model)}:{method}"

    def build_chat(self, request: ChatRequest) -> HttpCall:
        body = chat_body(request)
        if request.stream:
            url = self._url(request.model, "streamGenerateContent")
            headers = self.endpoint.headers({"Accept": "text/event-stream"})
            return HttpCall("POST", url, headers, body, params={"alt": "sse"})
        return HttpCall("POST", self._url(request.model, "generateContent"), self.endpoint.headers(), body)

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return GeminiStreamParser(self.provider)

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        return parse_response(self.provider, body)

    def build_list_models(self) -> HttpCall:
        # Only the first page is read (nextPageToken is ignored); 1000 is the API's page maximum.
        return HttpCall("GET", f"{self.endpoint.base_url}/models", self.endpoint.headers(),
                        params={"pageSize": "1000"})  # fmt: skip

    def parse_models(self, body: Any) -> list[ModelInfo]:
        return parse_model_list(body)

    def build_embed(self, model: str, texts: list[str]) -> HttpCall:
        url = self._url(model, "batchEmbedContents")
        return HttpCall("POST", url, self.endpoint.headers(), embed_body(model, texts))

    def parse_embed(self, body: Any) -> Embedding:
        return parse_embeddings(body)

    def error_message(self, body: str) -> tuple[str, str | None]:
        """Google's errors: {"error": {code, message, status, details}}, sometimes inside a JSON array."""
        try:
            data = json.loads(body)
        except ValueError:
            return super().error_message(body)
        message, status_name, _ = _error_fields(data)
        return message, status_name

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        _, status_name = self.error_message(body)
        kind = error_kind(status_name, status, f"{status_name or ''} {err.message} {body[:2000]}")
        if kind == err.kind:
            return err
        return make_error(kind, err.message, provider=err.provider, status=status, retry_after=err.retry_after,
                          request_id=err.request_id)  # fmt: skip
