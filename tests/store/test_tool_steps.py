"""An answer's tool steps: written once per step, read back in order, searched, exported and imported, and a
database from before m007 upgrades with its ledger and messages intact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.store import InvalidImportError, NotFoundError, Store, open_store
from tests.support.store_sql import OLD_STAMP, older_database

CALLS = [{"id": "c1", "name": "adder__add", "arguments": {"a": 2, "b": 3}, "arguments_error": None, "signed": None}]
RESULTS = [{"call_id": "c1", "name": "adder__add", "server": "adder", "tool": "add", "state": "done",
            "text": "quintillion 5", "is_error": False, "error": None, "ms": 12.0, "images": []}]  # fmt: skip


def _answer(store: Store) -> tuple[int, int]:
    conv = store.create_conversation("Sums")
    user = store.add_message(conv, "user", "Add them")
    answer = store.add_message(conv, "assistant", "It is 5.", parent_id=user)
    return conv, answer


def test_steps_are_kept_in_order_and_once(store: Store) -> None:
    _, answer = _answer(store)
    store.add_tool_step(answer, 2, "It is 5.")
    store.add_tool_step(answer, 1, "", calls=CALLS, results=RESULTS, signed=[{"protocol": "p", "data": {"x": 1}}])
    [one, two] = store.tool_steps([answer, 999])[answer]
    assert (one.step, list(one.calls), list(one.results), one.signed[0]["data"]) == (1, CALLS, RESULTS, {"x": 1})
    assert (two.step, two.text, two.calls) == (2, "It is 5.", ())
    with pytest.raises(sqlite3.IntegrityError):
        store.add_tool_step(answer, 1, "again")
    with pytest.raises(NotFoundError):
        store.add_tool_step(12345, 1)
    with pytest.raises(ValueError):
        store.add_tool_step(answer, 0)
    assert store.tool_steps([]) == {}


def test_search_finds_an_answer_by_its_tool_calls(store: Store) -> None:
    conv, answer = _answer(store)
    store.add_tool_step(answer, 1, calls=CALLS, results=RESULTS)
    [hit] = store.search("quintillion")
    assert (hit.message_id, hit.conversation_id) == (answer, conv) and "«quintillion»" in hit.snippet
    assert [h.message_id for h in store.search("adder__add")] == [answer]
    assert [h.message_id for h in store.search("5")] == [answer]  # in its text and its result: one hit
    store.delete_conversation(conv)
    assert store.search("quintillion") == []
    assert store._one("SELECT count(*) FROM message_tool_steps")[0] == 0  # type: ignore[index]


def test_export_and_import_carry_the_steps(store: Store) -> None:
    conv, answer = _answer(store)
    store.add_tool_step(answer, 1, calls=CALLS, results=RESULTS)
    store.add_tool_step(answer, 2, "It is 5.")
    doc = json.loads(json.dumps(store.conversation_as_dict(conv)))
    exported = doc["messages"][1]["tool_steps"]
    assert [s["step"] for s in exported] == [1, 2] and exported[0]["calls"] == CALLS
    assert "tool_steps" not in doc["messages"][0]
    copy = store.import_conversation(doc)
    [_, new_answer] = [m.id for m in store.thread(copy)]
    steps = store.tool_steps([new_answer])[new_answer]
    assert [(s.step, list(s.results)) for s in steps] == [(1, RESULTS), (2, [])]
    assert {h.conversation_id for h in store.search("quintillion")} == {conv, copy}


@pytest.mark.parametrize("bad", [
    "not a list", [{"step": 0}], [{"step": 1}, {"step": 1}], [{"step": 1, "calls": "x"}],
    [{"step": 1, "results": [1]}], [{"step": 1, "text": 5}], [{"step": True}],
])  # fmt: skip
def test_an_unreadable_step_imports_nothing(store: Store, bad: object) -> None:
    conv, _ = _answer(store)
    doc = store.conversation_as_dict(conv)
    doc["messages"][1]["tool_steps"] = bad
    before = len(store.list_conversations())
    with pytest.raises(InvalidImportError, match=r"tool.step"):
        store.import_conversation(doc)
    assert len(store.list_conversations()) == before


def test_ledger_rows_name_their_step(store: Store) -> None:
    conv, answer = _answer(store)
    first = store.log_request(provider="openai", requested_model="m", message_id=answer, conversation_id=conv, step=1)
    store.log_request(provider="openai", requested_model="m", message_id=answer, conversation_id=conv, step=2)
    store.log_request(provider="groq", requested_model="x", message_id=answer, step=2, fallback_of=first)
    assert [(r.step, r.provider) for r in store.message_requests(answer)] == [(1, "openai"), (2, "openai"),
                                                                                (2, "groq")]
    assert store.message_requests(999) == []


def test_a_database_from_before_m007_upgrades_intact(tmp_path: Path) -> None:
    old = tmp_path / "m006.db"
    conn = older_database(old, "m006_provider_accounts")
    conn.execute("INSERT INTO messages (conversation_id, role, content, created_at, updated_at) "
                 "VALUES (1, 'user', 'older words', ?, ?)", (OLD_STAMP, OLD_STAMP))  # fmt: skip
    conn.execute("INSERT INTO requests (provider, requested_model, started_at, cost_usd, cost_source, message_id) "
                 "VALUES ('openai', 'gpt-4o', ?, 0.25, 'catalog', 1)", (OLD_STAMP,))  # fmt: skip
    conn.close()
    with open_store(old) as store:
        assert "m008_tool_steps" in store.upgraded_with
        [row] = store.message_requests(1)
        assert (row.cost_usd, row.step) == (0.25, None)
        assert [h.message_id for h in store.search("older")] == [1]
        answer = store.add_message(1, "assistant", "new", parent_id=1)
        store.add_tool_step(answer, 1, calls=CALLS, results=RESULTS)
        assert [h.message_id for h in store.search("quintillion")] == [answer]
