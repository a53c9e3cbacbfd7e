"""The model picker: every offered provider's models with prices and context sizes, searchable and refreshable."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.model_lists import (
    ModelEntry,
    ProviderGroup,
    aload_groups,
    error_lines,
    fetch_models,
    load_groups,
    refreshed_group,
)
from app.providers import ProviderError

from .i18n import QT_TRANSLATE_NOOP, count, money, number, say, translate
from .loop import spawn
from .screen_fit import fit_to_screen
from .style import set_icon

if TYPE_CHECKING:
    from app.core.runtime import Runtime

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # HEADER, MODEL or NOTICE
PROVIDER_ROLE = Qt.ItemDataRole.UserRole + 2
MODEL_ROLE = Qt.ItemDataRole.UserRole + 3
HEADER, MODEL, NOTICE = "header", "model", "notice"
COLUMNS = (QT_TRANSLATE_NOOP("ModelPicker", "Model"), QT_TRANSLATE_NOOP("ModelPicker", "Input $/M"),
           QT_TRANSLATE_NOOP("ModelPicker", "Output $/M"), QT_TRANSLATE_NOOP("ModelPicker", "Context"), "")
UNKNOWN = "—"
REFRESH_COLUMN = 4
AGE_UPDATE_MS = 30_000  # "fetched 5 min ago" is rewritten this often while the picker is open
SPIN_MS = 120  # one step of the "Fetching models…" spinner
SPINNER = "◐◓◑◒"
FETCHING = QT_TRANSLATE_NOOP("ModelPicker", "Fetching models…")  # in English: shown through _fetching()
NUMBERS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ModelIndex = QModelIndex | QPersistentModelIndex



# What the picker shows of a model list, in the window's language (app.core.model_lists has the English the
# command line prints).
def format_per_million(usd: float | None, source: str) -> str:
    """A price column's text: "$0.15", "$2.00 (override)", "free", "—"."""
    if source == "free":
        return translate("ModelPicker", "free")
    if usd is None:
        return UNKNOWN
    text = money(usd, 2) if usd == 0 or usd >= 0.1 else money(usd, _decimals(usd))
    return translate("ModelPicker", "{price} (override)").format(price=text) if source == "override" else text


def _decimals(usd: float) -> int:
    """The decimals three significant digits of a small price need ($0.075, $0.00123)."""
    shown = f"{usd:.3g}"
    return len(shown.partition(".")[2]) if "e" not in shown else 8


def format_context(tokens: int | None) -> str:
    """128000 -> "128k", 1048576 -> "1.05M", 8192 -> "8.2k"; unknown -> "—"."""
    if not tokens:
        return UNKNOWN
    if tokens >= 1_000_000:
        return translate("ModelPicker", "{millions}M").format(millions=_significant(tokens / 1_000_000))
    if tokens >= 1000:
        thousands = _significant(tokens / 1000) if tokens < 10_000 else number(tokens / 1000)
        return translate("ModelPicker", "{thousands}k").format(thousands=thousands)
    return count(tokens)


def _significant(value: float) -> str:
    """Three significant digits, as the language writes them (1.05, 8.19)."""
    return QLocale().toString(float(f"{value:.3g}"), "g", 3)


def price_tip(source: str) -> str:
    tips = {
        "catalog": translate("ModelPicker", "List price from the genai-prices catalog, USD per million tokens"),
        "override": translate("ModelPicker", "Your price override from settings, USD per million tokens"),
        "free": translate("ModelPicker", "Runs locally: free (add a price override to count it)"),
        "unknown": translate("ModelPicker", "No price is known for this model; add a price override in settings to "
                             "count its cost"),
    }  # fmt: skip
    return tips.get(source, "")


