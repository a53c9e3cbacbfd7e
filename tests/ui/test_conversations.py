"""Saved conversations through the real window: the sidebar, search, reopening, switching while streaming."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from app.core.paths import db_path
from app.core.settings import Budgets, Limits, Settings, save_settings
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.waiting import wait_until
from tests.support.windows import opened_window

pytestmark = pytest.mark.gui


def titles(win: MainWindow) -> list[str]:
    box = win.sidebar.conversations
    return [box.item(i).text() for i in range(box.count())]


async def ask(qtbot: Any, win: MainWindow, server: LoopbackServer, prompt: str, seen: Seen, count: int = 1) -> Any:
    fill(qtbot, win, server, prompt)
    qtbot.mouseClick(win.chat_panel.send_button, Qt.MouseButton.LeftButton)
    return await seen.replied(count)


async def test_fresh_profile_to_a_saved_priced_answer(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                      key: None) -> None:  # fmt: skip
    assert titles(window) == [] and window.sidebar.notice.isHidden()
    loopback.enqueue(stream_reply(["Paris ", "is the capital."], model="gpt-4o-mini", prompt_tokens=12))
    reply = await ask(qtbot, window, loopback, "What is the capital of France?", Seen(window))

    assert reply.status == "complete" and reply.cost_usd is not None and reply.cost_usd > 0
    footer = window.chat_panel.transcript.toPlainText().splitlines()[-1]
    assert "$" in footer and "at list price" in footer
    assert titles(window) == ["What is the capital of France?"]
    assert (
        window.chat_panel.total_label.text().startswith("This conversation: ")
        and "$" in window.chat_panel.total_label.text()
    )

    store = window.runtime.store
    assert store is not None
    [conv] = store.list_conversations()
    assert [(m.role, m.content, m.status) for m in store.thread(conv.id)] == [
        ("user", "What is the capital of France?", "complete"),
        ("assistant", "Paris is the capital.", "complete"),
    ]
    assert store.spend(conversation_id=conv.id).requests == 1
    hits = store.search("capital")
    assert {h.conversation_id for h in hits} == {conv.id} and any("«capital»" in h.snippet for h in hits)

    # The search box (Ctrl+F) lists the hits with the words highlighted.
    window.find_action.trigger()
    assert window.sidebar.search_edit.hasFocus() or not window.isActiveWindow()
    qtbot.keyClicks(window.sidebar.search_edit, "Paris")
    await wait_until(lambda: window.sidebar.hit_labels(), what="search hits")
    label = window.sidebar.hit_labels()[0].text()
    assert "background-color" in label and ">Paris</span>" in label
    window.sidebar.search_edit.clear()
    await wait_until(lambda: titles(window) == ["What is the capital of France?"], what="the list again")


async def test_second_turn_and_reopening_the_window(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                    key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["First answer."]))
    loopback.enqueue(stream_reply(["Second answer."]))
    await ask(qtbot, window, loopback, "first question", seen)
    await ask(qtbot, window, loopback, "second question", seen, 2)
    sent = [m["content"] for m in loopback.requests[1].json()["messages"]]
    assert sent == ["first question", "First answer.", "second question"]
    assert titles(window) == ["first question"]

    async with opened_window(qtbot, show=False) as again:
        assert titles(again) == ["first question"]
        box = again.sidebar.conversations
        qtbot.mouseClick(box.viewport(), Qt.MouseButton.LeftButton, pos=box.visualItemRect(box.item(0)).center())
        text = again.chat_panel.transcript.toPlainText()
        for part in ("first question", "First answer.", "second question", "Second answer."):
            assert part in text
        footer = text.splitlines()[-1]  # from the ledger: the same facts the live answer showed
        assert footer.startswith("test-model · 5 in / 1 out tokens · first token ") and "at list price" in footer
        assert again.chat_panel.total_label.text().startswith("This conversation: ")
        assert again.controller.conversation_id is not None


async def test_switching_away_does_not_interrupt_the_stream(window: MainWindow, loopback: LoopbackServer,
                                                            qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    pieces = [f"w{i} " for i in range(120)]
    loopback.enqueue(stream_reply(pieces, pause=0.01))
    fill(qtbot, window, loopback, "long one")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    panel = window.chat_panel
    await wait_until(lambda: len(panel.transcript.answer_text()) > 20, what="some streamed text")
    qtbot.mouseClick(window.sidebar.new_chat_button, Qt.MouseButton.LeftButton)
    assert panel.transcript.toPlainText() == "" and window.controller.busy
    assert not panel.stop_button.isEnabled() and not panel.stop_action.isEnabled()  # Esc here stops nothing
    reply = await seen.replied()

    assert reply.status == "complete" and reply.text == "".join(pieces)
    assert panel.transcript.toPlainText() == ""  # the new chat stayed empty
    store = window.runtime.store
    assert store is not None and reply.message_id is not None
    assert store.message(reply.message_id).content == "".join(pieces)
    window.open_conversation(reply.conversation_id)
    assert "w119" in panel.transcript.toPlainText()


async def test_switching_back_shows_the_stream_live(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                    key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["Earlier answer."]))
    await ask(qtbot, window, loopback, "earlier chat", seen)
    earlier = window.controller.conversation_id
    window.new_chat()
    pieces = [f"p{i} " for i in range(150)]
    loopback.enqueue(stream_reply(pieces, pause=0.01))
    fill(qtbot, window, loopback, "streaming chat")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    panel = window.chat_panel
    await wait_until(lambda: "p5 " in panel.transcript.answer_text(), what="some streamed text")
    streaming = window.controller.conversation_id
    assert earlier is not None and streaming is not None and streaming != earlier

    window.open_conversation(earlier)
    assert "Earlier answer." in panel.transcript.toPlainText() and "p5" not in panel.transcript.toPlainText()
    stream = window.controller.turn_for(streaming)
    assert stream is not None
    await wait_until(lambda: "p30 " in stream.reply.text, what="more text meanwhile")
    assert not panel.stop_button.isEnabled()
    window.open_conversation(streaming)  # back: what arrived meanwhile is there, and more follows
    assert panel.stop_button.isEnabled()
    await wait_until(lambda: "p30 " in panel.transcript.answer_text(), what="the text so far")
    reply = await seen.replied(2)
    text = panel.transcript.toPlainText()
    assert reply.status == "complete" and text.count("streaming chat") == 1 and text.count("p149") == 1
    assert panel.transcript.answer_text() == reply.text.strip()
    assert titles(window)[0] == "streaming chat"


async def test_rename_pin_and_delete_from_the_context_menu(window: MainWindow, loopback: LoopbackServer,
                                                           qtbot: Any, key: None,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    seen = Seen(window)
    for n in (1, 2):
        loopback.enqueue(stream_reply([f"answer {n}"]))
        window.new_chat()
        await ask(qtbot, window, loopback, f"question {n}", seen, n)
    assert titles(window) == ["question 2", "question 1"]  # newest first
    box = window.sidebar.conversations

    def trigger(row: int, label: str) -> None:
        menu = window.sidebar.menu_for(box.item(row))
        assert menu is not None
        [action] = [a for a in menu.actions() if a.text().replace("&", "").startswith(label)]
        action.trigger()

    trigger(1, "Pin")
    assert titles(window) == ["📌 question 1", "question 2"]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Renamed", True))
    trigger(1, "Rename")
    assert titles(window) == ["📌 question 1", "Renamed"]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    trigger(0, "Delete")
    assert titles(window) == ["Renamed"]
    store = window.runtime.store
    assert store is not None and [c.title for c in store.list_conversations()] == ["Renamed"]


async def test_a_budget_refusal_is_shown_inline(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                key: None) -> None:  # fmt: skip
    settings = Settings(budgets=Budgets(overall=Limits(daily=0.000001)))
    save_settings(settings)
    window.runtime.replace_settings(settings)  # as the settings panel hands them over
    seen = Seen(window)
    fill(qtbot, window, loopback, "Too dear")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    message, _advice = await seen.refused()
    assert "daily limit" in message
    assert "daily limit" in window.chat_panel.transcript.toPlainText()
    assert loopback.requests == [] and titles(window) == []
    assert window.chat_panel.prompt_edit.toPlainText() == "Too dear"


async def test_a_prompt_over_the_context_window_is_refused_inline(window: MainWindow, loopback: LoopbackServer,
                                                                   qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    fill(qtbot, window, loopback, "x")
    window.chat_panel.prompt_edit.setPlainText("word " * 200_000)  # far beyond gpt-4o-mini's window
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    message, _advice = await seen.refused()
    assert "context window" in message and "context window" in window.chat_panel.transcript.toPlainText()
    assert loopback.requests == [] and titles(window) == []


async def test_a_budget_nearly_spent_is_a_warning_beside_the_prompt(window: MainWindow, loopback: LoopbackServer,
                                                                     qtbot: Any, key: None) -> None:  # fmt: skip
    settings = Settings(budgets=Budgets(overall=Limits(daily=0.0027)))  # the worst case is ~90% of it
    save_settings(settings)
    window.runtime.replace_settings(settings)  # as the settings panel hands them over
    loopback.enqueue(stream_reply(["Fine."]))
    reply = await ask(qtbot, window, loopback, "Cheap enough", Seen(window))
    assert reply.status == "complete"
    lines = window.chat_panel.transcript.toPlainText().splitlines()
    warning = lines[lines.index("Cheap enough") + 1]
    assert "daily limit" in warning and "could add up to" in warning


async def test_a_corrupt_database_is_explained_and_chat_still_works(loopback: LoopbackServer, qtbot: Any,
                                                                    key: None) -> None:  # fmt: skip
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    async with opened_window(qtbot, show=False) as win:
        assert not win.sidebar.notice.isHidden() and "not being saved" in win.sidebar.notice.text()
        loopback.enqueue(stream_reply(["Still ", "here."]))
        reply = await ask(qtbot, win, loopback, "hello?", Seen(win))
        assert reply.status == "complete" and "Still here." in win.chat_panel.transcript.toPlainText()
        assert path.read_bytes() == b"this is not a database" * 100  # never touched


async def test_regenerate_switch_answers_and_edit_the_last_prompt(window: MainWindow, loopback: LoopbackServer,
                                                                  qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    bar = panel.answer_bar
    loopback.enqueue(stream_reply(["Answer one."]))
    await ask(qtbot, window, loopback, "Pick a number", seen)
    assert not bar.isHidden() and bar.answer_switcher.isHidden()  # one answer: no switcher yet

    loopback.enqueue(stream_reply(["Answer two."]))
    qtbot.mouseClick(bar.regenerate_button, Qt.MouseButton.LeftButton)
    second = await seen.replied(2)
    assert second.status == "complete"
    assert loopback.requests[1].json()["messages"] == [{"role": "user", "content": "Pick a number"}]
    text = panel.transcript.toPlainText()
    assert "Answer two." in text and "Answer one." not in text and text.count("Pick a number") == 1
    assert not bar.answer_switcher.isHidden() and bar.answer_switcher.label.text() == "2/2"

    qtbot.mouseClick(bar.answer_switcher.previous_button, Qt.MouseButton.LeftButton)
    text = panel.transcript.toPlainText()
    assert "Answer one." in text and "Answer two." not in text
    assert bar.answer_switcher.label.text() == "1/2"
    store = window.runtime.store
    assert store is not None and second.conversation_id is not None
    assert store.thread(second.conversation_id)[-1].content == "Answer one."  # the choice is remembered
    qtbot.mouseClick(bar.answer_switcher.next_button, Qt.MouseButton.LeftButton)
    assert "Answer two." in panel.transcript.toPlainText()

    # Edit the last prompt: it goes out as a new branch, the old one stays reachable.
    qtbot.mouseClick(bar.edit_button, Qt.MouseButton.LeftButton)
    assert panel.prompt_edit.toPlainText() == "Pick a number" and bar.edit_button.text() == "Cancel edit"
    qtbot.mouseClick(bar.edit_button, Qt.MouseButton.LeftButton)  # changed my mind
    assert panel.prompt_edit.toPlainText() == "" and bar.editing_label.text() == ""
    qtbot.mouseClick(bar.edit_button, Qt.MouseButton.LeftButton)
    panel.prompt_edit.setPlainText("Pick a letter")
    loopback.enqueue(stream_reply(["Q."]))
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied(3)
    assert loopback.requests[2].json()["messages"] == [{"role": "user", "content": "Pick a letter"}]
    text = panel.transcript.toPlainText()
    assert "Pick a letter" in text and "Q." in text and "Pick a number" not in text
    assert bar.prompt_switcher.label.text() == "2/2" and bar.answer_switcher.isHidden()
    assert titles(window) == ["Pick a number"]  # still one conversation
    qtbot.mouseClick(bar.prompt_switcher.previous_button, Qt.MouseButton.LeftButton)
    text = panel.transcript.toPlainText()
    assert "Pick a number" in text and "Answer two." in text and "Pick a letter" not in text


async def test_stop_in_a_saved_conversation(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                            key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply(["First."]))
    await ask(qtbot, window, loopback, "one", seen)
    loopback.enqueue(stream_reply([f"w{i} " for i in range(300)], pause=0.01))
    fill(qtbot, window, loopback, "two")
    panel = window.chat_panel
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "w3 " in panel.transcript.answer_text(), what="some streamed text")
    assert panel.stop_button.isEnabled() and panel.stop_action.isEnabled()
    qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
    reply = await seen.replied(2)
    store = window.runtime.store
    assert store is not None and reply.message_id is not None
    assert store.message(reply.message_id).status == "interrupted"
    assert [c.title for c in store.list_conversations()] == ["one"]
