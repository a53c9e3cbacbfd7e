"""A QTreeWidget's rows kept from one refresh to the next: only what changed is made and measured again."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

Row = tuple[Hashable, ...]  # what an item is made from: equal rows make equal items
NEWER_AT_MOST = 50  # rows newer than those listed that are put above them; more than this: all listed afresh
PAD_PX = 24  # beyond a text's width, room a column needs for its margins (more than enough: only costs a measure)


class ListedRows:
    """The rows `tree` lists, in order, each an item made by `make`. A refresh that lists the same rows does
    nothing; one that adds newer rows above those listed (a request was logged) inserts only those and drops
    the oldest beyond the count; anything else is listed afresh. Columns are measured again only when a new
    text would not fit (measuring every row of every column is most of a refresh's cost)."""

    def __init__(self, tree: QTreeWidget, make: Callable[[Row], QTreeWidgetItem],
                 measured: Sequence[int] | None = None) -> None:  # fmt: skip
        """`measured`: the columns sized to their contents (None: all)."""
        self.tree = tree
        self.make = make
        self.measured = range(tree.columnCount()) if measured is None else measured
        self.rows: list[Row] = []

    def show(self, rows: Sequence[Row]) -> None:
        rows = list(rows)
        if rows == self.rows:
            return
        old, tree = self.rows, self.tree
        newer = next((k for k in range(1, min(len(rows), NEWER_AT_MOST) + 1)
                      if len(rows) - k <= len(old) and rows[k:] == old[: len(rows) - k]), None)  # fmt: skip
        self.rows = rows
        if newer is None:
            tree.clear()
            tree.addTopLevelItems([self.make(row) for row in rows])
            for column in self.measured:
                tree.resizeColumnToContents(column)
            return
        while tree.topLevelItemCount() > len(rows) - newer:
            tree.takeTopLevelItem(tree.topLevelItemCount() - 1)
        items = [self.make(row) for row in rows[:newer]]
        tree.insertTopLevelItems(0, items)
        metrics = tree.fontMetrics()
        for column in self.measured:
            widest = max(metrics.horizontalAdvance(item.text(column)) for item in items)
            if widest + PAD_PX > tree.columnWidth(column):
                tree.resizeColumnToContents(column)
