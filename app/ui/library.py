"""The saved conversations as the window shows them: core's library, plus a signal when the list changes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .i18n import say, translate
from .incomplete import stored_marker
from .markdown_view import Entry
from .tool_blocks import from_steps
from .wording import stored_footer

if TYPE_CHECKING:
    from app.core.library import Library as CoreLibrary
    from app.core.runtime import Runtime
    from app.store import Conversation, MessageRow, RequestRow, SearchHit, ToolStepRow


class Library(QObject):
    """Core's `Library` for the sidebar and the chat panel; changes to the list emit `changed`."""

    changed = Signal()  # the list of conversations changed: the sidebar refreshes

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runtime = runtime

    @property
    def core(self) -> CoreLibrary:
        return self._runtime.library

    @property
    def saving(self) -> bool:
        """Conversations are being saved (the database is open)."""
        return self.core.saving

    @property
    def problem(self) -> str:
        problem = self._runtime.store_problem
        if not problem:
            return ""
        return translate("Library", "Conversations are not being saved: {problem}").format(problem=say(problem))

    async def open(self) -> None:
        """Open the database off the loop; without one the app still runs (nothing is saved)."""
        await self._runtime.open_store()
        self.changed.emit()

    def conversations(self, offset: int = 0) -> list[Conversation]:
        """A page of the list (pinned first, then the newest activity), from the `offset`-th conversation on."""
        return self.core.conversations(offset=offset)

    def search(self, query: str) -> list[SearchHit]:
        return self.core.search(query)

    def rename(self, conversation_id: int, title: str) -> None:
        if self.core.rename(conversation_id, title):
            self.changed.emit()

    def pin(self, conversation_id: int, pinned: bool) -> None:
        if self.core.pin(conversation_id, pinned):
            self.changed.emit()

    def delete(self, conversation_id: int) -> None:
        if self.core.delete(conversation_id):
            self.changed.emit()

    def delete_message(self, message_id: int) -> bool:
        """Delete a saved message and everything below it. The spend rows stay. False if it was already gone."""
        if not self.core.delete_message(message_id):
            return False
        self.changed.emit()
        return True

    def branch(self, conversation_id: int) -> list[MessageRow]:
        return self.core.branch(conversation_id)

    def branch_end(self, conversation_id: int) -> list[MessageRow]:
        return self.core.branch_end(conversation_id)

    def attempts(self, conversation_id: int) -> dict[int, RequestRow]:
        return self.core.attempts(conversation_id)

    def reasoning(self, message_id: int) -> str:
        return self.core.reasoning(message_id)

    def switch_branch(self, conversation_id: int, message_id: int) -> None:
        self.core.switch_branch(conversation_id, message_id)

    def total_usd(self, conversation_id: int | None) -> tuple[float, int] | None:
        return self.core.total_usd(conversation_id)

    def tool_steps(self, rows: Sequence[MessageRow]) -> dict[int, list[ToolStepRow]]:
        """The steps of the answers among `rows` that used tools (one query)."""
        return self.core.tool_steps_of([r.id for r in rows if r.role == "assistant"])


def entries(rows: list[MessageRow], label: Callable[[str, str], str], skip: int | None = None,
            attempts: Mapping[int, RequestRow] | None = None,
            tool_steps: Mapping[int, Sequence[ToolStepRow]] | None = None) -> list[Entry]:  # fmt: skip
    """A branch as transcript entries; `skip` leaves out the reply still streaming (it is drawn live). Answers
    that used tools show their calls (`tool_steps`)."""
    attempts = attempts or {}
    tool_steps = tool_steps or {}
    out: list[Entry] = []
    for row in rows:
        if row.id == skip or row.role == "system":
            continue
        if row.role == "user":
            out.append(Entry("user", row.content, message_id=row.id,
                             documents=tuple((d.name, d.pages) for d in row.documents)))  # fmt: skip
            continue
        model = row.model or row.requested_model or translate("Wording", "unknown model")
        footer = stored_footer(model, _status(row), attempts.get(row.id))
        failed = row.status == "error" and row.error_message
        error = (row.error_message or translate("ChatController", "The request failed."), "") if failed else None
        steps = tool_steps.get(row.id)
        tools = from_steps(steps, row.content) if steps else ()
        out.append(Entry("assistant", row.content, label(row.provider or "", row.requested_model or model),
                         row.reasoning, footer, error, row.id, tools=tools,
                         sources=tuple((c.url, c.title) for c in row.citations),
                         marker=stored_marker(row, attempts.get(row.id))))  # fmt: skip
    return out


def _status(row: MessageRow) -> str:
    if row.status == "interrupted":
        return translate("Wording", "stopped")
    if row.status == "error":
        return translate("Wording", "interrupted") if row.content else translate("Wording", "failed")
    if row.status == "streaming":
        return translate("Library", "still streaming")
    return ""
