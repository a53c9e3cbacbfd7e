"""One pane of the comparison panel: its target editors, its streamed answer, its figures and buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollBar,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from .compare_controller import PaneTarget
from .i18n import translate
from .style import SPACE, flat, set_icon
from .transcript import TranscriptView

if TYPE_CHECKING:
    from app.core.settings import Preset


class PaneWidget(QFrame):
    """One target: provider and model on top, its streamed answer, its figures, its own buttons."""

    def __init__(self, position: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"pane{position}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("paneLabel")
        self.label.setProperty("heading", True)
        self.provider_box = QComboBox()
        self.provider_box.setMinimumContentsLength(8)
        self.provider_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_edit = QLineEdit()
        self.model_edit.setPlaceholderText(translate("PaneWidget", "model (or model@http://host/v1)"))
        self.temperature_edit = QLineEdit()
        self.temperature_edit.setObjectName("paneTemperature")
        self.temperature_edit.setPlaceholderText(translate("PaneWidget", "temp."))
        self.temperature_edit.setToolTip(translate("PaneWidget", "Temperature, 0 to 2. Empty: the provider's default."))
        metrics = self.temperature_edit.fontMetrics()
        self.temperature_edit.setFixedWidth(metrics.horizontalAdvance(self.temperature_edit.placeholderText() + " ")
                                            + 28)
        self.max_tokens_edit = QLineEdit()
        self.max_tokens_edit.setObjectName("paneMaxTokens")
        self.max_tokens_edit.setPlaceholderText(translate("PaneWidget", "max tok."))
        self.max_tokens_edit.setToolTip(translate("PaneWidget", "The longest answer, in tokens. Empty: the provider's "
                                                                "default."))
        self.max_tokens_edit.setValidator(QIntValidator(1, 2_000_000_000, self.max_tokens_edit))
        self.max_tokens_edit.setFixedWidth(metrics.horizontalAdvance(self.max_tokens_edit.placeholderText() + " ") + 28)
        self.effort_box = QComboBox()
        self.effort_box.setToolTip(translate("PaneWidget", "Reasoning effort (low, medium or high), for models that "
                                                           "think before answering. “effort”: the provider's default."))
        self.effort_box.addItem(translate("PaneWidget", "effort"), None)  # the provider's default
        for effort, text in (("low", translate("PaneWidget", "low")), ("medium", translate("PaneWidget", "medium")),
                             ("high", translate("PaneWidget", "high"))):
            self.effort_box.addItem(text, effort)
        self.effort_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.effort_box.setMinimumContentsLength(5)
        self.json_box = QCheckBox(translate("PaneWidget", "JSON"))
        self.json_box.setToolTip(translate("PaneWidget", "Ask for a JSON answer (JSON mode)"))
        self.preset_box = QComboBox()
        self.preset_box.setObjectName("panePreset")
        self.preset_box.setToolTip(translate("PaneWidget", "Fill this pane from a saved preset: provider, model, "
                                                         "parameters and fallbacks"))
        self.preset_box.setVisible(False)  # only when there are presets
        self.preset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.preset_box.setMinimumContentsLength(6)
        self.preset_box.activated.connect(self._preset_chosen)
        self._presets: list[Preset] = []
        self.system: str | None = None  # from a preset
        self.fallbacks: tuple[str, ...] = ()  # from a preset: tried in order when this pane's target fails
        self.fallback_label = QLabel()
        self.fallback_label.setObjectName("paneFallbacks")
        self.fallback_label.setVisible(False)
        self.remove_button = flat(QToolButton())
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(translate("PaneWidget", "Remove this pane"))
        self.remove_button.setAccessibleName(translate("PaneWidget", "Remove this pane"))
        set_icon(self.remove_button, "x")
        self.view = TranscriptView()
        self.view.setPlaceholderText(translate("PaneWidget", "The answer streams here."))
        # Its scroll bar stays: each run empties the pane and fills it past its height, and a bar that went and
        # came back changed the text's width twice, so the answer was laid out again beside its neighbours'. With
        # nothing to scroll it shows no handle.
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        bar = self.view.verticalScrollBar()
        bar.rangeChanged.connect(lambda _low, high: _show_handle(bar, high > 0))
        _show_handle(bar, bar.maximum() > 0)
        self.metrics = QLabel()
        self.metrics.setObjectName("paneMetrics")
        self.metrics.setWordWrap(True)
        self.metrics.setMinimumHeight(2 * self.metrics.fontMetrics().lineSpacing())  # panes stay level
        self.metrics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stop_button = QPushButton(translate("PaneWidget", "Stop"))
        self.stop_button.setToolTip(translate("PaneWidget", "Stop this pane's answer; what arrived is kept"))
        self.retry_button = QPushButton(translate("PaneWidget", "Retry"))
        self.retry_button.setToolTip(translate("PaneWidget", "Ask this pane's target again"))
        self.vote_button = QPushButton(translate("PaneWidget", "Best"))
        self.vote_button.setToolTip(translate("PaneWidget",
                                              "This answer is the best one (recorded for the leaderboard)"))
        self.continue_button = QPushButton(translate("PaneWidget", "Continue"))
        self.continue_button.setToolTip(translate("PaneWidget", "Continue with this answer as a normal conversation"))
        for button, name in ((self.stop_button, "circle-stop"), (self.retry_button, "refresh-cw"),
                             (self.vote_button, "trophy"), (self.continue_button, "message-square-plus")):  # fmt: skip
            set_icon(button, name)
        self.provider_box.setAccessibleName(translate("PaneWidget", "Provider"))
        self.model_edit.setAccessibleName(translate("PaneWidget", "Model"))
        self.temperature_edit.setAccessibleName(translate("PaneWidget", "Temperature"))
        self.max_tokens_edit.setAccessibleName(translate("PaneWidget", "Max tokens"))
        self.effort_box.setAccessibleName(translate("PaneWidget", "Reasoning effort"))
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # a long title elides
        heading = QHBoxLayout()
        heading.addWidget(self.label, 1)
        heading.addWidget(self.remove_button)
        top = QHBoxLayout()
        top.addWidget(self.provider_box, 2)
        top.addWidget(self.model_edit, 3)
        self.params_row = QWidget()
        params = QHBoxLayout(self.params_row)
        params.setContentsMargins(0, 0, 0, 0)
        params.setSpacing(4)
        for w in (self.preset_box, self.temperature_edit, self.max_tokens_edit, self.effort_box, self.json_box,
                  self.fallback_label):  # fmt: skip
            params.addWidget(w)
        params.addStretch(1)
        buttons = QHBoxLayout()
        for b in (self.stop_button, self.retry_button, self.vote_button, self.continue_button):
            b.setMinimumWidth(b.fontMetrics().horizontalAdvance(b.text()) + 44)  # text, icon and padding
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE[1], SPACE[1], SPACE[1], SPACE[1])
        layout.setSpacing(SPACE[0] + 2)
        layout.addLayout(heading)
        layout.addLayout(top)
        layout.addWidget(self.params_row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.metrics)
        layout.addLayout(buttons)
        self.set_running(False, finished=False)

    def target(self) -> PaneTarget:
        """What this pane asks. A parameter whose text does not parse is left out (see `params_problem`)."""
        temperature = _number(self.temperature_edit.text())
        max_tokens = _whole(self.max_tokens_edit.text())
        return PaneTarget(str(self.provider_box.currentData() or ""), self.model_edit.text(),
                          temperature=temperature if temperature is not None and 0 <= temperature <= 2 else None,
                          max_tokens=max_tokens if max_tokens is not None and max_tokens >= 1 else None,
                          reasoning_effort=self.effort_box.currentData(),
                          json_mode=self.json_box.isChecked(), system=self.system,
                          fallbacks=self.fallbacks)  # fmt: skip

    def params_problem(self) -> str | None:
        """Why a parameter typed in this pane cannot be sent, in plain words (None: all fine)."""
        text = self.temperature_edit.text().strip()
        value = _number(text)
        if text and (value is None or not 0 <= value <= 2):
            return translate("PaneWidget", "the temperature must be a number from 0 to 2 (not \u201c{text}\u201d)"
                             ).format(text=text)
        text = self.max_tokens_edit.text().strip()
        count = _whole(text)
        if text and (count is None or count < 1):
            return translate("PaneWidget", "max tokens must be a whole number of at least 1 (not \u201c{text}\u201d)"
                             ).format(text=text)
        return None

    def set_target(self, target: PaneTarget) -> None:
        i = self.provider_box.findData(target.provider)
        self.provider_box.setCurrentIndex(max(i, 0))
        self.model_edit.setText(target.model)
        self.model_edit.home(False)  # the model name first, not the tail of a base URL
        self.temperature_edit.setText("" if target.temperature is None else f"{target.temperature:g}")
        self.max_tokens_edit.setText("" if target.max_tokens is None else str(target.max_tokens))
        self.effort_box.setCurrentIndex(max(self.effort_box.findData(target.reasoning_effort), 0))
        self.json_box.setChecked(target.json_mode)
        self.system = target.system
        self._show_fallbacks(target.fallbacks)

    # -- presets ---------------------------------------------------------------------------------
    def set_presets(self, presets: list[Preset]) -> None:
        self._presets = list(presets)
        self.preset_box.clear()
        self.preset_box.addItem(translate("PaneWidget", "preset…"), None)
        for preset in presets:
            self.preset_box.addItem(preset.name, preset.name)
        self.preset_box.setVisible(bool(presets))

    def _preset_chosen(self, index: int) -> None:
        name = self.preset_box.itemData(index)
        preset = next((p for p in self._presets if p.name == name), None)
        if preset is not None:
            self.use_preset(preset)

    def use_preset(self, preset: Preset) -> None:
        """The preset's provider, model, parameters, system prompt and fallbacks, in this pane."""
        self.set_target(PaneTarget(preset.provider, preset.model, temperature=preset.temperature,
                                   max_tokens=preset.max_tokens, reasoning_effort=preset.reasoning_effort,
                                   json_mode=preset.json_mode, system=preset.system,
                                   fallbacks=tuple(preset.fallback)))  # fmt: skip
        self.preset_box.setCurrentIndex(max(self.preset_box.findData(preset.name), 0))

    def _show_fallbacks(self, fallbacks: tuple[str, ...]) -> None:
        self.fallbacks = tuple(fallbacks)
        n = len(self.fallbacks)
        shown = translate("PaneWidget", "+1 fallback") if n == 1 else translate("PaneWidget",
                                                                                  "+{count} fallbacks").format(count=n)
        self.fallback_label.setText(shown if n else "")
        tip = translate("PaneWidget", "Tried in order when this pane's target fails: {targets}")
        self.fallback_label.setToolTip(tip.format(targets=", ".join(self.fallbacks)))
        self.fallback_label.setVisible(bool(n))

    def set_running(self, running: bool, *, finished: bool, voted: bool = False) -> None:
        self.stop_button.setEnabled(running)
        self.retry_button.setEnabled(finished and not running and not voted)
        self.vote_button.setEnabled(False)
        self.continue_button.setEnabled(False)
        self.set_editable(not running)

    def set_editable(self, editable: bool) -> None:
        for w in (self.provider_box, self.model_edit, self.temperature_edit, self.max_tokens_edit, self.effort_box,
                  self.json_box, self.preset_box):  # fmt: skip
            w.setEnabled(editable)

    def show_identity(self, title: str, hide_target: bool) -> None:
        """The pane's heading; in a blind run the target editors are hidden until the vote."""
        self.label.setText(title)
        self.provider_box.setVisible(not hide_target)
        self.model_edit.setVisible(not hide_target)
        self.params_row.setVisible(not hide_target)  # parameters can give a target away too


def _show_handle(bar: QScrollBar, shown: bool) -> None:
    """A scroll bar kept on screen shows its handle only when there is something to scroll (style.py's "idle")."""
    idle = not shown
    if bar.property("idle") is idle:
        return
    bar.setProperty("idle", idle)
    bar.style().unpolish(bar)
    bar.style().polish(bar)
    bar.update()


def _number(text: str) -> float | None:
    """A decimal number typed with a point or a comma (`0.7`, `0,7`); None if it is not one."""
    import math

    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _whole(text: str) -> int | None:
    try:
        return int(text.strip().replace("_", "").replace(",", ""))
    except ValueError:
        return None
