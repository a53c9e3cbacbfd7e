"""Tool turns in the window: a real MCP server (the SDK's server side, over stdio), the model on a loopback socket,
the call approved, declined or stopped in the inline approval, and the calls shown as blocks in the transcript."""

from __future__ import annotations

import json
import sys
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl

from app.core.mcp.settings import McpServerSettings
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.mcp_servers import DATA
from tests.support.tool_turns import call, calls_reply, text_reply
from tests.support.waiting import wait_until

from .conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.gui


def with_adder(window: MainWindow) -> None:
    """The adder server (tests/data/mcp/adder.py) in the settings, as a user who added it has."""
    window.runtime.settings().mcp.servers = [McpServerSettings("adder", command=sys.executable,
                                                               args=[str(DATA / "adder.py")])]  # fmt: skip
    window.controller.tools.show(None)
    window.chat_panel.tools_button.refresh()


def tool_messages(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [m for m in body["messages"] if m.get("role") == "tool"]


async def ask_adder(window: MainWindow, loopback: LoopbackServer, qtbot: Any, seen: Seen) -> None:
    """Send a prompt whose answer calls adder__add and wait until the call waits for approval."""
    loopback.enqueue(calls_reply("openai_chat", call("call_1", "adder__add", {"a": 2, "b": 3})),
                     text_reply("openai_chat", "The sum is 5."))  # fmt: skip
    fill(qtbot, window, loopback, "Add 2 and 3")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    panel = window.chat_panel
    await wait_until(lambda: panel.approval.pending is not None, timeout=30, what="the approval to be asked")


async def test_an_approved_call_runs_and_its_result_shows_in_the_transcript(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None) -> None:  # fmt: skip
    with_adder(window)
    seen = Seen(window)
    await ask_adder(window, loopback, qtbot, seen)
    panel = window.chat_panel
    card = panel.approval
    assert card.isVisible() and panel.transcript.docked is card
    assert "add" in card.title.text() and "adder" in card.title.text()
    assert json.loads(card.arguments.toPlainText()) == {"a": 2, "b": 3}
    await wait_until(lambda: "Tool add on adder · waiting for your approval" in panel.transcript.toPlainText(),
                     what="the block to say it waits")  # painted with the next frame
    assert not loopback.requests[1:]  # nothing ran, nothing was sent back yet

    qtbot.mouseClick(card.once_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()

    assert reply.status == "complete" and reply.text.endswith("The sum is 5.")
    assert not card.isVisible() and panel.transcript.docked is None
    assert [m["content"] for m in tool_messages(loopback.requests[1].json())] == ["5"]
    text = panel.transcript.toPlainText()
    assert "Tool add on adder · done · " in text and "The sum is 5." in text
    assert "steps and costs" in text  # the footer links to the turn's model calls
    key_ = len(panel.transcript._items) - 1
    panel.transcript._anchor_clicked(QUrl(f"parley-tool:{key_}/0"))  # expand the block
    expanded = panel.transcript.toPlainText()
    assert "Arguments" in expanded and '"a": 2' in expanded and "Result\n5" in expanded

    conversation = window.controller.conversation_id
    assert conversation is not None
    window.new_chat()
    window.open_conversation(conversation)  # reopened: the calls come from the store
    assert "Tool add on adder · done · " in panel.transcript.toPlainText()
    assert panel.transcript.toPlainText().index("Tool add") < panel.transcript.toPlainText().index("The sum is 5.")


async def test_a_declined_call_does_not_run_and_the_model_is_told(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None) -> None:  # fmt: skip
    with_adder(window)
    seen = Seen(window)
    await ask_adder(window, loopback, qtbot, seen)
    panel = window.chat_panel
    qtbot.mouseClick(panel.approval.decline_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()

    assert reply.status == "complete"
    told = tool_messages(loopback.requests[1].json())
    assert len(told) == 1 and told[0]["content"].endswith("The user declined to run this tool.")
    assert "Tool add on adder · declined" in panel.transcript.toPlainText()


async def test_stop_while_waiting_for_approval_leaves_a_valid_conversation(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None) -> None:  # fmt: skip
    with_adder(window)
    seen = Seen(window)
    await ask_adder(window, loopback, qtbot, seen)
    panel = window.chat_panel
    assert panel.stop_button.isEnabled()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()

    assert reply.finish_reason == "cancelled"
    assert panel.approval.pending is None and not panel.approval.isVisible()
    assert window.controller.tools.pending == []
    assert "Tool add on adder · stopped" in panel.transcript.toPlainText()
    assert len(loopback.requests) == 1  # the call never ran and nothing more was sent

    # The next prompt goes out with a history every protocol accepts: the call answered "stopped by the user".
    loopback.enqueue(text_reply("openai_chat", "Fine."))
    panel.prompt_edit.setPlainText("Never mind")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied(2)
    sent = loopback.requests[1].json()
    told = tool_messages(sent)
    assert len(told) == 1 and told[0]["content"].endswith("stopped by the user")
    assert sent["messages"][-1] == {"role": "user", "content": "Never mind"}


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise", "does not support grabbing")
async def test_tools_menu_lists_the_servers_tools_and_their_cost(window: MainWindow, qtbot: Any) -> None:
    with_adder(window)
    panel = window.chat_panel
    popup = panel.tools_button.open_popup()
    await wait_until(lambda: not window.controller.tools.unlisted(), timeout=30, what="the adder's tools listed")
    await wait_until(lambda: popup.tree.topLevelItemCount() == 1 and popup.tree.topLevelItem(0).childCount() > 3,
                     what="the tree filled")  # fmt: skip
    server = popup.tree.topLevelItem(0)
    assert server.text(0) == "adder" and server.text(1).startswith("~") and "tokens" in server.text(1)
    assert panel.tools_button.text().startswith("Tools: ")
    # Untick one tool: the conversation offers the others only, and the estimate counts fewer tokens.
    before = sum(c.tokens for c in window.controller.tools.costs().values())
    names = [server.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(server.childCount())]
    server.child(names.index("big")).setCheckState(0, Qt.CheckState.Unchecked)
    choice = window.controller.tools.choice
    assert choice is not None and "adder/add" in choice and "adder/big" not in choice and "adder" not in choice
    after = sum(c.tokens for c in window.controller.tools.costs().values())
    assert 0 < after < before
    specs = window.controller.tools.specs()
    assert "adder__big" not in {s.name for s in specs} and "adder__add" in {s.name for s in specs}
    popup.none_button.click()
    assert window.controller.tools.choice == [] and panel.tools_button.text() == "Tools: off"
    popup.hide()


async def test_two_calls_are_asked_one_after_the_other_and_chat_grants_hold(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None) -> None:  # fmt: skip
    with_adder(window)
    seen = Seen(window)
    loopback.enqueue(calls_reply("openai_chat", call("call_1", "adder__add", {"a": 1, "b": 1}),
                                 call("call_2", "adder__echo", {"text": "<b>bold?</b>"})),
                     calls_reply("openai_chat", call("call_3", "adder__add", {"a": 2, "b": 2})),
                     text_reply("openai_chat", "Done."))  # fmt: skip
    fill(qtbot, window, loopback, "Two tools")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    card = panel.approval
    await wait_until(lambda: card.pending is not None, timeout=30, what="the first question")
    assert card.pending.request.tool == "add"
    qtbot.mouseClick(card.conversation_button, Qt.MouseButton.LeftButton)  # add: allowed for this chat
    await wait_until(lambda: card.pending is not None and card.pending.request.tool == "echo",
                     what="the second question (never the answered one again)")  # fmt: skip
    assert "<b>bold?</b>" in card.arguments.toPlainText()  # shown as typed, not as markup
    qtbot.mouseClick(card.once_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied()  # step 2's add ran unasked: allowed for this conversation

    assert reply.status == "complete" and not card.isVisible()
    assert [m["content"] for m in tool_messages(loopback.requests[1].json())] == ["2", "<b>bold?</b>"]
    assert [m["content"] for m in tool_messages(loopback.requests[2].json())][-1] == "4"
    text = panel.transcript.toPlainText()
    assert text.count("Tool add on adder · done") == 2 and "Tool echo on adder · done" in text
