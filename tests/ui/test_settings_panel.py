"""The provider settings panel through its real widgets: keys in a real keychain, tests against loopback
servers, custom endpoints, presets with flagged fallbacks, and the first answer with what was set up."""

from __future__ import annotations

import json
import socket
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app.core.keys import KeyStore
from app.core.runtime import Runtime
from app.core.settings import load_settings
from app.ui.chat_controller import provider_choices
from app.ui.main_window import MainWindow
from app.ui.settings_panel import SettingsPanel
from tests.support.loopback import LoopbackServer, Reply
from tests.support.openai_server import error_reply, stream_reply

from .conftest import wait_until

pytestmark = pytest.mark.gui

FAKE = "test-key-not-real-panel-7f3a"
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"


def shoot(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    QApplication.sendPostedEvents()  # pending layout requests: the grab shows what the next frame would
    QApplication.processEvents()
    assert widget.grab().save(str(path))
    return path


async def make_window(qtbot: Any, services: Runtime) -> AsyncIterator[MainWindow]:
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.load_providers(provider_choices())
    await win.open_store()
    win.show()
    yield win
    win.controller.stop()
    await wait_until(lambda: not win.controller.busy, what="the controller to wind down")
    await services.aclose()


@pytest.fixture
async def memory_window(qtbot: Any) -> AsyncIterator[MainWindow]:
    async for win in make_window(qtbot, Runtime()):
        yield win


async def opened(win: MainWindow, provider: str | None = None) -> SettingsPanel:
    panel = win.open_settings(provider)
    await wait_until(lambda: panel.state.key_refreshes > 0, what="the key states")
    return panel


def files_holding(root: Path, secret: str) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]


@pytest.fixture
async def keychain_window(secret_service: dict[str, str], qtbot: Any) -> AsyncIterator[MainWindow]:
    """The main window over a real Secret Service (a private gnome-keyring on a private D-Bus)."""
    from keyring.backends.SecretService import Keyring

    async for win in make_window(qtbot, Runtime(keys=KeyStore(Keyring()))):
        yield win


