"""The cost panel: what was spent today, this month and in all, where it went, budgets, and CSV export."""

from __future__ import annotations

import asyncio
import html
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Settings, save_settings
from app.core.spend_views import SOURCE_LABELS, SOURCE_ORDER, CostView, Split, ledger_csv, view_csv

from .budget_editor import BudgetEditor
from .charts import SOURCE_COLORS, Bar, BreakdownChart, DayChart, source_color
from .empty_states import NOTHING_SPENT
from .i18n import problem, say, translate, usd
from .loop import spawn
from .reconcile_view import ReconcileView
from .screen_fit import fit_to_screen
from .tree_rows import ListedRows, Row

if TYPE_CHECKING:
    from app.core.spending import Spending



REFRESH_AFTER_MS = 300  # a logged request's re-read waits this long: one read for the requests logged meanwhile


def _source_help(source: str) -> str:
    """What a cost source means, for the legend's tooltips."""
    return {
        "provider": translate("CostPanel", "the provider reported the cost itself"),
        "catalog": translate("CostPanel", "estimated from the price catalog and the token counts"),
        "override": translate("CostPanel", "priced with your own price override"),
        "free": translate("CostPanel", "a local model: costs nothing"),
        "unknown": translate("CostPanel", "no price known: counted, not added to the totals"),
    }.get(source, source)


def _requests(n: int) -> str:
    """"1 request", "5 requests" (English keeps its singular; other languages use their plural forms)."""
    return translate("CostPanel", "1 request") if n == 1 else translate("CostPanel", "{count} requests").format(count=n)


def _day(key: str) -> str:
    """A day of the chart ("2026-11-22") as the language writes a short day and month: "Nov 22", "22 nov"."""
    return QLocale().toString(QDate.fromString(key, Qt.DateFormat.ISODate), translate("CostPanel", "MMM d"))


def _figure(title: str, parent: QWidget) -> tuple[QFrame, QLabel]:
    frame = QFrame(parent)
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    box = QVBoxLayout(frame)
    caption = QLabel(title, frame)
    value = QLabel("—", frame)
    font = value.font()
    font.setPointSizeF(font.pointSizeF() * 2.2)
    font.setBold(True)
    value.setFont(font)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.addWidget(caption)
    box.addWidget(value)
    return frame, value


def _tree(headers: list[str], parent: QWidget) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setHeaderLabels(headers)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setMinimumHeight(120)
    tree.setMaximumHeight(220)
    return tree


def _top_item(row: Row) -> QTreeWidgetItem:
    """A conversation among those that cost the most: its title, cost, requests and cost source; its id kept."""
    *texts, conversation_id = row
    item = QTreeWidgetItem([str(text) for text in texts])
    item.setData(0, Qt.ItemDataRole.UserRole, conversation_id)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def _split_bar(split: Split, *, label: str | None = None, name: str = "") -> Bar:
    text = f"{usd(split.cost_usd)} · {say(split.source_label)}" if split.requests else ""
    tip = translate("CostPanel", "{name}: {cost} over {requests} ({source})").format(
        name=name or say(split.label), cost=usd(split.cost_usd), requests=_requests(split.requests),
        source=say(split.source_label))
    color = source_color(split.sources)
    return Bar(split.key, split.cost_usd, label if label is not None else text, tip, color, split.requests, name)


