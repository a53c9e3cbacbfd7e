"""The Anthropic Messages protocol: request building, stream and body parsing, error classification."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from .anthropic_search import (
    PAUSE_TURN,
    SEARCH_TOOL,
    Transcript,
    citation_events,
    continuation,
    paused_blocks,
    searches,
)
from .anthropic_tools import (
    BlockStream,
    assistant_blocks,
    image_block,
    loop_lacks_thinking,
    result_block,
    tool_choice_json,
    tools_json,
)
from .base import Adapter, HttpCall, StreamParser, error_message_from
from .document_parts import anthropic_block as document_block
from .errors import ProviderError, kind_from_status, make_error, redact, refine_kind
from .tool_calls import finish
from .types import (
    ChatRequest,
    Finish,
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

API_VERSION = "2023-06-01"
DEFAULT_MAX_TOKENS = 4096  # Anthropic requires max_tokens; this is what we send when the user set none
THINKING_BUDGET: dict[str, int] = {"low": 1024, "medium": 4096, "high": 16384}
MIN_THINKING_BUDGET = 1024
JSON_INSTRUCTION = "Answer with a single valid JSON value only: no prose, no Markdown code fences."

_FINISH: dict[str, FinishReason] = {
    "end_turn": "stop",
    "stop_sequence": "stop",
    "pause_turn": "stop",
    "max_tokens": "length",
    "model_context_window_exceeded": "length",
    "tool_use": "tool_calls",
    "refusal": "content_filter",
}

# Anthropic's error.type -> our kind (https://docs.anthropic.com/en/api/errors).
_ERROR_KIND: dict[str, str] = {
    "invalid_request_error": "bad_request",
    "authentication_error": "auth",
    "permission_error": "permission",
    "not_found_error": "not_found",
    "request_too_large": "context_length",
    "rate_limit_error": "rate_limit",
    "api_error": "server",
    "overloaded_error": "overloaded",
    "billing_error": "quota",
    "timeout_error": "timeout",
}


def normalise_finish(raw: str | None) -> FinishReason:
    return _FINISH.get(raw or "", "stop")


# Request building (pure).


def _blocks(msg: Message) -> list[dict[str, Any]]:
    """A message as content blocks; empty text is left out (Anthropic rejects empty text blocks)."""
    if msg.role == "tool":
        return [result_block(msg)]
    if msg.role == "assistant" and msg.signed and (paused := paused_blocks(msg)) is not None:
        return paused  # a paused answer goes back exactly as it came, for Claude to go on
    if msg.role == "assistant" and (msg.tool_calls or msg.signed):
        return assistant_blocks(msg)
    blocks: list[dict[str, Any]] = [image_block(img) for img in msg.images]
    blocks += [document_block(doc) for doc in msg.documents]
    if msg.text:
        blocks.append({"type": "text", "text": msg.text})
    return blocks


def messages_json(messages: tuple[Message, ...]) -> tuple[list[str], list[dict[str, Any]]]:
    """(system texts found in the history, alternating user/assistant messages).

    Anthropic demands alternation, so consecutive same-role turns are merged into one message. Tool results
    are user content: a run of them becomes one user message, its tool_result blocks first.
    """
    system: list[str] = []
    out: list[dict[str, Any]] = []
    for msg in messages:
        if msg.role == "system":
            if msg.text:
                system.append(msg.text)
            continue
        blocks = _blocks(msg)
        if not blocks:
            continue
        role = "user" if msg.role == "tool" else msg.role
        if out and out[-1]["role"] == role:
            out[-1]["content"].extend(blocks)
        else:
            out.append({"role": role, "content": blocks})
    for item in out:  # a lone text block is sent as a plain string, as the API's own examples do
        content = item["content"]
        if len(content) == 1 and content[0]["type"] == "text":
            item["content"] = content[0]["text"]
    return system, out


def _thinking(request: ChatRequest) -> tuple[int, int | None]:
    """(max_tokens, thinking budget or None). max_tokens counts thinking, so it must exceed the budget."""
    if request.reasoning_effort is None:
        return (DEFAULT_MAX_TOKENS if request.max_tokens is None else request.max_tokens), None
    budget = THINKING_BUDGET[request.reasoning_effort]
    if request.max_tokens is None:
        return budget + DEFAULT_MAX_TOKENS, budget
    if request.max_tokens > budget:
        return request.max_tokens, budget
    if request.max_tokens - 1 >= MIN_THINKING_BUDGET:  # the user's cap wins: think less
        return request.max_tokens, request.max_tokens - 1
    raise make_error(
        "bad_request",
        f"max_tokens {request.max_tokens} leaves no room for reasoning: Anthropic needs more than "
        f"{MIN_THINKING_BUDGET} tokens when reasoning is on (raise max tokens or turn reasoning off)",
    )


def chat_body(request: ChatRequest) -> dict[str, Any]:
    """The JSON body; optional parameters appear only when the user set them (max_tokens is required)."""
    history_system, messages = messages_json(request.messages)
    system = [s for s in (request.system, *history_system) if s]
    if request.json_mode:
        system.append(JSON_INSTRUCTION)
    max_tokens, budget = _thinking(request)
    forced = bool(request.tools) and request.tool_choice == "required"  # Anthropic refuses it with thinking
    if budget is not None and (forced or loop_lacks_thinking(request.messages)):
        budget = None
    body: dict[str, Any] = {"model": request.model, "max_tokens": max_tokens, "messages": messages}
    if system:
        body["system"] = "\n\n".join(system)
    if budget is not None:
        body["thinking"] = {"type": "enabled", "budget_tokens": budget}
    elif request.temperature is not None:  # Anthropic rejects temperature together with thinking
        body["temperature"] = request.temperature
    if request.stop:
        body["stop_sequences"] = list(request.stop)
    tools = tools_json(request.tools) + ([dict(SEARCH_TOOL)] if request.web_search else [])
    if tools:
        body["tools"] = tools
        if request.tools and request.tool_choice is not None:
            body["tool_choice"] = tool_choice_json(request.tool_choice)
    if request.stream:
        body["stream"] = True
    return body


# Response parsing (pure).



def parse_usage(data: Any) -> Usage | None:
    if not isinstance(data, dict):
        return None
    return Usage(
        input_tokens=as_count(data.get("input_tokens")),
        output_tokens=as_count(data.get("output_tokens")),
        cache_read_tokens=as_count(data.get("cache_read_input_tokens")),
        cache_write_tokens=as_count(data.get("cache_creation_input_tokens")),
        web_searches=searches(data),
    )


def error_kind(error_type: str | None, status: int | None, text: str) -> str:
    """Kind from Anthropic's error.type first, then the status, then sharpened by the message."""
    by_status = kind_from_status(status) if status else None
    kind = _ERROR_KIND.get(error_type or "") or by_status or "server"
    if kind == "server" and by_status in ("overloaded", "timeout"):  # the generic api_error says less
        kind = by_status
    return refine_kind(kind, text)


