"""Empty views say what to do next: a new conversation (how to send, where the prompt goes, where to change it),
the sidebar before the first chat, the cost panel before the first request; and they step aside once there is
something to show."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.ui.cost_panel import CostPanel
from app.ui.empty_states import NOTHING_SPENT, EmptyNote
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.screenshots import shoot
from tests.support.waiting import wait_until
from tests.support.windows import opened_window

pytestmark = pytest.mark.gui


async def test_a_new_conversation_says_how_to_start(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                    key: None) -> None:  # fmt: skip
    panel = window.chat_panel
    note = panel.conversation_start.note
    window.refresh_list()
    assert note.isVisible() and panel.transcript.placeholderText() == ""
    assert note.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the transcript stays usable
    fill(qtbot, window, loopback, "", model="gpt-4o-mini")
    said = note.text()
    assert "Start a conversation" in said and "Ctrl+Enter" in said and "Ctrl+K" in said and "Ctrl+Shift+P" in said
    assert "OpenAI · gpt-4o-mini" in said  # where the prompt goes, by name
    panel.model_box.setEditText("")
    assert "First type a model name above" in note.text()
    assert not panel.total_label.isVisible()  # no empty cost pill before anything was spent
    assert window.sidebar.empty_note.isVisible() and "No conversations yet" in window.sidebar.empty_note.text()
    shoot(window, "empty_new_conversation.png")

    seen = Seen(window)
    panel.model_box.setEditText("gpt-4o-mini")
    loopback.enqueue(stream_reply(["Hi"]))
    qtbot.keyClicks(panel.prompt_edit, "Hello")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied()
    assert not note.isVisible() and panel.total_label.isVisible()
    await wait_until(lambda: not window.sidebar.empty_note.isVisible(), what="the sidebar listing the chat")

    window.new_chat()
    assert note.isVisible() and not panel.total_label.isVisible()
    window.sidebar.search_edit.setText("zyzzyva")
    await wait_until(lambda: window.sidebar.conversations.count() == 1, what="the empty search result")
    assert not window.sidebar.empty_note.isVisible()  # "Nothing found" says it, not "no conversations"


async def test_a_refusal_in_a_new_conversation_replaces_the_note(window: MainWindow, qtbot: Any) -> None:
    panel = window.chat_panel
    panel.model_box.setEditText("")
    qtbot.keyClicks(panel.prompt_edit, "Hello")
    await panel.send_or_resend()
    assert "Type a model name first" in panel.transcript.toPlainText()
    assert not panel.conversation_start.note.isVisible()


async def test_an_empty_ledger_says_what_the_cost_panel_will_show(window: MainWindow, qtbot: Any) -> None:
    costs = CostPanel(window.runtime.spending, window.runtime.settings(), lambda _settings: None)
    qtbot.addWidget(costs)
    view = await costs.refresh()
    assert view.requests == 0 and costs.status.text() == NOTHING_SPENT


async def test_the_note_fits_a_window_sized_before_it_is_first_shown(qtbot: Any) -> None:
    """Start-up puts the saved size back before the first paint: the transcript narrowed then reports its new
    width only when shown, and the note must be laid out for that width, not cut off on the right."""
    async with opened_window(qtbot, show=False) as win:
        win.resize(860, 700)
        win.show()
        qtbot.waitExposed(win)
        qtbot.wait(50)
        note = win.chat_panel.findChild(EmptyNote)
        inside = note.parentWidget().rect()
        assert note.isVisible() and inside.width() < 560  # narrower than the note likes: it takes the view's width
        assert inside.contains(note.geometry())
