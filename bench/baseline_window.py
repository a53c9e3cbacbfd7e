"""The start-up baseline: a bare PySide6 window, shown, painted once, then closed. Prints one JSON line.

`paint_at` is time.perf_counter() at the first paint (CLOCK_MONOTONIC on Linux, shared with the process
that started this one, so it can tell how long the whole start took); `first_paint_ms` is measured from
the first line of this script, as Parley measures from the start of `run_gui`.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import json  # noqa: E402  (after T0: the clock starts before anything is imported)
import sys  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow  # noqa: E402


class FirstPaint(QObject):
    """As Parley's window does: note the first paint, then act once it has been flushed."""

    def __init__(self, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.painted_at is None and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False

    def done(self) -> None:
        self.painted_at = time.perf_counter()
        self.app.quit()


def main() -> int:
    app = QApplication([sys.argv[0]])
    window = QMainWindow()
    window.setWindowTitle("bare")
    label = QLabel("A bare PySide6 window")
    window.setCentralWidget(label)
    window.resize(1100, 720)
    probe = FirstPaint(app)
    label.installEventFilter(probe)
    window.show()
    app.exec()
    painted = probe.painted_at
    print(json.dumps({"painted": painted is not None, "paint_at": painted,
                      "first_paint_ms": None if painted is None else round((painted - T0) * 1000, 1)}))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
