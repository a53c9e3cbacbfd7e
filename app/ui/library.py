"""The saved conversations for the window: list, search, rename, pin, delete, branches and totals over the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .markdown_view import Entry
from .services import Services
from .wording import stored_footer

if TYPE_CHECKING:
    from app.store import Conversation, MessageRow, RequestRow, SearchHit, Store


class Library(QObject):
    """Store operations the sidebar and the chat panel ask for. Each is one small, quick transaction."""

    changed = Signal()  # the list of conversations changed: the sidebar refreshes

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services

    @property
    def store(self) -> Store | None:
        return self._services.store

    @property
    def problem(self) -> str:
        return self._services.store_problem

    async def open(self) -> None:
        """Open the database off the loop; without one the app still runs (nothing is saved)."""
        await self._services.open_store()
        self.changed.emit()

    def conversations(self) -> list[Conversation]:
        return self.store.list_conversations(limit=500) if self.store is not None else []

    def search(self, query: str) -> list[SearchHit]:
        if self.store is None or not query.strip():
            return []
        return self.store.search(query, limit=50)

    def rename(self, conversation_id: int, title: str) -> None:
        if self.store is not None and title.strip():
            self.store.rename_conversation(conversation_id, title.strip())
            self.changed.emit()

    def pin(self, conversation_id: int, pinned: bool) -> None:
        if self.store is not None:
            self.store.pin_conversation(conversation_id, pinned)
            self.changed.emit()

    def delete(self, conversation_id: int) -> None:
        if self.store is not None:
            self.store.delete_conversation(conversation_id)
            self.changed.emit()

    def delete_message(self, message_id: int) -> bool:
        """Delete a saved message and everything below it (its answers, later turns, their branches).
        The spend rows stay. False if it was already gone."""
        from app.store import NotFoundError

        if self.store is None:
            return False
        try:
            self.store.delete_message(message_id)
        except NotFoundError:
            return False
        self.changed.emit()
        return True

    def branch(self, conversation_id: int) -> list[MessageRow]:
        return self.store.thread(conversation_id) if self.store is not None else []

    def attempts(self, conversation_id: int) -> dict[int, RequestRow]:
        """The last ledger row of each answer in the conversation (for saved answers' footers)."""
        if self.store is None:
            return {}
        out: dict[int, RequestRow] = {}
        for row in self.store.logged_requests(conversation_id=conversation_id, limit=None):  # newest first
            if row.message_id is not None:
                out.setdefault(row.message_id, row)
        return out

    def reasoning(self, message_id: int) -> str:
        return self.store.message(message_id).reasoning if self.store is not None else ""

    def switch_branch(self, conversation_id: int, message_id: int) -> None:
        """Show the branch through `message_id` (a sibling answer or prompt)."""
        if self.store is not None:
            self.store.set_current_leaf(conversation_id, message_id)

    def total_usd(self, conversation_id: int | None) -> tuple[float, int] | None:
        """(what the conversation cost so far, how many attempts had no known price)."""
        if self.store is None or conversation_id is None:
            return None
        report = self.store.spend(conversation_id=conversation_id)
        return report.total_usd, report.unpriced_requests


def entries(rows: list[MessageRow], label: Callable[[str, str], str], skip: int | None = None,
            attempts: Mapping[int, RequestRow] | None = None) -> list[Entry]:  # fmt: skip
    """A branch as transcript entries; `skip` leaves out the reply still streaming (it is drawn live)."""
    attempts = attempts or {}
    out: list[Entry] = []
    for row in rows:
        if row.id == skip or row.role == "system":
            continue
        if row.role == "user":
            out.append(Entry("user", row.content, message_id=row.id))
            continue
        model = row.model or row.requested_model or "unknown model"
        footer = stored_footer(model, _status(row), attempts.get(row.id))
        error = (row.error_message or "The request failed.", "") if row.status == "error" and row.error_message \
            else None  # fmt: skip
        out.append(Entry("assistant", row.content, label(row.provider or "", row.requested_model or model),
                         row.reasoning, footer, error, row.id))  # fmt: skip
    return out


def _status(row: MessageRow) -> str:
    if row.status == "interrupted":
        return "stopped"
    if row.status == "error":
        return "interrupted" if row.content else "failed"
    if row.status == "streaming":
        return "still streaming"
    return ""
