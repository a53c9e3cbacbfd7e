"""A turn of several model calls: one reply summed over its steps, and the store side (ledger rows per step,
each step's calls and results, the answer saved once at the end).

The turn's reply is what the window and `--json` show: the steps' texts joined as they streamed, usage and
cost summed, the least certain cost source, the first step's time to first token, the last step's model and
finish reason, every step's attempts. Each model call is priced and logged on its own (one ledger row per
call, `step` 1, 2...; fallback attempts of a call still link through `fallback_of`), so spending counts every
step; all of a turn's rows share its answer's `message_id`, which is how the cost panel finds a turn's steps.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app.providers import Message, Usage
from app.store import Source

from .chat import ChatObserver, Reply
from .history import Recorder, StoredTurn, log_attempts
from .tool_history import call_json, result_json, signed_json

if TYPE_CHECKING:
    from app.store import Store

    from .tool_loop import ToolCallRecord

# Least certain first: a turn's cost is only as sure as its least sure step.
CERTAINTY = ("unknown", "catalog", "override", "provider", "free")


def summarize(summary: Reply, steps: Sequence[Reply]) -> None:
    """Fill the turn's reply from its steps (its text and reasoning are kept as they stream, by the turn)."""
    if not steps:
        return
    last = steps[-1]
    summary.provider, summary.requested_model = last.provider, last.requested_model
    summary.model, summary.response_id = last.model, last.response_id
    summary.finish_reason, summary.finish_reason_raw = last.finish_reason, last.finish_reason_raw
    summary.error = last.error
    summary.ttft_ms = next((s.ttft_ms for s in steps if s.ttft_ms is not None), None)
    summary.attempts = [a for s in steps for a in s.attempts]
    summary.usage = sum_usage([s.usage for s in steps])
    costs = [s.cost_usd for s in steps]
    summary.cost_usd = None if any(c is None for c in costs) else sum(c for c in costs if c is not None)
    summary.cost_source = min((s.cost_source for s in steps), key=_certainty)
    summary.tool_calls = [c for s in steps for c in s.tool_calls]
    # Web search: any step may have searched; the sources of all of them, each once, and their fees summed.
    summary.web_search = any(s.web_search for s in steps)
    summary.citations = []
    for s in steps:
        for citation in s.citations:
            summary.cite(citation)
    summary.search_entry_point = next((s.search_entry_point for s in reversed(steps) if s.search_entry_point), None)
    fees = [s.search_cost_usd for s in steps if s.search_cost_usd is not None]
    summary.search_cost_usd = sum(fees) if fees else None


def _certainty(source: str) -> int:
    return CERTAINTY.index(source) if source in CERTAINTY else 0


def sum_usage(usages: Sequence[Usage]) -> Usage:
    """Field by field; a field no step reported stays unreported (None)."""

    def total(values: list[int | None]) -> int | None:
        known = [v for v in values if v is not None]
        return sum(known) if known else None

    costs = [u.provider_cost_usd for u in usages if u.provider_cost_usd is not None]
    return Usage(
        input_tokens=total([u.input_tokens for u in usages]),
        output_tokens=total([u.output_tokens for u in usages]),
        cache_read_tokens=total([u.cache_read_tokens for u in usages]),
        cache_write_tokens=total([u.cache_write_tokens for u in usages]),
        reasoning_tokens=total([u.reasoning_tokens for u in usages]),
        provider_cost_usd=sum(costs) if costs else None,
        web_searches=total([u.web_searches for u in usages]),
    )


def step_text(summary: Reply, step: Reply, text: str, reasoning: str) -> tuple[str, str]:
    """A step's streamed piece as the turn shows it: a new step's first text (and reasoning) starts a new
    paragraph after the turn's earlier text. Appends to `summary`; returns what to pass on."""
    if text:
        if step.text == text and summary.text:  # the step's first text
            text = "\n\n" + text
        summary.text += text
    if reasoning:
        if step.reasoning == reasoning and summary.reasoning:
            reasoning = "\n\n" + reasoning
        summary.reasoning += reasoning
    return text, reasoning


def assistant_message(step: Reply) -> Message:
    """What the model said in a step, to send back before the calls' results."""
    return Message("assistant", step.text, tool_calls=tuple(step.tool_calls), signed=tuple(step.signed))


class StepRecorder(Recorder):
    """Saves a turn of several model calls: checkpoints of the whole text, one ledger row per call (and per
    fallback attempt) with its step number, each step's calls and results, and the answer once at the end."""

    def __init__(self, store: Store, turn: StoredTurn, price: Callable[[Reply], None], summary: Reply, *,
                 source: str = "app", inner: ChatObserver | None = None) -> None:  # fmt: skip
        super().__init__(store, turn, price, source=source, inner=inner)
        self.summary = summary
        self.step = 1
        self.stepped = False  # a step was stored: the answer used tools

    def _checkpoint(self) -> None:
        self._timer = None
        s = self.summary
        self._save("answer", lambda: self.store.checkpoint(self.turn.reply_message_id, s.text, s.reasoning))

    def on_finish(self, reply: Reply) -> None:
        """A model call ended: price it and log its attempts (the answer is saved by `close`)."""
        self.price(reply)
        reply.conversation_id = self.turn.conversation_id
        reply.message_id = self.turn.reply_message_id
        self.problem = None
        self._save("cost of this request", lambda: self.logged(log_attempts(
            self.store, reply, self.source, self.turn.conversation_id, self.turn.reply_message_id, self.step)))
        self.inner.on_finish(reply)

    def save_step(self, step: Reply, records: Sequence[ToolCallRecord]) -> None:
        """A step's text, calls and their results (or the last step's text, in a turn that used tools)."""
        self.stepped = True
        self._save("tool calls", lambda: self.store.add_tool_step(
            self.turn.reply_message_id, self.step, step.text, calls=[call_json(c) for c in step.tool_calls],
            results=[result_json(r) for r in records], signed=[signed_json(s) for s in step.signed]))  # fmt: skip

    def close(self, summary: Reply) -> None:
        """The turn ended: save the answer (all its text) with the turn's status."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        summary.conversation_id = self.turn.conversation_id
        summary.message_id = self.turn.reply_message_id
        err = summary.error
        status = {"complete": "complete", "interrupted": "interrupted"}.get(summary.status, "error")
        problem, self.problem = self.problem, None
        self._save("answer", lambda: self.store.finish_message(
            self.turn.reply_message_id, status, summary.text, summary.reasoning,  # type: ignore[arg-type]
            error_kind=err.kind if err else None, error_message=err.describe() if err else None,
            model=summary.model, provider=summary.provider))  # fmt: skip
        if summary.citations:  # the sources any step cited (web search)
            self._save("sources", lambda: self.store.set_citations(
                self.turn.reply_message_id, [Source(c.url, c.title) for c in summary.citations]))  # fmt: skip
        self.problem = self.problem or problem

