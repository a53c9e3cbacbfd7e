"""The one place tests reach past a `Store`'s methods into its SQLite connection.

Only for what no public method shows or should do: row counts over a whole table, the connection's pragmas,
query plans, the full-text index itself, SQL that another writer (an older Parley, another program) could run,
a crash, a full disk. Everything else in the tests goes through the store's own methods.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from app.store import Store
from app.store.migrations import apply_migrations
from app.store.textindex import index_text_v1

Params = Sequence[Any] | Mapping[str, Any]
_MAX_PAGES = 1073741823  # SQLite's default max_page_count


OLD_STAMP = "2025-03-01T10:00:00.000000Z"  # when an older Parley wrote the rows of `older_database`


def older_database(path: Path, stop_after: str) -> sqlite3.Connection:
    """A database file as an older Parley made it: migrated up to `stop_after`, one conversation (id 1, "Old")
    in it. Returns the open connection, for the rows that Parley wrote then (close it before opening the store)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
    apply_migrations(Database(conn, execute_plugins=False), stop_after=stop_after)
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES ('Old', ?, ?)",
                 (OLD_STAMP, OLD_STAMP))  # fmt: skip
    return conn


def _connection(store: Store) -> sqlite3.Connection:
    return store._conn


def run_sql(store: Store, sql: str, params: Params = ()) -> list[sqlite3.Row]:
    """Run SQL on the store's connection as another writer could, past the store's own checks; the rows."""
    return _connection(store).execute(sql, params).fetchall()


def count_rows(store: Store, table: str, where: str = "", params: Params = ()) -> int:
    """Rows in a table (all conversations' alike), optionally only those matching a WHERE clause."""
    clause = f" WHERE {where}" if where else ""
    row = _connection(store).execute(f"SELECT count(*) FROM {table}{clause}", params).fetchone()
    return int(row[0])


def pragma(store: Store, name: str) -> Any:
    """A pragma's value as the store's own connection has it (busy_timeout, foreign_keys, ...)."""
    return _connection(store).execute(f"PRAGMA {name}").fetchone()[0]


def integrity(store: Store) -> str:
    """SQLite's verdict on the whole file: "ok" when nothing is damaged."""
    return str(pragma(store, "integrity_check"))


def query_plan(store: Store, sql: str, params: Params = ()) -> list[str]:
    """The steps SQLite would take for `sql` (EXPLAIN QUERY PLAN), one line each."""
    return [row[3] for row in _connection(store).execute("EXPLAIN QUERY PLAN " + sql, params)]


def latest_comparison_run(store: Store) -> int:
    """The id of the newest comparison run (a run made by another process, such as `python -m app compare`)."""
    row = _connection(store).execute("SELECT max(id) FROM comparison_runs").fetchone()
    assert row[0] is not None, "no comparison run was stored"
    return int(row[0])


@contextmanager
def vm_steps(store: Store) -> Iterator[list[int]]:
    """Counts the virtual machine's steps (in thousands) the store's SQL takes inside the block: how much it read."""
    counted = [0]

    def step() -> int:
        counted[0] += 1
        return 0

    _connection(store).set_progress_handler(step, 1000)
    try:
        yield counted
    finally:
        _connection(store).set_progress_handler(None, 1000)


@contextmanager
def statements_run(store: Store) -> Iterator[list[str]]:
    """Every SQL statement the store runs inside the block."""
    seen: list[str] = []
    _connection(store).set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        _connection(store).set_trace_callback(None)


@contextmanager
def disk_full(store: Store) -> Iterator[None]:
    """The file may not grow inside the block: SQLite's own "database or disk is full", no mocks."""
    conn = _connection(store)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA max_page_count = {_MAX_PAGES}")


def crash(store: Store) -> None:
    """What the OS does when the process holding the store dies: its writer lock goes, its rows stay as they
    are (nothing is marked interrupted, as `close` would)."""
    store._writer.release()
    _connection(store).close()


def index_terms(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The full-text index's (term, message id, offset) entries as they are, and as an index built afresh from
    the messages' current text would hold them."""
    conn = _connection(store)
    conn.execute("CREATE VIRTUAL TABLE temp.fresh USING fts5(content, content='', "
                 "tokenize='unicode61 remove_diacritics 2')")  # fmt: skip
    try:
        conn.execute("INSERT INTO temp.fresh (rowid, content) SELECT id, parley_index_text_v1(content) FROM messages "
                     "WHERE status IS NOT 'streaming'")  # an answer is indexed once it ends
        conn.execute("CREATE VIRTUAL TABLE temp.live_vocab USING fts5vocab(main, messages_fts, instance)")
        conn.execute("CREATE VIRTUAL TABLE temp.fresh_vocab USING fts5vocab(temp, fresh, instance)")
        live = conn.execute("SELECT term, doc, offset FROM temp.live_vocab ORDER BY 1, 2, 3").fetchall()
        fresh = conn.execute("SELECT term, doc, offset FROM temp.fresh_vocab ORDER BY 1, 2, 3").fetchall()
    finally:
        for table in ("fresh_vocab", "live_vocab", "fresh"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")
    return [tuple(r) for r in live], [tuple(r) for r in fresh]


def fts_integrity_check(store: Store) -> None:
    """FTS5's own integrity check of the message index (raises sqlite3.DatabaseError when it is inconsistent)."""
    _connection(store).execute("INSERT INTO messages_fts (messages_fts, rank) VALUES ('integrity-check', 0)")
