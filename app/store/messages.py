"""Messages as a tree: add, stream (checkpoint, finish), walk a branch, switch branches, recover after a crash.

Editing a message or regenerating a reply never overwrites anything: the new message is another
child of the same parent (a sibling), and the conversation's `current_leaf_id` says which branch is
shown. `thread()` walks from that leaf up to the root in one recursive query, whatever the length.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any, Literal

from .base import StoreBase
from .documents import documents_meta, sources, store_documents
from .errors import NotFoundError
from .records import (
    FINAL_STATUSES,
    ROLES,
    Attachment,
    DocumentLike,
    FinalStatus,
    ImageLike,
    ImageMeta,
    MessageRow,
    MessageStatus,
    Role,
    from_stamp,
    load_json,
    now_utc,
    to_stamp,
)
from .writers import live_writers

MESSAGE_COLUMNS = (
    "m.id, m.conversation_id, m.parent_id, m.role, m.content, m.reasoning, m.status, m.error_kind, "
    "m.error_message, m.provider, m.model, m.requested_model, m.created_at, m.updated_at, m.images_json, "
    "m.documents_json, m.citations_json, "
    "(SELECT group_concat(s.id) FROM messages s "
    " WHERE s.conversation_id = m.conversation_id AND s.parent_id IS m.parent_id) AS sibling_ids"
)

# The message a conversation shows last: its current leaf, else its newest leaf.
_TIP = """COALESCE(
    (SELECT current_leaf_id FROM conversations WHERE id = :conversation),
    (SELECT t.id FROM messages t WHERE t.conversation_id = :conversation
        AND NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = t.id) ORDER BY t.id DESC LIMIT 1))"""

# Each step looks the parent up by primary key: a 2,000-message branch is 2,000 index lookups.
_THREAD = f"""WITH RECURSIVE chain(id, parent_id, depth) AS (
    SELECT id, parent_id, 0 FROM messages WHERE id = COALESCE(:leaf, {_TIP}) AND conversation_id = :conversation
    UNION ALL
    SELECT p.id, p.parent_id, chain.depth + 1 FROM chain CROSS JOIN messages p ON p.id = chain.parent_id
    WHERE :newest IS NULL OR chain.depth + 1 < :newest
)
SELECT {MESSAGE_COLUMNS} FROM chain CROSS JOIN messages m ON m.id = chain.id ORDER BY chain.depth DESC"""

# Up from the tip, only as far as the oldest message asked about: a child's id is always above its parent's.
_ON_BRANCH = f"""WITH RECURSIVE chain(id, parent_id) AS (
    SELECT id, parent_id FROM messages WHERE id = {_TIP} AND conversation_id = :conversation
    UNION ALL
    SELECT p.id, p.parent_id FROM chain CROSS JOIN messages p ON p.id = chain.parent_id WHERE p.id >= :oldest
)
SELECT id FROM chain"""

# Two messages with the same parent (two roots included): the conversation has branches.
_BRANCHED = """SELECT 1 FROM messages WHERE conversation_id = :conversation GROUP BY parent_id HAVING COUNT(*) > 1
LIMIT 1"""

_NEWEST_LEAF_UNDER = """WITH RECURSIVE subtree(id) AS (
    SELECT :message UNION ALL SELECT c.id FROM messages c JOIN subtree ON c.parent_id = subtree.id
)
SELECT max(s.id) FROM subtree s WHERE NOT EXISTS (SELECT 1 FROM messages c WHERE c.parent_id = s.id)"""


def message_from_row(row: sqlite3.Row) -> MessageRow:
    images = tuple(
        ImageMeta(attachment_id=i["attachment_id"], mime_type=i["mime_type"], size=i["size"], name=i.get("name"))
        for i in load_json(row["images_json"], [])
    )
    siblings = tuple(sorted(int(s) for s in row["sibling_ids"].split(","))) if row["sibling_ids"] else ()
    return MessageRow(
        id=row["id"],
        conversation_id=row["conversation_id"],
        parent_id=row["parent_id"],
        role=row["role"],
        content=row["content"],
        reasoning=row["reasoning"],
        status=row["status"],
        error_kind=row["error_kind"],
        error_message=row["error_message"],
        provider=row["provider"],
        model=row["model"],
        requested_model=row["requested_model"],
        created_at=from_stamp(row["created_at"]),
        updated_at=from_stamp(row["updated_at"]),
        images=images,
        sibling_ids=siblings,
        documents=documents_meta(row["documents_json"]),
        citations=sources(row["citations_json"]),
    )


class MessagesMixin(StoreBase):
    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str = "",
        *,
        parent_id: int | Literal["current"] | None = "current",
        reasoning: str = "",
        status: MessageStatus = "complete",
        provider: str | None = None,
        model: str | None = None,
        requested_model: str | None = None,
        error_kind: str | None = None,
        error_message: str | None = None,
        images: Sequence[ImageLike] = (),
        make_current: bool = True,
        documents: Sequence[DocumentLike] = (),
    ) -> int:
        """Add a message and return its id.

        `parent_id`: "current" (the default) appends to the branch on show; an id adds a child of that
        message (a sibling of its other children: how edit and regenerate work); None adds a root.
        A `streaming` message is then updated with `checkpoint` and closed with `finish_message`.
        `make_current` shows the new message's branch. Images are stored as BLOBs in `attachments`.
        """
        if role not in ROLES:
            raise ValueError(f"role must be one of {sorted(ROLES)}, not {role!r}")
        if status not in (*FINAL_STATUSES, "streaming"):
            raise ValueError(f"unknown message status {status!r}")
        stamp = to_stamp(now_utc())
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)).fetchone() is None:
                raise NotFoundError("conversation", conversation_id)
            if parent_id == "current":
                parent_id = conn.execute(f"SELECT {_TIP}", {"conversation": conversation_id}).fetchone()[0]
            elif parent_id is not None:
                owner = conn.execute("SELECT conversation_id FROM messages WHERE id = ?", (parent_id,)).fetchone()
                if owner is None:
                    raise NotFoundError("message", parent_id)
                if owner[0] != conversation_id:
                    raise ValueError(f"message {parent_id} is not in conversation {conversation_id}")
            cursor = conn.execute(
                "INSERT INTO messages (conversation_id, parent_id, role, content, reasoning, status, error_kind, "
                "error_message, provider, model, requested_model, created_at, updated_at, writer) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, parent_id, role, content, reasoning, status, error_kind, error_message, provider,
                 model, requested_model, stamp, stamp, self.writer_token if status == "streaming" else None),
            )  # fmt: skip
            message_id = cursor.lastrowid
            assert message_id is not None
            if images:
                store_images(conn, message_id, images)
            if documents:
                store_documents(conn, message_id, documents)
            leaf_sql = ", current_leaf_id = ?" if make_current else ""
            conn.execute(
                f"UPDATE conversations SET updated_at = ?{leaf_sql} WHERE id = ?",
                (stamp, message_id, conversation_id) if make_current else (stamp, conversation_id),
            )
        return message_id

    def checkpoint(self, message_id: int, text: str, reasoning: str = "") -> bool:
        """Save the text streamed so far (cheap: one statement). Call it every second or so while a
        reply streams, so a crash loses at most that interval. Returns False, changing nothing, if
        the message is no longer streaming."""
        return bool(
            self._run(
                "UPDATE messages SET content = ?, reasoning = ?, updated_at = ? WHERE id = ? AND status = 'streaming'",
                (text, reasoning, to_stamp(now_utc()), message_id),
            )
        )

    def finish_message(
        self,
        message_id: int,
        status: FinalStatus,
        text: str,
        reasoning: str = "",
        *,
        error_kind: str | None = None,
        error_message: str | None = None,
        model: str | None = None,
        provider: str | None = None,
    ) -> None:
        """Close a message: complete, interrupted (cancelled; partial text kept) or error (with the
        error's kind and message). `model` is the model the response named, when known."""
        if status not in FINAL_STATUSES:
            raise ValueError(f"a message finishes as one of {sorted(FINAL_STATUSES)}, not {status!r}")
        stamp = to_stamp(now_utc())
        with self._write() as conn:
            changed = conn.execute(
                "UPDATE messages SET status = ?, content = ?, reasoning = ?, error_kind = ?, error_message = ?, "
                "model = COALESCE(?, model), provider = COALESCE(?, provider), writer = NULL, updated_at = ? "
                "WHERE id = ?",
                (status, text, reasoning, error_kind, error_message, model, provider, stamp, message_id),
            ).rowcount
            if not changed:
                raise NotFoundError("message", message_id)
            conn.execute(
                "UPDATE conversations SET updated_at = ? "
                "WHERE id = (SELECT conversation_id FROM messages WHERE id = ?)",
                (stamp, message_id),
            )

    def message(self, message_id: int) -> MessageRow:
        row = self._one(f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.id = ?", (message_id,))
        if row is None:
            raise NotFoundError("message", message_id)
        return message_from_row(row)

    def thread(self, conversation_id: int, leaf_id: int | None = None, *, newest: int | None = None
               ) -> list[MessageRow]:  # fmt: skip
        """The branch from the root down to `leaf_id` (default: the conversation's current leaf, or its
        newest leaf), oldest first. One query, however long the conversation. `newest`: only that many of its
        last messages (read walking up from the leaf, so the rest is never read)."""
        if newest is not None and newest < 1:
            raise ValueError("newest counts at least one message")
        rows = self._all(_THREAD, {"conversation": conversation_id, "leaf": leaf_id, "newest": newest})
        if not rows:
            if self._one("SELECT 1 FROM conversations WHERE id = ?", (conversation_id,)) is None:
                raise NotFoundError("conversation", conversation_id)
            if leaf_id is not None:
                raise NotFoundError(f"message in conversation {conversation_id} with id", leaf_id)
        return [message_from_row(row) for row in rows]

    def on_branch(self, conversation_id: int, message_ids: Sequence[int]) -> set[int]:
        """Which of `message_ids` (messages of this conversation) lie on the branch it shows, as `thread()` walks
        it. A conversation that never branched is one line: its messages up to the tip are on it, no walk."""
        if not message_ids:
            return set()
        at = {"conversation": conversation_id, "oldest": min(message_ids)}
        with self._snapshot() as conn:
            tip = conn.execute(f"SELECT {_TIP}", at).fetchone()[0]
            if tip is None:
                return set()
            if conn.execute(_BRANCHED, at).fetchone() is None:
                return {i for i in message_ids if i <= tip}
            return {row[0] for row in conn.execute(_ON_BRANCH, at)} & set(message_ids)

    def siblings(self, message_id: int) -> list[MessageRow]:
        """The message and every other child of its parent (the other roots, for a root), oldest first."""
        rows = self._all(
            f"SELECT {MESSAGE_COLUMNS} FROM messages m JOIN messages me ON me.id = ? "
            "WHERE m.conversation_id = me.conversation_id AND m.parent_id IS me.parent_id ORDER BY m.id",
            (message_id,),
        )
        if not rows:
            raise NotFoundError("message", message_id)
        return [message_from_row(row) for row in rows]

    def set_current_leaf(self, conversation_id: int, message_id: int) -> int:
        """Show the branch through `message_id`: the newest leaf below it (itself if it has no
        children) becomes the conversation's current leaf. Returns that leaf's id."""
        with self._write() as conn:
            owner = conn.execute("SELECT conversation_id FROM messages WHERE id = ?", (message_id,)).fetchone()
            if owner is None or owner[0] != conversation_id:
                raise NotFoundError(f"message in conversation {conversation_id} with id", message_id)
            leaf: int = conn.execute(_NEWEST_LEAF_UNDER, {"message": message_id}).fetchone()[0]
            conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (leaf, conversation_id))
        return leaf

    def delete_message(self, message_id: int) -> None:
        """Delete a message and everything below it. Spend rows stay (without a message)."""
        if not self._run("DELETE FROM messages WHERE id = ?", (message_id,)):
            raise NotFoundError("message", message_id)

    def attachment(self, attachment_id: int) -> Attachment:
        row = self._one("SELECT id, message_id, mime_type, name, data FROM attachments WHERE id = ?", (attachment_id,))
        if row is None:
            raise NotFoundError("attachment", attachment_id)
        return Attachment(row["id"], row["message_id"], row["mime_type"], row["name"], bytes(row["data"]))

    def attachments(self, message_id: int) -> list[Attachment]:
        """A message's images with their bytes, in the order they were attached."""
        rows = self._all(
            "SELECT id, message_id, mime_type, name, data FROM attachments WHERE message_id = ? ORDER BY position",
            (message_id,),
        )
        return [Attachment(r["id"], r["message_id"], r["mime_type"], r["name"], bytes(r["data"])) for r in rows]

    def recover_interrupted(self) -> int:
        """Mark messages left `streaming` by a store that is gone (crashed, killed, or closed without
        finishing them) as `interrupted`, keeping their last checkpointed text. A reply that another
        open process is streaming right now is left alone. Returns how many were marked."""
        alive = live_writers(self.path) | {self.writer_token}
        placeholders = ", ".join("?" for _ in alive)
        return self._run(
            "UPDATE messages SET status = 'interrupted', writer = NULL, updated_at = ? "
            f"WHERE status = 'streaming' AND (writer IS NULL OR writer NOT IN ({placeholders}))",
            (to_stamp(now_utc()), *sorted(alive)),
        )

    def _interrupt_own_streams(self) -> int:
        return self._run(
            "UPDATE messages SET status = 'interrupted', writer = NULL, updated_at = ? "
            "WHERE status = 'streaming' AND writer = ?",
            (to_stamp(now_utc()), self.writer_token),
        )


def store_images(conn: sqlite3.Connection, message_id: int, images: Sequence[ImageLike]) -> None:
    """Save a new message's images as attachment rows and their metadata on the message."""
    meta: list[dict[str, Any]] = []
    for position, image in enumerate(images):
        name = getattr(image, "name", None)
        cursor = conn.execute(
            "INSERT INTO attachments (message_id, position, mime_type, name, size, data) VALUES (?, ?, ?, ?, ?, ?)",
            (message_id, position, image.mime_type, name, len(image.data), image.data),
        )
        meta.append({"attachment_id": cursor.lastrowid, "mime_type": image.mime_type, "size": len(image.data)}
                    | ({"name": name} if name else {}))  # fmt: skip
    conn.execute("UPDATE messages SET images_json = ? WHERE id = ?", (json.dumps(meta), message_id))