def fetched_text(fetched_at: datetime | None, now: datetime | None = None) -> str:
    """"never fetched", "fetched just now", "fetched 5 min ago", "fetched 3 h ago", "fetched 2 days ago"."""
    if fetched_at is None:
        return translate("ModelPicker", "never fetched")
    seconds = ((now or datetime.now(timezone.utc)) - fetched_at).total_seconds()
    if seconds < 60:
        return translate("ModelPicker", "fetched just now")
    if seconds < 3600:
        return translate("ModelPicker", "fetched {minutes} min ago").format(minutes=count(int(seconds // 60)))
    if seconds < 86400:
        return translate("ModelPicker", "fetched {hours} h ago").format(hours=count(int(seconds // 3600)))
    days = int(seconds // 86400)
    if days == 1:
        return translate("ModelPicker", "fetched {count} day ago").format(count=count(days))
    return translate("ModelPicker", "fetched {count} days ago").format(count=count(days))

@dataclass
class _Group:
    """One provider's rows as shown: its data, whether a refresh is running, its last error."""

    data: ProviderGroup
    busy: bool = False
    error: tuple[str, ...] = ()  # what happened, what to do
    not_running: bool = False  # a server on this machine refused the connection: one quiet line, not a warning
    hays: list[str] = field(default_factory=list)  # each model row's search text
    notices: int = 0  # rows above the models (errors, "not fetched yet")

    @property
    def name_hay(self) -> str:
        return f"{self.data.name} {self.data.id}".lower()


def _hay(group: ProviderGroup, entry: ModelEntry) -> str:
    return f"{group.name} {group.id} {entry.model} {entry.name}".lower()


def _matches(words: Sequence[str], hay: str) -> bool:
    return all(w in hay for w in words)


class PickerFilter(QSortFilterProxyModel):
    """Every word must appear in the provider's name, the model id or its display name (case-insensitive).

    A provider's header stays while its name matches or any of its models does; its notices (errors, "not
    fetched yet") show whenever the header does.
    """

    def __init__(self, groups: dict[str, _Group], order: list[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._groups = groups
        self._order = order  # provider ids by source row, kept up to date by the picker
        self.words: list[str] = []

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self.words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self.words:
            return True
        if not source_parent.isValid():
            pid = self.sourceModel().index(source_row, 0).data(PROVIDER_ROLE)
            group = self._groups.get(str(pid))
            return group is not None and (_matches(self.words, group.name_hay)
                                          or any(_matches(self.words, h) for h in group.hays))  # fmt: skip
        # Model rows are matched from the group's Python list: one call into Qt per row, not three.
        parent_row = source_parent.row()
        group = self._groups.get(self._order[parent_row]) if 0 <= parent_row < len(self._order) else None
        if group is None:
            return True
        n = source_row - group.notices
        return n < 0 or (n < len(group.hays) and _matches(self.words, group.hays[n]))


def _item(text: str = "", tip: str = "", *, selectable: bool = False) -> QStandardItem:
    item = QStandardItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | (Qt.ItemFlag.ItemIsSelectable if selectable else Qt.ItemFlag.NoItemFlags)
    item.setFlags(flags)
    if tip:
        item.setToolTip(tip)
    return item


class ModelPicker(QDialog):
    """Choose a (provider, model): type to filter, Up/Down to move, Enter or double-click to choose, Esc to close.

    Opens at once; the providers and cached lists load in a worker thread (`ready()` awaits that). A provider
    whose list was never fetched is fetched then, in the background (`fetch_missing`; `fetching()` awaits those
    fetches). Each provider's Refresh fetches its list again (`refresh()` is the coroutine tests await).
    """

    chosen = Signal(str, str)  # provider id, model id

    def __init__(
        self,
        runtime: Runtime,
        current: tuple[str, str] | None,
        recent: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
        *,
        fetch_missing: bool = True,
    ) -> None:
        super().__init__(parent)
        self._fetch_missing = fetch_missing
        self._fetches: dict[str, asyncio.Task[None]] = {}  # never-fetched lists fetched on opening, by provider
        self._spin = 0
        self.setWindowTitle(translate("ModelPicker", "Choose a model"))
        self.setObjectName("model_picker")
        self._runtime = runtime
        self._current = current
        self._recent = tuple(recent)
        self._groups: dict[str, _Group] = {}
        self._order: list[str] = []  # provider ids in row order (shared with the filter: changed in place)

        self.search = QLineEdit()
        self.search.setObjectName("model_search")
        self.search.setPlaceholderText(translate("ModelPicker", "Search models: provider, model name or id (every "
                                                                "word must match)"))
        self.search.setClearButtonEnabled(True)
        self.source = QStandardItemModel(0, len(COLUMNS), self)
        self.source.setHorizontalHeaderLabels([translate("ModelPicker", c) if c else "" for c in COLUMNS])
        self.proxy = PickerFilter(self._groups, self._order, self)
        self.proxy.setSourceModel(self.source)
        self.view = QTreeView()
        self.view.setObjectName("model_list")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)  # thousands of rows: heights are not measured one by one
        self.view.setRootIsDecorated(False)
        self.view.setItemsExpandable(False)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAllColumnsShowFocus(True)
        self._size_columns()
        self.status_label = QLabel(translate("ModelPicker", "Loading the model lists…"))
        self.status_label.setObjectName("picker_status")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(translate("ModelPicker", "Choose"))
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Enter chooses the highlighted model, never "whichever button"
                button.setDefault(False)
        column = QVBoxLayout(self)
        column.addWidget(self.search)
        column.addWidget(self.view, 1)
        column.addWidget(self.status_label)
        column.addWidget(self.buttons)
        fit_to_screen(self, 860, 560)

        self.search.textChanged.connect(self._filter_changed)
        self.search.installEventFilter(self)
        self.view.installEventFilter(self)  # its own Up/Down would stop on provider headers
        self.view.doubleClicked.connect(self._double_clicked)
        self.buttons.accepted.connect(self.choose_current)
        self.buttons.rejected.connect(self.reject)
        self._age_timer = QTimer(self)
        self._age_timer.setInterval(AGE_UPDATE_MS)
        self._age_timer.timeout.connect(self._update_headers)
        self._age_timer.start()
        self._spin_timer = QTimer(self)
        self._spin_timer.setInterval(SPIN_MS)
        self._spin_timer.timeout.connect(self._spin_step)
        self.search.setFocus()

        self._load_task: asyncio.Task[None] | None = None
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop (a script or a plain test): load here and now
            self._populate(load_groups(self._runtime.services(), self._recent, self._current))
        else:
            self._load_task = spawn(self.reload())

    # -- loading -------------------------------------------------------------------------------------
    async def ready(self) -> None:
        """Wait until the first load has filled the list."""
        if self._load_task is not None:
            await self._load_task

    async def fetching(self) -> None:
        """Wait for the lists fetched on opening (those never fetched before)."""
        await self.ready()
        if self._fetches:
            await asyncio.gather(*self._fetches.values())

    async def reload(self) -> None:
        """Read the offered providers, keys and cached lists off the event loop, then show them."""
        groups = await aload_groups(self._runtime.services(), self._recent, self._current)
        if shiboken6.isValid(self):
            self._populate(groups)

    def _populate(self, groups: Sequence[ProviderGroup]) -> None:
        self._groups.clear()
        self._groups.update({g.id: _Group(g) for g in groups})
        self._order[:] = [g.id for g in groups]
        self.source.removeRows(0, self.source.rowCount())
        for pid in self._order:
            self.source.appendRow(self._group_row(self._groups[pid]))
        self._apply_filter(prefer=self._current)
        if not groups:
            self.status_label.setText(translate("ModelPicker", "No providers to list yet: add an API key in the "
                                                               "provider settings, or start a local server such as "
                                                               "Ollama or LM Studio."))
        self._fetch_never_fetched()

    def _fetch_never_fetched(self) -> None:
        """A list never fetched is fetched when first needed (now), once per opening; Refresh tries again."""
        if not self._fetch_missing:
            return
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return  # no loop (a script): the notice says to press Refresh
        for pid, group in self._groups.items():
            if group.data.listing is None and not group.busy and pid not in self._fetches:
                self._fetches[pid] = spawn(self.refresh(pid))

    def _group_row(self, group: _Group) -> list[QStandardItem]:
        """The header row of a provider with its notices and model rows attached (before it joins the model,
        so thousands of rows cost one insertion)."""
        data = group.data
        header = _item(self._header_text(group), data.base_url)
        header.setData(HEADER, KIND_ROLE)
        header.setData(data.id, PROVIDER_ROLE)
        font = header.font()
        font.setBold(True)
        header.setFont(font)
        notices = group.error or self._empty_notice(group)
        if group.not_running:
            notices = (translate("ModelPicker", "Not running: nothing answers at {url}. Start it, then press "
                                 "Refresh.").format(url=data.base_url),)
        for n, line in enumerate(notices):
            self._add_notice(header, line, warning=bool(group.error) and n == 0 and not group.not_running)
        group.notices = len(notices)
        group.hays = []
        for entry in data.entries:
            hay = _hay(data, entry)
            group.hays.append(hay)
            header.appendRow(self._model_row(entry, hay))
        return [header, *(_item() for _ in COLUMNS[1:])]

    def _empty_notice(self, group: _Group) -> tuple[str, ...]:
        data = group.data
        if group.busy and data.listing is None:
            return (self._fetching(),)
        if data.entries:
            return ()
        if data.listing is None:
            return (translate("ModelPicker", "Not fetched yet: press Refresh to list this provider's models."),)
        return (translate("ModelPicker", "The provider listed no models."),)

    def _fetching(self) -> str:
        return f"{SPINNER[self._spin % len(SPINNER)]} {translate('ModelPicker', FETCHING)}"

    def _add_notice(self, header: QStandardItem, text: str, *, warning: bool = False) -> None:
        notice = _item(text, text)
        notice.setData(NOTICE, KIND_ROLE)
        notice.setData(header.data(PROVIDER_ROLE), PROVIDER_ROLE)
        if warning:
            notice.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        font = notice.font()
        font.setItalic(True)
        notice.setFont(font)
        header.appendRow([notice, *(_item() for _ in COLUMNS[1:])])

    def _model_row(self, entry: ModelEntry, hay: str) -> list[QStandardItem]:
        tips = [entry.name if entry.name != entry.model else ""]
        if entry.supports_images:
            tips.append(translate("ModelPicker", "Accepts images"))
        if not entry.listed:
            tips.append(translate("ModelPicker", "You used this model before; it is not in the fetched list."))
        name = _item(entry.model, "\n".join(t for t in tips if t), selectable=True)
        name.setData(MODEL, KIND_ROLE)
        name.setData(entry.provider, PROVIDER_ROLE)
        name.setData(entry.model, MODEL_ROLE)
        if not entry.listed:
            font = name.font()
            font.setItalic(True)
            name.setFont(font)
        tip = price_tip(entry.price_source)
        window = entry.context_window
        context_tip = (translate("ModelPicker", "{tokens} tokens of context").format(tokens=count(window)) if window
                       else translate("ModelPicker", "Context size not known"))  # fmt: skip
        cells = [
            _item(format_per_million(entry.input_per_million, entry.price_source), tip, selectable=True),
            _item(format_per_million(entry.output_per_million, entry.price_source), tip, selectable=True),
            _item(format_context(entry.context_window), context_tip, selectable=True),
        ]
        for cell in cells:
            cell.setTextAlignment(NUMBERS)
        return [name, *cells, _item(selectable=True)]

    def _header_text(self, group: _Group) -> str:
        data = group.data
        name = translate("ModelPicker", "{service} (local)").format(service=data.name) if data.local else data.name
        if group.busy:
            return f"{name} · " + translate("ModelPicker", "fetching the model list…")
        status = fetched_text(data.listing.fetched_at if data.listing else None)
        if data.listing is not None:
            models = len(data.listing.models)
            if models == 1:
                status += " · " + translate("ModelPicker", "{count} model").format(count=count(models))
            else:
                status += " · " + translate("ModelPicker", "{count} models").format(count=count(models))
        return f"{name} · {status}"

    def _size_columns(self) -> None:
        fm = self.fontMetrics()
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        price = fm.horizontalAdvance(format_per_million(10.0, "override")) + 16
        refresh = self._refresh_button("", "")  # as wide as a Refresh button is (its icon and text, unelided)
        widths = {1: price, 2: price, 3: fm.horizontalAdvance(translate("ModelPicker", "Context") + "  ") + 24,
                  REFRESH_COLUMN: refresh.sizeHint().width() + 12}  # fmt: skip
        refresh.deleteLater()
        for col, width in widths.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)

    # -- filtering and moving -------------------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        self._apply_filter(prefer=self.current_pair())

    def _apply_filter(self, prefer: tuple[str, str] | None) -> None:
        """Filter by the search text; keep `prefer` highlighted if it is still shown, else the first match."""
        self.proxy.set_text(self.search.text())
        self.view.expandAll()
        self._decorate()
        rows = self.model_rows()
        target = next((i for i in rows if self._pair(i) == prefer), None) if prefer else None
        if target is None and rows:
            target = rows[0]
        if target is None:
            self.view.clearSelection()
            self.view.setCurrentIndex(QModelIndex())
        else:
            self._select(target)
        if self._order:
            total = sum(len(g.data.entries) for g in self._groups.values())
            if self.proxy.words:
                shown = translate("ModelPicker", "{shown} of {total} models").format(shown=len(rows), total=total)
            else:
                shown = translate("ModelPicker", "{total} models").format(total=total)
            self.status_label.setText(translate("ModelPicker", "{shown} · Enter chooses, Esc closes").format(
                shown=shown))

    def _decorate(self) -> None:
        """Refresh buttons on the header rows and full-width notices (a filter pass drops both from rows it hid)."""
        for r in range(self.proxy.rowCount()):
            header = self.proxy.index(r, 0)
            pid = str(header.data(PROVIDER_ROLE))
            cell = self.proxy.index(r, REFRESH_COLUMN)
            button = self.view.indexWidget(cell)
            group = self._groups.get(pid)
            if not isinstance(button, QToolButton):
                button = self._refresh_button(pid, group.data.name if group is not None else pid)
                self.view.setIndexWidget(cell, button)
            button.setEnabled(group is not None and not group.busy)
            for c in range(self.proxy.rowCount(header)):
                if self.proxy.index(c, 0, header).data(KIND_ROLE) == NOTICE:
                    self.view.setFirstColumnSpanned(c, header, True)

    def _refresh_button(self, pid: str, name: str) -> QToolButton:
        """A real button (framed, with its icon), so that it reads as one among the rows."""
        button = QToolButton()
        button.setText(translate("ModelPicker", "Refresh"))
        button.setObjectName(f"refresh:{pid}")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_icon(button, "refresh-cw")
        button.setToolTip(translate("ModelPicker", "Fetch {service}'s model list again").format(service=name))
        button.setAccessibleName(translate("ModelPicker", "Refresh {service}'s models").format(service=name))
        button.clicked.connect(lambda _=False: self._refresh_clicked(pid))
        return button

    def model_rows(self) -> list[QModelIndex]:
        """The model rows shown, in order (column 0 of the proxy)."""
        out = []
        for r in range(self.proxy.rowCount()):
            header = self.proxy.index(r, 0)
            for c in range(self.proxy.rowCount(header)):
                index = self.proxy.index(c, 0, header)
                if index.data(KIND_ROLE) == MODEL:
                    out.append(index)
        return out

    def shown_pairs(self) -> list[tuple[str, str]]:
        """(provider, model) of every model row shown, in order."""
        return [p for p in (self._pair(i) for i in self.model_rows()) if p is not None]

    def _pair(self, index: QModelIndex) -> tuple[str, str] | None:
        first = index.siblingAtColumn(0)
        if first.data(KIND_ROLE) != MODEL:
            return None
        return str(first.data(PROVIDER_ROLE)), str(first.data(MODEL_ROLE))

    def current_pair(self) -> tuple[str, str] | None:
        index = self.view.currentIndex()
        return self._pair(index) if index.isValid() else None

    def _select(self, index: QModelIndex) -> None:
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)

    def move_highlight(self, step: int) -> None:
        """Move the highlight `step` model rows down (negative: up), skipping headers and notices."""
        rows = self.model_rows()
        if not rows:
            return
        current = self.view.currentIndex().siblingAtColumn(0)
        pos = next((n for n, i in enumerate(rows) if i == current), None)
        if pos is None:
            pos = -1 if step > 0 else len(rows)
        self._select(rows[max(0, min(len(rows) - 1, pos + step))])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if pressed and isinstance(event, QKeyEvent) and (watched is self.search or watched is self.view):
            steps = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_PageUp: -10, Qt.Key.Key_PageDown: 10}
            step = steps.get(Qt.Key(event.key()))
            if step is not None:
                self.move_highlight(step)
                return True
        return super().eventFilter(watched, event)

    # -- choosing ---------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.choose_current()
            event.accept()
            return
        super().keyPressEvent(event)

    def choose_current(self) -> bool:
        """Choose the highlighted model and close; False (and stay open) when no model is highlighted."""
        pair = self.current_pair()
        if pair is None:
            return False
        self.chosen.emit(*pair)
        self.accept()
        return True

    def _double_clicked(self, index: QModelIndex) -> None:
        if self._pair(index) is not None:
            self._select(index.siblingAtColumn(0))
            self.choose_current()

    # -- refreshing -------------------------------------------------------------------------------------
    def refresh_button(self, provider_id: str) -> QToolButton | None:
        """The Refresh button of a provider's header row, if that row is shown."""
        row = self._source_row(provider_id)
        if row is None:
            return None
        cell = self.proxy.mapFromSource(self.source.index(row, REFRESH_COLUMN))
        widget = self.view.indexWidget(cell) if cell.isValid() else None
        return widget if isinstance(widget, QToolButton) else None

    def header_text(self, provider_id: str) -> str:
        row = self._source_row(provider_id)
        return self.source.item(row, 0).text() if row is not None else ""

    def notices(self, provider_id: str) -> list[str]:
        """The notice lines (errors, "not fetched yet") under a provider's header."""
        row = self._source_row(provider_id)
        if row is None:
            return []
        header = self.source.item(row, 0)
        children = (header.child(c, 0) for c in range(header.rowCount()))
        return [c.text() for c in children if c is not None and c.data(KIND_ROLE) == NOTICE]

    def _source_row(self, provider_id: str) -> int | None:
        return self._order.index(provider_id) if provider_id in self._order else None

    def _refresh_clicked(self, provider_id: str) -> None:
        spawn(self.refresh(provider_id))

    async def refresh(self, provider_id: str) -> None:
        """Fetch one provider's list again and show it; a failure is shown in plain words under its header."""
        group = self._groups.get(provider_id)
        if group is None or group.busy:
            return
        group.busy, group.error = True, ()
        if group.data.listing is None and not group.data.entries:
            self._rebuild(provider_id, group)  # "Fetching models…" where "not fetched yet" was
            self._spin_timer.start()
        self._update_headers()
        domain = self._runtime.services()
        refreshed: ProviderGroup | None = None
        error: tuple[str, ...] = ()
        not_running = False
        try:
            listing = await fetch_models(domain, provider_id)
            refreshed = await asyncio.to_thread(refreshed_group, group.data, listing, domain)
        except ProviderError as err:
            error, not_running = tuple(say(line) for line in error_lines(err)), err.refused_here
        finally:
            group.busy = False
        if not shiboken6.isValid(self) or self._groups.get(provider_id) is not group:
            return  # the picker was closed and deleted, or reloaded meanwhile
        group.data, group.error, group.not_running = refreshed or group.data, error, not_running
        self._rebuild(provider_id, group)
        if not any(g.busy for g in self._groups.values()):
            self._spin_timer.stop()

    def _rebuild(self, provider_id: str, group: _Group) -> None:
        """A provider's rows drawn again from its group (the highlight and the filter kept)."""
        row = self._source_row(provider_id)
        if row is None:
            return
        keep = self.current_pair()
        self.source.removeRow(row)
        self.source.insertRow(row, self._group_row(group))
        self._apply_filter(prefer=keep)

    def _spin_step(self) -> None:
        """The spinner of each list being fetched turns one step."""
        self._spin += 1
        for row, pid in enumerate(self._order):
            group = self._groups.get(pid)
            header = self.source.item(row, 0)
            if group is None or header is None or not group.busy or not header.rowCount():
                continue
            notice = header.child(0, 0)
            if notice is not None and notice.text().endswith(translate("ModelPicker", FETCHING)):
                notice.setText(self._fetching())

    def _update_headers(self) -> None:
        for row, pid in enumerate(self._order):
            item = self.source.item(row, 0)
            group = self._groups.get(pid)
            if item is not None and group is not None:
                item.setText(self._header_text(group))
        self._decorate()
