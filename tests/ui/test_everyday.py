"""The everyday loop without rough edges: what a user meets in the first ten minutes (each of these failed on
the main of 2026-12-05)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.core.history import title_for
from app.store import RequestRow
from app.ui.main_window import MainWindow
from app.ui.markdown_view import Entry
from app.ui.transcript import TranscriptView
from app.ui.wording import stored_footer
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.waiting import wait_until

from .conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.gui

LONG = [f"Line {i} of a long answer, long enough to wrap now and then in a narrow column.\n\n" for i in range(120)]


# -- 1. An empty prompt never sends ---------------------------------------------------------------------------
async def test_an_empty_prompt_never_sends(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                           key: None) -> None:  # fmt: skip
    seen = Seen(window)
    fill(qtbot, window, loopback, "")
    panel = window.chat_panel
    assert panel.prompt_edit.toPlainText() == "" and not panel.send_button.isEnabled()
    QTest.keyClick(panel.prompt_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    panel.send_action.trigger()
    await asyncio.sleep(0.2)
    assert loopback.requests == [] and seen.failures == [] and window.controller.conversation_id is None
    assert "Type a prompt" not in panel.transcript.toPlainText()  # nothing to explain: nothing happened
    panel.prompt_edit.insertPlainText(" \u200b ")  # invisible text is still nothing to send
    assert not panel.send_button.isEnabled()
    qtbot.keyClicks(panel.prompt_edit, "hi")
    assert panel.send_button.isEnabled()
    panel.prompt_edit.clear()
    assert not panel.send_button.isEnabled()


async def test_an_image_alone_may_be_sent(window: MainWindow, qtbot: Any) -> None:
    import base64

    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmM"
                           "IQAAAABJRU5ErkJggg==")  # one pixel
    panel = window.chat_panel
    panel.attach_payloads([("dot.png", png)])
    assert panel.attachment_names() == ["dot.png"] and panel.send_button.isEnabled()
    panel.clear_attachments()
    assert not panel.send_button.isEnabled()


# -- 2. The view follows the answer ---------------------------------------------------------------------------
def _at_end(view: TranscriptView) -> bool:
    bar = view.verticalScrollBar()
    return bar.value() >= bar.maximum() - 4


def _footer_shown(view: TranscriptView, footer: str) -> bool:
    """The footer's line is inside the visible part of the transcript (not one line short)."""
    found = view.document().find(footer)
    if found.isNull():
        return False
    rect = view.cursorRect(found)
    return rect.top() >= 0 and rect.bottom() <= view.viewport().height()


async def test_the_view_follows_a_long_answer_and_the_next_one(window: MainWindow, loopback: LoopbackServer,
                                                                qtbot: Any, key: None) -> None:  # fmt: skip
    window.resize(900, 600)
    seen = Seen(window)
    view = window.chat_panel.transcript
    loopback.enqueue(stream_reply(LONG, pause=0.002, model="first-model"))
    fill(qtbot, window, loopback, "Tell me a lot")
    window.chat_panel.send_button.click()
    await wait_until(lambda: "Line 40" in view.toPlainText(), what="the answer well below the fold")
    assert _at_end(view) and not view.jump_button.isVisible()
    await seen.replied(1)
    await asyncio.sleep(0.05)
    assert _at_end(view) and _footer_shown(view, "first-model")
    # A follow-up after a long answer streams in view too.
    loopback.enqueue(stream_reply(LONG[:60], pause=0.004, model="second-model"))
    qtbot.keyClicks(window.chat_panel.prompt_edit, "And more")
    window.chat_panel.send_button.click()
    await wait_until(lambda: view.toPlainText().count("Line 30") >= 2, what="the second answer streaming")
    assert _at_end(view)
    await seen.replied(2)
    await asyncio.sleep(0.05)
    assert _at_end(view) and _footer_shown(view, "second-model")


async def test_scrolling_up_stays_put_and_offers_the_way_back(window: MainWindow, loopback: LoopbackServer,
                                                               qtbot: Any, key: None) -> None:  # fmt: skip
    window.resize(900, 600)
    seen = Seen(window)
    view = window.chat_panel.transcript
    loopback.enqueue(stream_reply(LONG, pause=0.01))
    fill(qtbot, window, loopback, "Tell me a lot")
    window.chat_panel.send_button.click()
    await wait_until(lambda: "Line 15" in view.toPlainText(), what="some of the answer")
    bar = view.verticalScrollBar()
    bar.setValue(0)  # the user scrolls up to read the start
    await wait_until(lambda: "Line 60" in view.toPlainText(), what="more of the answer")
    assert bar.value() == 0 and view.jump_button.isVisible()
    qtbot.mouseClick(view.jump_button, Qt.MouseButton.LeftButton)
    assert _at_end(view) and not view.jump_button.isVisible()
    await seen.replied(1)
    assert _at_end(view)


