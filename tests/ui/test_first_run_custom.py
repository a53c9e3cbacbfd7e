"""First run with your own OpenAI-compatible server: the welcome form tests it over a real socket, lists its
models, adds it as a custom endpoint, closes itself and starts the chat; the choice (and later, the last model
asked) is where the next start opens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.runtime import Runtime
from app.core.settings import CustomEndpoint, Settings, load_settings
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.keys import files_holding
from tests.support.loopback import LoopbackServer, Reply
from tests.support.openai_server import stream_reply
from tests.support.ports import closed_port_url
from tests.support.screenshots import shoot
from tests.support.waiting import wait_until
from tests.support.windows import opened_window

pytestmark = pytest.mark.gui

FAKE = "test-key-not-real-welcome-3187"
MODELS = Reply.json({"object": "list", "data": [{"id": "qwen2.5-7b-instruct"}, {"id": "llama-3.2-3b"}]})


@pytest.fixture
async def fresh(qtbot: Any) -> AsyncIterator[MainWindow]:
    async with opened_window(qtbot, Runtime()) as win:
        yield win


async def test_a_newcomer_with_their_own_server(fresh: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                parley_home: Path) -> None:  # fmt: skip
    assert await fresh.first_run.start(ollama_url=None, lmstudio_url=None)
    view = fresh.first_run.view()
    assert view is not None
    form = view.custom_server
    assert form.isVisible() and not form.use_button.isEnabled()
    assert "add your own server" in fresh.statusBar().currentMessage()
    assert "localhost:1234/v1" in form.url_edit.placeholderText()
    qtbot.keyClicks(form.name_edit, "GPU box")
    qtbot.keyClicks(form.url_edit, loopback.url + "/v1")
    qtbot.keyClicks(form.key_edit, FAKE)
    loopback.enqueue(MODELS)
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "Connected" in form.status_label.text(), what="the test's answer")
    assert [form.model_box.itemText(i) for i in range(form.model_box.count())] == ["llama-3.2-3b",
                                                                                   "qwen2.5-7b-instruct"]
    assert loopback.requests[-1].path == "/v1/models"
    assert loopback.requests[-1].headers["authorization"] == f"Bearer {FAKE}"
    assert form.use_button.isEnabled()
    shoot(fresh, "welcome_custom_server.png")
    form.model_box.setCurrentIndex(1)

    qtbot.mouseClick(form.use_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: fresh.first_run.view() is None, what="the welcome view to close itself")
    chat = fresh.chat_panel
    assert chat.isVisible() and chat.current_provider() == "gpu-box"
    assert chat.provider_box.currentText().startswith("GPU box")  # its name, not its id
    assert chat.model_box.currentText() == "qwen2.5-7b-instruct"
    assert chat.model_box.findText("llama-3.2-3b") >= 0  # the other listed model, a click away
    assert "Using GPU box" in fresh.statusBar().currentMessage()
    saved = load_settings().settings
    assert saved.custom_endpoint("gpu-box") == CustomEndpoint("gpu-box", "GPU box", loopback.url + "/v1", local=True)
    assert (saved.defaults.provider, saved.defaults.model) == ("gpu-box", "qwen2.5-7b-instruct")
    assert files_holding(parley_home, FAKE) == []  # the key in the keychain only

    seen = Seen(fresh)
    loopback.enqueue(stream_reply(["Hello ", "from the box"], model="qwen2.5-7b-instruct"))
    qtbot.keyClicks(chat.prompt_edit, "Hi")
    qtbot.mouseClick(chat.send_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()
    assert reply.status == "complete" and chat.transcript.answer_text() == "Hello from the box"
    assert "GPU box · qwen2.5-7b-instruct" in chat.transcript.toPlainText()
    sent = loopback.requests[-1]
    assert sent.path == "/v1/chat/completions" and sent.headers["authorization"] == f"Bearer {FAKE}"
    assert "free" in chat.transcript.toPlainText().splitlines()[-1]  # on this machine: free

    # The next start opens there, without the welcome view.
    async with opened_window(qtbot, Runtime()) as again:
        assert not await again.first_run.start(ollama_url=None, lmstudio_url=None)
        assert again.chat_panel.current_provider() == "gpu-box"
        assert again.chat_panel.model_box.currentText() == "qwen2.5-7b-instruct"


async def test_a_failed_test_says_why_and_offers_nothing_to_use(fresh: MainWindow, loopback: LoopbackServer,
                                                                 qtbot: Any) -> None:  # fmt: skip
    assert await fresh.first_run.start(ollama_url=None, lmstudio_url=None)
    view = fresh.first_run.view()
    assert view is not None
    form = view.custom_server
    qtbot.keyClicks(form.url_edit, closed_port_url("/v1"))
    qtbot.mouseClick(form.test_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "nothing is listening" in form.status_label.text(), what="the failure")
    assert not form.use_button.isEnabled() and form.test_button.isEnabled()

    form.url_edit.clear()
    qtbot.keyClicks(form.url_edit, loopback.url + "/v1")
    loopback.enqueue(MODELS)
    qtbot.keyClick(form.url_edit, Qt.Key.Key_Return)  # Enter tests too
    await wait_until(lambda: form.use_button.isEnabled(), what="a usable server")
    qtbot.keyClicks(form.url_edit, "/other")  # another address: tested again before it is used
    assert not form.use_button.isEnabled()
    assert fresh.first_run.view() is view  # still there: nothing usable was chosen


async def test_a_custom_endpoint_saved_in_the_settings_closes_the_welcome(fresh: MainWindow) -> None:
    assert await fresh.first_run.start(ollama_url=None, lmstudio_url=None)
    settings = Settings(custom_endpoints=[CustomEndpoint("box", "Box", "http://127.0.0.1:9/v1", local=True,
                                                         keyless=True)])  # fmt: skip
    fresh.runtime.replace_settings(settings)
    fresh.apply_settings(settings)  # what the settings panel's Save does
    assert fresh.first_run.view() is None and fresh.chat_panel.provider_box.findData("box") >= 0


async def test_the_last_model_asked_is_where_the_next_start_opens(fresh: MainWindow, loopback: LoopbackServer,
                                                                  qtbot: Any,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", FAKE)
    seen = Seen(fresh)
    loopback.enqueue(stream_reply(["ok"]))
    fill(qtbot, fresh, loopback, "hello", model="gpt-4.1-mini")
    fresh.chat_panel.send_button.click()
    await seen.replied()
    await wait_until(lambda: load_settings().settings.defaults.model == "gpt-4.1-mini", what="the saved default")
    assert load_settings().settings.defaults.provider == "openai"
    async with opened_window(qtbot, Runtime()) as again:
        assert not await again.first_run.start(ollama_url=None, lmstudio_url=None)
        assert (again.chat_panel.current_provider(), again.chat_panel.model_box.currentText()) == (
            "openai", "gpt-4.1-mini")  # fmt: skip
