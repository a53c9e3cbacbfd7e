"""What the store raises: `StoreError` for a database Parley cannot use, with a message a user can act on.

    StoreError                 reason, path, message (says what happened and what to do)
    ├── NotFoundError          a conversation, message or comparison id that does not exist
    └── InvalidImportError     an import document that is not a Parley conversation

`reason` is one of: "corrupt" (not an SQLite file, or damaged), "foreign" (an SQLite file that is
not Parley's), "newer_schema" (written by a newer Parley), "unreadable" (the OS refused),
"upgrade_failed" (a migration raised; the file stays at its previous version), "not_found",
"invalid_import".
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database cannot be used as asked; `str(error)` is meant for the user."""

    def __init__(self, message: str, *, reason: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason
        self.path = path


class NotFoundError(StoreError, LookupError):
    """An id that names nothing in this database."""

    def __init__(self, what: str, ident: int) -> None:
        super().__init__(f"There is no {what} {ident} in this database.", reason="not_found")
        self.what = what
        self.ident = ident


class InvalidImportError(StoreError, ValueError):
    """An import document that is not a Parley conversation export."""

    def __init__(self, problem: str) -> None:
        super().__init__(
            f"This file is not a Parley conversation export: {problem}. Nothing was imported.",
            reason="invalid_import",
        )
