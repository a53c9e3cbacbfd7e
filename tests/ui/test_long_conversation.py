"""A 2,000-message conversation opens in the real window with its newest messages at once, at the end of the view,
and costs what is looked at: the older messages are drawn above only as the reader scrolls up to them, and Select
All gets every one of them."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

PAIRS = 1000


async def test_two_thousand_messages_open_drawn_from_the_end(window: MainWindow, qtbot: object) -> None:
    store = window.runtime.store
    assert store is not None
    conv = store.create_conversation("A very long chat")
    for i in range(PAIRS):
        store.add_message(conv, "user", f"question number {i}")
        store.add_message(conv, "assistant", f"Answer **number {i}**.\n\n```python\nprint({i})\n```",
                          provider="openai", requested_model="gpt-4o-mini", model="gpt-4o-mini")  # fmt: skip
    window.refresh_list()
    window.open_conversation(conv)
    transcript = window.chat_panel.transcript
    assert transcript.drawing_older  # the newest first: what fills the view, then a screen more above it
    shown = transcript.toPlainText().splitlines()
    assert f"question number {PAIRS - 1}" in shown and "question number 0" not in shown
    await wait_until(lambda: not transcript.drawing_older, what="the older messages due")
    for _ in range(10):
        await asyncio.sleep(0.02)
    bar = transcript.verticalScrollBar()
    assert transcript.following and bar.value() == bar.maximum() >= transcript.viewport().height()
    assert transcript.undrawn > 2 * PAIRS - 200  # the rest waits for the reader
    assert window.sidebar.conversations.currentItem().text() == "A very long chat"

    transcript.setFocus()
    qtbot.keyClick(transcript, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert transcript.undrawn == 0
    lines = transcript.textCursor().selection().toPlainText().splitlines()
    assert lines.count("You") == PAIRS
    assert sum(line.endswith(" OpenAI · gpt-4o-mini") for line in lines) == PAIRS  # after the provider's dot
    for i in range(PAIRS):
        assert f"question number {i}" in lines and f"Answer number {i}." in lines and f"print({i})" in lines
