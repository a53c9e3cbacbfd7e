"""The tool calls of a transcript: the answer streaming gets a block per call as the model writes it (its arguments
growing), updated as it is approved, run and ended, all painted at most once per frame; a click expands or
collapses a block in place; images of results are drawn from their bytes; a result can be copied."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QImage, QTextBlock, QTextCursor

from .i18n import translate
from .markdown_view import Entry, MarkdownTail, code_blocks
from .rich_text import fresh_block, insert_blocks, to_end
from .tool_blocks import ToolView, block_html, blocks_html

if TYPE_CHECKING:
    from app.core.tool_loop import ToolCallRecord

    from .transcript import TranscriptView, _Live

FRAME_MS = 16


class ToolTranscript(QObject):
    """Kept by one TranscriptView. `live` holds the calls of the answer streaming, in order; the calls of the step
    in progress are drawn together at the end of the document (the region) until text follows them."""

    copied = Signal(str)  # what went to the clipboard, in words for the status bar

    def __init__(self, view: TranscriptView) -> None:
        super().__init__(view)
        self.view = view
        self.live: list[ToolView] = []
        self._steps: list[int] = []  # the step of each call in `live` (call ids may repeat across steps)
        self._region: int | None = None  # where the blocks of the step in progress start
        self._first = 0  # the index in `live` of the region's first block
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FRAME_MS)
        self._timer.timeout.connect(self.paint)

    # -- the answer streaming -------------------------------------------------------------------------------
    @property
    def region_open(self) -> bool:
        return self._region is not None

    def reset(self) -> None:
        """A new answer starts (or the document was rebuilt): no live calls."""
        self._timer.stop()
        self.live, self._steps, self._region, self._first = [], [], None, 0

    def take(self) -> tuple[ToolView, ...]:
        """The answer ended: its calls, for its entry (drawn again with it)."""
        self.paint()
        views = tuple(self.live)
        self.reset()
        return views

    def stream(self, step: int, call_id: str, name: str, text: str) -> None:
        """The model is writing a call: its start, or a piece of its arguments."""
        if self.view._live is None:
            return
        view = self._find(step, call_id)
        if view is None:
            view = self._add(step, ToolView(call_id, name))
        view.arguments += text
        self._schedule()

    def record(self, record: ToolCallRecord) -> None:
        """The tool loop says where a call stands (asked, approved, running, done...)."""
        if self.view._live is None:
            return
        view = self._find(record.step, record.call.id)
        if view is None:
            view = self._add(record.step, ToolView(record.call.id, record.call.name))
        view.update(record)
        self._schedule()

    def _find(self, step: int, call_id: str) -> ToolView | None:
        for n in range(self._first if self._region is not None else len(self.live), len(self.live)):
            if self._steps[n] == step and self.live[n].call_id == call_id:
                return self.live[n]
        return None

    def _add(self, step: int, view: ToolView) -> ToolView:
        live = self.view._live
        assert live is not None
        if self._region is None:
            self.view.flush()  # the text so far goes before the call
            cursor = self.view._end_cursor()
            fresh_block(cursor)
            self._region, self._first = cursor.position(), len(self.live)
        view.offset = len(live.text)
        self.live.append(view)
        self._steps.append(step)
        return view

    def _schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def paint(self) -> None:
        """Draw the region's blocks again, as one edit at the end of the document."""
        self._timer.stop()
        live = self.view._live
        if self._region is None or live is None:
            return
        view = self.view
        follow = view.following
        cursor = QTextCursor(view.document())
        cursor.beginEditBlock()
        cursor.setPosition(self._region)
        to_end(cursor, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        fresh_block(cursor)
        insert_blocks(cursor, blocks_html(self.live[self._first :], view.colours, live.key, self._first))
        cursor.endEditBlock()
        if follow:
            view._scrollto_end()

    def shift(self, moved: int) -> None:
        """Text went in above the document's end: the region of the step in progress moves down with it."""
        if self._region is not None:
            self._region += moved

    def close_region(self, live: _Live) -> None:
        """Text follows the calls: it starts after them, as a new part of the answer (its own Markdown tail)."""
        self.paint()
        self._region = None
        cursor = self.view._end_cursor()
        fresh_block(cursor)
        tail = MarkdownTail(self.view.colours, str(live.key))
        tail._code_blocks = len(code_blocks(live.text))  # Copy numbers code blocks over the whole answer
        live.tail, live.rendered_rest = tail, 0
        if live.text_start >= 0:
            live.tail_start = cursor.position()

    def redraw(self, reasoning: str, text: str, views: Sequence[ToolView], steps: Sequence[int] = ()) -> None:
        """Draw the answer streaming again from its source (a new theme, or its conversation shown again)."""
        view = self.view
        self.reset()
        view._add_live(reasoning, "")
        pos = 0
        for n, tool in enumerate(views):
            offset = max(pos, min(tool.offset, len(text)))
            if text[pos:offset]:
                view._add_live("", text[pos:offset])
            pos = offset
            self._add(steps[n] if n < len(steps) else 0, tool)
            tool.offset = offset
        self.paint()
        if text[pos:]:
            view._add_live("", text[pos:])

    # -- clicks -------------------------------------------------------------------------------------------
    def toggle(self, url: QUrl) -> bool:
        """`parley-tool:KEY/N`: expand or collapse call N of message KEY (or of the answer streaming)."""
        found = self._view_for(url.path())
        if found is None:
            return False
        key, index, tool = found
        tool.expanded = not tool.expanded
        live = self.view._live
        if live is not None and key == live.key and self._region is not None and index >= self._first:
            self.paint()
            return True
        block = self._find_block(f"parley-tool:{key}/{index}")
        table = QTextCursor(block).currentTable() if block is not None else None
        if table is None:  # not where it should be: draw everything again
            self.view.rerender()
            return True
        cursor = QTextCursor(self.view.document())
        cursor.beginEditBlock()
        cursor.setPosition(table.firstPosition() - 1)
        cursor.setPosition(table.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        cursor.insertHtml(block_html(tool, self.view.colours, key, index))
        cursor.endEditBlock()
        return True

    def copy(self, url: QUrl) -> None:
        """`parley-tool-copy:KEY/N`: the whole result of that call, as text."""
        found = self._view_for(url.path())
        if found is not None:
            QGuiApplication.clipboard().setText(found[2].result)
            self.copied.emit(translate("ToolTranscript", "Copied the tool's result."))

    def image(self, url: QUrl | str) -> QImage | None:
        """`parley-tool-image:KEY/N/I`: image I of call N's result, from its own bytes; None for other URLs."""
        name = url.toString() if isinstance(url, QUrl) else url
        if not name.startswith("parley-tool-image:"):
            return None
        path, _, number = name.removeprefix("parley-tool-image:").rpartition("/")
        found = self._view_for(path)
        if found is None or not number.isdigit() or int(number) >= len(found[2].images):
            return QImage()
        image = QImage.fromData(found[2].images[int(number)][1])
        return image if not image.isNull() else QImage()

    def _view_for(self, path: str) -> tuple[int, int, ToolView] | None:
        key_text, _, index_text = path.partition("/")
        if not key_text.isdigit() or not index_text.isdigit():
            return None
        key, index = int(key_text), int(index_text)
        live = self.view._live
        if live is not None and key == live.key:
            views: Sequence[ToolView] = self.live
        else:
            items = self.view._items
            item = items[key] if 0 <= key < len(items) else None
            views = item.tools if isinstance(item, Entry) else ()
        return (key, index, views[index]) if index < len(views) else None

    def _find_block(self, href: str) -> QTextBlock | None:
        """The block whose text holds the link `href` (walked from the top: only on a click)."""
        block = self.view.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if it.fragment().charFormat().anchorHref() == href:
                    return block
                it += 1
            block = block.next()
        return None
