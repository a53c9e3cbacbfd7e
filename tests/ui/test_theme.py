"""Light and dark themes: the palette follows the choice or the system, and what we draw follows the palette."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.core.settings import Settings, save_settings
from app.ui import theme
from app.ui.markdown_view import DARK, LIGHT, Entry
from app.ui.theme import apply_saved_theme, apply_theme, is_dark
from app.ui.transcript import TranscriptView

pytestmark = pytest.mark.gui

CODE = "Run:\n\n```python\nprint('hi')\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted `inline`\n"


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    apply_theme(qapp, "system")  # the next test gets the light palette back (offscreen has no dark one)
    assert not is_dark(qapp.palette())


@pytest.fixture
def view(qtbot: Any) -> TranscriptView:
    v = TranscriptView()
    qtbot.addWidget(v)
    v.resize(600, 400)
    v.show()
    return v


def window_lightness(app: QApplication) -> int:
    return app.palette().color(QPalette.ColorRole.Window).lightness()


def test_dark_and_light_on_a_system_without_a_dark_palette(app: QApplication) -> None:
    assert not is_dark(app.palette())  # offscreen has no dark palette of its own
    keeper = apply_theme(app, "dark")
    assert is_dark(app.palette()) and keeper.dark and "QPushButton" in app.styleSheet()
    assert window_lightness(app) < 80
    apply_theme(app, "light")
    assert not is_dark(app.palette()) and window_lightness(app) > 200
    assert apply_theme(app, "nonsense").choice == "system"  # a bad value means the system's theme


def test_the_system_switching_to_dark_is_followed(app: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    apply_theme(app, "system")
    assert not is_dark(app.palette())
    monkeypatch.setattr(theme, "_system_scheme", lambda _app: Qt.ColorScheme.Dark)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(app.palette())
    monkeypatch.setattr(theme, "_system_scheme", lambda _app: Qt.ColorScheme.Light)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not is_dark(app.palette())
    apply_theme(app, "light")  # a forced choice ignores the desktop
    monkeypatch.setattr(theme, "_system_scheme", lambda _app: Qt.ColorScheme.Dark)
    app.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not is_dark(app.palette())
    monkeypatch.undo()


def test_the_saved_setting_is_applied_at_start(app: QApplication) -> None:
    save_settings(dataclasses.replace(Settings(), theme="dark"))
    apply_saved_theme(app)
    assert is_dark(app.palette())


def test_shown_messages_are_drawn_again_in_the_new_colours(app: QApplication, view: TranscriptView,
                                                           qtbot: Any) -> None:  # fmt: skip
    view.show_entries([Entry("user", "Show me"), Entry("assistant", CODE, "Model", footer="footer · $0.01",
                                                       error=("It stopped.", "Try again."), message_id=3)])  # fmt: skip
    view.add_notice("Nothing was sent.", "Pick a model first.")
    light_html = view.toHtml()
    text = view.toPlainText()
    assert LIGHT.code_bg in light_html and DARK.code_bg not in light_html
    apply_theme(app, "dark")
    qtbot.waitUntil(lambda: view.colours is DARK)  # on the palette-change event
    dark_html = view.toHtml()
    for colour in (DARK.code_bg, DARK.error, DARK.muted, DARK.table_head_bg, DARK.inline_code_bg, DARK.quote):
        assert colour in dark_html, colour
    for colour in (LIGHT.code_bg, LIGHT.error, LIGHT.table_head_bg, LIGHT.inline_code_bg):
        assert colour not in dark_html, colour
    assert view.toPlainText() == text  # the same messages, notices and footer, only new colours
    assert view.answer_text().startswith("Run:")
    apply_theme(app, "light")
    qtbot.waitUntil(lambda: view.colours is LIGHT)
    assert view.toPlainText() == text and LIGHT.code_bg in view.toHtml()


def test_an_answer_streaming_keeps_its_text_when_the_theme_changes(app: QApplication, view: TranscriptView,
                                                                   qtbot: Any) -> None:  # fmt: skip
    view.add_prompt("Go")
    view.begin_answer("Model")
    view.append_answer(CODE[:30], reasoning="Thinking first.")
    view.flush()
    apply_theme(app, "dark")
    qtbot.waitUntil(lambda: view.colours is DARK)
    view.append_answer(CODE[30:])
    view.flush()
    assert DARK.code_bg in view.toHtml() and LIGHT.code_bg not in view.toHtml()
    assert "print('hi')" in view.answer_text() and "\nThinking first.\nRun:" in view.toPlainText()
    view.end_answer("footer", text=CODE, reasoning="Thinking first.")
    assert "▸ Reasoning (2 words)" in view.toPlainText() and DARK.code_bg in view.toHtml()
    assert view.answer_text().startswith("Run:") and view.answer_text().endswith("quoted inline")
