"""The window's side of MCP tools: which tools the conversation shown offers (kept with it), a toolbox for each
turn, and the calls waiting for the user's say (asked inline in the transcript, answered there)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .i18n import say, translate

if TYPE_CHECKING:
    from app.core.mcp.approval import ApprovalRequest, Decision
    from app.core.mcp.service import Listing, McpService
    from app.core.mcp.tools import McpTool, SchemaCost
    from app.core.runtime import Runtime
    from app.core.tool_loop import Toolbox
    from app.providers import ToolSpec


@dataclass(eq=False)
class PendingApproval:
    """A call waiting for the user: answer it once (`decide`); a Stop cancels the wait instead."""

    request: ApprovalRequest
    future: asyncio.Future[Decision] = field(repr=False)

    def decide(self, decision: Decision) -> None:
        if not self.future.done():
            self.future.set_result(decision)


class ToolSession(QObject):
    """Tools for the chat panel. `choice` is the conversation shown's: None offers every enabled tool, [] none,
    else `SERVER` and `SERVER/TOOL` entries. A new conversation's choice is saved once it has an id."""

    approval_asked = Signal(object)  # a PendingApproval
    approval_ended = Signal(object)  # the same, answered or stopped
    listing_changed = Signal()  # the servers' tools were listed again (names, schemas, costs)
    choice_changed = Signal()  # the conversation shown offers other tools now
    problem = Signal(str)  # a server could not be reached (its tools are not offered), in plain words

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.choice: list[str] | None = None
        self.pending: list[PendingApproval] = []
        self._conversation: int | None = None
        self._unsaved = False  # chosen for a conversation that has no id yet
        self._listing_task: asyncio.Task[Listing] | None = None

    @property
    def mcp(self) -> McpService:
        return self.runtime.mcp

    @property
    def available(self) -> bool:
        """Some MCP server is enabled in the settings (without one, no tool is offered and the SDK never loads)."""
        return any(s.enabled for s in self.runtime.settings().mcp.servers)  # (not `mcp`: nothing loads for it)

    # -- the choice --------------------------------------------------------------------------------------
    def show(self, conversation_id: int | None, default: Sequence[str] | None = None) -> None:
        """The conversation shown changed: its saved choice, or `default` (a preset's tools) for one without."""
        self._conversation = conversation_id
        saved = self.runtime.library.tool_choice(conversation_id) if conversation_id is not None else None
        self.choice = saved if saved is not None else (list(default) if default else None)
        self._unsaved = conversation_id is None and saved is None and bool(default)
        self.choice_changed.emit()

    def set_choice(self, choice: Sequence[str] | None) -> None:
        """The user chose tools for the conversation shown (kept with it)."""
        self.choice = list(choice) if choice is not None else None
        if self._conversation is not None:
            self.runtime.library.save_tool_choice(self._conversation, self.choice)
            self._unsaved = False
        else:
            self._unsaved = True
        self.choice_changed.emit()

    def stored(self, conversation_id: int) -> None:
        """The conversation shown was saved for the first time: its choice is kept with it from now on."""
        if self._conversation is None:
            self._conversation = conversation_id
            if self._unsaved:
                self.runtime.library.save_tool_choice(conversation_id, self.choice)
                self._unsaved = False

    def offered(self) -> list[McpTool]:
        """The tools the conversation shown offers, as last listed."""
        from app.core.mcp.tools import select

        if not self.available or self.choice == []:
            return []
        return select(self.mcp.listing.tools, self.choice)

    def specs(self) -> tuple[ToolSpec, ...]:
        """What the next request declares (for its cost estimate)."""
        from app.providers import ToolSpec

        return tuple(ToolSpec(t.function_name, t.description, t.input_schema) for t in self.offered())

    def costs(self) -> dict[str, SchemaCost]:
        """Per enabled server, what the tools chosen add to every request (an estimate)."""
        from app.core.mcp.service import chosen_costs

        return chosen_costs(self.mcp.listing.tools, [] if self.choice == [] else self.choice)

    def unlisted(self) -> list[str]:
        """Enabled servers whose tools are not known yet (not started, or they failed)."""
        listed = {t.server for t in self.mcp.listing.tools}
        return [n for n in self.mcp.enabled_servers() if n not in listed]

    # -- listing and toolboxes --------------------------------------------------------------------------------
    async def refresh(self) -> Listing:
        """Start the enabled servers as needed and list their tools again (one listing at a time)."""
        if self._listing_task is None or self._listing_task.done():
            self._listing_task = asyncio.ensure_future(self.mcp.list_tools())
        listing = await asyncio.shield(self._listing_task)
        self.listing_changed.emit()
        return listing

    async def toolbox(self, choice: Sequence[str] | None) -> Toolbox | None:
        """The tools for a turn (None: no tools). Servers that cannot be reached are said; the others serve."""
        if not self.available or choice == []:
            return None
        toolbox, listing = await self.mcp.toolbox(choice, self.approver)
        self.listing_changed.emit()
        for server, why in listing.problems.items():
            said = translate("ToolSession", "MCP server {server}: {problem} Its tools are not offered.")
            self.problem.emit(said.format(server=server, problem=say(why)))
        return toolbox

    # -- approvals ------------------------------------------------------------------------------------------
    async def approver(self, request: ApprovalRequest) -> Decision:
        """Ask inline and wait for the answer; Stop (a cancel) ends the wait and takes the question away."""
        pending = PendingApproval(request, asyncio.get_running_loop().create_future())
        self.pending.append(pending)
        self.approval_asked.emit(pending)
        try:
            return await pending.future
        finally:
            if pending in self.pending:
                self.pending.remove(pending)
            self.approval_ended.emit(pending)

    def waiting(self, conversation_id: int | None) -> PendingApproval | None:
        """The first call of this conversation waiting for the user, if any."""
        return next((p for p in self.pending if p.request.conversation_id == conversation_id
                     and not p.future.done()), None)  # fmt: skip
