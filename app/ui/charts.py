"""Small QPainter charts for the cost panel: spend by day, a labelled breakdown, and a budget meter."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from .i18n import translate
from .i18n import usd as format_usd  # costs in dollars, with the language's separators

# One colour per cost source; readable on light and dark backgrounds alike.
SOURCE_COLORS: dict[str, str] = {
    "provider": "#2e86de",
    "catalog": "#8e6bd6",
    "override": "#e08a1e",
    "free": "#27a35a",
    "unknown": "#8a8f98",
}
STATE_COLORS: dict[str, str] = {"ok": "#27a35a", "near": "#e0a01e", "over": "#d64545"}
MIXED_COLOR = "#5d7fa8"


@dataclass(frozen=True, slots=True)
class Bar:
    """What one bar shows: its key, USD value, a short axis label, tooltip text and colour."""

    key: str
    value: float
    label: str = ""
    tip: str = ""
    color: str = MIXED_COLOR
    requests: int = 0
    name: str = ""  # the key as people read it ("OpenAI" for "openai"); the key when empty

    @property
    def shown(self) -> str:
        return self.name or self.key


def source_color(sources: Sequence[str]) -> str:
    """A single source's colour; figures that mix sources get a neutral one (their label says which)."""
    return SOURCE_COLORS.get(sources[0], MIXED_COLOR) if len(sources) == 1 else MIXED_COLOR


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bars: list[Bar] = []
        self._hit: list[tuple[QRectF, Bar]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: Sequence[Bar]) -> bool:
        """Show `bars`; False (and nothing drawn again) when they are the bars shown. Only a change in their
        number asks the layout for room again (the panel is refreshed after every logged request)."""
        bars = list(bars)
        if bars == self._bars:
            return False
        count, self._bars = len(self._bars), bars
        # A painted chart is invisible to screen readers: describe its figures in words as well.
        self.setAccessibleDescription("; ".join(b.tip or f"{b.shown}: {format_usd(b.value)}" for b in bars))
        if len(bars) != count:
            self.updateGeometry()
        self.update()
        return True

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            pos = QPointF(e.pos())
            bar = next((b for rect, b in self._hit if rect.contains(pos)), None)
            if bar is None:
                QToolTip.hideText()
            else:
                QToolTip.showText(e.globalPos(), bar.tip or f"{bar.shown}: {format_usd(bar.value)}", self)
            return True
        return super().event(e)

    def _x(self, x: float, width: float = 0.0) -> float:
        """Where something `width` wide drawn at `x` (left to right) goes in this widget's direction: mirrored in
        a right-to-left language, so that names, bars and figures read from the right."""
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            return self.width() - x - width
        return x

    def _text_color(self, dim: bool = False) -> QColor:
        role = QPalette.ColorRole.PlaceholderText if dim else QPalette.ColorRole.WindowText
        return self.palette().color(role)


class DayChart(_Chart):
    """Vertical bars, oldest day on the left; the tallest bar's value labels the top line."""

    def sizeHint(self) -> QSize:
        return QSize(560, 170)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, 170)

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = p.fontMetrics()
        line = fm.height()
        top, bottom, left, right = line // 2 + line, self.height() - line - 6, 8, self.width() - 8
        peak = max((b.value for b in self._bars), default=0.0)
        grid = self.palette().color(QPalette.ColorRole.Mid)
        p.setPen(grid)
        p.drawLine(left, bottom, right, bottom)
        p.setPen(self._text_color(dim=True))
        heading = (translate("DayChart", "max {cost} / day").format(cost=format_usd(peak)) if peak
                   else translate("DayChart", "No spending in these days"))  # fmt: skip
        p.drawText(QPointF(self._x(left, fm.horizontalAdvance(heading)), line), heading)
        if peak:
            p.setPen(grid)
            p.drawLine(left, top, right, top)
        self._hit = []
        n = len(self._bars)
        if not n:
            return
        slot = (right - left) / n
        width = max(2.0, slot * 0.7)
        for i, bar in enumerate(self._bars):
            x = left + i * slot + (slot - width) / 2
            height = (bottom - top) * (bar.value / peak) if peak else 0.0
            if bar.value > 0:
                height = max(height, 2.0)
            rect = QRectF(self._x(x, width), bottom - height, width, height)
            p.fillRect(rect, QColor(bar.color))
            if bar.requests and not bar.value:  # requests that cost nothing (free) or could not be priced
                p.setPen(self._text_color(dim=True))
                middle = self._x(x + width / 2)
                p.drawLine(QPointF(middle, bottom - 1), QPointF(middle, bottom - 5))
            self._hit.append((QRectF(self._x(left + i * slot, slot), top, slot, bottom - top), bar))
            if bar.label and (i % 5 == 4 or i == n - 1):
                p.setPen(self._text_color(dim=True))
                text_width = fm.horizontalAdvance(bar.label)
                tx = min(max(left, x + width / 2 - text_width / 2), right - text_width)
                p.drawText(QPointF(self._x(tx, text_width), self.height() - 4), bar.label)
        p.end()


