"""Crash safety and concurrency: a killed writer loses at most one checkpoint; the CLI and the window
write the same file at once without "database is locked"."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

from app.store import open_store
from tests.support.store_sql import count_rows, integrity
from tests.support.waiting import wait_until_sync

REPO = Path(__file__).parents[2]

STREAMER = """
import sys, time
from pathlib import Path
from app.store import open_store
store = open_store(Path(sys.argv[1]))
cid = store.create_conversation("crash")
mid = store.add_message(cid, "assistant", "", status="streaming", provider="openai", requested_model="gpt-4o")
print(cid, mid, flush=True)
n = 0
while True:
    n += 1
    store.checkpoint(mid, " ".join(f"word{k}" for k in range(n)))
    print(n, flush=True)
    time.sleep(0.2)
"""


def test_a_killed_streamer_leaves_its_last_checkpoint_interrupted_and_searchable(db_path: Path) -> None:
    proc = subprocess.Popen([sys.executable, "-c", STREAMER, str(db_path)], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert proc.stdout is not None
        cid, mid = (int(x) for x in proc.stdout.readline().split())
        watcher = sqlite3.connect(db_path)  # another connection, as the window or the CLI would be
        seen = ""

        def four_words_checkpointed() -> bool:
            nonlocal seen
            seen = watcher.execute("SELECT content FROM messages WHERE id = ?", (mid,)).fetchone()[0]
            return len(seen.split()) >= 4

        try:
            wait_until_sync(four_words_checkpointed, timeout=30, what="a checkpoint to become visible", interval=0.05)
        finally:
            watcher.close()
        proc.kill()  # SIGKILL: no cleanup of any kind runs
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    printed = [int(line) for line in out.split()]
    last_reported = printed[-1] if printed else len(seen.split())

    with open_store(db_path) as store:
        assert store.recovered_at_open == 1, err
        message = store.message(mid)
        assert message.status == "interrupted" and message.conversation_id == cid
        words = message.content.split()
        assert words == [f"word{k}" for k in range(len(words))]  # a whole checkpoint, never a torn one
        assert len(words) >= len(seen.split())
        assert len(words) in (last_reported, last_reported + 1)  # lost at most the last interval
        assert [h.message_id for h in store.search("word2")] == [mid]
        stale = [p.name for p in (db_path.parent / "parley.db-writers").iterdir()]
        assert stale == [store.writer_token + ".lock"]  # the dead writer's lock file was swept


WRITER = """
import sys
from pathlib import Path
from app.store import open_store
with open_store(Path(sys.argv[1])) as store:
    cid = store.create_conversation("cli " + sys.argv[2])
    for n in range(int(sys.argv[3])):
        store.log_request(provider="openai", requested_model="gpt-4o", cost_usd=0.001, source="cli",
                          conversation_id=cid)
        mid = store.add_message(cid, "user", f"cli message {n}")
        store.finish_message(mid, "complete", f"cli message {n} done")
"""


def test_processes_and_threads_write_one_file_at_once(db_path: Path) -> None:
    each = 80
    open_store(db_path).close()
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(n), str(each)], cwd=REPO,
                         stderr=subprocess.PIPE, text=True)
        for n in range(3)
    ]  # fmt: skip
    errors: list[BaseException] = []
    shared = open_store(db_path)

    def window(own_store: bool) -> None:
        try:
            store = open_store(db_path) if own_store else shared
            try:
                cid = store.create_conversation("window")
                for _ in range(each):
                    store.log_request(provider="anthropic", requested_model="claude", cost_usd=0.002)
                    mid = store.add_message(cid, "assistant", "", status="streaming")
                    store.checkpoint(mid, "partial")
                    store.finish_message(mid, "complete", "whole")
                    store.search("partial whole")
            finally:
                if own_store:
                    store.close()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=window, args=(own,)) for own in (True, True, False, False)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    stderr = [p.communicate(timeout=120)[1] for p in procs]
    shared.close()

    assert errors == []
    assert [p.returncode for p in procs] == [0, 0, 0], stderr
    with open_store(db_path) as store:
        # Several stores in one process beside other processes once corrupted the file (a raw open()
        # and close() of the database dropped SQLite's POSIX locks): check the file itself.
        assert integrity(store) == "ok"
        report = store.spend("provider")
        assert {r.key: r.requests for r in report.rows} == {"openai": 3 * each, "anthropic": 4 * each}
        assert count_rows(store, "messages", "status = 'complete'") == 7 * each
