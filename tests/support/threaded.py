"""A TCP server on 127.0.0.1 with its own asyncio loop in a thread, so async tests, Qt tests and subprocesses
can all reach it. Subclasses answer connections (`_serve`) and close what they still hold (`_closing`)."""

from __future__ import annotations

import asyncio
import ssl
import threading
from typing import TypeVar

S = TypeVar("S", bound="ThreadedServer")
START_S = 10.0  # how long starting or stopping may take before the test fails


class ThreadedServer:
    scheme = "http"
    thread_name = "loopback-server"

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name=self.thread_name)
        self._server: asyncio.AbstractServer | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def start(self: S) -> S:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=START_S)
        return self

    async def _start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self._tls())
        self.port = self._server.sockets[0].getsockname()[1]

    def _tls(self) -> ssl.SSLContext | None:
        """The context to serve TLS with (None: plain HTTP)."""
        return None

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    async def _closing(self) -> None:
        """Close the connections and tasks still open; runs on the server's loop as it stops."""

    def stop(self) -> None:
        async def _stop() -> None:
            if self._server is not None:
                self._server.close()
            await self._closing()

        asyncio.run_coroutine_threadsafe(_stop(), self._loop).result(timeout=START_S)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=START_S)
        self._loop.close()
