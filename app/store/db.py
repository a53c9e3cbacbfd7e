"""Opening the one database file: refuse what we must not touch, configure, migrate, recover; `Store`."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from .comparisons import ComparisonsMixin
from .conversations import ConversationsMixin
from .documents import DocumentsMixin
from .errors import StoreError
from .ledger import LedgerMixin
from .messages import MessagesMixin
from .migrations import NewerSchema, applied_names, apply_migrations, pending_names, unknown_names
from .provider_reports import ProviderReportsMixin
from .request_costs import RequestCostsMixin
from .search import SearchMixin
from .textindex import index_text_v1
from .tool_steps import ToolStepsMixin
from .transfer import TransferMixin
from .writers import WriterLock

BUSY_TIMEOUT_MS = 15000  # the window, the CLI and compare runs share one file


class Store(ConversationsMixin, MessagesMixin, LedgerMixin, SearchMixin, ComparisonsMixin, TransferMixin,
            ProviderReportsMixin, RequestCostsMixin, DocumentsMixin, ToolStepsMixin):
    """Everything Parley keeps: conversations, messages, the spend ledger, comparisons, search.

    Made by `open_store`; close it (or use it as a context manager). Safe to share between threads;
    each process opens its own. Methods raise `NotFoundError` for ids that do not exist and
    `ValueError` for arguments that make no sense.
    """

    def __init__(self, path: Path, conn: sqlite3.Connection, db: Database, writer: WriterLock) -> None:
        self.path = path
        self._conn = conn
        self._db = db
        self._lock = threading.RLock()
        self._writer = writer
        self._closed = False
        self.recovered_at_open = 0
        """How many messages left streaming by a crash `open_store` marked interrupted."""
        self.upgraded_with: tuple[str, ...] = ()
        """The migrations this open applied (empty when the file was already current)."""
        self._reader: Store | None = None
        self._reads_for: Store | None = None  # this is `reader()` of that store

    def reader(self) -> Store:
        """The same database through a second connection that only reads, for long reads in another thread.

        Every call on a store waits for the one before it (one connection, one lock), so a month of the ledger
        read in a worker thread would hold up the event loop's own quick writes for as long. SQLite's
        write-ahead log lets this connection read while the other writes: the window's ledger views read
        through it. Made on first use; closed with this store. When no second connection can be opened, the
        reads go through this one (slower for the loop, never wrong)."""
        reader = self._reader
        if reader is not None and not self._closed:  # made: no need to wait for this connection's lock
            return reader
        with self._lock:
            if self._reads_for is not None:
                return self
            if self._closed:
                raise StoreError(f"Parley's database {self.path} is closed", reason="unreadable", path=self.path)
            if self._reader is None:
                try:
                    conn = _connect(self.path)
                    conn.execute("PRAGMA query_only = ON")
                except (OSError, sqlite3.Error):  # no second connection (out of file handles, ...): share this one
                    return self
                reader = Store(self.path, conn, Database(conn, execute_plugins=False), self._writer)
                reader._reads_for = self
                self._reader = reader
            return self._reader

    def applied_migrations(self) -> list[str]:
        with self._lock:
            return applied_names(self._conn)

    def close(self) -> None:
        """Mark replies this store was still streaming as interrupted, and close the file. Idempotent."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            if self._reads_for is not None:  # a reader: only its connection
                self._conn.close()
                return
            try:
                self._interrupt_own_streams()
            finally:
                if self._reader is not None:
                    self._reader.close()
                self._writer.release()
                self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def open_store(path: Path, *, recover: bool = True) -> Store:
    """Open (creating it and its folders if needed) the database at `path`, bring its schema up to
    date, and, unless `recover` is False, mark replies left streaming by a crash as interrupted
    (the count is `store.recovered_at_open`).

    Raises `StoreError`, leaving the file exactly as it was, when it is not an SQLite database or is
    damaged (reason "corrupt"), is some other program's database ("foreign"), was written by a newer
    Parley ("newer_schema"), or cannot be opened ("unreadable"); "upgrade_failed" if a migration fails.
    """
    path = Path(path).expanduser()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _check_header(path)
        conn = _connect(path)
    except (OSError, sqlite3.OperationalError) as e:
        raise _unreadable(path, e) from e
    try:
        _check_schema(conn, path)  # reads only: a refused file is left exactly as it was
        _configure(conn)
        db = Database(conn, execute_plugins=False)
        upgraded = _migrate(db, path)
        store = Store(path, conn, db, WriterLock(path))
    except StoreError:
        conn.close()
        raise
    except (OSError, sqlite3.OperationalError) as e:  # a read-only file or folder, a full disk, ...
        conn.close()
        raise _unreadable(path, e) from e
    except BaseException:
        conn.close()
        raise
    store.upgraded_with = tuple(upgraded)
    if recover:
        store.recovered_at_open = store.recover_interrupted()
    return store


