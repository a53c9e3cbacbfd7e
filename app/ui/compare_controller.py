"""Drives core's comparison for the compare panel: its events as Qt signals, its verdicts as slots' targets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.comparison import MAX_PANES, MIN_PANES, ComparisonObserver, ComparisonSession, PaneTarget

from .i18n import say

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.compare import Comparison
    from app.core.leaderboard import Standing
    from app.core.resilience import Attempt
    from app.core.runtime import Runtime
    from app.core.turn import Refusal
    from app.store import ComparisonRun

__all__ = ["MAX_PANES", "MIN_PANES", "CompareController", "PaneTarget"]


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

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.session = ComparisonSession(runtime, _Relay(self))

    # -- the session's state, as the panel reads it --------------------------------------------------
    @property
    def saving(self) -> bool:
        return self.session.saving

    @property
    def order(self) -> Callable[[int], list[int]]:
        return self.session.order

    @order.setter
    def order(self, value: Callable[[int], list[int]]) -> None:
        self.session.order = value

    @property
    def comparison(self) -> Comparison | None:
        return self.session.comparison

    @property
    def run(self) -> ComparisonRun | None:
        return self.session.run

    @property
    def busy(self) -> bool:
        return self.session.busy

    @property
    def finished(self) -> bool:
        return self.session.finished

    @property
    def has_voted(self) -> bool:
        return self.session.has_voted

    @property
    def ranking(self) -> list[int]:
        return self.session.ranking

    @property
    def continued_into(self) -> int | None:
        return self.session.continued_into

    @property
    def targets(self) -> list[PaneTarget]:
        return self.session.targets

    @property
    def blind(self) -> bool:
        return self.session.blind

    def replies(self) -> list[Reply]:
        return self.session.replies()

    def pane_running(self, position: int) -> bool:
        return self.session.pane_running(position)

    def reset(self) -> None:
        self.session.reset()

    def leaderboard(self) -> list[Standing] | None:
        return self.session.leaderboard()

    # -- driving it --------------------------------------------------------------------------------------
    async def send(self, targets: Sequence[PaneTarget], prompt: str, *, blind: bool = False,
                   conversation_id: int | None = None) -> list[Reply] | None:  # fmt: skip
        return await self.session.send(targets, prompt, blind=blind, conversation_id=conversation_id)

    def stop(self, position: int) -> None:
        self.session.stop(position)

    def stop_all(self) -> None:
        self.session.stop_all()

    def retry(self, position: int) -> bool:
        return self.session.retry(position)

    def vote(self, position: int) -> str:
        """Record `position` as the best answer. Returns '' or why the vote was not taken."""
        return self._verdict(self.session.vote(position), position)

    def rank(self, order: Sequence[int]) -> str:
        """Record a full ranking, best first. Returns '' or why not."""
        return self._verdict(self.session.rank(order), order[0] if order else 0)

    def _verdict(self, problem: str, winner: int) -> str:
        if not problem:
            self.voted.emit(winner)
            self.leaderboard_changed.emit()
        return problem

    def continue_with(self, position: int) -> int | None:
        """Make this pane's answer the next message of the conversation (see `ComparisonSession`)."""
        result = self.session.continue_with(position)
        if isinstance(result, int):
            self.continued.emit(result)
            return result
        self.failed.emit(say(result.message), say(result.advice))
        return None


class _Relay(ComparisonObserver):
    def __init__(self, controller: CompareController) -> None:
        self._c = controller

    def on_refused(self, refusal: Refusal) -> None:
        self._c.failed.emit(say(refusal.message), say(refusal.advice))

    def on_busy(self, busy: bool) -> None:
        self._c.busy_changed.emit(busy)

    def on_started(self, targets: list[PaneTarget]) -> None:
        self._c.started.emit(targets)

    def on_pane_attempt(self, position: int, attempt: Attempt) -> None:
        self._c.pane_attempt.emit(position, attempt)

    def on_pane_delta(self, position: int, text: str, reasoning: str) -> None:
        self._c.pane_delta.emit(position, text, reasoning)

    def on_pane_finished(self, position: int, reply: Reply) -> None:
        self._c.pane_finished.emit(position, reply)
