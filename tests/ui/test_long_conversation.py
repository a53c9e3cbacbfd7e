"""A 2,000-message conversation opens as one document, every message present."""

from __future__ import annotations

import pytest

from app.ui.main_window import MainWindow

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

    text = window.chat_panel.transcript.toPlainText()
    lines = text.splitlines()
    assert lines.count("You") == PAIRS
    assert sum(line.endswith(" OpenAI · gpt-4o-mini") for line in lines) == PAIRS  # after the provider's dot
    for i in range(PAIRS):
        assert f"question number {i}" in lines and f"Answer number {i}." in lines and f"print({i})" in lines
    assert window.sidebar.conversations.currentItem().text() == "A very long chat"
