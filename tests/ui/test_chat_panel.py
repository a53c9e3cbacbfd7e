"""The chat panel driven through its real widgets against a loopback OpenAI-compatible server."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import error_reply, stream_reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui


async def test_streamed_answer_appears_with_footer(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                   key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["Hello", ", ", "stream", "ing ", "world!"], pause=0.01, prompt_tokens=7))
    fill(qtbot, window, loopback, "Say hello")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied()

    text = panel.transcript.toPlainText()
    assert "You\nSay hello" in text
    assert "OpenAI · gpt-4o-mini" in text
    assert panel.transcript.answer_text() == "Hello, streaming world!"
    footer = text.splitlines()[-1]
    assert footer.startswith("test-model · 7 in / 5 out tokens · first token ")
    assert "tok/s" in footer
    assert seen.replies[0].status == "complete"
    sent = loopback.requests[0]
    assert sent.path == "/v1/chat/completions"
    assert sent.headers["authorization"] == "Bearer test-key-not-real"
    assert sent.json()["model"] == "gpt-4o-mini"
    assert sent.json()["messages"][-1] == {"role": "user", "content": "Say hello"}
    assert panel.prompt_edit.toPlainText() == ""  # taken once the answer started
    assert panel.send_action.isEnabled() and not panel.stop_button.isEnabled()
    assert window.statusBar().currentMessage() == "Done."


async def test_stop_keeps_the_partial_answer(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                             key: None) -> None:  # fmt: skip
    seen = Seen(window)
    pieces = [f"word{i} " for i in range(400)]
    loopback.enqueue(stream_reply(pieces, pause=0.01))
    fill(qtbot, window, loopback, "Tell me a long story")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: len(panel.transcript.answer_text()) > 40, what="some streamed text")
    assert panel.stop_button.isEnabled()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    await seen.replied()

    reply = seen.replies[0]
    assert reply.finish_reason == "cancelled"
    partial = panel.transcript.answer_text()
    assert partial == reply.text.strip()  # rendered as Markdown once stopped: the trailing space goes
    store = window.runtime.store
    assert store is not None and reply.message_id is not None
    saved = store.message(reply.message_id)
    assert saved.status == "interrupted" and saved.content == reply.text  # the partial text is kept
    assert partial.startswith("word0 word1 ") and len(partial) < len("".join(pieces))
    assert panel.transcript.toPlainText().splitlines()[-1].endswith("· stopped")
    assert "HTTP" not in panel.transcript.toPlainText()  # stopping is not an error
    assert window.statusBar().currentMessage() == "Stopped."
    assert panel.send_action.isEnabled() and not window.controller.busy


async def test_escape_in_the_prompt_box_stops(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                              key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply([f"{i} " for i in range(400)], pause=0.01))
    fill(qtbot, window, loopback, "Count")
    panel = window.chat_panel
    window.activateWindow()  # shortcuts only fire in the active window
    await wait_until(window.isActiveWindow, what="the window to become active")
    qtbot.keyClick(panel.prompt_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: panel.transcript.answer_text(), what="some streamed text")
    qtbot.keyClick(panel.prompt_edit, Qt.Key.Key_Escape)
    await seen.replied()
    assert seen.replies[0].finish_reason == "cancelled"
    assert panel.transcript.answer_text() == seen.replies[0].text.strip() and seen.replies[0].text.startswith("0 ")


async def test_a_401_is_explained_and_the_prompt_kept(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                      key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(error_reply(401, "Incorrect API key provided.", code="invalid_api_key"))
    fill(qtbot, window, loopback, "Keep this prompt")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied()

    reply = seen.replies[0]
    assert reply.status == "error" and reply.error.kind == "auth"
    text = panel.transcript.toPlainText()
    assert reply.error.describe() in text
    assert "(HTTP 401)" in text
    assert reply.error.advice in text and "API key" in reply.error.advice
    assert panel.prompt_edit.toPlainText() == "Keep this prompt"
    assert "failed" in text.splitlines()[-1]
    assert panel.send_action.isEnabled()


async def test_problems_before_sending_keep_the_prompt(window: MainWindow, loopback: LoopbackServer,
                                                       qtbot: Any) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "Nothing typed is lost", model="")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.refused(1)
    assert seen.failures[-1][0] == "Type a model name first."

    panel.base_url_edit.clear()  # OpenAI's own URL and no key anywhere: refused before any request
    qtbot.keyClicks(panel.model_box.lineEdit(), "gpt-4o-mini")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.refused(2)
    message, _ = seen.failures[-1]
    assert "no API key for OpenAI" in message
    assert message in panel.transcript.toPlainText()

    panel.base_url_edit.setText("localhost:8080")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.refused(3)
    assert "must start with http:// or https://" in seen.failures[-1][0]

    assert loopback.requests == [] and seen.replies == []
    assert panel.prompt_edit.toPlainText() == "Nothing typed is lost"
    assert panel.send_action.isEnabled()


async def test_second_turn_carries_the_history(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                               key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["Paris."]), stream_reply(["About 2.1 million."]))
    fill(qtbot, window, loopback, "Capital of France?")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied(1)
    qtbot.keyClicks(panel.prompt_edit, "Population?")
    qtbot.keyClick(panel.prompt_edit, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier)
    await seen.replied(2)

    messages = loopback.requests[1].json()["messages"]
    assert [m["role"] for m in messages] == ["user", "assistant", "user"]
    assert messages[1]["content"] == "Paris."
    text = panel.transcript.toPlainText()
    assert text.index("Paris.") < text.index("Population?") < text.index("About 2.1 million.")

    window.new_chat()
    assert panel.transcript.toPlainText() == ""
    loopback.enqueue(stream_reply(["Hi."]))
    qtbot.keyClicks(panel.prompt_edit, "Hello")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied(3)
    assert len(loopback.requests[2].json()["messages"]) == 1


async def test_each_provider_keeps_its_model_and_base_url(window: MainWindow, loopback: LoopbackServer,
                                                          qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["ok"]))
    fill(qtbot, window, loopback, "hi", model="my-model")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied()

    panel.select_provider("groq")
    assert panel.model_box.currentText() == "" and panel.base_url_edit.text() == ""
    assert panel.base_url_edit.placeholderText().startswith("https://api.groq.com/openai/v1")
    panel.model_box.setEditText("llama-3.3-70b-versatile")
    panel.select_provider("openai")
    assert panel.model_box.currentText() == "my-model"
    assert panel.base_url_edit.text() == loopback.url + "/v1"
    panel.select_provider("groq")
    assert panel.model_box.currentText() == "llama-3.3-70b-versatile"
    names = [panel.provider_box.itemText(i) for i in range(panel.provider_box.count())]
    assert names[0] == "OpenAI" and "Ollama (local)" in names
