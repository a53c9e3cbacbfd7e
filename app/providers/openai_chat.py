"""The OpenAI chat-completions protocol, spoken by OpenAI and most other services and local servers."""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from .base import Adapter, HttpCall, StreamParser, error_message_from
from .catalog import (
    ECHO_REASONING_CONTENT,
    MAX_COMPLETION_TOKENS,
    NINE_CHAR_TOOL_IDS,
    NO_STREAM_USAGE,
    NO_USER_AFTER_TOOL,
    PDF_FILE_INPUT,
    TOOL_IDS_MAX_40,
)
from .document_parts import openai_chat_part
from .errors import ProviderError, kind_from_status, make_error, refine_kind
from .openai_tools import IdRule, ToolDeltas, messages_json, tool_choice_json, tools_json
from .tool_calls import finish
from .types import (
    ChatRequest,
    Embedding,
    FinishReason,
    Message,
    ModelInfo,
    ReasoningDelta,
    ResponseInfo,
    SignedReasoning,
    StreamEvent,
    TextDelta,
    Usage,
    UsageUpdate,
    as_count,
)

_FINISH: dict[str, FinishReason] = {
    "stop": "stop",
    "eos": "stop",
    "end_turn": "stop",
    "stop_sequence": "stop",
    "length": "length",
    "max_tokens": "length",
    "model_length": "length",
    "content_filter": "content_filter",
    "safety": "content_filter",
    "tool_calls": "tool_calls",
    "function_call": "tool_calls",
    "tool_use": "tool_calls",
    "error": "error",
}

# Models that reject `max_tokens` and want `max_completion_tokens` (OpenAI reasoning models, GPT-5).
_NEEDS_MAX_COMPLETION = re.compile(r"^(?:openai/)?(?:o\d|gpt-5)", re.IGNORECASE)


def normalise_finish(raw: str | None) -> FinishReason:
    return _FINISH.get((raw or "").lower(), "stop")


# Request building (pure).


def message_json(msg: Message, *, pdf_input: bool = False, provider: str = "") -> dict[str, Any]:
    """`pdf_input`: the service reads PDFs as `file` parts (OpenAI's own); elsewhere documents go as text."""
    if not msg.images and not msg.documents:
        return {"role": msg.role, "content": msg.text}
    parts: list[dict[str, Any]] = [openai_chat_part(d, pdf_input=pdf_input, provider=provider) for d in msg.documents]
    if msg.text:
        parts.append({"type": "text", "text": msg.text})
    parts.extend({"type": "image_url", "image_url": {"url": img.data_url()}} for img in msg.images)
    return {"role": msg.role, "content": parts}


def chat_body(request: ChatRequest, *, include_usage: bool = True, max_completion: bool = False, provider: str = "",
              quirks: frozenset[str] = frozenset()) -> dict[str, Any]:  # fmt: skip
    """The JSON body; optional parameters appear only when the user set them. `quirks` are the spec's flags."""
    messages: list[dict[str, Any]] = []
    if request.system:
        messages.append({"role": "system", "content": request.system})
    plain = partial(message_json, pdf_input=PDF_FILE_INPUT in quirks, provider=provider)
    messages += messages_json(request.messages, plain, provider=provider,
                              fix_id=IdRule(nine_chars=NINE_CHAR_TOOL_IDS in quirks, max_40=TOOL_IDS_MAX_40 in quirks),
                              bridge_tool_to_user=NO_USER_AFTER_TOOL in quirks)  # fmt: skip
    body: dict[str, Any] = {"model": request.model, "messages": messages, "stream": request.stream}
    if request.tools:
        body["tools"] = tools_json(request.tools)
        if request.tool_choice is not None:
            body["tool_choice"] = tool_choice_json(request.tool_choice)
    if request.stream and include_usage:
        body["stream_options"] = {"include_usage": True}
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.max_tokens is not None:
        key = "max_completion_tokens" if max_completion or _NEEDS_MAX_COMPLETION.match(request.model) else "max_tokens"
        body[key] = request.max_tokens
    if request.reasoning_effort is not None:
        body["reasoning_effort"] = request.reasoning_effort
    if request.json_mode:
        body["response_format"] = {"type": "json_object"}
    if request.stop:
        body["stop"] = list(request.stop)
    if request.seed is not None:
        body["seed"] = request.seed
    return body


