"""The temperature control of a parameters dialog, fitted to what the provider and model take (core's ranges)."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel

from app.core.param_ranges import NO_TEMPERATURE, temperature_range


class TemperatureControls(Protocol):
    temperature_check: QCheckBox
    temperature_spin: QDoubleSpinBox
    temperature_note: QLabel


def fit_temperature(controls: TemperatureControls, wanted: float | None, provider: str, model: str) -> None:
    """Limit the spin box to the range `model` at `provider` takes, the same range the command line checks.

    A model that takes no temperature but its default gets the control turned off, with the reason; a value set
    before that lies outside the range is brought inside it, and the note says so."""
    check, spin, note = controls.temperature_check, controls.temperature_spin, controls.temperature_note
    allowed = temperature_range(provider, model)
    who = model or "this model"
    if allowed == NO_TEMPERATURE:
        check.setChecked(False)
        check.setEnabled(False)
        spin.setEnabled(False)
        spin.setRange(allowed.low, allowed.high)
        spin.setValue(allowed.low)
        reason = f"{who} takes no temperature but its default, {allowed.low:g}: none is sent."
        note.setText(reason)
        for widget in (check, spin):
            widget.setToolTip(reason)
        return
    spin.setRange(allowed.low, allowed.high)
    tip = f"{who} takes a temperature from {allowed.describe()} (unset: the provider's default)"
    for widget in (check, spin):
        widget.setToolTip(tip)
    if wanted is not None and wanted not in allowed:
        spin.setValue(min(max(wanted, allowed.low), allowed.high))
        note.setText(f"The temperature was {wanted:g}, outside the {allowed.describe()} {who} takes: it is now "
                     f"{spin.value():g}.")  # fmt: skip
    else:
        note.setText(f"From {allowed.describe()} for {who}.")
