"""The cost panel's reconciliation: Parley's ledger beside the provider's own account reports, per UTC day and model.

Reads the saved reports when shown (no network); "Check now" fetches fresh ones (read only, with the admin key).
A fetch that fails is explained in plain words above the rows of the last good report; the ledger is untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.account_reports import REPORT_PROVIDERS

from .i18n import money, say, translate
from .loop import spawn

if TYPE_CHECKING:
    from app.core.account_reports import ReconcileOutcome
    from app.core.reconcile import ReconcileRow
    from app.core.spending import Spending

COLUMNS = 7
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def usd(amount: Decimal | None) -> str:
    """A reconciliation figure: dollars to the cent's hundredth, signed differences; a dash when unknown."""
    if amount is None:
        return "—"
    tiny = 0 < abs(amount) < Decimal("0.0001")  # would read $0.0000 or round up: say it is below
    text = "<" + money(0.0001, 4) if tiny else money(float(abs(amount)), 4)  # $1,234.5678; 1234,5678 US$ in Spanish
    return f"−{text}" if amount < 0 else text


def signed_usd(amount: Decimal | None) -> str:
    return usd(amount) if amount is None or amount <= 0 else f"+{usd(amount)}"


def parley_source(row: ReconcileRow) -> str:
    """How Parley's figure was counted: estimated, provider-reported, or both."""
    sources = {name for name, amount in row.parley_by_source if amount}
    if not sources:
        return ""
    if sources == {"provider"}:
        return translate("ReconcileView", "provider-reported")
    if "provider" in sources:
        return translate("ReconcileView", "partly provider-reported")
    return translate("ReconcileView", "estimated")


def flags(row: ReconcileRow) -> str:
    """The row's notes in a word or two, for its last column (the full sentences are its tooltip)."""
    out = []
    if row.outside_parley:
        out.append(translate("ReconcileView", "made outside Parley"))
    if row.never_priced:
        out.append(translate("ReconcileView", "never priced by Parley"))
    if row.unpriced_requests:
        out.append(translate("ReconcileView", "{count} not priced").format(count=row.unpriced_requests))
    if row.provider_usd is None:
        out.append(translate("ReconcileView", "no report yet"))
    return ", ".join(out)


def fault_text(provider: str, kind: str, detail: str, has_key: bool) -> str:
    """Why the fresh report could not be read (an error of `kind`), in plain words, and what to do."""
    if not has_key:
        return translate("ReconcileView", "No admin key for {provider}. Add one under Settings › Providers › "
                                          "{provider} to compare Parley's figures with your account's (optional, "
                                          "read only).").format(provider=provider)  # fmt: skip
    if kind == "auth":
        text = translate("ReconcileView", "{provider} rejected the admin key. Check it under Settings › Providers: "
                                          "it must be an admin key, not an ordinary API key.")  # fmt: skip
    elif kind == "permission":
        text = translate("ReconcileView", "{provider} accepted the admin key but does not let it read usage "
                                          "reports. An owner of the organisation can create one that may.")  # fmt: skip
    elif kind in ("network", "timeout"):
        text = translate("ReconcileView", "Could not reach {provider}: are you offline? Try again later.")
    elif kind in ("server", "overloaded", "rate_limit"):
        text = translate("ReconcileView", "{provider}'s usage reports are down or busy right now. Try again later.")
    else:
        text = translate("ReconcileView", "{provider} sent a report Parley could not read ({detail}). Try again "
                                          "later; if it keeps happening, please report it.")  # fmt: skip
    kept = translate("ReconcileView", "Nothing in the ledger changed; the rows below are from the last report read.")
    return f"{text.format(provider=provider, detail=detail)} {kept}"


