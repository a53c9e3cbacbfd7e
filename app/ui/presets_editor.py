"""The settings panel's Presets page: presets and their fallback chains, unusable entries flagged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Preset, fallback_problems

from .settings_base import FLAG, PanelPart, float_spin, problem_label, provider_ids, spec_for


class PresetsEditor(PanelPart):
    """The Presets tab of SettingsPanel."""

    # -- presets page --------------------------------------------------------------------------------
    def _presets_page(self) -> QWidget:
        page = QWidget()
        self.preset_list = QListWidget()
        self.preset_list.setMaximumWidth(230)
        self.preset_list.currentRowChanged.connect(self._preset_row_changed)
        add = QPushButton("Add preset")
        add.clicked.connect(self.add_preset)
        self.remove_preset_button = QPushButton("Remove")
        self.remove_preset_button.clicked.connect(self.remove_preset)
        left = QVBoxLayout()
        left.addWidget(self.preset_list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_preset_button)
        left.addLayout(row)
        self.preset_name_edit = QLineEdit()
        self.preset_provider_box = QComboBox()
        self.preset_model_edit = QLineEdit()
        self.preset_system_edit = QPlainTextEdit()
        self.preset_system_edit.setMaximumHeight(60)
        self.preset_system_edit.setPlaceholderText("Optional system prompt")
        self.temperature_spin = float_spin(-0.1, 2.0, 0.1, 2, "")
        self.temperature_spin.setSpecialValueText("provider default")
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setRange(0, 2_000_000)
        self.max_tokens_spin.setSpecialValueText("provider default")
        self.effort_box = QComboBox()
        self.effort_box.addItem("provider default", None)
        for effort in ("low", "medium", "high"):
            self.effort_box.addItem(effort, effort)
        self.json_check = QCheckBox("Answer in JSON")
        self.fallback_list = QListWidget()
        self.fallback_list.setMaximumHeight(110)
        self.fallback_edit = QLineEdit()
        self.fallback_edit.setPlaceholderText("PROVIDER:MODEL, for example groq:llama-3.3-70b-versatile")
        self.fallback_edit.returnPressed.connect(self.add_fallback)
        add_fb = QPushButton("Add")
        add_fb.clicked.connect(self.add_fallback)
        remove_fb = QPushButton("Remove")
        remove_fb.clicked.connect(self._remove_fallback)
        up = QPushButton("Up")
        up.clicked.connect(lambda: self._move_fallback(-1))
        down = QPushButton("Down")
        down.clicked.connect(lambda: self._move_fallback(1))
        fb_row = QHBoxLayout()
        for w in (self.fallback_edit, add_fb, remove_fb, up, down):
            fb_row.addWidget(w, 1 if w is self.fallback_edit else 0)
        self.fallback_problems_label = problem_label()
        self.preset_form = QWidget()
        form = QFormLayout(self.preset_form)
        form.addRow("Name", self.preset_name_edit)
        form.addRow("Provider", self.preset_provider_box)
        form.addRow("Model", self.preset_model_edit)
        form.addRow("System prompt", self.preset_system_edit)
        form.addRow("Temperature", self.temperature_spin)
        form.addRow("Max tokens", self.max_tokens_spin)
        form.addRow("Reasoning effort", self.effort_box)
        form.addRow("", self.json_check)
        form.addRow("Fallbacks, in order", self.fallback_list)
        form.addRow("", fb_row)
        form.addRow("", self.fallback_problems_label)
        note = QLabel("When the provider fails before answering (down, rate limited, overloaded), the fallbacks "
                      "are tried in order. An entry that cannot be used is flagged here.")  # fmt: skip
        note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(note)
        right.addWidget(self.preset_form)
        right.addStretch(1)
        layout = QHBoxLayout(page)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        return page

    def _fill_preset_list(self, select: int | None = None) -> None:
        self.preset_list.blockSignals(True)
        self.preset_list.clear()
        for p in self.draft.presets:
            self.preset_list.addItem(p.name)
        self.preset_list.blockSignals(False)
        self._shown_preset = None
        if select is not None and 0 <= select < len(self.draft.presets):
            self.preset_list.setCurrentRow(select)
        self._preset_row_changed(self.preset_list.currentRow())

    def add_preset(self) -> Preset:
        self._commit_preset()
        names = {p.name for p in self.draft.presets}
        n = 1
        while f"Preset {n}" in names:
            n += 1
        preset = Preset(f"Preset {n}", self.draft.defaults.provider or "openai", self.draft.defaults.model or "")
        self.draft.presets.append(preset)
        self._fill_preset_list(len(self.draft.presets) - 1)
        self.preset_name_edit.setFocus()
        self.preset_name_edit.selectAll()
        return preset

    def remove_preset(self) -> None:
        index = self._shown_preset
        if index is None:
            return
        self._shown_preset = None
        self.draft.presets.pop(index)
        self._fill_preset_list(min(index, len(self.draft.presets) - 1))

    def _preset_row_changed(self, row: int) -> None:
        self._commit_preset()
        valid = 0 <= row < len(self.draft.presets)
        self.preset_form.setEnabled(valid)
        self.remove_preset_button.setEnabled(valid)
        self._shown_preset = row if valid else None
        p = self.draft.presets[row] if valid else Preset("", "", "")
        self.preset_name_edit.setText(p.name)
        self.preset_provider_box.clear()
        for pid in provider_ids(self.draft):
            self.preset_provider_box.addItem(spec_for(self.draft, pid).name, pid)
        self.preset_provider_box.setCurrentIndex(max(0, self.preset_provider_box.findData(p.provider)))
        self.preset_model_edit.setText(p.model)
        self.preset_system_edit.setPlainText(p.system or "")
        self.temperature_spin.setValue(self.temperature_spin.minimum() if p.temperature is None else p.temperature)
        self.max_tokens_spin.setValue(p.max_tokens or 0)
        self.effort_box.setCurrentIndex(max(0, self.effort_box.findData(p.reasoning_effort)))
        self.json_check.setChecked(p.json_mode)
        self.fallback_list.clear()
        for entry in p.fallback:
            item = QListWidgetItem(entry)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.fallback_list.addItem(item)
        self._flag_fallbacks()

    def _commit_preset(self) -> None:
        index = self._shown_preset
        if index is None or index >= len(self.draft.presets):
            return
        temperature = self.temperature_spin.value()
        provider = self.preset_provider_box.currentData()
        old = self.draft.presets[index]
        new = Preset(
            name=self.preset_name_edit.text().strip(),
            provider=provider if isinstance(provider, str) else old.provider,
            model=self.preset_model_edit.text().strip(),
            system=self.preset_system_edit.toPlainText() or None,
            temperature=None if temperature < 0 else round(temperature, 2),
            max_tokens=self.max_tokens_spin.value() or None,
            reasoning_effort=self.effort_box.currentData(),
            json_mode=self.json_check.isChecked(),
            fallback=self.fallback_entries(),
        )
        self.draft.presets[index] = new
        if new.name != old.name and self.preset_list.item(index) is not None:
            self.preset_list.item(index).setText(new.name)

    def fallback_entries(self) -> list[str]:
        items = (self.fallback_list.item(i) for i in range(self.fallback_list.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items]

    def add_fallback(self) -> None:
        entry = self.fallback_edit.text().strip()
        if not entry or self._shown_preset is None:
            return
        item = QListWidgetItem(entry)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        self.fallback_list.addItem(item)
        self.fallback_edit.clear()
        self._commit_preset()
        self._flag_fallbacks()

    def _remove_fallback(self) -> None:
        row = self.fallback_list.currentRow()
        if row >= 0:
            self.fallback_list.takeItem(row)
            self._commit_preset()
            self._flag_fallbacks()

    def _move_fallback(self, step: int) -> None:
        row = self.fallback_list.currentRow()
        if 0 <= row + step < self.fallback_list.count() and row >= 0:
            item = self.fallback_list.takeItem(row)
            self.fallback_list.insertItem(row + step, item)
            self.fallback_list.setCurrentRow(row + step)
            self._commit_preset()
            self._flag_fallbacks()

    def _has_key(self, provider_id: str) -> bool:
        return self.key_info.get(provider_id, (None, None))[0] is not None

    def _flag_fallbacks(self) -> None:
        """Mark every fallback entry that cannot be used, with the reason next to it."""
        problems = fallback_problems(self.draft, self.fallback_entries(), self._has_key)
        flagged = 0
        for row, problem in enumerate(problems):
            item = self.fallback_list.item(row)
            entry = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"⚠ {entry} — {problem}" if problem else entry)
            item.setToolTip(problem or "")
            item.setForeground(QBrush(QColor(FLAG)) if problem else QBrush())
            flagged += problem is not None
        summary = f"{flagged} of these fallbacks cannot be used as things stand (marked ⚠): they are kept, and " \
                  "a chat that reaches them reports them. Fix or remove them." if flagged else ""  # fmt: skip
        self.fallback_problems_label.setText(summary)

    def flagged_fallbacks(self) -> list[str]:
        """The shown preset's flagged entries as displayed (for tests and the screenshot)."""
        return [self.fallback_list.item(i).text() for i in range(self.fallback_list.count())
                if self.fallback_list.item(i).text().startswith("⚠")]  # fmt: skip