def _connect(path: Path) -> sqlite3.Connection:
    """A connection as every part of the store expects it: rows by name, our index function, waiting for locks."""
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    try:
        conn.row_factory = sqlite3.Row
        conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except BaseException:
        conn.close()
        raise
    return conn


def _check_header(path: Path) -> None:
    if not path.exists():
        return
    if not path.is_file():
        raise StoreError(
            f"Parley's database path {path} is a folder or device, not a file. Move it aside or choose another "
            "location.",
            reason="unreadable",
            path=path,
        )
    # The header is not read here with open()/close(): closing any descriptor of a database file drops
    # every POSIX lock this process holds on it (SQLite's own included), and another process writing
    # at that moment corrupts the file. SQLite itself reports a non-database ("file is not a database")
    # from the first read in `_check_schema`, without writing anything.


def _unreadable(path: Path, error: OSError | sqlite3.Error) -> StoreError:
    detail = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    if not _writable(path):
        # SQLite writes beside a WAL database (-wal, -shm) even to read it, so a read-only folder refuses
        # a good file: say so, and never suggest it is damaged or should be moved aside.
        return StoreError(
            f"Parley cannot open its database {path}: {detail}. The folder {path.parent} or the file is "
            "read-only (Parley may not write there); the database itself has not been changed. Check that you "
            "may write to that folder and to the file, or choose another location.",
            reason="unreadable",
            path=path,
        )
    return StoreError(
        f"Parley cannot open its database {path}: {detail}. Check that the folder exists and that you may "
        "write to it and to the file, or choose another location.",
        reason="unreadable",
        path=path,
    )


def _writable(path: Path) -> bool:
    """False when the file, or the nearest existing folder it would be made in, may not be written."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return False
    return not (path.is_file() and not os.access(path, os.W_OK))


# "Unable to open", "readonly", "no permission": the OS refused, which says nothing about the file's contents.
_REFUSED_BY_OS = {sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM}


def _refused_by_os(error: sqlite3.DatabaseError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.OperationalError) and code is not None and code & 0xFF in _REFUSED_BY_OS


def _corrupt(path: Path, what: str) -> StoreError:
    return StoreError(
        f"Parley cannot read its database {path}: {what} (the file may be damaged). Parley has not changed "
        "it. Move it aside (keep it if it holds conversations you want: a backup or a recovery tool may "
        "save them) and start Parley again to begin with a new, empty database.",
        reason="corrupt",
        path=path,
    )


def _check_schema(conn: sqlite3.Connection, path: Path) -> None:
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        applied = applied_names(conn)
    except sqlite3.DatabaseError as e:
        if _refused_by_os(e):
            raise _unreadable(path, e) from e
        what = "it is not an SQLite database" if "not a database" in str(e) else str(e)
        raise _corrupt(path, what) from e
    if tables and "_migrations" not in tables:
        raise StoreError(
            f"{path} is an SQLite database, but not one of Parley's, so Parley has left it alone. Choose "
            "another location for Parley's database.",
            reason="foreign",
            path=path,
        )
    if unknown := unknown_names(applied):
        raise _newer(path, unknown)


def _newer(path: Path, unknown: list[str]) -> StoreError:
    return StoreError(
        f"Parley's database {path} was written by a newer version of Parley (it has changes this version "
        f"does not know: {', '.join(unknown)}). Parley has not changed it. Install the newer Parley again, "
        "or move the file aside to start this version with a new, empty database.",
        reason="newer_schema",
        path=path,
    )


def _configure(conn: sqlite3.Connection) -> None:
    # Switching a fresh file to WAL needs a moment of exclusive access; another process opening the
    # same fresh file at the same instant may hold it, and this pragma does not always wait.
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            break
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")


def _migrate(db: Database, path: Path) -> list[str]:
    if not pending_names(applied_names(db.conn)):
        return []
    try:
        return apply_migrations(db)
    except NewerSchema as e:
        raise _newer(path, e.unknown) from e
    except sqlite3.OperationalError as e:
        if _refused_by_os(e):
            raise _unreadable(path, e) from e
        raise _upgrade_failed(path, e) from e
    except Exception as e:
        raise _upgrade_failed(path, e) from e


def _upgrade_failed(path: Path, e: Exception) -> StoreError:
    return StoreError(
        f"Parley could not upgrade its database {path}: {e}. The file keeps its last good version; "
        "please report this, with the message, to Parley's developers.",
        reason="upgrade_failed",
        path=path,
    )
