"""The transcript: prompts and answers in one document, streamed Markdown painted at most once per frame."""

from __future__ import annotations

import bisect
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QDesktopServices,
    QFontMetrics,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QResizeEvent,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QMenu, QScrollBar, QTextBrowser, QTextEdit, QToolButton, QWidget

from .answer_bar import MessageActions
from .conversation_list import HIT_COLOURS
from .figure_view import FigureSupport
from .final_render import OFF_THREAD_CHARS, Ending, render_later
from .i18n import translate
from .markdown_view import (
    SAFE_LINK_SCHEMES,
    Colours,
    Entry,
    MarkdownTail,
    Notice,
    body_html,
    code_blocks,
    heading_html,
    item_html,
    plain_paragraph_html,
    prompt_html,
    reasoning_html,
    tail_html,
    thread_html,
)
from .memory import release_soon
from .rich_text import fresh_block, heading_mark, insert_blocks, is_rule, put_html, put_html_first, to_end
from .sources_view import Link, documents_html
from .style import COLUMN_CHARS, set_icon
from .theme import colours_for
from .tool_transcript import ToolTranscript

DOCK_WIDTH = 600  # pixels: a docked widget (a tool call's approval) is at least this wide when the view allows
FRAME_MS = 16  # one paint per ~60 Hz frame; per-token painting is what makes long answers crawl
TAIL_LIMIT = 2_000  # characters: an unfinished block longer than this is drawn again only now and then
MAX_PUT_OFF = 8  # turns a view's frame may be put off for others' (as many as panes side by side)
_drawn_this_turn = [False]  # a view drew a frame of streamed text in this turn of the loop (cleared by the next)
STREAM_FRAMES_PER_S = 120  # frames of streamed text per second, shared by all the views streaming at once
STREAMING_S = 0.25  # a view that drew a frame of streamed text this recently is streaming
_frames_at: dict[int, float] = {}  # id of a view -> when it last drew a frame of streamed text
OPEN_SLICE_CHARS = 12_000  # of HTML: the older messages of an opened conversation go in above in slices this big
OPEN_FIRST_CHARS = 6_000  # of HTML: the newest messages drawn at once (a screenful and more); the rest from a frame on
OLDER_SCREENS = 1.0  # older messages are drawn above while less than this many screens of text lie above the view
_FENCE_LINE = re.compile(r"(?:^|\n) {0,3}(?:```|~~~)")
_PROSE = ("paragraph", "heading")  # a long "heading" is a paragraph over a "-" or "=" line (which may go on)
_BLOCK_LINE = re.compile(r"\n {0,3}(?:[-+*>#|:=_]|\d{1,9}[.)])")  # a line that may end a paragraph (list, heading…)


def _turn_over() -> None:
    _drawn_this_turn[0] = False


def _frame_interval(now: float) -> int:
    """Milliseconds until a view's next frame of streamed text: FRAME_MS, or longer when more views stream at once
    than STREAM_FRAMES_PER_S allows at FRAME_MS each (four panes side by side: ~30 frames a second each). Each
    frame lays out and paints a whole viewport, so the paint work of the window stays bounded however many
    answers stream at once, and what is left goes to reading the streams."""
    for key in [key for key, at in _frames_at.items() if now - at > STREAMING_S]:
        del _frames_at[key]
    return max(FRAME_MS, round(1000 * len(_frames_at) / STREAM_FRAMES_PER_S))


@dataclass(slots=True)
class _Live:
    """The answer still streaming: its source, and where its parts start in the document."""

    label: str
    key: int  # the place the answer will have among the messages once finished (names it in Copy links)
    head_start: int
    text_start: int = -1  # -1 until the first piece of text (reasoning may come first)
    tail_start: int = -1
    text: str = ""
    reasoning: str = ""
    reasoning_shown: bool = False
    tail: MarkdownTail = field(default_factory=MarkdownTail)
    rendered_rest: int = 0  # how long the tail's source was when last rendered


@dataclass(frozen=True, slots=True)
class _Streamed:
    """An ended answer's streamed drawing: where its text and its unfinished tail start in the document, the HTML
    of the parts drawn as they finished (one insert each), the part that finished only at the end, and the tail."""

    text_start: int
    tail_start: int
    chunks: tuple[str, ...]
    last: str
    rest: str
    plain: str | None = None  # the tail's text as drawn finished, when it is one paragraph of plain prose


_OTHER_SPACE = re.compile(r"[^\S \n]")  # whitespace other than spaces and line ends (Qt's HTML reading changes it)


def _plain_tail(live: _Live) -> str | None:
    """The text a streamed tail of plain prose reads as once finished (its lines joined by one space, as Qt reads
    the paragraph's HTML), when it was drawn as a paragraph and is plain prose (see plain_paragraph_html); else
    None."""
    rest = live.tail.rest
    if not live.rendered_rest or live.tail.kind != "paragraph" or plain_paragraph_html(rest) is None \
            or _OTHER_SPACE.search(rest):  # fmt: skip
        return None
    return re.sub(" {2,}", " ", rest.removesuffix("\n").replace("\n", " "))


