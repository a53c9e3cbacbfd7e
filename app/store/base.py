"""The connection every part of the store shares, with its lock and transaction helpers."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from .writers import WriterLock

Params = Sequence[Any] | Mapping[str, Any]


class StoreBase:
    """State shared by the store's parts. One connection, used under one lock, so a `Store` may be
    shared between threads; other processes (the CLI next to the window) use their own `Store`."""

    path: Path
    _conn: sqlite3.Connection
    _db: Database
    _lock: threading.RLock
    _writer: WriterLock

    @property
    def writer_token(self) -> str:
        """The token this store records on the messages it streams (see writers.py)."""
        return self._writer.token

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. IMMEDIATE takes the write lock up front, so a read inside it can
        never go stale and fail with "database is locked" instead of waiting (busy_timeout)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _snapshot(self) -> Iterator[sqlite3.Connection]:
        """Several reads that must see the same state (a concurrent writer cannot interleave)."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    def _all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._conn.execute(sql, params).fetchall()

    def _one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        with self._lock:
            row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
            return row

    def _run(self, sql: str, params: Params = ()) -> int:
        """One write statement, committed on its own; returns the number of rows it changed."""
        with self._lock:
            return self._conn.execute(sql, params).rowcount
