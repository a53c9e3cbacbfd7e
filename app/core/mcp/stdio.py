"""A stdio transport for POSIX with a linear line reader, a message size limit and the server's exit status.

The SDK's `stdio_client` joins its buffer with each new chunk and splits it again, which is quadratic in the
length of a line: a 10 MB tool result took 6 s of CPU on the event loop (the window's loop). This reader keeps
one buffer and searches only the new bytes, so 10 MB take a fraction of a second, and a message over
`MAX_MESSAGE` is dropped (reported as not JSON-RPC) instead of growing without bound. Shutdown is the spec's:
close stdin, wait, SIGTERM to the process group, wait, SIGKILL. Windows keeps the SDK's transport.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any, TextIO

import anyio
import anyio.abc
import mcp_types
from mcp.client.stdio import StdioServerParameters, get_default_environment
from mcp.shared.message import SessionMessage

MAX_MESSAGE = 64 * 1024 * 1024  # bytes in one JSON-RPC line; more is a fault, not a result to keep in memory
EXIT_WAIT = 2.0  # seconds for the server to leave after its stdin closes, and again after SIGTERM


class MessageTooLarge(ValueError):
    pass


@asynccontextmanager
async def stdio_transport(
    params: StdioServerParameters, errlog: TextIO, on_exit: Callable[[int], None] | None = None
) -> AsyncIterator[tuple[Any, Any]]:
    """(read stream, write stream) of SessionMessage, as the SDK's transports yield them."""
    process = await anyio.open_process(
        [params.command, *params.args],
        env=get_default_environment() | (params.env or {}),
        stderr=errlog,
        cwd=params.cwd,
        start_new_session=True,  # its own process group: ended as a whole, and the terminal's Ctrl+C is ours
    )
    read_send, read_receive = anyio.create_memory_object_stream[SessionMessage | Exception](0)
    write_send, write_receive = anyio.create_memory_object_stream[SessionMessage](0)

    async def reader() -> None:
        assert process.stdout is not None
        async with read_send:
            with contextlib.suppress(anyio.ClosedResourceError, anyio.BrokenResourceError, anyio.EndOfStream):
                async for item in read_lines(process.stdout):
                    await read_send.send(item)

    async def writer() -> None:
        assert process.stdin is not None
        try:
            async with write_receive:
                async for message in write_receive:
                    text = message.message.model_dump_json(by_alias=True, exclude_unset=True)
                    await process.stdin.send(text.encode("utf-8") + b"\n")
        except (anyio.ClosedResourceError, anyio.BrokenResourceError, OSError):
            await read_send.aclose()  # the server stopped reading: end the session rather than hang a request

    async with anyio.create_task_group() as tg:
        tg.start_soon(reader)
        tg.start_soon(writer)
        try:
            yield read_receive, write_send
        finally:
            with anyio.CancelScope(shield=True):
                write_send.close()
                read_receive.close()
                await _stop(process)
                if on_exit is not None and process.returncode is not None:
                    on_exit(process.returncode)
            tg.cancel_scope.cancel()


async def read_lines(stream: anyio.abc.ByteReceiveStream) -> AsyncIterator[SessionMessage | Exception]:
    """Each line parsed as a JSON-RPC message, or the reason it is not one (as the SDK's transports report it)."""
    buffer = bytearray()
    searched = 0  # bytes of `buffer` known to hold no newline
    skipping = False  # inside a line that went over MAX_MESSAGE: drop bytes up to its end
    async for chunk in stream:
        buffer += chunk
        while (end := buffer.find(b"\n", searched)) != -1:
            line = bytes(buffer[:end])
            del buffer[: end + 1]
            searched = 0
            if skipping:
                skipping = False
            elif line.strip():
                yield parse_line(line)
        searched = len(buffer)
        if len(buffer) > MAX_MESSAGE:
            if not skipping:
                yield MessageTooLarge(f"a message over {MAX_MESSAGE // (1024 * 1024)} MB was dropped")
            skipping = True
            buffer.clear()
            searched = 0
    if buffer.strip() and not skipping:
        yield parse_line(bytes(buffer))


def parse_line(line: bytes) -> SessionMessage | Exception:
    try:
        return SessionMessage(mcp_types.jsonrpc_message_adapter.validate_json(line, by_name=False))
    except ValueError as exc:  # pydantic's ValidationError is a ValueError
        return exc


async def _exited(process: anyio.abc.Process, seconds: float) -> bool:
    """Polls the exit status: `wait()` would also wait for the pipes, which a left-behind helper may hold."""
    for _ in range(int(seconds / 0.01)):
        if process.returncode is not None:
            return True
        await anyio.sleep(0.01)
    return process.returncode is not None


async def _stop(process: anyio.abc.Process) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
            await process.stdin.aclose()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if await _exited(process, EXIT_WAIT):
            break
        with contextlib.suppress(OSError):
            os.killpg(process.pid, sig)  # the group: the server and whatever it started
    await _exited(process, EXIT_WAIT)
    if process.stdout is not None:
        with contextlib.suppress(OSError, anyio.BrokenResourceError, anyio.ClosedResourceError):
            await process.stdout.aclose()
