"""The PySide6 `None` leak guard: thousands of streamed updates through the real transcript on qasync."""

from __future__ import annotations

import asyncio
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow
from app.ui.transcript import TranscriptView
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

pytestmark = pytest.mark.gui

N = 10_000


async def test_ten_thousand_streamed_pieces_end_to_end(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    pieces = [f"{i % 10}" + ("\n" if i % 50 == 49 else " ") for i in range(N)]
    loopback.enqueue(stream_reply(pieces))
    seen = Seen(window)
    fill(qtbot, window, loopback, "Count to ten thousand")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()

    assert reply.status == "complete" and reply.usage.output_tokens == N
    shown = window.chat_panel.transcript.answer_text()
    # Rendered as Markdown once finished: line breaks inside a paragraph flow, every piece is there.
    assert shown.split() == "".join(pieces).split() and len(shown.split()) == N


async def test_ten_thousand_unbatched_updates_keep_none_alive(qtbot: Any) -> None:
    """Worst case: one Qt edit per piece and a loop turn between them. PySide6 6.12.0 on Python 3.11
    dropped a reference to None per such call and crashed in none_dealloc after a few thousand."""
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show()
    view.begin_answer("stress")
    before = sys.getrefcount(None)
    for i in range(N):
        view.append_answer("ab" if i % 100 else "a\n")
        view.flush()
        await asyncio.sleep(0)
    after = sys.getrefcount(None)
    assert len(view.answer_text()) == 2 * N
    assert after > before - N // 2, f"None lost {before - after} references over {N} updates"
