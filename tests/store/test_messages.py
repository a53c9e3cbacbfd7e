"""Message trees: branches from edits and regenerations, streaming, recovery, images, and query counts."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.store import NewImage, NotFoundError, Store, open_store
from tests.support.store_sql import count_rows, crash, query_plan, run_sql, statements_run, vm_steps


def test_edit_and_regenerate_make_siblings_and_the_thread_follows_the_current_leaf(store: Store) -> None:
    cid = store.create_conversation()
    q1 = store.add_message(cid, "user", "first question")
    a1 = store.add_message(cid, "assistant", "first answer")
    a2 = store.add_message(cid, "assistant", "regenerated answer", parent_id=q1)
    assert [m.id for m in store.thread(cid)] == [q1, a2]
    assert [m.id for m in store.siblings(a1)] == [a1, a2]
    assert store.thread(cid)[1].sibling_ids == (a1, a2)
    q1b = store.add_message(cid, "user", "edited question", parent_id=None)  # an edit of a root is a new root
    assert [m.id for m in store.siblings(q1)] == [q1, q1b]
    assert [m.id for m in store.thread(cid)] == [q1b]
    # Nothing was overwritten.
    assert store.message(a1).content == "first answer" and store.message(q1).content == "first question"


def test_thread_to_an_explicit_leaf_and_to_the_newest_leaf(store: Store) -> None:
    cid = store.create_conversation()
    root = store.add_message(cid, "user", "q")
    a = store.add_message(cid, "assistant", "a")
    b = store.add_message(cid, "assistant", "b", parent_id=root, make_current=False)
    assert [m.id for m in store.thread(cid)] == [root, a]
    assert [m.id for m in store.thread(cid, b)] == [root, b]
    assert [m.id for m in store.thread(cid, root)] == [root]
    run_sql(store, "UPDATE conversations SET current_leaf_id = NULL")  # as files from before current leaves
    assert [m.id for m in store.thread(cid)] == [root, b]  # newest leaf
    other = store.create_conversation()
    assert store.thread(other) == []
    with pytest.raises(NotFoundError):
        store.thread(other, a)


def test_set_current_leaf_descends_to_the_newest_leaf_of_that_branch(store: Store) -> None:
    cid = store.create_conversation()
    q = store.add_message(cid, "user", "q")
    a1 = store.add_message(cid, "assistant", "a1")
    follow = store.add_message(cid, "user", "follow-up")
    deeper = store.add_message(cid, "assistant", "deeper")
    a2 = store.add_message(cid, "assistant", "a2", parent_id=q)
    assert [m.id for m in store.thread(cid)] == [q, a2]
    assert store.set_current_leaf(cid, a1) == deeper
    assert [m.id for m in store.thread(cid)] == [q, a1, follow, deeper]
    assert store.conversation(cid).current_leaf_id == deeper
    with pytest.raises(NotFoundError):
        store.set_current_leaf(store.create_conversation(), a1)


def test_a_parent_from_another_conversation_is_refused(store: Store) -> None:
    one, two = store.create_conversation(), store.create_conversation()
    m = store.add_message(one, "user", "x")
    with pytest.raises(ValueError, match="not in conversation"):
        store.add_message(two, "user", "y", parent_id=m)
    with pytest.raises(NotFoundError):
        store.add_message(two, "user", "y", parent_id=999)
    # The schema refuses it too, whoever writes.
    with pytest.raises(sqlite3.IntegrityError, match="not in this conversation"):
        run_sql(store, "INSERT INTO messages (conversation_id, parent_id, role, created_at, updated_at) "
                "VALUES (?, ?, 'user', 'x', 'x')", (two, m))  # fmt: skip


def test_bad_roles_and_statuses_are_refused(store: Store) -> None:
    cid = store.create_conversation()
    with pytest.raises(ValueError, match="role"):
        store.add_message(cid, "tool", "x")  # type: ignore[arg-type]
    mid = store.add_message(cid, "assistant", "", status="streaming")
    with pytest.raises(ValueError, match="finishes as"):
        store.finish_message(mid, "streaming", "x")  # type: ignore[arg-type]
    with pytest.raises(NotFoundError):
        store.finish_message(999, "complete", "x")


def test_streaming_checkpoints_then_finishes(store: Store) -> None:
    cid = store.create_conversation()
    q = store.add_message(cid, "user", "hi")
    mid = store.add_message(cid, "assistant", "", status="streaming", provider="openai", requested_model="gpt-4o")
    assert store.checkpoint(mid, "Hel", "thinking")
    assert store.message(mid).content == "Hel"
    store.finish_message(mid, "complete", "Hello!", "thinking done", model="gpt-4o-2024-08-06")
    m = store.message(mid)
    assert (m.status, m.content, m.reasoning, m.model, m.provider, m.requested_model, m.parent_id) == (
        "complete", "Hello!", "thinking done", "gpt-4o-2024-08-06", "openai", "gpt-4o", q,
    )  # fmt: skip
    assert not store.checkpoint(mid, "late overwrite")  # no longer streaming: nothing changes
    assert store.message(mid).content == "Hello!"


def test_an_error_keeps_its_kind_message_and_partial_text(store: Store) -> None:
    cid = store.create_conversation()
    mid = store.add_message(cid, "assistant", "", status="streaming")
    store.finish_message(mid, "error", "partial", error_kind="rate_limit", error_message="Slow down (retry in 20 s)")
    m = store.message(mid)
    assert (m.status, m.content, m.error_kind, m.error_message) == (
        "error", "partial", "rate_limit", "Slow down (retry in 20 s)",
    )  # fmt: skip


def test_images_are_kept_as_attachments_with_metadata_on_the_message(store: Store) -> None:
    cid = store.create_conversation()
    png, jpg = b"\x89PNG" + bytes(range(256)), b"\xff\xd8\xff" * 10
    mid = store.add_message(cid, "user", "what is this?", images=[NewImage("image/png", png, "a.png"),
                                                                  NewImage("image/jpeg", jpg)])  # fmt: skip
    (m,) = store.thread(cid)
    assert [(i.mime_type, i.size, i.name) for i in m.images] == [("image/png", 260, "a.png"), ("image/jpeg", 30, None)]
    assert [a.data for a in store.attachments(mid)] == [png, jpg]
    assert store.attachment(m.images[1].attachment_id).data == jpg
    store.delete_message(mid)
    assert count_rows(store, "attachments") == 0


def test_deleting_a_message_removes_its_subtree_and_the_thread_falls_back(store: Store) -> None:
    cid = store.create_conversation()
    q = store.add_message(cid, "user", "q")
    a1 = store.add_message(cid, "assistant", "a1")
    a2 = store.add_message(cid, "assistant", "a2", parent_id=q)
    store.add_message(cid, "user", "more", parent_id=a2)
    store.delete_message(a2)
    assert [m.id for m in store.thread(cid)] == [q, a1]
    with pytest.raises(NotFoundError):
        store.delete_message(a2)


def _chain(store: Store, count: int, repeat: int = 1, current: bool = False) -> tuple[int, int | None]:
    """A conversation of `count` messages in one line (one transaction); (its id, its last message's id). `current`:
    the last one made its current leaf, as the window's saves do."""
    cid = store.create_conversation()
    parent = None
    with store._write() as conn:
        for n in range(count):
            parent = conn.execute(
                "INSERT INTO messages (conversation_id, parent_id, role, content, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z')",
                (cid, parent, "user" if n % 2 == 0 else "assistant", f"message {n}" * repeat),
            ).lastrowid
        if current:
            conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (parent, cid))
    return cid, parent


