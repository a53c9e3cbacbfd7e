"""The cost panel's lists after every request: rows kept, newer ones put above, the same as listed afresh."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app.ui.tree_rows import ListedRows, Row

pytestmark = pytest.mark.gui


def make(row: Row) -> QTreeWidgetItem:
    item = QTreeWidgetItem([str(row[0]), str(row[1])])
    item.setData(0, Qt.ItemDataRole.UserRole, row[2])
    return item


def listed(tree: QTreeWidget) -> list[Row]:
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [(item.text(0), item.text(1), item.data(0, Qt.ItemDataRole.UserRole)) for item in items]


def tree() -> QTreeWidget:
    widget = QTreeWidget()
    widget.setColumnCount(2)
    return widget


rows = st.lists(st.tuples(st.sampled_from(["12:01", "12:02", "a much longer text than the others"]),
                          st.sampled_from(["OpenAI", "Groq"]), st.integers(0, 5)), max_size=8)  # fmt: skip


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(start=rows, refreshes=st.lists(st.tuples(rows, st.integers(0, 8)), min_size=1, max_size=4))
def test_every_refresh_lists_what_a_fresh_list_would(qtbot: Any, start: list[Row],
                                                     refreshes: list[tuple[list[Row], int]]) -> None:  # fmt: skip
    kept = tree()
    qtbot.addWidget(kept)
    shown = ListedRows(kept, make)
    shown.show(start)
    current = start
    for newer, keep in refreshes:
        # newer rows above those listed (the oldest dropped), or another list altogether
        current = (newer + current)[: len(current) + len(newer) - keep // 3] if keep % 2 else newer
        shown.show(current)
        assert listed(kept) == [(str(a), str(b), c) for a, b, c in current]


def test_a_newer_row_is_put_above_and_the_rest_are_the_same_items(qtbot: Any) -> None:
    widget = tree()
    qtbot.addWidget(widget)
    shown = ListedRows(widget, make)
    shown.show([("12:01", "OpenAI", 1), ("12:00", "Groq", 2)])
    first = widget.topLevelItem(0)
    width = widget.columnWidth(0)
    shown.show([("12:02 and a long note", "OpenAI", 3), ("12:01", "OpenAI", 1)])  # one newer, the oldest dropped
    assert listed(widget) == [("12:02 and a long note", "OpenAI", 3), ("12:01", "OpenAI", 1)]
    assert widget.topLevelItem(1) is first  # kept, not made again
    assert widget.columnWidth(0) > width  # measured again: the new text fits
