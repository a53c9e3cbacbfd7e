"""The comparison panel: one prompt, 2 to 8 panes streaming side by side, live metrics, blind votes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .chat_controller import ProviderChoice, provider_choices
from .compare_controller import MAX_PANES, MIN_PANES, CompareController, PaneTarget
from .compare_pane import PaneWidget
from .loop import spawn
from .prompt_set_view import PromptSetView
from .services import Services
from .wording import cost_text, error_lines, status_word

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.resilience import Attempt
    from app.store import Store

COLUMNS = 4  # panes per row: 2-4 panes sit in one row, 5-8 in two


class ComparePanel(QWidget):
    """The whole comparison view. Slots only start the controller's coroutines."""

    continued = Signal(int)  # a conversation id: the main window opens it

    def __init__(self, services: Services, store: Store | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.setWindowTitle("Compare models")
        self.controller = CompareController(services, store, self)
        self._choices: list[ProviderChoice] = []
        self.panes: list[PaneWidget] = []
        self.blind_box = QCheckBox("Blind (hide model names until you vote)")
        self.add_button = QPushButton("Add pane")
        self.prompt_set_button = QPushButton("Prompt set")
        self.prompt_set_button.setCheckable(True)
        self.prompt_set_button.setToolTip("Run many prompts against these panes' targets and see a grid of results")
        self.sync_scroll_box = QCheckBox("Scroll together")
        self._scrolling = False
        self.prompt_sets = PromptSetView(services, store, lambda: [p.target() for p in self.panes])
        self.prompt_sets.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("compareStatus")
        self.status.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.leaderboard = QListWidget()
        self.leaderboard.setObjectName("leaderboard")
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setPlaceholderText("One prompt for every pane. Ctrl+Enter sends.")
        self.prompt_edit.setMaximumHeight(90)
        self.send_button = QPushButton("Send to all")
        self.stop_all_button = QPushButton("Stop all")
        self._grid_host = QWidget()
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._build()
        self._connect()
        for _ in range(MIN_PANES):
            self.add_pane()
        self._refresh_leaderboard()
        self._sync()

    def _build(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.blind_box)
        bar.addWidget(self.sync_scroll_box)
        bar.addStretch(1)
        bar.addWidget(self.prompt_set_button)
        bar.addWidget(self.add_button)
        board = QWidget()
        board_layout = QVBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        board_layout.addWidget(QLabel("<b>Leaderboard</b> (your votes)"))
        board_layout.addWidget(self.leaderboard)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self._grid_host)
        split.addWidget(board)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        prompt_row = QHBoxLayout()
        prompt_row.addWidget(self.prompt_edit, 1)
        side = QVBoxLayout()
        side.addWidget(self.send_button)
        side.addWidget(self.stop_all_button)
        side.addStretch(1)
        prompt_row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(split)
        rows.addWidget(self.prompt_sets)
        rows.setStretchFactor(0, 1)
        rows.setStretchFactor(1, 2)
        layout.addWidget(rows, 1)
        layout.addWidget(self.summary)
        layout.addLayout(prompt_row)
        layout.addWidget(self.status)

    def _connect(self) -> None:
        c = self.controller
        self.add_button.clicked.connect(lambda: self.add_pane())
        self.prompt_set_button.toggled.connect(self.prompt_sets.setVisible)
        self.prompt_sets.busy_changed.connect(lambda _busy: self._sync())
        self.send_button.clicked.connect(self._send_clicked)
        self.stop_all_button.clicked.connect(c.stop_all)
        QShortcut(QKeySequence("Ctrl+Return"), self.prompt_edit, self._send_clicked)
        c.started.connect(self._on_started)
        c.pane_attempt.connect(self._on_attempt)
        c.pane_delta.connect(lambda i, text, reasoning: self.panes[i].view.append_answer(text, reasoning))
        c.pane_finished.connect(self._on_finished)
        c.failed.connect(lambda message, advice: self.status.setText(f"{message} {advice}".strip()))
        c.busy_changed.connect(lambda _busy: self._sync())
        c.voted.connect(self._on_voted)
        c.leaderboard_changed.connect(self._refresh_leaderboard)
        c.continued.connect(self.continued)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.stop_all()  # closing the window stops the requests (their partial answers are kept)
        self.prompt_sets.stop()
        super().closeEvent(event)

    # -- panes -----------------------------------------------------------------------------------
    def load_providers(self, choices: list[ProviderChoice] | None = None) -> None:
        """The provider lists (the catalog by default: imports the adapters, so call it after first paint)."""
        self._choices = provider_choices() if choices is None else choices
        for pane in self.panes:
            self._fill_providers(pane)

    def _fill_providers(self, pane: PaneWidget) -> None:
        current = pane.provider_box.currentData()
        pane.provider_box.clear()
        for choice in self._choices:
            pane.provider_box.addItem(choice.name, choice.id)
        if current:
            pane.provider_box.setCurrentIndex(max(pane.provider_box.findData(current), 0))

    def add_pane(self, target: PaneTarget | None = None) -> PaneWidget | None:
        if len(self.panes) >= MAX_PANES or self.controller.busy or self.prompt_sets.busy:
            return None
        pane = PaneWidget(len(self.panes))
        self._fill_providers(pane)
        if target is not None:
            pane.set_target(target)
        pane.remove_button.clicked.connect(lambda: self.remove_pane(self.panes.index(pane)))
        pane.view.verticalScrollBar().valueChanged.connect(lambda _v: self._scrolled(pane))
        pane.stop_button.clicked.connect(lambda: self.controller.stop(self.panes.index(pane)))
        pane.retry_button.clicked.connect(lambda: self._retry(self.panes.index(pane)))
        pane.vote_button.clicked.connect(lambda: self._vote(self.panes.index(pane)))
        pane.continue_button.clicked.connect(lambda: self.controller.continue_with(self.panes.index(pane)))
        self.panes.append(pane)
        self.controller.reset()
        self._relayout()
        return pane

    def _scrolled(self, source: PaneWidget) -> None:
        """With "Scroll together" on, every pane follows the one scrolled, at the same fraction of its length."""
        if not self.sync_scroll_box.isChecked() or self._scrolling:
            return
        bar = source.view.verticalScrollBar()
        fraction = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._scrolling = True
        try:
            for pane in self.panes:
                other = pane.view.verticalScrollBar()
                if pane is not source:
                    other.setValue(round(fraction * other.maximum()))
        finally:
            self._scrolling = False

    def remove_pane(self, position: int) -> None:
        if len(self.panes) <= MIN_PANES or self.controller.busy or self.prompt_sets.busy:
            return
        pane = self.panes.pop(position)
        self._grid.removeWidget(pane)
        pane.deleteLater()
        self.controller.reset()
        self._relayout()

    def set_targets(self, targets: list[PaneTarget]) -> None:
        """Exactly these panes (tests and presets)."""
        while len(self.panes) > max(len(targets), MIN_PANES):
            self.remove_pane(len(self.panes) - 1)
        while len(self.panes) < len(targets):
            self.add_pane()
        for pane, target in zip(self.panes, targets, strict=False):
            pane.set_target(target)

    def _relayout(self) -> None:
        columns = min(COLUMNS, max(len(self.panes), 1)) if len(self.panes) <= COLUMNS else (len(self.panes) + 1) // 2
        for i, pane in enumerate(self.panes):
            self._grid.addWidget(pane, i // columns, i % columns)
        self._label_panes()
        self._sync()

    def _label_panes(self) -> None:
        from app.core.leaderboard import pane_label

        for i, pane in enumerate(self.panes):
            pane.show_identity(pane_label(i), hide_target=False)

    # -- running ---------------------------------------------------------------------------------
    def _send_clicked(self) -> None:
        spawn(self.send())

    async def send(self) -> list[Reply] | None:
        self.status.clear()
        self.prompt_edit.setFocus()  # the Send button is disabled while it runs: keep focus off the panes
        targets = [p.target() for p in self.panes]
        return await self.controller.send(targets, self.prompt_edit.toPlainText(), blind=self.blind_box.isChecked())

    def _on_started(self, targets: list[PaneTarget]) -> None:
        from app.core.leaderboard import pane_label

        blind = self.controller.blind
        self.summary.clear()
        self.status.setText("Asking every pane…")
        for i, (pane, target) in enumerate(zip(self.panes, targets, strict=True)):
            pane.set_target(target)  # a blind run placed the targets in shuffled panes
            pane.show_identity(f"Model {pane_label(i)}" if blind else pane_label(i), hide_target=blind)
            pane.view.clear_conversation()
            pane.view.begin_answer(f"Model {pane_label(i)}" if blind else _target_title(target))
            pane.metrics.setText("waiting for the first token…")
        self._sync()

    def _on_attempt(self, position: int, attempt: Attempt) -> None:
        if not self.controller.blind or self.controller.has_voted:
            retry = f" (retry {attempt.retries})" if attempt.retries else ""
            self.panes[position].metrics.setText(f"asking {attempt.provider} for {attempt.model}{retry}…")

    def _retry(self, position: int) -> None:
        from app.core.leaderboard import pane_label

        pane = self.panes[position]
        if self.controller.retry(position):
            pane.view.clear_conversation()
            label = pane_label(position)
            pane.view.begin_answer(f"Model {label}" if self.controller.blind else _target_title(pane.target()))
            pane.metrics.setText("waiting for the first token…")
            self._sync()

    def _on_finished(self, position: int, reply: Reply) -> None:
        pane = self.panes[position]
        hidden = self.controller.blind and not self.controller.has_voted
        answered = reply.text or reply.reasoning or reply.error is None
        footer = "" if hidden else (f"answered by {reply.provider}" if answered else f"asked {reply.provider}") + (
            f" · {reply.model}" if reply.model else "")  # fmt: skip
        error = error_lines(reply)
        if hidden and error is not None and reply.error is not None:  # the usual wording names the provider
            status = f" (HTTP {reply.error.status})" if reply.error.status else ""
            error = (f"{reply.error.message}{status}", error[1])
        pane.view.end_answer(footer, error, text=reply.text, reasoning=reply.reasoning)
        pane.metrics.setText(metrics_text(reply, hidden=hidden))
        self._sync()
        if self.controller.finished:
            self._show_summary()

    def _show_summary(self) -> None:
        from app.core.leaderboard import ranking_text

        self.summary.setText("<b>Best first</b> · " + ranking_text(self.controller.replies()))
        self.status.setText("Done. Pick the best answer, or continue with one." if self.controller.store
                            else "Done.")  # fmt: skip

    # -- verdicts --------------------------------------------------------------------------------
    def _vote(self, position: int) -> None:
        problem = self.controller.vote(position)
        if problem:
            self.status.setText(problem)

    def _on_voted(self, position: int) -> None:
        from app.core.leaderboard import pane_label

        replies = self.controller.replies()
        for i, (pane, reply) in enumerate(zip(self.panes, replies, strict=True)):
            mark = " ★" if i == position else ""
            title = _target_title(self.controller.targets[i])
            pane.show_identity(f"{pane_label(i)}: {title}{mark}", hide_target=False)
            pane.metrics.setText(metrics_text(reply, hidden=False))
        self.status.setText(f"Vote saved: {pane_label(position)} was best.")
        self._sync()

    def _refresh_leaderboard(self) -> None:
        from app.core.leaderboard import standings

        self.leaderboard.clear()
        store = self.controller.store
        rows = standings(store.comparison_wins()) if store is not None else []
        for row in rows:
            self.leaderboard.addItem(row.text)
        if not rows:
            self.leaderboard.addItem("No votes yet." if store is not None else "Votes are not being saved.")

    def _sync(self) -> None:
        c = self.controller
        busy = c.busy
        locked = busy or self.prompt_sets.busy  # a prompt set runs the panes' targets: keep them as they are
        self.send_button.setEnabled(not locked)
        self.stop_all_button.setEnabled(busy)
        self.add_button.setEnabled(not locked and len(self.panes) < MAX_PANES)
        if not self.prompt_sets.busy:
            self.prompt_sets.run_button.setEnabled(not busy)
        self.blind_box.setEnabled(not busy)
        done = c.finished
        for i, pane in enumerate(self.panes):
            running = c.pane_running(i) and c.comparison is not None and i < len(c.comparison.panes)
            pane.set_running(running, finished=done or (c.comparison is not None and not running), voted=c.has_voted)
            pane.remove_button.setEnabled(not locked and len(self.panes) > MIN_PANES)
            if self.prompt_sets.busy:
                pane.provider_box.setEnabled(False)
                pane.model_edit.setEnabled(False)
            pane.vote_button.setEnabled(done and not busy and not c.has_voted and c.store is not None)
            pane.continue_button.setEnabled(done and not busy and c.store is not None)


def _target_title(target: PaneTarget) -> str:
    from app.core.leaderboard import target_title

    return target_title(target.provider, target.model)


def metrics_text(reply: Reply, *, hidden: bool = False) -> str:
    """`first token 120 ms · 85 tok/s · 42 out tokens · $0.0001 at list price · stop · via openai`."""
    out = reply.usage.output_tokens
    parts = []
    if reply.error is not None and not (reply.text or reply.reasoning or out):
        parts += ["no answer", "not billed"]  # as the ledger has it: a request that failed before any token
    else:
        parts.append(f"first token {_ms(reply.ttft_ms)}" if reply.ttft_ms is not None else "no token")
        speed = reply.tokens_per_second
        if speed is not None:
            parts.append(f"{speed:,.0f} tok/s")
        parts.append(f"{out:,} out tokens" if out is not None else "tokens not reported")
        parts.append(cost_text(reply.cost_usd, reply.cost_source))
    parts.append(status_word(reply) or (f"finished: {reply.finish_reason}" if reply.finish_reason else ""))
    if not hidden:
        tries = len(reply.attempts)
        parts.append(f"via {reply.provider}" + (f" after {tries} attempts" if tries > 1 else ""))
    return " · ".join(p for p in parts if p)


def _ms(value: float) -> str:
    return f"{value:.0f} ms" if value < 1000 else f"{value / 1000:.1f} s"


def open_compare_panel(parent: QWidget, services: Services, store: Store | None) -> ComparePanel:
    """The comparison panel as its own window over `parent` (providers loaded now, after first paint)."""
    panel = ComparePanel(services, store, parent)
    panel.setWindowFlag(Qt.WindowType.Window, True)
    panel.load_providers()
    panel.resize(1200, 760)
    panel.show()
    return panel