@pytest.mark.keychain
async def test_journey_from_a_fresh_profile(keychain_window: MainWindow, qtbot: Any, loopback: LoopbackServer,
                                            parley_home: Path) -> None:  # fmt: skip
    from keyring.backends.SecretService import Keyring


    win = keychain_window
    # A fresh profile: the welcome view, not the chat panel.
    assert await win.first_run.start(ollama_url=closed_port_url(), lmstudio_url=closed_port_url())
    view = win.first_run.view()
    assert view is not None and not win.chat_panel.isVisible()
    assert view.keychain_box.isHidden()  # a keychain is there: no session-only talk

    # "Add a key…" opens the settings panel at that provider.
    view.provider_box.setCurrentIndex(view.provider_box.findData("openai"))
    qtbot.mouseClick(view.add_key_button, Qt.MouseButton.LeftButton)
    panel = win.findChild(SettingsPanel)
    assert isinstance(panel, SettingsPanel) and panel.isVisible()
    providers, endpoints, presets = panel.providers, panel.endpoints, panel.presets
    await wait_until(lambda: providers.key_status.text() == "No key set.", what="the key state")
    assert panel.current_provider() == "openai" and providers.provider_title.text() == "OpenAI"
    assert providers.key_edit.echoMode() == providers.key_edit.EchoMode.Password

    qtbot.keyClicks(providers.key_edit, FAKE)
    qtbot.mouseClick(providers.save_key_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: providers.key_status.text().startswith("A key is set"), what="the key to be stored")
    assert providers.key_status.text() == "A key is set. Stored in the system keychain (Secret Service)."
    assert providers.key_edit.text() == "" and providers.remove_key_button.isVisible()
    assert KeyStore(Keyring()).get("openai").source == "keychain"
    await wait_until(lambda: win.first_run.view() is None, what="the welcome view to give way")
    assert win.chat_panel.isVisible()

    # Test against a loopback server: accepted, then rejected.
    providers.base_url_edit.setText(loopback.url + "/v1")
    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "gpt-4o-mini"}, {"id": "gpt-4o"}]}),
                     error_reply(401, "Incorrect API key provided", code="invalid_api_key"))  # fmt: skip
    qtbot.mouseClick(providers.test_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: providers.test_result.text().startswith("Key accepted"), what="the first test")
    assert providers.test_result.text() == "Key accepted: 2 models found."
    assert loopback.requests[0].path == "/v1/models"
    assert loopback.requests[0].headers["authorization"] == f"Bearer {FAKE}"
    qtbot.mouseClick(providers.test_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: providers.test_result.text().startswith("Key rejected"), what="the second test")
    assert "Incorrect API key provided" in providers.test_result.text() and "HTTP 401" in providers.test_result.text()
    assert FAKE not in providers.test_result.text()
    shoot(panel, "settings_panel_providers.png")

    # Turn a provider off.
    item = providers.provider_item("anthropic")
    assert item is not None
    item.setCheckState(Qt.CheckState.Unchecked)

    # A custom endpoint; a header that would override auth is refused in plain words.
    panel.tabs.setCurrentIndex(1)
    endpoints.add_endpoint()
    qtbot.keyClicks(endpoints.name_edit, "Home box")
    assert endpoints.id_edit.text() == "home-box"
    qtbot.keyClicks(endpoints.url_edit, loopback.url + "/v1")
    endpoints.headers_edit.setPlainText("X-Team: blue\nAuthorization: Bearer sneaky")
    assert "'Authorization' is refused" in endpoints.header_problem_label.text()
    assert not await panel.save()
    assert panel.tabs.currentIndex() == 1  # still where the user is working
    shoot(panel, "settings_panel_endpoint_refused.png")
    assert "'Authorization' is refused" in panel.problems_label.text()
    assert endpoints.headers_edit.toPlainText().endswith("Bearer sneaky")  # nothing typed is lost
    assert not (parley_home / "config" / "settings.json").exists()
    endpoints.headers_edit.setPlainText("X-Team: blue")
    assert endpoints.header_problem_label.text() == ""
    assert providers.provider_item("home-box") is not None  # offered under Providers too

    # A preset with a fallback chain; unusable entries are flagged where they are listed.
    panel.tabs.setCurrentIndex(2)
    presets.add_preset()
    presets.name_edit.setText("Careful")
    presets.provider_box.setCurrentIndex(presets.provider_box.findData("openai"))
    presets.model_edit.setText("gpt-4o-mini")
    presets.temperature_spin.setValue(0.3)
    for entry in ("openai:gpt-4o", "anthropic:claude-sonnet-4", "groq:llama-3.3-70b", "nosuch:model"):
        presets.fallback_edit.setText(entry)
        qtbot.keyClick(presets.fallback_edit, Qt.Key.Key_Return)
    assert presets.flagged_fallbacks() == [
        "⚠ anthropic:claude-sonnet-4 — anthropic is turned off in the provider settings.",
        "⚠ groq:llama-3.3-70b — groq has no API key yet.",
        "⚠ nosuch:model — 'nosuch' is not a known provider or custom endpoint.",
    ]
    assert presets.fallback_list.item(0).text() == "openai:gpt-4o"  # usable: not flagged
    assert presets.fallback_problems_label.text().startswith("3 of these fallbacks cannot be used")
    assert not (parley_home / "config" / "settings.json").exists()  # Return added the entries; it did not save

    assert await panel.save(), panel.problems_label.text()
    assert len(presets.flagged_fallbacks()) == 3  # still flagged after saving
    shoot(panel, "settings_panel_presets.png")
    saved = load_settings().settings
    assert saved.presets[0].name == "Careful" and saved.presets[0].temperature == 0.3
    assert saved.presets[0].fallback == ["openai:gpt-4o", "anthropic:claude-sonnet-4", "groq:llama-3.3-70b",
                                         "nosuch:model"]  # flagged, never dropped  # fmt: skip
    assert saved.custom_endpoints[0].headers == {"X-Team": "blue"}
    assert saved.providers["openai"].base_url == loopback.url + "/v1"
    assert not saved.is_enabled("anthropic")
    assert win.runtime.settings().presets[0].name == "Careful"  # the running app uses it at once
    chat = win.chat_panel
    assert chat.provider_box.findData("home-box") >= 0 and chat.provider_box.findData("anthropic") < 0
    assert chat.preset_box.findData("Careful") >= 0  # offered in the chat panel's preset chooser

    # The first answer, with the key from the keychain and the base URL from the settings.
    loopback.enqueue(stream_reply(["Hello ", "from ", "Parley"]))
    chat.select_provider("openai")
    chat.base_url_edit.clear()
    chat.model_box.setEditText("gpt-4o-mini")
    qtbot.keyClicks(chat.prompt_edit, "Say hello")
    reply = await chat.send_or_resend()
    assert reply is not None and reply.status == "complete", reply
    assert chat.transcript.answer_text() == "Hello from Parley"
    sent = loopback.requests[-1]
    assert sent.path == "/v1/chat/completions" and sent.headers["authorization"] == f"Bearer {FAKE}"

    # The key is in the keychain and nowhere else Parley wrote.
    panel.close()
    win._save_layout()
    assert files_holding(parley_home, FAKE) == []
    assert json.loads((parley_home / "config" / "settings.json").read_text())["version"] == 1


