"""The settings panel's Presets page: presets and their fallback chains, unusable entries flagged."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
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

from .i18n import say, translate
from .list_form import ListForm
from .search_switch import cannot_search, off_tip
from .settings_state import PanelState, provider_ids, spec_for
from .settings_widgets import FLAG, float_spin, problem_label


class PresetsPage(QWidget):
    """The Presets tab: named provider, model and parameters, each with a fallback chain whose unusable entries
    (an unknown or disabled provider, one without a key) are flagged where they are listed."""

    def __init__(self, state: PanelState) -> None:
        super().__init__()
        self.state = state
        self.name_edit = QLineEdit()
        self.provider_box = QComboBox()
        self.model_edit = QLineEdit()
        self.system_edit = QPlainTextEdit()
        self.system_edit.setMaximumHeight(60)
        self.system_edit.setPlaceholderText(translate("PresetsPage", "Optional system prompt"))
        self.temperature_spin = float_spin(-0.1, 2.0, 0.1, 2, "")
        self.temperature_spin.setSpecialValueText(translate("PresetsPage", "provider default"))
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setRange(0, 2_000_000)
        self.max_tokens_spin.setSpecialValueText(translate("PresetsPage", "provider default"))
        self.effort_box = QComboBox()
        self.effort_box.addItem(translate("PresetsPage", "provider default"), None)
        for effort, text in (("low", translate("PresetsPage", "low")), ("medium", translate("PresetsPage", "medium")),
                             ("high", translate("PresetsPage", "high"))):
            self.effort_box.addItem(text, effort)
        self.json_check = QCheckBox(translate("PresetsPage", "Answer in JSON"))
        self.web_search_check = QCheckBox(translate("PresetsPage", "Search the web"))
        self.web_search_check.setObjectName("preset_web_search")
        self._web_search = False  # the preset's wish, kept while the model typed cannot search
        self.model_edit.textChanged.connect(self._follow_model)
        self.provider_box.currentIndexChanged.connect(self._follow_model)
        self.tools_edit = QLineEdit()  # MCP tools the preset offers: "SERVER" or "SERVER/TOOL", comma separated
        self.tools_edit.setObjectName("presetTools")
        self.tools_edit.setPlaceholderText(translate("PresetsPage", "None: MCP servers or SERVER/TOOL entries, "
                                                                    "separated by commas"))
        self.tools_edit.setToolTip(translate("PresetsPage", "The MCP tools a chat with this preset offers (servers "
                                                            "from the MCP servers tab)"))
        self.fallback_list = QListWidget()
        self.fallback_list.setMaximumHeight(110)
        self.fallback_edit = QLineEdit()
        self.fallback_edit.setPlaceholderText(translate("PresetsPage", "PROVIDER:MODEL, for example "
                                                                       "groq:llama-3.3-70b-versatile"))
        self.fallback_edit.returnPressed.connect(self.add_fallback)
        add_fb = QPushButton(translate("PresetsPage", "Add"))
        add_fb.clicked.connect(self.add_fallback)
        remove_fb = QPushButton(translate("PresetsPage", "Remove"))
        remove_fb.clicked.connect(self._remove_fallback)
        up = QPushButton(translate("PresetsPage", "Up"))
        up.clicked.connect(lambda: self._move_fallback(-1))
        down = QPushButton(translate("PresetsPage", "Down"))
        down.clicked.connect(lambda: self._move_fallback(1))
        fb_row = QHBoxLayout()
        for w in (self.fallback_edit, add_fb, remove_fb, up, down):
            fb_row.addWidget(w, 1 if w is self.fallback_edit else 0)
        self.fallback_problems_label = problem_label()
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow(translate("PresetsPage", "Name"), self.name_edit)
        form.addRow(translate("PresetsPage", "Provider"), self.provider_box)
        form.addRow(translate("PresetsPage", "Model"), self.model_edit)
        form.addRow(translate("PresetsPage", "System prompt"), self.system_edit)
        form.addRow(translate("PresetsPage", "Temperature"), self.temperature_spin)
        form.addRow(translate("PresetsPage", "Max tokens"), self.max_tokens_spin)
        form.addRow(translate("PresetsPage", "Reasoning effort"), self.effort_box)
        form.addRow("", self.json_check)
        form.addRow("", self.web_search_check)
        form.addRow(translate("PresetsPage", "MCP tools"), self.tools_edit)
        form.addRow(translate("PresetsPage", "Fallbacks, in order"), self.fallback_list)
        form.addRow("", fb_row)
        form.addRow("", self.fallback_problems_label)
        note = translate("PresetsPage", "When the provider fails before answering (down, rate limited, overloaded), "
                                        "the fallbacks are tried in order. An entry that cannot be used is flagged "
                                        "here.")  # fmt: skip
        self.list_form = ListForm(self, form_widget, note=note, add_text=translate("PresetsPage", "Add preset"))
        self.list_form.add_button.clicked.connect(self.add_preset)
        self.list_form.remove_button.clicked.connect(self.remove_preset)
        QVBoxLayout(self).addWidget(self.list_form)
        for changed in (state.keys_read, state.enabled_changed, state.endpoints_changed):
            changed.connect(self.flag_fallbacks)
        self.list_form.refill()

    def commit(self) -> None:
        """The shown preset's fields into the draft (called before anything reads the draft)."""
        self.list_form.commit()

    def add_preset(self) -> Preset:
        self.list_form.commit()
        draft = self.state.draft
        names = {p.name for p in draft.presets}
        n = 1
        while translate("PresetsPage", "Preset {number}").format(number=n) in names:
            n += 1
        preset = Preset(translate("PresetsPage", "Preset {number}").format(number=n),
                        draft.defaults.provider or "openai", draft.defaults.model or "")
        draft.presets.append(preset)
        self.list_form.refill(len(draft.presets) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()
        return preset

    def remove_preset(self) -> None:
        index = self.list_form.take_shown()
        if index is None:
            return
        self.state.draft.presets.pop(index)
        self.list_form.refill(min(index, len(self.state.draft.presets) - 1))

    def list_items(self) -> list[QListWidgetItem]:
        return [QListWidgetItem(p.name) for p in self.state.draft.presets]

    def show_row(self, row: int | None) -> None:
        draft = self.state.draft
        p = draft.presets[row] if row is not None else Preset("", "", "")
        self.name_edit.setText(p.name)
        self.provider_box.clear()
        for pid in provider_ids(draft):
            self.provider_box.addItem(spec_for(draft, pid).name, pid)
        self.provider_box.setCurrentIndex(max(0, self.provider_box.findData(p.provider)))
        self.model_edit.setText(p.model)
        self.system_edit.setPlainText(p.system or "")
        self.temperature_spin.setValue(self.temperature_spin.minimum() if p.temperature is None else p.temperature)
        self.max_tokens_spin.setValue(p.max_tokens or 0)
        self.effort_box.setCurrentIndex(max(0, self.effort_box.findData(p.reasoning_effort)))
        self.json_check.setChecked(p.json_mode)
        self._web_search = p.web_search
        self._follow_model()
        self.tools_edit.setText(", ".join(p.tools))
        self.fallback_list.clear()
        for entry in p.fallback:
            item = QListWidgetItem(entry)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.fallback_list.addItem(item)
        self.flag_fallbacks()

    def commit_row(self, row: int) -> None:
        temperature = self.temperature_spin.value()
        provider = self.provider_box.currentData()
        old = self.state.draft.presets[row]
        new = Preset(
            name=self.name_edit.text().strip(),
            provider=provider if isinstance(provider, str) else old.provider,
            model=self.model_edit.text().strip(),
            system=self.system_edit.toPlainText() or None,
            temperature=None if temperature < 0 else round(temperature, 2),
            max_tokens=self.max_tokens_spin.value() or None,
            reasoning_effort=self.effort_box.currentData(),
            json_mode=self.json_check.isChecked(),
            fallback=self.fallback_entries(),
            web_search=self._web_search_wanted(),
            tools=[t.strip() for t in self.tools_edit.text().split(",") if t.strip()],
        )
        self.state.draft.presets[row] = new
        self.list_form.relabel(row, new.name)

    def _follow_model(self) -> None:
        """"Search the web" only for a model that can (core's table); for another, off, with the reason."""
        provider = self.provider_box.currentData()
        why = cannot_search(provider if isinstance(provider, str) else "", self.model_edit.text())
        check = self.web_search_check
        if check.isEnabled():
            self._web_search = check.isChecked()
        check.setEnabled(why is None)
        check.setChecked(why is None and self._web_search)
        check.setToolTip(off_tip(say(why)) if why else
                         translate("PresetsPage", "Chats started from this preset search the web with the provider's "
                                                  "own tool and show their sources; each search costs a fee on top of "
                                                  "tokens."))  # fmt: skip

    def _web_search_wanted(self) -> bool:
        check = self.web_search_check
        return check.isChecked() if check.isEnabled() else self._web_search

    def fallback_entries(self) -> list[str]:
        items = (self.fallback_list.item(i) for i in range(self.fallback_list.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items]

    def add_fallback(self) -> None:
        entry = self.fallback_edit.text().strip()
        if not entry or self.list_form.shown is None:
            return
        item = QListWidgetItem(entry)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        self.fallback_list.addItem(item)
        self.fallback_edit.clear()
        self.list_form.commit()
        self.flag_fallbacks()

    def _remove_fallback(self) -> None:
        row = self.fallback_list.currentRow()
        if row >= 0:
            self.fallback_list.takeItem(row)
            self.list_form.commit()
            self.flag_fallbacks()

    def _move_fallback(self, step: int) -> None:
        row = self.fallback_list.currentRow()
        if 0 <= row + step < self.fallback_list.count() and row >= 0:
            item = self.fallback_list.takeItem(row)
            self.fallback_list.insertItem(row + step, item)
            self.fallback_list.setCurrentRow(row + step)
            self.list_form.commit()
            self.flag_fallbacks()

    def flag_fallbacks(self) -> None:
        """Mark every fallback entry that cannot be used, with the reason next to it."""
        problems = fallback_problems(self.state.draft, self.fallback_entries(), self.state.has_key)
        flagged = 0
        for row, problem in enumerate(problems):
            item = self.fallback_list.item(row)
            entry = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"⚠ {entry} — {say(problem)}" if problem else entry)
            item.setToolTip(say(problem) if problem else "")
            item.setForeground(QBrush(QColor(FLAG)) if problem else QBrush())
            flagged += problem is not None
        summary = translate("PresetsPage", "{flagged} of these fallbacks cannot be used as things stand (marked ⚠): "
                                           "they are kept, and a chat that reaches them reports them. Fix or remove "
                                           "them.").format(flagged=flagged) if flagged else ""  # fmt: skip
        self.fallback_problems_label.setText(summary)

    def flagged_fallbacks(self) -> list[str]:
        """The shown preset's flagged entries as displayed (for tests and the screenshot)."""
        return [self.fallback_list.item(i).text() for i in range(self.fallback_list.count())
                if self.fallback_list.item(i).text().startswith("⚠")]  # fmt: skip
