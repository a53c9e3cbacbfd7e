"""The temperature control of a parameters dialog, fitted to what the provider and model take (core's ranges)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel

from app.core.param_ranges import NO_TEMPERATURE, Range, temperature_range

from .i18n import translate


class TemperatureControls(Protocol):
    temperature_check: QCheckBox
    temperature_spin: QDoubleSpinBox
    temperature_note: QLabel


def _value(value: float) -> str:
    """A temperature as the language writes it, without trailing zeros (0.7, 0,7)."""
    return QLocale().toString(float(value), "g", 6)


def _span(allowed: Range) -> str:
    """`0 to 2`, `only 1`: the temperatures a model takes."""
    if allowed.low == allowed.high:
        return translate("TemperatureRange", "only {value}").format(value=_value(allowed.low))
    return translate("TemperatureRange", "{low} to {high}").format(low=_value(allowed.low), high=_value(allowed.high))


def fit_temperature(controls: TemperatureControls, wanted: float | None, provider: str, model: str) -> None:
    """Limit the spin box to the range `model` at `provider` takes, the same range the command line checks.

    A model that takes no temperature but its default gets the control turned off, with the reason; a value set
    before that lies outside the range is brought inside it, and the note says so."""
    check, spin, note = controls.temperature_check, controls.temperature_spin, controls.temperature_note
    allowed = temperature_range(provider, model)
    who = model or translate("TemperatureRange", "this model")
    if allowed == NO_TEMPERATURE:
        check.setChecked(False)
        check.setEnabled(False)
        spin.setEnabled(False)
        spin.setRange(allowed.low, allowed.high)
        spin.setValue(allowed.low)
        reason = translate("TemperatureRange", "{model} takes no temperature but its default, {value}: none is "
                           "sent.").format(model=who, value=_value(allowed.low))
        note.setText(reason)
        for widget in (check, spin):
            widget.setToolTip(reason)
        return
    spin.setRange(allowed.low, allowed.high)
    tip = translate("TemperatureRange", "{model} takes a temperature from {range} (unset: the provider's "
                    "default)").format(model=who, range=_span(allowed))
    for widget in (check, spin):
        widget.setToolTip(tip)
    if wanted is not None and wanted not in allowed:
        spin.setValue(min(max(wanted, allowed.low), allowed.high))
        note.setText(translate("TemperatureRange", "The temperature was {wanted}, outside the {range} {model} takes: "
                               "it is now {value}.").format(wanted=_value(wanted), range=_span(allowed), model=who,
                                                            value=_value(spin.value())))
    else:
        note.setText(translate("TemperatureRange", "From {range} for {model}.").format(range=_span(allowed), model=who))
