"""Full-text search: ranking, snippets, CJK inside sentences, hostile input, and staying in sync."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.store import HIT_END, HIT_START, Store, open_store
from app.store.search import SEARCH_SQL
from app.store.textindex import index_text_v1, match_expression, parse_query
from tests.support.store_sql import OLD_STAMP, fts_integrity_check, index_terms, older_database, query_plan, run_sql


def _ids(store: Store, query: str) -> list[int]:
    return [hit.message_id for hit in store.search(query)]


@pytest.fixture
def cid(store: Store) -> int:
    return store.create_conversation("Search me")


def test_hits_come_best_first_with_the_word_marked(store: Store, cid: int) -> None:
    once = store.add_message(cid, "user", "A long note that mentions sqlite once among many other words " * 3)
    often = store.add_message(cid, "assistant", "sqlite sqlite sqlite: all about sqlite")
    store.add_message(cid, "user", "nothing relevant here")
    hits = store.search("SQLite")
    assert [h.message_id for h in hits] == [often, once]
    assert hits[0].rank < hits[1].rank
    assert hits[0].snippet.startswith(f"{HIT_START}sqlite{HIT_END} {HIT_START}sqlite{HIT_END}")
    assert (hits[0].conversation_id, hits[0].conversation_title, hits[0].role) == (cid, "Search me", "assistant")
    # ARCHITECTURE.md: `search --json` hits are {conversation_id, message_id, snippet, rank, title}.
    assert hits[0].to_json() == {"conversation_id": cid, "message_id": often, "snippet": hits[0].snippet,
                                 "rank": hits[0].rank, "title": "Search me"}  # fmt: skip


def test_a_snippet_is_one_line_around_the_hit_with_cut_ends_marked(store: Store, cid: int) -> None:
    store.add_message(cid, "user", "word " * 100 + "\n\nthe needle is here\n\n" + "word " * 100)
    (hit,) = store.search("needle")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert "the «needle» is here" in hit.snippet and "\n" not in hit.snippet
    assert len(hit.snippet) < 200


def test_every_word_must_match_and_words_match_as_prefixes(store: Store, cid: int) -> None:
    both = store.add_message(cid, "user", "Parsing JSON in Python")
    store.add_message(cid, "user", "Parsing XML in Java")
    assert _ids(store, "pars python") == [both]
    assert store.search("pars")[0].snippet.startswith("«Parsing»")


def test_quoted_phrases_match_exactly(store: Store, cid: int) -> None:
    exact = store.add_message(cid, "user", "the quick brown fox")
    store.add_message(cid, "user", "brown and quick, the fox")
    assert _ids(store, '"quick brown"') == [exact]
    assert _ids(store, '"quick bro"') == []


def test_case_and_accents_are_ignored(store: Store, cid: int) -> None:
    cafe = store.add_message(cid, "user", "Un CAFÉ crème à Zürich")
    assert _ids(store, "cafe creme zurich") == [cafe]
    assert "«CAFÉ»" in store.search("café")[0].snippet


def test_a_two_character_chinese_word_inside_a_sentence(store: Store, cid: int) -> None:
    tokyo = store.add_message(cid, "user", "我下周去东京出差，想找附近的酒店。")
    store.add_message(cid, "user", "北京的天气很好")
    assert _ids(store, "东京") == [tokyo]
    assert _ids(store, "酒店") == [tokyo]
    assert _ids(store, "附近的酒店") == [tokyo]
    assert _ids(store, "京出") == [tokyo]
    assert _ids(store, "东酒") == []  # not adjacent in the text
    assert "去«东京»出差" in store.search("东京")[0].snippet


def test_one_chinese_character_anywhere_in_a_run(store: Store, cid: int) -> None:
    a = store.add_message(cid, "user", "我下周去东京出差")
    b = store.add_message(cid, "user", "京")
    assert sorted(_ids(store, "京")) == [a, b]  # middle of a run, and a run of one
    assert _ids(store, "差") == [a]  # last character of a run
    assert _ids(store, "我") == [a]  # first


def test_japanese_kanji_and_kana(store: Store, cid: int) -> None:
    tower = store.add_message(cid, "user", "東京タワーの近くに泊まるのもいいですね。")
    store.add_message(cid, "user", "大阪城へ行きましょう")
    assert _ids(store, "タワー") == [tower]
    assert _ids(store, "東京") == [tower]
    assert _ids(store, "泊まる") == [tower]
    assert _ids(store, "いい") == [tower]
    assert "«タワー»" in store.search("タワー")[0].snippet
    assert _ids(store, "ガワー") == []  # voiced kana are different letters


def test_korean_words_inside_particles(store: Store, cid: int) -> None:
    seoul = store.add_message(cid, "user", "서울에서 만나요")
    assert _ids(store, "서울") == [seoul]


def test_cjk_next_to_latin_and_full_width_letters(store: Store, cid: int) -> None:
    mixed = store.add_message(cid, "user", "新しいiPhone発売は東京iPhone店で")
    wide = store.add_message(cid, "user", "ＡＩの未来について")
    assert _ids(store, "東京iPhone") == [mixed]
    assert _ids(store, "iPhone発売") == [mixed]
    assert _ids(store, "京iPhone") == [mixed]
    assert _ids(store, "ai") == [wide]
    assert _ids(store, "ＡＩ未来") == []  # の sits between them
    assert _ids(store, "ＡＩの未来") == [wide]


# What each query finds in the one message "AND OR NOT NEAR column x a b content". FTS5 syntax is plain text:
# a query finds the message when its words are there (as prefixes; a word with punctuation inside, such as
# "col:umn", is its pieces side by side), and nothing when it has nothing searchable in it.
HOSTILE = {
    "AND OR": True, "NEAR(": True, "a AND": True, "OR": True, "NOT": True, "-x": True, "a*b": True, "{a b}": True,
    '"unbalanced': False, "col:umn": False, "content:x": False, "NEAR(a b": False,  # not there, or not side by side
    "*": False, "(": False, ")": False, '"': False, '""': False, "^": False, "+": False, "'": False, "\\": False,
    "\x00": False, "。": False, "   ": False, "": False,  # nothing searchable
}  # fmt: skip


@pytest.mark.parametrize(("query", "found"), list(HOSTILE.items()), ids=list(HOSTILE))
def test_fts_syntax_in_the_query_is_just_text(store: Store, cid: int, query: str, found: bool) -> None:
    mid = store.add_message(cid, "user", "AND OR NOT NEAR column x a b content")
    hits = store.search(query)  # answered, never raises
    assert [h.message_id for h in hits] == ([mid] if found else [])
    assert all(HIT_START in h.snippet and HIT_END in h.snippet for h in hits)


def test_operators_are_searched_as_words(store: Store, cid: int) -> None:
    ops = store.add_message(cid, "user", "we use AND, OR and NEAR as words")
    assert _ids(store, "AND OR") == [ops]
    assert _ids(store, "NEAR(") == [ops]
    assert _ids(store, '"unbalanced') == []


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_any_text_at_all_is_a_valid_query(store: Store, query: str) -> None:
    if not store.list_conversations():
        store.add_message(store.create_conversation(), "user", 'some text 东京 "quoted" (paren) NEAR AND')
    [conversation] = store.list_conversations()
    [seeded] = store.thread(conversation.id)
    hits = store.search(query)  # answered, never raises
    assert [h.message_id for h in hits] in ([], [seeded.id])
    if not parse_query(query):
        assert hits == []  # nothing searchable in it: no hits
    assert all("\n" not in h.snippet and (h.conversation_id, h.role) == (conversation.id, "user") for h in hits)


def test_the_index_follows_updates_and_deletes(store: Store, cid: int) -> None:
    mid = store.add_message(cid, "assistant", "", status="streaming")
    store.checkpoint(mid, "first draft about elephants")
    assert _ids(store, "elephants") == []  # indexed once it ends: a checkpoint is not re-indexed every second
    store.finish_message(mid, "complete", "final text about giraffes")
    assert _ids(store, "elephants") == [] and _ids(store, "giraffes") == [mid]
    store.delete_message(mid)
    assert _ids(store, "giraffes") == []


def test_an_answer_cut_short_by_a_crash_is_found_by_the_words_it_kept(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    with open_store(path) as store:
        cid = store.create_conversation()
        mid = store.add_message(cid, "assistant", "", status="streaming")
        store.checkpoint(mid, "half an answer about zebras")
        assert _ids(store, "zebras") == []
    with open_store(path) as store:  # closed mid-stream: the answer is marked interrupted, its text indexed
        assert store.message(mid).status == "interrupted"
        assert _ids(store, "zebras") == [mid]
        fts_integrity_check(store)


def test_an_answer_streamed_again_leaves_the_index_until_it_ends(store: Store, cid: int) -> None:
    mid = store.add_message(cid, "assistant", "", status="streaming")
    store.finish_message(mid, "interrupted", "a first part about otters")
    assert _ids(store, "otters") == [mid]
    run_sql(store, "UPDATE messages SET status = 'streaming' WHERE id = ?", (mid,))  # continued in place
    store.checkpoint(mid, "a first part about otters, and beavers")
    assert _ids(store, "otters") == [] and _ids(store, "beavers") == []
    store.finish_message(mid, "complete", "a first part about otters, and beavers too")
    assert _ids(store, "otters") == _ids(store, "beavers") == [mid]
    live, fresh = index_terms(store)
    assert live == fresh
    fts_integrity_check(store)


def test_an_answer_streaming_when_the_database_is_upgraded_leaves_the_index_cleanly(tmp_path: Path) -> None:
    """Before m009 a streaming answer's checkpoints were indexed; the upgrade takes them out, so the answer is
    indexed once, by its final text, when it ends (its writer, an older Parley, still running)."""
    old = tmp_path / "m008.db"
    conn = older_database(old, "m008_tool_steps")
    conn.execute("INSERT INTO messages (conversation_id, role, content, created_at, updated_at) "
                 "VALUES (1, 'user', 'kept words about lions', ?, ?)", (OLD_STAMP, OLD_STAMP))  # fmt: skip
    conn.execute("INSERT INTO messages (conversation_id, parent_id, role, content, status, writer, created_at, "
                 "updated_at) VALUES (1, 1, 'assistant', '', 'streaming', 'a-writer-long-gone', ?, ?)",
                 (OLD_STAMP, OLD_STAMP))  # fmt: skip
    conn.execute("UPDATE messages SET content = 'a draft about tigers' WHERE id = 2")  # a checkpoint, indexed then
    conn.close()
    with open_store(old, recover=False) as store:
        assert "m009_index_answers_once_they_end" in store.upgraded_with
        assert _ids(store, "tigers") == [] and _ids(store, "lions") == [1]
        store.finish_message(2, "complete", "the final answer is about leopards")
        fts_integrity_check(store)
        live, fresh = index_terms(store)
        assert live == fresh
        assert _ids(store, "tigers") == [] and _ids(store, "leopards") == [2]


def test_after_many_edits_the_index_holds_exactly_the_current_text(store: Store, cid: int) -> None:
    keep = store.add_message(cid, "user", "东京 one two")
    mid = store.add_message(cid, "assistant", "", status="streaming")
    for n in range(30):
        store.checkpoint(mid, " ".join(f"w{k} 京都{k}" for k in range(n)))
    store.finish_message(mid, "complete", "final 東京タワー")
    gone = store.add_message(cid, "user", "to be deleted 大阪")
    store.delete_message(gone)
    store.rename_conversation(cid, "unrelated change")
    live, fresh = index_terms(store)
    assert live == fresh
    assert {r[1] for r in live} == {keep, mid}


def test_limit_and_conversation_filter(store: Store, cid: int) -> None:
    other = store.create_conversation()
    mine = [store.add_message(cid, "user", f"apple {n}") for n in range(5)]
    theirs = store.add_message(other, "user", "apple pie")
    assert len(store.search("apple", limit=3)) == 3
    assert store.search("apple", limit=0) == []
    assert sorted(h.message_id for h in store.search("apple", conversation_id=cid)) == mine
    assert [h.message_id for h in store.search("apple", conversation_id=other)] == [theirs]


def test_search_walks_the_fts_index_and_looks_messages_up_by_id(store: Store) -> None:
    plan = query_plan(store, SEARCH_SQL, {"match": '"x"*', "conversation": None, "limit": 50})
    assert plan[0].startswith("SCAN messages_fts VIRTUAL TABLE INDEX")
    assert all(step.startswith("SEARCH") for step in plan[1:]), plan


def test_the_index_text_function_is_frozen() -> None:
    # Changing this output corrupts existing contentless indexes: add index_text_v2 and a migration instead.
    assert index_text_v1("我住在东京") == " 我住 住在 在东 东京 京 "
    assert index_text_v1("東京タワー, iPhone") == " 東京 京タ タワ ワー ー , iPhone"
    assert index_text_v1("서울에서 만나요") == " 서울 울에 에서 서   만나 나요 요 "
    assert index_text_v1("ＡＩ・京") == "AI・ 京 "
    assert index_text_v1("plain text") == "plain text"
    assert index_text_v1(None) == "" and index_text_v1(b"bytes") == ""


def test_queries_become_quoted_terms() -> None:
    assert match_expression(parse_query('东京 "exact phrase" 东 NEAR(')) == '" 东京 "* "exact phrase" " 东 "* "NEAR("*'
    assert match_expression(parse_query('say "hi')) == '"say"* """hi"*'
    assert match_expression(parse_query("*  ( )")) is None
