"""Python's cyclic garbage collection on the GUI thread only: a Qt object must die on its own thread."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from app.core import lasting

INTERVAL_MS = 100  # often enough that a young generation stays small (a few ms to collect) while text streams


class MainThreadGc(QObject):
    """Automatic collection runs in whichever thread happens to allocate, including the worker threads that
    make keychain calls. A widget freed there warns "Timers cannot be stopped from another thread" and can
    crash the app. So automatic collection is switched off while this runs, and a timer on the GUI thread
    collects instead, generation by generation as the thresholds say (the pattern long-lived PyQt apps use).

    Two things keep those collections short (a full one over the whole heap took 50-100 ms, a visible stall
    in the middle of a streamed answer):
    - `freeze()` once start-up is over moves everything alive then (modules, classes, the window) out of the
      collector's sight for good, so later collections only look at what was made since;
    - tables loaded later for the rest of the run (the price catalog, the math font: app/core/lasting.py) are set
      aside the same way at the next check after they load, with one full collection first (no garbage is set
      aside with them);
    - the oldest generation is collected only when it has grown by a quarter since its last collection
      (frozen objects counted, as they were part of it), the rule CPython's own automatic collection follows;
      a plain threshold check would scan it far more often.
    """

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.check)
        self._was_enabled = gc.isenabled()
        self._survivors = 0  # objects left in the oldest generation by its last collection
        self._long_lived = 0  # the same, plus those frozen: what the next full collection's growth is weighed against
        self._weighed_at = -1  # the oldest generation's count when its growth was last weighed
        self._frozen = False
        self._lasting = lasting.loads()  # lasting tables loaded as of the last freeze

    def start(self) -> MainThreadGc:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()
        return self

    def stop(self) -> None:
        """Give collection back to Python, as it was (what `freeze` set aside is collectable again)."""
        self._timer.stop()
        if self._frozen:
            gc.unfreeze()
            self._frozen = False
        if self._was_enabled:
            gc.enable()

    def freeze(self) -> None:
        """Start-up is over: collect once, then keep what survived out of every later collection."""
        self._lasting = lasting.loads()
        gc.collect()
        gc.freeze()
        self._frozen = True
        self._survivors, self._long_lived = 0, gc.get_freeze_count()
        self._weighed_at = -1

    def check(self) -> None:
        """Collect the oldest generation whose threshold has been passed, if any."""
        if self._frozen and lasting.loads() != self._lasting:
            self.freeze()  # a lasting table was loaded since: out of later collections' way
            return
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[2] > thresholds[2] and self._full_collection_due(counts[2]):
            gc.collect(2)
            self._survivors = len(gc.get_objects(generation=2))
            self._long_lived = self._survivors + gc.get_freeze_count()
            self._weighed_at = -1
            return
        for gen in (1, 0):
            if counts[gen] > thresholds[gen]:
                gc.collect(gen)
                return

    def _full_collection_due(self, count: int) -> bool:
        """Whether the oldest generation grew by more than a quarter since its last collection (weighed once
        per young collection that fed it, since counting it costs a little)."""
        if count == self._weighed_at:
            return False
        self._weighed_at = count
        grown = len(gc.get_objects(generation=2)) - self._survivors
        return grown > self._long_lived // 4
