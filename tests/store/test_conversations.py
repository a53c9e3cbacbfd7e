"""Conversations: creation, listing order, renaming, pinning, settings, deletion (which keeps spend)."""

from __future__ import annotations

import pytest

from app.store import NotFoundError, Store
from app.store.records import now_utc
from tests.support.store_sql import count_rows
from tests.support.waiting import wait_until_sync


def test_a_new_conversation_has_what_it_was_given(store: Store) -> None:
    cid = store.create_conversation("Plans", system_prompt="Be brief.", settings={"temperature": 0.2, "model": "m"})
    c = store.conversation(cid)
    assert (c.id, c.title, c.system_prompt, c.pinned, c.current_leaf_id) == (cid, "Plans", "Be brief.", False, None)
    assert c.settings == {"temperature": 0.2, "model": "m"}
    assert c.created_at == c.updated_at and c.created_at.tzinfo is not None


def test_listing_is_pinned_first_then_most_recently_active(store: Store) -> None:
    old, middle, new = (store.create_conversation(t) for t in ("old", "middle", "new"))
    created = store.conversation(new).updated_at
    wait_until_sync(lambda: now_utc() > created, what="the clock to move past their creation", interval=0.001)
    store.add_message(old, "user", "wake up")  # activity moves it to the top
    store.pin_conversation(middle)
    store.rename_conversation(new, "renamed")  # a rename is not activity
    assert [c.title for c in store.list_conversations()] == ["middle", "old", "renamed"]
    assert [c.title for c in store.list_conversations(limit=2, offset=1)] == ["old", "renamed"]
    store.pin_conversation(middle, False)
    assert store.list_conversations()[0].title == "old"


def test_settings_and_system_prompt_are_replaced(store: Store) -> None:
    cid = store.create_conversation(settings={"a": 1})
    store.set_conversation_settings(cid, {"b": [1, "二"]})
    store.set_system_prompt(cid, None)
    c = store.conversation(cid)
    assert c.settings == {"b": [1, "二"]} and c.system_prompt is None


def test_deleting_a_conversation_removes_its_messages_but_keeps_its_spend(store: Store) -> None:
    cid = store.create_conversation("gone")
    mid = store.add_message(cid, "user", "uniqueword")
    store.add_message(cid, "assistant", "reply", parent_id=mid)
    rid = store.log_request(provider="openai", requested_model="gpt-4o", cost_usd=0.5, conversation_id=cid,
                            message_id=mid)  # fmt: skip
    store.delete_conversation(cid)
    with pytest.raises(NotFoundError):
        store.conversation(cid)
    with pytest.raises(NotFoundError):
        store.message(mid)
    assert store.search("uniqueword") == []
    assert store.spend().total_usd == 0.5
    (row,) = store.logged_requests()
    assert (row.id, row.conversation_id, row.message_id) == (rid, None, None)
    assert count_rows(store, "messages") == 0


@pytest.mark.parametrize(
    "call",
    [
        lambda s: s.conversation(404),
        lambda s: s.rename_conversation(404, "x"),
        lambda s: s.pin_conversation(404),
        lambda s: s.set_system_prompt(404, "x"),
        lambda s: s.set_conversation_settings(404, {}),
        lambda s: s.delete_conversation(404),
        lambda s: s.thread(404),
        lambda s: s.add_message(404, "user", "x"),
    ],
)
def test_unknown_conversation_ids_raise_not_found(store: Store, call: object) -> None:
    with pytest.raises(NotFoundError) as caught:
        call(store)  # type: ignore[operator]
    assert caught.value.ident == 404 and "404" in str(caught.value)
