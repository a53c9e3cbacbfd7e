"""A one-line label that gives up width when the window is narrow: its text ends in "…" and the whole of it
stays in the tooltip (and for screen readers, the label's text is unchanged)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QStyleOption, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None, *, least: int = 48) -> None:
        super().__init__(text, parent)
        self._least = least  # the narrowest it gets, in pixels
        self.short = ""  # shown instead of an elided text when it fits (e.g. the amount without its words)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        """As narrow as `least`, but never narrower than the short form (an amount in a longer language's way of
        writing it, "<0,0001 US$", stays whole)."""
        hint = super().minimumSizeHint()
        least = self._least
        if self.short:
            metrics = self.fontMetrics()
            padding = hint.width() - metrics.horizontalAdvance(self.text())
            least = max(least, metrics.horizontalAdvance(self.short) + max(padding, 0) + 2)
        return QSize(min(hint.width(), least), hint.height())

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text if text else "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        option = QStyleOption()
        option.initFrom(self)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)  # the style sheet's pill
        rect = self.contentsRect()
        metrics = self.fontMetrics()
        text = self.text()
        if self.short and metrics.horizontalAdvance(text) > rect.width():
            text = self.short
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(rect, int(self.alignment()), elided)
        painter.end()
