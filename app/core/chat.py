"""Runs one chat request through resilience, accumulating the reply as it streams."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.providers import (
    STOPPED_BY_USER,
    ChatRequest,
    Citation,
    Finish,
    ProviderError,
    ReasoningDelta,
    ResponseInfo,
    SearchEntryPoint,
    SignedReasoning,
    TextDelta,
    ToolCall,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    Usage,
    UsageUpdate,
    make_error,
)
from app.providers.types import FinishReason
from app.words import translate

from .paused import MAX_CONTINUATIONS, PausedTurn
from .resilience import Attempt, AttemptFailed, AttemptStarted, Resilience, Target

log = logging.getLogger(__name__)


@dataclass
class Reply:
    """Everything known about one answer so far. Core owns it; the UI reads it."""

    provider: str
    requested_model: str
    model: str | None = None
    response_id: str | None = None
    text: str = ""
    reasoning: str = ""
    usage: Usage = field(default_factory=Usage)
    finish_reason: FinishReason | None = None
    finish_reason_raw: str | None = None
    started_at: float = field(default_factory=time.time)
    ttft_ms: float | None = None
    duration_ms: float | None = None
    attempts: list[Attempt] = field(default_factory=list)
    error: ProviderError | None = None
    cost_usd: float | None = None
    cost_source: str = "unknown"
    conversation_id: int | None = None
    message_id: int | None = None
    web_search: bool = False  # the provider's own web search was offered
    citations: list[Citation] = field(default_factory=list)  # sources, each URL once, in the order first cited
    search_entry_point: str | None = None  # Google's search suggestions (HTML) to show with a grounded answer
    search_cost_usd: float | None = None  # the search fees inside cost_usd (None: no searches, or not priced)
    tool_calls: list[ToolCall] = field(default_factory=list)  # complete calls the model asked for, in order
    signed: list[SignedReasoning] = field(default_factory=list)  # to send back with the calls (tool loop)

    @property
    def status(self) -> str:
        """complete, interrupted (stopped or cut off with text kept), error, or streaming."""
        if self.finish_reason == "cancelled":
            return "interrupted"
        if self.error is not None:
            return "interrupted" if (self.text or self.reasoning) else "error"
        return "complete" if self.finish_reason else "streaming"

    @property
    def tokens_per_second(self) -> float | None:
        out = self.usage.output_tokens
        if not out or self.duration_ms is None or self.ttft_ms is None:
            return None
        gen_ms = self.duration_ms - self.ttft_ms
        return out / (gen_ms / 1000.0) if gen_ms > 0 else None

    def as_json(self) -> dict[str, Any]:
        """The `--json` object of the command-line contract."""
        return {
            "provider": self.provider,
            "requested_model": self.requested_model,
            "model": self.model,
            "text": self.text,
            "reasoning": self.reasoning,
            "finish_reason": self.finish_reason,
            "finish_reason_raw": self.finish_reason_raw,
            "usage": self.usage.as_json(),
            "cost_usd": self.cost_usd,
            "cost_source": self.cost_source,
            "ttft_ms": _round(self.ttft_ms),
            "duration_ms": _round(self.duration_ms),
            "attempts": [a.as_json() for a in self.attempts],
            "conversation_id": self.conversation_id,
            "error": self.error.as_json() if self.error else None,
            **(self.search_json() if self.web_search or self.citations else {}),
        }

    def search_json(self) -> dict[str, Any]:
        """`--json` with web search: the sources and how many searches ran."""
        return {"citations": [{"url": c.url, "title": c.title} for c in self.citations],
                "searches": self.usage.web_searches or 0}  # fmt: skip

    def cite(self, citation: Citation) -> None:
        if all(c.url != citation.url for c in self.citations):
            self.citations.append(citation)


def _round(v: float | None) -> float | None:
    return None if v is None else round(v, 1)


class ChatObserver(Protocol):
    """What the UI, the CLI and the store hear while a reply streams. All methods optional in spirit."""

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None: ...

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None: ...

    def on_finish(self, reply: Reply) -> None: ...


class NullObserver:
    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        pass

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        pass

    def on_finish(self, reply: Reply) -> None:
        pass


Clock = Callable[[], float]
ToolStream = Callable[[str, str, str], None]  # (call id, name at its start else "", argument text so far added)


@dataclass
class ChatRun:
    """One request to a chain of targets. `reply` is always current, even after cancellation."""

    resilience: Resilience
    chain: Sequence[Target]
    request: ChatRequest
    observer: ChatObserver = field(default_factory=NullObserver)
    clock: Clock = time.monotonic
    tool_stream: ToolStream | None = None  # hears tool calls being written (the window shows their arguments)
    reply: Reply = field(init=False)

    def __post_init__(self) -> None:
        first = self.chain[0] if self.chain else None
        self.reply = Reply(
            provider=first.provider if first else "",
            requested_model=first.model if first else self.request.model,
            web_search=self.request.web_search,
        )
        self._paused = PausedTurn()

    async def execute(self) -> Reply:
        """Stream to the end. Errors land in `reply.error`; cancellation marks the reply and re-raises.

        A provider that pauses its own server-side work (Anthropic's `pause_turn`) is asked to go on, by the
        same target, up to MAX_CONTINUATIONS times: one answer, its usage summed over the calls."""
        reply = self.reply
        t0 = self.clock()
        try:
            chain, request = self.chain, self.request
            for _ in range(MAX_CONTINUATIONS + 1):
                async with aclosing(self.resilience.stream(chain, request)) as events:
                    async for ev in events:
                        self._apply(ev, t0)
                step = self._paused.next_step(reply, chain, request)
                if step is None:
                    break
                chain, request = step
            if reply.finish_reason is None and reply.error is None:  # every adapter ends a whole answer with Finish
                raise make_error("protocol", translate(
                    "Chat", "the answer ended without the provider saying it was finished; it may be cut short (a "
                    "proxy or server that closed the stream early)"), provider=reply.provider)  # fmt: skip
        except ProviderError as err:
            reply.error = err
            reply.finish_reason = "cancelled" if err.kind == "cancelled" else "error"
        except Exception as exc:  # our bug or a hostile answer: keep the text, say so, log the traceback
            log.exception("unexpected error while streaming from %s", reply.provider)
            reply.error = make_error("protocol", translate(
                "Chat", "unexpected error while reading the answer ({error})").format(error=type(exc).__name__),
                provider=reply.provider)  # fmt: skip
            reply.finish_reason = "error"
        except asyncio.CancelledError:
            reply.finish_reason = "cancelled"
            reply.error = make_error("cancelled", STOPPED_BY_USER, provider=reply.provider)
            self._close(t0)
            raise
        self._close(t0)
        return reply

    def _close(self, t0: float) -> None:
        self._paused.close(self.reply)
        self.reply.duration_ms = (self.clock() - t0) * 1000.0
        self.observer.on_finish(self.reply)

    def _apply(self, ev: object, t0: float) -> None:
        reply = self.reply
        if isinstance(ev, (TextDelta, ReasoningDelta)):
            if reply.ttft_ms is None:
                reply.ttft_ms = (self.clock() - t0) * 1000.0
            if isinstance(ev, TextDelta):
                reply.text += ev.text
                self.observer.on_delta(reply, ev.text, "")
            else:
                reply.reasoning += ev.text
                self.observer.on_delta(reply, "", ev.text)
        elif isinstance(ev, ToolCallStart):
            if reply.ttft_ms is None:  # an answer that only calls tools starts with its first call
                reply.ttft_ms = (self.clock() - t0) * 1000.0
            if self.tool_stream is not None:
                self.tool_stream(ev.id, ev.name, "")
        elif isinstance(ev, ToolCallDelta):
            if self.tool_stream is not None:
                self.tool_stream(ev.id, "", ev.text)
        elif isinstance(ev, ToolCallEnd):
            reply.tool_calls.append(ev.call())
        elif isinstance(ev, SignedReasoning):
            reply.signed.append(ev)
        elif isinstance(ev, UsageUpdate):
            reply.usage = reply.usage.merged(ev.usage)
        elif isinstance(ev, ResponseInfo):
            reply.model = ev.model or reply.model
            reply.response_id = ev.response_id or reply.response_id
        elif isinstance(ev, Finish):
            reply.finish_reason = ev.reason
            reply.finish_reason_raw = ev.raw
            self._paused.pause = ev.continuation
        elif isinstance(ev, Citation):
            reply.cite(ev)
        elif isinstance(ev, SearchEntryPoint):
            reply.search_entry_point = ev.html
        elif isinstance(ev, AttemptStarted) and self._paused.steps:
            pass  # the same answer going on after a pause: not another attempt
        elif isinstance(ev, AttemptStarted):
            self._paused.answering = ev.index
            if not reply.attempts or reply.attempts[-1] is not ev.attempt:
                reply.attempts.append(ev.attempt)
            reply.provider = ev.attempt.provider
            reply.requested_model = ev.attempt.model
            self.observer.on_attempt(reply, ev.attempt)
        elif isinstance(ev, AttemptFailed) and not (reply.text or reply.reasoning or reply.tool_calls):
            # A failed try before any token: a later attempt starts from a clean slate.
            reply.signed.clear()
            reply.usage = Usage()
            reply.model = None
            reply.finish_reason = None
            reply.finish_reason_raw = None
