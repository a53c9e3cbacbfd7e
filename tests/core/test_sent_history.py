"""What a next prompt is sent after: a stopped answer as the user saw it, an empty one left out with its prompt,
never two user turns in a row (stored conversations, the window's unsaved one, comparisons alike)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.chat_session import ChatSession
from app.core.history import Conversations
from app.core.sent_history import answered, exchange
from app.core.turn import Ask, Turn, TurnObserver
from app.providers import Message, ToolCall
from app.store import Store, open_store
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import chunk, error_reply, stream_reply
from tests.support.runtime import runtime_with


def U(text: str) -> Message:
    return Message("user", text)


def A(text: str) -> Message:
    return Message("assistant", text)


def test_an_empty_answer_goes_with_its_prompt() -> None:
    got = answered([U("one"), A("1"), U("two"), A(""), U("three")])
    assert got == (U("one"), A("1"), U("three"))


def test_a_blank_answer_counts_as_empty_but_a_tool_call_does_not() -> None:
    call = Message("assistant", "", tool_calls=(ToolCall("c1", "add", {"a": 1}),))
    assert answered([U("q"), A(" \n "), U("again")]) == (U("again"),)
    assert answered([U("q"), call, U("next")]) == (U("q"), call, U("next"))


def test_a_prompt_left_without_an_answer_is_dropped_before_the_next() -> None:
    assert answered([U("one"), A("1"), U("lost"), U("asked now")]) == (U("one"), A("1"), U("asked now"))


def test_a_prompt_at_the_end_stays_and_an_empty_answer_at_the_end_goes() -> None:
    assert answered([U("one"), A("1"), U("answer me again")])[-1] == U("answer me again")
    assert answered([U("one"), A("1"), U("two"), A("")]) == (U("one"), A("1"))


def test_a_partial_answer_is_kept_as_shown() -> None:
    got = answered([U("count"), A("1, 2, 3, 4,"), U("go on")])
    assert got == (U("count"), A("1, 2, 3, 4,"), U("go on"))
    assert exchange(U("count"), "1, 2,") == (U("count"), A("1, 2,"))
    assert exchange(U("count"), "") == ()


def _conversation(store: Store) -> int:
    """complete, stopped with text, failed before any text, a prompt whose answer was deleted."""
    cid = store.create_conversation("mixed")
    store.add_message(cid, "user", "first")
    store.add_message(cid, "assistant", "one", status="complete")
    store.add_message(cid, "user", "second")
    store.add_message(cid, "assistant", "half an ans", status="interrupted", error_kind="cancelled")
    store.add_message(cid, "user", "third")
    store.add_message(cid, "assistant", "", reasoning="thinking only", status="error", error_kind="server")
    store.add_message(cid, "user", "fourth")
    gone = store.add_message(cid, "assistant", "deleted later", status="complete")
    store.delete_message(gone)
    store.set_current_leaf(cid, store.thread(cid)[-1].id)
    return cid


def test_stored_history_keeps_stopped_answers_and_drops_empty_pairs(tmp_path: Path) -> None:
    with open_store(tmp_path / "p.db") as store:
        cid = _conversation(store)
        history = Conversations(store).history(cid)
    assert [(m.role, m.text) for m in history] == [
        ("user", "first"), ("assistant", "one"), ("user", "second"), ("assistant", "half an ans"), ("user", "fourth"),
    ]  # fmt: skip


async def test_the_next_prompt_carries_the_stopped_answer(tmp_path: Path, loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["fine"]))
    with open_store(tmp_path / "p.db") as store:
        cid = _conversation(store)
        runtime = runtime_with(store)
        try:
            ask = Ask("openai", "m", "fifth", base_url=loopback.url + "/v1", conversation_id=cid)
            reply = await Turn(runtime, ask).run()
        finally:
            await runtime.aclose()
    assert reply is not None and reply.text == "fine"
    sent = [(m["role"], m["content"]) for m in loopback.requests[0].json()["messages"]]
    assert sent == [("user", "first"), ("assistant", "one"), ("user", "second"), ("assistant", "half an ans"),
                    ("user", "fifth")]  # fmt: skip


class _Stopper(TurnObserver):
    """Stops the turn as soon as `after` text has arrived (the Stop button)."""

    def __init__(self, after: str) -> None:
        self.after = after

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        if turn.reply.text.endswith(self.after):
            turn.stop()


async def test_the_unsaved_conversation_keeps_a_stopped_answer(loopback: LoopbackServer) -> None:
    """The window without a database: a stopped answer goes into the next request; a failed empty one does not."""
    stalled = Reply.sse([chunk("It was "), chunk("a dark")], done=False)
    stalled.chunks.append(Pause(30))
    loopback.enqueue(stalled, error_reply(400, "refused"), stream_reply(["ok"]))
    runtime = runtime_with(None)
    session = ChatSession(runtime)
    url = loopback.url + "/v1"
    try:
        first = session.start(session.ask("openai", "m", url, "Tell a story"), _Stopper("a dark"))
        await first.run()
        assert first.reply.status == "interrupted" and first.reply.text == "It was a dark"
        second = session.start(session.ask("openai", "m", url, "Fails"), TurnObserver())
        await second.run()
        assert second.reply.status == "error" and second.reply.text == ""
        await session.start(session.ask("openai", "m", url, "Go on"), TurnObserver()).run()
    finally:
        await runtime.aclose()
    bodies: list[Any] = [r.json() for r in loopback.requests]
    last = [(m["role"], m["content"]) for m in bodies[-1]["messages"]]
    assert last == [("user", "Tell a story"), ("assistant", "It was a dark"), ("user", "Go on")]


async def test_counting_the_branch_reads_no_image_or_document(tmp_path: Path, monkeypatch: Any) -> None:
    """A comparison's "with the conversation so far (N messages)" is asked on every switch: the count is that of
    the history sent, images and documents left unread."""
    from app.core.library import Library
    from app.providers import DocumentPart
    from app.store import NewImage

    with open_store(tmp_path / "p.db") as store:
        cid = _conversation(store)
        store.add_message(cid, "assistant", "four", status="complete")
        store.add_message(cid, "user", "look", images=[NewImage("image/png", b"\x89PNG-fake", "a.png")],
                          documents=[DocumentPart("n.md", "text/plain", b"# N", "# N")])  # fmt: skip
        store.add_message(cid, "assistant", "a picture", status="complete")
        full = Conversations(store).history(cid)
        assert full[-2].images and full[-2].documents  # what a request carries
        runtime = runtime_with(store)
        try:
            def unread(*_: object) -> None:
                raise AssertionError("a blob was read to count messages")

            monkeypatch.setattr(store, "attachments", unread)
            monkeypatch.setattr(store, "message_documents", unread)
            light = Conversations(store).history(cid, payloads=False)
            count = Library(runtime).answered_turns(cid)
        finally:
            await runtime.aclose()
    assert [(m.role, m.text) for m in light] == [(m.role, m.text) for m in full]
    assert count == len(full) == 8
