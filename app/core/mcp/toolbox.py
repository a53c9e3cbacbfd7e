"""MCP servers as a turn's `Toolbox`: the chosen tools offered under their function names, each call approved
through the policy (asking the user when needed) and run by the manager with its timeout and size cap."""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Sequence
from typing import Any

from app.core.tool_loop import ToolRef
from app.providers import ToolSpec

from .approval import ApprovalPolicy, ApprovalRequest, Approver
from .errors import McpError
from .manager import McpManager
from .results import ToolResult
from .tools import McpTool, SchemaCost, cost_by_server, select

log = logging.getLogger(__name__)


class McpToolbox:
    """The tools one turn (or one conversation) offers. Only these run: a name the model invents is unknown."""

    def __init__(self, manager: McpManager, tools: Sequence[McpTool], policy: ApprovalPolicy,
                 approver: Approver) -> None:  # fmt: skip
        self.manager, self.policy, self.approver = manager, policy, approver
        self.tools = [t for t in tools if t.enabled]
        self._by_name = {t.function_name: t for t in self.tools}

    @classmethod
    async def open(cls, manager: McpManager, policy: ApprovalPolicy, approver: Approver,
                   servers: Sequence[str] | None = None,
                   choice: Sequence[str] | None = None) -> tuple[McpToolbox, list[McpError]]:  # fmt: skip
        """Start the servers (all enabled ones, or `servers`) and offer their tools (all, or `choice`:
        `SERVER` and `SERVER/TOOL` entries); servers that could not be reached come back as errors."""
        await asyncio.to_thread(importlib.import_module, "app.core.mcp.connection")  # the SDK: ~1 s, off the loop
        tools, errors = await manager.tools(servers)
        return cls(manager, select(tools, choice), policy, approver), errors

    def specs(self) -> tuple[ToolSpec, ...]:
        return tuple(ToolSpec(t.function_name, t.description, t.input_schema) for t in self.tools)

    def find(self, function_name: str) -> ToolRef | None:
        tool = self._by_name.get(function_name)
        return ToolRef(tool.server, tool.name) if tool is not None else None

    def schema_costs(self) -> dict[str, SchemaCost]:
        """Per server, the tokens its offered tools' schemas add to every request (an estimate)."""
        return cost_by_server(self.tools)

    async def approve(self, ref: ToolRef, arguments: dict[str, Any], conversation_id: int | None) -> bool:
        request = ApprovalRequest(ref.server, ref.tool, arguments, conversation_id)
        try:
            return await self.policy.check(request, self.approver)
        except McpError:
            return False
        except Exception:  # an approver that fails must never let a call through
            log.exception("asking to run %s/%s failed; the call is declined", ref.server, ref.tool)
            return False

    async def call(self, ref: ToolRef, arguments: dict[str, Any]) -> ToolResult:
        return await self.manager.call_tool(ref.server, ref.tool, arguments)
