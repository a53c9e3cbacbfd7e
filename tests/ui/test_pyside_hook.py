"""PySide's per-import check (does this module use PySide?) answers as PySide's own and keeps no source lines."""

from __future__ import annotations

import inspect
import linecache
import sys
from pathlib import Path

import pytest

from app.ui import pyside_hook


def _pyside_answer(module: object) -> bool:
    """PySide's own rule: "PySide6" anywhere in the module's source."""
    try:
        return "PySide6" in inspect.getsource(module)  # type: ignore[arg-type]
    except (TypeError, OSError, SyntaxError):
        return False


def test_every_loaded_module_gets_pysides_own_answer() -> None:
    import PySide6.QtWidgets  # noqa: F401  (PySide6 loaded: its feature module is there)

    assert pyside_hook.lighten()
    feature = sys.modules["shibokensupport.feature"]
    check = feature._mod_uses_pyside
    assert check.light
    modules = [m for m in list(sys.modules.values()) if isinstance(getattr(m, "__file__", None), str)]
    assert len(modules) > 100
    assert sum(check(m) for m in modules) > 10  # app.ui's modules among them
    assert [m.__name__ for m in modules if check(m) != _pyside_answer(m)] == []


def test_a_later_module_is_told_apart_and_its_lines_are_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                                  ) -> None:  # fmt: skip
    import PySide6.QtWidgets  # noqa: F401

    assert pyside_hook.lighten()
    (tmp_path / "uses_qt_here.py").write_text("from PySide6.QtCore import QObject\nVALUE = 1\n")
    (tmp_path / "plain_here.py").write_text("VALUE = 2\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    linecache.clearcache()
    for name in ("uses_qt_here", "plain_here"):
        __import__(name)  # (as an import statement does: PySide watches __import__)
    feature = sys.modules["shibokensupport.feature"]
    assert feature.pyside_feature_dict["uses_qt_here"] == 0
    assert feature.pyside_feature_dict["plain_here"] == -1
    assert not [path for path in linecache.cache if str(tmp_path) in path]
