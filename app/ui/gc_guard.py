"""Python's cyclic garbage collection on the GUI thread only: a Qt object must die on its own thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGc(QObject):
    """Automatic collection runs in whichever thread happens to allocate, including the worker threads that
    make keychain calls. A widget freed there warns "Timers cannot be stopped from another thread" and can
    crash the app. So automatic collection is switched off while this runs, and a timer on the GUI thread
    collects instead, generation by generation as the thresholds say (the pattern long-lived PyQt apps use).
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._was_enabled = gc.isenabled()

    def start(self) -> MainThreadGc:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        self._timer.stop()
        if self._was_enabled:
            gc.enable()

    def check(self) -> None:
        """Collect the oldest generation whose threshold has been passed, if any."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for gen in range(3):
            if counts[gen] > thresholds[gen]:
                generation = gen
        if generation >= 0:
            gc.collect(generation)
