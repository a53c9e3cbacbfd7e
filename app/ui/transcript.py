"""The transcript: prompts and answers in one document, streamed text painted at most once per frame."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFont, QPalette, QTextBlockFormat, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from .markdown_view import Entry, reasoning_html, render_markdown, thread_html

FRAME_MS = 16  # one paint per ~60 Hz frame; per-token painting is what makes long answers crawl
ERROR_COLOUR = QColor("#c62828")
ACCENT_COLOUR = QColor("#1565c0")
WARNING_COLOUR = QColor("#b26a00")
SAFE_LINK_SCHEMES = ("http", "https", "mailto")


class TranscriptView(QTextBrowser):
    """One QTextDocument for the whole conversation (no widget per message).

    Streamed pieces are buffered and appended at the end with `QTextCursor.insertText` on a ~16 ms
    timer: re-rendering the whole text per token is about 100x too slow (PLATFORM-NOTES).
    """

    reasoning_requested = Signal(str)  # "last" or a message id: the user asked to read the reasoning
    link_opened = Signal(QUrl)  # a link the user clicked, handed to the desktop

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        # Model output is untrusted: links open only when clicked, and only through `_anchor_clicked`.
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self.blocked_resources: list[QUrl] = []  # what the document asked to load and did not get
        self.setPlaceholderText("Pick a provider and a model, type a prompt below, and press Ctrl+Enter.")
        self.document().setDocumentMargin(12)
        self._pending: list[tuple[str, str]] = []  # (kind, text), kind "text" or "reasoning"
        self._last_kind = ""
        self._answer_start: int | None = None
        self._answer_end = 0
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FRAME_MS)
        self._flush_timer.timeout.connect(self.flush)
        self._flush_scheduled = False

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded for the document (no remote images, no local files)."""
        self.blocked_resources.append(QUrl(name))
        return None

    def _anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == "parley-reasoning":
            self.reasoning_requested.emit(url.path())
        elif url.scheme() in SAFE_LINK_SCHEMES:
            self.link_opened.emit(url)
            QDesktopServices.openUrl(url)

    # -- formats ---------------------------------------------------------------------------------
    def _muted(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.PlaceholderText)

    def _char(self, *, bold: bool = False, italic: bool = False, colour: QColor | None = None,
              smaller: bool = False) -> QTextCharFormat:  # fmt: skip
        fmt = QTextCharFormat()
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontItalic(italic)
        if colour is not None:
            fmt.setForeground(colour)
        if smaller:
            fmt.setFontPointSize(max(7.0, self.font().pointSizeF() * 0.88))
        return fmt

    def _block(self, top: float = 0.0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        return fmt

    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor

    def _new_block(self, cursor: QTextCursor, top: float, fmt: QTextCharFormat) -> None:
        """A fresh paragraph at the end; an empty last one (a new document, an answer with no text) is reused."""
        if cursor.block().length() <= 1:
            cursor.setBlockFormat(self._block(top))
            cursor.setCharFormat(fmt)
        else:
            cursor.insertBlock(self._block(top), fmt)

    def _write(self, text: str, fmt: QTextCharFormat, *, top: float = 0.0) -> None:
        self.flush()
        follow = self._at_bottom()
        cursor = self._end_cursor()
        self._new_block(cursor, top, fmt)
        cursor.insertText(text, fmt)
        if follow:
            self._scroll_to_end()

    # -- what the chat panel calls ---------------------------------------------------------------
    def add_prompt(self, text: str) -> None:
        self._write("You", self._char(bold=True), top=14)
        self._write(text, self._char())

    def begin_answer(self, label: str) -> None:
        self._write(label, self._char(bold=True, colour=ACCENT_COLOUR), top=10)
        cursor = self._end_cursor()
        cursor.insertBlock(self._block(), self._char())
        self._answer_start = self._answer_end = cursor.position()
        self._last_kind = ""

    def append_answer(self, text: str, reasoning: str = "") -> None:
        """Buffer a streamed piece; it is painted with the next frame."""
        if reasoning:
            self._pending.append(("reasoning", reasoning))
        if text:
            self._pending.append(("text", text))
        if self._pending and not self._flush_scheduled:
            self._flush_scheduled = True
            self._flush_timer.start()

    def flush(self) -> None:
        """Paint everything buffered, as one edit at the end of the document."""
        self._flush_scheduled = False
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        follow = self._at_bottom()
        cursor = self._end_cursor()
        cursor.beginEditBlock()
        for kind, piece in pending:
            if kind == "text" and self._last_kind == "reasoning":
                cursor.insertBlock(self._block(6), self._char())
            fmt = self._char(italic=True, colour=self._muted()) if kind == "reasoning" else self._char()
            cursor.insertText(piece, fmt)
            self._last_kind = kind
        cursor.endEditBlock()
        self._answer_end = cursor.position()
        if follow:
            self._scroll_to_end()

    def end_answer(self, footer: str, error: tuple[str, str] | None = None, *, text: str | None = None,
                   reasoning: str = "", message_id: int | None = None) -> None:  # fmt: skip
        """Close the answer; given its `text`, the streamed plain text is replaced by rendered Markdown
        (reasoning collapsed to one line)."""
        self.flush()
        if text is not None and self._answer_start is not None:
            self._render_answer(text, reasoning, message_id)
        if error is not None:
            self._write(error[0], self._char(bold=True, colour=ERROR_COLOUR), top=4)
            if error[1]:
                self._write(error[1], self._char(colour=ERROR_COLOUR))
        self._write(footer, self._char(colour=self._muted(), smaller=True), top=4)

    def _render_answer(self, text: str, reasoning: str, message_id: int | None) -> None:
        assert self._answer_start is not None
        follow = self._at_bottom()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(self._answer_start)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.setCharFormat(self._char())
        summary = reasoning_html(reasoning, message_id)
        if summary:
            cursor.insertHtml(summary)
            cursor.insertBlock(self._block(), self._char())
        self._answer_start = cursor.position()
        if text:
            cursor.insertHtml(render_markdown(text).strip())
        cursor.endEditBlock()
        self._answer_end = cursor.position()
        if follow:
            self._scroll_to_end()

    def show_entries(self, entries: Sequence[Entry]) -> None:
        """A stored branch, built as one HTML document (thousands of messages open in one go)."""
        self.clear_conversation()
        self.setHtml(thread_html(entries))
        self._scroll_to_end()

    def add_warning(self, text: str) -> None:
        """Worth knowing but not stopping anything (a budget nearly spent)."""
        self._write(text, self._char(italic=True, colour=WARNING_COLOUR, smaller=True), top=4)

    def add_notice(self, message: str, advice: str = "") -> None:
        """A problem that stopped a prompt before it was sent (no answer block)."""
        self._write(message, self._char(bold=True, colour=ERROR_COLOUR), top=10)
        if advice:
            self._write(advice, self._char(colour=ERROR_COLOUR))

    def answer_text(self) -> str:
        """The text of the last answer as painted so far (streamed pieces still buffered excluded)."""
        if self._answer_start is None:
            return ""
        return self.document().toPlainText()[self._answer_start : self._answer_end]

    def clear_conversation(self) -> None:
        self._pending.clear()
        self._answer_start = None
        self._answer_end = 0
        self.clear()

    # -- scrolling -------------------------------------------------------------------------------
    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())
