"""Freed memory handed back to the system at a quiet moment after a big free (a conversation's document dropped)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTimer

from app.core import allocator

RELEASE_AFTER_MS = 500  # after the first big free: later ones in that time (switching fast) share the one trim

_timer: QTimer | None = None


def release_soon() -> None:
    """Trim the allocator's free pages once, RELEASE_AFTER_MS from the first call since the last trim."""
    global _timer
    app = QCoreApplication.instance()
    if app is None:
        return
    timer = _timer if _belongs(_timer, app) else None
    if timer is None:
        _timer = timer = QTimer(app)
        timer.setSingleShot(True)
        timer.setInterval(RELEASE_AFTER_MS)
        timer.timeout.connect(lambda: allocator.give_back())
    if not timer.isActive():
        timer.start()


def _belongs(timer: QTimer | None, app: QCoreApplication) -> bool:
    if timer is None:
        return False
    try:
        return timer.parent() is app
    except RuntimeError:  # made under an application since destroyed (tests make several)
        return False
