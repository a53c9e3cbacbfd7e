"""Prompt-set mode of the comparison panel: many prompts against the panes' targets, a grid of results.

The running and the grid model are Qt-free (app.core.prompt_sets); this is only the widgets and their glue.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.runtime import Runtime

from .i18n import problem, say, translate
from .loop import spawn

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.comparison import PaneTarget
    from app.core.prompt_sets import PromptGrid, PromptSetRun
    from app.store import ComparisonRun


class PromptSetView(QWidget):
    """Prompts (typed, pasted or loaded) x the panes' targets. `run`, `stop`, `export_*` are what tests drive."""

    busy_changed = Signal(bool)
    cell_done = Signal(int, int)  # row (prompt), column (target)

    def __init__(self, runtime: Runtime, targets: Callable[[], list[PaneTarget]],
                 parent: QWidget | None = None, *, check: Callable[[], str | None] = lambda: None) -> None:  # fmt: skip
        """`targets`: the panes' targets when a run starts; `check`: why they cannot be sent (None: fine)."""
        super().__init__(parent)
        self.setObjectName("promptSetView")
        from app.core.prompt_sets import PromptSetSession

        self._targets, self._check = targets, check
        self.session = PromptSetSession(runtime, self._on_cell)
        self.grid: PromptGrid | None = None
        self._run: PromptSetRun | None = None
        self._task: asyncio.Task[PromptGrid | None] | None = None
        self.prompts_edit = QPlainTextEdit()
        self.prompts_edit.setPlaceholderText(translate("PromptSetView", "Prompts: one per line, or blocks separated "
                                                                        "by a blank line."))
        self.prompts_edit.setMaximumHeight(110)
        self.load_button = QPushButton(translate("PromptSetView", "Load file…"))
        self.run_button = QPushButton(translate("PromptSetView", "Run prompt set"))
        self.stop_button = QPushButton(translate("PromptSetView", "Stop"))
        self.csv_button = QPushButton(translate("PromptSetView", "Export CSV…"))
        self.markdown_button = QPushButton(translate("PromptSetView", "Export Markdown…"))
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("promptSetGrid")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setObjectName("promptSetStatus")
        self.status.setWordWrap(True)
        side = QVBoxLayout()
        for b in (self.load_button, self.run_button, self.stop_button):
            side.addWidget(b)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.prompts_edit, 1)
        top.addLayout(side)
        exports = QHBoxLayout()
        exports.addWidget(self.status, 1)
        exports.addWidget(self.csv_button)
        exports.addWidget(self.markdown_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(exports)
        self.load_button.clicked.connect(self._load_clicked)
        self.run_button.clicked.connect(lambda: spawn(self.run()))
        self.stop_button.clicked.connect(self.stop)
        self.csv_button.clicked.connect(lambda: self._export_clicked(translate("PromptSetView", "CSV (*.csv)"), ".csv",
                                                                        self.export_csv))
        self.markdown_button.clicked.connect(
            lambda: self._export_clicked(translate("PromptSetView", "Markdown (*.md)"), ".md",
                                         self.export_markdown))  # fmt: skip
        self._sync()

    @property
    def runs(self) -> list[ComparisonRun]:
        """The stored comparison runs of the last prompt set, one per prompt."""
        return self.session.runs

    @property
    def prompt_set_key(self) -> str | None:
        return self.session.prompt_set_key

    @property
    def busy(self) -> bool:
        return self._task is not None

    def _sync(self) -> None:
        busy = self.busy
        self.run_button.setEnabled(not busy)
        self.load_button.setEnabled(not busy)
        self.stop_button.setEnabled(busy)
        has_cells = self.grid is not None and bool(self.grid.cells)
        self.csv_button.setEnabled(has_cells and not busy)
        self.markdown_button.setEnabled(has_cells and not busy)

    # -- prompts ---------------------------------------------------------------------------------
    def load_file(self, path: Path) -> None:
        try:
            self.prompts_edit.setPlainText(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            self.status.setText(translate("PromptSetView", "Could not read {name}: {problem}").format(
                name=path.name, problem=problem(exc)))
            return
        from app.core.prompt_sets import parse_prompts

        self.status.setText(translate("PromptSetView", "Loaded {count} prompts from {name}.").format(
            count=len(parse_prompts(self.prompts_edit.toPlainText())), name=path.name))

    def _load_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, translate("PromptSetView", "Load prompts"), "",
                                              translate("PromptSetView", "Text files (*.txt *.md);;All files (*)"))
        if name:
            self.load_file(Path(name))

    # -- running ---------------------------------------------------------------------------------
    async def run(self) -> PromptGrid | None:
        """Every prompt against every target; returns the grid once all cells ended, None when nothing ran."""
        if self.busy:
            return None
        task = asyncio.ensure_future(self._execute())
        self._task = task
        self._sync()
        self.busy_changed.emit(True)
        try:
            return await task
        finally:
            self._task, self._run = None, None
            self._sync()
            self.busy_changed.emit(False)

    async def _execute(self) -> PromptGrid | None:
        from app.core.prompt_sets import PromptSetRun, parse_prompts

        prompts = parse_prompts(self.prompts_edit.toPlainText())
        targets = self._targets()
        if not prompts:
            self.status.setText(translate("PromptSetView", "Type or load some prompts first."))
            return None
        if any(not t.provider or not t.model.strip() for t in targets):
            self.status.setText(translate("PromptSetView", "Choose a provider and type a model in every pane."))
            return None
        refused = self._check()
        if refused is not None:
            self.status.setText(say(refused))
            return None
        run = await self.session.start(prompts, targets)
        if not isinstance(run, PromptSetRun):
            self.status.setText(f"{say(run.message)} {say(run.advice)}")
            return None
        self._run = run
        grid = self.grid = run.grid
        self._reset_table(grid)
        self.status.setText(translate("PromptSetView", "Running {prompts} × {targets} (at most {limit} at once per "
                                                       "provider)…").format(prompts=len(prompts), targets=len(targets),
                                                                             limit=run.limit))
        try:
            await run.execute()
        finally:
            done = sum(1 for cell in grid.cells.values() if cell.status == "complete")
            total = len(prompts) * len(targets)
            if run.stopped or not grid.complete:
                said = translate("PromptSetView", "Stopped: {done} of {total} cells answered in full.")
            else:
                said = translate("PromptSetView", "Done: {done} of {total} cells answered in full.")
            self.status.setText(said.format(done=done, total=total))
        return grid

    def stop(self) -> None:
        if self._run is not None:
            self._run.stop()
        elif self._task is not None:
            self._task.cancel()

    def _reset_table(self, grid: PromptGrid) -> None:
        self.table.clear()
        self.table.setRowCount(len(grid.prompts))
        self.table.setColumnCount(len(grid.targets))
        self.table.setHorizontalHeaderLabels(grid.targets)
        self.table.setVerticalHeaderLabels([_short(p) for p in grid.prompts])
        for r, prompt in enumerate(grid.prompts):
            self.table.verticalHeaderItem(r).setToolTip(prompt)
            for c in range(len(grid.targets)):
                item = QTableWidgetItem("…")
                item.setTextAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
                self.table.setItem(r, c, item)

    def _on_cell(self, row: int, col: int, reply: Reply) -> None:
        cell = self.grid.cell(row, col) if self.grid is not None else None
        item = self.table.item(row, col)
        if cell is not None and item is not None:
            item.setText(f"{say(cell.excerpt)}\n{say(cell.latency)}{' · ' + say(cell.cost) if cell.cost else ''}")
            item.setToolTip(reply.text or cell.excerpt)
            self.table.resizeRowToContents(row)
        self.cell_done.emit(row, col)

    # -- exports ---------------------------------------------------------------------------------
    def export_csv(self, path: Path) -> None:
        if self.grid is not None:
            path.write_text(self.grid.to_csv(), "utf-8")

    def export_markdown(self, path: Path) -> None:
        if self.grid is not None:
            path.write_text(self.grid.to_markdown(), "utf-8")

    def _export_clicked(self, kind: str, suffix: str, write: Callable[[Path], None]) -> None:
        name, _ = QFileDialog.getSaveFileName(self, translate("PromptSetView", "Export prompt set"),
                                              f"prompt-set{suffix}", kind)
        if not name:
            return
        path = Path(name) if name.endswith(suffix) else Path(name + suffix)
        try:
            write(path)
        except OSError as exc:
            self.status.setText(translate("PromptSetView", "Could not write {name}: {problem}").format(
                name=path.name, problem=problem(exc)))
            return
        self.status.setText(translate("PromptSetView", "Exported to {path}.").format(path=path))


def _short(prompt: str, limit: int = 40) -> str:
    from app.core.prompt_sets import excerpt

    return excerpt(prompt, limit)
