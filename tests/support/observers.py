"""Observers that write down what a turn or a comparison told them, for tests to read back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.asks import Refusal, TurnObserver
from app.core.comparison import ComparisonObserver

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.comparison import PaneTarget
    from app.core.resilience import Attempt
    from app.core.turn import Turn


class TurnEvents(TurnObserver):
    """Every callback's name in order, with what came with it."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.refusals: list[Refusal] = []
        self.attempts: list[tuple[str, str]] = []  # (provider, model) as each try started
        self.waits: list[float] = []
        self.text = ""
        self.reasoning = ""
        self.stored_ids: tuple[int | None, int | None, int | None] | None = None  # conversation, prompt, answer

    def on_refused(self, turn: Turn, refusal: Refusal) -> None:
        self.names.append("refused")
        self.refusals.append(refusal)

    def on_stored(self, turn: Turn) -> None:
        self.names.append("stored")
        self.stored_ids = (turn.conversation_id, turn.prompt_id, turn.message_id)

    def on_sending(self, turn: Turn) -> None:
        self.names.append("sending")

    def on_attempt(self, turn: Turn, attempt: Attempt) -> None:
        self.names.append("attempt")
        self.attempts.append((attempt.provider, attempt.model))

    def on_wait(self, turn: Turn, seconds: float) -> None:
        self.names.append("wait")
        self.waits.append(seconds)

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        if not self.names or self.names[-1] != "delta":
            self.names.append("delta")  # a run of deltas is one entry: the order of kinds is what tests read
        self.text += text
        self.reasoning += reasoning

    def on_finish(self, turn: Turn) -> None:
        self.names.append("finish")


class ComparisonEvents(ComparisonObserver):
    """What a comparison's observer heard: refusals, busy changes, the panes started and finished."""

    def __init__(self) -> None:
        self.refusals: list[Refusal] = []
        self.busy: list[bool] = []
        self.started: list[list[PaneTarget]] = []
        self.texts: dict[int, str] = {}
        self.finished: dict[int, list[Reply]] = {}  # position -> every reply it reported (a retry adds one)

    def on_refused(self, refusal: Refusal) -> None:
        self.refusals.append(refusal)

    def on_busy(self, busy: bool) -> None:
        self.busy.append(busy)

    def on_started(self, targets: list[PaneTarget]) -> None:
        self.started.append(list(targets))

    def on_pane_delta(self, position: int, text: str, reasoning: str) -> None:
        self.texts[position] = self.texts.get(position, "") + text

    def on_pane_finished(self, position: int, reply: Reply) -> None:
        self.finished.setdefault(position, []).append(reply)
