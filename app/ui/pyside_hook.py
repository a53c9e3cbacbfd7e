"""PySide's per-import check made light.

Once PySide6 is imported, it looks at every module imported after it to tell whether that module uses PySide (for
its opt-in `__feature__` switches): it reads the module's whole source through `inspect.getsource`, which keeps
every line of every such module in `linecache` for the life of the process (~12 MB for Parley and the libraries it
loads) and tokenizes the start of each file. The same question is answered here by reading the file's bytes once,
keeping nothing; modules that are not plain `.py` files (a frozen build's, an extension's) still get PySide's own
answer. PySide's internals are checked before anything is changed: a PySide that no longer has the hook is left as
it is.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType
from typing import Any

_MARK = b"PySide6"


def lighten() -> bool:
    """Replace the check (once PySide6 is imported). True when it was replaced (or had been already)."""
    feature = sys.modules.get("shibokensupport.feature")
    original: Any = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "light", False):
        return True
    feature._mod_uses_pyside = _light(original)  # type: ignore[attr-defined]
    linecache.clearcache()  # what the check kept of the modules imported so far
    return True


def _light(original: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return original(module)
        try:
            with open(path, "rb") as source:
                return _MARK in source.read()
        except OSError:
            return original(module)

    uses_pyside.light = True  # type: ignore[attr-defined]
    return uses_pyside
