"""The window's MCP servers: one manager over the enabled servers of the settings, their tools as last listed and
what each server's schemas cost, the approval policy ("always" remembered in settings), and a toolbox per turn.

Secrets are read from the keychain off the event loop, once per server until its settings change. Nothing here
imports the MCP SDK: `connection.py` is imported off the loop when a server is first used, so start-up is
unchanged for users without servers (tests/core/mcp/test_lazy_import.py, tests/ui/test_tools_startup.py).
"""

from __future__ import annotations

import asyncio
import importlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .approval import ApprovalPolicy, Approver
from .manager import McpManager, log_file
from .tools import McpTool, SchemaCost, cost_by_server, schema_cost, select

if TYPE_CHECKING:
    from app.core.runtime import Runtime

    from .config import ServerConfig
    from .connection import McpEvent
    from .settings import McpServerSettings, McpSettings
    from .toolbox import McpToolbox

log = logging.getLogger(__name__)


@dataclass
class Listing:
    """The tools of the servers asked for (each with its enabled flag), and why a server gave none."""

    tools: list[McpTool] = field(default_factory=list)
    problems: dict[str, str] = field(default_factory=dict)  # server -> what went wrong, in plain words

    def costs(self) -> dict[str, SchemaCost]:
        return cost_by_server(self.tools)


def chosen_costs(tools: Sequence[McpTool], choice: Sequence[str] | None) -> dict[str, SchemaCost]:
    """Per server, what the tools a conversation chose add to every request (an estimate)."""
    chosen = select(tools, choice)
    servers = dict.fromkeys(t.server for t in tools)
    return {s: schema_cost([t for t in chosen if t.server == s]) for s in servers}


