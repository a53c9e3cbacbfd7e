"""The SDK transport for a server config: stdio (behind the guard), Streamable HTTP, or the older SSE."""

from __future__ import annotations

import os
import ssl
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any, TextIO

import httpx2
from mcp.client.sse import sse_client
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared._httpx_utils import MCP_DEFAULT_SSE_READ_TIMEOUT, MCP_DEFAULT_TIMEOUT

from .config import ServerConfig

Streams = tuple[Any, Any]  # the SDK's (read stream, write stream) pair
StatusHook = Callable[[int, str], None]  # (HTTP status, WWW-Authenticate) of each error response
GUARD = Path(__file__).with_name("guard.py")


def guard_available() -> bool:
    """The guard needs a Python to run it: not in a frozen build (sys.executable is Parley) nor on Windows."""
    return os.name == "posix" and not getattr(sys, "frozen", False) and GUARD.is_file()


def stdio_parameters(config: ServerConfig, guard: bool) -> StdioServerParameters:
    command, args = config.command, list(config.args)
    if guard:
        command, args = sys.executable, ["-I", "-S", str(GUARD), str(os.getpid()), command, *args]
    return StdioServerParameters(command=command, args=args, env=dict(config.env) or None, cwd=config.cwd)


def http_client(
    headers: dict[str, str] | None = None,
    timeout: httpx2.Timeout | None = None,
    auth: httpx2.Auth | None = None,
    verify: ssl.SSLContext | bool = True,
    on_status: StatusHook | None = None,
) -> httpx2.AsyncClient:
    """The SDK's client settings (30 s, 300 s reads for held-open streams, no redirects) plus Parley's TLS; the
    status of error responses is reported (the SDK turns a 401 into "Server returned an error response")."""

    async def seen(response: httpx2.Response) -> None:
        if on_status is not None and response.status_code >= 400:
            on_status(response.status_code, response.headers.get("www-authenticate", ""))

    return httpx2.AsyncClient(
        headers=headers,
        timeout=timeout or httpx2.Timeout(MCP_DEFAULT_TIMEOUT, read=MCP_DEFAULT_SSE_READ_TIMEOUT),
        auth=auth,
        verify=verify,
        event_hooks={"response": [seen]},
    )


def open_transport(
    config: ServerConfig,
    errlog: TextIO,
    auth: httpx2.Auth | None = None,
    verify: ssl.SSLContext | bool = True,
    guard: bool = True,
    on_status: StatusHook | None = None,
    on_exit: Callable[[int], None] | None = None,
) -> AbstractAsyncContextManager[Streams]:
    if config.transport == "stdio":
        params = stdio_parameters(config, guard and guard_available())
        if os.name == "posix":
            from .stdio import stdio_transport

            return stdio_transport(params, errlog, on_exit)
        return stdio_client(params, errlog=errlog)  # Windows: the SDK's, with its Job Object
    if config.transport == "sse":

        def factory(
            headers: dict[str, str] | None = None,
            timeout: httpx2.Timeout | None = None,
            auth: httpx2.Auth | None = None,
        ) -> httpx2.AsyncClient:
            return http_client(headers, timeout, auth, verify, on_status)

        return sse_client(config.url, headers=dict(config.headers), auth=auth, httpx_client_factory=factory)
    return _streamable_http(config, auth, verify, on_status)


@asynccontextmanager
async def _streamable_http(
    config: ServerConfig, auth: httpx2.Auth | None, verify: ssl.SSLContext | bool, on_status: StatusHook | None
) -> AsyncIterator[Streams]:
    async with AsyncExitStack() as stack:
        client = http_client(dict(config.headers), auth=auth, verify=verify, on_status=on_status)
        client = await stack.enter_async_context(client)
        streams = await stack.enter_async_context(streamable_http_client(config.url, http_client=client))
        yield streams