# Response parsing (pure).


def parse_usage(data: Any) -> Usage | None:
    if not isinstance(data, dict):
        return None
    prompt_details = data.get("prompt_tokens_details") or {}
    completion_details = data.get("completion_tokens_details") or {}
    cache_read = prompt_details.get("cached_tokens") if isinstance(prompt_details, dict) else None
    if cache_read is None:
        cache_read = data.get("prompt_cache_hit_tokens")  # DeepSeek
    reasoning = completion_details.get("reasoning_tokens") if isinstance(completion_details, dict) else None
    cost = data.get("cost")
    return Usage(
        input_tokens=as_count(data.get("prompt_tokens")),
        output_tokens=as_count(data.get("completion_tokens")),
        cache_read_tokens=as_count(cache_read),
        reasoning_tokens=as_count(reasoning),
        provider_cost_usd=float(cost) if isinstance(cost, (int, float)) and not isinstance(cost, bool) else None,
    )



def _content_parts(content: Any) -> tuple[str, str]:
    """(text, reasoning) from a content value: a string, or typed parts (Mistral's thinking)."""
    if content is None:
        return "", ""
    if isinstance(content, str):
        return content, ""
    text: list[str] = []
    reasoning: list[str] = []
    for part in content if isinstance(content, list) else []:
        if not isinstance(part, dict):
            continue
        kind = part.get("type")
        if kind == "text" and isinstance(part.get("text"), str):
            text.append(part["text"])
        elif kind == "thinking":
            inner = part.get("thinking")
            if isinstance(inner, str):
                reasoning.append(inner)
            elif isinstance(inner, list):
                reasoning.extend(p.get("text", "") for p in inner if isinstance(p, dict))
    return "".join(text), "".join(reasoning)


def _reasoning_of(obj: dict[str, Any]) -> str:
    for key in ("reasoning_content", "reasoning"):
        val = obj.get(key)
        if isinstance(val, str) and val:
            return val
    return ""


def in_band_error(provider: str, data: dict[str, Any]) -> ProviderError:
    """An `error` object inside a 200 body or stream (OpenRouter, Groq)."""
    message, code = error_message_from(data)
    err = data.get("error")
    status: int | None = None
    if isinstance(err, dict):
        for key in ("status_code", "code", "status"):
            if isinstance(err.get(key), int):
                status = err[key]
                break
    kind = kind_from_status(status) if status else "server"
    kind = refine_kind(kind, f"{code or ''} {message}")
    return make_error(kind, message, provider=provider, status=status)


def _echoed(provider: str, reasoning: str) -> SignedReasoning:
    """Reasoning a service wants back on its assistant turns (DeepSeek's thinking mode with tools)."""
    return SignedReasoning("openai_chat", {"reasoning_content": reasoning}, provider)


