"""A data folder Parley may not write to: the CLI still answers and the window still opens, and both say why
nothing is saved. Runs as root too (CI): see tests/support/readonly.py for how the folder is made read-only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.readonly import ReadOnlyHome, read_only_home

KEY = "test-key-not-real-readonly"
ANSWER = ["Still ", "answering."]
NOISE = "This plugin does not support propagateSizeHints"  # the offscreen platform's, not Parley's
WRITE_REFUSED = ("Read-only file system", "Permission denied")


@pytest.fixture
def home() -> Iterator[ReadOnlyHome]:
    with read_only_home() as h:
        yield h


def _env() -> dict[str, str]:
    return {**os.environ, "OPENAI_API_KEY": KEY, "PARLEY_KEYRING": "memory", "NO_PROXY": "127.0.0.1,localhost"}


def _ask_argv(loopback: LoopbackServer, prompt: str) -> list[str]:
    return [sys.executable, "-m", "app", "ask", "--base-url", loopback.url + "/v1", "--model", "m", prompt]


def _ask_writable(home: ReadOnlyHome, loopback: LoopbackServer) -> None:
    """An earlier, normal session: a database with one conversation, settings and a log."""
    loopback.enqueue(stream_reply(["Saved ", "earlier."]))
    proc = subprocess.run(_ask_argv(loopback, "before"), env={**_env(), "PARLEY_HOME": str(home.path)},
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    env = {**_env(), "PARLEY_HOME": str(home.path), "QT_QPA_PLATFORM": "offscreen", "PARLEY_EXIT_AFTER_SHOW": "1"}
    proc = subprocess.run([sys.executable, "-m", "app"], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (home.path / "data" / "parley.db").exists() and (home.path / "config" / "settings.json").exists()


def _cli_answers(home: ReadOnlyHome, loopback: LoopbackServer) -> subprocess.CompletedProcess[str]:
    before = home.snapshot()
    seen = len(loopback.requests)
    loopback.enqueue(stream_reply(ANSWER))
    proc = home.run(_ask_argv(loopback, "while read-only"), _env())
    where = f"(made read-only by {home.how})"
    assert proc.returncode == 0, f"{where}\n{proc.stderr}"
    assert proc.stdout == "Still answering.\n", where
    assert "Traceback" not in proc.stderr, f"{where}\n{proc.stderr}"
    assert "not saving this conversation" in proc.stderr, f"{where}\n{proc.stderr}"
    assert len(loopback.requests) == seen + 1
    assert home.snapshot() == before, f"{where}: a file changed"
    assert KEY not in proc.stdout + proc.stderr
    return proc


def test_cli_answers_over_an_empty_read_only_home(home: ReadOnlyHome, loopback: LoopbackServer) -> None:
    proc = _cli_answers(home, loopback)
    assert any(words in proc.stderr for words in WRITE_REFUSED), proc.stderr


def test_cli_answers_over_a_read_only_home_with_conversations(home: ReadOnlyHome, loopback: LoopbackServer) -> None:
    _ask_writable(home, loopback)
    _cli_answers(home, loopback)


def test_cli_does_not_call_a_read_only_database_damaged(home: ReadOnlyHome, loopback: LoopbackServer) -> None:
    _ask_writable(home, loopback)
    proc = _cli_answers(home, loopback)
    assert "damaged" not in proc.stderr and "Move it aside" not in proc.stderr, proc.stderr
    assert any(words in proc.stderr for words in ("read-only", "may not write", "write to")), proc.stderr


def _window(home: ReadOnlyHome) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    before = home.snapshot()
    env = {**_env(), "QT_QPA_PLATFORM": "offscreen", "PARLEY_EXIT_AFTER_SHOW": "1"}
    proc = home.run([sys.executable, "-m", "app"], env)
    where = f"(made read-only by {home.how})"
    assert proc.returncode == 0, f"{where}\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, f"{where}\n{proc.stderr}"
    assert "already open in another window" not in proc.stderr, f"{where}: no other window is open\n{proc.stderr}"
    report: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["painted"] is True and report["client_closed"] is True
    # Said to the user (status bar and sidebar) and, with no log file to write, on stderr or in the report.
    said = proc.stderr + str(report.get("store_problem", ""))
    assert "not being saved" in said, f"{where}\n{proc.stderr}\n{report}"
    assert home.snapshot() == before, f"{where}: a file changed"
    return proc, report


def test_window_opens_over_an_empty_read_only_home(home: ReadOnlyHome) -> None:
    _window(home)


def test_window_opens_over_a_read_only_home_with_conversations(home: ReadOnlyHome, loopback: LoopbackServer) -> None:
    _ask_writable(home, loopback)
    _window(home)

