"""The look's basics hold: readable contrast in both palettes, a reading column, icons and tooltips on every
tool, no stray "&" in what people read, and a window that can be used from the keyboard and a screen reader."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QFontMetrics
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from app.ui import markdown_view
from app.ui.main_window import MainWindow
from app.ui.style import COLUMN_CHARS, DARK, LIGHT, Scheme, contrast
from app.ui.theme import apply_theme

from .conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.gui

AA = 4.5  # WCAG's ratio for normal text


def test_contrast_is_measured_the_wcag_way() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the classic just-fails grey
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)


@pytest.mark.parametrize("scheme", [LIGHT, DARK], ids=["light", "dark"])
def test_every_text_colour_reads_on_its_background(scheme: Scheme) -> None:
    s = scheme
    pairs = {
        "text on fields": (s.text, s.base), "text on the window": (s.text, s.window),
        "text on bands and hovers": (s.text, s.alt), "text on selected rows": (s.text, s.accent_soft),
        "muted on fields": (s.muted, s.base), "muted on the window": (s.muted, s.window),
        "muted on bands": (s.muted, s.alt), "the primary button": (s.accent_text, s.accent),
        "links and the accent": (s.accent, s.base), "errors": (s.error, s.base), "warnings": (s.warning, s.base),
    }  # fmt: skip
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < AA}
    assert low == {}


@pytest.mark.parametrize("colours", [markdown_view.LIGHT, markdown_view.DARK], ids=["light", "dark"])
def test_what_the_transcript_draws_reads_too(colours: markdown_view.Colours) -> None:
    base = (LIGHT if not colours.dark else DARK).base
    text = (LIGHT if not colours.dark else DARK).text
    pairs = {
        "footers": (colours.muted, base), "links": (colours.link, base), "errors": (colours.error, base),
        "warnings": (colours.warning, base), "code": (colours.code_text, colours.code_bg),
        "the prompt's band": (text, colours.band), "quotes": (colours.quote, base),
        "table heads": (text, colours.table_head_bg), "inline code": (text, colours.inline_code_bg),
    }  # fmt: skip
    low = {name: round(contrast(*pair), 2) for name, pair in pairs.items() if contrast(*pair) < AA}
    assert low == {}


async def test_the_transcript_is_a_reading_column_on_a_wide_window(window: MainWindow) -> None:
    window.resize(1600, 1000)
    QApplication.processEvents()
    view = window.chat_panel.transcript
    metrics = QFontMetrics(view.document().defaultFont())
    chars = view.column_width() / metrics.averageCharWidth()
    assert COLUMN_CHARS - 5 <= chars <= COLUMN_CHARS + 8, chars  # "about 75 characters wide"
    assert view.column_width() < view.width() / 2  # centred, the rest is margin
    window.resize(700, 600)  # a narrow window: the column takes what there is
    QApplication.processEvents()
    assert view.column_width() >= view.width() - 40


def _tools(window: MainWindow) -> list[QAbstractButton]:
    """The buttons of the bars: the sidebar, the model bar, the answer bar, the composer, a message's tools."""
    panel = window.chat_panel
    bars: list[QWidget] = [window.sidebar, panel.model_bar, panel.answer_bar, panel.composer,
                           panel.transcript.actions_bar]  # fmt: skip
    return [b for bar in bars for b in bar.findChildren(QAbstractButton)
            if not isinstance(b.parent(), QLineEdit)]  # (a line edit's own clear and icon buttons)


async def test_every_tool_has_an_icon_and_a_tooltip(window: MainWindow) -> None:
    tools = _tools(window)
    assert len(tools) >= 14
    bare = [b.objectName() or b.text() for b in tools if b.icon().isNull() or not b.toolTip().strip()]
    assert bare == []


async def test_icons_follow_the_theme(window: MainWindow, qapp: QApplication) -> None:
    send = window.chat_panel.send_button
    attach = window.chat_panel.attach_button
    light = attach.icon().pixmap(18, 18).toImage()
    apply_theme(qapp, "dark")
    dark = attach.icon().pixmap(18, 18).toImage()
    assert light != dark and not send.icon().isNull()


def _visible_labels(root: QWidget) -> list[QLabel]:
    return [label for label in root.findChildren(QLabel) if label.isVisibleTo(root)]


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")  # offscreen cannot raise windows
async def test_no_label_shows_a_stray_ampersand(window: MainWindow) -> None:
    """"&" marks a keyboard shortcut only where Qt reads it so (buttons, menus, labels with a buddy)."""
    window.open_compare()
    window.open_costs()
    await asyncio.sleep(0.2)
    roots: list[QWidget] = [window, *(w for w in QApplication.topLevelWidgets() if w.isVisible())]
    stray = [label.text() for root in roots for label in _visible_labels(root)
             if "&" in label.text() and label.buddy() is None and label.textFormat() != Qt.TextFormat.RichText
             and "&nbsp;" not in label.text() and "&amp;" not in label.text()]  # fmt: skip
    assert stray == []


def _accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


async def test_tab_reaches_every_control_and_each_has_a_name(window: MainWindow, qtbot: Any) -> None:
    """From the prompt, Tab goes round every enabled control of the window and comes back; each one has an
    accessible name a screen reader can say, and the focus is visible (the style sheet draws a ring)."""
    window.resize(1400, 900)
    panel = window.chat_panel
    panel.prompt_edit.setPlainText("something to send")  # Send is enabled (and so reachable)
    window.activateWindow()
    panel.prompt_edit.setFocus()
    QApplication.processEvents()
    start = QApplication.focusWidget()
    assert start is panel.prompt_edit
    reached: list[QWidget] = []
    for _ in range(80):
        window.focusNextChild()
        QApplication.processEvents()
        current = QApplication.focusWidget()
        assert current is not None
        if current is start:
            break
        reached.append(current)
    else:
        pytest.fail(f"Tab never came back to the prompt: {[w.objectName() for w in reached[-10:]]}")
    reachable = [w for w in window.findChildren(QWidget)
                 if w.isVisibleTo(window) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                 and w.window() is window and not w.focusProxy()]  # fmt: skip
    missed = [w.objectName() or type(w).__name__ for w in reachable if w not in reached and w is not start]
    assert missed == []
    nameless = [w.objectName() or type(w).__name__ for w in [start, *reached] if not _accessible_name(w)]
    assert nameless == []
    assert "border: 2px solid" in QApplication.instance().styleSheet()  # type: ignore[union-attr]
