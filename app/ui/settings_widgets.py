"""Small widgets the settings pages share: a problem label, a seconds box, a form built from declared settings."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QGroupBox, QLabel, QSpinBox

from app.core.described import DescribedField, described_fields

from .i18n import say

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

FLAG = "#b3261e"  # the colour of a flagged fallback entry and of problems
D = TypeVar("D", bound="DataclassInstance")


def float_spin(low: float, high: float, step: float, decimals: int = 1, suffix: str = " s") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    return box


def problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {FLAG};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _spin_for(field: DescribedField) -> QSpinBox | QDoubleSpinBox:
    about = field.about
    box: QSpinBox | QDoubleSpinBox
    if field.kind is int:
        box = QSpinBox()
        box.setRange(int(about.low), int(about.high))
        box.setSingleStep(int(about.step))
        box.setSuffix(say(about.unit))
    else:
        box = float_spin(about.low, about.high, about.step, about.decimals, say(about.unit))
    box.setToolTip(say(about.help))
    return box


class DescribedForm(QGroupBox):
    """One spin box per described field of the given settings classes (`app.core.described`), labelled and
    bounded as the field declares; `show` fills them from settings values and `read` builds values back."""

    def __init__(self, title: str, *kinds: type[DataclassInstance]) -> None:
        super().__init__(title)
        self.spins: dict[str, QSpinBox | QDoubleSpinBox] = {}
        form = QFormLayout(self)
        for kind in kinds:
            for field in described_fields(kind):
                assert field.name not in self.spins, f"two settings here are called {field.name!r}"
                self.spins[field.name] = _spin_for(field)
                form.addRow(say(field.about.label), self.spins[field.name])

    def show_values(self, *values: DataclassInstance) -> None:
        for value in values:
            for field in described_fields(type(value)):
                self.spins[field.name].setValue(getattr(value, field.name))

    def read(self, kind: type[D]) -> D:
        return kind(**{field.name: self.spins[field.name].value() for field in described_fields(kind)})