class CostPanel(QWidget):
    """Reads the spend ledger (the truth for spending) and shows it; `refresh()` re-reads it."""

    refreshed = Signal()

    def __init__(
        self,
        spending: Spending,
        settings: Settings,
        save: Callable[[Settings], object] = save_settings,
        parent: QWidget | None = None,
        *,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("CostPanel", "Costs — Parley"))
        self._spending = spending
        self._now = now
        self.names: Callable[[str], str] = lambda provider_id: provider_id  # ids as people read them
        close = QAction(self)  # Esc and Ctrl+W close the window, as any panel of the app
        close.setShortcuts([QKeySequence(Qt.Key.Key_Escape), QKeySequence("Ctrl+W")])
        close.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        close.triggered.connect(self.close)
        self.addAction(close)
        self.view: CostView | None = None
        self._refreshing: asyncio.Task[CostView] | None = None
        self._soon = QTimer(self)  # a logged request's re-read, once for all logged close together
        self._soon.setSingleShot(True)
        self._soon.setInterval(REFRESH_AFTER_MS)
        self._soon.timeout.connect(self._refresh_if_shown)
        self._times: tuple[str, dict[int, str]] = ("", {})  # unpriced rows' times as written: language, by id

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        page = QWidget(scroll)
        scroll.setWidget(page)
        layout = QVBoxLayout(page)

        bar = QHBoxLayout()
        self.status = QLabel(translate("CostPanel", "Reading the spend ledger…"), page)
        self.status.setWordWrap(True)
        bar.addWidget(self.status, 1)
        buttons = [(translate("CostPanel", "Refresh"), self.start_refresh),
                   (translate("CostPanel", "Export ledger…"), self.choose_ledger_file),
                   (translate("CostPanel", "Export this view…"), self.choose_view_file)]  # fmt: skip
        for text, slot in buttons:
            button = QPushButton(text, page)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)

        figures = QHBoxLayout()
        frames = [_figure(title, page) for title in (translate("CostPanel", "Today"),
                                                     translate("CostPanel", "This month"),
                                                     translate("CostPanel", "All time"))]
        self.today_label, self.month_label, self.total_label = (value for _, value in frames)
        for frame, _ in frames:
            figures.addWidget(frame)
        layout.addLayout(figures)

        self.legend = QLabel(page)
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.legend)

        days = QGroupBox(translate("CostPanel", "Spend by day (last 30 days)"), page)
        self.day_chart = DayChart(days)
        self.day_chart.setAccessibleName(translate("CostPanel", "Spend by day"))
        QVBoxLayout(days).addWidget(self.day_chart)
        layout.addWidget(days)

        splits = QGridLayout()
        self.provider_chart, self.model_chart = BreakdownChart(page), BreakdownChart(page)
        self.provider_chart.setAccessibleName(translate("CostPanel", "Spend by provider"))
        self.model_chart.setAccessibleName(translate("CostPanel", "Spend by model"))
        for col, (title, chart) in enumerate(((translate("CostPanel", "By provider"), self.provider_chart),
                                              (translate("CostPanel", "By model"), self.model_chart))):
            box = QGroupBox(title, page)
            column = QVBoxLayout(box)
            column.addWidget(chart)
            column.addStretch(1)  # keeps the chart at the top when the other column is taller
            splits.addWidget(box, 0, col)
        layout.addLayout(splits)

        lists = QGridLayout()
        top_box = QGroupBox(translate("CostPanel", "Top conversations by cost"), page)
        self.top_tree = _tree([translate("CostPanel", "Conversation"), translate("CostPanel", "Cost"),
                               translate("CostPanel", "Requests"), translate("CostPanel", "Source")], top_box)
        QVBoxLayout(top_box).addWidget(self.top_tree)
        self.unpriced_box = QGroupBox(translate("CostPanel", "Requests that could not be priced"), page)
        self.unpriced_tree = _tree([translate("CostPanel", "Time"), translate("CostPanel", "Provider"),
                                    translate("CostPanel", "Model"), translate("CostPanel", "Tokens in/out"),
                                    translate("CostPanel", "Error")], self.unpriced_box)
        QVBoxLayout(self.unpriced_box).addWidget(self.unpriced_tree)
        self._top_rows = ListedRows(self.top_tree, _top_item, measured=(1, 2, 3))
        header = self.top_tree.header()  # the title takes the room the figures leave (a long one is elided)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._unpriced_rows = ListedRows(self.unpriced_tree, lambda row: QTreeWidgetItem([str(t) for t in row]))
        lists.addWidget(top_box, 0, 0)
        lists.addWidget(self.unpriced_box, 0, 1)
        layout.addLayout(lists)

        self.reconcile = ReconcileView(spending, parent=page)
        layout.addWidget(self.reconcile)

        self.budgets = BudgetEditor(settings, save, page)
        layout.addWidget(self.budgets)
        layout.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Refresh, self, self.start_refresh)
        fit_to_screen(self, 980, 900)

    # Reading the ledger.

    def start_refresh(self) -> None:
        spawn(self.refresh())

    def refresh_soon(self) -> None:
        """Re-read the ledger REFRESH_AFTER_MS from now, if still shown: what was logged meanwhile (a comparison's
        other answers, a prompt and its answer) is read with it, once."""
        if not self._soon.isActive():
            self._soon.start()

    def _refresh_if_shown(self) -> None:
        if self.isVisible():
            self.start_refresh()

    async def refresh(self) -> CostView:
        """Re-read the ledger off the event loop and show it. Overlapping calls share one read."""
        if self._refreshing is None or self._refreshing.done():
            self._refreshing = asyncio.ensure_future(asyncio.to_thread(self._spending.view, self._now()))
        view = await asyncio.shield(self._refreshing)
        self.show_view(view)
        if self.isVisible():  # the ledger changed: beside the saved reports again (awaited: no task outlives it)
            await self.reconcile.load(refresh=False)
        return view

    def show_view(self, view: CostView) -> None:
        self.view = view
        self.today_label.setText(usd(view.today_usd))
        self.month_label.setText(usd(view.month_usd))
        self.total_label.setText(usd(view.total_usd))
        updated = f"{self._now():%H:%M:%S}"
        if view.unpriced_requests:
            logged = translate("CostPanel", "{requests} logged; {unpriced} could not be priced. Updated {time}.")
            logged = logged.format(requests=_requests(view.requests), unpriced=view.unpriced_requests, time=updated)
        else:
            logged = translate("CostPanel", "{requests} logged. Updated {time}.").format(
                requests=_requests(view.requests), time=updated)
        self.status.setText(logged if view.requests else translate("EmptyStates", NOTHING_SPENT))
        legend = self._legend_html(view)
        if legend != self.legend.text():
            self.legend.setText(legend)
        self.day_chart.set_bars([_split_bar(s, label=_day(s.key)) for s in view.by_day])
        self.provider_chart.set_bars([_split_bar(s, name=self.names(s.key)) for s in view.by_provider])
        self.model_chart.set_bars([_split_bar(s, name=self._model_name(s.key)) for s in view.by_model])
        self.reconcile.set_names(self.names)
        self._fill_top(view)
        self._fill_unpriced(view)
        self.budgets.set_spend(view.spend)
        self.refreshed.emit()

    def _model_name(self, key: str) -> str:
        """"provider:model" as people read it: "OpenAI · gpt-4o-mini"."""
        provider, _, model = key.partition(":")
        return f"{self.names(provider)} · {model}" if model else key

    def _legend_html(self, view: CostView) -> str:
        parts = []
        for source in SOURCE_ORDER:
            count = view.requests_by_source[source]
            figure = translate("CostPanel", "not priced") if source == "unknown" else usd(view.by_source[source])
            swatch = f'<span style="color:{SOURCE_COLORS[source]}">■</span>'
            parts.append(  # escaped: "<$0.0001" would otherwise be read as a tag and vanish
                f'<span title="{html.escape(_source_help(source))}">{swatch} '
                f"{html.escape(say(SOURCE_LABELS[source]))}: {html.escape(figure)} ({count})</span>"
            )
        return translate("CostPanel", "Cost sources:") + " " + " &nbsp; ".join(parts)

    def _fill_top(self, view: CostView) -> None:
        self._top_rows.show([(say(s.label), usd(s.cost_usd), str(s.requests), say(s.source_label), int(s.key))
                             for s in view.top_conversations])  # fmt: skip

    def _fill_unpriced(self, view: CostView) -> None:
        self.unpriced_box.setTitle(translate("CostPanel", "Requests that could not be priced ({count})").format(
            count=view.unpriced_requests))
        rows = []
        locale = QLocale()
        language, known = self._times
        times: dict[int, str] = {}  # written once per request (the list is mostly the same from one read to the next)
        names: dict[str, str] = {}
        for r in view.unpriced:
            tokens = f"{r.input_tokens if r.input_tokens is not None else '?'} / "
            tokens += str(r.output_tokens) if r.output_tokens is not None else "?"
            model = r.served_model or r.requested_model
            when = known.get(r.id) if language == locale.name() else None
            if when is None:
                when = locale.toString(QDateTime.fromSecsSinceEpoch(int(r.started_at.timestamp())),
                                       QLocale.FormatType.ShortFormat)
            times[r.id] = when
            name = names.get(r.provider)
            if name is None:
                name = names[r.provider] = self.names(r.provider)
            rows.append((when, name, model, tokens, r.error_kind or ""))
        self._times = locale.name(), times
        self._unpriced_rows.show(rows)

    # Export.

    def export_ledger(self, path: Path | str) -> int:
        """Write every logged request as CSV; returns the number of request rows written."""
        rows = self._spending.requests()
        Path(path).write_text(ledger_csv(rows), encoding="utf-8", newline="")
        return len(rows)

    def export_view(self, path: Path | str) -> None:
        """Write the figures on screen as CSV (read the ledger first if the panel has not yet)."""
        view = self.view or self._spending.view(self._now())
        Path(path).write_text(view_csv(view), encoding="utf-8", newline="")

    def choose_ledger_file(self) -> None:
        self._export_via_dialog(translate("CostPanel", "Export the spend ledger"), "parley-ledger.csv",
                                self.export_ledger)

    def choose_view_file(self) -> None:
        self._export_via_dialog(translate("CostPanel", "Export this view"), "parley-costs.csv", self.export_view)

    def _export_via_dialog(self, title: str, name: str, write: Callable[[Path], object]) -> None:
        path, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name),
                                              translate("CostPanel", "CSV files (*.csv)"))
        if not path:
            return
        try:
            write(Path(path))
        except OSError as exc:
            self.status.setText(translate("CostPanel", "Could not write {path}: {problem}").format(path=path,
                                                                                                   problem=problem(exc)))
            return
        self.status.setText(translate("CostPanel", "Saved {path}.").format(path=path))


def open_cost_panel(
    parent: QWidget,
    spending: Spending,
    settings_provider: Callable[[], Settings],
    save: Callable[[Settings], object] = save_settings,
) -> CostPanel:
    """Show the parent's cost panel window (created on first use), raise it and refresh its figures."""
    panel = parent.findChild(CostPanel, "costPanel")
    if panel is None:
        panel = CostPanel(spending, settings_provider(), save, parent)
        panel.setObjectName("costPanel")
        panel.setWindowFlag(Qt.WindowType.Window)
    panel.show()
    panel.raise_()
    panel.activateWindow()
    panel.start_refresh()
    return panel


def refresh_open_cost_panel(parent: QWidget) -> None:
    """Re-read the ledger soon if the parent's cost panel is showing (connect it to "a request was saved")."""
    panel = parent.findChild(CostPanel, "costPanel")
    if panel is not None and panel.isVisible():
        panel.refresh_soon()
