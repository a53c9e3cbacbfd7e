"""Tables loaded once, after start-up, and kept for the rest of the run: the price catalog (genai-prices' models,
~14,000 objects) and the math font's glyph metrics (ziafont, ~17,000). Their loaders say so here; the GUI thread's
collector (app/ui/gc_guard.py) then sets them aside as it set aside start-up's objects, so each later full
collection no longer walks them (about half of the ~70,000 objects a ~17 ms full collection walked)."""

from __future__ import annotations

import threading

_lock = threading.Lock()
_loads = [0]


def loaded() -> None:
    """A table that lives as long as the app was just loaded (from any thread)."""
    with _lock:
        _loads[0] += 1


def loads() -> int:
    """How many such loads there have been: a collector compares it with the count it last saw."""
    return _loads[0]
