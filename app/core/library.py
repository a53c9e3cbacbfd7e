"""The saved conversations: list, search, rename, pin, delete, branches, setups, export and import.

The window's sidebar and chat panel and the command line's data commands all go through here; none of them
touches SQLite. Without a database every read is empty and every change a no-op (the app still runs)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.store import InvalidImportError, NotFoundError, StoreError, match_spans

from .chat_params import ChatParams, ConversationSetup, load_setup, save_setup

if TYPE_CHECKING:
    from app.providers.types import DocumentPart
    from app.store import Conversation, ConversationSummary, MessageRow, RequestRow, SearchHit, Store, ToolStepRow

    from .runtime import Runtime

CONVERSATIONS_SHOWN = 200  # a page of the sidebar: the next is read when the list is scrolled near its end


class Library:
    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    @property
    def _store(self) -> Store | None:
        return self._runtime.store

    @property
    def saving(self) -> bool:
        """Conversations are being saved (the database is open)."""
        return self._store is not None

    # -- conversations -------------------------------------------------------------------------------
    def conversations(self, limit: int | None = CONVERSATIONS_SHOWN, offset: int = 0) -> list[Conversation]:
        """Pinned first, then the most recently changed first; `limit` of them from the `offset`-th on."""
        return self._store.list_conversations(limit=limit, offset=offset) if self._store is not None else []

    def conversation(self, conversation_id: int) -> Conversation | None:
        """The conversation, or None when it is gone (or nothing is saved)."""
        if self._store is None:
            return None
        try:
            return self._store.conversation(conversation_id)
        except NotFoundError:
            return None

    def latest(self) -> int | None:
        """The most recently changed conversation (what `ask --continue` continues)."""
        latest = self.conversations(limit=1)
        return int(latest[0].id) if latest else None

    def summaries(self, limit: int | None = None) -> list[ConversationSummary]:
        """Every conversation, newest activity first (pins aside), with its message count and cost."""
        return self._store.conversation_summaries(limit=limit) if self._store is not None else []

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Messages matching `query`, best first: each with its conversation's title, a snippet centred on the
        match, and whether it is on the branch its conversation shows (`on_current_branch`)."""
        if self._store is None or not query.strip():
            return []
        hits = self._store.search(query, limit=limit)
        by_conversation: dict[int, list[int]] = {}
        for hit in hits:
            by_conversation.setdefault(hit.conversation_id, []).append(hit.message_id)
        shown: set[int] = set()
        for conversation_id, ids in by_conversation.items():
            shown |= self._store.on_branch(conversation_id, ids)
        return [replace(hit, on_current_branch=hit.message_id in shown) for hit in hits]

    @staticmethod
    def highlights(text: str, query: str) -> list[tuple[int, int]]:
        """Where a search for `query` matches inside `text` (a message opened from a hit): (start, end) offsets."""
        return match_spans(text, query)

    def rename(self, conversation_id: int, title: str) -> bool:
        if self._store is None or not title.strip():
            return False
        self._store.rename_conversation(conversation_id, title.strip())
        return True

    def pin(self, conversation_id: int, pinned: bool) -> bool:
        if self._store is None:
            return False
        self._store.pin_conversation(conversation_id, pinned)
        return True

    def delete(self, conversation_id: int) -> bool:
        """Delete a conversation; what it cost stays in the ledger."""
        if self._store is None:
            return False
        self._store.delete_conversation(conversation_id)
        return True

    # -- messages and branches -------------------------------------------------------------------------
    def branch(self, conversation_id: int) -> list[MessageRow]:
        """The branch on show, first message first."""
        return self._store.thread(conversation_id) if self._store is not None else []

    def branch_end(self, conversation_id: int, count: int = 2) -> list[MessageRow]:
        """The last `count` messages of the branch on show (its last prompt and answer), first message first;
        the rest of a long conversation is not read."""
        return self._store.thread(conversation_id, newest=count) if self._store is not None else []

    def message(self, message_id: int) -> MessageRow | None:
        if self._store is None:
            return None
        try:
            return self._store.message(message_id)
        except NotFoundError:
            return None

    def reasoning(self, message_id: int) -> str:
        found = self.message(message_id)
        return found.reasoning if found is not None else ""

    def delete_message(self, message_id: int) -> bool:
        """Delete a saved message and everything below it (its answers, later turns, their branches).
        The spend rows stay. False if it was already gone."""
        if self._store is None:
            return False
        try:
            self._store.delete_message(message_id)
        except NotFoundError:
            return False
        return True

    def switch_branch(self, conversation_id: int, message_id: int) -> None:
        """Show the branch through `message_id` (a sibling answer or prompt)."""
        if self._store is not None:
            self._store.set_current_leaf(conversation_id, message_id)

    def attempts(self, conversation_id: int) -> dict[int, RequestRow]:
        """The last ledger row of each answer in the conversation (for saved answers' footers)."""
        if self._store is None:
            return {}
        out: dict[int, RequestRow] = {}
        for row in self._store.logged_requests(conversation_id=conversation_id, limit=None):  # newest first
            if row.message_id is not None:
                out.setdefault(row.message_id, row)
        return out

    def total_usd(self, conversation_id: int | None) -> tuple[float, int] | None:
        """(what the conversation cost so far, how many attempts had no known price)."""
        if self._store is None or conversation_id is None:
            return None
        report = self._store.spend(conversation_id=conversation_id)
        return report.total_usd, report.unpriced_requests

    def answered_turns(self, conversation_id: int) -> int:
        """How many messages of the branch on show a new prompt would be sent after (asked on every switch
        while a comparison is open: counted without reading a single image or document)."""
        if self._store is None:
            return 0
        from .history import Conversations  # loads the adapters: not before the window's first paint

        return len(Conversations(self._store).history(conversation_id, payloads=False))

    # -- a conversation's own parameters ----------------------------------------------------------------
    def setup(self, conversation_id: int) -> ConversationSetup | None:
        """Its parameters and the provider and model it last asked; None when it cannot be read."""
        if self._store is None:
            return None
        try:
            return load_setup(self._store, conversation_id)
        except StoreError:
            return None

    def save_params(self, conversation_id: int, params: ChatParams) -> None:
        if self._store is not None:
            save_setup(self._store, conversation_id, params)

    # -- tools ---------------------------------------------------------------------------------------------
    def tool_steps(self, message_id: int) -> list[ToolStepRow]:
        """How an answer that used tools was reached: each model call's text, calls and results (else [])."""
        if self._store is None:
            return []
        return self._store.tool_steps([message_id]).get(message_id, [])

    def tool_steps_of(self, message_ids: Sequence[int]) -> dict[int, list[ToolStepRow]]:
        """The steps of each of these answers that used tools (one query for them all; the others are left out)."""
        if self._store is None or not message_ids:
            return {}
        return self._store.tool_steps(message_ids)

    def tool_choice(self, conversation_id: int) -> list[str] | None:
        """The MCP tools the conversation offers ("SERVER" or "SERVER/TOOL" entries); None: not chosen yet."""
        if self._store is None:
            return None
        try:
            chosen = self._store.conversation(conversation_id).settings.get("tools")
        except StoreError:
            return None
        return [t for t in chosen if isinstance(t, str)] if isinstance(chosen, list) else None

    def save_tool_choice(self, conversation_id: int, choice: Sequence[str] | None) -> None:
        if self._store is not None:
            settings = dict(self._store.conversation(conversation_id).settings)
            if choice is None:
                settings.pop("tools", None)
            else:
                settings["tools"] = list(choice)
            self._store.set_conversation_settings(conversation_id, settings)

    # -- export and import ------------------------------------------------------------------------------
    def export_json(self, conversation_id: int) -> dict[str, Any]:
        """The conversation as Parley's export document. Unknown id: NotFoundError."""
        return self._require().conversation_as_dict(conversation_id)

    def export_markdown(self, conversation_id: int) -> str:
        """The branch on show as Markdown: the title, then each turn under its speaker."""
        from .tool_history import steps_markdown  # loads the adapters' types: not before the window's first paint

        store = self._require()
        conv = store.conversation(conversation_id)
        lines = [f"# {conv.title or 'Conversation'}", ""]
        if conv.system_prompt:
            lines += ["> System: " + conv.system_prompt.replace("\n", "\n> "), ""]
        rows = store.thread(conversation_id)
        steps = store.tool_steps(r.id for r in rows if r.role == "assistant")
        for row in rows:
            model = f" ({row.model})" if row.model else ""
            who = "You" if row.role == "user" else f"{row.provider or 'Assistant'}{model}"
            note = "" if row.status == "complete" else f" _({row.status})_"
            body = steps_markdown(steps[row.id], row.content) if row.id in steps else row.content
            lines += [f"## {who}{note}", "", body, ""]
            if row.documents:
                lines += ["Attached: " + ", ".join(d.name for d in row.documents), ""]
            if row.citations:
                sources = [f"{n}. [{c.title or c.url}]({c.url})" for n, c in enumerate(row.citations, 1)]
                lines += ["Sources:", "", *sources, ""]
        return "\n".join(lines)

    def documents(self, message_id: int) -> list[DocumentPart]:
        """A saved message's documents, bytes and text included (to open or save one)."""
        from app.providers.types import DocumentPart  # late: the adapters' package loads httpx; the sidebar needs none

        if self._store is None:
            return []
        return [DocumentPart(d.name, d.mime_type, d.data, d.text, d.pages)
                for d in self._store.message_documents(message_id)]  # fmt: skip

    def import_documents(self, docs: Sequence[dict[str, Any]]) -> tuple[list[int], list[str]]:
        """Import Parley export documents: (new conversation ids, one line per document skipped and why)."""
        store = self._require()
        ids: list[int] = []
        skipped: list[str] = []
        for doc in docs:
            try:
                ids.append(store.import_conversation(doc))
            except InvalidImportError as exc:
                skipped.append(f"skipped {doc.get('title')!r}: {exc}")
        return ids, skipped

    def _require(self) -> Store:
        if self._store is None:
            raise StoreError(self._runtime.store_problem or "the database is not open", reason="unreadable")
        return self._store
