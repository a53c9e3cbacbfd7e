"""What a search hit gives the window and the command line: title, message, branch, a centred snippet, spans."""

from __future__ import annotations

from datetime import datetime, timezone

from app.core.library import Library
from app.store import Store, match_spans
from tests.support.runtime import runtime_with


def test_a_snippet_is_centred_on_the_match(store: Store) -> None:
    cid = store.create_conversation("Long")
    store.add_message(cid, "user", "alpha " * 60 + "needle " + "omega " * 60)
    (hit,) = store.search("needle")
    before, _, after = hit.snippet.partition("«needle»")
    assert before.startswith("…") and after.endswith("…")
    assert abs(len(before) - len(after)) <= 14  # the match in the middle, give or take a word


def test_a_match_near_either_end_still_fills_the_snippet(store: Store) -> None:
    cid = store.create_conversation("Ends")
    store.add_message(cid, "user", "needle " + "word " * 100)
    store.add_message(cid, "user", "word " * 100 + "haystack")
    assert store.search("needle")[0].snippet.startswith("«needle»")
    tail = store.search("haystack")[0].snippet
    assert tail.endswith("«haystack»") and len(tail) > 120


def test_match_spans_find_what_search_marks() -> None:
    text = "Parsing café menus in 東京 is fun"
    spans = match_spans(text, "pars CAFE 東京")
    assert [text[a:b] for a, b in spans] == ["Parsing", "café", "東京"]
    assert match_spans(text, '"unbalanced') == []


def test_hits_say_which_branch_they_are_on(store: Store) -> None:
    cid = store.create_conversation("Branches")
    prompt = store.add_message(cid, "user", "tell me about otters")
    old = store.add_message(cid, "assistant", "otters hold hands (first answer)")
    new = store.add_message(cid, "assistant", "otters use stones (second answer)", parent_id=prompt)
    other = store.create_conversation("Elsewhere")
    far = store.add_message(other, "user", "sea otters")
    assert store.on_branch(cid, [prompt, old, new]) == {prompt, new}
    hits = {h.message_id: h for h in Library(runtime_with(store)).search("otters")}
    assert hits[new].on_current_branch is True and hits[prompt].on_current_branch is True
    assert hits[old].on_current_branch is False
    assert hits[far].on_current_branch is True and hits[far].conversation_title == "Elsewhere"
    store.set_current_leaf(cid, old)
    hits = {h.message_id: h for h in Library(runtime_with(store)).search("otters")}
    assert (hits[old].on_current_branch, hits[new].on_current_branch) == (True, False)


def test_summaries_list_newest_first_with_count_and_cost(store: Store) -> None:
    first = store.create_conversation("First")
    store.add_message(first, "user", "a")
    second = store.create_conversation("Second")
    store.add_message(second, "user", "b")
    answer = store.add_message(second, "assistant", "c")
    at = datetime.now(timezone.utc)
    store.log_request(provider="openai", requested_model="m", started_at=at, conversation_id=second,
                      message_id=answer, cost_usd=0.25, cost_source="catalog")  # fmt: skip
    store.log_request(provider="openai", requested_model="m", started_at=at, conversation_id=second,
                      message_id=answer, cost_usd=None, cost_source="unknown")  # fmt: skip
    store.add_message(first, "assistant", "newest activity")  # moves First to the top
    summaries = store.conversation_summaries()
    assert [s.id for s in summaries] == [first, second]
    assert (summaries[0].messages, summaries[0].cost_usd, summaries[0].requests) == (2, 0.0, 0)
    assert (summaries[1].messages, summaries[1].cost_usd, summaries[1].requests, summaries[1].unpriced_requests) \
        == (2, 0.25, 2, 1)  # fmt: skip
    shape = summaries[1].to_json()
    assert set(shape) == {"id", "title", "updated_at", "messages", "cost_usd"}
    assert shape["updated_at"].endswith("Z") and datetime.fromisoformat(shape["updated_at"][:-1])
