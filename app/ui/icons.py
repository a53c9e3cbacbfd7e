"""Icons for actions and tools: Lucide's line icons (resources/icons), drawn in the palette's colours."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication

from .resources import resources_dir

SIZES = (16, 20, 24, 32)  # drawn crisp at each (and at the screen's pixel ratio)


@lru_cache(maxsize=64)
def _svg(name: str) -> bytes:
    path = resources_dir() / "icons" / f"{name}.svg"
    return path.read_bytes() if path.is_file() else b""


@lru_cache(maxsize=256)
def _pixmap(name: str, colour: str, size: int, ratio: float) -> QPixmap:
    """The icon at `size` logical pixels in `colour`, rendered by Qt's SVG image plugin (no QtSvg import)."""
    data = _svg(name).replace(b"currentColor", colour.encode("ascii"))
    pixmap = QPixmap()
    side = round(size * ratio)
    data = data.replace(b'width="24"', f'width="{side}"'.encode()).replace(b'height="24"', f'height="{side}"'.encode())
    if not pixmap.loadFromData(QByteArray(data), "SVG"):
        pixmap = QPixmap(side, side)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setPen(QColor(colour))
        painter.drawRect(2, 2, side - 5, side - 5)  # a visible box rather than nothing when a file is missing
        painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, palette: QPalette | None = None, role: QPalette.ColorRole = QPalette.ColorRole.ButtonText,
         colour: str | None = None) -> QIcon:  # fmt: skip
    """A Lucide icon in the palette's colour for `role` (or `colour`), with its disabled look."""
    app = QApplication.instance()
    pal = palette or (app.palette() if isinstance(app, QApplication) else QPalette())
    ratio = app.devicePixelRatio() if isinstance(app, QApplication) else 1.0
    normal = colour or pal.color(QPalette.ColorGroup.Active, role).name()
    disabled = pal.color(QPalette.ColorGroup.Disabled, role).name()
    out = QIcon()
    for size in SIZES:
        out.addPixmap(_pixmap(name, normal, size, ratio), QIcon.Mode.Normal)
        out.addPixmap(_pixmap(name, normal, size, ratio), QIcon.Mode.Active)
        out.addPixmap(_pixmap(name, disabled, size, ratio), QIcon.Mode.Disabled)
    return out


def icon_size() -> QSize:
    return QSize(18, 18)
