"""The real window in the pseudo language, walked widget by widget: every sentence a person reads is translated,
and none is cut off at a wide and at a narrow window size.

The pseudo language (scripts/i18n.py) writes every sentence accented, about 40% longer and inside ⟦ ⟧, so a
sentence that escaped `translate` (a module constant, a helper's return) shows as plain English here, and a label
or button too narrow for a longer language shows as clipped. Names (Parley, providers, models, URLs, numbers,
shortcuts) are not sentences and stay as they are.
"""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,  # fmt: skip
)

from app.providers.catalog import SPECS
from app.ui import i18n
from app.ui.cost_panel import CostPanel
from app.ui.elided import ElidedLabel
from app.ui.main_window import MainWindow
from tests.support.ledger import fill_ledger
from tests.support.windows import opened_window
from tests.ui.conftest import OFFSCREEN_NOISE

ROOT = Path(__file__).resolve().parents[2]
PSEUDO_QM = ROOT / "resources" / "i18n" / "parley_pseudo.qm"
SIZES = [(1600, 1000), (860, 700)]
# Windows known not to shrink to 860x700 in the pseudo language, to be fixed (each entry must still be found: a
# fixed one leaves the list). The settings pages are taller than 700 px (847 in Spanish too).
KNOWN_TOO_BIG: set[str] = set()

_PSEUDO = re.compile(r"⟦[^⟦⟧]*⟧")
_TAG = re.compile(r"<[^>]*>|&\w+;|&(?=\w)")
_NAMES_OF_THINGS = re.compile(
    r"https?://\S+|\b[\w.-]+\.(com|org|net|ai|io|dev)\b\S*|\b\w+[-_./:@]\S*|"  # addresses, models, paths
    r"\b(Ctrl|Shift|Alt|Meta|Esc|Enter|Return|Tab|Del|F\d+)\b|"  # shortcuts
    r"\$|US\$|\b\d[\d,.]*\b"  # amounts, numbers
)


def _names() -> set[str]:
    """The words that are names, not sentences: Parley, each provider's name and id."""
    found = {"Parley", "MCP", "API", "URL", "HTTP", "HTTPS", "JSON", "CSV", "PDF", "OK", "English", "Español"}
    for spec in SPECS:
        for attr in ("id", "name", "label", "display_name"):
            value = getattr(spec, attr, None)
            if isinstance(value, str):
                found.update(re.findall(r"[A-Za-z]+", value))
    return found


NAMES = _names()


def untranslated(text: str) -> str:
    """What is left of `text` that a person reads as English, once pseudo sentences and names are taken out."""
    rest = _TAG.sub(" ", text)
    while True:
        shorter = _PSEUDO.sub(" ", rest)
        if shorter == rest:
            break
        rest = shorter
    rest = _NAMES_OF_THINGS.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]{2,}", rest) if w.isascii() and w not in NAMES]
    return " ".join(words)


def _texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(what, text) a person reads on `widget`."""
    if isinstance(widget, QLabel):
        yield "text", widget.text()
    if isinstance(widget, QAbstractButton):
        yield "text", widget.text()
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"tab {i}", widget.tabText(i)
            yield f"tab {i} tip", widget.tabToolTip(i)
    if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
        yield "placeholder", widget.lineEdit().placeholderText()
    yield "tooltip", widget.toolTip()
    yield "accessible name", widget.accessibleName()
    if widget.isWindow():
        yield "window title", widget.windowTitle()
    for action in widget.actions():
        yield from _action_texts(action)


def _action_texts(action: QAction, depth: int = 0) -> Iterator[tuple[str, str]]:
    if action.isSeparator() or depth > 3:
        return
    yield "action", action.text()
    if action.toolTip() != action.text().replace("&", ""):  # Qt's default tooltip is the text
        yield "action tip", action.toolTip()
    menu = action.menu()
    if isinstance(menu, QMenu):
        yield "menu", menu.title()
        for sub in menu.actions():
            yield from _action_texts(sub, depth + 1)


def _where(widget: QWidget) -> str:
    names = []
    w: QWidget | None = widget
    while w is not None and len(names) < 4:
        names.append(w.objectName() or type(w).__name__)
        w = w.parentWidget()
    return "/".join(reversed(names))


def english_left(top: QWidget) -> list[str]:
    """Every visible text under `top` that still reads as English."""
    found = []
    for widget in [top, *top.findChildren(QWidget)]:
        if widget is not top and not widget.isVisibleTo(top):
            continue
        for what, text in _texts(widget):
            if text and (left := untranslated(text)):
                found.append(f"{_where(widget)} {what}: {text[:90]!r} (English: {left[:60]!r})")
    return sorted(set(found))


def _text_width(widget: QWidget, text: str) -> int:
    return widget.fontMetrics().horizontalAdvance(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))


def clipped(top: QWidget) -> list[str]:
    """Every visible one-line label and button under `top` whose text is wider than the room it has."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel) and not isinstance(widget, ElidedLabel):
            text = widget.text()
            pictured = not widget.pixmap().isNull()
            if not text or pictured or widget.wordWrap() or QtGui.Qt.mightBeRichText(text) or "\n" in text:
                continue
            room = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
            need = _text_width(widget, text)
        elif isinstance(widget, (QPushButton, QToolButton)) and widget.text():
            if isinstance(widget, QToolButton) and widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                continue
            text = widget.text()
            icon = widget.iconSize().width() + 4 if not widget.icon().isNull() else 0
            room = widget.width() - icon - 8  # the style's frame and padding, at the least
            need = _text_width(widget, text)
        else:
            continue
        if need > room:
            found.append(f"{_where(widget)}: {widget.text()[:70]!r} needs {need} px, has {room}")
    return sorted(found)


