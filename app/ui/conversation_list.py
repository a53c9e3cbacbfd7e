"""The sidebar: New chat, a search box, and the saved conversations (pinned first) or the search hits."""

from __future__ import annotations

import html
from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QEvent, QLocale, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.text import plain_title

from .empty_states import NO_CONVERSATIONS, EmptyNote
from .i18n import say, translate
from .icons import icon
from .style import SPACE, set_icon

if TYPE_CHECKING:
    from datetime import datetime

    from app.store import Conversation, SearchHit

ID_ROLE = Qt.ItemDataRole.UserRole
PINNED_ROLE = Qt.ItemDataRole.UserRole + 1
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 2  # a search hit's message
SHOWN_ROLE = Qt.ItemDataRole.UserRole + 3  # what a conversation's row was drawn from (unchanged: left alone)
SEARCH_DELAY_MS = 200
HIT_COLOURS = {False: ("#fde68a", "#1f2328"), True: ("#6b5a12", "#fff7d6")}  # (background, text) light, dark


def _when(moment: datetime) -> str:
    """A date and time the way the window's language writes them, short."""
    return QLocale().toString(QDateTime.fromSecsSinceEpoch(int(moment.timestamp())), QLocale.FormatType.ShortFormat)


def hit_style(dark: bool = False) -> str:
    background, text = HIT_COLOURS[dark]
    return f"background-color:{background}; color:{text}; font-weight:bold"


def hit_html(snippet: str, dark: bool = False) -> str:
    """A search snippet with its «marked» words highlighted (everything else escaped)."""
    escaped = html.escape(snippet)
    return escaped.replace("«", f'<span style="{hit_style(dark)}">').replace("»", "</span>")


def _show_row(item: QListWidgetItem, conv: Conversation, answering: bool) -> None:
    """A row of the list as `conv` is now (nothing is set that is already so: an unchanged row costs a compare)."""
    key = f"{conv.title}\0{conv.pinned}\0{conv.updated_at.isoformat()}\0{answering}"
    if item.data(SHOWN_ROLE) == key:
        return
    title = plain_title(conv.title) or conv.title  # titles imported or made by older versions may hold Markdown
    item.setText(("📌 " if conv.pinned else "") + title)
    item.setData(ID_ROLE, conv.id)
    item.setData(PINNED_ROLE, conv.pinned)
    item.setData(SHOWN_ROLE, key)
    tip = f"{conv.title}\n" + translate("ConversationList", "Last active {when}").format(when=_when(conv.updated_at))
    font = item.font()
    font.setItalic(answering)
    item.setFont(font)
    if answering:
        tip = translate("ConversationList", "Answering now…") + "\n" + tip
    item.setToolTip(tip)


