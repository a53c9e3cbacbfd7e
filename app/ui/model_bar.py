"""The row above the transcript: preset, provider, model and base URL, and what the conversation has cost."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSizePolicy, QToolButton, QWidget

from .elided import ElidedLabel
from .i18n import say, translate
from .style import SPACE, flat, set_icon

if TYPE_CHECKING:
    from app.core.settings import Preset

    from .chat_controller import ProviderChoice

DEFAULT_PROVIDER = "openai"
AZURE_PLACEHOLDER = "https://NAME.openai.azure.com"


class FittingButton(QToolButton):
    """A tool button whose words beside its icon give up room in a narrow window: shortened with "…", then the
    icon alone (the whole text stays `text()` and in the tooltip). Its size hints never depend on its width."""

    def __init__(self) -> None:
        super().__init__()
        self._full = ""
        self._beside = False
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # may shrink to its icon

    def show_text(self, text: str, *, beside: bool) -> None:
        self._full, self._beside = text, beside
        super().setText(text)
        self.updateGeometry()
        self._fit()

    def text(self) -> str:
        return self._full or super().text()

    def minimumSizeHint(self) -> QSize:  # the icon alone
        return QSize(self.iconSize().width() + 12, super().sizeHint().height())

    def sizeHint(self) -> QSize:  # the icon and the whole text beside it
        if not self._beside:
            return self.minimumSizeHint()
        return QSize(self.iconSize().width() + self.fontMetrics().horizontalAdvance(self._full) + 20,
                     super().sizeHint().height())  # fmt: skip

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.width() - self.iconSize().width() - 20  # for the words, beside the icon
        metrics = self.fontMetrics()
        shown = ""
        if self._beside and room >= metrics.horizontalAdvance("W" * 4):
            shown = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, room)
        style = Qt.ToolButtonStyle.ToolButtonTextBesideIcon if shown else Qt.ToolButtonStyle.ToolButtonIconOnly
        if self.toolButtonStyle() != style:
            self.setToolButtonStyle(style)
        if super().text() != (shown or self._full):
            super().setText(shown or self._full)


class ModelBar(QWidget):
    """Each provider keeps its own model names (most recent first) and base URL while another is shown."""

    changed = Signal()  # the provider or the model text changed (the next request's cost is estimated again)
    preset_chosen = Signal(object)  # the Preset picked, or None for "No preset"
    not_offered = Signal(str)  # a provider asked for that is not among the providers (a sentence to show)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices: dict[str, ProviderChoice] = {}
        self._models: dict[str, list[str]] = {}  # typed model names per provider, most recent first
        self._base_urls: dict[str, str] = {}
        self._shown_provider = ""
        self._presets: list[Preset] = []

        self.setObjectName("modelBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.provider_box = QComboBox()
        self.provider_box.setObjectName("provider")
        self.provider_box.setAccessibleName(translate("ModelBar", "Provider"))
        self.provider_box.setToolTip(translate("ModelBar", "The provider to ask (turn providers on and add keys in "
                                                           "Ctrl+,)"))
        self.provider_box.setMinimumContentsLength(10)
        self.provider_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_box = QComboBox()
        self.model_box.setObjectName("model")
        self.model_box.setAccessibleName(translate("ModelBar", "Model"))
        self.model_box.setToolTip(translate("ModelBar", "The model to ask: type its name, or choose one from the "
                                               "list (Ctrl+K)"))
        self.model_box.setEditable(True)
        self.model_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_box.setMinimumContentsLength(12)
        self.model_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_edit().setPlaceholderText(translate("ModelBar", "model name, e.g. gpt-4o-mini"))
        self.base_url_edit = QLineEdit()
        self.base_url_edit.setObjectName("base_url")
        self.base_url_edit.setClearButtonEnabled(True)
        self.base_url_edit.setToolTip(translate("ModelBar", "Optional: another server speaking this provider's "
                                                            "protocol"))
        self.base_url_edit.setAccessibleName(translate("ModelBar", "Base URL"))
        self.base_url_edit.setMinimumWidth(120)
        self.base_url_button = flat(QToolButton())
        self.base_url_button.setObjectName("show_base_url")
        self.base_url_button.setCheckable(True)
        self.base_url_button.setAccessibleName(translate("ModelBar", "Base URL"))
        self.base_url_button.setToolTip(translate("ModelBar", "Use another server for this provider: show the base "
                                                     "URL field"))
        set_icon(self.base_url_button, "server")
        self.preset_box = QComboBox()
        self.preset_box.setObjectName("preset")
        self.preset_box.setToolTip(translate("ModelBar", "A saved preset: provider, model, system prompt, parameters "
                                                "and fallbacks"))
        self.preset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.preset_box.setAccessibleName(translate("ModelBar", "Preset"))
        self.preset_box.addItem(translate("ModelBar", "No preset"), None)
        self.preset_box.setVisible(False)  # shown once presets exist
        self.choose_model_button = flat(QToolButton())
        self.choose_model_button.setObjectName("choose_model")
        self.choose_model_button.setText(translate("ModelBar", "Models…"))
        self.choose_model_button.setAccessibleName(translate("ModelBar", "Choose a model"))
        self.choose_model_button.setToolTip(translate("ModelBar", "Choose from your providers' model lists, with "
                                                                  "prices "
                                                         "and context (Ctrl+K)"))
        set_icon(self.choose_model_button, "list")
        self.params_button = flat(FittingButton())
        self.params_button.setObjectName("parameters")
        self.params_button.show_text(translate("ModelBar", "Parameters…"), beside=False)
        self.params_button.setAccessibleName(translate("ModelBar", "Conversation parameters"))
        self.params_button.setToolTip(self._params_tip())
        set_icon(self.params_button, "sliders-horizontal")
        self.total_label = ElidedLabel("")
        self.total_label.setObjectName("conversation_total")
        self.total_label.setProperty("pill", True)
        self.total_label.setToolTip(translate("ModelBar", "What this conversation has cost so far, from the spend "
                                                          "ledger"))
        self.total_label.setAccessibleName(translate("ModelBar", "Cost of this conversation"))

        row = QHBoxLayout(self)
        row.setContentsMargins(SPACE[3], SPACE[1], SPACE[3], SPACE[1])
        row.setSpacing(SPACE[1])
        row.addWidget(self.preset_box)
        row.addWidget(self.provider_box)
        row.addWidget(self.model_box, 1)
        row.addWidget(self.choose_model_button)
        row.addWidget(self.params_button)
        row.addWidget(self.base_url_button)
        row.addWidget(self.base_url_edit, 2)
        row.addStretch(0)
        row.addWidget(self.total_label)
        self.base_url_edit.setVisible(False)
        self.base_url_button.toggled.connect(self._show_base_url)
        self.base_url_edit.textChanged.connect(self._base_url_typed)

        self.provider_box.currentIndexChanged.connect(self._provider_changed)
        self.provider_box.currentIndexChanged.connect(self.changed)
        self.model_box.editTextChanged.connect(self.changed)
        self.preset_box.activated.connect(lambda _index: self.preset_chosen.emit(self.current_preset()))

    def _show_base_url(self, shown: bool) -> None:
        self.base_url_edit.setVisible(shown)
        if shown:
            self.base_url_edit.setFocus()

    def _base_url_typed(self, text: str) -> None:
        """A base URL in use is always shown (its field opens by itself when one is set)."""
        if text and not self.base_url_button.isChecked():
            self.base_url_button.setChecked(True)

    def show_params(self, summary: str) -> None:
        """A few words on what differs from the provider's defaults (the conversation's parameters)."""
        summary = say(summary)
        short = summary if len(summary) <= 40 else summary[:38] + "…"
        # Only what differs is worth the room; the defaults are the icon alone (the tooltip says which button).
        self.params_button.show_text(translate("ModelBar", "Parameters: {summary}").format(summary=short) if summary
                                     else translate("ModelBar", "Parameters…"), beside=bool(summary))  # fmt: skip
        self.params_button.setToolTip((summary + "\n" if summary else "") + self._params_tip())

    @staticmethod
    def _params_tip() -> str:
        return translate("ModelBar", "This conversation's system prompt, temperature, max tokens… (Ctrl+Shift+P)")

    def model_edit(self) -> QLineEdit:
        edit = self.model_box.lineEdit()
        assert edit is not None  # the box is editable
        return edit

    # -- what is chosen ---------------------------------------------------------------------------------
    def fields(self) -> tuple[str, str, str]:
        """(provider, model, base URL) as typed."""
        return self.current_provider(), self.model_box.currentText(), self.base_url_edit.text()

    def current_provider(self) -> str:
        data = self.provider_box.currentData()
        return data if isinstance(data, str) else ""

    def provider_name(self, provider: str) -> str:
        """A provider's name as people read it ("LM Studio", not "lmstudio")."""
        choice = self._choices.get(provider)
        return choice.name if choice else provider

    def recent_models(self) -> list[tuple[str, str]]:
        """(provider, model) pairs typed so far, most recent first per provider."""
        return [(p, m) for p, names in self._models.items() for m in names]

    # -- providers ----------------------------------------------------------------------------------------
    def set_providers(self, choices: Sequence[ProviderChoice], current: str = DEFAULT_PROVIDER) -> None:
        self._choices = {c.id: c for c in choices}
        self.provider_box.blockSignals(True)
        self.provider_box.clear()
        for c in choices:
            self.provider_box.addItem(translate("ModelBar", "{service} (local)").format(service=c.name)
                                      if c.keyless else c.name, c.id)
        self.provider_box.blockSignals(False)
        self.select_provider(current if current in self._choices else (choices[0].id if choices else ""))
        self._provider_changed()

    def select_provider(self, provider_id: str) -> None:
        index = self.provider_box.findData(provider_id)
        if index >= 0:
            self.provider_box.setCurrentIndex(index)

    def select_model(self, provider: str, model: str) -> bool:
        """Point the pickers at a provider and model (what the model picker and presets do)."""
        if self.provider_box.findData(provider) < 0:
            self.not_offered.emit(translate("ModelBar", "{service} is not among the providers; add it in the "
                                           "settings.").format(service=provider))
            return False
        self.select_provider(provider)
        self._provider_changed()
        self.remember_model(provider, model)
        self.model_box.setEditText(model)
        return True

    def _provider_changed(self) -> None:
        """Each provider keeps its own model names and base URL."""
        old, new = self._shown_provider, self.current_provider()
        if old == new:
            return
        if old:
            self._base_urls[old] = self.base_url_edit.text()
            self.remember_model(old, self.model_box.currentText())
        self._shown_provider = new
        choice = self._choices.get(new)
        default = choice.base_url if choice and choice.base_url else AZURE_PLACEHOLDER
        self.base_url_edit.setPlaceholderText(translate("ModelBar", "{url}  (default)").format(url=default))
        self.base_url_edit.setText(self._base_urls.get(new, ""))
        self.model_box.clear()
        self.model_box.addItems(self._models.get(new, []))
        self.model_box.setEditText(self._models.get(new, [""])[0])

    def remember_model(self, provider: str, model: str) -> None:
        model = model.strip()
        if not model:
            return
        names = self._models.setdefault(provider, [])
        if model in names:
            names.remove(model)
        names.insert(0, model)
        if provider == self._shown_provider and self.model_box.findText(model) < 0:
            self.model_box.insertItem(0, model)

    def remember_base_url(self, provider: str) -> None:
        """The base URL typed for the provider shown is the one it keeps."""
        if provider == self._shown_provider:
            self._base_urls[provider] = self.base_url_edit.text()

    # -- presets ------------------------------------------------------------------------------------------
    def set_presets(self, presets: Sequence[Preset]) -> None:
        """The presets to offer (from the settings); the box is hidden while there are none."""
        chosen = self.preset_box.currentData()
        self._presets = list(presets)
        self.preset_box.blockSignals(True)
        self.preset_box.clear()
        self.preset_box.addItem(translate("ModelBar", "No preset"), None)
        for preset in self._presets:
            self.preset_box.addItem(preset.name, preset.name)
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(chosen)))
        self.preset_box.blockSignals(False)
        self.preset_box.setVisible(bool(self._presets))

    def current_preset(self) -> Preset | None:
        name = self.preset_box.currentData()
        return next((p for p in self._presets if p.name == name), None)

    def show_preset(self, preset: Preset) -> None:
        self.preset_box.setCurrentIndex(max(0, self.preset_box.findData(preset.name)))
