"""A list on the left and a form for its current row on the right: the shape of every settings page."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .i18n import translate


class RowEditor(Protocol):
    """What a page tells its ListForm: the rows, and how one row goes into the form and back into the draft."""

    def list_items(self) -> list[QListWidgetItem]:
        """The list's rows, built afresh from the draft."""
        ...

    def show_row(self, row: int | None) -> None:
        """Show a row in the form (None: no row is selected)."""
        ...

    def commit_row(self, row: int) -> None:
        """Write the form into the draft as that row's values."""
        ...


class ListForm(QWidget):
    """The list and the form. It tracks which row the form shows and commits the form into the draft before
    showing another row (and whenever the panel asks: `commit`), so nothing typed is lost. With `add_text`, Add
    and Remove buttons sit under the list; the page connects them, and calls `take_shown` and `refill`."""

    def __init__(self, editor: RowEditor, form: QWidget, *, note: str = "", add_text: str = "",
                 name: str = "") -> None:  # fmt: skip
        super().__init__()
        self._editor = editor
        self.form = form
        self.shown: int | None = None  # the row the form shows
        self.list = QListWidget()
        self.list.setObjectName(name)
        self.list.setMaximumWidth(230)
        self.list.currentRowChanged.connect(self._row_changed)
        left = QVBoxLayout()
        left.addWidget(self.list, 1)
        self.add_button = QPushButton(add_text, self)
        self.remove_button = QPushButton(translate("ListForm", "Remove"), self)
        if add_text:
            buttons = QHBoxLayout()
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            left.addLayout(buttons)
        else:  # a list of fixed rows (the providers)
            self.add_button.hide()
            self.remove_button.hide()
        right = QVBoxLayout()
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            right.addWidget(label)
        right.addWidget(form)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the page's own margins are the only ones
        layout.addLayout(left)
        layout.addLayout(right, 1)

    def refill(self, select: int | None = None) -> None:
        """Rebuild the list from the draft and show row `select` (or none). The form is not stored first: the
        caller stores it (`commit`) or drops it (`take_shown`) as the change requires."""
        self.list.blockSignals(True)
        self.list.clear()
        for item in self._editor.list_items():
            self.list.addItem(item)
        if select is not None and 0 <= select < self.list.count():
            self.list.setCurrentRow(select)
        self.list.blockSignals(False)
        self.shown = None
        self._row_changed(self.list.currentRow())

    def select(self, row: int) -> None:
        """Show `row`, storing the form's row first; shown afresh from the draft even if it is shown already."""
        self.list.blockSignals(True)
        self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._row_changed(row)

    def commit(self) -> None:
        """The form into the draft (call before anything reads the draft)."""
        if self.shown is not None and self.shown < self.list.count():
            self._editor.commit_row(self.shown)

    def take_shown(self) -> int | None:
        """The shown row, forgotten without storing it (it is about to be removed from the draft)."""
        row, self.shown = self.shown, None
        return row

    def relabel(self, row: int, text: str) -> None:
        item = self.list.item(row)
        if item is not None and item.text() != text:
            item.setText(text)

    def _row_changed(self, row: int) -> None:
        self.commit()
        valid = 0 <= row < self.list.count()
        self.form.setEnabled(valid)
        self.remove_button.setEnabled(valid)
        self.shown = row if valid else None
        self._editor.show_row(self.shown)