def _finish_plain(cursor: QTextCursor, tail_start: int, text: str) -> None:
    """A tail of plain prose drawn finished in the paragraph it started in: its first lines were drawn as that
    paragraph's HTML and the rest went after them as plain lines; now it is the paragraph's one text (what Qt makes
    of the HTML), in the paragraph's own format. No HTML is parsed again (a 60,000-character paragraph: ~10 ms of
    parsing, in a worker thread that holds the GIL)."""
    block = cursor.document().findBlock(tail_start)
    while block.isValid() and block.length() == 1:  # the empty lead block insert_blocks may leave
        block = block.next()
    first = QTextCursor(block)
    first.movePosition(QTextCursor.MoveOperation.NextCharacter)
    look = first.charFormat()
    cursor.setPosition(block.position())
    to_end(cursor, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()
    cursor.insertText(text, look)


def _joins_cleanly(streamed: _Streamed, html: str) -> bool:
    """Whether an answer drawn in parts reads as drawn in one go. Not where Qt joins parts differently: an empty
    list item; a rule that ends a part (the block after it takes the rule's place: drawn whole, it is back)."""
    parts = [part for part in (*streamed.chunks, streamed.last, streamed.rest) if part.strip()]
    return "<li></li>" not in html and not any(part.rstrip().endswith("<hr />") for part in parts[:-1])


class TranscriptView(QTextBrowser):
    """One QTextDocument for the whole conversation (no widget per message).

    Streamed pieces are buffered and painted on a ~16 ms timer. Finished Markdown blocks of the answer are
    rendered once; only the unfinished last block is rendered again (PLATFORM-NOTES: re-rendering the whole
    text per token is about 100x too slow). Everything is drawn in the palette's colours and drawn again
    when the palette changes (light and dark themes).
    """

    reasoning_requested = Signal(str)  # "last" or a message id: the user asked to read the reasoning
    link_opened = Signal(QUrl)  # a link the user clicked, handed to the desktop
    delete_requested = Signal(int)  # a saved message's id: the user clicked its Delete (ask, then delete it)
    copy_done = Signal(str)  # what went to the clipboard, in words for the status bar
    link_hovered = Signal(str)  # the target of the link under the mouse, "" when it leaves
    steps_requested = Signal(int)  # an answer's id: the user asked for its steps and what each cost

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setAccessibleName(translate("Transcript", "Conversation"))
        self.setAccessibleDescription(translate("Transcript", "The prompts and answers of the conversation shown, as "
                                                              "text"))
        self.setTabChangesFocus(True)  # Tab moves on to the next control (links are reached with the mouse or menu)
        # Model output is untrusted: links open only when clicked, and only through `_anchor_clicked`.
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)
        self.highlighted.connect(lambda url: self.link_hovered.emit(url.toString()))
        self.blocked_resources: list[QUrl] = []  # what the document asked to load and did not get
        self.setPlaceholderText(translate("Transcript", "Pick a provider and a model, type a prompt below, and press "
                                                        "Ctrl+Enter."))
        self.document().setDocumentMargin(12)
        self.document().setUndoRedoEnabled(False)  # read-only: an undo stack would keep every streamed edit
        self.colours: Colours = colours_for(self.palette())
        self._items: list[Entry | Notice] = []  # what the document shows, besides the answer streaming
        self._live: _Live | None = None
        self._ending: Ending | None = None  # a long answer ended, its final drawing still being made off-thread
        self._last_answer: tuple[int, int] | None = None  # where the text of the last finished answer lies
        self._pending: list[tuple[str, str]] = []  # (kind, text), kind "text" or "reasoning"
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(FRAME_MS)
        self._flush_timer.timeout.connect(self._frame_due)
        self._flush_scheduled = False
        self._flush_step = QTimer(self)  # a frame put off by a turn of the loop (see _frame_due)
        self._flush_step.setSingleShot(True)
        self._flush_step.setInterval(0)
        self._flush_step.timeout.connect(self._frame_due)
        self._put_off = 0
        self._older = 0  # how many of the first items are not drawn yet (a long conversation opens newest first)
        self._older_due = False  # a conversation just opened: whether older items are wanted is asked a turn later
        self._to_top = False  # the reader asked for the very top (Ctrl+Home): slices go on, the view stays at 0
        self._anchor: tuple[QTextCursor, float] | None = None  # the reader's top block, and how far into it
        # A slice of older messages is due a frame after the last (_older_timer), then drawn one more turn of
        # the loop later (_older_step): whatever fell due with it (the network's callbacks, a key press) goes first.
        self._older_timer = QTimer(self)
        self._older_timer.setSingleShot(True)
        self._older_timer.setInterval(FRAME_MS)
        self._older_step = QTimer(self)
        self._older_step.setSingleShot(True)
        self._older_step.setInterval(0)
        self._older_timer.timeout.connect(self._older_step.start)
        self._older_step.timeout.connect(self._draw_older)
        self.actions_bar = MessageActions(self.viewport())
        self.actions_bar.copy_button.clicked.connect(lambda: self.copy_message(self.actions_bar.key))
        self.actions_bar.delete_button.clicked.connect(self._delete_clicked)
        self.verticalScrollBar().valueChanged.connect(lambda _: self.actions_bar.hide())
        self.setMouseTracking(True)
        self._walks: dict[int, tuple[str, int] | None] = {}  # block number: its message's heading mark and block
        self._heading_blocks: list[int] | None = None  # see _heading_numbers
        self.document().contentsChanged.connect(self._text_changed)
        self.context_menu: QMenu | None = None
        self.figures = FigureSupport(self)  # formulas and diagrams: their images, copying, saving
        self.figures.copied.connect(self.copy_done)
        self.tools = ToolTranscript(self)  # tool calls: live blocks, expanding, their images
        self.tools.copied.connect(self.copy_done)
        self.following = True  # the view stays at the end while the answer grows, unless the user scrolls up
        self._rebuilding = False
        self._side = -1  # the side margins of the reading column (see _fit_column)
        self._bottom = 0  # the room kept under the column for a docked widget
        self.docked: QWidget | None = None
        self._dock_wired = False
        self.jump_button = QToolButton(self)
        self.jump_button.setObjectName("jump_to_latest")
        self.jump_button.setText(translate("Transcript", "Jump to latest"))
        self.jump_button.setAccessibleName(translate("Transcript", "Jump to the latest message"))
        self.jump_button.setToolTip(translate("Transcript", "Back to the end of the conversation (the view follows "
                                                            "the answer again)"))
        self.jump_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        set_icon(self.jump_button, "arrow-down")
        self.jump_button.clicked.connect(self.follow_latest)
        self.jump_button.hide()
        bar = self.verticalScrollBar()
        bar.rangeChanged.connect(self._range_changed)
        bar.valueChanged.connect(self._value_changed)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded for the document (no remote images, no local files); formulas and diagrams
        are drawn here."""
        image = self.figures.image(name)
        if image is None:
            image = self.tools.image(name)
        if image is None:
            self.blocked_resources.append(QUrl(name))
        return image

    def createMimeDataFromSelection(self) -> QMimeData:
        """Copied formulas and diagrams paste as their source."""
        return self.figures.selection_mime(super().createMimeDataFromSelection())

    # -- clicks on our links ---------------------------------------------------------------------
    def _anchor_clicked(self, url: QUrl) -> None:
        scheme, path = url.scheme(), url.path()
        if scheme == "parley-reasoning":
            self.reasoning_requested.emit(path)
        elif scheme == "parley-code":
            key, _, n = path.partition("/")
            if key.isdigit() and n.isdigit():
                self.copy_code(int(key), int(n))
        elif scheme == "parley-figure":
            self.figures.act(url)
        elif scheme == "parley-tool":
            self.tools.toggle(url)
        elif scheme == "parley-tool-copy":
            self.tools.copy(url)
        elif scheme == "parley-steps" and path.isdigit():
            self.steps_requested.emit(int(path))
        elif scheme in SAFE_LINK_SCHEMES:
            self.link_opened.emit(url)
            QDesktopServices.openUrl(url)

    def _item(self, key: int) -> Entry | None:
        item = self._items[key] if 0 <= key < len(self._items) else None
        return item if isinstance(item, Entry) else None

    def copy_message(self, key: int) -> None:
        """The message's Markdown source to the clipboard."""
        entry = self._item(key)
        if entry is not None:
            QGuiApplication.clipboard().setText(entry.text)
            self.copy_done.emit(translate("Transcript", "Copied the prompt.") if entry.role == "user"
                                else translate("Transcript", "Copied the answer as Markdown."))

    def copy_code(self, key: int, n: int) -> None:
        """Code block `n` of message `key` (of the answer streaming too: a finished block can be copied)."""
        live = self._live
        entry = self._item(key)
        source = live.text if live is not None and key == live.key else entry.text if entry is not None else ""
        blocks = code_blocks(source)
        if n < len(blocks):
            QGuiApplication.clipboard().setText(blocks[n])
            self.copy_done.emit(translate("Transcript", "Copied the code block."))

    def _text_changed(self) -> None:
        self._walks.clear()
        if self._live is None:  # while an answer streams only its own part changes; headings above stay put
            self._heading_blocks = None

    def _delete_clicked(self) -> None:
        entry = self._item(self.actions_bar.key)
        if entry is not None and entry.message_id is not None:
            self.delete_requested.emit(entry.message_id)

    # -- which message is where ------------------------------------------------------------------
    def _heading_numbers(self) -> list[int]:
        """Block numbers of the finished messages' headings, in order (found once per document change)."""
        self._settle()
        if self._heading_blocks is None:
            numbers = []
            block = self.document().begin()
            while block.isValid():
                if heading_mark(block) == "msg":
                    numbers.append(block.blockNumber())
                block = block.next()
            self._heading_blocks = numbers
        return self._heading_blocks

    def message_at(self, pos: QPoint) -> tuple[int, QTextBlock] | None:
        """(key, heading block) of the message drawn at viewport point `pos` (key -1: the answer streaming);
        None above the first message. What the walk up to the heading learns is kept until the text changes."""
        self._settle()
        block = self.cursorForPosition(pos).block()
        walked: list[int] = []
        heading: tuple[str, int] | None = None
        while block.isValid():
            number = block.blockNumber()
            if number in self._walks:
                heading = self._walks[number]
                break
            walked.append(number)
            mark = heading_mark(block)
            if mark is not None:
                heading = (mark, number)
                break
            block = block.previous()
        for number in walked:
            self._walks[number] = heading
        if heading is None:
            return None
        found = self.document().findBlockByNumber(heading[1])
        if self._live is not None and found.position() == self._live.head_start:
            return -1, found  # the answer streaming
        ordinal = bisect.bisect_left(self._heading_numbers(), heading[1])
        keys = [i for i, item in enumerate(self._items) if isinstance(item, Entry) and i >= self._older]
        return (keys[ordinal] if ordinal < len(keys) else -1), found

    def show_actions(self, key: int) -> None:
        """Show Copy (and Delete, for a saved message) at the right of message `key`'s heading."""
        entry = self._item(key)
        numbers = self._heading_numbers()
        ordinal = self._drawn_ordinal(key)
        if entry is None or key < self._older or ordinal >= len(numbers):
            self.actions_bar.hide()
            return
        self._place_actions(key, entry, self.document().findBlockByNumber(numbers[ordinal]))

    def _place_actions(self, key: int, entry: Entry, block: QTextBlock) -> None:
        bar = self.actions_bar
        bar.key = key
        bar.delete_button.setVisible(entry.message_id is not None)
        bar.adjustSize()
        rect = self.document().documentLayout().blockBoundingRect(block)
        y = int(rect.top() + rect.height() - bar.height()) - self.verticalScrollBar().value()
        bar.move(self.viewport().width() - bar.width() - 8, max(0, y))
        bar.show()
        bar.raise_()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        found = self.message_at(event.position().toPoint())
        entry = self._item(found[0]) if found is not None else None
        if found is None or entry is None:
            self.actions_bar.hide()
        elif found[0] != self.actions_bar.key or not self.actions_bar.isVisible():
            self._place_actions(found[0], entry, found[1])

    def leaveEvent(self, event: QEvent) -> None:
        super().leaveEvent(event)
        if not self.actions_bar.underMouse():
            self.actions_bar.hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.SelectAll):
            self.draw_all()  # all of the conversation, not only what the reader scrolled through
        elif event.matches(QKeySequence.StandardKey.MoveToStartOfDocument) or (
                event.key() == Qt.Key.Key_Home and event.modifiers() == Qt.KeyboardModifier.NoModifier):  # fmt: skip
            # The conversation's start: older slices go on until it is drawn, the view at the top meanwhile.
            self._to_top, self._anchor = self._older > 0, None
            self.following = self.following and not self._to_top
            self.verticalScrollBar().triggerAction(QScrollBar.SliderAction.SliderToMinimum)
            self._want_older()  # (at the top already, the scroll bar says nothing)
            event.accept()
            return
        super().keyPressEvent(event)

    def _select_everything(self) -> None:
        self.draw_all()
        self.selectAll()

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        select_all = menu.findChild(QAction, "select-all")
        if select_all is not None and self._older:
            select_all.triggered.disconnect()
            select_all.triggered.connect(self._select_everything)
        self.figures.add_actions(menu, event.pos())
        found = self.message_at(event.pos())
        entry = self._item(found[0]) if found is not None else None
        if found is not None and entry is not None:
            key = found[0]
            menu.addSeparator()
            menu.addAction(translate("Transcript", "Copy message as Markdown"), lambda: self.copy_message(key))
            if entry.message_id is not None:
                message_id = entry.message_id
                menu.addAction(translate("Transcript", "Delete message…"),
                               lambda: self.delete_requested.emit(message_id))
        if self.context_menu is not None:
            self.context_menu.deleteLater()
        self.context_menu = menu  # kept: a menu owned by nothing would vanish as soon as it opened
        menu.popup(event.globalPos())

    # -- themes ----------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange):
            colours = colours_for(self.palette())
            if colours != self.colours:
                self.colours = colours
                self.rerender()

    def rerender(self) -> None:
        """Draw everything again in the current colours (the theme changed); the scroll place is kept."""
        self.flush()
        bar = self.verticalScrollBar()
        at_end, value = self.following, bar.value()
        live = self._live
        tools, steps = list(self.tools.live), list(self.tools._steps)
        self._build(self._items, start=self._older)  # what was drawn, no more
        if live is not None:
            self._begin_live(live.label)
            self.tools.redraw(live.reasoning, live.text, tools, steps)
        if at_end:
            self.follow_latest()
        else:
            bar.setValue(value)

    # -- document plumbing -----------------------------------------------------------------------
    def _end_cursor(self) -> QTextCursor:
        cursor = QTextCursor(self.document())
        to_end(cursor)
        return cursor

    def _append_html(self, html: str) -> None:
        self.flush()
        follow = self.following
        cursor = self._end_cursor()
        put_html(cursor, html)
        if follow:
            self._scrollto_end()

    def _add(self, item: Entry | Notice) -> None:
        self._items.append(item)
        self._append_html(item_html(item, self.colours, len(self._items) - 1))

    def _build(self, items: Sequence[Entry | Notice], newest_first: bool = False, start: int = 0) -> None:
        """Draw `items` as one document: from item `start` on, or with `newest_first` only the last
        OPEN_FIRST_CHARS of HTML. The items left out are drawn above later, a slice at a time, as the reader
        comes near the top (see _want_older)."""
        self._pending.clear()
        self._live = None
        self._ending = None  # drawn from the items, with the rest
        self.tools.reset()
        self._last_answer = None
        self.actions_bar.hide()
        self.actions_bar.key = -1
        self._items = list(items)
        self._older_timer.stop()
        self._older_step.stop()
        self._anchor = None
        self._to_top = False
        if newest_first:
            self._older, html = self._slice_before(len(self._items), OPEN_FIRST_CHARS)
        else:
            self._older = min(start, len(self._items))
            html = thread_html(self._items[self._older :], self.colours, self._older)
        self.setExtraSelections([])
        self._rebuilding = True  # setHtml scrolls to the top on its way: that is not the user leaving the end
        # The scroll bar stays through it: setHtml empties the document first, and a bar hidden then and shown
        # again at the end changed the text's width twice, so the new document was laid out twice (~40% of a
        # switch's time). Once it is in, a bar it does not need goes (one layout again, of a short document).
        policy = self.verticalScrollBarPolicy()
        held = policy == Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if held:
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        try:
            self.setHtml(html)
        finally:
            if held:
                self.setVerticalScrollBarPolicy(policy)
            self._rebuilding = False
        release_soon()  # what the document held before is free now
        self._older_due = self._older > 0
        if self._older:
            # A frame for the loop (and a paint) before the older messages, counted from when it is free again.
            QTimer.singleShot(0, self, self._want_older)

    @property
    def drawing_older(self) -> bool:
        """True while a slice of older messages is due above those drawn (the reader is near the top, or the
        conversation was just opened and does not fill a screen and more yet)."""
        return self._older > 0 and (self._older_due or self._older_timer.isActive() or self._older_step.isActive())

    @property
    def undrawn(self) -> int:
        """How many of the first messages are not drawn (yet): a long conversation is drawn from its end, older
        messages only as the reader scrolls up to them, so one opened costs what is looked at, not its length."""
        return self._older

    def _want_older(self) -> None:
        """A slice of older messages falls due when less than OLDER_SCREENS of text lie above the view's top (the
        reader scrolled up to it, or what is drawn does not fill the view and more)."""
        self._older_due = False
        if not self._older or self._older_timer.isActive() or self._older_step.isActive():
            return
        if self.verticalScrollBar().value() > self.viewport().height() * OLDER_SCREENS:
            return
        (self._older_step if self._to_top else self._older_timer).start()  # to the start: a slice per turn

    def draw_all(self) -> None:
        """Every older message drawn now (Select All, and anything else that needs the whole conversation)."""
        if self._older:
            self._draw_older(everything=True)

    def _slice_before(self, end: int, budget: int = OPEN_SLICE_CHARS) -> tuple[int, str]:
        """The HTML of the items just before `end`, at least one, going back until `budget` characters of it;
        returns where the slice starts and its HTML."""
        parts: list[str] = []
        size, start = 0, end
        while start > 0 and (not parts or size < budget):
            start -= 1
            parts.append(item_html(self._items[start], self.colours, start))
            size += len(parts[-1])
        return start, "".join(reversed(parts))

    def _draw_older(self, everything: bool = False, down_to: int | None = None) -> None:
        """Older items of an opened conversation above those drawn: one slice, `everything` left, or all from item
        `down_to` on. The view stays at the end if it was there, else on the same text."""
        if not self._older:
            return
        if down_to is not None:
            start = min(down_to, self._older)
            self._older, html = start, thread_html(self._items[start : self._older], self.colours, start)
        else:
            self._older, html = self._slice_before(self._older, OPEN_SLICE_CHARS if not everything else sys.maxsize)
        bar = self.verticalScrollBar()
        if not self.following and self._anchor is None and not self._to_top:
            self._hold_place()
        doc = self.document()
        before = doc.characterCount()
        self._rebuilding = True
        try:
            put_html_first(doc, html)
        finally:
            self._rebuilding = False
        self._shift(doc.characterCount() - before)
        self._heading_blocks = None  # (kept while an answer streams, when only its own part changes)
        self.actions_bar.hide()  # its message moved
        self._to_top = self._to_top and self._older > 0
        self._range_changed(bar.minimum(), bar.maximum())

    def _shift(self, moved: int) -> None:
        """Text went in above everything: the places kept as numbers (an answer streaming or waiting for its final
        drawing, its tool calls' region, the last answer's text) move down with it."""
        if self._last_answer is not None:
            self._last_answer = self._last_answer[0] + moved, self._last_answer[1] + moved
        live = self._live
        if live is not None:
            live.head_start += moved
            live.text_start += moved if live.text_start >= 0 else 0
            live.tail_start += moved if live.tail_start >= 0 else 0
        if self._ending is not None:
            self._ending.head_start += moved  # the same object the worker's render comes back with
        self.tools.shift(moved)

    def _drawn_ordinal(self, index: int) -> int:
        """Where item `index` (a message) comes among the messages drawn: the index into _heading_numbers()."""
        return sum(1 for item in self._items[self._older : index] if isinstance(item, Entry))

    def _text_between(self, start: int, end: int) -> str:
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(min(end, self._end_cursor().position()), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selection().toPlainText()

    # -- what the chat panel calls ---------------------------------------------------------------
    def add_prompt(self, text: str, message_id: int | None = None,
                   documents: tuple[tuple[str, int | None], ...] = ()) -> None:  # fmt: skip
        """The prompt just sent, in its band (its documents as chips under it); the view goes to the end (the
        answer will follow it there)."""
        entry = Entry("user", text, message_id=message_id, documents=documents)
        self._items.append(entry)
        self.flush()
        cursor = self._end_cursor()
        cursor.beginEditBlock()
        put_html(cursor, heading_html(entry, self.colours, len(self._items) - 1))
        to_end(cursor)
        start = put_html(cursor, prompt_html("", self.colours))
        cell = QTextCursor(self.document().findBlock(start))
        table = cell.currentTable()
        if table is not None:  # always, in practice; else the text goes in where the band should be
            cell = table.cellAt(0, 0).firstCursorPosition()
        cell.insertText(text)  # as typed: a 5 MB paste goes in faster as text than as HTML
        if documents:
            put_html(cell, documents_html(documents, self.colours))
        cursor.endEditBlock()
        self.follow_latest()

    def begin_answer(self, label: str) -> None:
        self.flush()
        self._last_answer = None
        self.tools.reset()
        self._begin_live(label)

    def _begin_live(self, label: str) -> None:
        head = put_html(self._end_cursor(), heading_html(Entry("assistant", "", label), self.colours, None))
        key = len(self._items)
        self._live = _Live(label, key, head, tail=MarkdownTail(self.colours, str(key)))

    def append_answer(self, text: str, reasoning: str = "") -> None:
        """Buffer a streamed piece; it is painted with the next frame."""
        if reasoning:
            self._pending.append(("reasoning", reasoning))
        if text:
            self._pending.append(("text", text))
        if self._pending and not self._flush_scheduled:
            self._flush_scheduled = True
            self._flush_timer.start(_frame_interval(time.perf_counter()))

    def _frame_due(self) -> None:
        """A frame of streamed text is due. When another view has just drawn in this same turn of the loop
        (answers streaming side by side reach their frames together), this one draws a turn later, after that
        view's paint and whatever else fell due: each view is laid out and painted in a turn of its own."""
        starved = self._put_off >= MAX_PUT_OFF
        if _drawn_this_turn[0] and not starved:
            self._put_off += 1
            self._flush_step.start()
            return
        self._put_off = 0
        self.flush()
        _frames_at[id(self)] = time.perf_counter()
        if starved or not _drawn_this_turn[0]:  # (starved: a clear may have been lost, an application replaced)
            # Cleared from a posted event: it runs before the next pass over Qt's timers, the one that brings back
            # a frame put off now (a time since the last frame told turns apart badly when a frame took long).
            _drawn_this_turn[0] = True
            QTimer.singleShot(0, _turn_over)

    def flush(self) -> None:
        """Paint everything buffered, as one edit at the end of the document."""
        self._flush_step.stop()
        self._settle()  # whatever comes next goes under an ended answer's final drawing
        self._anchor = None  # text is added at the end from now on: a reader above keeps their place as it is
        self._flush_scheduled = False
        if not self._pending:
            return
        pending, self._pending = self._pending, []
        if self._live is None:
            return
        self._add_live("".join(p for k, p in pending if k == "reasoning"),
                       "".join(p for k, p in pending if k == "text"))  # fmt: skip

    def _add_live(self, reasoning: str, text: str) -> None:
        live = self._live
        assert live is not None
        if (text or reasoning) and self.tools.region_open:  # the answer goes on after its tool calls
            self.tools.close_region(live)
        follow = self.following
        cursor = self._end_cursor()
        cursor.beginEditBlock()
        live.reasoning += reasoning
        if reasoning and live.text_start < 0:  # reasoning shows as it comes until the answer starts
            muted = QTextCharFormat()
            muted.setFontItalic(True)
            muted.setForeground(self.palette().placeholderText())
            if not live.reasoning_shown:
                fresh_block(cursor)  # a line of its own under the heading
                live.reasoning_shown = True
            cursor.insertText(reasoning, muted)
        if text:
            if live.text_start < 0:
                fresh_block(cursor)
                live.text_start = live.tail_start = cursor.position()
            live.text += text
            live.tail.feed(text)
            self._paint_tail(cursor, live, text)
        cursor.endEditBlock()
        if follow:
            self._scrollto_end()

    def _paint_tail(self, cursor: QTextCursor, live: _Live, text: str) -> None:
        rest = len(live.tail.rest)
        recent = live.tail.rest[-len(text) - 4 :]
        kind = live.tail.kind
        fence_line = _FENCE_LINE.search(recent) is not None
        # Drawn again at once when the block may have ended (or, for a paragraph, turned into something else).
        may_close = fence_line if kind == "open_fence" else fence_line or "\n\n" in recent or (
            kind in _PROSE and _BLOCK_LINE.search(recent) is not None)
        # A long unfinished paragraph or code block reads the same as plain text until it ends (code is
        # highlighted only once closed): it is not drawn again while it grows. Other long blocks (lists,
        # tables) are drawn again each time they have grown by a quarter (linear cost in all).
        stays = kind in _PROSE or kind == "open_fence" or rest < live.rendered_rest * 1.25
        if rest > TAIL_LIMIT and live.rendered_rest and stays and not may_close:
            # Meanwhile new text goes after it as it is, in the code box if the block is a code block.
            to_end(cursor)
            cell = cursor.block()
            while cell.isValid() and cell.length() == 1 and QTextCursor(cell).currentTable() is None:
                cell = cell.previous()  # the empty lines under a code box
            if live.tail.rest.lstrip(" ").startswith(("```", "~~~")) and QTextCursor(cell).currentTable() is not None:
                cursor.setPosition(cell.position() + cell.length() - 1)
            cursor.insertText(text)  # in the format of the text before it
            return
        committed, tail = live.tail.advance()
        live.rendered_rest = len(live.tail.rest)
        cursor.setPosition(live.tail_start)
        to_end(cursor, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        fresh_block(cursor)
        if committed:
            insert_blocks(cursor, committed, final=live.tail_start != live.text_start)
            to_end(cursor)
            fresh_block(cursor)
            live.tail_start = cursor.position()
        if tail.strip():
            insert_blocks(cursor, tail)

    def end_answer(self, footer: str, error: tuple[str, str] | None = None, *, text: str | None = None,
                   reasoning: str = "", message_id: int | None = None, sources: tuple[Link, ...] = (),
                   suggestions: tuple[Link, ...] = (), marker: str = "") -> None:  # fmt: skip
        """Close the answer as finished Markdown (reasoning collapsed to one line), with its error, sources, footer
        and Copy (and Delete, once saved) links: finished where it stands when the parts drawn while it streamed
        are the final drawing's (see _finish_in_place), else drawn again (a long one from a worker's render)."""
        self.flush()
        live = self._live
        tools = self.tools.take()
        self._live = None
        if live is None:
            alone = Entry("assistant", text or "", "", reasoning, footer, error, message_id, sources, suggestions,
                          marker=marker)  # fmt: skip
            self._items.append(alone)
            self._last_answer = self._insert_entry(self._end_cursor(), alone, len(self._items) - 1)
            return
        follow = self.following
        entry = Entry("assistant", live.text if text is None else text, live.label,
                      reasoning or live.reasoning, footer, error, message_id, sources, suggestions,
                      marker=marker, tools=tools)  # fmt: skip
        self._items.append(entry)
        key = len(self._items) - 1
        painted = len(live.tail.committed_html)
        ending = Ending(entry, key, live.head_start, self.colours, html=self._streamed_html(live, entry, key))
        if ending.html is not None and live.text_start >= 0 and live.reasoning_shown == bool(entry.reasoning.strip()) \
                and (not live.reasoning_shown or entry.reasoning == live.reasoning):  # fmt: skip
            chunks = live.tail.committed_html
            streamed = _Streamed(live.text_start, live.tail_start, tuple(chunks[:painted]), "".join(chunks[painted:]),
                                ending.html[len("".join(chunks)) :], _plain_tail(live))  # fmt: skip
            if (streamed.chunks or streamed.last or streamed.plain is not None) \
                    and _joins_cleanly(streamed, ending.html):  # else: drawn whole below  # fmt: skip
                self._finish_in_place(ending, streamed)
                if follow:
                    self._scrollto_end()
                return
        if not tools and entry.text == live.text and len(entry.text) >= OFF_THREAD_CHARS:
            # Long: its Markdown and HTML are made in a worker thread; the streamed drawing, which reads the
            # same, stays until the final one is swapped in (or until anything else is drawn: see _settle).
            self._ending = ending
            render_later(ending, self, self._swap_in)
            return
        self._swap_in(ending, follow)

    def _streamed_html(self, live: _Live, entry: Entry, key: int) -> str | None:
        """The ended answer's HTML from the blocks drawn while it streamed and its tail (MarkdownTail promises they
        make the whole text's render), so a long answer is not parsed again; None where they may not."""
        tail = live.tail
        if entry.tools or not entry.text or entry.text != live.text or tail.copy_key != str(key) \
                or tail.colours != self.colours:  # fmt: skip
            return None
        tail.close()
        return tail.whole_html(entry.text)

    def _settle(self) -> None:
        """An ended answer still waiting for its final drawing gets it now (made here if the worker is not done)."""
        if self._ending is not None:
            self._swap_in(self._ending)

    def _swap_in(self, ending: Ending, follow: bool | None = None) -> None:
        """An ended answer's final drawing in place of its streamed one."""
        if ending is self._ending:
            self._ending = None
        elif follow is None:
            return  # settled already, or dropped by a rebuild
        follow = self.following if follow is None else follow
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(ending.head_start)
        to_end(cursor, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        body = ending.body or ((ending.html, None) if ending.html is not None else None)
        self._last_answer = self._insert_entry(cursor, ending.entry, ending.key, body)
        cursor.endEditBlock()
        if follow:
            self._scrollto_end()

    def _finish_in_place(self, ending: Ending, streamed: _Streamed) -> None:
        """An answer's streamed drawing made final where it stands: the parts drawn as they finished are the final
        drawing's own (rich_text.insert_blocks and keep_margins make them so), so only its tail is drawn again,
        finished, and the footer put under it. Nothing above the tail changes, so Qt lays out only the end: a
        53,000-character answer drawn again whole costs ~50 ms of layout in a narrow pane, and its HTML ~50 ms of
        parsing that holds the GIL even in a worker thread (so it stalls the GUI thread all the same); even a
        format change in its heading would make Qt lay all of it out again."""
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        if streamed.plain is not None and not streamed.last:
            _finish_plain(cursor, streamed.tail_start, streamed.plain)
        else:
            cursor.setPosition(streamed.tail_start)
            to_end(cursor, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            fresh_block(cursor)
            if streamed.last:
                insert_blocks(cursor, streamed.last, final=bool(streamed.chunks))
                to_end(cursor)
                fresh_block(cursor)
            if streamed.rest.strip():
                insert_blocks(cursor, streamed.rest, final=bool(streamed.chunks or streamed.last))
        to_end(cursor)
        text = [streamed.text_start, cursor.position()]
        tail = tail_html(ending.entry, self.colours)
        if tail:
            if is_rule(cursor.block()):  # the answer ends with a rule: the footer goes under it, not over it
                cursor.insertBlock()
            put_html(cursor, tail)
        cursor.endEditBlock()
        entry = ending.entry
        if entry.reasoning.strip():  # shown as it came, under the heading: now one line (an edit of its own, so
            # that Qt lays out that line again, not the whole answer under it)
            before = doc.characterCount()
            cursor.beginEditBlock()
            cursor.setPosition(doc.findBlock(ending.head_start).next().position())
            cursor.setPosition(streamed.text_start - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            put_html(cursor, reasoning_html(entry.reasoning, entry.message_id, self.colours))
            cursor.endEditBlock()
            moved = doc.characterCount() - before
            text = [text[0] + moved, text[1] + moved]
        self._last_answer = text[0], text[1]

    def _insert_entry(self, cursor: QTextCursor, entry: Entry, key: int,
                      body: tuple[str, QTextDocument | None] | None = None) -> tuple[int, int]:  # fmt: skip
        """An answer in pieces, so that the span of its text is known. Returns (start, end) of the text. `body`:
        its text's HTML and that HTML parsed, made ahead (final_render.py)."""
        colours = self.colours
        head = heading_html(entry, colours, key) + reasoning_html(entry.reasoning, entry.message_id, colours)
        put_html(cursor, head)
        to_end(cursor)
        if entry.text or entry.tools:
            html, scratch = body if body is not None else (body_html(entry, colours, str(key)), None)
            fragment = QTextDocumentFragment(scratch) if scratch is not None else None  # a copy: fast
            start = put_html(cursor, html, fragment=fragment)
            to_end(cursor)
        else:
            start = cursor.position()
        end = cursor.position()
        tail = tail_html(entry, colours)
        if tail:
            if is_rule(cursor.block()):  # the answer ends with a rule: the footer goes under it, not over it
                cursor.insertBlock()
            put_html(cursor, tail)
        return start, end

    def reveal(self, message_id: int, words: Sequence[str]) -> bool:
        """Scroll to a shown message (a search hit) and highlight `words` in it, drawing the older messages down to
        it first. False if it is not in the conversation shown (or not drawn and an answer is streaming)."""
        where = next((i for i, item in enumerate(self._items)
                      if isinstance(item, Entry) and item.message_id == message_id), None)  # fmt: skip
        if where is None:
            return False
        if where < self._older:
            self._draw_older(down_to=where)
            if where < self._older:
                return False
        ordinal = self._drawn_ordinal(where)
        numbers = self._heading_numbers()
        if ordinal >= len(numbers):
            return False
        doc = self.document()
        head = doc.findBlockByNumber(numbers[ordinal])
        end = doc.findBlockByNumber(numbers[ordinal + 1]).position() if ordinal + 1 < len(numbers) \
            else doc.characterCount()  # fmt: skip
        marks: list[QTextEdit.ExtraSelection] = []
        for word in dict.fromkeys(w for w in words if w.strip()):
            cursor = QTextCursor(head)
            while not (cursor := doc.find(word, cursor)).isNull() and cursor.selectionStart() < end:
                mark = QTextEdit.ExtraSelection()
                mark.cursor = cursor
                mark.format.setBackground(QColor(HIT_COLOURS[self.colours.dark][0]))
                mark.format.setForeground(QColor(HIT_COLOURS[self.colours.dark][1]))
                marks.append(mark)
        self.setExtraSelections(marks)
        self.following = False
        top = self.document().documentLayout().blockBoundingRect(head).top()
        self.verticalScrollBar().setValue(max(0, int(top) - 8))
        self._place_jump()
        return True

    def replace_footer(self, message_id: int, footer: str) -> bool:
        """A shown answer's footer reads `footer` from now on (its cost became known exactly), edited in place
        so the scroll position and an answer streaming below are untouched. False if it is not shown."""
        self._settle()
        where = next((i for i, e in enumerate(self._items)
                      if isinstance(e, Entry) and e.message_id == message_id and e.role == "assistant"),
                     None)  # fmt: skip
        entry = self._items[where] if where is not None else None
        if where is None or not isinstance(entry, Entry) or not entry.footer:
            return False
        if where < self._older:
            self._items[where] = replace(entry, footer=footer)
            return True  # drawn with it when the reader scrolls up to it
        numbers, ordinal = self._heading_numbers(), self._drawn_ordinal(where)
        if ordinal >= len(numbers):
            return False
        old = entry.footer
        self._items[where] = replace(entry, footer=footer)
        found = self.document().find(old, QTextCursor(self.document().findBlockByNumber(numbers[ordinal])))
        if found.isNull():
            return False
        found.insertText(footer, found.charFormat())
        return True

    def show_entries(self, entries: Sequence[Entry]) -> None:
        """A stored branch, shown at its end: the last answer's footer in view. The newest messages are drawn at
        once, older ones above them in slices, so a long conversation opens in a frame (see _build)."""
        self._build(entries, newest_first=True)
        self.follow_latest()

    def add_warning(self, text: str) -> None:
        """Worth knowing but not stopping anything (a budget nearly spent)."""
        self._add(Notice("warning", text))

    def add_notice(self, message: str, advice: str = "") -> None:
        """A problem that stopped a prompt before it was sent (no answer block)."""
        self._add(Notice("error", message, advice))

    def answer_text(self) -> str:
        """The text of the answer streaming (as painted so far) or else of the last one."""
        self._settle()
        if self._live is not None:
            return self._text_between(self._live.text_start, self._end_cursor().position()) \
                if self._live.text_start >= 0 else ""  # fmt: skip
        span = self._last_answer or self._find_last_answer()
        return self._text_between(*span).strip("\n") if span is not None else ""

    def _find_last_answer(self) -> tuple[int, int] | None:
        """Where the last answer's text lies in a document built in one go: from below its heading (and
        reasoning line) to above its error and footer lines and the notices after it. Blocks are counted, not
        laid out: a cursor edit there would make Qt lay out all of a long conversation at once."""
        last = max((i for i, item in enumerate(self._items) if isinstance(item, Entry) and item.role == "assistant"),
                   default=None)  # fmt: skip
        if last is None:
            return None
        entry = self._items[last]
        assert isinstance(entry, Entry)
        headings = self._heading_numbers()
        ordinal = self._drawn_ordinal(last)
        if last < self._older or ordinal >= len(headings):
            return None
        doc = self.document()
        first = headings[ordinal] + (2 if entry.reasoning.strip() else 1)
        after = headings[ordinal + 1] if ordinal + 1 < len(headings) else doc.blockCount()
        later = self._items[last + 1 :]
        notices = later[: next((i for i, x in enumerate(later) if isinstance(x, Entry)), len(later))]
        paragraphs = [tail_html(entry, self.colours)] + [item_html(n, self.colours, None) for n in notices]
        trailing = sum(html.count("<p") for html in paragraphs)  # one block each
        end_block = doc.findBlockByNumber(after - 1 - trailing)
        start_block = doc.findBlockByNumber(first)
        if not start_block.isValid() or not end_block.isValid() or end_block.blockNumber() < first:
            return start_block.position(), start_block.position()
        return start_block.position(), end_block.position() + end_block.length() - 1

    def markdown_source(self) -> str:
        """The Markdown of every message shown, as the Copy buttons give it (prompts and answers)."""
        return "\n\n".join(item.text for item in self._items if isinstance(item, Entry))

    def clear_conversation(self) -> None:
        self._build([])
        self.clear()

    # -- scrolling -------------------------------------------------------------------------------
    def _at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - 4

    def _scrollto_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def follow_latest(self) -> None:
        """Go to the end and stay there as the answer grows (until the user scrolls up)."""
        self.following = True
        self._scrollto_end()
        self.jump_button.hide()

    def _hold_place(self) -> None:
        """Keep the text at the top of the view there while older messages go in above it (see _range_changed)."""
        block = self.cursorForPosition(QPoint(0, 0)).block()
        top = self.document().documentLayout().blockBoundingRect(block).top()
        self._anchor = QTextCursor(block), self.verticalScrollBar().value() - top  # a cursor moves with the text

    def _range_changed(self, _low: int, high: int) -> None:
        """The document grew (or was laid out further): a view at the end stays at the end; a reader above it,
        while older messages go in above (and Qt lays them out, a part per turn), stays on the same text."""
        if self._rebuilding:
            return
        bar = self.verticalScrollBar()
        if self._to_top:
            self._rebuilding = True  # not the reader scrolling
            try:
                bar.setValue(0)
            finally:
                self._rebuilding = False
        elif self.following:
            bar.setValue(high)
        elif self._anchor is not None:
            cursor, offset = self._anchor
            top = self.document().documentLayout().blockBoundingRect(cursor.block()).top()
            self._rebuilding = True  # not the reader scrolling
            try:
                bar.setValue(round(top + offset))
            finally:
                self._rebuilding = False
        self._want_older()  # with the view where it now stays

    def _value_changed(self, value: int) -> None:
        if self._rebuilding:
            return
        if value > 0:
            self._to_top = False  # the reader went elsewhere
        if self._anchor is not None:
            self._hold_place()  # the reader scrolled: this is the place to keep now
        self.following = value >= self.verticalScrollBar().maximum() - 4
        self._place_jump()
        self._want_older()

    def _place_jump(self) -> None:
        """"Jump to latest" shows while the view is away from the end (the user scrolled up)."""
        button = self.jump_button
        if self.following:
            button.hide()
            return
        button.adjustSize()
        viewport = self.viewport().geometry()
        button.move(viewport.center().x() - button.width() // 2, viewport.bottom() - button.height() - 12)
        button.show()
        button.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_column()
        super().resizeEvent(event)
        if self.jump_button.isVisible():
            self._place_jump()
        self._want_older()  # a taller view may have room above for more

    def _fit_column(self) -> None:
        """A readable column of about COLUMN_CHARS characters, centred; the rest of a wide window is margin."""
        metrics = QFontMetrics(self.document().defaultFont())
        column = COLUMN_CHARS * metrics.averageCharWidth() + 2 * round(self.document().documentMargin())
        side = max(0, (self.width() - self.verticalScrollBar().sizeHint().width() - column) // 2)
        docked = self.docked if self.docked is not None and not self.docked.isHidden() else None
        bottom = docked.sizeHint().height() if docked is not None else 0
        if (side, bottom) != (self._side, self._bottom):
            self._side, self._bottom = side, bottom
            self.setViewportMargins(side, 0, side, bottom)
        self._place_dock()

    def _place_dock(self) -> None:
        """The docked widget right under the conversation's end, or at the foot of the view when the conversation
        is longer than the view (the bottom margin keeps that room free); at least DOCK_WIDTH wide when it fits."""
        docked = self.docked
        if docked is None or docked.isHidden():
            return
        frame, bottom = self.frameWidth(), self._bottom
        width = min(max(self.viewport().width(), DOCK_WIDTH), self.width() - 2 * frame - 8)
        x = (self.width() - width) // 2
        end = round(self.document().size().height()) - self.verticalScrollBar().value()
        y = min(frame + end, self.height() - frame - bottom)
        docked.setGeometry(x, y, width, bottom)
        docked.raise_()

    def dock(self, widget: QWidget | None) -> None:
        """Show `widget` at the foot of the reading column, under the conversation (a tool call's approval);
        None, or a hidden widget, gives the room back. The view stays at the end if it was there."""
        follow = self.following
        if widget is not None and self.docked is None and not self._dock_wired:
            self._dock_wired = True
            self.document().documentLayout().documentSizeChanged.connect(lambda _size: self._place_dock())
            self.verticalScrollBar().valueChanged.connect(lambda _value: self._place_dock())
        self.docked = widget
        self._fit_column()
        if follow:
            self.follow_latest()

    def column_width(self) -> int:
        """The width the text is laid out in (the viewport, between the side margins)."""
        return self.viewport().width()