def in_band_error(provider: str, data: Any) -> ProviderError:
    """An `error` event inside a 200 stream (overloaded_error is the usual one), or a 200 error body.
    The transport scrubs the key from every error it passes on."""
    message, code = error_message_from(data)
    kind = error_kind(code, None, f"{code or ''} {message}")
    return make_error(kind, redact(message), provider=provider)


def _block_events(block: Any) -> list[StreamEvent]:
    """Text or thinking carried by a whole content block (non-stream bodies, content_block_start)."""
    if not isinstance(block, dict):
        return []
    kind = block.get("type")
    if kind == "text" and isinstance(block.get("text"), str) and block["text"]:
        return [TextDelta(block["text"]), *citation_events(block.get("citations") or [])]
    if kind == "thinking" and isinstance(block.get("thinking"), str) and block["thinking"]:
        return [ReasoningDelta(block["thinking"])]
    return []  # redacted_thinking is encrypted; tool and server-tool blocks are not answer text


class AnthropicStreamParser(StreamParser):
    def __init__(self, provider: str) -> None:
        self.provider = provider
        self._finish: str | None = None
        self._blocks = BlockStream(provider)
        self._transcript = Transcript()  # the whole message, in case it pauses (pause_turn)

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        if not isinstance(frame, dict):
            raise make_error("protocol", f"unexpected stream frame: {str(frame)[:120]!r}", provider=self.provider)
        kind = frame.get("type") or event
        out: list[StreamEvent] = []
        if kind == "message_start":
            message = frame.get("message") or {}
            if isinstance(message, dict):
                if message.get("model") or message.get("id"):
                    out.append(ResponseInfo(model=message.get("model"), response_id=message.get("id")))
                    self._blocks.message_id = str(message.get("id") or "")
                usage = parse_usage(message.get("usage"))
                if usage is not None:
                    out.append(UsageUpdate(usage))
        elif kind == "content_block_start":
            out.extend(_block_events(frame.get("content_block")))
            out.extend(self._blocks.start(frame.get("index"), frame.get("content_block")))
            self._transcript.start(frame.get("index"), frame.get("content_block"))
        elif kind == "content_block_delta":
            delta = frame.get("delta") or {}
            if isinstance(delta, dict):
                if delta.get("type") == "text_delta" and delta.get("text"):
                    out.append(TextDelta(str(delta["text"])))
                elif delta.get("type") == "thinking_delta" and delta.get("thinking"):
                    out.append(ReasoningDelta(str(delta["thinking"])))
                elif delta.get("type") == "citations_delta":
                    out.extend(citation_events(delta.get("citation")))
                out.extend(self._blocks.delta(frame.get("index"), delta))  # tool arguments, signatures
                self._transcript.delta(frame.get("index"), delta)
        elif kind == "content_block_stop":
            out.extend(self._blocks.stop(frame.get("index")))
            self._transcript.stop(frame.get("index"))
        elif kind == "message_delta":
            delta = frame.get("delta") or {}
            raw = delta.get("stop_reason") if isinstance(delta, dict) else None
            if raw and self._finish is None:
                self._finish = str(raw)
                self.finished = True
                out.extend(self._blocks.calls.end_all())
                out.append(_finish(self._finish, self._blocks.calls.called, self._transcript.blocks))
            usage = parse_usage(frame.get("usage"))  # cumulative
            if usage is not None:
                out.append(UsageUpdate(usage))
        elif kind == "message_stop":
            self.done = True
        elif kind == "error":
            self.error = in_band_error(self.provider, frame)
        return out  # ping and unknown future events carry nothing for us


