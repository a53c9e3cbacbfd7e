"""One pane of the comparison panel: its target editors, its streamed answer, its figures and buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from .compare_controller import PaneTarget
from .transcript import TranscriptView


class PaneWidget(QFrame):
    """One target: provider and model on top, its streamed answer, its figures, its own buttons."""

    def __init__(self, position: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"pane{position}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel()
        self.label.setObjectName("paneLabel")
        self.label.setStyleSheet("font-weight: bold;")
        self.provider_box = QComboBox()
        self.provider_box.setMinimumContentsLength(8)
        self.provider_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.model_edit = QLineEdit()
        self.model_edit.setPlaceholderText("model (or model@http://host/v1)")
        self.remove_button = QPushButton("✕")
        self.remove_button.setToolTip("Remove this pane")
        self.remove_button.setFixedWidth(28)
        self.view = TranscriptView()
        self.view.setPlaceholderText("The answer streams here.")
        self.metrics = QLabel()
        self.metrics.setObjectName("paneMetrics")
        self.metrics.setWordWrap(True)
        self.metrics.setMinimumHeight(2 * self.metrics.fontMetrics().lineSpacing())  # panes stay level
        self.metrics.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.stop_button = QPushButton("Stop")
        self.retry_button = QPushButton("Retry")
        self.vote_button = QPushButton("Best")
        self.vote_button.setToolTip("This answer is the best one (recorded for the leaderboard)")
        self.continue_button = QPushButton("Continue")
        self.continue_button.setToolTip("Continue with this answer as a normal conversation")
        top = QHBoxLayout()
        top.addWidget(self.label)
        top.addWidget(self.provider_box, 2)
        top.addWidget(self.model_edit, 3)
        top.addWidget(self.remove_button)
        buttons = QHBoxLayout()
        for b in (self.stop_button, self.retry_button, self.vote_button, self.continue_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.metrics)
        layout.addLayout(buttons)
        self.set_running(False, finished=False)

    def target(self) -> PaneTarget:
        return PaneTarget(str(self.provider_box.currentData() or ""), self.model_edit.text())

    def set_target(self, target: PaneTarget) -> None:
        i = self.provider_box.findData(target.provider)
        self.provider_box.setCurrentIndex(max(i, 0))
        self.model_edit.setText(target.model)
        self.model_edit.home(False)  # the model name first, not the tail of a base URL

    def set_running(self, running: bool, *, finished: bool, voted: bool = False) -> None:
        self.stop_button.setEnabled(running)
        self.retry_button.setEnabled(finished and not running and not voted)
        self.vote_button.setEnabled(False)
        self.continue_button.setEnabled(False)
        self.provider_box.setEnabled(not running)
        self.model_edit.setEnabled(not running)

    def show_identity(self, title: str, hide_target: bool) -> None:
        """The pane's heading; in a blind run the target editors are hidden until the vote."""
        self.label.setText(title)
        self.provider_box.setVisible(not hide_target)
        self.model_edit.setVisible(not hide_target)