class ConversationList(QWidget):
    open_requested = Signal(int)  # conversation id
    rename_requested = Signal(int, str)
    pin_requested = Signal(int, bool)
    delete_requested = Signal(int)
    search_changed = Signal(str)  # the query, after the user paused typing
    pointer_left = Signal()  # the mouse left the list (a refresh held back meanwhile may go ahead)
    hit_opened = Signal(int, int)  # a search hit: its conversation and message

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.new_chat_button = QPushButton(translate("ConversationList", "New chat"))
        self.new_chat_button.setObjectName("new_chat")
        self.new_chat_button.setToolTip(translate("ConversationList", "Start a new conversation (Ctrl+N)"))
        self.new_chat_button.setAccessibleName(translate("ConversationList", "New chat"))
        set_icon(self.new_chat_button, "square-pen")
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(translate("ConversationList", "Search conversations"))
        self.search_edit.setAccessibleName(translate("ConversationList", "Search conversations"))
        self.search_edit.setToolTip(translate("ConversationList", "Full-text search over every conversation (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.conversations = QListWidget()
        self.conversations.setObjectName("conversations")
        self.conversations.setAccessibleName(translate("ConversationList", "Conversations"))
        self.conversations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversations.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversations.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.conversations.setWordWrap(False)
        self._more: Callable[[int], Sequence[Conversation]] | None = None  # the next page of the list, if any
        self._shown_as: tuple[int | None, Collection[int]] = (None, ())  # (current, answering) for later pages
        self.conversations.verticalScrollBar().valueChanged.connect(self._scrolled)
        title, body = (translate("EmptyStates", text) for text in NO_CONVERSATIONS)
        self.empty_note = EmptyNote(self.conversations.viewport(), title, body, centred=False)
        self.empty_note.set_shown(False)
        self.notice = QLabel("")
        self.notice.setObjectName("store_notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE[2], SPACE[2], SPACE[2], SPACE[2])
        layout.setSpacing(SPACE[1])
        layout.addWidget(self.new_chat_button)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.conversations, 1)
        layout.addWidget(self.notice)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit_search)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.conversations.itemActivated.connect(self._item_opened)
        self.conversations.itemClicked.connect(self._item_opened)
        self.conversations.customContextMenuRequested.connect(self._context_menu)
        self.pointer_inside = False  # the mouse is over the list: it must not reorder under it
        self.conversations.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.conversations and event.type() in (QEvent.Type.Enter, QEvent.Type.Leave):
            self.pointer_inside = event.type() == QEvent.Type.Enter
            if not self.pointer_inside:
                self.pointer_left.emit()
        return super().eventFilter(watched, event)

    @property
    def searching(self) -> bool:
        return bool(self.search_edit.text().strip())

    def _emit_search(self) -> None:
        self.search_changed.emit(self.search_edit.text())

    def show_problem(self, text: str) -> None:
        self.notice.setText(say(text))
        self.notice.setVisible(bool(text))

    def show_conversations(self, conversations: Sequence[Conversation], current: int | None,
                           answering: Collection[int] = (),
                           more: Callable[[int], Sequence[Conversation]] | None = None) -> None:  # fmt: skip
        """The list, newest first; conversations with an answer streaming into them are in italics. `more(n)`
        gives the conversations after the first n: read a page at a time as the list is scrolled near its end,
        so 10,000 conversations open as fast as 200.

        The rows already shown are kept and only moved or changed where the list differs (an answer moves one
        conversation to the top; this runs after every answer): the list does not jump back to its top."""
        if not self.conversations.uniformItemSizes():  # search hits were shown: a list of another kind
            self.conversations.clear()
            self.conversations.setUniformItemSizes(True)  # one line each: no item is measured to lay the list out
        self.empty_note.set_shown(not conversations)  # before the first chat: what this list is for
        self._more, self._shown_as = more, (current, answering)
        self._place_rows(conversations, 0)
        count = len(conversations)
        while self.conversations.count() > count:  # rows of later pages, or conversations gone
            self.conversations.takeItem(count)
        self.select(current)  # the conversation shown is scrolled into view, wherever it moved

    def _scrolled(self, value: int) -> None:
        bar = self.conversations.verticalScrollBar()
        if self._more is not None and value >= bar.maximum() - bar.pageStep():
            self.show_more()

    def show_more(self) -> bool:
        """Add the next page of conversations to the list; False when there are no more."""
        page = self._more(self.conversations.count()) if self._more is not None else []
        if not page:
            self._more = None
        self._place_rows(page, self.conversations.count())
        return bool(page)

    def _place_rows(self, conversations: Sequence[Conversation], first: int) -> None:
        """Rows `first`... show `conversations`: a row that already shows one is moved there (and changed if its
        conversation changed), a new one is made for the others."""
        _current, answering = self._shown_as
        rows = self.conversations
        for row, conv in enumerate(conversations, start=first):
            shown = rows.item(row) if row < rows.count() else None
            if shown is None or shown.data(ID_ROLE) != conv.id:
                found = next((r for r in range(row + 1, rows.count()) if rows.item(r).data(ID_ROLE) == conv.id),
                             None)  # fmt: skip
                shown = rows.takeItem(found) if found is not None else QListWidgetItem()
                rows.insertItem(row, shown)
            _show_row(shown, conv, conv.id in answering)

    def show_hits(self, hits: Sequence[SearchHit]) -> None:
        """Each hit as its conversation's title and a snippet around the match; a hit in a branch the
        conversation does not show says so (opening it switches to that branch)."""
        from .theme import is_dark

        self.conversations.clear()
        self.conversations.setUniformItemSizes(False)  # a hit is two lines or more
        self._more = None
        self.empty_note.set_shown(False)
        if not hits:
            empty = QListWidgetItem(translate("ConversationList", "Nothing found for \u201c{query}\u201d.").format(
                query=self.search_edit.text().strip()))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.conversations.addItem(empty)
            return
        dark = is_dark(self.palette())
        for hit in hits:
            item = QListWidgetItem()
            item.setData(ID_ROLE, hit.conversation_id)
            item.setData(MESSAGE_ROLE, hit.message_id)
            plain = hit.snippet.replace("«", "").replace("»", "")
            title = (plain_title(hit.conversation_title) or hit.conversation_title
                     or translate("ConversationList", "Untitled"))  # fmt: skip
            elsewhere = hit.on_current_branch is False
            where = " · " + translate("ConversationList", "in another branch") if elsewhere else ""
            who = translate("ConversationList", "You") if hit.role == "user" else translate("ConversationList",
                                                                                            "Answer")
            item.setToolTip(f"{title}{where}\n{who}: {plain}")
            shown = (f"<b>{html.escape(title)}</b>"  # the conversation's words, the hit's and the translated labels
                     f'<span style="font-size:small">{html.escape(where)}</span><br>'
                     f"{html.escape(who)}: {hit_html(hit.snippet, dark)}")  # fmt: skip
            label = QLabel(shown)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setContentsMargins(SPACE[1], SPACE[0], SPACE[1], SPACE[0])
            label.setAccessibleName(f"{title}{where}: {plain}")
            item.setSizeHint(label.sizeHint())
            self.conversations.addItem(item)
            self.conversations.setItemWidget(item, label)

    def hit_labels(self) -> list[QLabel]:
        out = []
        for row in range(self.conversations.count()):
            widget = self.conversations.itemWidget(self.conversations.item(row))
            if isinstance(widget, QLabel):
                out.append(widget)
        return out

    def select(self, conversation_id: int | None) -> None:
        for row in range(self.conversations.count()):
            item = self.conversations.item(row)
            if item.data(ID_ROLE) == conversation_id:
                self.conversations.setCurrentItem(item)
                return
        self.conversations.clearSelection()

    def _item_opened(self, item: QListWidgetItem) -> None:
        conversation_id, message_id = item.data(ID_ROLE), item.data(MESSAGE_ROLE)
        if isinstance(conversation_id, int) and isinstance(message_id, int):
            self.hit_opened.emit(conversation_id, message_id)
        elif isinstance(conversation_id, int):
            self.open_requested.emit(conversation_id)

    # -- context menu ----------------------------------------------------------------------------
    def menu_for(self, item: QListWidgetItem) -> QMenu | None:
        """Rename, pin or unpin, delete: for a conversation in the list (not a search hit)."""
        conversation_id = item.data(ID_ROLE)
        if not isinstance(conversation_id, int) or self.searching:
            return None
        pinned = bool(item.data(PINNED_ROLE))
        title = item.text().removeprefix("📌 ")
        menu = QMenu(self)
        rename = QAction(translate("ConversationList", "&Rename…"), menu)
        rename.triggered.connect(lambda: self._ask_rename(conversation_id, title))
        pin = QAction(translate("ConversationList", "&Unpin") if pinned
                      else translate("ConversationList", "&Pin to top"), menu)
        pin.triggered.connect(lambda: self.pin_requested.emit(conversation_id, not pinned))
        delete = QAction(translate("ConversationList", "&Delete…"), menu)
        delete.triggered.connect(lambda: self._ask_delete(conversation_id, title))
        for action in (rename, pin, delete):
            menu.addAction(action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        item = self.conversations.itemAt(pos)
        menu = self.menu_for(item) if item is not None else None
        if menu is not None:
            menu.exec(self.conversations.viewport().mapToGlobal(pos))
            menu.deleteLater()

    def _ask_rename(self, conversation_id: int, title: str) -> None:
        text, ok = QInputDialog.getText(self, translate("ConversationList", "Rename conversation"),
                                        translate("ConversationList", "Title:"), QLineEdit.EchoMode.Normal, title)
        if ok and text.strip():
            self.rename_requested.emit(conversation_id, text.strip())

    def _ask_delete(self, conversation_id: int, title: str) -> None:
        answer = QMessageBox.question(self, translate("ConversationList", "Delete conversation"),
                                      translate("ConversationList", "Delete “{title}” and all its messages? This "
                                                "cannot be undone.").format(title=title))
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_requested.emit(conversation_id)
