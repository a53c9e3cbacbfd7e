"""An answer that did not finish is marked as such on the message, live and when its conversation is reopened;
the mark tells the truth: the partial text goes with the next prompt."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.ui.incomplete import CUT_OFF, STOPPED, STOPPED_EMPTY, marker
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui


def _lines(window: MainWindow) -> list[str]:
    return window.chat_panel.transcript.toPlainText().splitlines()


async def _reopened(window: MainWindow, conversation_id: int) -> list[str]:
    window.new_chat()
    assert not any(STOPPED in line or CUT_OFF in line for line in _lines(window))
    window.open_conversation(conversation_id)
    return _lines(window)


async def test_a_stopped_answer_is_marked_and_sent_with_the_next_prompt(window: MainWindow, loopback: LoopbackServer,
                                                                         qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply([f"word{i} " for i in range(400)], pause=0.01))
    fill(qtbot, window, loopback, "Tell me a long story")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: len(panel.transcript.answer_text()) > 40, what="some streamed text")
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    stopped = await seen.replied()

    lines = _lines(window)
    assert "■ " + STOPPED in lines
    mark = lines.index("■ " + STOPPED)
    assert lines[mark - 1].startswith("word0") or "word" in lines[mark - 1]  # under the partial text
    assert lines[-1].endswith("· stopped") and mark == len(lines) - 2  # above the footer
    assert panel.transcript.answer_text() == stopped.text.strip()  # the mark is not part of the answer's text

    reopened = await _reopened(window, stopped.conversation_id)
    assert "■ " + STOPPED in reopened and reopened.index("■ " + STOPPED) == len(reopened) - 2
    assert panel.transcript.answer_text() == stopped.text.strip()

    # What the mark says is what happens: the partial answer is the assistant turn of the next prompt.
    loopback.enqueue(stream_reply(["Sure."]))
    qtbot.keyClicks(panel.prompt_edit, "Go on")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied(2)
    messages = loopback.requests[-1].json()["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"] == stopped.text
    assert _lines(window).count("■ " + STOPPED) == 1  # the new, finished answer has no mark


async def test_a_cut_off_answer_is_marked_live_and_reopened(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                            key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["The first half ", "of an ans"], finish="length"))
    fill(qtbot, window, loopback, "Explain")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()
    assert reply.finish_reason == "length" and reply.status == "complete"
    assert "■ " + CUT_OFF in _lines(window)
    reopened = await _reopened(window, reply.conversation_id)
    assert "■ " + CUT_OFF in reopened and reopened[-1].startswith("test-model")


async def test_a_finished_answer_has_no_mark(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                             key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["All ", "done."]))
    fill(qtbot, window, loopback, "Hi")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()
    reopened = await _reopened(window, reply.conversation_id)
    assert not any(line.startswith("■") for line in _lines(window) + reopened)


def test_which_endings_are_marked() -> None:
    assert marker(stopped=True, failed=False, finish_reason="cancelled", has_text=True) == STOPPED
    assert marker(stopped=True, failed=False, finish_reason="cancelled", has_text=False) == STOPPED_EMPTY
    assert marker(stopped=False, failed=False, finish_reason="length", has_text=True) == CUT_OFF
    assert marker(stopped=False, failed=True, finish_reason="error", has_text=True).startswith("Incomplete")
    assert marker(stopped=False, failed=True, finish_reason="error", has_text=False) == ""  # the error says it
    assert marker(stopped=False, failed=False, finish_reason="stop", has_text=True) == ""
