"""Export a conversation's whole tree as plain JSON-ready data, and import such data as a new conversation.

The document (`format` "parley.conversation", `version` 1):

    {"format", "version", "title", "created_at", "updated_at", "pinned", "system_prompt", "settings",
     "current_leaf": <message id or null>,
     "messages": [{"id", "parent", "role", "content", "reasoning", "status", "error_kind", "error_message",
                   "provider", "model", "requested_model", "created_at", "updated_at",
                   "images": [{"mime_type", "name", "data_base64"}],
                   "documents": [{"name", "mime_type", "pages", "text", "data_base64"}],
                   "citations": [{"url", "title"}],
                   "tool_steps": [{"step", "text", "calls", "results", "signed"}]}, ...]}

`documents` and `citations` are optional (older exports have none). `tool_steps` is present on answers that
used tools (see tool_steps.py); an older Parley ignores it.

Messages are listed parents first; ids are only references inside the document (an import gets new
ids). Spend rows are not exported: importing a file must not double what the ledger says was spent.
"""

from __future__ import annotations

import base64
import binascii
import sqlite3
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

from .base import StoreBase
from .conversations import settings_json
from .errors import InvalidImportError, NotFoundError
from .messages import MESSAGE_COLUMNS, message_from_row, store_images
from .records import FINAL_STATUSES, ROLES, NewImage, load_json, now_utc, to_stamp
from .tool_steps import insert_step, step_from_row
from .transfer_documents import exported_documents, import_documents_and_citations

EXPORT_FORMAT = "parley.conversation"
EXPORT_VERSION = 1


class TransferMixin(StoreBase):
    def conversation_as_dict(self, conversation_id: int) -> dict[str, Any]:
        """The conversation with every branch, images included (base64), as JSON-ready data."""
        with self._snapshot() as conn:
            convo = conn.execute(
                "SELECT title, created_at, updated_at, pinned, system_prompt, settings_json, current_leaf_id "
                "FROM conversations WHERE id = ?",
                (conversation_id,),
            ).fetchone()
            if convo is None:
                raise NotFoundError("conversation", conversation_id)
            rows = conn.execute(
                f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE m.conversation_id = ? ORDER BY m.id",
                (conversation_id,),
            ).fetchall()
            images: dict[int, list[dict[str, Any]]] = {}
            for a in conn.execute(
                "SELECT a.message_id, a.mime_type, a.name, a.data FROM attachments a "
                "JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ? ORDER BY a.message_id, a.position",
                (conversation_id,),
            ):
                encoded = base64.b64encode(a["data"]).decode("ascii")
                images.setdefault(a["message_id"], []).append(
                    {"mime_type": a["mime_type"], "name": a["name"], "data_base64": encoded}
                )
            documents = exported_documents(conn, conversation_id)
            steps: dict[int, list[dict[str, Any]]] = {}
            for s in conn.execute(
                "SELECT s.message_id, s.step, s.text, s.calls_json, s.results_json, s.signed_json "
                "FROM message_tool_steps s JOIN messages m ON m.id = s.message_id WHERE m.conversation_id = ? "
                "ORDER BY s.message_id, s.step",
                (conversation_id,),
            ):
                steps.setdefault(s["message_id"], []).append(step_from_row(s).to_json())
        messages = []
        for row in rows:
            m = message_from_row(row)
            messages.append({
                "id": m.id, "parent": m.parent_id, "role": m.role, "content": m.content, "reasoning": m.reasoning,
                "status": m.status, "error_kind": m.error_kind, "error_message": m.error_message,
                "provider": m.provider, "model": m.model, "requested_model": m.requested_model,
                "created_at": row["created_at"], "updated_at": row["updated_at"], "images": images.get(m.id, []),
                "documents": documents.get(m.id, []),
                "citations": [{"url": c.url, "title": c.title} for c in m.citations],
            } | ({"tool_steps": steps[m.id]} if m.id in steps else {}))  # fmt: skip
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "title": convo["title"],
            "created_at": convo["created_at"],
            "updated_at": convo["updated_at"],
            "pinned": bool(convo["pinned"]),
            "system_prompt": convo["system_prompt"],
            "settings": load_json(convo["settings_json"], {}),
            "current_leaf": convo["current_leaf_id"],
            "messages": messages,
        }

    def import_conversation(self, data: Mapping[str, Any]) -> int:
        """Add the exported conversation as a new one (new ids) and return its id. All or nothing:
        a malformed document raises `InvalidImportError` and imports nothing. A message that was
        still streaming when exported arrives as interrupted."""
        if not isinstance(data, Mapping) or data.get("format") != EXPORT_FORMAT:
            raise InvalidImportError(f'its "format" is not "{EXPORT_FORMAT}"')
        version = data.get("version")
        if not isinstance(version, int) or version > EXPORT_VERSION:
            raise InvalidImportError(f"it is format version {version!r}; this Parley reads up to {EXPORT_VERSION}")
        messages = data.get("messages")
        if not isinstance(messages, list):
            raise InvalidImportError('"messages" is not a list')
        now = to_stamp(now_utc())
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO conversations (title, created_at, updated_at, pinned, system_prompt, settings_json) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (_text(data, "title") or "", _stamp(data, "created_at", now), _stamp(data, "updated_at", now),
                 int(bool(data.get("pinned"))), _text(data, "system_prompt"), _settings(data.get("settings"))),
            )  # fmt: skip
            conversation_id = cursor.lastrowid
            assert conversation_id is not None
            new_ids: dict[Any, int] = {}
            for n, message in enumerate(messages):
                new_ids[_ref(message, n, new_ids)] = _import_message(conn, conversation_id, message, n, new_ids, now)
            leaf = data.get("current_leaf")
            if leaf is not None:
                if leaf not in new_ids:
                    raise InvalidImportError(f'"current_leaf" {leaf!r} is not one of its messages')
                conn.execute(
                    "UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (new_ids[leaf], conversation_id)
                )
        return conversation_id


