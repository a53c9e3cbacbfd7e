"""Search over many messages: only the newest matches are ranked, so a common word costs what a rare one does."""

from __future__ import annotations

from app.store import Store
from app.store.search import NEWEST_SQL
from app.store.textindex import match_expression, parse_query
from tests.support.store_sql import query_plan


def _ids(store: Store, query: str, limit: int = 50) -> list[int]:
    return [hit.message_id for hit in store.search(query, limit)]


def test_a_word_in_more_messages_than_the_window_ranks_the_newest_best_first(store: Store) -> None:
    store.ranked_window = 4
    cid = store.create_conversation("Many")
    old_best = store.add_message(cid, "user", "apple apple apple apple")  # the best of all, but old
    newer = [store.add_message(cid, "user", f"apple {'pear ' * n}") for n in range(5)]
    hits = store.search("apple")
    # The four newest are ranked (the shortest text first, as bm25 does); the old ones are left out.
    assert [h.message_id for h in hits] == newer[1:]
    assert old_best not in _ids(store, "apple") and newer[0] not in _ids(store, "apple")
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    assert _ids(store, "apple", limit=2) == newer[1:3]


def test_under_the_window_every_match_is_ranked_as_before(store: Store) -> None:
    store.ranked_window = 50
    cid = store.create_conversation()
    best = store.add_message(cid, "user", "apple apple apple apple")
    newer = [store.add_message(cid, "user", f"apple {'pear ' * n}") for n in range(5)]
    assert _ids(store, "apple") == [best, *newer]


def test_words_still_match_as_prefixes_unless_the_word_itself_fills_the_window(store: Store) -> None:
    store.ranked_window = 3
    cid = store.create_conversation()
    parsing = store.add_message(cid, "user", "parsing text")
    assert _ids(store, "pars") == [parsing]  # "pars" itself is in no message: searched as a prefix
    plain = [store.add_message(cid, "user", f"pars number {n}") for n in range(3)]
    # "pars" as typed now fills the window: its longer forms are not searched as well.
    assert sorted(_ids(store, "pars")) == plain
    assert _ids(store, '"parsing"') == [parsing]


def test_the_window_holds_only_messages_with_every_word(store: Store) -> None:
    store.ranked_window = 2
    cid = store.create_conversation("Words")
    both = store.add_message(cid, "user", "apple pie")
    store.add_message(cid, "user", "apple tart")
    store.add_message(cid, "user", "apple crumble")
    assert _ids(store, "apple pie") == [both]


def test_hits_carry_their_conversation_and_deleted_messages_are_gone(store: Store) -> None:
    store.ranked_window = 2
    first, second = store.create_conversation("First"), store.create_conversation("Second")
    a = store.add_message(first, "user", "shared word")
    b = store.add_message(second, "user", "shared word")
    c = store.add_message(second, "user", "shared word")
    assert {(h.message_id, h.conversation_title) for h in store.search("shared")} == {(b, "Second"), (c, "Second")}
    store.delete_conversation(second)
    assert [(h.message_id, h.conversation_title) for h in store.search("shared")] == [(a, "First")]


def test_the_newest_matches_are_read_from_the_index_without_sorting(store: Store) -> None:
    expression = match_expression(parse_query("the"))
    plan = query_plan(store, NEWEST_SQL, {"match": expression, "window": 1000})
    assert len(plan) == 1 and plan[0].startswith("SCAN messages_fts VIRTUAL TABLE INDEX"), plan
    assert "TEMP B-TREE" not in " ".join(plan)
