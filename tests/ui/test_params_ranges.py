"""The window takes the parameter ranges the command line checks: the dialog offers only what the provider and
model take, and a conversation's stored parameters that a newly chosen model cannot take are refused before
anything is sent, as `ask` refuses them."""

from __future__ import annotations

from typing import Any

import pytest

from app.core.chat_params import ChatParams
from app.ui.chat_params_dialog import ChatParamsDialog
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

pytestmark = pytest.mark.gui


def dialog_for(qtbot: Any, provider: str, model: str, params: ChatParams | None = None) -> ChatParamsDialog:
    dialog = ChatParamsDialog(params or ChatParams(), provider, model)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(("provider", "model", "high"), [
    ("openai", "gpt-4o-mini", 2.0), ("anthropic", "claude-sonnet-4-5", 1.0), ("gemini", "gemini-2.5-flash", 2.0),
    ("my-server", "qwen2.5-7b", 2.0)])  # fmt: skip
def test_the_temperature_offers_the_providers_range(qtbot: Any, provider: str, model: str, high: float) -> None:
    dialog = dialog_for(qtbot, provider, model)
    spin = dialog.temperature_spin
    assert (spin.minimum(), spin.maximum()) == (0.0, high)
    dialog.temperature_check.setChecked(True)
    spin.setValue(1.9)
    assert dialog.params().temperature == min(1.9, high)
    assert f"0 to {high:g}" in spin.toolTip()


def test_a_model_that_takes_no_temperature_says_why(qtbot: Any) -> None:
    dialog = dialog_for(qtbot, "openai", "o3-mini", ChatParams(temperature=0.7))
    assert not dialog.temperature_check.isEnabled() and not dialog.temperature_spin.isEnabled()
    assert not dialog.temperature_check.isChecked()
    assert "takes no temperature" in dialog.temperature_note.text() and "o3-mini" in dialog.temperature_note.text()
    assert dialog.params().temperature is None  # what was set before is not sent to it


def test_a_value_outside_the_new_range_is_brought_inside_and_said(qtbot: Any) -> None:
    dialog = dialog_for(qtbot, "anthropic", "claude-sonnet-4-5", ChatParams(temperature=1.5))
    assert dialog.temperature_check.isChecked() and dialog.params().temperature == 1.0
    assert "was 1.5" in dialog.temperature_note.text()


async def test_a_stored_temperature_the_model_cannot_take_is_refused(window: MainWindow, loopback: LoopbackServer,
                                                                     qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    window.controller.set_params(ChatParams(temperature=0.7))  # set while another model was chosen
    fill(qtbot, window, loopback, "think hard", model="o3-mini")
    reply = await window.chat_panel.send_or_resend()
    assert reply is None and loopback.requests == []
    message, advice = seen.failures[-1]
    assert "o3-mini takes no temperature but the default, 1" in message
    assert "Parameters" in advice

    window.controller.set_params(ChatParams(temperature=0.7))
    window.controller.fallbacks = ("anthropic:claude-sonnet-4-5",)
    window.controller.set_params(ChatParams(temperature=1.5))
    fill(qtbot, window, loopback, "hello", model="gpt-4o-mini")
    assert await window.chat_panel.send_or_resend() is None and loopback.requests == []
    assert "out of range for anthropic:claude-sonnet-4-5: it takes 0 to 1" in seen.failures[-1][0]

    window.controller.fallbacks = ()
    loopback.enqueue(stream_reply(["ok"]))
    reply = await window.chat_panel.send_or_resend()
    assert reply is not None and loopback.requests[-1].json()["temperature"] == 1.5  # in range for OpenAI


def test_every_label_of_the_dialog_reads_without_an_ampersand(qtbot: Any) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = dialog_for(qtbot, "openai", "gpt-4o-mini")
    dialog.show()
    stray = [label.text() for label in dialog.findChildren(QLabel) if "&" in label.text() and label.buddy() is None]
    assert stray == []  # "&Temperature" once showed its ampersand
