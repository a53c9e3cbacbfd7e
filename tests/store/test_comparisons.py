"""Comparison runs: panes in target order, results linked, votes checked, wins tallied."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.store import ModelWins, NotFoundError, Store, open_store
from app.store.migrations import apply_migrations
from app.store.textindex import index_text_v1


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


def test_pane_parameters_and_prompt_sets_are_kept(store: Store) -> None:
    single = store.create_comparison("p", [("openai", "a"), ("groq", "b")],
                                     params=[{"temperature": 0.2, "max_tokens": 100}, {}])  # fmt: skip
    first = store.create_comparison("q1", [("openai", "a")], params=[{"json_mode": True}], prompt_set="set-1")
    second = store.create_comparison("q2", [("openai", "a")], prompt_set="set-1")
    store.create_comparison("other", [("openai", "a")], prompt_set="set-2")
    assert store.pane_parameters(single.id) == [{"temperature": 0.2, "max_tokens": 100}, {}]
    assert store.pane_parameters(first.id) == [{"json_mode": True}] and store.pane_parameters(second.id) == [{}]
    assert [r.id for r in store.prompt_set_runs("set-1")] == [first.id, second.id]
    assert store.prompt_set_runs("nothing") == []
    assert store.comparison_run_prompt_set(single.id) is None and store.comparison_run_prompt_set(first.id) == "set-1"
    cid = store.create_conversation("continued")
    store.set_comparison_conversation(single.id, cid)
    assert store.comparison(single.id).conversation_id == cid
    with pytest.raises(NotFoundError):
        store.pane_parameters(999)
    with pytest.raises(NotFoundError):
        store.comparison_run_prompt_set(999)
    with pytest.raises(NotFoundError):
        store.set_comparison_conversation(999, cid)


def test_runs_from_before_m005_read_as_default_parameters(tmp_path: Path) -> None:
    """A run stored by m004 code upgrades to 'no parameters, no prompt set'; the committed m001 file takes new runs."""
    old = tmp_path / "m004.db"
    conn = sqlite3.connect(old, isolation_level=None)
    conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
    apply_migrations(Database(conn, execute_plugins=False), stop_after="m004_stream_writers")
    conn.execute("INSERT INTO comparison_runs (prompt, created_at) VALUES ('old', '2024-01-01T00:00:00.000000Z')")
    conn.execute("INSERT INTO comparison_panes (run_id, position, provider, model) VALUES (1, 0, 'openai', 'a')")
    conn.close()
    with open_store(old) as store:
        assert "m005_comparison_parameters" in store.upgraded_with
        assert store.pane_parameters(1) == [{}] and store.comparison_run_prompt_set(1) is None
        assert store.comparison(1).panes[0].model == "a"

    committed = tmp_path / "m001.db"
    shutil.copy(Path(__file__).parents[1] / "data" / "store" / "m001.db", committed)
    with open_store(committed) as store:
        assert "m005_comparison_parameters" in store.upgraded_with
        params: list[dict[str, object]] = [{"temperature": 1.0}, {"reasoning_effort": "low"}]
        run = store.create_comparison("on old data", [("openai", "a"), ("groq", "b")], conversation_id=1,
                                      params=params, prompt_set="s")  # fmt: skip
        assert store.pane_parameters(run.id) == params
        assert [r.id for r in store.prompt_set_runs("s")] == [run.id]
