"""Streamable HTTP and the older SSE transport against the SDK's own servers on loopback."""

from __future__ import annotations

import socket

import pytest

from app.core.mcp.config import ServerConfig
from app.core.mcp.errors import McpError
from app.core.mcp.results import TextPart
from tests.core.mcp.conftest import Managers
from tests.support.mcp_servers import HttpMcpServer, load_adder


async def test_streamable_http_with_headers(managers: Managers) -> None:
    adder = load_adder().mcp
    with HttpMcpServer(adder.streamable_http_app()) as server:
        m = managers(ServerConfig("remote", transport="http", url=server.url(),
                                  headers={"X-Team": "blue", "Authorization": "Bearer test-key-not-real"}))  # fmt: skip
        tools, errors = await m.tools()
        assert errors == [] and "remote__add" in {t.function_name for t in tools}
        assert (await m.call("remote__add", {"a": 20, "b": 22})).parts == (TextPart("42"),)
        assert (await m.call("remote__header", {"name": "x-team"})).text() == "blue"
        assert (await m.call("remote__header", {"name": "authorization"})).text() == "Bearer test-key-not-real"
        await m.aclose()


async def test_sse_only_server(managers: Managers) -> None:
    adder = load_adder().mcp
    with HttpMcpServer(adder.sse_app()) as server:
        m = managers(ServerConfig("old", transport="sse", url=server.url("/sse"), headers={"X-Team": "red"}))
        tools, errors = await m.tools()
        assert errors == [] and "old__echo" in {t.function_name for t in tools}
        assert (await m.call("old__echo", {"text": "över SSE"})).text() == "över SSE"
        assert (await m.call("old__header", {"name": "x-team"})).text() == "red"
        await m.aclose()


async def test_http_ten_megabytes_are_cut(managers: Managers) -> None:
    adder = load_adder().mcp
    with HttpMcpServer(adder.streamable_http_app()) as server:
        m = managers(ServerConfig("remote", transport="http", url=server.url(), result_cap=1000))
        await m.tools()
        result = await m.call("remote__big", {"size": 10_000_000})
        assert result.text().endswith("[cut: 1000 of 10000000 bytes]")
        await m.aclose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_nothing_listening(managers: Managers) -> None:
    m = managers(ServerConfig("down", transport="http", url=f"http://127.0.0.1:{_free_port()}/mcp"))
    _, [error] = await m.tools()
    assert error.kind == "start_failed" and "could not be reached" in error.message


async def test_a_server_that_wants_a_sign_in(managers: Managers) -> None:
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def refuse(request: object) -> JSONResponse:
        return JSONResponse({"error": "invalid_token"}, status_code=401)

    app = Starlette(routes=[Route("/mcp", refuse, methods=["GET", "POST", "DELETE"])])
    with HttpMcpServer(app) as server:
        m = managers(ServerConfig("locked", transport="http", url=server.url()))
        _, [error] = await m.tools()
        assert error.kind == "auth" and "HTTP 401" in error.message
        with pytest.raises(McpError):
            await m.call_tool("locked", "add", {})
