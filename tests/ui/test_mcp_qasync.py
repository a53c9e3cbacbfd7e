"""The MCP client core on the app's own loop (qasync): stdio and HTTP servers, Stop, a crash, shutdown."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import qasync

from app.core.mcp.config import ServerConfig
from app.core.mcp.connection import McpEvent
from app.core.mcp.errors import McpError
from app.core.mcp.manager import McpManager
from tests.support.mcp_servers import HttpMcpServer, load_adder, stdio_server


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


async def test_mcp_on_the_qasync_loop(tmp_path: Path) -> None:
    assert isinstance(asyncio.get_running_loop(), qasync.QEventLoop)
    events: list[McpEvent] = []
    marker = tmp_path / "cancelled"
    adder = load_adder().mcp
    with HttpMcpServer(adder.streamable_http_app()) as http:
        manager = McpManager([stdio_server("adder", "adder.py"), ServerConfig("web", transport="http", url=http.url())],
                             on_event=events.append)  # fmt: skip
        try:
            tools, errors = await manager.tools()
            assert errors == [] and {"adder__add", "web__add"} <= {t.function_name for t in tools}
            assert (await manager.call("adder__add", {"a": 1, "b": 2})).text() == "3"
            assert (await manager.call("web__echo", {"text": "over HTTP"})).text() == "over HTTP"

            call = asyncio.ensure_future(manager.call("adder__sleep", {"seconds": 30, "marker": str(marker)}))
            await asyncio.sleep(0.5)
            call.cancel()  # the window's Stop
            with pytest.raises(asyncio.CancelledError):
                await call
            for _ in range(100):
                if marker.exists():
                    break
                await asyncio.sleep(0.02)
            assert marker.exists()

            pid = int((await manager.call("adder__pid", {})).text())
            with pytest.raises(McpError, match="exit status 3"):
                await manager.call("adder__crash", {})
            assert not _alive(pid)
            pid = int((await manager.call("adder__pid", {})).text())
            assert _alive(pid) and [e.kind for e in events if e.server == "adder"] == ["started", "crashed", "started"]
        finally:
            await manager.aclose()
    for _ in range(100):
        if not _alive(pid):
            break
        await asyncio.sleep(0.05)
    assert not _alive(pid), f"server {pid} outlived the manager"
