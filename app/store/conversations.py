"""Conversations: create, list (pinned first, then most recently active), summarise, rename, pin, delete,
settings."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from .base import StoreBase
from .errors import NotFoundError
from .records import Conversation, ConversationSummary, from_stamp, load_json, now_utc, to_stamp

_COLUMNS = "id, title, created_at, updated_at, pinned, system_prompt, settings_json, current_leaf_id"
_SUMMARIES = """SELECT c.id, c.title, c.updated_at,
    (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS messages,
    (SELECT COALESCE(SUM(r.cost_usd), 0.0) FROM requests r WHERE r.conversation_id = c.id) AS cost,
    (SELECT COUNT(*) FROM requests r WHERE r.conversation_id = c.id) AS requests,
    (SELECT COUNT(*) - COUNT(r.cost_usd) FROM requests r WHERE r.conversation_id = c.id) AS unpriced
FROM conversations c ORDER BY c.updated_at DESC, c.id DESC LIMIT ?"""


def conversation_from_row(row: sqlite3.Row) -> Conversation:
    return Conversation(
        id=row["id"],
        title=row["title"],
        created_at=from_stamp(row["created_at"]),
        updated_at=from_stamp(row["updated_at"]),
        pinned=bool(row["pinned"]),
        system_prompt=row["system_prompt"],
        settings=load_json(row["settings_json"], {}),
        current_leaf_id=row["current_leaf_id"],
    )


def settings_json(settings: Mapping[str, Any] | None) -> str:
    return json.dumps(dict(settings or {}), ensure_ascii=False, sort_keys=True)


class ConversationsMixin(StoreBase):
    def create_conversation(
        self, title: str = "", *, system_prompt: str | None = None, settings: Mapping[str, Any] | None = None
    ) -> int:
        """A new, empty conversation; returns its id. `settings` holds per-conversation parameters
        (provider, model, temperature, ...) as JSON-serialisable values."""
        stamp = to_stamp(now_utc())
        with self._lock:
            cursor = self._conn.execute(
                "INSERT INTO conversations (title, created_at, updated_at, system_prompt, settings_json) "
                "VALUES (?, ?, ?, ?, ?)",
                (title, stamp, stamp, system_prompt, settings_json(settings)),
            )
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def conversation(self, conversation_id: int) -> Conversation:
        row = self._one(f"SELECT {_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,))
        if row is None:
            raise NotFoundError("conversation", conversation_id)
        return conversation_from_row(row)

    def list_conversations(self, *, limit: int | None = None, offset: int = 0) -> list[Conversation]:
        """Pinned conversations first, then the most recently active (a new message counts; a rename does not)."""
        rows = self._all(
            f"SELECT {_COLUMNS} FROM conversations ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [conversation_from_row(row) for row in rows]

    def conversation_summaries(self, *, limit: int | None = None) -> list[ConversationSummary]:
        """Every conversation with its message count and what it cost (from the ledger), newest activity first."""
        rows = self._all(_SUMMARIES, (-1 if limit is None else limit,))
        return [
            ConversationSummary(id=row["id"], title=row["title"], updated_at=from_stamp(row["updated_at"]),
                                messages=row["messages"], cost_usd=row["cost"], requests=row["requests"],
                                unpriced_requests=row["unpriced"])
            for row in rows
        ]  # fmt: skip

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self._update(conversation_id, "title = ?", (title,))

    def pin_conversation(self, conversation_id: int, pinned: bool = True) -> None:
        self._update(conversation_id, "pinned = ?", (int(pinned),))

    def set_system_prompt(self, conversation_id: int, system_prompt: str | None) -> None:
        self._update(conversation_id, "system_prompt = ?", (system_prompt,))

    def set_conversation_settings(self, conversation_id: int, settings: Mapping[str, Any]) -> None:
        """Replace the conversation's parameters (not merged: pass every key you want kept)."""
        self._update(conversation_id, "settings_json = ?", (settings_json(settings),))

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete the conversation, its messages and attachments. Its spend rows stay in the ledger
        (with no conversation), and so do comparison votes."""
        if not self._run("DELETE FROM conversations WHERE id = ?", (conversation_id,)):
            raise NotFoundError("conversation", conversation_id)

    def _update(self, conversation_id: int, assignment: str, params: tuple[Any, ...]) -> None:
        if not self._run(f"UPDATE conversations SET {assignment} WHERE id = ?", (*params, conversation_id)):
            raise NotFoundError("conversation", conversation_id)
