"""The sidebar after every answer: rows kept and only moved or changed, exactly as a list drawn afresh."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from app.store.records import Conversation
from app.ui.conversation_list import ConversationList

pytestmark = pytest.mark.gui

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


def conv(cid: int, title: str = "", minutes: int = 0, pinned: bool = False) -> Conversation:
    return Conversation(id=cid, title=title or f"Chat {cid}", created_at=T0, updated_at=T0 + timedelta(minutes=minutes),
                        pinned=pinned, system_prompt=None, settings={}, current_leaf_id=None)  # fmt: skip


def rows(sidebar: ConversationList) -> list[tuple[Any, ...]]:
    box = sidebar.conversations
    return [(box.item(i).data(Qt.ItemDataRole.UserRole), box.item(i).text(), box.item(i).font().italic(),
             box.item(i).toolTip()) for i in range(box.count())]  # fmt: skip


def current(sidebar: ConversationList) -> Any:
    item = sidebar.conversations.currentItem()
    return item.data(Qt.ItemDataRole.UserRole) if item is not None and item.isSelected() else None


one = st.builds(conv, st.integers(1, 12), st.sampled_from(["", "Plan **trip**", "Notes"]), st.integers(0, 3),
                st.booleans())  # fmt: skip
lists = st.lists(one, max_size=10, unique_by=lambda c: c.id)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(lists, st.sets(st.integers(1, 12), max_size=3), st.none() | st.integers(1, 12)),
                      min_size=1, max_size=5))  # fmt: skip
def test_a_list_changed_in_place_reads_as_one_drawn_afresh(qtbot: Any, steps: list[Any]) -> None:
    kept = ConversationList()
    qtbot.addWidget(kept)
    for conversations, answering, selected in steps:
        kept.show_conversations(conversations, selected, answering)
        fresh = ConversationList()
        qtbot.addWidget(fresh)
        fresh.show_conversations(conversations, selected, answering)
        assert rows(kept) == rows(fresh)
        assert current(kept) == current(fresh) == (selected if selected in {c.id for c in conversations} else None)


def test_an_answer_moves_its_row_to_the_top_and_leaves_the_rest_where_they_are(qtbot: Any) -> None:
    sidebar = ConversationList()
    qtbot.addWidget(sidebar)
    sidebar.resize(280, 300)
    sidebar.show()
    many = [conv(n, minutes=200 - n) for n in range(1, 151)]
    sidebar.show_conversations(many, current=None)
    box = sidebar.conversations
    bar = box.verticalScrollBar()
    qtbot.wait(1)  # laid out, as a list is by the time anyone scrolls it
    bar.setValue(bar.maximum() // 2)  # the reader is looking at the middle of the list
    looked_at = bar.value()
    untouched = box.itemAt(4, 4)  # the row at the top of the view
    assert untouched is not None and untouched.data(Qt.ItemDataRole.UserRole) < 120
    shown = untouched.data(Qt.ItemDataRole.UserRole)
    answered = conv(120, minutes=500)  # an answer came in elsewhere: that conversation moves to the top
    sidebar.show_conversations([answered, *(c for c in many if c.id != 120)], current=shown, answering={120})
    assert [r[0] for r in rows(sidebar)][:3] == [120, 1, 2]
    assert rows(sidebar)[0][2] is True  # answering: in italics
    assert box.currentItem() is untouched  # the same row, not a new one
    assert box.viewport().rect().intersects(box.visualItemRect(untouched))  # still in view
    assert bar.value() >= looked_at  # the list did not jump back to its top
    assert current(sidebar) == shown


def test_search_hits_then_the_list_again(qtbot: Any) -> None:
    sidebar = ConversationList()
    qtbot.addWidget(sidebar)
    sidebar.show_conversations([conv(1), conv(2)], current=1)
    sidebar.show_hits([])
    assert sidebar.conversations.count() == 1 and not sidebar.conversations.uniformItemSizes()
    sidebar.show_conversations([conv(1), conv(2)], current=2)
    assert [r[0] for r in rows(sidebar)] == [1, 2] and sidebar.conversations.uniformItemSizes()
    assert current(sidebar) == 2