class BreakdownChart(_Chart):
    """One row per bar: name, a bar scaled to the dearest, then the figure and its source label."""

    ROW = 24

    def set_bars(self, bars: Sequence[Bar]) -> bool:
        changed = super().set_bars(bars)
        height = self.sizeHint().height()
        if changed and (self.minimumHeight(), self.maximumHeight()) != (height, height):
            self.setFixedHeight(height)
        return changed

    def sizeHint(self) -> QSize:
        return QSize(420, max(1, len(self._bars)) * self.ROW + 6)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        fm = p.fontMetrics()
        self._hit = []
        if not self._bars:
            p.setPen(self._text_color(dim=True))
            empty = translate("BreakdownChart", "Nothing spent yet")
            p.drawText(QPointF(self._x(4, fm.horizontalAdvance(empty)), fm.ascent() + 4), empty)
            return
        name_width = min(max(fm.horizontalAdvance(b.shown) for b in self._bars) + 20, int(self.width() * 0.42))
        value_width = max(fm.horizontalAdvance(b.label) for b in self._bars) + 12
        name_width = max(60, min(name_width, self.width() - value_width - 40))  # the figures stay in view
        bar_left, bar_right = name_width, max(name_width + 20, self.width() - value_width)
        peak = max(b.value for b in self._bars) or 1.0
        for i, bar in enumerate(self._bars):
            y = 3 + i * self.ROW
            p.setPen(self._text_color())
            name = fm.elidedText(bar.shown, Qt.TextElideMode.ElideRight, name_width - 10)
            baseline = y + (self.ROW + fm.ascent() - fm.descent()) / 2
            p.drawText(QPointF(self._x(4, fm.horizontalAdvance(name)), baseline), name)
            length = max(1.0, (bar_right - bar_left) * bar.value / peak)
            p.fillRect(QRectF(self._x(bar_left, length), y + 5, length, self.ROW - 10), QColor(bar.color))
            p.setPen(self._text_color(dim=True))
            figure = fm.elidedText(bar.label, Qt.TextElideMode.ElideRight, int(self.width() - bar_right - 10))
            p.drawText(QPointF(self._x(bar_right + 8, fm.horizontalAdvance(figure)), baseline), figure)
            self._hit.append((QRectF(0, y, self.width(), self.ROW), bar))
        p.end()


class Meter(QWidget):
    """How much of a budget is used: a bar coloured by state (ok, near, over), full at the limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fraction = 0.0
        self.state = "ok"
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, fraction: float, state: str) -> None:
        self.fraction, self.state = fraction, state
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(120, 10)

    def paintEvent(self, event: object) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(0.5, 0.5, self.width() - 1.0, self.height() - 1.0)
        p.setPen(self.palette().color(QPalette.ColorRole.Mid))
        p.setBrush(self.palette().color(QPalette.ColorRole.Base))
        p.drawRoundedRect(track, 3, 3)
        length = track.width() * min(1.0, max(0.0, self.fraction))
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft  # fills from the right in such a language
        filled = QRectF(track.right() - length if rtl else track.x(), track.y(), length, track.height())
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(STATE_COLORS.get(self.state, MIXED_COLOR)))
        p.drawRoundedRect(filled, 3, 3)
        p.end()
