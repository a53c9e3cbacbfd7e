"""The light first window: painted on its own, then handing its place to the real window."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from app.ui.shell import Shell


def about(a: QSize, b: QSize) -> bool:
    """The same size give or take a frame's width (Qt guesses the frame of a window not yet shown)."""
    return abs(a.width() - b.width()) <= 4 and abs(a.height() - b.height()) <= 4


def test_the_shell_paints_and_hands_its_place_to_the_window(qtbot: QtBot) -> None:
    shell = Shell()
    qtbot.addWidget(shell)
    shell.move(37, 41)
    shell.resize(520, 380)
    assert shell.show_painted(5.0)
    assert shell.isVisible() and shell.windowTitle() == "Parley"
    window = QMainWindow()
    qtbot.addWidget(window)
    shell.hand_over(window)
    window.show()
    qtbot.waitExposed(window)
    assert about(window.size(), shell.size()) and (window.pos() - shell.pos()).manhattanLength() <= 8
    shell.retire()
    assert not shell.isVisible() and not shell.close_requested


def test_the_shell_takes_the_saved_geometry(qtbot: QtBot) -> None:
    saved = QMainWindow()
    qtbot.addWidget(saved)
    saved.resize(560, 340)
    geometry = bytes(saved.saveGeometry().toBase64().data()).decode("ascii")
    shell = Shell(geometry)
    qtbot.addWidget(shell)
    assert about(shell.size(), saved.size()) and not about(shell.size(), QSize(1100, 720))


def test_closing_the_shell_is_remembered(qtbot: QtBot) -> None:
    shell = Shell()
    qtbot.addWidget(shell)
    shell.show_painted(5.0)
    shell.close()
    assert shell.close_requested
