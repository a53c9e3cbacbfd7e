"""Windows sized to what their screen can show."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

SHARE = 0.9  # of the screen's free area, at most: the window's edges and buttons stay on the screen


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Size `window` `width` x `height`, or to SHARE of its screen's free area where that is smaller: a panel made
    for a large screen (a 900-pixel-high cost panel) would put its buttons off a laptop's 1366 x 768 screen."""
    screen = window.screen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, int(room.width() * SHARE)), min(height, int(room.height() * SHARE))
    window.resize(width, height)
