"""A forward proxy on 127.0.0.1: tunnels CONNECT and forwards absolute-form requests, all to one loopback upstream.

Whatever host the client names (`api.provider.invalid:443`), the bytes go to the test's own server, so a
request that arrives at all proves it went through the proxy. Every request line is recorded.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from .threaded import ThreadedServer


class ForwardProxy(ThreadedServer):
    thread_name = "forward-proxy"

    def __init__(self, upstream_port: int) -> None:
        super().__init__()
        self.upstream_port = upstream_port
        self.seen: list[str] = []  # request lines as received: "CONNECT host:443 HTTP/1.1", "GET http://... HTTP/1.1"
        self.headers: list[dict[str, str]] = []
        self._tasks: set[asyncio.Task[Any]] = set()

    async def _closing(self) -> None:
        for t in list(self._tasks):
            t.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            self.seen.append(lines[0])
            pairs = (line.partition(":") for line in lines[1:] if line)
            self.headers.append({k.strip().lower(): v.strip() for k, _, v in pairs})
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream_port)
            if lines[0].startswith("CONNECT "):
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                await writer.drain()
            else:
                up_writer.write(head)  # absolute-form: the loopback server takes the path as it comes
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass
        finally:
            self._tasks.discard(task)
            writer.close()

    @staticmethod
    async def _pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
        try:
            while data := await src.read(65536):
                dst.write(data)
                await dst.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            with contextlib.suppress(Exception):
                dst.close()