def _ref(message: Any, n: int, seen: Mapping[Any, int]) -> Any:
    if not isinstance(message, Mapping):
        raise InvalidImportError(f"message #{n + 1} is not an object")
    ref = message.get("id", n)
    if not isinstance(ref, (int, str)) or isinstance(ref, bool) or ref in seen:
        raise InvalidImportError(f"message #{n + 1} has a missing or repeated id {ref!r}")
    return ref


def _import_message(
    conn: sqlite3.Connection, conversation_id: int, message: Mapping[str, Any], n: int, new_ids: Mapping[Any, int],
    now: str,
) -> int:  # fmt: skip
    where = f"message #{n + 1}"
    parent = message.get("parent")
    if parent is not None and parent not in new_ids:
        raise InvalidImportError(f"{where} names parent {parent!r}, which is not listed before it")
    role = message.get("role")
    if role not in ROLES:
        raise InvalidImportError(f"{where} has role {role!r}")
    status = message.get("status", "complete")
    if status == "streaming":
        status = "interrupted"
    if status not in FINAL_STATUSES:
        raise InvalidImportError(f"{where} has status {status!r}")
    values = (
        conversation_id, None if parent is None else new_ids[parent], role, _text(message, "content") or "",
        _text(message, "reasoning") or "", status, _text(message, "error_kind"), _text(message, "error_message"),
        _text(message, "provider"), _text(message, "model"), _text(message, "requested_model"),
        _stamp(message, "created_at", now), _stamp(message, "updated_at", now),
    )  # fmt: skip
    message_id = conn.execute(
        "INSERT INTO messages (conversation_id, parent_id, role, content, reasoning, status, error_kind, "
        "error_message, provider, model, requested_model, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    ).lastrowid
    assert message_id is not None
    images = message.get("images") or []
    if not isinstance(images, list):
        raise InvalidImportError(f'{where} has "images" that is not a list')
    decoded = []
    for position, image in enumerate(images):
        try:
            name = image.get("name")
            decoded.append(NewImage(str(image["mime_type"]), base64.b64decode(image["data_base64"], validate=True),
                                    None if name is None else str(name)))  # fmt: skip
        except (TypeError, KeyError, AttributeError, binascii.Error) as e:
            raise InvalidImportError(f"{where} has an unreadable image #{position + 1}") from e
    if decoded:
        store_images(conn, message_id, decoded)
    import_documents_and_citations(conn, message_id, message, where)
    _import_steps(conn, message_id, message.get("tool_steps"), where)
    return message_id


def _import_steps(conn: sqlite3.Connection, message_id: int, steps: Any, where: str) -> None:
    if steps is None:
        return
    if not isinstance(steps, list):
        raise InvalidImportError(f'{where} has "tool_steps" that is not a list')
    numbers: set[int] = set()
    for n, step in enumerate(steps):
        number = step.get("step") if isinstance(step, Mapping) else None
        lists_ok = isinstance(step, Mapping) and all(
            isinstance(step.get(k) or [], list) and all(isinstance(v, Mapping) for v in step.get(k) or [])
            for k in ("calls", "results", "signed"))  # fmt: skip
        if not isinstance(number, int) or isinstance(number, bool) or number < 1 or number in numbers or not lists_ok:
            raise InvalidImportError(f"{where} has an unreadable tool step #{n + 1}")
        assert isinstance(step, Mapping)
        if not isinstance(step.get("text") or "", str):
            raise InvalidImportError(f"{where} has an unreadable tool step #{n + 1}")
        numbers.add(number)
        insert_step(conn, message_id, step)


def _text(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidImportError(f'"{key}" is not text')
    return value


def _stamp(data: Mapping[str, Any], key: str, default: str) -> str:
    value = data.get(key)
    if value is None:
        return default
    try:
        moment = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as e:
        raise InvalidImportError(f'"{key}" is not a date and time: {value!r}') from e
    return to_stamp(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))


def _settings(value: Any) -> str:
    if value is not None and not isinstance(value, Mapping):
        raise InvalidImportError('"settings" is not an object')
    return settings_json(value)