async def test_opening_a_conversation_shows_its_last_footer(window: MainWindow, loopback: LoopbackServer,
                                                             qtbot: Any, key: None) -> None:  # fmt: skip
    window.resize(900, 600)
    seen = Seen(window)
    loopback.enqueue(stream_reply(LONG[:80], model="long-model"))
    fill(qtbot, window, loopback, "Tell me a lot")
    window.chat_panel.send_button.click()
    reply = await seen.replied(1)
    window.new_chat()
    window.open_conversation(reply.conversation_id)
    await asyncio.sleep(0.05)
    view = window.chat_panel.transcript
    assert _at_end(view) and _footer_shown(view, "long-model")


# -- 9. Small things people notice ----------------------------------------------------------------------------
async def test_the_list_does_not_reorder_under_the_pointer(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                           key: None) -> None:  # fmt: skip
    seen = Seen(window)
    for title in ("older", "newer"):
        window.new_chat()
        loopback.enqueue(stream_reply(["ok"]))
        fill(qtbot, window, loopback, title)
        window.chat_panel.send_button.click()
        await seen.replied(1 if title == "older" else 2)
    titles = lambda: [window.sidebar.conversations.item(i).text() for i in range(window.sidebar.conversations.count())]  # noqa: E731
    assert titles() == ["newer", "older"]
    window.open_conversation(window.sidebar.conversations.item(1).data(Qt.ItemDataRole.UserRole))  # "older"
    loopback.enqueue(stream_reply(["again"], pause=0.05))
    qtbot.keyClicks(window.chat_panel.prompt_edit, "once more")
    window.chat_panel.send_button.click()
    QApplication.sendEvent(window.sidebar.conversations, QEvent(QEvent.Type.Enter))  # the mouse comes over the list
    await seen.replied(3)
    assert titles() == ["newer", "older"]  # held while the pointer is there
    QApplication.sendEvent(window.sidebar.conversations, QEvent(QEvent.Type.Leave))
    assert titles() == ["older", "newer"]  # and brought up to date once it leaves


async def test_what_the_user_does_on_the_list_shows_at_once(window: MainWindow, loopback: LoopbackServer,
                                                            qtbot: Any, key: None) -> None:  # fmt: skip
    """Rename, pin and delete come from the list itself, under the pointer: they show at once (only an answer
    finishing in the background waits for the pointer to leave)."""
    seen = Seen(window)
    for title in ("first", "second"):
        window.new_chat()
        loopback.enqueue(stream_reply(["ok"]))
        fill(qtbot, window, loopback, title)
        window.chat_panel.send_button.click()
        await seen.replied(1 if title == "first" else 2)
    items = window.sidebar.conversations
    titles = lambda: [items.item(i).text() for i in range(items.count())]  # noqa: E731
    QApplication.sendEvent(items, QEvent(QEvent.Type.Enter))  # the pointer is on the list (its context menu)
    first = items.item(1).data(Qt.ItemDataRole.UserRole)
    window.sidebar.rename_requested.emit(first, "Lighthouse story")
    assert titles() == ["second", "Lighthouse story"]
    window.sidebar.pin_requested.emit(first, True)
    assert titles() == ["📌 Lighthouse story", "second"]
    window.sidebar.delete_requested.emit(first)
    assert titles() == ["second"]


def test_titles_are_plain_text() -> None:
    assert title_for("**Why** is `asyncio.run` slow?") == "Why is asyncio.run slow?"
    assert title_for("# Plan\n\n- a trip to [Lisbon](https://x.example)") == "Plan a trip to Lisbon"
    assert title_for("What is 2 * 3 * 4?") == "What is 2 * 3 * 4?"


def _margins(view: TranscriptView) -> list[tuple[str, float, float]]:
    out = []
    block = view.document().begin()
    while block.isValid():
        fmt = block.blockFormat()
        if block.text().strip():
            out.append((block.text()[:12], fmt.topMargin(), fmt.bottomMargin()))
        block = block.next()
    return out


@pytest.mark.parametrize("text", ["One.\n\nTwo.\n\nThree.\n\n", "Intro:\n\n- a\n- b\n\nAfter the list.\n\n",
                                  "Code:\n\n```\nx = 1\n```\n\nDone.\n\n"])  # fmt: skip
def test_paragraph_spacing_is_the_same_while_streaming_and_after(qtbot: Any, text: str) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.add_prompt("q")
    view.begin_answer("OpenAI · m")
    for i in range(0, len(text), 5):
        view.append_answer(text[i : i + 5])
        view.flush()
    streaming = _margins(view)
    view.end_answer("", text=text)
    finished = _margins(view)
    assert streaming == finished
    assert any(top > 0 for _name, top, _bottom in streaming[2:])  # paragraphs do have their spacing


def test_a_footer_reopened_from_history_keeps_its_speed() -> None:
    from datetime import datetime, timezone

    row = RequestRow(id=1, conversation_id=1, message_id=2, provider="openai", requested_model="m",
                     served_model="m-1", started_at=datetime.now(timezone.utc), ttft_ms=200, duration_ms=1200,
                     input_tokens=10, output_tokens=50, cache_read_tokens=None, cache_write_tokens=None,
                     reasoning_tokens=None, cost_usd=0.001, cost_source="catalog", error_kind=None,
                     error_message=None, finish_reason="stop", fallback_of=None, source="app")  # fmt: skip
    assert "50 tok/s" in stored_footer("m", "", row)


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")
@pytest.mark.parametrize("keys", [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                                  (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)],
                         ids=["esc", "ctrl-w"])  # fmt: skip
