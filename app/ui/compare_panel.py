"""The comparison panel: one prompt, 2 to 8 panes streaming side by side, live metrics, blind votes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.runtime import Runtime

from .chat_controller import ProviderChoice, provider_choices
from .compare_controller import MAX_PANES, MIN_PANES, CompareController, PaneTarget
from .compare_pane import PaneWidget
from .flow_layout import FlowLayout
from .i18n import QT_TRANSLATE_NOOP, count, number, say, translate
from .loop import spawn
from .prompt_set_view import PromptSetView
from .screen_fit import fit_to_screen
from .style import SPACE, primary, set_icon
from .wording import cost_text, error_lines, status_word

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.resilience import Attempt
    from app.core.settings import Preset

COLUMNS = 4  # panes per row: 2-4 panes sit in one row, 5-8 in two
LIVE_METRICS_MS = 250  # how often a streaming pane's figures are brought up to date
BLANK_LINE = "\u00a0"  # what an unused status line shows: a line of its height, nothing to read


class ComparePanel(QWidget):
    """The whole comparison view. Slots only start the controller's coroutines."""

    continued = Signal(int)  # a conversation id: the main window opens it

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self.setWindowTitle(translate("ComparePanel", "Compare models"))
        self.controller = CompareController(runtime, self)
        self._choices: list[ProviderChoice] = []
        self._presets: list[Preset] = []
        self.panes: list[PaneWidget] = []
        self.blind_box = QCheckBox(translate("ComparePanel", "Blind (hide model names until you vote)"))
        self.add_button = QPushButton(translate("ComparePanel", "Add pane"))
        self.prompt_set_button = QPushButton(translate("ComparePanel", "Prompt set"))
        self.prompt_set_button.setCheckable(True)
        self.prompt_set_button.setToolTip(translate("ComparePanel", "Run many prompts against these panes' targets "
                                                                 "and see a grid of results"))
        self.sync_scroll_box = QCheckBox(translate("ComparePanel", "Scroll together"))
        self.rank_box = QCheckBox(translate("ComparePanel", "Rank them all"))
        self.rank_box.setToolTip(translate("ComparePanel", "Vote by ranking every answer: click the panes' buttons "
                                                        "from best to worst"))
        self._ranking: list[int] = []  # panes ranked so far, best first
        self.history_box = QCheckBox(translate("ComparePanel", "With the conversation so far"))
        self.history_box.setObjectName("compareWithHistory")
        self.history_box.setToolTip(translate("ComparePanel", "Send the open conversation's messages before the "
                                                              "prompt, and continue that conversation with the answer "
                                                              "you pick. Untick for a fresh prompt."))  # fmt: skip
        self.history_box.setVisible(False)
        # Its row keeps its height while hidden: switching between a new chat and a conversation in the main
        # window then moves nothing here (the panes resized by it laid their answers out again: ~12 ms a switch).
        keep = self.history_box.sizePolicy()
        keep.setRetainSizeWhenHidden(True)
        self.history_box.setSizePolicy(keep)
        self.conversation_id: int | None = None  # the conversation open in the main window, if any
        self._scrolling = False
        self.prompt_sets = PromptSetView(runtime, lambda: [p.target() for p in self.panes],
                                         check=self._params_problem)  # fmt: skip
        self.prompt_sets.setVisible(False)
        # The status and summary lines under the panes are never emptied, only blanked: an empty label has no
        # height, so every run that cleared one and wrote it again resized the panes twice (each time all four laid
        # out and the whole window painted again: ~15 ms, most of a comparison's worst stall).
        self.status = QLabel(BLANK_LINE)
        self.status.setObjectName("compareStatus")
        self.status.setWordWrap(True)
        self.summary = QLabel(BLANK_LINE)
        self.summary.setObjectName("compareSummary")
        self.summary.setWordWrap(True)
        self.leaderboard = QListWidget()
        self.leaderboard.setObjectName("leaderboard")
        self.prompt_edit = QPlainTextEdit()
        self.prompt_edit.setAccessibleName(translate("ComparePanel", "Prompt for every pane"))
        self.prompt_edit.setPlaceholderText(translate("ComparePanel", "One prompt for every pane. Ctrl+Enter sends."))
        self.prompt_edit.setMaximumHeight(90)
        self.send_button = QPushButton(translate("ComparePanel", "Send to all"))
        self.stop_all_button = QPushButton(translate("ComparePanel", "Stop all"))
        self._live = QTimer(self)
        self._live.setInterval(LIVE_METRICS_MS)
        self._live.timeout.connect(self._show_live_metrics)
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
        for button, name in ((self.add_button, "plus"), (self.prompt_set_button, "list"),
                             (self.send_button, "send"), (self.stop_all_button, "circle-stop")):  # fmt: skip
            set_icon(button, name)
        primary(self.send_button)
        bar = QHBoxLayout()
        bar.setSpacing(SPACE[2])
        bar.addWidget(self.add_button)
        bar.addWidget(self.prompt_set_button)
        bar.addStretch(1)
        options = QWidget()  # the check boxes wrap under each other when a longer language needs the width
        flow = FlowLayout(options, spacing=SPACE[2])
        for box in (self.blind_box, self.sync_scroll_box, self.rank_box):
            flow.addWidget(box)
        bar.addWidget(options, 1)
        board = QWidget()
        board_layout = QVBoxLayout(board)
        board_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(translate("ComparePanel", "Leaderboard (your votes)"))
        heading.setProperty("heading", True)
        heading.setWordWrap(True)  # the board is narrow: a longer language takes two lines
        board_layout.addWidget(heading)
        board_layout.addWidget(self.leaderboard)
        self.leaderboard.setWordWrap(True)
        self.leaderboard.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.leaderboard.setAccessibleName(translate("ComparePanel", "Leaderboard"))
        board.setMinimumWidth(180)
        board.setMaximumWidth(320)
        panes = _PaneArea()  # many panes on a narrow screen scroll sideways instead of widening the window
        panes.setObjectName("comparePanes")
        panes.setFrameShape(QFrame.Shape.NoFrame)
        panes.setWidgetResizable(True)
        panes.setWidget(self._grid_host)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(panes)
        split.addWidget(board)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        prompt_row = QHBoxLayout()
        prompt_row.addWidget(self.prompt_edit, 1)
        side = QVBoxLayout()
        side.addWidget(self.send_button)
        side.addWidget(self.stop_all_button)
        side.addStretch(1)
        prompt_row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE[3], SPACE[2], SPACE[3], SPACE[2])
        layout.setSpacing(SPACE[1])
        layout.addLayout(bar)
        rows = QSplitter(Qt.Orientation.Vertical)
        rows.addWidget(split)
        rows.addWidget(self.prompt_sets)
        rows.setStretchFactor(0, 1)
        rows.setStretchFactor(1, 2)
        layout.addWidget(rows, 1)
        layout.addWidget(self.summary)
        history_row = QHBoxLayout()
        history_row.addWidget(self.history_box)
        history_row.addStretch(1)
        layout.addLayout(history_row)
        layout.addLayout(prompt_row)
        layout.addWidget(self.status)
        close = QAction(self)  # Esc and Ctrl+W close the window, as any panel of the app
        close.setShortcuts([QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")])
        close.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        close.triggered.connect(self.close)
        self.addAction(close)

    def _connect(self) -> None:
        c = self.controller
        self.add_button.clicked.connect(lambda: self.add_pane())
        self.rank_box.toggled.connect(lambda _on: self._restart_ranking())
        self.prompt_set_button.toggled.connect(self.prompt_sets.setVisible)
        self.prompt_sets.busy_changed.connect(lambda _busy: self._sync())
        self.send_button.clicked.connect(self._send_clicked)
        self.stop_all_button.clicked.connect(c.stop_all)
        QShortcut(QKeySequence("Ctrl+Return"), self.prompt_edit, self._send_clicked)
        c.started.connect(self._on_started)
        c.pane_attempt.connect(self._on_attempt)
        c.pane_delta.connect(lambda i, text, reasoning: self.panes[i].view.append_answer(text, reasoning))
        c.pane_finished.connect(self._on_finished)
        c.failed.connect(lambda message, advice: self.status.setText(f"{say(message)} {say(advice)}".strip()))
        c.busy_changed.connect(lambda _busy: self._sync())
        c.busy_changed.connect(lambda busy: self._live.start() if busy else self._live.stop())
        c.voted.connect(self._on_voted)
        c.leaderboard_changed.connect(self._refresh_leaderboard)
        c.continued.connect(self._on_continued)

    def _name(self, provider_id: str) -> str:
        return self.controller.runtime.provider_name(provider_id)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.stop_all()  # closing the window stops the requests (their partial answers are kept)
        self.prompt_sets.stop()
        super().closeEvent(event)

    # -- the conversation so far -----------------------------------------------------------------
    def set_conversation(self, conversation_id: int | None) -> None:
        """The conversation open in the main window: the prompt can go out after its current branch, and
        "continue" then adds the chosen answer to it. None (a new chat): every prompt is a fresh one."""
        library = self.controller.runtime.library
        title, count = "", 0
        conversation = library.conversation(conversation_id) if conversation_id is not None else None
        if conversation is not None:
            title = conversation.title
            count = library.answered_turns(conversation.id)
        else:
            conversation_id = None
        changed = conversation_id != self.conversation_id
        self.conversation_id = conversation_id
        shown = conversation_id is not None and count > 0
        self.history_box.setVisible(shown)
        if shown:
            name = _short(title or translate("ComparePanel", "Untitled"))
            if count == 1:
                text = translate("ComparePanel", "With the conversation so far (\u201c{title}\u201d, 1 message)")
            else:
                text = translate("ComparePanel", "With the conversation so far (\u201c{title}\u201d, {count} messages)")
            self.history_box.setText(text.format(title=name, count=count))
            if changed:
                self.history_box.setChecked(True)
        else:
            self.history_box.setChecked(False)

    # -- panes -----------------------------------------------------------------------------------
    def load_providers(self, choices: list[ProviderChoice] | None = None) -> None:
        """The provider lists (the catalog by default: imports the adapters, so call it after first paint)."""
        self._choices = provider_choices() if choices is None else choices
        for pane in self.panes:
            self._fill_providers(pane)

    def load_presets(self, presets: list[Preset]) -> None:
        """The user's saved presets, offered in every pane (provider, model, parameters and fallbacks)."""
        self._presets = list(presets)
        for pane in self.panes:
            pane.set_presets(self._presets)

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
        pane.set_presets(self._presets)
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
        self._ranking = []
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
        self._ranking = []
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
        self.status.setText(BLANK_LINE)
        self.prompt_edit.setFocus()  # the Send button is disabled while it runs: keep focus off the panes
        problem = self._params_problem()
        if problem is not None:
            self.status.setText(say(problem))
            return None
        targets = [p.target() for p in self.panes]
        with_history = self.history_box.isVisibleTo(self) and self.history_box.isChecked()
        return await self.controller.send(targets, self.prompt_edit.toPlainText(), blind=self.blind_box.isChecked(),
                                          conversation_id=self.conversation_id if with_history else None)  # fmt: skip

    def _params_problem(self) -> str | None:
        for i, pane in enumerate(self.panes):
            problem = pane.params_problem()
            if problem is not None:
                return translate("ComparePanel", "Pane {number}: {problem}. Fix it, or clear the field for the "
                                                 "provider's default.").format(number=i + 1, problem=problem)
        return None

    def _on_started(self, targets: list[PaneTarget]) -> None:
        from app.core.leaderboard import pane_label

        blind = self.controller.blind
        self._ranking = []
        self.summary.setText(BLANK_LINE)
        self.status.setText(translate("ComparePanel", "Asking every pane…"))
        for i, (pane, target) in enumerate(zip(self.panes, targets, strict=True)):
            pane.set_target(target)  # a blind run placed the targets in shuffled panes
            pane.show_identity(_blind_title(i) if blind else pane_label(i), hide_target=blind)
            pane.view.clear_conversation()
            pane.view.begin_answer(_blind_title(i) if blind else _target_title(target, self._name))
            pane.metrics.setText(translate("ComparePanel", "waiting for the first token…"))
        self._sync()

    def _on_attempt(self, position: int, attempt: Attempt) -> None:
        if not self.controller.blind or self.controller.has_voted:
            if attempt.retries:
                text = translate("ComparePanel", "asking {provider} for {model} (retry {retries})…")
            else:
                text = translate("ComparePanel", "asking {provider} for {model}…")
            self.panes[position].metrics.setText(text.format(provider=self._name(attempt.provider), model=attempt.model,
                                                             retries=attempt.retries))

    def _show_live_metrics(self) -> None:
        """While a pane streams: its time to first token, and its length and speed so far."""
        c = self.controller
        hidden = c.blind and not c.has_voted
        for i, reply in enumerate(c.replies()):
            if i < len(self.panes) and c.pane_running(i) and reply.ttft_ms is not None:
                self.panes[i].metrics.setText(live_metrics_text(reply, hidden=hidden, name=self._name))

    def _retry(self, position: int) -> None:

        pane = self.panes[position]
        if self.controller.retry(position):
            pane.view.clear_conversation()
            title = _blind_title(position) if self.controller.blind else _target_title(pane.target(), self._name)
            pane.view.begin_answer(title)
            pane.metrics.setText(translate("ComparePanel", "waiting for the first token…"))
            self._sync()

    def _on_finished(self, position: int, reply: Reply) -> None:
        pane = self.panes[position]
        hidden = self.controller.blind and not self.controller.has_voted
        answered = reply.text or reply.reasoning or reply.error is None
        who = self._name(reply.provider)
        said = translate("ComparePanel", "answered by {provider}") if answered else translate("ComparePanel",
                                                                                              "asked {provider}")
        footer = "" if hidden else said.format(provider=who) + (f" · {reply.model}" if reply.model else "")
        error = error_lines(reply)
        if hidden and error is not None and reply.error is not None:  # the usual wording names the provider
            status = f" (HTTP {reply.error.status})" if reply.error.status else ""
            error = (f"{say(reply.error.message)}{status}", error[1])
        pane.view.end_answer(footer, error, text=reply.text, reasoning=reply.reasoning)
        pane.metrics.setText(metrics_text(reply, hidden=hidden, name=self._name))
        self._sync()
        if self.controller.finished:
            self._show_summary()

    def _show_summary(self) -> None:
        from app.core.leaderboard import ranking_text

        best = translate("ComparePanel", "Best first")
        self.summary.setText(f"<b>{best}</b> · " + say(ranking_text(self.controller.replies())))
        self.status.setText(translate("ComparePanel", "Done. Pick the best answer, or continue with one.")
                            if self.controller.saving else translate("ComparePanel", "Done."))  # fmt: skip

    # -- verdicts --------------------------------------------------------------------------------
    def _vote(self, position: int) -> None:
        if not self.rank_box.isChecked():
            problem = self.controller.vote(position)
        elif position in self._ranking:
            return
        else:
            self._ranking.append(position)
            self._sync()
            if len(self._ranking) < len(self.panes):
                self.status.setText(translate("ComparePanel", "Ranked {ranked} of {panes}: click the next best.")
                                    .format(ranked=len(self._ranking), panes=len(self.panes)))
                return
            problem = self.controller.rank(self._ranking)
        if problem:
            self.status.setText(say(problem))

    def _restart_ranking(self) -> None:
        self._ranking = []
        self._sync()

    def _on_voted(self, position: int) -> None:
        from app.core.leaderboard import pane_label

        replies = self.controller.replies()
        order = self.controller.ranking
        for i, (pane, reply) in enumerate(zip(self.panes, replies, strict=True)):
            mark = " ★" if i == position else (f" #{order.index(i) + 1}" if i in order else "")
            title = _target_title(self.controller.targets[i], self._name)
            pane.show_identity(f"{pane_label(i)}: {title}{mark}", hide_target=False)
            pane.metrics.setText(metrics_text(reply, hidden=False, name=self._name))
        if order:
            self.status.setText(translate("ComparePanel", "Ranking saved, best first: {panes}.").format(
                panes=", ".join(pane_label(i) for i in order)))
        else:
            self.status.setText(translate("ComparePanel", "Vote saved: {pane} was best.").format(
                pane=pane_label(position)))
        self._sync()

    def _on_continued(self, conversation_id: int) -> None:
        """The answer is in the conversation now: the next comparison may follow on from it."""
        checked = self.history_box.isChecked()
        self.set_conversation(conversation_id)
        self.history_box.setChecked(checked and self.history_box.isVisibleTo(self))
        self._sync()  # its answers are in a conversation now: no retrying them
        self.status.setText(translate("ComparePanel", "Continued: the answer you picked is now the conversation's "
                                                      "reply; the others are kept as its alternatives."))  # fmt: skip
        self.continued.emit(conversation_id)

    def _refresh_leaderboard(self) -> None:
        self.leaderboard.clear()
        rows = self.controller.leaderboard()
        for row in rows or []:
            self.leaderboard.addItem(say(row.text))
        if not rows:
            self.leaderboard.addItem(translate("ComparePanel", "No votes yet.") if rows is not None
                                     else translate("ComparePanel", "Votes are not being saved."))

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
        self.history_box.setEnabled(not busy)
        done = c.finished
        for i, pane in enumerate(self.panes):
            running = c.pane_running(i) and c.comparison is not None and i < len(c.comparison.panes)
            pane.set_running(running, finished=done or (c.comparison is not None and not running),
                             voted=c.has_voted or c.continued_into is not None)  # fmt: skip
            pane.remove_button.setEnabled(not locked and len(self.panes) > MIN_PANES)
            if self.prompt_sets.busy:
                pane.set_editable(False)
            ranked = i in self._ranking and not c.has_voted
            ranking = self.rank_box.isChecked()
            pane.vote_button.setText(f"#{self._ranking.index(i) + 1}" if ranked else
                                     translate("ComparePanel", "Rank #{place}").format(place=len(self._ranking) + 1)
                                     if ranking else translate("ComparePanel", "Best"))  # fmt: skip
            pane.vote_button.setEnabled(done and not busy and not c.has_voted and c.saving and not ranked)
            pane.continue_button.setEnabled(done and not busy and c.saving)


class _PaneArea(QScrollArea):
    """The panes' scroll area asks for the room the panes want, so the splitter gives it that first."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        return inner.sizeHint() if inner is not None else super().sizeHint()


def _target_title(target: PaneTarget, name: Callable[[str], str] = lambda pid: pid) -> str:
    from app.core.leaderboard import target_title

    return say(target_title(target.provider, target.model, name(target.provider))) + params_text(target)


def _blind_title(position: int) -> str:
    """"Model A": a pane's heading while the run is blind."""
    from app.core.leaderboard import pane_label

    return translate("ComparePanel", "Model {pane}").format(pane=pane_label(position))


def params_text(target: PaneTarget) -> str:
    """` (temperature 0.2, max 300 tokens)`: a pane's own parameters, for its heading ('' for the defaults)."""
    from app.core.chat_params import describe_params

    parts = describe_params(temperature=target.temperature, max_tokens=target.max_tokens,
                            reasoning_effort=target.reasoning_effort, json_mode=target.json_mode)  # fmt: skip
    return f" ({', '.join(map(say, parts))})" if parts else ""


def _short(text: str, limit: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


# How an answer ended (core's normalised reasons), as the footer shows them; the word itself in English.
FINISH_REASONS = frozenset({
    QT_TRANSLATE_NOOP("FinishReason", "stop"), QT_TRANSLATE_NOOP("FinishReason", "length"),
    QT_TRANSLATE_NOOP("FinishReason", "tool_calls"), QT_TRANSLATE_NOOP("FinishReason", "content_filter"),
})  # fmt: skip


def metrics_text(reply: Reply, *, hidden: bool = False, name: Callable[[str], str] = lambda pid: pid) -> str:
    """`first token 120 ms · 85 tok/s · 42 out tokens · $0.0001 at list price · stop · via OpenAI`."""
    out = reply.usage.output_tokens
    parts = []
    if reply.error is not None and not (reply.text or reply.reasoning or out):
        # as the ledger has it: a request that failed before any token
        parts += [translate("ComparePanel", "no answer"), translate("ComparePanel", "not billed")]
    else:
        parts.append(_first_token(reply.ttft_ms) if reply.ttft_ms is not None else translate("ComparePanel",
                                                                                              "no token"))
        speed = reply.tokens_per_second
        if speed is not None:
            parts.append(translate("ComparePanel", "{speed} tok/s").format(speed=number(speed)))
        parts.append(translate("ComparePanel", "{count} out tokens").format(count=count(out)) if out is not None
                     else translate("ComparePanel", "tokens not reported"))  # fmt: skip
        parts.append(cost_text(reply.cost_usd, reply.cost_source))
    reason = translate("FinishReason", reply.finish_reason) if reply.finish_reason in FINISH_REASONS else (
        reply.finish_reason)  # fmt: skip
    finished = translate("ComparePanel", "finished: {reason}").format(reason=reason)
    parts.append(status_word(reply) or (finished if reply.finish_reason else ""))
    if not hidden:
        parts.append(_answered_by(reply, name))
    return " · ".join(p for p in parts if p)


def live_metrics_text(reply: Reply, *, hidden: bool = False, now: float | None = None,
                      name: Callable[[str], str] = lambda pid: pid) -> str:  # fmt: skip
    """`first token 120 ms · ~85 tokens so far · ~40 tok/s · streaming · via OpenAI`. The provider reports
    its token count only at the end: until then the count is estimated from the text (about 4 characters
    a token) and marked `~`."""
    import time

    parts = [_first_token(reply.ttft_ms) if reply.ttft_ms is not None
             else translate("ComparePanel", "waiting for the first token")]  # fmt: skip
    chars = len(reply.text) + len(reply.reasoning)
    if reply.ttft_ms is not None and chars:
        tokens = max(1, round(chars / 4))
        parts.append(translate("ComparePanel", "~{count} tokens so far").format(count=count(tokens)))
        streaming_s = ((now if now is not None else time.time()) - reply.started_at) - reply.ttft_ms / 1000.0
        if streaming_s >= 0.5:  # a shorter span gives wild figures
            parts.append(translate("ComparePanel", "~{speed} tok/s").format(speed=number(tokens / streaming_s)))
    parts.append(translate("ComparePanel", "streaming"))
    if not hidden:
        parts.append(translate("ComparePanel", "via {provider}").format(provider=name(reply.provider)))
    return " · ".join(parts)


def _answered_by(reply: Reply, name: Callable[[str], str]) -> str:
    """`via Groq` or, after a fallback, `via Groq (OpenAI · gpt-4o failed first)`; retries of one target counted."""
    tried = [(a.provider, a.model) for a in reply.attempts]
    first = (reply.provider, reply.requested_model)
    others = [f"{name(p)} · {m}" for p, m in dict.fromkeys(tried) if (p, m) != first]
    provider = name(reply.provider)
    if others:
        return translate("ComparePanel", "via {provider} ({others} failed first)").format(
            provider=provider, others=", ".join(others))
    if len(tried) > 1:
        return translate("ComparePanel", "via {provider} after {attempts} attempts").format(
            provider=provider, attempts=len(tried))
    return translate("ComparePanel", "via {provider}").format(provider=provider)


def _first_token(ms: float) -> str:
    return translate("ComparePanel", "first token {time}").format(time=_ms(ms))


def _ms(value: float) -> str:
    if value < 1000:
        return translate("ComparePanel", "{ms} ms").format(ms=number(value))
    return translate("ComparePanel", "{s} s").format(s=number(value / 1000, 1))


def open_compare_panel(parent: QWidget, runtime: Runtime) -> ComparePanel:
    """The comparison panel as its own window over `parent` (providers loaded now, after first paint)."""
    from .chat_controller import chat_choices

    panel = ComparePanel(runtime, parent)
    panel.setWindowFlag(Qt.WindowType.Window, True)
    panel.load_providers(chat_choices(runtime.settings()))  # enabled providers and custom endpoints, by name
    panel.load_presets(runtime.services().settings.presets)
    fit_to_screen(panel, 1600, 900)  # four panes side by side want a wide window
    panel.show()
    return panel
