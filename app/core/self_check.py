"""Checks an install can run on itself (the frozen build's smoke test): the database and its search."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

FTS_SAMPLE = "Parley smoke test: 東京タワーで会いましょう, giraffe"


def check_search(path: Path) -> dict[str, Any]:
    """The store (migrations, triggers, the FTS5 table) finds a Latin and a CJK word, in a database of its own
    at `path` (the user's stays as it is)."""
    from app.store import open_store

    with open_store(path) as store:
        conversation = store.create_conversation("smoke test")
        store.add_message(conversation, "user", FTS_SAMPLE)
        hits = {"latin": len(store.search("giraffe")), "cjk": len(store.search("東京"))}
    ok = hits == {"latin": 1, "cjk": 1}
    return {"fts5": ok, "fts5_hits": hits, "sqlite": sqlite3.sqlite_version,
            "problem": None if ok else f"search found {hits}"}  # fmt: skip