async def test_invalid_input_is_shown_inline_and_kept(memory_window: MainWindow, parley_home: Path) -> None:
    panel = await opened(memory_window, "groq")
    providers = panel.providers
    providers.base_url_edit.setText("api.groq.example/v1")
    providers.list_form.list.setCurrentRow(0)  # switch away and back: what was typed stays
    panel.select_provider("groq")
    assert providers.base_url_edit.text() == "api.groq.example/v1"
    panel.tabs.setCurrentIndex(3)
    panel.network.ca_bundle_edit.setText(str(parley_home / "missing.pem"))
    assert not await panel.save()
    text = panel.problems_label.text()
    assert "must start with http:// or https://" in text and "did you mean 'http://api.groq.example/v1'" in text
    assert "missing.pem" in text and "not a file that exists" in text
    assert panel.network.ca_bundle_edit.text().endswith("missing.pem")
    assert not (parley_home / "config" / "settings.json").exists()
    providers.base_url_edit.setText("https://api.groq.example/v1")
    panel.network.ca_bundle_edit.clear()
    assert await panel.save() and panel.problems_label.text() == ""
    assert load_settings().settings.providers["groq"].base_url == "https://api.groq.example/v1"


async def test_the_key_is_never_read_back(memory_window: MainWindow) -> None:
    panel = await opened(memory_window, "mistral")
    providers = panel.providers
    providers.key_edit.setText(FAKE)
    assert await providers.save_key("mistral", providers.key_edit)
    assert providers.key_edit.text() == ""
    panel.select_provider("openai")
    panel.select_provider("mistral")
    assert providers.key_edit.text() == "" and FAKE not in providers.key_edit.placeholderText()
    assert providers.key_status.text() == "A key is set. Stored in an in-memory test keyring."
    assert all(FAKE not in w.text() for w in panel.findChildren(type(providers.key_edit)))
    qtbot_free_remove = providers.remove_key_button
    assert qtbot_free_remove.isVisible()
    await providers.remove_key("mistral")
    assert providers.key_status.text() == "No key set." and memory_window.runtime.keys.get("mistral").value is None


