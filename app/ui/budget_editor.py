"""The cost panel's budget editor: daily and monthly limits overall and per provider, each with its status."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.budgets import Spend
from app.core.settings import Budgets, Limits, Settings, SettingsError
from app.core.spend_views import BudgetStatus, budget_statuses

from .charts import Meter
from .i18n import say, translate

OVERALL = "Overall"  # the overall row's key; shown as translate("BudgetEditor", "Overall")
PERIODS = ("daily", "monthly")


class _LimitRow:
    """One budget line's widgets: two limit fields, and a meter and figure for each period."""

    def __init__(self, grid: QGridLayout, row: int, name: str, limits: Limits, parent: QWidget) -> None:
        self.name = name
        self.label = QLabel(translate("BudgetEditor", "Overall") if name == OVERALL else name, parent)
        self.fields: dict[str, QLineEdit] = {}
        self.meters: dict[str, Meter] = {}
        self.figures: dict[str, QLabel] = {}
        grid.addWidget(self.label, row, 0)
        for i, period in enumerate(PERIODS):
            edit = QLineEdit(parent)
            edit.setPlaceholderText(translate("BudgetEditor", "no limit"))
            edit.setValidator(QDoubleValidator(0.0, 1e9, 4, edit))
            edit.setObjectName(f"{name}-{period}")
            value = limits.daily if period == "daily" else limits.monthly
            edit.setText("" if value is None else f"{value:g}")
            edit.setMaximumWidth(110)
            meter, figure = Meter(parent), QLabel("", parent)
            figure.setMinimumWidth(150)
            grid.addWidget(edit, row, 1 + i * 3)
            grid.addWidget(meter, row, 2 + i * 3)
            grid.addWidget(figure, row, 3 + i * 3)
            self.fields[period], self.meters[period], self.figures[period] = edit, meter, figure

    def limits(self) -> Limits:
        """The limits typed in; raises ValueError naming the budget when a field is not a number."""
        values: dict[str, float | None] = {}
        for period, edit in self.fields.items():
            text = edit.text().strip().replace(",", ".")
            try:
                values[period] = float(text) if text else None
            except ValueError:
                raise ValueError(self._not_an_amount(period).format(name=self.label.text(), text=repr(text))) from None
        return Limits(daily=values["daily"], monthly=values["monthly"])

    @staticmethod
    def _not_an_amount(period: str) -> str:
        if period == "daily":
            return translate("BudgetEditor", "{name} daily limit {text} is not an amount in USD.")
        return translate("BudgetEditor", "{name} monthly limit {text} is not an amount in USD.")

    def show_status(self, period: str, status: BudgetStatus | None) -> None:
        meter, figure = self.meters[period], self.figures[period]
        meter.setVisible(status is not None)
        figure.setText(say(status.text) if status else "")
        figure.setToolTip(say(status.message) if status else "")
        if status:
            meter.set_value(status.fraction, status.state)


