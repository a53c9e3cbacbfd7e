"""What one answer cost, model call by model call: a turn with tools is several billed requests (the ledger's rows
for the answer, `Spending.turn_steps`), each with its tokens, cost and time, and their sum."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from .i18n import QT_TRANSLATE_NOOP, count, translate
from .loop import spawn
from .wording import cost_text, duration_text, total_amount

if TYPE_CHECKING:
    from app.core.runtime import Runtime
    from app.store import RequestRow

HEADERS = [QT_TRANSLATE_NOOP("TurnSteps", "Step"), QT_TRANSLATE_NOOP("TurnSteps", "Provider · model"),
           QT_TRANSLATE_NOOP("TurnSteps", "Tokens in / out"), QT_TRANSLATE_NOOP("TurnSteps", "Cost"),
           QT_TRANSLATE_NOOP("TurnSteps", "Time"), QT_TRANSLATE_NOOP("TurnSteps", "Ended")]  # translated where shown


def _tokens(row: RequestRow) -> str:
    def n(value: int | None) -> str:
        return "?" if value is None else count(value)

    if row.cache_read_tokens:
        sent = translate("TurnSteps", "{tokens} ({cached} cached)").format(tokens=n(row.input_tokens),
                                                                           cached=count(row.cache_read_tokens))
    else:
        sent = n(row.input_tokens)
    return f"{sent} / {n(row.output_tokens)}"


def _cost(row: RequestRow) -> str:
    if row.cost_usd is None:
        return translate("TurnSteps", "unknown")
    return cost_text(row.cost_usd, row.cost_source)


def _time(row: RequestRow) -> str:
    if row.duration_ms is None:
        return ""
    if row.ttft_ms is None:
        return duration_text(row.duration_ms)
    return translate("TurnSteps", "{time}, first token {first}").format(time=duration_text(row.duration_ms),
                                                                        first=duration_text(row.ttft_ms))


def _ended(reason: str) -> str:
    """How a model call ended, as the provider or the ledger put it (the common reasons in the window's language)."""
    reasons = {"stop": translate("TurnSteps", "stop"), "length": translate("TurnSteps", "length"),
               "tool_calls": translate("TurnSteps", "tool_calls"), "cancelled": translate("TurnSteps", "cancelled"),
               "content_filter": translate("TurnSteps", "content_filter")}  # fmt: skip
    return reasons.get(reason, reason)


def step_rows(rows: Sequence[RequestRow], name: Callable[[str], str] = str) -> list[list[str]]:
    """Each ledger row as the table shows it (a failed attempt that fell back is marked so), then the total."""
    out: list[list[str]] = []
    for row in rows:
        model = row.served_model or row.requested_model
        step = str(row.step) if row.step is not None else "1"
        if row.fallback_of is not None:
            step = translate("TurnSteps", "{step} (fallback)").format(step=step)
        ended = _ended(row.error_kind or row.finish_reason or "")
        out.append([step, f"{name(row.provider)} · {model}", _tokens(row), _cost(row), _time(row), ended])
    if len(rows) > 1:
        known = [r.cost_usd for r in rows if r.cost_usd is not None]
        total = total_amount((sum(known), len(rows) - len(known)))
        tokens_in = sum(r.input_tokens or 0 for r in rows)
        tokens_out = sum(r.output_tokens or 0 for r in rows)
        requests = translate("TurnSteps", "{count} requests").format(count=count(len(rows)))
        out.append([translate("TurnSteps", "Total"), requests,
                    f"{count(tokens_in)} / {count(tokens_out)}", total, "", ""])
    return out


class TurnSteps(QDialog):
    """The steps of one answer; `load()` reads them from the ledger (off the event loop)."""

    def __init__(self, runtime: Runtime, message_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("turnSteps")
        self.setWindowTitle(translate("TurnSteps", "Steps and costs — Parley"))
        self.runtime, self.message_id = runtime, message_id
        self.note = QLabel(translate("TurnSteps", "Reading the spend ledger…"))
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.tree = QTreeWidget()
        self.tree.setObjectName("turnStepsTable")
        self.tree.setAccessibleName(translate("TurnSteps", "Model calls of this answer"))
        self.tree.setHeaderLabels([translate("TurnSteps", header) for header in HEADERS])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        close = QPushButton(translate("TurnSteps", "Close"))
        close.setToolTip(translate("TurnSteps", "Close this window (Esc)"))
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
        shown = step_rows(rows, self.runtime.provider_name)
        for i, values in enumerate(shown):
            item = QTreeWidgetItem(values)
            if len(rows) > 1 and i == len(shown) - 1:  # the total
                font = item.font(0)
                font.setBold(True)
                for column in range(len(values)):
                    item.setFont(column, font)
            self.tree.addTopLevelItem(item)
        for column in range(len(HEADERS)):
            self.tree.resizeColumnToContents(column)
        steps = len({r.step for r in rows})
        if not rows:
            self.note.setText(translate("TurnSteps", "No ledger rows for this answer (it was not saved, or nothing was "
                                        "sent)."))
            return
        if steps == 1:  # singular and plural apart, so that English reads right; each has all of a language's forms
            calls = translate("TurnSteps", "This answer took {count} model call").format(count=count(steps))
        else:
            calls = translate("TurnSteps", "This answer took {count} model calls").format(count=count(steps))
        billed = len(rows)
        if billed == 1:
            requests = translate("TurnSteps", "({count} request in the ledger).").format(count=count(billed))
        else:
            requests = translate("TurnSteps", "({count} requests in the ledger).").format(count=count(billed))
        why = translate("TurnSteps", "A turn with tools sends the conversation and the tools' schemas again with each "
                        "call, so each one is billed.")
        self.note.setText(f"{calls} {requests} {why}")


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
