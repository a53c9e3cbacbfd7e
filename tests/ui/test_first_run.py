"""First run: the welcome view, local servers offered with one click, and the no-keychain path."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.keys import NO_KEYCHAIN_HELP, KeyStore
from app.core.runtime import Runtime
from app.core.settings import load_settings
from app.ui.main_window import MainWindow
from app.ui.welcome import WelcomeView
from tests.support.keys import files_holding
from tests.support.loopback import LoopbackServer, Reply
from tests.support.openai_server import stream_reply
from tests.support.ports import closed_port_url
from tests.support.screenshots import shoot
from tests.support.waiting import wait_until
from tests.support.windows import opened_window

pytestmark = pytest.mark.gui

FAKE = "test-key-not-real-session-91c2"


@pytest.fixture
async def fresh(qtbot: Any) -> AsyncIterator[MainWindow]:
    async with opened_window(qtbot, Runtime()) as win:
        yield win


@pytest.fixture
async def no_keychain(qtbot: Any) -> AsyncIterator[MainWindow]:
    from keyring.backends.fail import Keyring as FailKeyring

    async with opened_window(qtbot, Runtime(keys=KeyStore(FailKeyring()))) as win:
        yield win


async def test_a_newcomer_with_only_a_local_server(fresh: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                   parley_home: Path) -> None:  # fmt: skip
    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "qwen2.5-7b-instruct"}, {"id": "llama-3.2-3b"}]}))
    assert await fresh.first_run.start(ollama_url=closed_port_url(), lmstudio_url=loopback.url + "/v1")
    view = fresh.first_run.view()
    assert view is not None and not fresh.chat_panel.isVisible()
    assert [b.text() for b in view.server_buttons] == ["Use LM Studio (2 models found)"]
    assert view.server_buttons[0].isVisible()
    shoot(fresh, "welcome_view.png")

    qtbot.mouseClick(view.server_buttons[0], Qt.MouseButton.LeftButton)
    await wait_until(lambda: fresh.first_run.view() is None, what="the chat panel")
    chat = fresh.chat_panel
    assert chat.isVisible() and chat.current_provider() == "lmstudio"
    assert chat.model_box.currentText() == "qwen2.5-7b-instruct"
    saved = load_settings().settings
    assert saved.welcome_done and saved.defaults.provider == "lmstudio"
    assert saved.defaults.model == "qwen2.5-7b-instruct"
    assert saved.providers["lmstudio"].base_url == loopback.url + "/v1"

    loopback.enqueue(stream_reply(["Hi ", "there"]))
    qtbot.keyClicks(chat.prompt_edit, "Hello")
    reply = await chat.send_or_resend()
    assert reply is not None and reply.status == "complete"
    assert chat.transcript.answer_text() == "Hi there"
    sent = loopback.requests[-1]
    assert sent.path == "/v1/chat/completions" and "authorization" not in sent.headers
    assert sent.json()["model"] == "qwen2.5-7b-instruct"

    # Chosen once: not shown again.
    assert not await fresh.first_run.start(ollama_url=closed_port_url(), lmstudio_url=closed_port_url())
    assert fresh.first_run.view() is None


async def test_no_keychain_explains_and_takes_a_session_key(no_keychain: MainWindow, loopback: LoopbackServer,
                                                            qtbot: Any, parley_home: Path) -> None:  # fmt: skip
    win = no_keychain
    assert await win.first_run.start(ollama_url=closed_port_url(), lmstudio_url=closed_port_url())
    view = win.first_run.view()
    assert view is not None
    assert view.keychain_box.isVisibleTo(view) and NO_KEYCHAIN_HELP in view.keychain_label.text()
    assert "forgotten when Parley closes" in view.keychain_label.text()
    assert not view.add_key_button.isEnabled()
    assert "No Ollama or LM Studio server answered" in view.servers_label.text()
    shoot(win, "welcome_no_keychain.png")

    view.provider_box.setCurrentIndex(view.provider_box.findData("openai"))
    qtbot.keyClicks(view.session_key_edit, FAKE)
    qtbot.mouseClick(view.session_key_button, Qt.MouseButton.LeftButton)
    assert win.first_run.view() is None and win.chat_panel.isVisible()
    assert win.chat_panel.current_provider() == "openai"
    assert win.runtime.keys.get("openai").source == "session"
    assert "this session only" in win.statusBar().currentMessage()

    loopback.enqueue(stream_reply(["Works"]))
    chat = win.chat_panel
    chat.base_url_edit.setText(loopback.url + "/v1")
    chat.model_box.setEditText("gpt-4o-mini")
    qtbot.keyClicks(chat.prompt_edit, "Hello")
    reply = await chat.send_or_resend()
    assert reply is not None and reply.status == "complete" and chat.transcript.answer_text() == "Works"
    assert loopback.requests[-1].headers["authorization"] == f"Bearer {FAKE}"

    # The settings panel says the same and offers the session-only button rather than the keychain.
    panel = win.open_settings("groq")
    providers = panel.providers
    await wait_until(lambda: panel.state.key_refreshes > 0, what="the key states")
    assert not providers.save_key_button.isEnabled() and providers.session_key_button.isVisibleTo(panel)
    assert NO_KEYCHAIN_HELP in providers.key_status.text()
    panel.select_provider("openai")
    assert providers.key_status.text().startswith("A key is set for this session only")
    win._save_layout()
    assert files_holding(parley_home, FAKE) == []  # memory only: on no disk


async def test_skip_shows_the_chat_panel(fresh: MainWindow, qtbot: Any) -> None:
    assert await fresh.first_run.start(ollama_url=None, lmstudio_url=None)
    view = fresh.first_run.view()
    assert view is not None
    qtbot.mouseClick(view.dismiss_button, Qt.MouseButton.LeftButton)
    assert fresh.first_run.view() is None and fresh.chat_panel.isVisible()


async def test_no_welcome_when_a_key_exists(fresh: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", FAKE)
    assert not await fresh.show_first_run()
    assert fresh.findChild(WelcomeView) is None and fresh.chat_panel.isVisible()


async def test_no_welcome_once_there_is_a_conversation(fresh: MainWindow) -> None:
    store = fresh.runtime.store
    assert store is not None
    store.create_conversation("An old chat")
    assert not await fresh.first_run.start(ollama_url=None, lmstudio_url=None)


async def test_start_up_hands_saved_settings_to_the_chat_panel(qtbot: Any) -> None:
    """What main does after opening the store: custom endpoints and presets offered, turned-off providers not."""
    from app.core.settings import CustomEndpoint, Defaults, Preset, ProviderSettings, Settings, save_settings

    save_settings(Settings(
        providers={"groq": ProviderSettings(enabled=False)},
        custom_endpoints=[CustomEndpoint("home-box", "Home box", "http://127.0.0.1:9/v1", local=True, keyless=True)],
        presets=[Preset("Quick", "home-box", "qwen")],
        defaults=Defaults("home-box", "qwen"),
    ))  # fmt: skip
    async with opened_window(qtbot, Runtime()) as win:
        assert not await win.show_first_run()  # set up already: no welcome
        chat = win.chat_panel
        assert chat.provider_box.findData("home-box") >= 0 and chat.provider_box.findData("groq") < 0
        assert chat.current_provider() == "home-box" and chat.model_box.currentText() == "qwen"
        assert chat.preset_box.findData("Quick") >= 0


async def test_look_again_finds_a_server_started_later(fresh: MainWindow, loopback: LoopbackServer,
                                                       qtbot: Any) -> None:  # fmt: skip
    loopback.enqueue(Reply.json({"error": "not yet"}, status=503))
    assert await fresh.first_run.start(ollama_url=loopback.url, lmstudio_url=None)
    view = fresh.first_run.view()
    assert view is not None and view.server_buttons == []
    loopback.enqueue(Reply.json({"models": [{"name": "llama3.2:1b"}]}))
    qtbot.mouseClick(view.look_again_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: view.server_buttons, what="the second look")
    assert [b.text() for b in view.server_buttons] == ["Use Ollama (1 model found)"]
    assert [r.path for r in loopback.requests] == ["/api/tags", "/api/tags"]