class OpenAIStreamParser(StreamParser):
    def __init__(self, provider: str, *, echo_reasoning: bool = False) -> None:
        self.provider = provider
        self._info: ResponseInfo | None = None
        self._seen: tuple[Any, Any] | None = None  # (model, id) of the last ResponseInfo sent
        self._finish: str | None = None
        self._tools = ToolDeltas(provider)
        self._echo: list[str] | None = [] if echo_reasoning else None  # reasoning kept to be echoed back

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        if not isinstance(frame, dict):
            if event == "error":  # a plain-text error event: the server's own words
                self.error = make_error("server", str(frame)[:500] or "the server reported an error",
                                        provider=self.provider)  # fmt: skip
                return []
            raise make_error("protocol", f"unexpected stream frame: {str(frame)[:120]!r}", provider=self.provider)
        # The hot path of every stream: the usual frame ({"delta": {"content": "..."}}) skips the general one.
        out: list[StreamEvent] = []
        model, response_id = frame.get("model"), frame.get("id")
        if (model or response_id) and (model, response_id) != self._seen:
            self._seen = (model, response_id)
            self._info = ResponseInfo(model=model, response_id=response_id)
            self._tools.response_id = str(response_id or "")
            out.append(self._info)
        usage = parse_usage(frame["usage"]) if "usage" in frame else None
        if usage is None and "x_groq" in frame:
            groq = frame["x_groq"]
            if isinstance(groq, dict):
                usage = parse_usage(groq.get("usage"))
        for choice in frame.get("choices") or []:
            if not isinstance(choice, dict) or choice.get("index", 0) != 0:
                continue
            delta = choice.get("delta") or {}
            if isinstance(delta, dict) and len(delta) == 1 and type(delta.get("content")) is str:
                if delta["content"]:
                    out.append(TextDelta(delta["content"]))
            elif isinstance(delta, dict):
                reasoning = _reasoning_of(delta)
                text, typed_reasoning = _content_parts(delta.get("content"))
                if reasoning or typed_reasoning:
                    out.append(ReasoningDelta(reasoning + typed_reasoning))
                    if self._echo is not None:
                        self._echo.append(reasoning + typed_reasoning)
                if text:
                    out.append(TextDelta(text))
                if delta.get("tool_calls"):
                    out += self._tools.feed(delta["tool_calls"])
            if choice.get("finish_reason") and self._finish is None:
                self._finish = str(choice["finish_reason"])
                self.finished = True
                out += self._close()
                out.append(finish(normalise_finish(self._finish), self._finish, self._tools.buffer.called))
        if usage is not None:
            out.append(UsageUpdate(usage))
        if frame.get("error") is not None or event == "error":
            self.error = in_band_error(self.provider, frame)
        return out

    def text_only(self, frame: dict[str, Any]) -> str | None:
        # `feed`'s usual frame, checked for everything else `feed` looks at: the same model and id as before, no
        # usage, error or finish, one choice (index 0) whose delta holds text and nothing feed would act on besides
        # (servers add a role, empty tool calls or reasoning to every delta).
        choices = frame.get("choices")
        if type(choices) is not list or len(choices) != 1 or "usage" in frame or "x_groq" in frame \
                or frame.get("error") is not None:  # fmt: skip
            return None
        model, response_id = frame.get("model"), frame.get("id")
        if (model or response_id) and (model, response_id) != self._seen:
            return None
        choice = choices[0]
        if type(choice) is not dict or choice.get("index", 0) != 0 or choice.get("finish_reason"):
            return None
        delta = choice.get("delta")
        if type(delta) is not dict:
            return None
        text = delta.get("content")
        if type(text) is not str or (len(delta) > 1 and (delta.get("tool_calls") or _reasoning_of(delta))):
            return None
        return text

    def _close(self) -> list[StreamEvent]:
        """Calls still open, then the reasoning to echo: both come before the Finish."""
        out = self._tools.buffer.end_all()
        if self._echo:
            out.append(_echoed(self.provider, "".join(self._echo)))
            self._echo = []
        return out

    def end(self) -> list[StreamEvent]:
        out = super().end()
        return out + self._close()  # a stream that ended on [DONE] without a finish reason


