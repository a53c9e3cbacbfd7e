"""Every command piped into `head` (a real shell pipe) ends quietly: no traceback, no "Exception ignored"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import open_store
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

ROOT = Path(__file__).resolve().parent.parent


def piped(args: str, reader: str, tmp_path: Path) -> tuple[int, str, str]:
    """`python -m app ARGS | READER` in bash: (Parley's exit status, what the reader printed, Parley's stderr)."""
    err = tmp_path / "stderr.txt"
    script = f'"{sys.executable}" -m app {args} 2>"{err}" | {reader}; echo "status=${{PIPESTATUS[0]}}" >&2'
    env = {**os.environ, "OPENAI_API_KEY": "test-key-not-real"}
    proc = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    status = int(proc.stderr.strip().rsplit("status=", 1)[-1])
    return status, proc.stdout, err.read_text()


@pytest.fixture
def full_library(parley_home: Path) -> int:
    """Enough conversations and text that every listing overflows a pipe's buffer (64 KB): 1,500 short
    conversations, and a long one (returned) for export."""
    with open_store(parley_home / "data" / "parley.db") as store:
        for i in range(1500):
            cid = store.create_conversation(f"Conversation about needles number {i}")
            store.add_message(cid, "user", f"needle {i} " + "hay " * 20)
        long = store.create_conversation("A long one")
        for j in range(200):
            store.add_message(long, "user" if j % 2 == 0 else "assistant", f"needle {j} " + "hay " * 250)
    return long


@pytest.mark.parametrize(("command", "reader"), [("search needle --limit 2000", "head -1"), ("list", "head -1"),
                                                  ("list --json", "head -c 100"), ("export {cid}", "head -1"),
                                                  ("export {cid} --format json", "head -1")])  # fmt: skip
def test_data_commands_into_head(command: str, reader: str, full_library: int, tmp_path: Path) -> None:
    status, out, err = piped(command.format(cid=full_library), reader, tmp_path)
    assert len(out.splitlines()) == 1
    assert err == "", err
    # 141 (128 + SIGPIPE, as `yes | head -1` ends) when a write met the closed pipe. An export is one big
    # write, which the kernel may cut short without an error when the reader leaves mid-way: then 0.
    assert status == 141 or (status == 0 and command.startswith("export"))


def test_a_reader_that_reads_nothing(tmp_path: Path) -> None:
    """`true` exits before Parley writes: only the final flush meets the closed pipe."""
    status, _out, err = piped("keys list", "true", tmp_path)
    assert err == "" and status == 141


def test_a_streamed_answer_into_head_stops_the_request(loopback: LoopbackServer, tmp_path: Path) -> None:
    lines = [f"line {i}\n" for i in range(400)]
    loopback.enqueue(stream_reply(lines, pause=0.01))
    status, out, err = piped(f"ask --base-url {loopback.url}/v1 --model m 'count to 400'", "head -1", tmp_path)
    assert out == "line 0\n"
    assert err == "", err
    assert status == 141
    saved = subprocess.run([sys.executable, "-m", "app", "export", "1", "--format", "json"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    answer = next(m for m in json.loads(saved.stdout)["messages"] if m["role"] == "assistant")
    assert answer["status"] == "interrupted"  # stopped when the reader left: the rest was not paid for
    assert answer["content"].startswith("line 0\n") and len(answer["content"]) < len("".join(lines))
