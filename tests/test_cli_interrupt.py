"""Ctrl+C during `ask` (a real SIGINT to a real process): the partial answer is kept, printed and saved, the
exit status is 130, and `ask --continue` sends the partial answer as the assistant turn."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import chunk, stream_reply

ROOT = Path(__file__).resolve().parent.parent
KEY = "test-key-not-real"


def _env() -> dict[str, str]:
    """Read at call time: the autouse fixture has pointed PARLEY_HOME at this test's own directory by then."""
    return {**os.environ, "OPENAI_API_KEY": KEY}


def _slow_story() -> Reply:
    """Two pieces of an answer, then nothing for a minute (as a slow model thinking)."""
    reply = Reply.sse([chunk("Once upon "), chunk("a time")], done=False)
    reply.chunks.insert(1, Pause(0.2))
    reply.chunks.append(Pause(60))
    return reply


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "app", "ask", *args], cwd=ROOT, env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip


def _saved_text(db: Path, status: str) -> str | None:
    """The newest assistant message with `status`, read as another process would (read-only, no migrations)."""
    if not db.exists():
        return None
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)) as conn:
        try:
            row = conn.execute("SELECT content FROM messages WHERE role = 'assistant' AND status = ? "
                               "ORDER BY id DESC", (status,)).fetchone()  # fmt: skip
        except sqlite3.OperationalError:  # the database is still being created
            return None
    return None if row is None else str(row[0])


def _interrupt(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    return proc.returncode, out, err


def test_ctrl_c_keeps_the_partial_answer_and_continue_sends_it(loopback: LoopbackServer, parley_home: Path) -> None:
    loopback.enqueue(_slow_story())
    proc = _start("--base-url", loopback.url + "/v1", "--model", "m", "--json", "Tell me a story")
    db = parley_home / "data" / "parley.db"
    deadline = time.monotonic() + 20
    while _saved_text(db, "streaming") != "Once upon a time":  # the checkpoint: the process holds the text
        assert time.monotonic() < deadline, "the partial answer never arrived"
        assert proc.poll() is None, proc.communicate()
        time.sleep(0.05)
    code, out, err = _interrupt(proc)
    assert code == 130, err
    assert "Traceback" not in err
    line: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    assert line["text"] == "Once upon a time"
    assert line["error"]["kind"] == "cancelled" and line["error"]["category"] == "cancelled"
    assert line["finish_reason"] == "cancelled" and line["conversation_id"] is not None
    assert _saved_text(db, "interrupted") == "Once upon a time"

    loopback.enqueue(stream_reply(["and they lived."]))
    follow = subprocess.run([sys.executable, "-m", "app", "ask", "--continue", "--base-url", loopback.url + "/v1",
                             "--model", "m", "--json", "Go on"], cwd=ROOT, env=_env(), capture_output=True, text=True,
                            timeout=60)  # fmt: skip
    assert follow.returncode == 0, follow.stderr
    assert loopback.requests[1].json()["messages"] == [
        {"role": "user", "content": "Tell me a story"},
        {"role": "assistant", "content": "Once upon a time"},
        {"role": "user", "content": "Go on"},
    ]
    assert json.loads(follow.stdout.strip().splitlines()[-1])["conversation_id"] == line["conversation_id"]


def test_ctrl_c_without_json_prints_what_came_and_says_stopped(loopback: LoopbackServer) -> None:
    loopback.enqueue(_slow_story())
    proc = _start("--base-url", loopback.url + "/v1", "--model", "m", "Tell me a story")
    assert proc.stdout is not None
    seen = ""
    while not seen.endswith("a time"):
        piece = proc.stdout.read(1)
        assert piece, "the answer never arrived"
        seen += piece
    code, out, err = _interrupt(proc)
    assert code == 130
    assert (seen + out).strip() == "Once upon a time"
    assert "stopped" in err and "Traceback" not in err and "error" not in err


def test_ctrl_c_before_any_answer_still_prints_the_json_line(loopback: LoopbackServer) -> None:
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [], delay_headers=60))
    proc = _start("--base-url", loopback.url + "/v1", "--model", "m", "--no-log", "--json", "hello")
    deadline = time.monotonic() + 20
    while not loopback.requests:
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    code, out, err = _interrupt(proc)
    assert code == 130 and "Traceback" not in err
    line = json.loads(out.strip().splitlines()[-1])
    assert line["text"] == "" and line["error"]["kind"] == "cancelled"
