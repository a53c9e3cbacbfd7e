"""The conversation's own settings: system prompt, temperature, max tokens, reasoning effort and JSON mode."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.capabilities import supports_reasoning_effort
from app.core.chat_params import EFFORTS, ChatParams

from .i18n import translate
from .temperature_range import fit_temperature

MAX_TOKENS_LIMIT = 1_000_000


def effort_name(effort: str) -> str:
    """A reasoning effort ("low", "medium", "high": the value sent) in the window's language."""
    names = {"low": translate("ChatParamsDialog", "low"), "medium": translate("ChatParamsDialog", "medium"),
             "high": translate("ChatParamsDialog", "high")}  # fmt: skip
    return names.get(effort, effort)


class ChatParamsDialog(QDialog):
    """Edits one conversation's parameters; `params()` reads them back. Left unset, the provider decides."""

    def __init__(self, params: ChatParams, provider: str, model: str, parent: QWidget | None = None, *,
                 provider_name: str = "") -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(translate("ChatParamsDialog", "Conversation settings"))
        self._web_search = params.web_search  # set by the composer's globe switch, kept as it is here
        self.system_edit = QPlainTextEdit(params.system or "")
        self.system_edit.setObjectName("system_prompt")
        self.system_edit.setPlaceholderText(translate("ChatParamsDialog", "Optional: instructions the model follows "
                                                                          "throughout this conversation"))
        self.system_edit.setTabChangesFocus(True)
        self.temperature_check = QCheckBox(translate("ChatParamsDialog", "Set"))
        self.temperature_check.setObjectName("temperature_set")
        self.temperature_spin = QDoubleSpinBox()
        self.temperature_spin.setObjectName("temperature")
        self.temperature_spin.setSingleStep(0.1)
        self.temperature_spin.setDecimals(2)
        self.temperature_spin.setValue(params.temperature if params.temperature is not None else 1.0)
        self.temperature_check.setChecked(params.temperature is not None)
        self.temperature_spin.setEnabled(params.temperature is not None)
        self.temperature_check.toggled.connect(self.temperature_spin.setEnabled)
        self.temperature_note = QLabel("")
        self.temperature_note.setObjectName("temperature_note")
        self.temperature_note.setWordWrap(True)
        fit_temperature(self, params.temperature, provider, model)
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setObjectName("max_tokens")
        self.max_tokens_spin.setRange(0, MAX_TOKENS_LIMIT)
        self.max_tokens_spin.setSingleStep(256)
        self.max_tokens_spin.setSpecialValueText(translate("ChatParamsDialog", "provider default"))
        self.max_tokens_spin.setValue(params.max_tokens or 0)
        self.effort_box = QComboBox()
        self.effort_box.setObjectName("reasoning_effort")
        self.effort_box.addItem(translate("ChatParamsDialog", "provider default"), None)
        for effort in EFFORTS:
            self.effort_box.addItem(effort_name(effort), effort)
        self.effort_box.setCurrentIndex(max(0, self.effort_box.findData(params.reasoning_effort)))
        self.json_check = QCheckBox(translate("ChatParamsDialog", "Answer in JSON"))
        self.json_check.setObjectName("json_mode")
        self.json_check.setChecked(params.json_mode)
        self.json_check.setToolTip(translate("ChatParamsDialog", "Asks the provider for a JSON object as the answer "
                                                                 "(describe it in the prompt)"))
        reasons = supports_reasoning_effort(provider, model)
        effort_note = QLabel("")
        effort_note.setWordWrap(True)
        if reasons is False:
            self.effort_box.setEnabled(False)
            effort_note.setText(translate("ChatParamsDialog", "{model} does not take a reasoning effort; none is "
                                          "sent.").format(model=model))
        elif reasons is None:
            effort_note.setText(translate("ChatParamsDialog", "Used by reasoning models only; whether this one takes "
                                                              "it is not known."))
        self.effort_note = effort_note

        temperature_row = QHBoxLayout()
        temperature_row.addWidget(self.temperature_check)
        temperature_row.addWidget(self.temperature_spin, 1)
        form = QFormLayout()
        form.addRow(translate("ChatParamsDialog", "&System prompt"), self.system_edit)
        form.addRow(translate("ChatParamsDialog", "&Temperature"), temperature_row)
        form.addRow("", self.temperature_note)
        form.addRow(translate("ChatParamsDialog", "&Max output tokens"), self.max_tokens_spin)
        form.addRow(translate("ChatParamsDialog", "&Reasoning effort"), self.effort_box)
        form.addRow("", effort_note)
        form.addRow("", self.json_check)
        for field in (self.system_edit, self.max_tokens_spin, self.effort_box):
            buddy = form.labelForField(field)
            if isinstance(buddy, QLabel):
                buddy.setBuddy(field)
        temperature_label = form.labelForField(temperature_row)  # a row of two: Alt+T goes to its checkbox
        if isinstance(temperature_label, QLabel):
            temperature_label.setBuddy(self.temperature_check)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults)  # fmt: skip
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        restore = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self.restore_defaults)
        column = QVBoxLayout(self)
        who = f"{provider_name or provider} · {model}"
        scope = QLabel(translate("ChatParamsDialog", "For this conversation only; applies to its next requests "
                                 "({model}).").format(model=who))
        scope.setWordWrap(True)  # longer languages wrap rather than widen the dialog
        column.addWidget(scope)
        column.addLayout(form)
        column.addWidget(buttons)
        self.resize(520, 420)

    def restore_defaults(self) -> None:
        self.system_edit.clear()
        self.temperature_check.setChecked(False)
        self.max_tokens_spin.setValue(0)
        self.effort_box.setCurrentIndex(0)
        self.json_check.setChecked(False)

    def params(self) -> ChatParams:
        effort = self.effort_box.currentData() if self.effort_box.isEnabled() else None
        system = self.system_edit.toPlainText()
        temperature = self.temperature_check.isEnabled() and self.temperature_check.isChecked()
        return ChatParams(system=system if system.strip() else None,
                          temperature=self.temperature_spin.value() if temperature else None,
                          max_tokens=self.max_tokens_spin.value() or None,
                          reasoning_effort=effort if effort in EFFORTS else None,
                          json_mode=self.json_check.isChecked(), web_search=self._web_search)  # fmt: skip