async def test_env_key_is_reported_read_only(memory_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GROQ_API_KEY", FAKE)
    providers = (await opened(memory_window, "groq")).providers
    assert providers.key_status.text() == "A key comes from the environment variable GROQ_API_KEY (read-only here)."
    assert not providers.remove_key_button.isVisible()


async def test_unreachable_and_rate_limited_in_plain_words(memory_window: MainWindow,
                                                           loopback: LoopbackServer) -> None:  # fmt: skip
    panel = await opened(memory_window, "lmstudio")
    providers = panel.providers
    providers.base_url_edit.setText(closed_port_url() + "/v1")
    text = await providers.test_provider()
    assert text.startswith("Unreachable: ") and "check the base URL" in text
    panel.select_provider("deepseek")
    providers.key_edit.setText(FAKE)
    assert await providers.save_key("deepseek", providers.key_edit)
    providers.base_url_edit.setText(loopback.url + "/v1")
    providers.limits.spins["max_retries"].setValue(0)
    loopback.enqueue(error_reply(429, "Too many requests", headers={"retry-after": "7"}))
    text = await providers.test_provider()
    assert text.startswith("Rate limited: ") and FAKE not in text
    panel.select_provider("lmstudio")
    loopback.enqueue(Reply.json({"data": [{"id": "qwen"}]}))
    providers.base_url_edit.setText(loopback.url + "/v1")
    assert await providers.test_provider() == "Reachable: 1 model found."


async def test_azure_fields_and_timeouts_are_saved(memory_window: MainWindow) -> None:
    panel = await opened(memory_window, "azure")
    providers = panel.providers
    assert providers.api_version_edit.isVisibleTo(panel) and providers.deployments_edit.isVisibleTo(panel)
    assert providers.base_url_edit.placeholderText() == "https://NAME.openai.azure.com"
    providers.base_url_edit.setText("https://contoso.openai.azure.com")
    providers.api_version_edit.setText("2025-01-01-preview")
    providers.deployments_edit.setText("gpt4o-prod, mini ,")
    providers.limits.spins["first_byte"].setValue(30)
    providers.limits.spins["max_retries"].setValue(1)
    panel.select_provider("openai")
    assert not providers.api_version_edit.isVisibleTo(panel) and not providers.deployments_edit.isVisibleTo(panel)
    assert await panel.save()
    saved = load_settings().settings
    az = saved.providers["azure"]
    assert (az.base_url, az.api_version, az.deployments) == (
        "https://contoso.openai.azure.com", "2025-01-01-preview", ["gpt4o-prod", "mini"])  # fmt: skip
    assert saved.providers["azure"].timeouts.first_byte == 30 and saved.providers["azure"].retries.max_retries == 1
    assert "openai" not in saved.providers  # untouched providers keep their defaults, unwritten


async def test_a_ca_bundle_gives_a_fresh_verifying_client(memory_window: MainWindow, tmp_path: Path) -> None:
    import ssl

    import certifi

    services = memory_window.runtime
    before = services.http()
    panel = await opened(memory_window)
    panel.network.ca_bundle_edit.setText(certifi.where())
    assert await panel.save()
    after = services.http()
    assert after is not before and not before.is_closed  # the old one finishes its streams; closed at exit
    assert services.services().client is after and services.tls_problem == ""
    context = after._transport._pool._ssl_context  # type: ignore[attr-defined]
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    bad = tmp_path / "not-a-cert.pem"
    bad.write_text("hello")
    panel.network.ca_bundle_edit.setText(str(bad))
    assert await panel.save()
    services.http()
    assert "could not be used" in services.tls_problem  # said plainly; verification stays on
    await services.aclose()
    assert before.is_closed


async def test_saving_keeps_what_others_changed(memory_window: MainWindow) -> None:
    """Budgets and the window layout belong to other panels: the settings panel does not overwrite them."""
    from app.core.settings import Limits

    services = memory_window.runtime
    panel = await opened(memory_window)
    services.settings().budgets.overall = Limits(daily=5.0)
    panel.presets.add_preset()
    assert await panel.save()
    assert load_settings().settings.budgets.overall.daily == 5.0
    assert services.settings().budgets.overall.daily == 5.0


@pytest.mark.qt_log_ignore("This plugin does not support raise", "This plugin does not support propagateSizeHints")
async def test_settings_shortcut_opens_the_panel(memory_window: MainWindow) -> None:
    assert memory_window.settings_action.shortcut().toString() == "Ctrl+,"
    memory_window.settings_action.trigger()
    panel = memory_window.findChild(SettingsPanel)
    assert isinstance(panel, SettingsPanel) and panel.isVisible()
    memory_window.settings_action.trigger()
    assert len(memory_window.findChildren(SettingsPanel)) == 1  # one at a time
    await wait_until(lambda: panel.state.key_refreshes > 0, what="the key states")


async def test_custom_endpoint_with_key_and_headers(memory_window: MainWindow, loopback: LoopbackServer,
                                                    qtbot: Any, parley_home: Path) -> None:  # fmt: skip
    panel = await opened(memory_window)
    endpoints = panel.endpoints
    panel.tabs.setCurrentIndex(1)
    endpoints.add_endpoint()
    qtbot.keyClicks(endpoints.name_edit, "Team proxy")
    endpoints.url_edit.setText(loopback.url + "/v1")
    endpoints.local_check.setChecked(False)
    endpoints.headers_edit.setPlainText("X-Team: blue\nnot a header\nX-Auth-Token: abc")
    problems = endpoints.header_problem_label.text()
    assert "'not a header' is not a header" in problems and "'X-Auth-Token' is refused" in problems
    endpoints.headers_edit.setPlainText("X-Team: blue")
    endpoints.key_edit.setText(FAKE)
    await endpoints.save_key()
    assert endpoints.key_edit.text() == ""
    assert memory_window.runtime.keys.get("team-proxy").source == "keychain"
    assert await panel.save()
    loopback.enqueue(Reply.json({"data": [{"id": "m1"}, {"id": "m2"}, {"id": "m3"}]}))
    assert await panel.providers.test_provider("team-proxy") == "Key accepted: 3 models found."
    sent = loopback.requests[0]
    assert sent.headers["authorization"] == f"Bearer {FAKE}" and sent.headers["x-team"] == "blue"
    saved = load_settings().settings.custom_endpoint("team-proxy")
    assert saved is not None and (saved.name, saved.local, saved.headers) == ("Team proxy", False, {"X-Team": "blue"})
    assert files_holding(parley_home, FAKE) == []
