"""No server process outlives Parley: on shutdown, and when Parley itself is killed (the guard)."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.mcp.conftest import Managers
from tests.support.mcp_servers import stdio_server

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def alive(pid: int) -> bool:
    """Running (a zombie waiting for its parent to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def wait_gone(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.05)
    return [p for p in pids if alive(p)]


@pytest.fixture
def kill_later() -> Iterator[list[int]]:
    """Pids a test leaves running on purpose; SIGKILLed at the end so nothing leaks from the suite."""
    pids: list[int] = []
    yield pids
    for pid in pids:
        if alive(pid):
            os.kill(pid, signal.SIGKILL)


async def test_shutdown_ends_servers_and_what_they_started(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py"), stdio_server("stubborn", "raw_server.py", "stubborn"))
    await m.tools()
    pids = [int((await m.call("adder__pid", {})).text()), int((await m.call("adder__spawn_child", {})).text()),
            int((await m.call("stubborn__ping", {})).text().split()[1])]  # fmt: skip
    assert all(alive(p) for p in pids)
    await m.aclose()
    assert await asyncio.to_thread(wait_gone, pids, 5.0) == []


def _start_parent(guard: bool) -> tuple[subprocess.Popen[str], dict[str, int]]:
    parent = subprocess.Popen([sys.executable, "-m", "tests.support.mcp_parent", "1" if guard else "0"], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert parent.stdout is not None
    line = parent.stdout.readline()
    assert line, "the stand-in parent printed no pids"
    return parent, json.loads(line)


def _kill(parent: subprocess.Popen[str]) -> None:
    parent.kill()
    parent.wait()
    assert parent.stdout is not None
    parent.stdout.close()


def test_killed_parley_leaves_no_server_behind() -> None:
    parent, pids = _start_parent(guard=True)
    assert all(alive(p) for p in pids.values())
    _kill(parent)  # SIGKILL: no cleanup code runs in the parent
    # The guard ends the group at once (death signal); the stubborn server needs the SIGKILL after 2 s.
    assert wait_gone(list(pids.values()), 8.0) == []


def test_without_the_guard_only_well_behaved_servers_go(kill_later: list[int]) -> None:
    """Why the guard exists: closing stdin ends an SDK server, but not one that ignores it, nor its helpers."""
    parent, pids = _start_parent(guard=False)
    kill_later += pids.values()
    _kill(parent)
    assert wait_gone([pids["adder"]], 8.0) == []  # the SDK server saw the end of its stdin and left
    time.sleep(1.0)
    assert alive(pids["stubborn"]) and alive(pids["helper"])  # orphans without the guard
