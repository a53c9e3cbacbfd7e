"""Opening the database: pragmas, migrations from blank and from every older schema, and files we refuse."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.store import MIGRATIONS, Store, StoreError, open_store
from app.store.db import BUSY_TIMEOUT_MS
from app.store.migrations import NewerSchema, apply_migrations
from app.store.textindex import index_text_v1
from tests.support.store_sql import pragma, run_sql

FIXTURES = Path(__file__).parents[1] / "data" / "store"
REPO = Path(__file__).parents[2]
ALL_NAMES = [fn.__name__ for fn in MIGRATIONS]


def schema_of(path: Path) -> dict[str, object]:
    """Tables with their columns, indexes and triggers: what a fresh and an upgraded file must share."""
    conn = sqlite3.connect(path)
    try:
        objects = conn.execute(
            "SELECT type, name, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        columns = {
            name: [tuple(c)[1:] for c in conn.execute(f"PRAGMA table_info('{name}')")]
            for kind, name, _ in objects
            if kind == "table"
        }
        fks = {
            name: sorted(tuple(f)[2:] for f in conn.execute(f"PRAGMA foreign_key_list('{name}')"))
            for kind, name, _ in objects
            if kind == "table"
        }
        return {"objects": objects, "columns": columns, "foreign_keys": fks}
    finally:
        conn.close()


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), path.stat().st_mtime_ns


def test_blank_database_gets_every_migration_in_order_and_the_pragmas(db_path: Path) -> None:
    with open_store(db_path) as store:
        assert store.upgraded_with == tuple(ALL_NAMES)
        assert store.applied_migrations() == ALL_NAMES
        assert pragma(store, "journal_mode") == "wal"
        assert pragma(store, "foreign_keys") == 1
        assert pragma(store, "busy_timeout") == BUSY_TIMEOUT_MS
        assert pragma(store, "synchronous") == 1  # NORMAL
        stamps = [r[0] for r in run_sql(store, "SELECT applied_at FROM _migrations ORDER BY rowid")]
        assert stamps == sorted(stamps) and all(s.endswith("Z") for s in stamps)
    assert db_path.parent.is_dir()


def test_reopening_applies_nothing_and_keeps_data(db_path: Path) -> None:
    with open_store(db_path) as store:
        conversation = store.create_conversation("kept")
    with open_store(db_path) as store:
        assert store.upgraded_with == ()
        assert store.conversation(conversation).title == "kept"
        assert store.applied_migrations() == ALL_NAMES


@pytest.mark.parametrize("stop_after", ALL_NAMES[:-1])
def test_every_older_schema_upgrades_to_the_fresh_schema(tmp_path: Path, stop_after: str) -> None:
    fresh, old = tmp_path / "fresh.db", tmp_path / "old.db"
    open_store(fresh).close()
    conn = sqlite3.connect(old, isolation_level=None)
    conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
    apply_migrations(Database(conn, execute_plugins=False), stop_after=stop_after)
    stamp = "2024-01-01T00:00:00.000000Z"
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('old', ?, ?)", (stamp, stamp))
    conn.close()

    with open_store(old) as store:
        done = ALL_NAMES.index(stop_after) + 1
        assert store.upgraded_with == tuple(ALL_NAMES[done:])
        assert [c.title for c in store.list_conversations()] == ["old"]
    assert schema_of(old) == schema_of(fresh)


def test_the_committed_m001_database_upgrades_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    shutil.copy(FIXTURES / "m001.db", path)
    with open_store(path) as store:
        assert store.upgraded_with == tuple(ALL_NAMES[1:])
        assert store.recovered_at_open == 1  # the reply a crash left streaming
        tokyo = store.conversation(1)
        assert (tokyo.title, tokyo.pinned, tokyo.system_prompt) == ("Trip to Tokyo", True, "Be brief.")
        assert tokyo.settings == {"model": "gpt-4o", "provider": "openai"}
        thread = store.thread(1)
        assert [m.id for m in thread] == [1, 3, 4, 5]
        assert thread[1].sibling_ids == (2, 3)
        assert thread[-1].status == "interrupted" and thread[-1].content == "It says the lift is out of ord"
        assert store.attachments(4)[0].data == b"\x89PNG\r\n\x1a\n"
        # m002 indexed the old messages, Chinese and Japanese included.
        assert [h.message_id for h in store.search("东京")] == [1]
        assert [h.message_id for h in store.search("タワー")] == [3]
        report = store.spend("provider")
        assert report.requests == 4 and report.unpriced_requests == 1
        assert report.total_usd == pytest.approx(0.00055)
        # New features work on old data.
        new = store.add_message(1, "assistant", "regenerated", parent_id=4)
        assert store.siblings(new)[0].id == 5
    assert schema_of(path) == schema_of(_fresh(tmp_path))


def _fresh(tmp_path: Path) -> Path:
    path = tmp_path / "fresh.db"
    open_store(path).close()
    return path


def _listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _assert_refused(path: Path, reason: str, *words: str) -> StoreError:
    before, files_before = fingerprint(path), _listing(path.parent)
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.reason == reason
    assert caught.value.path == path
    message = str(caught.value)
    for word in (str(path), "not changed", *words):
        assert word in message or word in message.replace("left it alone", "not changed")
    assert fingerprint(path) == before
    assert _listing(path.parent) == files_before  # no lock file, no leftover -wal or -shm
    return caught.value


def test_a_file_of_garbage_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    path.write_bytes(os.urandom(8192))
    _assert_refused(path, "corrupt", "not an SQLite database", "Move it aside")


def test_a_damaged_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    shutil.copy(FIXTURES / "m001.db", path)
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the schema page, after the valid header
    path.write_bytes(bytes(data))
    _assert_refused(path, "corrupt", "damaged", "Move it aside")


def test_a_newer_schema_is_refused_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    with conn:
        conn.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', '2030-01-01T00:00:00.000000Z')")
    conn.close()
    error = _assert_refused(db_path, "newer_schema", "newer version of Parley", "m999_from_the_future")
    assert "Install the newer Parley" in str(error)


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.close()
    error = _assert_refused(path, "foreign", "not one of Parley's")
    assert "another location" in str(error)


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    path.mkdir()
    with pytest.raises(StoreError) as caught:
        open_store(path)
    assert caught.value.reason == "unreadable" and "not a file" in str(caught.value)


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "parley.db"
    path.touch()
    with open_store(path) as store:
        assert store.applied_migrations() == ALL_NAMES


def test_a_failing_migration_leaves_the_previous_version(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_store(db_path).close()

    def m999_broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (id INTEGER)")
        raise RuntimeError("disk says no")

    monkeypatch.setattr("app.store.migrations.MIGRATIONS", [*MIGRATIONS, m999_broken])
    with pytest.raises(StoreError) as caught:
        open_store(db_path)
    assert caught.value.reason == "upgrade_failed" and "disk says no" in str(caught.value)
    conn = sqlite3.connect(db_path)
    try:
        assert [r[0] for r in conn.execute("SELECT name FROM _migrations")] == ALL_NAMES
        assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone() is None
    finally:
        conn.close()


def test_processes_opening_one_fresh_file_at_once_migrate_it_once(tmp_path: Path) -> None:
    path = tmp_path / "race" / "parley.db"
    code = (
        "import sys; from pathlib import Path; from app.store import open_store\n"
        "with open_store(Path(sys.argv[1])) as s: s.create_conversation('from ' + sys.argv[2])\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(path), str(n)], cwd=REPO, stderr=subprocess.PIPE)
        for n in range(6)
    ]
    errors = [p.communicate(timeout=60)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, errors
    with open_store(path) as store:
        assert store.applied_migrations() == ALL_NAMES
        assert len(store.list_conversations()) == 6


def test_store_closes_once_and_refuses_work_after(db_path: Path) -> None:
    store = open_store(db_path)
    assert isinstance(store, Store)
    store.close()
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        store.create_conversation()


def test_a_path_that_cannot_be_a_folder_is_refused_with_advice(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        open_store(blocker / "parley.db")
    assert caught.value.reason == "unreadable"
    assert "choose another location" in str(caught.value)


def test_migrating_refuses_a_file_another_process_upgraded_past_this_code(db_path: Path) -> None:
    # open_store checks before taking the lock; apply_migrations checks again under it.
    open_store(db_path).close()
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("INSERT INTO _migrations VALUES ('m999_from_the_future', '2030-01-01T00:00:00.000000Z')")
        with pytest.raises(NewerSchema) as caught:
            apply_migrations(Database(conn, execute_plugins=False))
        assert caught.value.unknown == ["m999_from_the_future"]
        assert not conn.in_transaction
    finally:
        conn.close()
