"""Buttons around the transcript: Copy and Delete on a message, and under it sibling switching (‹ 2/3 ›),
regenerate and edit the last prompt."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from .i18n import translate
from .style import SPACE, flat, set_icon


class SiblingSwitcher(QWidget):
    """`‹ 2/3 ›` for one message that has siblings (edits of a prompt, regenerations of an answer)."""

    switch_to = Signal(int)  # the sibling's message id

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        """`what` is "prompt" or "answer" (the switcher's words follow it)."""
        super().__init__(parent)
        self.what = what
        prompt = what == "prompt"
        self._ids: tuple[int, ...] = ()
        self._index = 0
        self.previous_button = flat(QToolButton())
        self.previous_button.setText("‹")
        self.previous_button.setToolTip(translate("AnswerBar", "The previous prompt") if prompt
                                        else translate("AnswerBar", "The previous answer"))
        self.previous_button.setAccessibleName(translate("AnswerBar", "Previous prompt") if prompt
                                               else translate("AnswerBar", "Previous answer"))
        set_icon(self.previous_button, "chevron-left")
        self.next_button = flat(QToolButton())
        self.next_button.setText("›")
        self.next_button.setToolTip(translate("AnswerBar", "The next prompt") if prompt
                                    else translate("AnswerBar", "The next answer"))
        self.next_button.setAccessibleName(translate("AnswerBar", "Next prompt") if prompt
                                           else translate("AnswerBar", "Next answer"))
        set_icon(self.next_button, "chevron-right")
        self.label = QLabel("")
        self.label.setProperty("muted", True)
        caption = QLabel(translate("AnswerBar", "Prompt") if prompt else translate("AnswerBar", "Answer"))
        caption.setProperty("muted", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE[0])
        layout.addWidget(caption)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.label)
        layout.addWidget(self.next_button)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.setVisible(False)

    def show_siblings(self, sibling_ids: Sequence[int], current: int) -> None:
        self._ids = tuple(sibling_ids)
        self._index = self._ids.index(current) if current in self._ids else 0
        self.label.setText(f"{self._index + 1}/{len(self._ids)}")
        self.previous_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._ids) - 1)
        self.setVisible(len(self._ids) > 1)

    def _step(self, by: int) -> None:
        index = self._index + by
        if 0 <= index < len(self._ids):
            self.switch_to.emit(self._ids[index])


class AnswerBar(QWidget):
    """Shown when the conversation has a last answer (and conversations are saved)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompt_switcher = SiblingSwitcher("prompt")
        self.answer_switcher = SiblingSwitcher("answer")
        self.regenerate_button = flat(QToolButton())
        self.regenerate_button.setText(translate("AnswerBar", "Regenerate"))
        self.regenerate_button.setObjectName("regenerate")
        self.regenerate_button.setToolTip(translate("AnswerBar", "Ask again; the current answer is kept beside "
                                                               "the new one"))
        self.regenerate_button.setAccessibleName(translate("AnswerBar", "Regenerate the answer"))
        self.regenerate_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_icon(self.regenerate_button, "refresh-cw")
        self.edit_button = flat(QToolButton())
        self.edit_button.setText(translate("AnswerBar", "Edit last prompt"))
        self.edit_button.setObjectName("edit_prompt")
        self.edit_button.setToolTip(translate("AnswerBar", "Change the last prompt and send it as a new branch"))
        self.edit_button.setAccessibleName(translate("AnswerBar", "Edit the last prompt"))
        self.edit_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_icon(self.edit_button, "pencil")
        self.editing_label = QLabel("")
        self.editing_label.setObjectName("editing")
        self.editing_label.setProperty("muted", True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACE[1])
        layout.addWidget(self.prompt_switcher)
        layout.addWidget(self.answer_switcher)
        layout.addStretch(1)
        layout.addWidget(self.editing_label)
        layout.addWidget(self.edit_button)
        layout.addWidget(self.regenerate_button)
        self.setVisible(False)


class MessageActions(QWidget):
    """Copy and Delete for the message under the mouse, at the right of its heading (not part of the text,
    so copying or reading the transcript never picks them up). The context menu offers the same."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("message_actions")
        self.key = -1
        self.copy_button = flat(QToolButton())
        self.copy_button.setText(translate("AnswerBar", "Copy"))
        self.copy_button.setToolTip(translate("AnswerBar", "Copy this message as Markdown"))
        self.copy_button.setAccessibleName(translate("AnswerBar", "Copy this message"))
        set_icon(self.copy_button, "copy")
        self.delete_button = flat(QToolButton())
        self.delete_button.setText(translate("AnswerBar", "Delete"))
        self.delete_button.setToolTip(translate("AnswerBar", "Delete this message (and what follows it in "
                                                           "this branch)"))
        self.delete_button.setAccessibleName(translate("AnswerBar", "Delete this message"))
        set_icon(self.delete_button, "trash-2")
        for button in (self.copy_button, self.delete_button):
            button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.copy_button)
        layout.addWidget(self.delete_button)
        self.hide()
