"""Documents and cited sources in a conversation export, and read back from one."""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
from collections.abc import Mapping
from typing import Any

from .documents import store_documents
from .errors import InvalidImportError
from .records import StoredDocument


def exported_documents(conn: sqlite3.Connection, conversation_id: int) -> dict[int, list[dict[str, Any]]]:
    """Each message's documents, bytes as base64, by message id."""
    out: dict[int, list[dict[str, Any]]] = {}
    for d in conn.execute(
        "SELECT md.message_id, md.name, d.mime_type, d.pages, d.text, d.data FROM message_documents md "
        "JOIN documents d ON d.id = md.document_id JOIN messages m ON m.id = md.message_id "
        "WHERE m.conversation_id = ? ORDER BY md.message_id, md.position",
        (conversation_id,),
    ):
        out.setdefault(d["message_id"], []).append({
            "name": d["name"], "mime_type": d["mime_type"], "pages": d["pages"], "text": d["text"],
            "data_base64": base64.b64encode(d["data"]).decode("ascii"),
        })  # fmt: skip
    return out


def import_documents_and_citations(conn: sqlite3.Connection, message_id: int, message: Mapping[str, Any],
                                   where: str) -> None:  # fmt: skip
    documents = message.get("documents") or []
    if not isinstance(documents, list):
        raise InvalidImportError(f'{where} has "documents" that is not a list')
    decoded = []
    for position, doc in enumerate(documents):
        try:
            pages = doc.get("pages")
            text = doc.get("text")
            decoded.append(StoredDocument(
                str(doc["name"]), str(doc["mime_type"]), base64.b64decode(doc["data_base64"], validate=True),
                text if isinstance(text, str) else None,
                pages if isinstance(pages, int) and not isinstance(pages, bool) else None,
            ))  # fmt: skip
        except (TypeError, KeyError, AttributeError, binascii.Error) as e:
            raise InvalidImportError(f"{where} has an unreadable document #{position + 1}") from e
    if decoded:
        store_documents(conn, message_id, decoded)
    citations = message.get("citations") or []
    if not isinstance(citations, list) or not all(isinstance(c, Mapping) and isinstance(c.get("url"), str)
                                                   for c in citations):  # fmt: skip
        raise InvalidImportError(f'{where} has "citations" that are not a list of {{"url", "title"}}')
    if citations:
        data = [{"url": c["url"], "title": str(c.get("title") or "")} for c in citations]
        conn.execute("UPDATE messages SET citations_json = ? WHERE id = ?", (json.dumps(data), message_id))
