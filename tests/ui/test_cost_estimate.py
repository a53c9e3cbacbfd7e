"""The next request's cost beside Send, and sending a budget-refused prompt anyway, through the real window."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.history import DEFAULT_MAX_OUTPUT, prompt_tokens
from app.core.pricing import estimate_worst_case, format_usd
from app.core.settings import Budgets, Limits, Settings, save_settings
from app.providers import ChatRequest, Message
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui


def expected(model: str, messages: tuple[Message, ...]) -> str:
    """The label for sending `messages`, from the same functions the budgets use."""
    tokens = prompt_tokens(ChatRequest(model=model, messages=messages))
    cost = estimate_worst_case("openai", model, tokens, DEFAULT_MAX_OUTPUT, local=False, overrides={})
    assert cost is not None and cost > 0.0001
    return f"≤ {format_usd(cost)} next request"


async def label_shows(win: MainWindow, text: str) -> None:
    label = win.chat_panel.estimate_label
    await wait_until(lambda: label.text() == text, what=f"the estimate {text!r} (shown: {label.text()!r})")


async def test_typing_updates_the_estimate(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                           key: None) -> None:  # fmt: skip
    panel = window.chat_panel
    assert panel.estimate_label.text() == ""  # nothing typed yet
    long_prompt = "Explain the history of the Roman Empire in detail. " * 40
    fill(qtbot, window, loopback, "Hi")
    await label_shows(window, expected("gpt-4o-mini", (Message("user", "Hi"),)))
    qtbot.keyClicks(panel.prompt_edit, long_prompt)
    await label_shows(window, expected("gpt-4o-mini", (Message("user", "Hi" + long_prompt),)))
    assert "tokens" in panel.estimate_label.toolTip()

    # Another model is priced at its own rate.
    panel.model_box.setEditText("")
    qtbot.keyClicks(panel.model_box.lineEdit(), "gpt-4o")
    await label_shows(window, expected("gpt-4o", (Message("user", "Hi" + long_prompt),)))

    # The box emptied: no estimate.
    panel.prompt_edit.clear()
    await label_shows(window, "")


async def test_the_estimate_counts_the_conversation_so_far(window: MainWindow, loopback: LoopbackServer,
                                                           qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    answer = "A long answer that the next request sends back as history. " * 200
    loopback.enqueue(stream_reply([answer]))
    fill(qtbot, window, loopback, "first question")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied()
    await wait_until(lambda: window.chat_panel.prompt_edit.toPlainText() == "", what="the box cleared")

    qtbot.keyClicks(window.chat_panel.prompt_edit, "and then?")
    history = (Message("user", "first question"), Message("assistant", answer), Message("user", "and then?"))
    await label_shows(window, expected("gpt-4o-mini", history))
    assert expected("gpt-4o-mini", history) != expected("gpt-4o-mini", history[-1:])


async def test_a_local_provider_is_free(window: MainWindow, qtbot: Any) -> None:
    panel = window.chat_panel
    panel.select_provider("ollama")
    qtbot.keyClicks(panel.model_box.lineEdit(), "llama3.2")
    qtbot.keyClicks(panel.prompt_edit, "Hello there")
    await label_shows(window, "free (local)")


async def test_an_unknown_model_is_unknown(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                           key: None) -> None:  # fmt: skip
    fill(qtbot, window, loopback, "Hello there", model="no-such-model-in-any-catalog")
    await label_shows(window, "cost unknown")


async def test_send_anyway_after_a_budget_refusal(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                  key: None) -> None:  # fmt: skip
    settings = Settings(budgets=Budgets(overall=Limits(daily=0.000001)))
    save_settings(settings)
    window.runtime.replace_settings(settings)  # as the settings panel hands them over
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "Too dear")
    assert panel.override_row.isHidden()
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    message, _advice = await seen.refused()
    assert "daily limit" in message and loopback.requests == []
    assert not panel.override_row.isHidden() and panel.override_button.text() == "Send anyway (this once)"
    assert panel.prompt_edit.toPlainText() == "Too dear"  # the prompt is kept

    loopback.enqueue(stream_reply(["Worth ", "it."]))
    qtbot.mouseClick(panel.override_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()
    assert reply.status == "complete" and reply.text == "Worth it."
    assert len(loopback.requests) == 1
    assert loopback.requests[0].json()["messages"][-1] == {"role": "user", "content": "Too dear"}
    text = panel.transcript.toPlainText()
    assert "Worth it." in text and "Budget override" in text
    assert panel.override_row.isHidden() and not window.controller.can_override
    assert seen.failures == [(message, _advice)]  # refused once, then sent once

    # The override was for that request only: the next prompt is refused again.
    fill(qtbot, window, loopback, "Again")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.refused(2)
    assert len(loopback.requests) == 1 and not panel.override_row.isHidden()