def _shot(widget: QWidget, path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    widget.grab().save(path)


@pytest.fixture
def pseudo(qapp: QApplication) -> Iterator[None]:
    if not PSEUDO_QM.exists():  # the .qm files are built, not committed
        subprocess.run([sys.executable, str(ROOT / "scripts" / "i18n.py"), "build"], check=True)
    assert i18n.install(qapp, "pseudo") == "pseudo"
    assert i18n.translate("MainWindow", "&File").startswith("⟦")
    yield
    i18n.install(qapp, "en")


async def _settle(*widgets: QWidget) -> None:
    """Let the loop deliver the resize and layout events (QApplication.processEvents here would run the loop's own
    callbacks inside this task)."""
    for w in widgets:
        if w.layout() is not None:
            w.layout().activate()
    await asyncio.sleep(0.05)


async def _walk(qtbot: Any) -> tuple[list[str], dict[tuple[int, int], list[str]], set[str]]:
    english: list[str] = []
    too_big: set[str] = set()
    clips: dict[tuple[int, int], list[str]] = {}
    async with opened_window(qtbot) as win:
        assert isinstance(win, MainWindow)
        assert win.runtime.store is not None
        fill_ledger(win.runtime.store)
        win.open_settings()
        win.open_compare()
        win.open_costs()
        settings = win.open_settings()
        compare = win.compare_panel
        costs = win.findChild(CostPanel, "costPanel")
        assert compare is not None and isinstance(costs, CostPanel)
        await costs.refresh()
        for size in SIZES:
            clips[size] = []
            for top in (win, settings, compare, costs):
                top.resize(*size)
            await _settle(win, settings, compare, costs)
            for top in (win, settings, compare, costs):  # a window that cannot shrink to the size clips the screen
                if top.width() > size[0] or top.height() > size[1]:
                    too_big.add(_where(top))
                    if _where(top) not in KNOWN_TOO_BIG:
                        clips[size].append(f"{_where(top)} cannot shrink below {top.width()}x{top.height()}")
            if os.environ.get("PARLEY_WALK_SHOTS"):  # to look at: PARLEY_WALK_SHOTS=/tmp/walk pytest ...
                for top in (win, compare, costs):
                    _shot(top, f"{os.environ['PARLEY_WALK_SHOTS']}/{type(top).__name__}-{size[0]}x{size[1]}.png")
            for top in (win, compare, costs):
                english += english_left(top)
                clips[size] += clipped(top)
            tabs = settings.tabs
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                await _settle(settings)
                english += english_left(settings)
                clips[size] += [f"settings tab {i}: {c}" for c in clipped(settings)]
                for inner in tabs.widget(i).findChildren(QTabWidget):  # a page's own tabs
                    for j in range(inner.count()):
                        inner.setCurrentIndex(j)
                        await _settle(settings)
                        english += english_left(settings)
                        clips[size] += [f"settings tab {i}.{j}: {c}" for c in clipped(settings)]
    return sorted(set(english)), clips, too_big


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")  # offscreen cannot raise windows
async def test_every_sentence_in_the_window_is_translated_and_fits(qtbot: Any, pseudo: None) -> None:
    english, clips, too_big = await _walk(qtbot)
    assert too_big >= KNOWN_TOO_BIG, f"fixed, take out of KNOWN_TOO_BIG: {KNOWN_TOO_BIG - too_big}"
    assert not english, "English left in the pseudo language (wrap in translate):\n" + "\n".join(english)
    for size, found in clips.items():
        assert not found, f"clipped at {size[0]}x{size[1]}:\n" + "\n".join(sorted(set(found)))


def test_the_walk_finds_english_and_clipping(qapp: QApplication, qtbot: Any) -> None:
    """The checks themselves: plain English is found, a pseudo sentence or a name is not, a narrow label clips."""
    assert untranslated("Send") == "Send"
    assert untranslated("⟦Šéñð··⟧") == ""
    assert untranslated("⟦{provider} ⟦ñéšțéð··⟧ ok··⟧") == ""
    assert untranslated("gpt-4o-mini · OpenAI · https://api.example.com/v1 · $0.02 · Ctrl+N") == ""
    assert untranslated("<b>⟦Ŝàvé··⟧</b> 12 tokens") == "tokens"
    top = QWidget()
    qtbot.addWidget(top)
    label = QLabel("⟦À véŕý lóñg séñţéñçé ţhàţ çàññóţ fíţ··········⟧", top)
    label.setGeometry(0, 0, 40, 20)
    top.show()
    assert clipped(top) and not english_left(top)
    label.setText("Plain English")
    assert english_left(top)
