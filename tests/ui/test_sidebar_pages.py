"""A long list of conversations in the sidebar: read a page at a time as it scrolls, pinned first, all reachable."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.core.library import CONVERSATIONS_SHOWN
from app.core.paths import db_path
from app.store import open_store
from app.ui.main_window import MainWindow
from tests.support.waiting import wait_until
from tests.support.windows import opened_window

pytestmark = pytest.mark.gui

TOTAL = CONVERSATIONS_SHOWN * 2 + 37


def ids_shown(win: MainWindow) -> list[int]:
    box = win.sidebar.conversations
    return [box.item(i).data(Qt.ItemDataRole.UserRole) for i in range(box.count())]


def scroll_to_end(win: MainWindow) -> None:
    bar = win.sidebar.conversations.verticalScrollBar()
    for _ in range(TOTAL):  # a page down at a time, as a user drags; each step may read the next page
        QApplication.processEvents()
        if bar.value() >= bar.maximum() and win.sidebar.conversations.count() >= TOTAL:
            return
        bar.setValue(bar.value() + bar.pageStep())


@pytest.fixture
def many() -> list[int]:
    """TOTAL conversations, the two oldest pinned; ids in the order the list must show them."""
    with open_store(db_path()) as store:
        ids = [store.create_conversation(f"Chat {n}") for n in range(TOTAL)]
        store.pin_conversation(ids[0])
        store.pin_conversation(ids[1])
        return [c.id for c in store.list_conversations()]


async def test_the_list_opens_with_a_page_and_reads_the_rest_as_it_scrolls(qtbot: Any, many: list[int]) -> None:
    async with opened_window(qtbot) as window:
        window.resize(1100, 720)
        await wait_until(lambda: window.sidebar.conversations.count() > 0, what="the list")
        assert ids_shown(window) == many[:CONVERSATIONS_SHOWN]  # one page, not every conversation
        assert window.sidebar.conversations.item(0).text().startswith("📌 ")
        assert {many[0], many[1]} == set(ids_shown(window)[:2])
        scroll_to_end(window)
        assert ids_shown(window) == many  # every conversation, once each, in order, the oldest last
        assert not window.sidebar.show_more()  # nothing left to read

        window.open_conversation(many[-1])  # the oldest, reached by scrolling
        assert window.sidebar.conversations.currentItem().data(Qt.ItemDataRole.UserRole) == many[-1]

        window.pin_conversation(many[-1], True)  # a change reads the list again from its top
        assert ids_shown(window)[0] == many[-1] and window.sidebar.conversations.count() == CONVERSATIONS_SHOWN


async def test_search_hits_do_not_read_more_pages(qtbot: Any, many: list[int]) -> None:
    async with opened_window(qtbot) as window:
        await wait_until(lambda: window.sidebar.conversations.count() > 0, what="the list")
        window.sidebar.search_edit.setText("zyzzyva")
        await wait_until(lambda: window.sidebar.conversations.count() == 1, what="the empty search result")
        assert not window.sidebar.show_more() and window.sidebar.conversations.count() == 1
