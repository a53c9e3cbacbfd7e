"""Comparison runs: panes in target order, results linked, votes checked, wins tallied."""

from __future__ import annotations

import pytest

from app.store import ModelWins, NotFoundError, Store


def test_a_run_keeps_its_panes_in_target_order_and_links_results(store: Store) -> None:
    cid = store.create_conversation("compare")
    prompt = store.add_message(cid, "user", "Which is faster?")
    run = store.create_comparison("Which is faster?", [("openai", "gpt-4o"), ("groq", "llama:70b@v1")],
                                  conversation_id=cid, labels=["A"])  # fmt: skip
    assert [(p.position, p.provider, p.model, p.label) for p in run.panes] == [
        (0, "openai", "gpt-4o", "A"), (1, "groq", "llama:70b@v1", None),
    ]  # fmt: skip
    answers = [store.add_message(cid, "assistant", f"answer {p.position}", parent_id=prompt) for p in run.panes]
    request = store.log_request(provider="openai", requested_model="gpt-4o", source="compare")
    store.set_pane_result(run.panes[0].id, message_id=answers[0], request_id=request)
    store.set_pane_result(run.panes[1].id, message_id=answers[1])
    again = store.comparison(run.id)
    assert [(p.message_id, p.request_id) for p in again.panes] == [(answers[0], request), (answers[1], None)]
    assert store.siblings(answers[0])[1].id == answers[1]  # panes are sibling answers: "continue with" one


def test_votes_and_wins(store: Store) -> None:
    first = store.create_comparison("p1", [("openai", "a"), ("groq", "b")])
    second = store.create_comparison("p2", [("openai", "a"), ("groq", "b"), ("mistral", "c")])
    store.record_vote(first.id, winner_pane_id=first.panes[1].id)
    store.record_vote(second.id, ranking=[second.panes[1].id, second.panes[0].id, second.panes[2].id])
    tie = store.record_vote(second.id)
    votes = store.comparison(second.id).votes
    assert votes[0].winner_pane_id == second.panes[1].id and len(votes[0].ranking) == 3
    assert (votes[1].id, votes[1].winner_pane_id, votes[1].ranking) == (tie, None, ())
    assert store.comparison_wins()[0] == ModelWins("groq", "b", 2, 3)
    assert ModelWins("mistral", "c", 0, 2) in store.comparison_wins()


def test_votes_for_panes_of_another_run_are_refused(store: Store) -> None:
    one = store.create_comparison("p1", [("openai", "a")])
    two = store.create_comparison("p2", [("groq", "b")])
    with pytest.raises(ValueError, match="not part of comparison run"):
        store.record_vote(one.id, winner_pane_id=two.panes[0].id)
    with pytest.raises(NotFoundError):
        store.record_vote(999)
    with pytest.raises(NotFoundError):
        store.comparison(999)
    with pytest.raises(NotFoundError):
        store.set_pane_result(999, message_id=1)


def test_runs_and_votes_outlive_their_conversation(store: Store) -> None:
    cid = store.create_conversation()
    answer = store.add_message(cid, "assistant", "x")
    run = store.create_comparison("p", [("openai", "a")], conversation_id=cid)
    store.set_pane_result(run.panes[0].id, message_id=answer)
    store.record_vote(run.id, winner_pane_id=run.panes[0].id)
    store.delete_conversation(cid)
    kept = store.comparison(run.id)
    assert kept.conversation_id is None and kept.panes[0].message_id is None and len(kept.votes) == 1