def test_thread_of_two_thousand_messages_is_one_query(store: Store) -> None:
    cid, parent = _chain(store, 2000)
    with statements_run(store) as statements:
        thread = store.thread(cid)
    assert len(thread) == 2000 and thread[0].content == "message 0" and thread[-1].id == parent
    assert len(statements) == 1, statements


def test_the_end_of_a_thread_reads_only_its_last_messages(store: Store) -> None:
    cid, _ = _chain(store, 2000, repeat=50, current=True)
    with vm_steps(store) as whole:
        thread = store.thread(cid)
    with vm_steps(store) as end:
        last = store.thread(cid, newest=2)
    assert last == thread[-2:]
    assert end[0] * 100 < whole[0], (end, whole)  # the other 1,998 messages were not read
    assert store.thread(cid, thread[10].id, newest=3) == thread[8:11]
    assert store.thread(cid, newest=5000) == thread
    with pytest.raises(ValueError):
        store.thread(cid, newest=0)


def test_recovery_marks_only_streams_whose_writer_is_gone(db_path: Path) -> None:
    crashed = open_store(db_path)
    cid = crashed.create_conversation()
    lost = crashed.add_message(cid, "assistant", "", status="streaming")
    crashed.checkpoint(lost, "half a rep")
    crash(crashed)  # the lock goes, the row stays

    with open_store(db_path) as window:
        assert window.recovered_at_open == 1
        assert window.message(lost).status == "interrupted" and window.message(lost).content == "half a rep"
        live = window.add_message(cid, "assistant", "", status="streaming")
        with open_store(db_path) as cli:  # the CLI opening while the window streams
            assert cli.recovered_at_open == 0
            assert cli.recover_interrupted() == 0
            assert cli.message(live).status == "streaming"
        assert window.checkpoint(live, "still going")
    with open_store(db_path) as again:  # closing the window interrupted its own unfinished reply
        assert again.recovered_at_open == 0
        assert again.message(live).status == "interrupted" and again.message(live).content == "still going"


def test_streams_without_a_writer_from_old_files_are_recovered(store: Store) -> None:
    cid = store.create_conversation()
    mid = store.add_message(cid, "assistant", "x", status="streaming")
    run_sql(store, "UPDATE messages SET writer = NULL")
    assert store.recover_interrupted() == 1
    assert store.message(mid).status == "interrupted"


def test_each_step_up_the_thread_is_a_primary_key_lookup(store: Store) -> None:
    from app.store.messages import _THREAD

    plan = query_plan(store, _THREAD, {"conversation": 1, "leaf": None, "newest": None})
    step = plan.index("RECURSIVE STEP")
    assert "SEARCH p USING INTEGER PRIMARY KEY (rowid=?)" in plan[step:], plan
    assert not [line for line in plan if line.startswith("SCAN") and "chain" not in line], plan
