"""One MCP server's connection: started on first use by a task that owns it, restarted on the next use after a
crash, its stderr in a log file, its tool list refreshed when the server says it changed.

The SDK's context managers (transport, session) are entered and left by one owner task per server, as anyio
requires; calls run in the caller's task, so the tool loop's Stop (task.cancel()) cancels a call, and the SDK
sends the server `notifications/cancelled`. Works on any asyncio loop, qasync's included.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import anyio
import httpx2
import mcp_types
from mcp import Client
from mcp.client.subscriptions import ListenNotSupportedError, SubscriptionLost
from mcp.shared.exceptions import MCPError
from mcp_types import CONNECTION_CLOSED, REQUEST_TIMEOUT
from pydantic import ValidationError

from .config import ServerConfig
from .errors import McpError
from .guard import EXIT_NOTE
from .transports import Streams, open_transport

State = Literal["stopped", "starting", "running", "crashed", "failed"]
EventKind = Literal["started", "crashed", "failed", "stopped", "tools_changed"]
AuthFactory = Callable[[ServerConfig], Awaitable[httpx2.Auth | None]]

BROKEN_GRACE = 2.0  # seconds of silence after a line that is not JSON-RPC before a waiting call gives up
LOG_LIMIT = 1_000_000  # bytes; a longer log is moved to NAME.log.1 when the server starts
MAX_TOOL_PAGES = 100  # a server whose tools/list never ends cannot hang us
CLIENT_INFO = mcp_types.Implementation(name="parley", version="0.1.0")


@dataclass(frozen=True)
class McpEvent:
    server: str
    kind: EventKind
    message: str = ""


class Connection:
    def __init__(
        self,
        config: ServerConfig,
        log_path: Path,
        on_event: Callable[[McpEvent], None],
        auth: AuthFactory | None = None,
        verify: Any = True,
        guard: bool = True,
    ) -> None:
        self.config = config
        self.log_path = log_path
        self.state: State = "stopped"
        self.last_error = ""
        self._on_event = on_event
        self._auth = auth
        self._verify = verify
        self._guard = guard
        self._task: asyncio.Task[None] | None = None
        self._client: Client | None = None
        self._stop = asyncio.Event()
        self._eof = asyncio.Event()
        self._broken = asyncio.Event()
        self._broken_timer: asyncio.TimerHandle | None = None
        self._bad_line = ""
        self._waiting = 0
        self._tools: list[mcp_types.Tool] = []
        self._lock = asyncio.Lock()
        self._log_start = 0
        self._refreshing: set[asyncio.Task[None]] = set()
        self._http_status = 0  # the last HTTP error status, which the SDK does not pass on
        self._exit_code: int | None = None  # the stdio server's, once it has exited
        self._sign_in: object = None  # the OAuth client of this run, if any (oauth.SignIn knows why it failed)

    # Public.

    @property
    def alive(self) -> bool:
        return self._client is not None and not self._eof.is_set() and self._task is not None and not self._task.done()

    async def tools(self) -> list[mcp_types.Tool]:
        await self.start()
        return list(self._tools)

    async def start(self) -> Client:
        """The running client; starts the server (again, after a crash) when needed."""
        async with self._lock:
            if self.alive and self._client is not None:
                return self._client
            await self._reap()
            self.state = "starting"
            ready: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            self._task = asyncio.ensure_future(self._run(ready))
            try:
                await self._wait(asyncio.shield(ready), self.config.start_timeout, "start")
            except BaseException as exc:
                await self._reap()
                self.state = "failed"
                if isinstance(exc, McpError):
                    self.last_error = exc.message
                    self._on_event(McpEvent(self.config.name, "failed", exc.message))
                raise
            assert self._client is not None
            self.state = "running"
            self._on_event(McpEvent(self.config.name, "started"))
            return self._client

    async def call(self, tool: str, arguments: dict[str, Any], seconds: float | None = None
                   ) -> mcp_types.CallToolResult:  # fmt: skip
        """Run a tool, waiting at most `seconds` (the server's tool timeout by default)."""
        client = await self.start()
        call = asyncio.ensure_future(client.call_tool(tool, arguments))
        try:
            result: mcp_types.CallToolResult = await self._wait(call, seconds or self.config.tool_timeout, "call", tool)
            return result
        except McpError as exc:
            if exc.kind in ("crashed", "protocol"):
                await self._reap()  # restarted on the next use
            raise

    async def close(self) -> None:
        """Stop the server (close stdin, then SIGTERM and SIGKILL to its process group) and wait for it."""
        async with self._lock:
            await self._reap()
            if self.state in ("running", "starting"):
                self.state = "stopped"

    # Waiting for the server, with every way it can fail turned into an McpError.

    async def _wait(self, work: asyncio.Future[Any], limit: float, what: str, tool: str = "") -> Any:
        name = self.config.name
        broken = asyncio.ensure_future(self._broken.wait())
        self._waiting += 1
        try:
            done, _ = await asyncio.wait({work, broken}, timeout=limit, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            await _cancel(work)
            raise
        finally:
            self._waiting -= 1
            broken.cancel()
        if work not in done:
            await _cancel(work)
            if broken in done:
                self._broken.clear()
                raise McpError(name, "protocol", f"MCP server {name!r} wrote something that is not JSON-RPC and "
                               f"then nothing more{self._bad_quote()}; see its log.", self.log_path)  # fmt: skip
            if what == "start":
                raise McpError(name, "start_failed", f"MCP server {name!r} did not answer within {limit:g} s of "
                               f"starting.{self._log_tail()}", self.log_path)  # fmt: skip
            raise McpError(name, "timeout", f"The tool {tool!r} on MCP server {name!r} did not answer within "
                           f"{limit:g} s; the server was asked to cancel it.", self.log_path)  # fmt: skip
        try:
            return work.result()
        except McpError:
            raise
        except MCPError as exc:
            raise await self._mcp_error(exc, what, tool) from None
        except (ValidationError, RuntimeError) as exc:
            raise McpError(name, "protocol", f"MCP server {name!r} sent a reply that does not follow the protocol "
                           f"({_first_line(exc)}).", self.log_path) from None  # fmt: skip
        except httpx2.HTTPError as exc:
            raise McpError(name, "network", f"MCP server {name!r} at {self.config.url} could not be reached "
                           f"({_first_line(exc) or type(exc).__name__}).", self.log_path) from None  # fmt: skip

    async def _mcp_error(self, exc: MCPError, what: str, tool: str) -> McpError:
        name = self.config.name
        if exc.code == CONNECTION_CLOSED:
            await self._wait_down()  # so that the guard's exit note is in the log
            if what == "start":
                return McpError(name, "start_failed", f"MCP server {name!r} stopped before it finished starting"
                                f"{self._exit_status()}.{self._log_tail()}", self.log_path)  # fmt: skip
            return McpError(name, "crashed", f"MCP server {name!r} stopped during the call to {tool!r}"
                            f"{self._exit_status()}; it starts again on the next use.", self.log_path)  # fmt: skip
        if exc.code == REQUEST_TIMEOUT:
            return McpError(name, "timeout", f"MCP server {name!r} did not answer in time.", self.log_path)
        return McpError(name, "server_error", f"MCP server {name!r} answered with an error: {exc.message} "
                        f"(code {exc.code}).", self.log_path)  # fmt: skip

    # The owner task.

    async def _run(self, ready: asyncio.Future[None]) -> None:
        self._stop, self._eof, self._broken = asyncio.Event(), asyncio.Event(), asyncio.Event()
        try:
            with self._open_log() as errlog:
                auth = await self._auth(self.config) if self._auth and self.config.transport != "stdio" else None
                self._sign_in = auth
                self._http_status = 0
                self._exit_code = None
                opened = open_transport(self.config, errlog, auth, self._verify, self._guard, self._saw_status,
                                        self._exited)  # fmt: skip
                transport = self._observed(opened)
                async with Client(transport, message_handler=self._on_message, logging_callback=self._on_log,
                                  cache=None, client_info=CLIENT_INFO) as client:  # fmt: skip
                    self._tools = await _list_tools(client)
                    self._client = client
                    ready.set_result(None)
                    await self._serve(client)
            if self._eof.is_set() and not self._stop.is_set():  # reported now the process is gone and logged
                self.state = "crashed"
                self.last_error = f"MCP server {self.config.name!r} stopped{self._exit_status()}; it will be " \
                                  "started again on the next use."  # fmt: skip
                self._on_event(McpEvent(self.config.name, "crashed", self.last_error))
        except asyncio.CancelledError:
            if not ready.done():
                ready.cancel()
            raise
        except BaseException as exc:  # handed to the waiting caller, or recorded
            if not ready.done():
                ready.set_exception(_as_start_error(self, exc))
            else:
                self.last_error = _first_line(exc)
        finally:
            self._client = None

    async def _serve(self, client: Client) -> None:
        """Until asked to stop or the server goes away; meanwhile listen for tool list changes (2026-07-28)."""
        async with anyio.create_task_group() as tg:
            if client.protocol_version >= "2026-07-28":
                tg.start_soon(self._listen, client)
            stop = asyncio.ensure_future(self._stop.wait())
            eof = asyncio.ensure_future(self._eof.wait())
            try:
                await asyncio.wait({stop, eof}, return_when=asyncio.FIRST_COMPLETED)
            finally:
                stop.cancel()
                eof.cancel()
            tg.cancel_scope.cancel()

    async def _listen(self, client: Client) -> None:
        try:
            async with client.listen(tools_list_changed=True) as subscription:
                async for _event in subscription:
                    await self._refresh(client)
        except (ListenNotSupportedError, SubscriptionLost, MCPError, TimeoutError) as exc:
            self._note(f"tool list changes will not be noticed ({_first_line(exc)})")

    async def _refresh(self, client: Client) -> None:
        try:
            self._tools = await _list_tools(client)
        except (MCPError, ValidationError, httpx2.HTTPError) as exc:
            self._note(f"could not fetch the changed tool list ({_first_line(exc)})")
            return
        self._on_event(McpEvent(self.config.name, "tools_changed"))

    async def _on_message(self, message: mcp_types.ServerNotification | Exception) -> None:
        if isinstance(message, mcp_types.ToolListChangedNotification) and self._client is not None:
            task = asyncio.ensure_future(self._refresh(self._client))
            self._refreshing.add(task)
            task.add_done_callback(self._refreshing.discard)

    async def _on_log(self, params: mcp_types.LoggingMessageNotificationParams) -> None:
        self._note(f"log {params.level}: {str(params.data)[:2000]}")

    async def _reap(self) -> None:
        """End the owner task (if any) and wait for it; the SDK stops the process within a few seconds."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stop.set()
        for task_ in list(self._refreshing):
            task_.cancel()
        if self._client is None:
            task.cancel()  # still starting (or stopped by Stop): nothing to wind down gently
        # asyncio.wait never raises the task's own outcome (its cancellation included), only ours.
        if not (await asyncio.wait({task}, timeout=10.0))[0]:
            task.cancel()  # a stuck shutdown
            await asyncio.wait({task}, timeout=5.0)
        if task.done() and not task.cancelled():
            task.exception()  # retrieved: recorded in last_error already

    async def _wait_down(self) -> None:
        task = self._task
        if task is not None and not task.done():
            await asyncio.wait({task}, timeout=5.0)

    # Watching the stream: the end of it (a crash) and lines that are not JSON-RPC.

    @asynccontextmanager
    async def _observed(self, transport: contextlib.AbstractAsyncContextManager[Streams]) -> AsyncIterator[Streams]:
        async with transport as (read, write):
            send, receive = anyio.create_memory_object_stream[Any](0)

            async def pump() -> None:
                async with send:
                    try:
                        async for item in read:
                            self._seen(item)
                            await send.send(item)
                    except (anyio.ClosedResourceError, anyio.BrokenResourceError, anyio.EndOfStream):
                        pass
                    finally:
                        self._eof.set()

            async with anyio.create_task_group() as tg:
                tg.start_soon(pump)
                try:
                    yield receive, write
                finally:
                    tg.cancel_scope.cancel()

    def _exited(self, code: int) -> None:
        self._exit_code = code

    def _saw_status(self, status: int, challenge: str) -> None:
        self._http_status = status
        self._note(f"HTTP {status}" + (f" ({challenge[:300]})" if challenge else ""))

    def _seen(self, item: object) -> None:
        if isinstance(item, Exception):
            self._bad_line = _first_line(item)[:200]
            self._note(f"not JSON-RPC from the server: {self._bad_line}")
            if self._broken_timer is None:
                self._broken_timer = asyncio.get_running_loop().call_later(BROKEN_GRACE, self._went_silent)
        elif self._broken_timer is not None:
            self._broken_timer.cancel()
            self._broken_timer = None

    def _went_silent(self) -> None:
        self._broken_timer = None
        if self._waiting:
            self._broken.set()

    # The log file.

    @contextlib.contextmanager
    def _open_log(self) -> Any:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            if self.log_path.stat().st_size > LOG_LIMIT:
                self.log_path.replace(self.log_path.with_name(self.log_path.name + ".1"))
        with open(self.log_path, "a", encoding="utf-8", errors="replace", buffering=1) as errlog:
            self._log_start = errlog.tell()
            errlog.write(f"[parley] {time.strftime('%Y-%m-%d %H:%M:%S')} starting {self._describe()}\n")
            yield errlog

    def _describe(self) -> str:
        c = self.config
        return f"{c.command} {' '.join(c.args)}".strip() if c.transport == "stdio" else f"{c.transport} {c.url}"

    def _note(self, text: str) -> None:
        with contextlib.suppress(OSError), open(self.log_path, "a", encoding="utf-8", errors="replace") as f:
            f.write(f"[parley] {text}\n")

    def _log_lines(self) -> list[str]:
        try:
            with open(self.log_path, "rb") as f:
                f.seek(self._log_start)
                data = f.read()[-4000:]
        except OSError:
            return []
        return data.decode("utf-8", "replace").splitlines()[1:]

    def _log_tail(self, lines: int = 5) -> str:
        tail = [ln for ln in self._log_lines() if ln.strip() and not ln.startswith(EXIT_NOTE)][-lines:]
        return (" Last lines of its log: " + " | ".join(t[:300] for t in tail)) if tail else ""

    def _exit_status(self) -> str:
        if self._exit_code is not None:  # a guarded server's status is the guard's; -N: ended by signal N
            code = self._exit_code
            return f" (exit status {code})" if code >= 0 else f" (ended by signal {-code})"
        for line in reversed(self._log_lines()):
            if line.startswith(EXIT_NOTE):
                return f" (exit status {line[len(EXIT_NOTE):].strip()})"
        return ""

    def _bad_quote(self) -> str:
        return f" ({self._bad_line})" if self._bad_line else ""


async def _list_tools(client: Client) -> list[mcp_types.Tool]:
    tools: list[mcp_types.Tool] = []
    cursor: str | None = None
    for _ in range(MAX_TOOL_PAGES):
        page = await client.list_tools(cursor=cursor)
        tools += page.tools
        cursor = page.next_cursor
        if not cursor:
            break
    return tools


async def _cancel(task: asyncio.Future[Any]) -> None:
    if task.done():
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task


def _as_start_error(conn: Connection, exc: BaseException) -> BaseException:
    name = conn.config.name
    if isinstance(exc, MCPError) and exc.code == CONNECTION_CLOSED:
        return McpError(name, "start_failed", f"MCP server {name!r} stopped before it finished starting"
                        f"{conn._exit_status()}.{conn._log_tail()}", conn.log_path)  # fmt: skip
    status = conn._http_status
    if isinstance(exc, httpx2.HTTPStatusError):
        status = exc.response.status_code
    if status in (401, 403):
        problem = getattr(conn._sign_in, "sign_in_problem", "")
        why = "sign in first (OAuth)" if not conn.config.oauth else (problem or "the sign-in did not work").rstrip(".")
        return McpError(name, "auth", f"MCP server {name!r} refused the connection (HTTP {status}): {why}, or give "
                        "it a valid token.", conn.log_path)  # fmt: skip
    if isinstance(exc, MCPError):
        http = f" (HTTP {status})" if status else ""
        return McpError(name, "start_failed", f"MCP server {name!r} refused to start a session: {exc.message}"
                        f"{http}.", conn.log_path)  # fmt: skip
    if isinstance(exc, OSError):
        return McpError(name, "start_failed", f"MCP server {name!r} could not be started: {exc.strerror or exc}"
                        f" ({conn.config.command}).", conn.log_path)  # fmt: skip
    if isinstance(exc, httpx2.HTTPError):
        return McpError(name, "start_failed", f"MCP server {name!r} at {conn.config.url} could not be reached "
                        f"({_first_line(exc) or type(exc).__name__}).", conn.log_path)  # fmt: skip
    if isinstance(exc, (ValidationError, RuntimeError)):
        return McpError(name, "protocol", f"MCP server {name!r} does not speak MCP as expected "
                        f"({_first_line(exc)}).", conn.log_path)  # fmt: skip
    inner = getattr(exc, "exceptions", None)  # an anyio task group's ExceptionGroup
    if isinstance(inner, tuple) and inner and isinstance(inner[0], BaseException):
        return _as_start_error(conn, inner[0])
    return exc  # our bug: reaches the crash handler with its traceback


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
