"""Runs one prompt against several targets for the comparison panel: tasks, votes, ledger and "continue"."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .services import Services

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.compare import Comparison
    from app.core.resilience import Attempt, Target
    from app.providers import ChatRequest
    from app.store import ComparisonRun, Store

MIN_PANES, MAX_PANES = 2, 8
STOP_RETRY_S = 0.2  # see ChatController.stop: one cancel can be swallowed by asyncio.wait_for on 3.11


@dataclass(frozen=True, slots=True)
class PaneTarget:
    """What one pane asks: a provider id and the model field's text (`MODEL` or `MODEL@http://...`)."""

    provider: str
    model: str


def shuffled(count: int) -> list[int]:
    """Blind runs place the targets in random panes, so the set-up order does not give them away."""
    order = list(range(count))
    random.shuffle(order)
    return order


class CompareController(QObject):
    """One comparison at a time. `send`, `retry`, `vote` and `continue_with` are what tests drive."""

    started = Signal(list)  # the targets in pane order (blind runs are shuffled)
    pane_attempt = Signal(int, object)  # position, the Attempt starting (which provider is being asked)
    pane_delta = Signal(int, str, str)  # position, streamed text, streamed reasoning
    pane_finished = Signal(int, object)  # position, the Reply (complete, stopped or failed; priced)
    failed = Signal(str, str)  # what went wrong, what to do: nothing was sent
    busy_changed = Signal(bool)
    voted = Signal(int)  # the winning position: blind labels may be lifted
    leaderboard_changed = Signal()
    continued = Signal(int)  # a conversation made from the comparison

    def __init__(self, services: Services, store: Store | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.store = store
        self.order: Callable[[int], list[int]] = shuffled
        self.comparison: Comparison | None = None
        self.run: ComparisonRun | None = None  # the stored run (None without a store)
        self.targets: list[PaneTarget] = []
        self.prompt = ""
        self.blind = False
        self.has_voted = False
        self._request: ChatRequest | None = None
        self._chains: list[list[Target]] = []
        self._stopping: set[int] = set()
        self._reported: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    # -- state -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    @property
    def finished(self) -> bool:
        c = self.comparison
        return c is not None and len(self._reported) == len(c.panes)

    def replies(self) -> list[Reply]:
        return [p.reply for p in self.comparison.panes] if self.comparison else []

    def pane_running(self, position: int) -> bool:
        return self.comparison is not None and position not in self._reported

    def reset(self) -> None:
        """Forget the last run (its panes changed): nothing left to stop, retry, vote on or continue."""
        if not self.busy:
            self.comparison, self.run, self.has_voted = None, None, False
            self._reported.clear()

    # -- sending ---------------------------------------------------------------------------------
    async def send(self, targets: Sequence[PaneTarget], prompt: str, *, blind: bool = False) -> list[Reply] | None:
        """Ask every target at once; returns the replies once all panes ended, or None when nothing was sent."""
        if self.busy:
            self.failed.emit("A comparison is still running: stop it first.", "")
            return None
        problem = _check(targets, prompt)
        if problem is not None:
            self.failed.emit(*problem)
            return None
        order = self.order(len(targets)) if blind else list(range(len(targets)))
        targets = [targets[i] for i in order]
        task = asyncio.ensure_future(self._compare(targets, prompt.strip(), blind))
        self._tasks.add(task)
        self.busy_changed.emit(True)
        try:
            await task
        finally:
            self._tasks.discard(task)
            self.busy_changed.emit(False)
        return self.replies() if self.comparison is not None and self.finished else None

    async def _compare(self, targets: list[PaneTarget], prompt: str, blind: bool) -> None:
        from app.core.compare import Comparison
        from app.core.endpoints import parse_target
        from app.core.leaderboard import pane_label
        from app.core.resilience import Resilience
        from app.providers import ChatRequest, Message

        domain = self._services.domain()
        try:
            specs = [parse_target(f"{t.provider}:{t.model.strip()}") for t in targets]
            # A missing key fails only its own pane (lenient); the keychain may block: off the loop.
            chains = [[await asyncio.to_thread(domain.target, s, lenient=True)] for s in specs]
        except ValueError as exc:
            self.failed.emit(str(exc), "Check each pane's provider and model.")
            return
        self.targets, self.prompt, self.blind, self.has_voted = targets, prompt, blind, False
        self._chains = chains
        self._request = ChatRequest(model=specs[0].model, messages=(Message("user", prompt),))
        self._stopping.clear()
        self._reported.clear()
        labels = [pane_label(i) for i in range(len(targets))]
        self.run = self.store.create_comparison(prompt, [(s.provider, s.model) for s in specs], labels=labels) \
            if self.store is not None else None  # fmt: skip
        comparison = Comparison(Resilience(domain.client), chains, self._request,
                                observer_for=lambda i: _PaneRelay(self, i))  # fmt: skip
        self.comparison = comparison
        self.started.emit(targets)
        try:
            await comparison.execute()
            await self._settle()
        except asyncio.CancelledError:
            comparison.stop_all()
            raise
        finally:
            self._sweep()

    async def _settle(self) -> None:
        """Wait until no pane runs (a pane retried meanwhile is waited for too)."""
        c = self.comparison
        while c is not None and (running := [p.task for p in c.panes if p.task is not None and not p.task.done()]):
            await asyncio.gather(*running, return_exceptions=True)
            self._sweep()

    def stop(self, position: int) -> None:
        """Stop one pane; its partial text is kept and the others carry on."""
        c = self.comparison
        if c is None or position in self._reported:
            return
        self._stopping.add(position)
        c.stop(position)
        task = c.panes[position].task
        if task is not None:
            task.get_loop().call_later(STOP_RETRY_S, self._insist, position, task)

    def _insist(self, position: int, task: asyncio.Task[Reply]) -> None:
        c = self.comparison
        if c is not None and not task.done() and c.panes[position].task is task and position in self._stopping:
            task.cancel()
            task.get_loop().call_later(STOP_RETRY_S, self._insist, position, task)

    def stop_all(self) -> None:
        for i in range(len(self.comparison.panes) if self.comparison else 0):
            self.stop(i)

    def retry(self, position: int) -> bool:
        """Ask one finished pane's target again (a new ledger row); the other panes are untouched."""
        from app.core.chat import ChatRun

        c = self.comparison
        if c is None or self._request is None or position not in self._reported or self.has_voted:
            return False
        pane = c.panes[position]
        pane.run = ChatRun(pane.run.resilience, self._chains[position], self._request, _PaneRelay(self, position))
        self._stopping.discard(position)
        self._reported.discard(position)
        pane.task = asyncio.ensure_future(pane.run.execute())
        if not self._tasks:  # the run had ended: this retry is waited for on its own
            waiter = asyncio.ensure_future(self._settle())
            self._tasks.add(waiter)
            waiter.add_done_callback(self._retry_ended)
            self.busy_changed.emit(True)
        return True

    def _retry_ended(self, waiter: asyncio.Task[None]) -> None:
        self._tasks.discard(waiter)
        if not waiter.cancelled():
            waiter.exception()
        self.busy_changed.emit(False)

    # -- a pane ended ----------------------------------------------------------------------------
    def pane_done(self, position: int, reply: Reply) -> None:
        """Price, log (source "compare") and report a pane's reply, once per run of that pane."""
        if position in self._reported:
            return
        self._reported.add(position)
        self._stopping.discard(position)
        if reply.finish_reason is None and reply.error is None:  # cancelled before it even started
            from app.providers import make_error

            reply.finish_reason = "cancelled"
            reply.error = make_error("cancelled", "stopped by the user", provider=reply.provider)
        self._services.domain().price_reply(reply)
        if self.store is not None and self.run is not None:
            from app.core.history import log_attempts

            ids = log_attempts(self.store, reply, "compare", None, None)
            self.store.set_pane_result(self.run.panes[position].id, request_id=ids[-1])
        self.pane_finished.emit(position, reply)

    def _sweep(self) -> None:
        """Report panes whose task ended without telling the relay (cancelled before its first step)."""
        c = self.comparison
        for pane in c.panes if c else []:
            if pane.task is not None and pane.task.done():
                self.pane_done(pane.position, pane.reply)

    # -- verdicts --------------------------------------------------------------------------------
    def vote(self, position: int) -> str:
        """Record `position` as the best answer. Returns '' or why the vote was not taken."""
        if self.comparison is None or not self.finished:
            return "Wait for every pane to finish (or stop it) before voting."
        if self.has_voted:
            return "This comparison already has your vote."
        if self.store is None or self.run is None:
            return "Votes are not being saved: the database is not open."
        self.store.record_vote(self.run.id, winner_pane_id=self.run.panes[position].id)
        self.has_voted = True
        self.voted.emit(position)
        self.leaderboard_changed.emit()
        return ""

    def continue_with(self, position: int) -> int | None:
        """A normal conversation: the prompt, this pane's answer as the reply, the others as its siblings."""
        if self.comparison is None or not self.finished or self.store is None or self.run is None:
            self.failed.emit("Nothing to continue yet." if self.store is not None else
                             "Conversations are not being saved: the database is not open.", "")  # fmt: skip
            return None
        store = self.store
        conv = store.create_conversation(_title(self.prompt))
        user_id = store.add_message(conv, "user", self.prompt, parent_id=None)
        replies = self.replies()
        for i in [position] + [j for j in range(len(replies)) if j != position]:
            r = replies[i]
            status = {"complete": "complete", "interrupted": "interrupted"}.get(r.status, "error")
            err = r.error if r.finish_reason != "cancelled" else None
            msg = store.add_message(conv, "assistant", r.text, parent_id=user_id, reasoning=r.reasoning,
                                    status=status, provider=r.provider, model=r.model,  # type: ignore[arg-type]
                                    requested_model=r.requested_model, error_kind=err.kind if err else None,
                                    error_message=err.describe() if err else None,
                                    make_current=i == position)  # fmt: skip
            store.set_pane_result(self.run.panes[i].id, message_id=msg)
        self.continued.emit(conv)
        return conv


def _title(prompt: str, limit: int = 60) -> str:
    line = " ".join(prompt.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class _PaneRelay:
    """The `ChatObserver` of one pane: core's callbacks become the controller's signals."""

    def __init__(self, controller: CompareController, position: int) -> None:
        self._c, self._i = controller, position

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        self._c.pane_attempt.emit(self._i, attempt)

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        self._c.pane_delta.emit(self._i, text, reasoning)
        if self._i in self._c._stopping:  # the cancel was swallowed below us (see CompareController.stop)
            raise asyncio.CancelledError

    def on_finish(self, reply: Reply) -> None:
        self._c.pane_done(self._i, reply)


def _check(targets: Sequence[PaneTarget], prompt: str) -> tuple[str, str] | None:
    if not MIN_PANES <= len(targets) <= MAX_PANES:
        return f"A comparison needs {MIN_PANES} to {MAX_PANES} panes.", ""
    for i, t in enumerate(targets):
        if not t.provider:
            return f"Choose a provider for pane {i + 1}.", ""
        if not t.model.strip():
            return f"Type a model name for pane {i + 1}.", "For example gpt-4o-mini, or model@http://host/v1."
    if not prompt.strip():
        return "Type a prompt first.", ""
    return None