def parse_message(provider: str, body: Any) -> list[StreamEvent]:
    """A whole (non-streamed) message, as the same events a stream would give."""
    if not isinstance(body, dict):
        raise make_error("protocol", "the answer is not a JSON object", provider=provider)
    if body.get("type") == "error" or (body.get("error") is not None and "content" not in body):
        raise in_band_error(provider, body)
    content = body.get("content")
    if not isinstance(content, list):
        raise make_error("protocol", "the answer has no content", provider=provider)
    out: list[StreamEvent] = [ResponseInfo(model=body.get("model"), response_id=body.get("id"))]
    blocks = BlockStream(provider)
    blocks.message_id = str(body.get("id") or "")
    for index, block in enumerate(content):
        out.extend(_block_events(block))
        if isinstance(block, dict):
            out.extend(blocks.whole(index, block))
    usage = parse_usage(body.get("usage"))
    if usage is not None:
        out.append(UsageUpdate(usage))
    raw = body.get("stop_reason")
    out.append(_finish(raw, blocks.calls.called, lambda: list(content)))
    return out


def _finish(raw: str | None, called: bool, blocks: Callable[[], list[Any]]) -> Finish:
    """The Finish; a paused turn (`pause_turn`) carries the message so far, for core to continue it."""
    done = finish(normalise_finish(raw), raw, called)
    if raw != PAUSE_TURN:
        return done
    return Finish(done.reason, done.raw, continuation(blocks()))


def _timestamp(value: Any) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
    except ValueError:
        return None


def parse_model_list(body: Any) -> list[ModelInfo]:
    items = body.get("data") if isinstance(body, dict) else None
    out: list[ModelInfo] = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            continue
        name = item.get("display_name")
        out.append(ModelInfo(
            id=item["id"],
            name=name if isinstance(name, str) else None,
            context_window=as_count(item.get("max_input_tokens")),
            max_output_tokens=as_count(item.get("max_tokens")),
            created=_timestamp(item.get("created_at")),
        ))  # fmt: skip
    return sorted(out, key=lambda m: m.id)


class AnthropicAdapter(Adapter):
    protocol = "anthropic"

    def _headers(self, accept: str = "application/json") -> dict[str, str]:
        return self.endpoint.headers({"anthropic-version": API_VERSION, "Accept": accept})

    def build_chat(self, request: ChatRequest) -> HttpCall:
        body = chat_body(request)
        accept = "text/event-stream" if request.stream else "application/json"
        return HttpCall("POST", f"{self.endpoint.base_url}/v1/messages", self._headers(accept), body)

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return AnthropicStreamParser(self.provider)

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        return parse_message(self.provider, body)

    def build_list_models(self) -> HttpCall:
        return HttpCall("GET", f"{self.endpoint.base_url}/v1/models", self._headers(), params={"limit": "1000"})

    def parse_models(self, body: Any) -> list[ModelInfo]:
        return parse_model_list(body)

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        """Anthropic names the error in error.type; trust it over the status (a 529 is overloaded)."""
        err = super().classify_error(status, body, headers)
        _, code = self.error_message(body)
        kind = error_kind(code, status, f"{code or ''} {err.message} {body[:2000]}")
        if kind == err.kind:
            return err
        return make_error(kind, err.message, provider=err.provider, status=status, retry_after=err.retry_after,
                          request_id=err.request_id)  # fmt: skip
