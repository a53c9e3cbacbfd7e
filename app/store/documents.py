"""Documents attached to messages, kept once per content (SHA-256), and the sources answers cited."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from .base import StoreBase
from .errors import NotFoundError
from .records import DocumentLike, DocumentMeta, Source, StoredDocument, load_json, now_utc, to_stamp


def store_documents(conn: sqlite3.Connection, message_id: int, documents: Sequence[DocumentLike]) -> None:
    """Link a new message to its documents; a document already kept (same bytes) is not stored again."""
    meta: list[dict[str, Any]] = []
    for position, doc in enumerate(documents):
        digest = hashlib.sha256(doc.data).hexdigest()
        conn.execute(
            "INSERT OR IGNORE INTO documents (sha256, mime_type, size, pages, text, data, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (digest, doc.mime_type, len(doc.data), doc.pages, doc.text, doc.data, to_stamp(now_utc())),
        )
        document_id = conn.execute("SELECT id FROM documents WHERE sha256 = ?", (digest,)).fetchone()[0]
        conn.execute("INSERT INTO message_documents (message_id, position, document_id, name) VALUES (?, ?, ?, ?)",
                     (message_id, position, document_id, doc.name))  # fmt: skip
        meta.append({"document_id": document_id, "name": doc.name, "mime_type": doc.mime_type,
                     "size": len(doc.data), "pages": doc.pages})  # fmt: skip
    conn.execute("UPDATE messages SET documents_json = ? WHERE id = ?", (json.dumps(meta), message_id))


def documents_meta(text: str | None) -> tuple[DocumentMeta, ...]:
    return tuple(DocumentMeta(d["document_id"], d["name"], d["mime_type"], d["size"], d.get("pages"))
                 for d in load_json(text, []))  # fmt: skip


def sources(text: str | None) -> tuple[Source, ...]:
    return tuple(Source(c["url"], c.get("title") or "") for c in load_json(text, []) if isinstance(c, dict))


class DocumentsMixin(StoreBase):
    def message_documents(self, message_id: int) -> list[StoredDocument]:
        """A message's documents with their bytes and text, in the order they were attached."""
        rows = self._all(
            "SELECT md.name, d.mime_type, d.data, d.text, d.pages FROM message_documents md "
            "JOIN documents d ON d.id = md.document_id WHERE md.message_id = ? ORDER BY md.position",
            (message_id,),
        )
        return [StoredDocument(r["name"], r["mime_type"], bytes(r["data"]), r["text"], r["pages"]) for r in rows]

    def document_count(self) -> int:
        """How many distinct documents are kept (each content once)."""
        row = self._one("SELECT count(*) FROM documents", ())
        return int(row[0]) if row is not None else 0

    def set_citations(self, message_id: int, citations: Sequence[Source]) -> None:
        """The sources an answer cited, in order."""
        data = json.dumps([{"url": c.url, "title": c.title} for c in citations])
        if not self._run("UPDATE messages SET citations_json = ? WHERE id = ?", (data, message_id)):
            raise NotFoundError("message", message_id)
