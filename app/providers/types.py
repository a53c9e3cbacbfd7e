"""Plain data shared by every provider adapter: requests, messages, usage and stream events."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["system", "user", "assistant", "tool"]
ReasoningEffort = Literal["low", "medium", "high"]
FinishReason = Literal["stop", "length", "content_filter", "tool_calls", "error", "cancelled"]
ToolChoice = Literal["auto", "required", "none"]  # "required": the model must call some tool
ToolArguments = dict[str, Any] | str  # the parsed JSON object, or the raw text when it was not one


@dataclass(frozen=True, slots=True)
class ImagePart:
    """An image attached to a message, kept as raw bytes plus its MIME type."""

    mime_type: str
    data: bytes = field(repr=False)

    def b64(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    def data_url(self) -> str:
        return f"data:{self.mime_type};base64,{self.b64()}"


@dataclass(frozen=True, slots=True)
class DocumentPart:
    """A document attached to a message: a text or code file, or a PDF.

    `data` is the file as read. `text` is its text: the decoded file, or what was extracted from a PDF (None
    when a PDF has no text layer); adapters that cannot read PDFs send it instead. `pages` counts a PDF's pages.
    """

    name: str
    mime_type: str
    data: bytes = field(repr=False)
    text: str | None = field(default=None, repr=False)
    pages: int | None = None

    @property
    def is_pdf(self) -> bool:
        return self.mime_type == "application/pdf"

    def b64(self) -> str:
        return base64.b64encode(self.data).decode("ascii")

    def data_url(self) -> str:
        return f"data:{self.mime_type};base64,{self.b64()}"

    def as_text(self) -> str:
        """The document for a model that reads text only, named so the model can tell documents apart."""
        name = self.name.replace('"', "'")
        return f'<document name="{name}">\n{self.text or ""}\n</document>'


def _object_schema() -> dict[str, Any]:
    return {"type": "object", "properties": {}}


@dataclass(frozen=True, slots=True)
class ToolSpec:
    """A function the model may call: its name, what it does, and a JSON Schema (an object) for its arguments."""

    name: str
    description: str = ""
    parameters: dict[str, Any] = field(default_factory=_object_schema)


@dataclass(frozen=True, slots=True)
class SignedReasoning:
    """Provider data that must go back verbatim within a tool loop, to the protocol that produced it only.

    Anthropic thinking and redacted_thinking blocks (with their signatures), Gemini thought signatures, and
    the fields some OpenAI-compatible services want echoed (DeepSeek's `reasoning_content`). `data` is the
    JSON as received; `provider` is set when only that provider (not the whole protocol) may see it.
    It is also a stream event: adapters emit it once the signed piece is complete.
    """

    protocol: str
    data: dict[str, Any]
    provider: str = ""

    def usable_by(self, protocol: str, provider: str) -> bool:
        return self.protocol == protocol and (not self.provider or self.provider == provider)


@dataclass(frozen=True, slots=True)
class ToolCall:
    """One call the model asked for. When the model's argument text was not a JSON object, `arguments` keeps
    that raw text and `arguments_error` says why, so core can tell the model instead of running the tool."""

    id: str
    name: str
    arguments: ToolArguments = field(default_factory=dict)
    arguments_error: str | None = None
    signed: SignedReasoning | None = None  # e.g. Gemini's thoughtSignature on this call


@dataclass(frozen=True, slots=True)
class Message:
    """A turn of the conversation.

    role "assistant" may carry `tool_calls` and `signed` reasoning; role "tool" is one tool result: the call's
    `tool_call_id` and `tool_name`, its text and/or images, and `is_error` when the tool failed.
    """

    role: Role
    text: str
    images: tuple[ImagePart, ...] = ()
    tool_calls: tuple[ToolCall, ...] = ()
    tool_call_id: str = ""
    tool_name: str = ""
    is_error: bool = False
    signed: tuple[SignedReasoning, ...] = ()
    documents: tuple[DocumentPart, ...] = ()


def tool_result(call: ToolCall, text: str, *, images: tuple[ImagePart, ...] = (), is_error: bool = False) -> Message:
    """The "tool" message answering `call`."""
    return Message("tool", text, images, tool_call_id=call.id, tool_name=call.name, is_error=is_error)


@dataclass(frozen=True, slots=True)
class ChatRequest:
    """One chat call. Optional parameters are sent only when not None (a given 0 is sent as 0)."""

    model: str
    messages: tuple[Message, ...]
    system: str | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    reasoning_effort: ReasoningEffort | None = None
    json_mode: bool = False
    stop: tuple[str, ...] = ()
    seed: int | None = None
    stream: bool = True
    tools: tuple[ToolSpec, ...] = ()
    tool_choice: ToolChoice | None = None  # sent only with tools; None leaves it to the provider (auto)
    web_search: bool = False  # offer the provider's own web search tool (server-side: never run by core)
    reasoning_summary: bool = True  # ask for reasoning summaries where the protocol has them (Responses)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    id: str
    name: str | None = None
    context_window: int | None = None
    max_output_tokens: int | None = None
    supports_images: bool | None = None
    created: int | None = None


@dataclass(frozen=True, slots=True)
class Usage:
    """Token counts exactly as the provider reported them (see ARCHITECTURE.md: no conversion here)."""

    input_tokens: int | None = None
    output_tokens: int | None = None
    cache_read_tokens: int | None = None
    cache_write_tokens: int | None = None
    reasoning_tokens: int | None = None
    provider_cost_usd: float | None = None
    web_searches: int | None = None  # searches the provider's own search tool ran (queries), as reported

    def as_json(self) -> dict[str, int | None]:
        return {
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cache_read_tokens": self.cache_read_tokens,
            "cache_write_tokens": self.cache_write_tokens,
            "reasoning_tokens": self.reasoning_tokens,
        }

    def merged(self, newer: Usage) -> Usage:
        """Fields of `newer` win where present; the rest are kept (providers report piecemeal)."""
        return Usage(
            input_tokens=_pick(newer.input_tokens, self.input_tokens),
            output_tokens=_pick(newer.output_tokens, self.output_tokens),
            cache_read_tokens=_pick(newer.cache_read_tokens, self.cache_read_tokens),
            cache_write_tokens=_pick(newer.cache_write_tokens, self.cache_write_tokens),
            reasoning_tokens=_pick(newer.reasoning_tokens, self.reasoning_tokens),
            provider_cost_usd=_pick(newer.provider_cost_usd, self.provider_cost_usd),
            web_searches=_pick(newer.web_searches, self.web_searches),
        )

    def plus(self, other: Usage) -> Usage:
        """Two model calls' counts added up (a continued turn); a count neither reported stays None."""
        return Usage(**{name: _add(getattr(self, name), getattr(other, name)) for name in _USAGE_FIELDS})


def as_count(v: Any) -> int | None:
    """A token count from JSON: a finite, non-negative number, else None (never a crash)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
        return None
    return int(v)


def _pick(a: Any, b: Any) -> Any:
    return a if a is not None else b


def _add(a: Any, b: Any) -> Any:
    return b if a is None else a if b is None else a + b


_USAGE_FIELDS = ("input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens",
                 "provider_cost_usd", "web_searches")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Embedding:
    vectors: tuple[tuple[float, ...], ...]
    model: str | None = None
    usage: Usage | None = None


# Stream events: the only thing adapters produce.


@dataclass(frozen=True, slots=True)
class TextDelta:
    text: str


@dataclass(frozen=True, slots=True)
class ReasoningDelta:
    text: str


@dataclass(frozen=True, slots=True)
class UsageUpdate:
    """Usage so far. Fields present here replace earlier values; absent ones are kept."""

    usage: Usage


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    model: str | None = None
    response_id: str | None = None


@dataclass(frozen=True, slots=True)
class Finish:
    """The answer ended. `continuation` is set when the provider paused its own server-side work (Anthropic's
    `pause_turn`): the turn is not over, and core sends this back as the assistant's turn so it goes on."""

    reason: FinishReason
    raw: str | None = None
    continuation: SignedReasoning | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """A source the answer drew on (the provider's own web search), in the order first cited."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class SearchEntryPoint:
    """Google's search suggestions (HTML and CSS) that its terms ask apps to show beside a grounded answer."""

    html: str


@dataclass(frozen=True, slots=True)
class ToolCallStart:
    """The model began a tool call. Its argument text follows in ToolCallDelta events."""

    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ToolCallDelta:
    """A piece of a call's argument text (JSON being written), for showing progress."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ToolCallEnd:
    """A call is complete: everything needed to run it. Comes before the Finish of its answer."""

    id: str
    arguments: ToolArguments
    arguments_error: str | None = None  # set when the text was not a JSON object (`arguments` is that text)
    name: str = ""
    signed: SignedReasoning | None = None

    def call(self) -> ToolCall:
        return ToolCall(self.id, self.name, self.arguments, self.arguments_error, self.signed)


StreamEvent = (
    TextDelta | ReasoningDelta | UsageUpdate | ResponseInfo | Finish
    | ToolCallStart | ToolCallDelta | ToolCallEnd | SignedReasoning | Citation | SearchEntryPoint
)  # fmt: skip
