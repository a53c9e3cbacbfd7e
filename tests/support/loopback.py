"""A real HTTP/1.1 server on 127.0.0.1 that replays scripted replies and misbehaves on cue.

It runs its own asyncio loop in a thread (see threaded.py), so async tests, Qt tests and subprocesses can all use it.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .threaded import ThreadedServer


@dataclass(frozen=True)
class Pause:
    """Sleep before the next chunk."""

    seconds: float


@dataclass(frozen=True)
class Drop:
    """Close the connection at once, mid-body."""


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes | Pause | Drop] = field(default_factory=list)
    delay_headers: float = 0.0  # stall before the status line
    chunked: bool = True
    more: Iterable[bytes] = ()  # sent after `chunks`, produced lazily: a huge or endless body held in no list

    @classmethod
    def json(cls, data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Reply:
        return cls(status, {"content-type": "application/json", **(headers or {})}, [json.dumps(data).encode()],
                   chunked=False)  # fmt: skip

    @classmethod
    def sse(cls, events: list[Any], *, done: bool = True, pause: float = 0.0, status: int = 200) -> Reply:
        chunks: list[bytes | Pause | Drop] = []
        for ev in events:
            payload = ev if isinstance(ev, str) else json.dumps(ev)
            chunks.append(f"data: {payload}\n\n".encode())
            if pause:
                chunks.append(Pause(pause))
        if done:
            chunks.append(b"data: [DONE]\n\n")
        return cls(status, {"content-type": "text/event-stream"}, chunks)


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    raw_headers: list[tuple[str, str]] = field(default_factory=list)  # as sent: every line, case kept

    def json(self) -> Any:
        return json.loads(self.body)


Handler = Callable[[Recorded], Reply]


class LoopbackServer(ThreadedServer):
    def __init__(self) -> None:
        super().__init__()
        self.requests: list[Recorded] = []
        self._replies: list[Reply] = []
        self._by_model: dict[str, list[Reply]] = {}
        self.handler: Handler | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    async def _closing(self) -> None:
        for w in list(self._writers):
            w.close()
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def enqueue(self, *replies: Reply) -> None:
        self._replies.extend(replies)

    def enqueue_for(self, model: str, *replies: Reply) -> None:
        """Replies for requests naming `model` in their JSON body, whatever order concurrent requests arrive in."""
        self._by_model.setdefault(model, []).extend(replies)

    def _next_reply(self, req: Recorded) -> Reply:
        if self._by_model:
            try:
                model = req.json().get("model")
            except (ValueError, AttributeError):
                model = None
            if self._by_model.get(model):
                return self._by_model[model].pop(0)
        if self._replies:
            return self._replies.pop(0)
        if self.handler is not None:
            return self.handler(req)
        return Reply.json({"error": {"message": "no reply scripted"}}, status=500)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {}
            raw: list[tuple[str, str]] = []
            for line in lines[1:]:
                if ":" in line:
                    k, v = line.split(":", 1)
                    headers[k.strip().lower()] = v.strip()
                    raw.append((k.strip(), v.strip()))
            body = b""
            if "content-length" in headers:
                body = await reader.readexactly(int(headers["content-length"]))
            req = Recorded(method, path, headers, body, raw)
            self.requests.append(req)
            await self._respond(writer, self._next_reply(req))
        except (asyncio.IncompleteReadError, ConnectionError, asyncio.CancelledError):
            pass  # the client went away, or stop() ended a stalled reply: nothing to report
        finally:
            self._writers.discard(writer)
            if not writer.is_closing():
                writer.close()

    async def _respond(self, writer: asyncio.StreamWriter, reply: Reply) -> None:
        if reply.delay_headers:
            await asyncio.sleep(reply.delay_headers)
        reason = {200: "OK", 401: "Unauthorized", 429: "Too Many Requests", 500: "Internal Server Error"}
        lines = [f"HTTP/1.1 {reply.status} {reason.get(reply.status, 'Status')}"]
        headers = {"connection": "close", **{k.lower(): v for k, v in reply.headers.items()}}
        if reply.chunked:
            headers["transfer-encoding"] = "chunked"
        else:
            headers["content-length"] = str(sum(len(c) for c in reply.chunks if isinstance(c, bytes)))
        lines += [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        await writer.drain()
        for chunk in itertools.chain(reply.chunks, reply.more):
            if isinstance(chunk, Pause):
                await asyncio.sleep(chunk.seconds)
                continue
            if isinstance(chunk, Drop):
                writer.transport.abort()
                return
            if reply.chunked:
                if not chunk:
                    continue
                writer.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
            else:
                writer.write(chunk)
            await writer.drain()
        if reply.chunked:
            writer.write(b"0\r\n\r\n")
        await writer.drain()