class ReconcileView(QGroupBox):
    """Pick a provider; see each UTC day and model with Parley's figure, the provider's, and the difference."""

    shown = Signal()  # rows were filled (tests wait on it)

    def __init__(self, spending: Spending, names: Sequence[tuple[str, str]] | None = None,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(translate("ReconcileView", "Checked against your provider's account (last 30 days, UTC)"),
                         parent)  # fmt: skip
        self.setObjectName("reconcileView")
        self._spending = spending
        self.outcome: ReconcileOutcome | None = None
        self.has_key = False
        self._filled: tuple[str, tuple[ReconcileRow, ...]] | None = None  # the rows listed, with the locale
        self.provider_box = QComboBox(self)
        self.provider_box.setAccessibleName(translate("ReconcileView", "Provider"))
        for pid, name in names or [(p, p) for p in REPORT_PROVIDERS]:
            self.provider_box.addItem(name, pid)
        self.provider_box.currentIndexChanged.connect(lambda _i: self.start(refresh=False))
        self.check_button = QPushButton(translate("ReconcileView", "Check now"), self)
        self.check_button.setToolTip(translate("ReconcileView", "Read the provider's usage and cost reports with "
                                                                "your admin key (read only) and compare"))  # fmt: skip
        self.check_button.clicked.connect(lambda: self.start(refresh=True))
        top = QHBoxLayout()
        top.addWidget(QLabel(translate("ReconcileView", "Provider:"), self))
        top.addWidget(self.provider_box)
        top.addWidget(self.check_button)
        top.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fault = QLabel(self)
        self.fault.setObjectName("reconcileFault")
        self.fault.setWordWrap(True)
        self.fault.setProperty("warning", True)
        self.fault.hide()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([translate("ReconcileView", "Day (UTC)"), translate("ReconcileView", "Model"),
                                   translate("ReconcileView", "Parley"), translate("ReconcileView", "Provider"),
                                   translate("ReconcileView", "Difference"), translate("ReconcileView", "%"),
                                   translate("ReconcileView", "Notes")])  # fmt: skip
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setMinimumHeight(160)
        self.tree.setMaximumHeight(320)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.currentItemChanged.connect(self._show_details)
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setProperty("muted", True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.status)
        box.addWidget(self.fault)
        box.addWidget(self.summary)
        box.addWidget(self.tree)
        box.addWidget(self.details)

    @property
    def provider(self) -> str:
        return str(self.provider_box.currentData() or "")

    @property
    def provider_name(self) -> str:
        return self.provider_box.currentText()

    def set_names(self, name: Callable[[str], str]) -> None:
        """Providers as people read them ("OpenAI"), once the window knows how to name them."""
        for i in range(self.provider_box.count()):
            self.provider_box.setItemText(i, name(str(self.provider_box.itemData(i))))

    def select(self, provider: str) -> None:
        self.provider_box.setCurrentIndex(max(0, self.provider_box.findData(provider)))

    def start(self, *, refresh: bool) -> None:
        spawn(self.load(refresh=refresh))

    async def load(self, *, refresh: bool) -> ReconcileOutcome | None:
        """Show the saved reports beside the ledger, after fetching fresh ones when `refresh`."""
        if not shiboken6.isValid(self):  # closed before this started
            return None
        provider = self.provider
        self.check_button.setEnabled(False)
        self.status.setText(translate("ReconcileView", "Reading {provider}'s reports…").format(
            provider=self.provider_name) if refresh else translate("ReconcileView", "Reading the ledger…"))  # fmt: skip
        try:
            self.has_key = await self._spending.has_admin_key(provider)
            outcome = await self._spending.reconcile(provider, refresh=refresh and self.has_key)
        except ValueError as exc:  # no database
            if not shiboken6.isValid(self):
                return None
            self.status.setText(translate("ReconcileView", "The ledger cannot be read: {problem}").format(
                problem=say(str(exc))))  # fmt: skip
            return None
        finally:
            if shiboken6.isValid(self):
                self.check_button.setEnabled(True)
        if not shiboken6.isValid(self):
            return outcome
        if provider == self.provider:  # the user did not pick another provider meanwhile
            self.show_outcome(outcome, asked=refresh)
        return outcome

    def show_outcome(self, outcome: ReconcileOutcome, *, asked: bool = False) -> None:
        self.outcome = outcome
        rec, name = outcome.reconciliation, self.provider_name
        when = outcome.last_fetched_at
        if when is None and not self.has_key:  # say at once what "Check now" would need
            self.status.setText(fault_text(name, "auth", "", False))
        elif when is None:
            self.status.setText(translate("ReconcileView", "No report from {provider} has been read yet. “Check now” "
                                                           "reads it (only read-only report requests leave this "
                                                           "computer).").format(provider=name))  # fmt: skip
        else:
            self.status.setText(translate("ReconcileView", "From {provider}'s reports read {when} UTC.").format(
                provider=name, when=when.strftime("%Y-%m-%d %H:%M")))  # fmt: skip
        err = outcome.error
        failed = err is not None or (asked and not self.has_key)
        self.fault.setText(fault_text(name, err.kind if err else "auth", err.message if err else "", self.has_key)
                           if failed else "")  # fmt: skip
        self.fault.setVisible(failed)
        if rec.rows:
            self.summary.setText(translate("ReconcileView", "{provider} reports {billed}; Parley counted {counted}; "
                                                            "difference {diff}. Of the provider's figure, {outside} "
                                                            "was used outside Parley.").format(
                provider=name, billed=usd(rec.provider_usd), counted=usd(rec.parley_usd),
                diff=signed_usd(rec.provider_usd - rec.parley_usd), outside=usd(rec.outside_parley_usd)))  # fmt: skip
        else:
            self.summary.setText(translate("ReconcileView", "Nothing spent and nothing reported in these days."))
        self._fill(rec.rows)
        self.shown.emit()

    def _fill(self, rows: Sequence[ReconcileRow]) -> None:
        filled = QLocale().name(), tuple(rows)
        if filled == self._filled:  # read again after every logged request: the same rows keep the row picked
            return
        self._filled = filled
        self.tree.clear()
        self.details.clear()
        for row in reversed(rows):  # the newest day first
            source = parley_source(row)
            parley = f"{usd(row.parley_usd)} · {source}" if source else usd(row.parley_usd)
            pct = "" if row.diff_pct is None else f"{row.diff_pct:+.2f}%"
            item = QTreeWidgetItem([row.day.isoformat(), row.model, parley, usd(row.provider_usd),
                                    signed_usd(row.diff_usd), pct, flags(row)])  # fmt: skip
            for column in (2, 3, 4, 5):
                item.setTextAlignment(column, RIGHT)
            notes = " ".join(say(n) for n in row.notes)
            names = ", ".join(dict.fromkeys((*row.provider_names, *row.parley_names)))
            tip = translate("ReconcileView", "Names behind this row: {names}").format(names=names)
            item.setData(0, Qt.ItemDataRole.UserRole, "\n".join(p for p in (notes, tip) if p))
            for column in range(COLUMNS):
                item.setToolTip(column, "\n".join(p for p in (notes, tip) if p))
            self.tree.addTopLevelItem(item)
        for column in range(COLUMNS - 1):
            self.tree.resizeColumnToContents(column)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    def _show_details(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        self.details.setText(str(item.data(0, Qt.ItemDataRole.UserRole) or "") if item is not None else "")
