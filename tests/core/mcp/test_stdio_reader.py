"""The stdio line reader: messages split anywhere across chunks, junk lines, an oversized message, linear time."""

from __future__ import annotations

import json
import time

import anyio
import pytest
from mcp.shared.message import SessionMessage

from app.core.mcp import stdio
from app.core.mcp.stdio import MessageTooLarge, read_lines


class Chunks(anyio.abc.ByteReceiveStream):
    """A byte stream that hands out the given chunks, then ends."""

    def __init__(self, chunks: list[bytes]) -> None:
        self._chunks = list(chunks)

    async def receive(self, max_bytes: int = 65536) -> bytes:
        if not self._chunks:
            raise anyio.EndOfStream
        return self._chunks.pop(0)

    async def aclose(self) -> None:
        self._chunks.clear()


def _msg(i: int, text: str = "ok") -> bytes:
    return json.dumps({"jsonrpc": "2.0", "id": i, "result": {"content": [{"type": "text", "text": text}]}}).encode()


async def _all(chunks: list[bytes]) -> list[SessionMessage | Exception]:
    return [item async for item in read_lines(Chunks(chunks))]


async def test_split_anywhere_and_junk_in_between() -> None:
    data = _msg(1) + b"\n\nnot json\n" + _msg(2) + b"\n" + _msg(3)  # the last line has no newline
    for size in (1, 3, 7, 1000):
        items = await _all([data[i : i + size] for i in range(0, len(data), size)])
        assert [type(i) is SessionMessage for i in items] == [True, False, True, True]
        assert [i.message.id for i in items if isinstance(i, SessionMessage)] == [1, 2, 3]  # type: ignore[union-attr]


async def test_an_oversized_message_is_dropped_and_the_next_one_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stdio, "MAX_MESSAGE", 1000)
    huge = _msg(1, "x" * 5000)
    items = await _all([huge[i : i + 300] for i in range(0, len(huge), 300)] + [b"\n" + _msg(2) + b"\n"])
    assert isinstance(items[0], MessageTooLarge) and len(items) == 2
    assert isinstance(items[1], SessionMessage) and items[1].message.id == 2  # type: ignore[union-attr]


async def _seconds(size: int) -> float:
    data = _msg(1, "y" * size) + b"\n"
    best = float("inf")
    for _ in range(3):  # the best of three: another process on the machine only ever adds time
        chunks = [data[i : i + 32768] for i in range(0, len(data), 32768)]
        started = time.perf_counter()
        (item,) = await _all(chunks)
        best = min(best, time.perf_counter() - started)
        assert isinstance(item, SessionMessage)
    return best


async def test_reading_grows_linearly_with_the_message() -> None:
    """Ten times the bytes, about ten times the time; the SDK's join-and-split reader took ~100 times (10 MB: 6 s)."""
    small, large = await _seconds(1_000_000), await _seconds(10_000_000)
    assert large < 30 * small + 0.05, (small, large)