class BudgetEditor(QGroupBox):
    """Edits `settings.budgets`; Save validates and calls `save(settings)`, then updates the shared settings."""

    saved = Signal()

    def __init__(self, settings: Settings, save: Callable[[Settings], object], parent: QWidget | None = None) -> None:
        super().__init__(translate("BudgetEditor", "Budgets"), parent)
        self._settings = settings
        self._save = save
        self._spend = Spend()
        self._rows: dict[str, _LimitRow] = {}
        self.statuses: list[BudgetStatus] = []
        layout = QVBoxLayout(self)
        self._grid = QGridLayout()
        self._grid.setHorizontalSpacing(10)
        headers = ["", translate("BudgetEditor", "Daily limit (USD)"), "", translate("BudgetEditor", "Today"),
                   translate("BudgetEditor", "Monthly limit (USD)"), "", translate("BudgetEditor", "This month")]
        for col, text in enumerate(headers):
            header = QLabel(f"<b>{text}</b>" if text else "", self)
            self._grid.addWidget(header, 0, col)
        self._grid.setColumnStretch(2, 1)
        self._grid.setColumnStretch(5, 1)
        layout.addLayout(self._grid)
        self._add_row(OVERALL, settings.budgets.overall)
        for provider, limits in sorted(settings.budgets.per_provider.items()):
            self._add_row(provider, limits)

        controls = QHBoxLayout()
        self.new_provider = QLineEdit(self)
        self.new_provider.setPlaceholderText(translate("BudgetEditor", "provider id, e.g. openai"))
        hint = self.new_provider.fontMetrics().horizontalAdvance(self.new_provider.placeholderText()) + 24
        self.new_provider.setMaximumWidth(max(200, hint))  # the hint whole, in any language
        self.new_provider.setMinimumWidth(min(hint, 320))
        add = QPushButton(translate("BudgetEditor", "Add provider budget"), self)
        add.clicked.connect(self.add_provider_from_field)
        controls.addWidget(self.new_provider)
        controls.addWidget(add)
        controls.addSpacing(16)
        controls.addWidget(QLabel(translate("BudgetEditor", "Warn at"), self))
        self.warn = QSpinBox(self)
        self.warn.setRange(1, 100)
        self.warn.setSuffix(" %")
        self.warn.setValue(round(settings.budgets.warn_fraction * 100))
        controls.addWidget(self.warn)
        controls.addStretch(1)
        self.save_button = QPushButton(translate("BudgetEditor", "Save budgets"), self)
        self.save_button.clicked.connect(self.save_budgets)
        controls.addWidget(self.save_button)
        layout.addLayout(controls)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)
        self.set_spend(self._spend)

    def _add_row(self, name: str, limits: Limits) -> _LimitRow:
        row = _LimitRow(self._grid, len(self._rows) + 1, name, limits, self)
        self._rows[name] = row
        return row

    def row(self, name: str) -> _LimitRow:
        """The row of a provider id, or of OVERALL."""
        return self._rows[name]

    def add_provider(self, provider: str) -> _LimitRow:
        provider = provider.strip()
        return self._rows.get(provider) or self._add_row(provider, Limits())

    def add_provider_from_field(self) -> None:
        if self.new_provider.text().strip():
            self.add_provider(self.new_provider.text())
            self.new_provider.clear()

    def budgets(self) -> Budgets:
        """The budgets as edited; a provider with neither limit set is left out. Raises ValueError."""
        per_provider = {name: row.limits() for name, row in self._rows.items() if name != OVERALL}
        return Budgets(
            overall=self._rows[OVERALL].limits(),
            per_provider={k: v for k, v in per_provider.items() if v.daily is not None or v.monthly is not None},
            warn_fraction=self.warn.value() / 100,
        )

    def save_budgets(self) -> bool:
        """Validate and save; on success the shared settings object holds the new budgets too."""
        try:
            budgets = self.budgets()
            self._save(replace(self._settings, budgets=budgets))
        except ValueError as exc:
            self.message.setText(str(exc))
            return False
        except SettingsError as exc:
            self.message.setText("\n".join(map(say, exc.problems)))
            return False
        except OSError as exc:
            self.message.setText(translate("BudgetEditor", "Budgets were not saved: {problem}").format(problem=exc))
            return False
        self._settings.budgets = budgets
        self.message.setText(translate("BudgetEditor", "Budgets saved."))
        self.set_spend(self._spend)
        self.saved.emit()
        return True

    def set_spend(self, spend: Spend) -> None:
        """Show each saved limit's status against `spend` (today's and this month's, from the ledger)."""
        self._spend = spend
        self.statuses = budget_statuses(self._settings.budgets, spend)
        found: dict[tuple[str, str], BudgetStatus] = {(s.provider or OVERALL, s.period): s for s in self.statuses}
        for name, row in self._rows.items():
            for period in PERIODS:
                row.show_status(period, found.get((name, period)))
