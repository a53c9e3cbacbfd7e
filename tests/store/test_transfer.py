"""Export and import: the whole tree round-trips; a malformed document imports nothing."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from app.store import EXPORT_FORMAT, InvalidImportError, NewImage, Store
from tests.support.store_sql import count_rows


@pytest.fixture
def exported(store: Store) -> dict[str, Any]:
    cid = store.create_conversation("Round trip", system_prompt="sys", settings={"model": "m"})
    store.pin_conversation(cid)
    q = store.add_message(cid, "user", "look", images=[NewImage("image/png", b"\x89PNG-bytes", "p.png")])
    store.add_message(cid, "assistant", "answer one", provider="openai", model="gpt-4o-x", requested_model="gpt-4o")
    store.add_message(cid, "assistant", "answer two 东京", parent_id=q)
    s = store.add_message(cid, "assistant", "", parent_id=q, status="streaming", make_current=False)
    store.checkpoint(s, "cut off")
    store.set_current_leaf(cid, q + 1)
    doc: dict[str, Any] = json.loads(json.dumps(store.conversation_as_dict(cid)))  # survives JSON
    return doc


def test_export_holds_every_branch_and_the_current_leaf(exported: dict[str, Any]) -> None:
    assert exported["format"] == EXPORT_FORMAT and exported["version"] == 1
    assert (exported["title"], exported["pinned"], exported["system_prompt"]) == ("Round trip", True, "sys")
    assert [m["content"] for m in exported["messages"]] == ["look", "answer one", "answer two 东京", "cut off"]
    first = exported["messages"][0]["id"]
    assert [m["parent"] for m in exported["messages"]] == [None, first, first, first]
    assert exported["current_leaf"] == exported["messages"][1]["id"]
    assert exported["messages"][0]["images"][0]["name"] == "p.png"


def test_import_recreates_the_tree_with_new_ids(store: Store, exported: dict[str, Any]) -> None:
    new = store.import_conversation(exported)
    c = store.conversation(new)
    assert (c.title, c.pinned, c.system_prompt, c.settings) == ("Round trip", True, "sys", {"model": "m"})
    thread = store.thread(new)
    assert [m.content for m in thread] == ["look", "answer one"]
    assert thread[1].model == "gpt-4o-x" and len(thread[1].sibling_ids) == 3
    assert store.attachments(thread[0].id)[0].data == b"\x89PNG-bytes"
    assert [m.status for m in store.siblings(thread[1].id)] == ["complete", "complete", "interrupted"]
    assert {h.conversation_id for h in store.search("东京")} == {1, new}
    again = store.conversation_as_dict(new)
    for doc in (again, exported):
        for m in doc["messages"]:
            m.pop("id"), m.pop("parent"), m.pop("status"), m.pop("updated_at")
            for i in m["images"]:
                i.pop("name")
        doc.pop("current_leaf"), doc.pop("updated_at")
    assert again == exported


def _broken(exported: dict[str, Any], change: str) -> dict[str, Any]:
    doc = copy.deepcopy(exported)
    messages = doc["messages"]
    if change == "format":
        doc["format"] = "chatgpt"
    elif change == "version":
        doc["version"] = 99
    elif change == "orphan":
        messages[1]["parent"] = 12345
    elif change == "role":
        messages[2]["role"] = "tool"
    elif change == "image":
        messages[0]["images"][0]["data_base64"] = "not base64!"
    elif change == "leaf":
        doc["current_leaf"] = 777
    elif change == "date":
        messages[3]["created_at"] = "yesterday"
    elif change == "duplicate":
        messages[2]["id"] = messages[1]["id"]
    elif change == "messages":
        doc["messages"] = "none"
    return doc


@pytest.mark.parametrize(
    "change", ["format", "version", "orphan", "role", "image", "leaf", "date", "duplicate", "messages"]
)
def test_a_malformed_document_imports_nothing(store: Store, exported: dict[str, Any], change: str) -> None:
    counts = count_rows(store, "conversations"), count_rows(store, "messages")
    with pytest.raises(InvalidImportError) as caught:
        store.import_conversation(_broken(exported, change))
    assert "not a Parley conversation export" in str(caught.value) and "Nothing was imported" in str(caught.value)
    assert (count_rows(store, "conversations"), count_rows(store, "messages")) == counts