async def test_the_compare_and_cost_windows_close_from_the_keyboard(window: MainWindow, keys: Any) -> None:
    from app.ui.cost_panel import CostPanel

    window.open_compare()
    compare = window.compare_panel
    assert compare is not None and compare.isVisible()
    compare.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is compare, what="the comparison to be the active window")
    QTest.keyClick(compare.prompt_edit, *keys)
    assert not compare.isVisible()
    window.open_costs()
    costs = window.findChild(CostPanel, "costPanel")
    assert costs is not None and costs.isVisible()
    costs.activateWindow()
    await wait_until(lambda: QApplication.activeWindow() is costs, what="the cost panel to be the active window")
    QTest.keyClick(costs, *keys)
    assert not costs.isVisible()


def test_hover_tools_sit_beside_the_heading_not_over_the_answer(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    answer = "A first line of the answer that is long enough to run across most of the column, and on." * 3
    view.show_entries([Entry("user", "question"), Entry("assistant", answer, "OpenAI · gpt-4o-mini", message_id=4)])
    view.show_actions(1)
    bar = view.actions_bar
    assert bar.isVisible()
    found = view.document().find("A first line")
    assert not found.isNull()
    first_line = view.cursorRect(QTextCursor(found.block()))
    assert bar.geometry().bottom() < first_line.top() + 2  # above the answer's first line, on its heading


# -- 6. Search finds the spot ---------------------------------------------------------------------------------
async def test_a_search_hit_opens_its_conversation_at_the_match(window: MainWindow, qtbot: Any) -> None:
    window.resize(900, 600)
    store = window.runtime.store
    assert store is not None
    conv = store.create_conversation("**Animals** of Africa")
    prompt = store.add_message(conv, "user", "Tell me about savanna animals")
    long = "\n\n".join(f"Paragraph {i} about lions, zebras and the dry season." for i in range(60))
    store.add_message(conv, "assistant", long + "\n\nThe giraffe is the tallest of them all.", parent_id=prompt,
                      provider="openai", model="gpt-4o-mini")  # fmt: skip
    other = store.add_message(conv, "assistant", "A short answer about the okapi, the giraffe's cousin.",
                              parent_id=prompt, provider="openai", model="gpt-4o-mini",
                              make_current=False)  # fmt: skip
    window.refresh_list()
    window.sidebar.search_edit.setText("giraffe")
    await wait_until(lambda: len(window.sidebar.hit_labels()) == 2, what="two hits")
    texts = [label.text() for label in window.sidebar.hit_labels()]
    assert all("Animals of Africa" in t and "**" not in t for t in texts)  # the title, as plain words
    assert sum("in another branch" in t for t in texts) == 1  # the sibling answer is told apart
    view = window.chat_panel.transcript
    # The hit on the branch shown: opened scrolled to it, the match highlighted.
    shown = next(i for i, t in enumerate(texts) if "in another branch" not in t)
    qtbot.mouseClick(window.sidebar.conversations.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.sidebar.conversations.visualItemRect(
                         window.sidebar.conversations.item(shown)).center())  # fmt: skip
    await wait_until(lambda: window.controller.conversation_id == conv, what="the conversation to open")
    marks = view.extraSelections()
    assert marks and all(m.cursor.selectedText().lower() == "giraffe" for m in marks)
    assert view.verticalScrollBar().value() > 0 and not view.following
    # The hit in another branch: that branch is shown, and its answer is the one highlighted.
    window.sidebar.hit_opened.emit(conv, other)
    assert "okapi" in view.toPlainText() and "Paragraph 12" not in view.toPlainText()
    assert view.extraSelections() and view.extraSelections()[0].cursor.selectedText().lower() == "giraffe"


async def test_a_search_with_no_hit_says_so(window: MainWindow) -> None:
    window.sidebar.search_edit.setText("zyzzyva")
    await wait_until(lambda: window.sidebar.conversations.count() == 1, what="the empty result")
    assert "Nothing found for \u201czyzzyva\u201d" in window.sidebar.conversations.item(0).text()


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")
async def test_a_new_comparison_starts_from_the_model_in_use(window: MainWindow, loopback: LoopbackServer,
                                                             qtbot: Any, key: None) -> None:  # fmt: skip
    fill(qtbot, window, loopback, "hi", model="gpt-4o-mini")
    window.chat_panel.model_bar.remember_model("openai", "gpt-4.1")  # used before
    window.chat_panel.model_box.setEditText("gpt-4o-mini")
    window.open_compare()
    compare = window.compare_panel
    assert compare is not None
    url = loopback.url + "/v1"
    assert [(p.provider_box.currentData(), p.model_edit.text()) for p in compare.panes] == [
        ("openai", f"gpt-4o-mini@{url}"), ("openai", f"gpt-4.1@{url}")]  # fmt: skip
    compare.close()
