"""Waiting for something to happen, by checking for it while the event loop runs on (never a guessed sleep)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

POLL_S = 0.01


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0, what: str = "condition",
                     interval: float = POLL_S) -> None:  # fmt: skip
    """Poll by awaiting, so the loop keeps serving sockets, timers and Qt events meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(interval)


def wait_until_sync(predicate: Callable[[], object], timeout: float = 10.0, what: str = "condition",
                    interval: float = POLL_S) -> None:  # fmt: skip
    """The same, for a test with no event loop (one watching another process)."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)