def parse_completion(provider: str, body: Any, *, echo_reasoning: bool = False) -> list[StreamEvent]:
    """A whole (non-streamed) chat completion, as the same events a stream would give."""
    if not isinstance(body, dict):
        raise make_error("protocol", "the answer is not a JSON object", provider=provider)
    if body.get("error") is not None and not body.get("choices"):
        raise in_band_error(provider, body)
    out: list[StreamEvent] = [ResponseInfo(model=body.get("model"), response_id=body.get("id"))]
    choices = body.get("choices")
    if not isinstance(choices, list) or not choices:
        raise make_error("protocol", "the answer has no choices", provider=provider)
    choice = choices[0] if isinstance(choices[0], dict) else {}
    message = choice.get("message") or {}
    text, typed_reasoning = _content_parts(message.get("content"))
    reasoning = _reasoning_of(message) + typed_reasoning
    if reasoning:
        out.append(ReasoningDelta(reasoning))
    if text:
        out.append(TextDelta(text))
    tools = ToolDeltas(provider)
    tools.response_id = str(body.get("id") or "")
    out += tools.whole(message.get("tool_calls") if isinstance(message, dict) else None)
    if echo_reasoning and reasoning:
        out.append(_echoed(provider, reasoning))
    usage = parse_usage(body.get("usage"))
    if usage is not None:
        out.append(UsageUpdate(usage))
    raw = choice.get("finish_reason")
    out.append(finish(normalise_finish(raw), raw, tools.buffer.called))
    return out


def parse_model_list(body: Any) -> list[ModelInfo]:
    items = body.get("data", []) if isinstance(body, dict) else body if isinstance(body, list) else []
    out: list[ModelInfo] = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        ctx = item.get("context_length") or item.get("context_window") or item.get("max_model_len")
        arch = item.get("architecture") or {}
        modalities = arch.get("input_modalities") if isinstance(arch, dict) else None
        out.append(ModelInfo(
            id=item["id"],
            name=item.get("name") if isinstance(item.get("name"), str) else None,
            context_window=as_count(ctx),
            supports_images=("image" in modalities) if isinstance(modalities, list) else None,
            created=as_count(item.get("created")),
        ))  # fmt: skip
    return sorted(out, key=lambda m: m.id)


def parse_embeddings(body: Any) -> Embedding:
    data = body.get("data") if isinstance(body, dict) else None
    if not isinstance(data, list):
        raise make_error("protocol", "the embeddings answer has no data")
    rows = sorted((d for d in data if isinstance(d, dict)), key=lambda d: d.get("index", 0))
    vectors = tuple(tuple(float(x) for x in d.get("embedding", [])) for d in rows)
    return Embedding(vectors=vectors, model=body.get("model"), usage=parse_usage(body.get("usage")))


class OpenAIChatAdapter(Adapter):
    protocol = "openai_chat"

    @property
    def api_root(self) -> str:
        """The part before /chat/completions, /models and /embeddings: the base URL as configured."""
        return self.endpoint.base_url

    def build_chat(self, request: ChatRequest) -> HttpCall:
        spec = self.endpoint.spec
        body = chat_body(
            request,
            include_usage=not spec.has(NO_STREAM_USAGE),
            max_completion=spec.has(MAX_COMPLETION_TOKENS),
            provider=self.provider,
            quirks=spec.quirks,
        )
        accept = "text/event-stream" if request.stream else "application/json"
        return HttpCall("POST", f"{self.api_root}/chat/completions", self.endpoint.headers({"Accept": accept}), body)

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return OpenAIStreamParser(self.provider, echo_reasoning=self.endpoint.spec.has(ECHO_REASONING_CONTENT))

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        return parse_completion(self.provider, body, echo_reasoning=self.endpoint.spec.has(ECHO_REASONING_CONTENT))

    def build_list_models(self) -> HttpCall:
        return HttpCall("GET", f"{self.api_root}/models", self.endpoint.headers())

    def parse_models(self, body: Any) -> list[ModelInfo]:
        return parse_model_list(body)

    def build_embed(self, model: str, texts: list[str]) -> HttpCall:
        body = {"model": model, "input": texts}
        return HttpCall("POST", f"{self.api_root}/embeddings", self.endpoint.headers(), body)

    def parse_embed(self, body: Any) -> Embedding:
        return parse_embeddings(body)
