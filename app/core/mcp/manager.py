"""The MCP servers of a window or a command: tools under their function names, calls with a timeout and a size cap.

Nothing here imports the MCP SDK until a server is first used (`connection.py` does), so start-up is unchanged
for users without servers. One manager per app (or per CLI command); `aclose()` stops every server.
"""

from __future__ import annotations

import asyncio
import logging
import re
import ssl
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.core.keys import KeyStore
from app.core.paths import data_dir

from .config import ServerConfig
from .errors import McpError
from .names import NameMap, assign_names
from .results import ToolResult
from .tools import McpTool

if TYPE_CHECKING:
    from .connection import AuthFactory, Connection, McpEvent


def log_dir() -> Path:
    """Where each server's stderr log lives (the user data dir, so "Open log" survives a restart)."""
    return data_dir() / "mcp-logs"


def log_file(server: str) -> Path:
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", server).strip(".") or "server"
    return log_dir() / f"{safe}.log"


class McpManager:
    def __init__(
        self,
        servers: Iterable[ServerConfig],
        on_event: Callable[[McpEvent], None] | None = None,
        auth: AuthFactory | None = None,
        verify: ssl.SSLContext | bool = True,
        guard: bool = True,
        reserved_names: Iterable[str] = (),
        keys: KeyStore | None = None,
        open_url: Callable[[str], Awaitable[None]] | None = None,
        keep_tokens: bool = True,
    ) -> None:
        """`auth` replaces the OAuth sign-in (tests); otherwise a server with `oauth` signs in through the SDK's
        OAuth client, opening `open_url` (the browser) and keeping tokens in `keys` (not with keep_tokens off:
        a `--mcp-config` server). `guard` off starts stdio servers as the SDK does (see guard.py)."""
        self._configs = {s.name: s for s in servers}
        self._on_event = on_event
        self._auth = auth
        self._verify = verify
        self._guard = guard
        self._reserved = tuple(reserved_names)  # function names already taken (built-in tools)
        self._connections: dict[str, Connection] = {}
        self._names = NameMap({}, {})
        self._closed = False
        self._keys = keys
        self._open_url = open_url
        self._keep_tokens = keep_tokens

    @property
    def servers(self) -> list[ServerConfig]:
        return list(self._configs.values())

    def log_path(self, server: str) -> Path:
        return log_file(server)

    def status(self, server: str) -> tuple[str, str]:
        """(state, last error) without starting anything: stopped, starting, running, crashed, failed."""
        conn = self._connections.get(server)
        return (conn.state, conn.last_error) if conn is not None else ("stopped", "")

    async def tools(self, servers: Sequence[str] | None = None) -> tuple[list[McpTool], list[McpError]]:
        """Every tool of the enabled servers (started as needed, concurrently), with its enabled flag; and the
        servers that could not be reached, each as an McpError to show (the others' tools still come)."""
        names = [n for n in (servers if servers is not None else self._configs) if self._configs[n].enabled]
        results = await asyncio.gather(*(self._server_tools(n) for n in names), return_exceptions=True)
        found: list[tuple[str, Any]] = []
        errors: list[McpError] = []
        for name, result in zip(names, results, strict=True):
            if isinstance(result, McpError):
                errors.append(result)
            elif isinstance(result, BaseException):
                raise result
            else:
                found += [(name, t) for t in result]
        self._names = assign_names([(s, t.name) for s, t in found], self._reserved)
        return [self._tool(s, t) for s, t in found], errors

    def lookup(self, function_name: str) -> tuple[str, str] | None:
        """(server, tool) for a function name from the last `tools()` listing."""
        return self._names.lookup(function_name)

    async def call(self, function_name: str, arguments: dict[str, Any]) -> ToolResult:
        """Run a tool the model asked for (approval is the caller's job), with the server's timeout and cap.

        Raises McpError; a tool that ran and failed comes back as a ToolResult with is_error set."""
        target = self._names.lookup(function_name)
        if target is None:
            raise McpError("", "unknown_tool", f"There is no tool called {function_name!r}.")
        return await self.call_tool(*target, arguments)

    async def call_tool(self, server: str, tool: str, arguments: dict[str, Any]) -> ToolResult:
        config = self._configs.get(server)
        if config is None:
            raise McpError(server, "unknown_tool", f"There is no MCP server called {server!r}.")
        if not config.enabled:
            raise McpError(server, "disabled", f"MCP server {server!r} is turned off.")
        if tool in config.disabled_tools:
            raise McpError(server, "disabled", f"The tool {tool!r} of MCP server {server!r} is turned off.")
        from .results import from_sdk

        result = await self._connection(server).call(tool, arguments, config.tool_timeout)
        return from_sdk(result, config.result_cap)

    async def restart(self, server: str) -> None:
        """Stop a server; it starts again on its next use (after its settings changed, or from the window)."""
        conn = self._connections.pop(server, None)
        if conn is not None:
            await conn.close()

    def update(self, servers: Iterable[ServerConfig]) -> list[str]:
        """New settings: returns the servers whose connection must be restarted (config changed or removed)."""
        new = {s.name: s for s in servers}
        stale = [n for n, c in self._configs.items() if new.get(n) != c and n in self._connections]
        self._configs = new
        return stale

    async def aclose(self) -> None:
        """Stop every server and wait for them (each within a few seconds); safe to call twice."""
        self._closed = True
        conns, self._connections = list(self._connections.values()), {}
        await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)

    # Helpers.

    async def _server_tools(self, name: str) -> list[Any]:
        return await self._connection(name).tools()

    def _connection(self, name: str) -> Connection:
        if self._closed:
            raise McpError(name, "disabled", "MCP servers are shutting down.")
        conn = self._connections.get(name)
        if conn is None:
            from . import connection  # the MCP SDK is imported here, when a server is first used

            _quiet_sdk_logs()
            config = self._configs[name]
            auth = self._auth or (self._oauth() if config.oauth else None)
            conn = connection.Connection(config, log_file(name), self._emit, auth, self._verify, self._guard)
            self._connections[name] = conn
        return conn

    def _oauth(self) -> AuthFactory:
        from .oauth import oauth_factory, open_in_browser  # the SDK's OAuth client, for servers that sign in

        if self._auth is None:
            keys = self._keys or KeyStore()
            self._auth = oauth_factory(keys, self._open_url or open_in_browser, self._keep_tokens)
        return self._auth

    def _tool(self, server: str, tool: Any) -> McpTool:
        hints = tool.annotations
        return McpTool(
            server=server,
            name=tool.name,
            function_name=self._names.name(server, tool.name),
            description=tool.description or tool.title or "",
            input_schema=dict(tool.input_schema),
            enabled=tool.name not in self._configs[server].disabled_tools,
            title=tool.title,
            read_only=hints.read_only_hint if hints is not None else None,
        )

    def _emit(self, event: McpEvent) -> None:
        if self._on_event is not None:
            self._on_event(event)


def _quiet_sdk_logs() -> None:
    """The SDK logs a server's faults at ERROR; with no logging set up Python would print them on stderr (in the
    middle of a CLI answer). They are in the server's log and in our errors already."""
    logger = logging.getLogger("mcp")
    if not logger.handlers:
        logger.addHandler(logging.NullHandler())
