"""The first thing on screen: a plain window in Parley's colours, painted before asyncio, qasync and the
window's own modules load, then replaced by the real window at the same size and place (app/main.py).

Only PySide6 is imported here: a bare Qt window paints in about a third of the time the full window takes.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

DEFAULT_SIZE = (1100, 720)  # the main window's own default (main_window.py)
PRODUCT = "Parley"  # the windows' title: a name, never translated


class Shell(QMainWindow):
    """An empty window with the app's title, icon and palette, where the real window will appear."""

    def __init__(self, geometry: str = "") -> None:
        super().__init__()
        self.setObjectName("parley_shell")
        self.setWindowTitle(PRODUCT)
        self.setCentralWidget(QWidget())
        self.resize(*DEFAULT_SIZE)
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        self.close_requested = False  # the user closed it before the real window came: that one closes too
        self._painted = False
        self._waiting: QEventLoop | None = None

    def show_painted(self, timeout_s: float) -> bool:
        """Show it and run Qt's events until its first frame is flushed (or `timeout_s` passed, as for a
        minimised window). True when it painted."""
        waiting = QEventLoop()
        self._waiting = waiting
        self.installEventFilter(self)
        QTimer.singleShot(round(timeout_s * 1000), waiting, waiting.quit)
        self.show()
        if not self._painted:
            waiting.exec()
        self._waiting = None
        return self._painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.removeEventFilter(self)
            if self._waiting is not None:  # after this paint is flushed, as the main window counts its own
                QTimer.singleShot(0, self._waiting, self._waiting.quit)
        return super().eventFilter(watched, event)

    def hand_over(self, window: QWidget) -> None:
        """Give `window` this one's size and place (and maximised or full-screen state): the user may have
        moved it meanwhile, and a first run's window goes where the desktop put this one."""
        window.restoreGeometry(self.saveGeometry())

    def retire(self) -> None:
        """The real window is painted: this one goes."""
        self.hide()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_requested = True
        super().closeEvent(event)
