"""What scripts read: exit statuses, the one `--json` line, errors on stderr."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.core.chat import Reply

EXIT_OK, EXIT_PROVIDER, EXIT_USAGE = 0, 1, 2


class DataError(Exception):
    """The local database cannot be used for what was asked (exit 1, with the reason)."""


def print_json(obj: Any) -> None:
    """The one JSON line: ASCII-escaped so any stdout encoding (a Windows pipe) can carry it."""
    print(json.dumps(obj, ensure_ascii=True), flush=True)


def report(args: argparse.Namespace, reply: Reply, as_json: dict[str, Any] | None = None) -> int:
    """An `ask`'s end: the error on stderr, the `--json` line (`as_json`, else the reply's), the exit status."""
    if reply.error is not None:
        err = reply.error
        print(f"error: {err.describe()}\n{err.advice}", file=sys.stderr)
    if args.json:
        print_json(as_json if as_json is not None else reply.as_json())
    return EXIT_OK if reply.error is None else EXIT_PROVIDER


def usage_failure(message: str, want_json: bool, argv: Sequence[str] = ()) -> int:
    """Exit 2. With --json the last line is still the contract's object, its error saying what was wrong."""
    print(message, file=sys.stderr)
    if want_json:
        from app.core.chat import Reply

        err = {"kind": "bad_request", "category": "bad_request", "message": message, "status": None,
               "retry_after": None}  # fmt: skip
        if argv[:1] == ["compare"]:
            print_json({"panes": [], "ranking": {}, "error": err})
        else:
            blank = Reply(provider=_flag(argv, "--provider") or "", requested_model=_flag(argv, "--model") or "")
            print_json({**blank.as_json(), "finish_reason": "error", "error": err})
    return EXIT_USAGE


def _flag(argv: Sequence[str], name: str) -> str | None:
    args = list(argv)
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return None
