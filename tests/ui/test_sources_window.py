"""Web search in the window through real widgets and loopback servers speaking each provider's documented search
shapes: the globe switch (only for models that can search), numbered sources under the answer that open only
when clicked and come back when the conversation is opened again, Google's search suggestions drawn safely, the
search fee in the footer, and the provider setting "API: Chat Completions or Responses"."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor, QTextDocument

from app.ui.main_window import MainWindow
from tests.providers import responses_events as ev
from tests.support import search_servers as srv
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.waiting import wait_until

from .test_settings_panel import opened

pytestmark = pytest.mark.gui


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY"):
        monkeypatch.setenv(var, "test-key-not-real")


def choose(window: MainWindow, provider: str, url: str, model: str, prompt: str) -> None:
    panel = window.chat_panel
    panel.select_provider(provider)
    panel.base_url_edit.setText(url)
    panel.model_box.setEditText(model)
    panel.prompt_edit.setPlainText(prompt)


def click_text(qtbot: Any, window: MainWindow, words: str) -> None:
    """A real mouse click on the middle of the words in the transcript."""
    view = window.chat_panel.transcript
    found = view.document().find(words, 0, QTextDocument.FindFlag.FindCaseSensitively)
    assert not found.isNull(), words
    middle = QTextCursor(view.document())
    middle.setPosition(found.selectionStart() + len(words) // 2)
    view.setTextCursor(middle)
    view.ensureCursorVisible()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.cursorRect(middle).center())


async def test_sources_show_under_the_answer_open_on_click_and_come_back(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, keys: None,
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    opened_urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened_urls.append(url) or True)
    seen = Seen(window)
    panel = window.chat_panel
    switch = panel.composer.search_switch
    choose(window, "anthropic", loopback.url, "claude-sonnet-4-5", "who won euro 2024?")
    assert switch.isEnabled() and not switch.isChecked()
    switch.click()
    assert switch.isChecked() and window.controller.params.web_search
    assert "web search" in panel.params_button.toolTip()
    loopback.enqueue(srv.anthropic_search_stream(results=[("https://example.com/euro", "Euro 2024"),
                                                          ("https://www.uefa.com/final", "The final")]))  # fmt: skip
    panel.send_button.click()
    reply = await seen.replied()
    body = loopback.requests[-1].json()
    assert any(t.get("type", "").startswith("web_search") for t in body["tools"])
    text = panel.transcript.toPlainText()
    assert "Sources\n1. Euro 2024 · example.com" in text
    assert "$0.02 at list price · 1 web search ($0.01)" in text  # the fee, priced beside the tokens
    assert 'href="https://example.com/euro"' in panel.transcript.toHtml()
    assert opened_urls == []  # nothing is opened or loaded until clicked
    click_text(qtbot, window, "Euro 2024")
    assert opened_urls == [QUrl("https://example.com/euro")]

    # Opened again from the store, the answer still lists its sources.
    assert reply.conversation_id is not None
    window.new_chat()
    assert "Sources" not in panel.transcript.toPlainText()
    panel.show_conversation(reply.conversation_id)
    text = panel.transcript.toPlainText()
    assert "Sources\n1. Euro 2024 · example.com" in text and "1 web search" in text
    assert switch.isChecked()  # the conversation keeps its search setting


async def test_gemini_suggestions_are_drawn_as_plain_chips(window: MainWindow, loopback: LoopbackServer,
                                                           keys: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    choose(window, "gemini", loopback.url, "gemini-2.5-flash", "who won euro 2024?")
    panel.composer.search_switch.click()
    loopback.enqueue(srv.gemini_search_stream())
    panel.send_button.click()
    await seen.replied()
    text = panel.transcript.toPlainText()
    assert "1. uefa.com · via Google\n2. wikipedia.org · via Google" in text  # the links lead through Google
    [line] = [line for line in text.splitlines() if line.startswith("Google Search suggestions")]
    assert line.split() == ["Google", "Search", "suggestions", "euro", "2024", "winner"]
    assert ".container" not in text and "display:flex" not in text  # Google's own CSS is not shown as text
    html = panel.transcript.toHtml()
    assert 'href="https://www.google.com/search?q=euro+2024+winner"' in html
    assert f'href="{srv.REDIRECT}AUZIYQE1"' in html


async def test_openai_search_goes_through_the_responses_api(window: MainWindow, loopback: LoopbackServer,
                                                            keys: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    choose(window, "openai", loopback.url + "/v1", "gpt-4.1-mini", "latest python release?")
    panel.composer.search_switch.click()
    loopback.enqueue(ev.sse([*ev.created(), *ev.web_search_call(0, "python release"),
                             *ev.message(1, ["3.14."], [ev.url_citation("https://python.org/downloads/", "Downloads")]),
                             ev.completed()]))  # fmt: skip
    panel.send_button.click()
    await seen.replied()
    assert loopback.requests[-1].path == "/v1/responses"
    text = panel.transcript.toPlainText()
    assert "1. Downloads · python.org" in text and "Responses API" in text


async def test_the_switch_is_off_for_a_model_that_cannot_search(window: MainWindow, loopback: LoopbackServer,
                                                                qtbot: Any, keys: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    switch = panel.composer.search_switch
    fill(qtbot, window, loopback, "hello", model="gpt-4.1-mini")
    switch.click()
    assert switch.isChecked()
    panel.model_box.setEditText("gpt-3.5-turbo")
    assert not switch.isEnabled() and not switch.isChecked()
    assert "gpt-3.5-turbo cannot search the web" in switch.toolTip() and "gpt-4.1-mini" in switch.toolTip()
    loopback.enqueue(stream_reply(["Hi."]))
    panel.send_button.click()  # sent without search (the switch says why), not refused
    await seen.replied()
    request = loopback.requests[-1]
    assert request.path == "/v1/chat/completions" and "tools" not in request.json()
    panel.model_box.setEditText("gpt-4.1-mini")
    assert switch.isEnabled() and switch.isChecked()  # the conversation's wish was kept
    panel.select_provider("groq")
    assert not switch.isEnabled()


async def test_the_api_setting_sends_openai_to_responses(window: MainWindow, loopback: LoopbackServer,
                                                         qtbot: Any, keys: None) -> None:  # fmt: skip
    settings = await opened(window, "openai")
    page = settings.providers
    assert page.api_box.isVisibleTo(settings) and page.api_note.isVisibleTo(settings)
    assert "store: false" in page.api_note.text() and "reasoning summaries" in page.api_note.text()
    page.select_provider("anthropic")
    assert not page.api_box.isVisibleTo(settings)  # only OpenAI and Azure offer both
    page.select_provider("azure")
    assert page.api_box.isVisibleTo(settings)
    page.select_provider("openai")
    page.api_box.setCurrentIndex(page.api_box.findData("responses"))
    assert await settings.save(), settings.problems_label.text()
    assert window.runtime.settings().provider("openai").api == "responses"
    settings.close()

    seen = Seen(window)
    fill(qtbot, window, loopback, "think", model="gpt-4o-mini")
    loopback.enqueue(ev.sse([*ev.created(), *ev.message(0, ["Done."]), ev.completed()]))
    window.chat_panel.send_button.click()
    await seen.replied()
    assert loopback.requests[-1].path == "/v1/responses" and loopback.requests[-1].json()["store"] is False
    assert "Responses API" in window.chat_panel.transcript.toPlainText()


async def test_a_preset_searches_the_web_only_with_a_model_that_can(window: MainWindow, keys: None) -> None:
    settings = await opened(window)
    page = settings.presets
    settings.tabs.setCurrentWidget(page)
    page.add_preset()
    page.provider_box.setCurrentIndex(page.provider_box.findData("openai"))
    page.model_edit.setText("gpt-3.5-turbo")
    check = page.web_search_check
    assert not check.isEnabled() and "gpt-3.5-turbo cannot search the web" in check.toolTip()
    page.model_edit.setText("gpt-4.1-mini")
    assert check.isEnabled()
    check.setChecked(True)
    page.tools_edit.setText("files")
    page.commit()
    preset = settings.state.draft.presets[-1]
    assert preset.web_search and preset.tools == ["files"]  # search and tools side by side
    page.tools_edit.clear()  # (no MCP server named "files" here: saving would refuse it)
    assert await settings.save(), settings.problems_label.text()
    settings.close()

    window.chat_panel.apply_preset(window.runtime.settings().presets[-1])
    await wait_until(lambda: window.chat_panel.composer.search_switch.isChecked(), what="the switch on")
    assert window.controller.params.web_search