class McpService:
    """One per window (`Runtime.mcp`). `listing` is the last one read, so menus open at once."""

    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime
        self._manager: McpManager | None = None
        self._resolved: dict[str, tuple[McpServerSettings, ServerConfig]] = {}  # by name: settings it came from
        self._secret_problems: dict[str, str] = {}
        self._lock: asyncio.Lock | None = None
        self.listing = Listing()
        self.policy = ApprovalPolicy(self.settings.always_allowed, on_always=self._remember)
        self.events: list[McpEvent] = []  # started, crashed, failed... (the latest few, for the settings page)

    @property
    def settings(self) -> McpSettings:
        return self._runtime.settings().mcp

    @property
    def configured(self) -> bool:
        """Some MCP server is in the settings (enabled or not)."""
        return bool(self.settings.servers)

    def enabled_servers(self) -> list[str]:
        return [s.name for s in self.settings.servers if s.enabled]

    def log_path(self, server: str) -> Path:
        return log_file(server)

    def status(self, server: str) -> tuple[str, str]:
        """(state, last error) without starting anything: stopped, starting, running, crashed, failed."""
        return self._manager.status(server) if self._manager is not None else ("stopped", "")

    # -- tools ---------------------------------------------------------------------------------------------
    async def list_tools(self, servers: Sequence[str] | None = None) -> Listing:
        """Start the enabled servers (or those of `servers` that are enabled) as needed and list their tools.
        A server that cannot start, or whose secret is missing, is named in `problems`; the others still list."""
        names = [n for n in (servers if servers is not None else self.enabled_servers()) if n in self.enabled_servers()]
        manager = await self._ensure()
        found = [n for n in names if n not in self._secret_problems]
        tools, errors = await manager.tools(found) if found else ([], [])
        problems = {n: self._secret_problems[n] for n in names if n in self._secret_problems}
        problems.update({e.server: e.message for e in errors})
        listing = Listing(tools, problems)
        if servers is None:
            self.listing = listing
        else:  # the other servers' tools as they were
            kept = [t for t in self.listing.tools if t.server not in names]
            old = {k: v for k, v in self.listing.problems.items() if k not in names}
            self.listing = Listing(kept + tools, old | problems)
        return listing

    async def toolbox(self, choice: Sequence[str] | None, approver: Approver) -> tuple[McpToolbox | None, Listing]:
        """The tools a turn offers (`choice`: `SERVER` and `SERVER/TOOL` entries; None: every enabled tool), asked
        through `approver` unless the policy allows them already. None when nothing is offered."""
        from .toolbox import McpToolbox

        servers = None if choice is None else list(dict.fromkeys(c.partition("/")[0] for c in choice))
        listing = await self.list_tools(servers)
        tools = select(listing.tools, choice)
        if not tools or self._manager is None:
            return None, listing
        return McpToolbox(self._manager, tools, self.policy, approver), listing

    async def probe(self, server: McpServerSettings) -> Listing:
        """A server as the settings window shows it (maybe not saved yet): started apart, listed, stopped."""
        from .secrets import MissingSecret, resolve

        try:
            config = await asyncio.to_thread(resolve, server, self.settings, self._runtime.keys)
        except MissingSecret as exc:
            return Listing([], {server.name: str(exc)})
        await asyncio.to_thread(importlib.import_module, "app.core.mcp.connection")  # the SDK, off the loop
        manager = self._new_manager([replace(config, enabled=True, disabled_tools=frozenset())])
        try:
            tools, errors = await manager.tools()
        finally:
            await manager.aclose()
        off = set(server.disabled_tools)
        return Listing([replace(t, enabled=t.name not in off) for t in tools], {e.server: e.message for e in errors})

    # -- settings ------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        """Some server may be running (the manager exists)."""
        return self._manager is not None

    async def settings_changed(self) -> None:
        """The settings were saved: servers whose settings changed restart on their next use, "always" entries
        the user forgot are forgotten, and the listing drops servers that are gone or turned off."""
        self.settings_saved()
        if self._manager is not None:
            await self._ensure()

    def settings_saved(self) -> None:
        """What `settings_changed` does without touching the servers."""
        for key in self.policy.always - set(self.settings.always_allowed):
            self.policy.revoke(key)
        enabled = set(self.enabled_servers())
        self.listing = Listing([t for t in self.listing.tools if t.server in enabled],
                               {k: v for k, v in self.listing.problems.items() if k in enabled})  # fmt: skip
        off = {s.name: set(s.disabled_tools) for s in self.settings.servers}
        self.listing.tools = [replace(t, enabled=t.name not in off.get(t.server, set())) for t in self.listing.tools]

    def _remember(self, key: str) -> None:
        """"Always allow this tool": kept in the settings, so it holds in the window and the CLI from now on."""
        from app.core.settings import SettingsError, save_settings

        settings = self._runtime.settings()
        if key not in settings.mcp.always_allowed:
            settings.mcp.always_allowed.append(key)
        try:
            save_settings(settings)
        except (SettingsError, OSError) as exc:
            log.warning("could not remember that %s may always run: %s", key, exc)

    # -- the manager ---------------------------------------------------------------------------------------
    async def _ensure(self) -> McpManager:
        """The manager, with every enabled server's settings resolved (secrets from the keychain, off the loop)."""
        if self._lock is None:
            self._lock = asyncio.Lock()
        async with self._lock:
            servers = [s for s in self.settings.servers if s.enabled]
            stale = [s for s in servers if s.name not in self._resolved or self._resolved[s.name][0] != s]
            if stale:
                resolved, problems = await asyncio.to_thread(self._resolve, stale)
                self._resolved.update(resolved)
                for s in stale:
                    self._secret_problems.pop(s.name, None)
                self._secret_problems.update(problems)
            names = {s.name for s in servers}
            self._resolved = {n: v for n, v in self._resolved.items() if n in names}
            configs = [c for _, c in self._resolved.values()]
            if self._manager is None:
                await asyncio.to_thread(importlib.import_module, "app.core.mcp.connection")  # the SDK: ~1 s
                self._manager = self._new_manager(configs)
            else:
                for name in self._manager.update(configs):
                    await self._manager.restart(name)
            return self._manager

    def _resolve(self, servers: Sequence[McpServerSettings]) -> tuple[dict[str, tuple[McpServerSettings, ServerConfig]],
                                                                    dict[str, str]]:  # fmt: skip
        """Blocking (the keychain)."""
        import copy

        from .secrets import MissingSecret, resolve

        out: dict[str, tuple[McpServerSettings, ServerConfig]] = {}
        problems: dict[str, str] = {}
        for server in servers:
            try:
                out[server.name] = (copy.deepcopy(server), resolve(server, self.settings, self._runtime.keys))
            except MissingSecret as exc:
                problems[server.name] = str(exc)
        return out, problems

    def _new_manager(self, configs: Sequence[ServerConfig]) -> McpManager:
        from app.core.tls import tls_context

        verify = tls_context(self._runtime.settings().ca_bundle)[0]
        return McpManager(configs, on_event=self._event, keys=self._runtime.keys, verify=verify)

    def _event(self, event: McpEvent) -> None:
        self.events = [*self.events[-49:], event]

    async def aclose(self) -> None:
        """Stop every server (the window is closing); safe to call twice."""
        manager, self._manager = self._manager, None
        if manager is not None:
            await manager.aclose()
