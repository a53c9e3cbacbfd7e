"""Finds sentences in app/ui that reach a person without going through Qt's translation (`translate`, `say`).

Static: every call that puts text on screen (a widget's text, tooltip, placeholder, title, accessible name, a
status message, a menu, a tab, a form row, a message box) is looked at; a literal with letters in it, an
f-string, or a string built with `+` or `%` there is reported, unless it is wrapped in `translate(...)`
(Qt looks it up) or `say(...)` (core's words), or formatted from one (`translate(...).format(...)`).
Module constants and helper returns are caught at run time by the pseudo-language walk (tests/ui/test_i18n_walk.py).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "app" / "ui"

SINKS = frozenset({
    "setText", "setToolTip", "setPlaceholderText", "setWindowTitle", "setStatusTip", "setWhatsThis",
    "setAccessibleName", "setAccessibleDescription", "showMessage", "addTab", "insertTab", "setTabText",
    "setTabToolTip", "setTitle", "addMenu", "addAction", "addRow", "insertRow", "setHorizontalHeaderLabels",
    "setVerticalHeaderLabels", "setHeaderLabels", "setHeaderLabel", "setSpecialValueText", "setSuffix", "setPrefix",
    "setLabelText", "setInformativeText", "setDetailedText", "setFormat", "setButtonText", "addButton",
    "information", "warning", "critical", "question", "about", "setCancelButtonText", "setOkButtonText",
    "setWindowIconText", "setPlainText", "setHtml", "setMarkdown", "addItem", "addItems", "insertItem",
    "setItemText", "setTextFormat_", "setEmptyText", "show_problem", "show_message", "set_status",
    "QLabel", "QPushButton", "QToolButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
    "QMessageBox", "QCommandLinkButton", "QListWidgetItem", "QTreeWidgetItem", "QTableWidgetItem",
})  # fmt: skip
WRAPPERS = frozenset({"translate", "say", "tr"})
_FORMATTERS = frozenset({"format", "arg", "replace", "strip", "join"})
LETTERS = re.compile(r"[A-Za-z]{2,}")
LOGGERS = frozenset({"log", "logger", "logging"})  # log.warning(...) is for the log file, which stays English


@dataclass(frozen=True)
class Unmarked:
    path: str
    line: int
    call: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.call}({self.text!r})"


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _logs(func: ast.expr) -> bool:
    """log.warning(...), logging.getLogger(...).warning(...)."""
    if not isinstance(func, ast.Attribute):
        return False
    owner = func.value
    return (isinstance(owner, ast.Name) and owner.id in LOGGERS) or (
        isinstance(owner, ast.Call) and _name(owner.func) == "getLogger")


def _wrapped(node: ast.expr) -> bool:
    """translate(...) / say(...), or a .format / .arg / concatenation made only of wrapped parts."""
    if isinstance(node, ast.Call):
        name = _name(node.func)
        if name in WRAPPERS:
            return True
        if name in _FORMATTERS and isinstance(node.func, ast.Attribute):
            return _wrapped(node.func.value) or _plain(node.func.value)
        return True  # another call: its result is checked where it is made (or by the run-time walk)
    return False


def _plain(node: ast.expr) -> bool:
    """No letters a person reads: a literal without words ("·", " ", "%"), a name, an attribute, a number."""
    if isinstance(node, ast.Constant):
        return not (isinstance(node.value, str) and LETTERS.search(node.value))
    return isinstance(node, (ast.Name, ast.Attribute, ast.Subscript, ast.Call)) and not isinstance(node, ast.Call)


def _offending(node: ast.expr) -> str | None:
    """The text that is not marked, or None."""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) and LETTERS.search(node.value) else None
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        return f"f'{literal}'" if LETTERS.search(literal) else None
    if isinstance(node, ast.BinOp):
        return _offending(node.left) or _offending(node.right)
    if isinstance(node, (ast.List, ast.Tuple)):
        return next((t for t in map(_offending, node.elts) if t), None)
    if isinstance(node, ast.IfExp):
        return _offending(node.body) or _offending(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _FORMATTERS:
        return None if _wrapped(node.func.value) else _offending(node.func.value)
    return None


def unmarked(paths: list[Path] | None = None) -> list[Unmarked]:
    found: list[Unmarked] = []
    for path in paths or sorted(UI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in SINKS or _logs(node.func):
                continue
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg in ("text", "title", "toolTip"))]:
                if (text := _offending(arg)) is not None:
                    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                    found.append(Unmarked(str(shown), node.lineno, _name(node.func), text))
    return found
