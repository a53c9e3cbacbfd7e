"""Real MCP servers for tests: the scripts in tests/data/mcp run over stdio, or served over loopback HTTP."""

from __future__ import annotations

import asyncio
import importlib.util
import sys
import threading
from pathlib import Path
from types import ModuleType
from typing import Any

from app.core.mcp.config import ServerConfig

DATA = Path(__file__).resolve().parent.parent / "data" / "mcp"


def stdio_server(name: str, script: str, *args: str, **options: Any) -> ServerConfig:
    """A server config that runs tests/data/mcp/SCRIPT with this Python."""
    return ServerConfig(name, command=sys.executable, args=(str(DATA / script), *args), **options)


def load_adder() -> ModuleType:
    """A fresh copy of tests/data/mcp/adder.py (its tool list is per copy)."""
    spec = importlib.util.spec_from_file_location("mcp_test_adder", DATA / "adder.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HttpMcpServer:
    """A Starlette app (an MCP server's streamable_http_app or sse_app) on 127.0.0.1, in a thread with uvicorn."""

    def __init__(self, app: Any, port: int = 0) -> None:
        import uvicorn

        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                                     lifespan="on", ws="none"))  # fmt: skip
        self._thread = threading.Thread(target=lambda: asyncio.run(self._server.serve()), daemon=True)
        self.port = 0

    def __enter__(self) -> HttpMcpServer:
        self._thread.start()
        for _ in range(500):
            if self._server.started:
                break
            self._thread.join(0.01)
        assert self._server.started, "the MCP test server did not start"
        self.port = self._server.servers[0].sockets[0].getsockname()[1]
        return self

    def url(self, path: str = "/mcp") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __exit__(self, *exc: object) -> None:
        self._server.should_exit = True
        self._thread.join(10)
