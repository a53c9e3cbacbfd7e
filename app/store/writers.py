"""Which open stores are alive: each holds an OS lock on its own small file, which dies with its process.

The window and the command line share one database. A message is `streaming` while some process
writes it; when a store opens, only messages whose writer is gone (crashed, killed, closed) may be
marked interrupted, never the reply the other process is streaming right now. Each `Store` takes a
random token, records it on the messages it streams, and holds an exclusive lock on
`<db>-writers/<token>.lock` until it closes. The OS drops the lock when the process dies, however
it dies, so "can I lock that file?" answers "is that writer gone?".
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sys
from pathlib import Path

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        # flock locks belong to the open file, so a second open in the same process conflicts too.
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


_SUFFIX = ".lock"
# POSIX removes a file while we hold its lock (so nobody can lock a file that is about to vanish);
# Windows refuses to remove an open file, which protects a file another store has open just as well.
_UNLINK_WHILE_OPEN = sys.platform != "win32"


def writers_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-writers")


class WriterLock:
    """This store's claim on the messages it streams; `token` is what those messages record."""

    def __init__(self, db_path: Path) -> None:
        self.directory = writers_dir(db_path)
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:
            self.token = secrets.token_hex(8)
            self._path = self.directory / (self.token + _SUFFIX)
            self._fd: int | None = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            if _try_lock(self._fd) and _same_file(self._path, self._fd):
                return
            # Another store swept the file away between our open and our lock: start over.
            os.close(self._fd)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _close_and_remove(fd, self._path)


def _same_file(path: Path, fd: int) -> bool:
    try:
        return os.path.samestat(os.stat(path), os.fstat(fd))
    except OSError:
        return False


def live_writers(db_path: Path) -> set[str]:
    """Tokens of the stores that are open right now; lock files of dead ones are removed on the way."""
    directory = writers_dir(db_path)
    try:
        entries = list(directory.iterdir())
    except OSError:
        return set()
    alive = set()
    for path in entries:
        if path.suffix != _SUFFIX:
            continue
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:  # removed meanwhile (its writer closed), or held open exclusively (alive)
            if path.exists():
                alive.add(path.stem)
            continue
        if _try_lock(fd):
            _close_and_remove(fd, path)
        else:
            os.close(fd)
            alive.add(path.stem)
    return alive


def _close_and_remove(fd: int, path: Path) -> None:
    """Give up a lock we hold and remove its file (a failed removal is left to the next sweep)."""
    if _UNLINK_WHILE_OPEN:
        _remove(path)
    _unlock(fd)
    os.close(fd)
    if not _UNLINK_WHILE_OPEN:
        _remove(path)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
