"""Empty views that say what to do next: a new conversation, the sidebar before the first chat, the cost panel
before the first request. A note laid over the empty view (never a control: clicks go through to the view)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from .i18n import QT_TRANSLATE_NOOP, translate
from .style import SPACE

if TYPE_CHECKING:
    from .model_bar import ModelBar
    from .transcript import TranscriptView

# Notes other views show, in English: marked for collection here, shown through translate("EmptyStates", NOTE).
NO_CONVERSATIONS = (QT_TRANSLATE_NOOP("EmptyStates", "No conversations yet"),
                    QT_TRANSLATE_NOOP("EmptyStates", "Every chat you send is kept here, newest first. Ctrl+N starts a "
                                      "new one; Ctrl+F searches them all."))  # fmt: skip
NOTHING_SPENT = QT_TRANSLATE_NOOP("EmptyStates", "Nothing spent yet: each request you send is logged here with its "
                                  "tokens and cost (local models are free). Set daily or monthly budgets below.")


class EmptyNote(QWidget):
    """A title and a few muted lines over `viewport`, shown while the view is empty (`set_shown`)."""

    def __init__(self, viewport: QWidget, title: str, body: str = "", *, centred: bool = True) -> None:
        """`title` and `body` in the window's language already."""
        super().__init__(viewport)
        self.setObjectName("empty_note")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._centred = centred
        self._viewport = viewport
        self.title = QLabel(title, self)
        self.title.setObjectName("empty_title")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * (1.35 if centred else 1.0))
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(self)
        self.body.setObjectName("empty_body")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, and it follows the theme
        align = Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignLeft
        for label in (self.title, self.body):
            label.setAlignment(align)
            label.setWordWrap(True)
        self._column = column = QVBoxLayout(self)
        column.setContentsMargins(SPACE[3], SPACE[3], SPACE[3], SPACE[3])
        column.setSpacing(SPACE[1])
        column.addWidget(self.title)
        column.addWidget(self.body)
        self.set_body(body)
        viewport.installEventFilter(self)
        self._place()

    def set_body(self, html_body: str) -> None:
        self.body.setText(html_body)
        self.body.setVisible(bool(html_body))
        if not self.isHidden():  # else placed when shown (measuring wrapped text costs a few ms)
            self._place()

    def text(self) -> str:
        """What the note says, as plain text (for tests and for the accessible description)."""
        return f"{self.title.text()}\n{self.body.text()}"

    def set_shown(self, shown: bool) -> None:
        self.setVisible(shown)
        if shown:
            self._place()
            self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Shown as well as resized: a view resized while its window was still hidden (the saved size put back
        # before the first paint) tells no one until it is shown, and the note stayed laid out for the old width.
        if (watched is self._viewport and event.type() in (QEvent.Type.Resize, QEvent.Type.Show)
                and not self.isHidden()):
            self._place()
        return super().eventFilter(watched, event)

    def _place(self) -> None:
        area = self._viewport.rect()
        width = min(area.width(), 560) if self._centred else area.width()
        height = max(self._column.heightForWidth(width), self.minimumSizeHint().height())
        x = (area.width() - width) // 2 if self._centred else 0
        y = max(0, (area.height() - height) // 3) if self._centred else 0
        self.setGeometry(x, y, width, height)


def conversation_start_html(provider_name: str, model: str) -> str:
    """What a new conversation's empty transcript says: how to send, where the prompt goes, where to change it."""
    if model.strip():
        where = translate("EmptyStates", "It goes to <b>{model}</b>. Choose another model above, or press "
                          "<b>Ctrl+K</b> to pick from your providers' lists.").format(
            model=f"{html.escape(provider_name)} · {html.escape(model.strip())}")
    else:
        where = translate("EmptyStates", "First type a model name above, or press <b>Ctrl+K</b> to pick one from "
                          "your providers' lists.")
    send = translate("EmptyStates", "Type your message below and press <b>Ctrl+Enter</b> to send; <b>Esc</b> stops "
                     "an answer.")
    more = translate("EmptyStates", "<b>Ctrl+Shift+P</b> sets this conversation's system prompt and temperature; "
                     "<b>Ctrl+Shift+M</b> compares models side by side.")
    return f"<p>{send}</p><p>{where}</p><p>{more}</p>"


class ConversationStart:
    """The empty transcript's note: shown while the transcript is empty, naming the model the prompt goes to."""

    def __init__(self, transcript: TranscriptView, bar: ModelBar) -> None:
        self._transcript, self._bar = transcript, bar
        transcript.setPlaceholderText("")  # this note says it instead, in full
        self.note = EmptyNote(transcript.viewport(), translate("EmptyStates", "Start a conversation"))
        transcript.document().contentsChanged.connect(self.update)
        bar.changed.connect(self.update)
        self.update()

    def update(self) -> None:
        empty = self._transcript.document().isEmpty()
        if empty:
            provider = self._bar.current_provider()
            self.note.set_body(conversation_start_html(self._bar.provider_name(provider), self._bar.fields()[1]))
        self.note.set_shown(empty)
