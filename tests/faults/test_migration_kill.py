"""SIGKILL in the middle of a migration: the next start opens the database whole, upgraded, data intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from app.store import open_store
from tests.data.store.make_fixtures import build_m001
from tests.support.store_sql import count_rows, integrity

ROOT = Path(__file__).resolve().parents[2]
EXTRA = 60_000  # enough rows that indexing them for search (m002) takes a while
OPENER = "import sys; from pathlib import Path; from app.store import open_store; open_store(Path(sys.argv[1])).close()"


def _old_database_with_many_messages(path: Path) -> int:
    build_m001(path)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO messages (conversation_id, parent_id, role, content, reasoning, status, created_at, "
            "updated_at, images_json) VALUES (2, NULL, 'user', ?, '', 'complete', '2024-03-02T10:00:00.000000Z', "
            "'2024-03-02T10:00:00.000000Z', '[]')",
            ((f"message {i} about the quokka number {i}",) for i in range(EXTRA)),
        )  # fmt: skip
        conn.execute("COMMIT")
        count: int = conn.execute("SELECT count(*) FROM messages").fetchone()[0]
        return count
    finally:
        conn.close()


def test_sigkill_during_migrations(tmp_path: Path) -> None:
    for n, delay in enumerate((0.3, 0.4, 0.5, 0.6)):  # start-up imports take ~0.3 s, migrating ~0.3 s more
        path = tmp_path / f"old{n}.db"
        expected = _old_database_with_many_messages(path)
        proc = subprocess.Popen([sys.executable, "-c", OPENER, str(path)], cwd=ROOT)
        time.sleep(delay)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        with open_store(path) as store:  # the next start: finishes what was cut off
            assert integrity(store) == "ok"
            assert count_rows(store, "messages") == expected
            assert len(store.search("quokka 59999")) >= 1
            assert store.search("东京")  # data from the old schema is there and indexed
