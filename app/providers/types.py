"""Plain data shared by every provider adapter: requests, messages, usage and stream events."""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["system", "user", "assistant"]
ReasoningEffort = Literal["low", "medium", "high"]
FinishReason = Literal["stop", "length", "content_filter", "tool_calls", "error", "cancelled"]


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
class Message:
    role: Role
    text: str
    images: tuple[ImagePart, ...] = ()


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
        )


def as_count(v: Any) -> int | None:
    """A token count from JSON: a finite, non-negative number, else None (never a crash)."""
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 0:
        return None
    return int(v)


def _pick(a: Any, b: Any) -> Any:
    return a if a is not None else b


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
    reason: FinishReason
    raw: str | None = None


StreamEvent = TextDelta | ReasoningDelta | UsageUpdate | ResponseInfo | Finish
