"""What one answer cost, model call by model call: a turn with tools is several billed requests (the ledger's rows
for the answer, `Spending.turn_steps`), each with its tokens, cost and time, and their sum."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from app.core.pricing import format_usd

from .loop import spawn

if TYPE_CHECKING:
    from app.core.runtime import Runtime
    from app.store import RequestRow

HEADERS = ["Step", "Provider · model", "Tokens in / out", "Cost", "Time", "Ended"]


def _tokens(row: RequestRow) -> str:
    def n(value: int | None) -> str:
        return "?" if value is None else f"{value:,}"

    cached = f" ({row.cache_read_tokens:,} cached)" if row.cache_read_tokens else ""
    return f"{n(row.input_tokens)}{cached} / {n(row.output_tokens)}"


def _cost(row: RequestRow) -> str:
    if row.cost_usd is None:
        return "unknown"
    return f"{format_usd(row.cost_usd)} ({row.cost_source})"


def _ms(ms: float) -> str:
    return f"{ms:.0f} ms" if ms < 1000 else f"{ms / 1000:.1f} s"


def _time(row: RequestRow) -> str:
    if row.duration_ms is None:
        return ""
    first = f", first token {_ms(row.ttft_ms)}" if row.ttft_ms is not None else ""
    return f"{_ms(row.duration_ms)}{first}"


def step_rows(rows: Sequence[RequestRow], name: Callable[[str], str] = str) -> list[list[str]]:
    """Each ledger row as the table shows it (a failed attempt that fell back is marked so), then the total."""
    out: list[list[str]] = []
    for row in rows:
        model = row.served_model or row.requested_model
        step = str(row.step) if row.step is not None else "1"
        if row.fallback_of is not None:
            step += " (fallback)"
        ended = row.error_kind or row.finish_reason or ""
        out.append([step, f"{name(row.provider)} · {model}", _tokens(row), _cost(row), _time(row), ended])
    if len(rows) > 1:
        known = [r.cost_usd for r in rows if r.cost_usd is not None]
        unknown = len(rows) - len(known)
        total = format_usd(sum(known)) + (f" (+{unknown} unpriced)" if unknown else "")
        tokens_in = sum(r.input_tokens or 0 for r in rows)
        tokens_out = sum(r.output_tokens or 0 for r in rows)
        out.append(["Total", f"{len(rows)} requests", f"{tokens_in:,} / {tokens_out:,}", total, "", ""])
    return out


class TurnSteps(QDialog):
    """The steps of one answer; `load()` reads them from the ledger (off the event loop)."""

    def __init__(self, runtime: Runtime, message_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("turnSteps")
        self.setWindowTitle("Steps and costs — Parley")
        self.runtime, self.message_id = runtime, message_id
        self.note = QLabel("Reading the spend ledger…")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("turnStepsTable")
        self.tree.setAccessibleName("Model calls of this answer")
        self.tree.setHeaderLabels(HEADERS)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        close = QPushButton("Close")
        close.setToolTip("Close this window (Esc)")
        close.clicked.connect(self.close)
        shortcut = QAction(self)
        shortcut.setShortcut(QKeySequence("Ctrl+W"))
        shortcut.triggered.connect(self.close)
        self.addAction(shortcut)
        column = QVBoxLayout(self)
        column.addWidget(self.note)
        column.addWidget(self.tree, 1)
        column.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(820, 320)

    async def load(self) -> list[RequestRow]:
        rows = await asyncio.to_thread(self.runtime.spending.turn_steps, self.message_id)
        self.show_rows(rows)
        return rows

    def show_rows(self, rows: Sequence[RequestRow]) -> None:
        self.tree.clear()
        for values in step_rows(rows, self.runtime.provider_name):
            item = QTreeWidgetItem(values)
            if values[0] == "Total":
                font = item.font(0)
                font.setBold(True)
                for column in range(len(values)):
                    item.setFont(column, font)
            self.tree.addTopLevelItem(item)
        for column in range(len(HEADERS)):
            self.tree.resizeColumnToContents(column)
        steps = len({r.step for r in rows})
        self.note.setText(
            f"This answer took {steps} model call{'s' if steps != 1 else ''} ({len(rows)} request"
            f"{'s' if len(rows) != 1 else ''} in the ledger). A turn with tools sends the conversation and the "
            "tools' schemas again with each call, so each one is billed." if rows
            else "No ledger rows for this answer (it was not saved, or nothing was sent).")  # fmt: skip


def open_turn_steps(parent: QWidget, runtime: Runtime, message_id: int) -> TurnSteps:
    """Show the steps of an answer in a window of its own (one at a time, reused)."""
    dialog = parent.findChild(TurnSteps, "turnSteps")
    if not isinstance(dialog, TurnSteps):
        dialog = TurnSteps(runtime, message_id, parent)
    dialog.message_id = message_id
    dialog.show()
    dialog.raise_()
    spawn(dialog.load())
    return dialog
