"""A 2,000-message conversation opens as one document, every message present: the newest at once, at the end of
the view, the older ones drawn above them over the next event-loop turns, with the view still at the end."""

from __future__ import annotations

import pytest

from app.ui.main_window import MainWindow
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

PAIRS = 1000


async def test_two_thousand_messages_open_in_one_document(window: MainWindow) -> None:
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
    assert transcript.drawing_older  # too long to draw in one frame
    shown = transcript.toPlainText().splitlines()
    assert f"question number {PAIRS - 1}" in shown and "question number 0" not in shown
    await wait_until(lambda: not transcript.drawing_older, what="the older messages")
    bar = transcript.verticalScrollBar()
    assert transcript.following and bar.value() == bar.maximum()

    text = transcript.toPlainText()
    lines = text.splitlines()
    assert lines.count("You") == PAIRS
    assert sum(line.endswith(" OpenAI · gpt-4o-mini") for line in lines) == PAIRS  # after the provider's dot
    for i in range(PAIRS):
        assert f"question number {i}" in lines and f"Answer number {i}." in lines and f"print({i})" in lines
    assert window.sidebar.conversations.currentItem().text() == "A very long chat"
