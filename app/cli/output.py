"""What scripts read: exit statuses, the one `--json` line, errors on stderr."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.core.chat import Reply

EXIT_OK, EXIT_PROVIDER, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT: what a shell expects of a command stopped by Ctrl+C
EXIT_CLOSED_PIPE = 141  # 128 + SIGPIPE: the reader went away (`... | head`), as for any Unix tool


class DataError(Exception):
    """The local database cannot be used for what was asked (exit 1, with the reason)."""


def print_json(obj: Any) -> None:
    """The one JSON line: ASCII-escaped so any stdout encoding (a Windows pipe) can carry it."""
    print(json.dumps(obj, ensure_ascii=True), flush=True)


def report(args: argparse.Namespace, reply: Reply, as_json: dict[str, Any] | None = None) -> int:
    """An `ask`'s end: the error on stderr, the `--json` line (`as_json`, else the reply's), the exit status (130
    when stopped by Ctrl+C)."""
    err = reply.error
    if err is not None and err.kind == "cancelled":
        kept = f" (the answer so far is kept in conversation {reply.conversation_id})" \
            if reply.conversation_id and reply.text else ""  # fmt: skip
        print(f"stopped{kept}", file=sys.stderr)
    elif err is not None:
        print(f"error: {err.describe()}\n{err.advice}", file=sys.stderr)
    if args.json:
        print_json(as_json if as_json is not None else reply.as_json())
    if err is None:
        return EXIT_OK
    return EXIT_INTERRUPTED if err.kind == "cancelled" else EXIT_PROVIDER


def stopped_before_answer(reply: Reply) -> None:
    """Ctrl+C ended the command before the request went out (or before it said anything): the reply says so."""
    from app.providers import make_error

    if reply.finish_reason is None and reply.error is None:
        reply.error = make_error("cancelled", "stopped by the user before an answer", provider=reply.provider)
        reply.finish_reason = "cancelled"


def usage_failure(message: str, want_json: bool, argv: Sequence[str] = ()) -> int:
    """Exit 2. With --json the last line is still the contract's object, its error saying what was wrong."""
    print(message, file=sys.stderr)
    if want_json:
        _failure_json(argv, "bad_request", message, "error")
    return EXIT_USAGE


def interrupted(want_json: bool, argv: Sequence[str] = ()) -> int:
    """Ctrl+C outside a request (while starting, or pressed twice): exit 130, still with the `--json` line."""
    print("stopped", file=sys.stderr)
    if want_json and argv[:1] in (["ask"], ["compare"]):
        _failure_json(argv, "cancelled", "stopped by the user", "cancelled")
    return EXIT_INTERRUPTED


def _failure_json(argv: Sequence[str], kind: str, message: str, finish_reason: str) -> None:
    """The contract's `--json` object for a command that ended before any request could say more."""
    err = {"kind": kind, "category": kind, "message": message, "status": None, "retry_after": None}
    if argv[:1] == ["compare"]:
        print_json({"panes": [], "ranking": {}, "error": err})
        return
    from app.core.chat import Reply

    blank = Reply(provider=_flag(argv, "--provider") or "", requested_model=_flag(argv, "--model") or "")
    print_json({**blank.as_json(), "finish_reason": finish_reason, "error": err})


def closed_pipe() -> int:
    """The reader of our output went away: say nothing more. Both streams are pointed at the null device so
    that Python's own flush at exit finds nowhere to fail."""
    for stream in (sys.stdout, sys.stderr):
        try:
            fd = stream.fileno()
        except (AttributeError, OSError, ValueError):  # replaced or already closed (tests, embedding)
            continue
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, fd)
        os.close(devnull)
    return EXIT_CLOSED_PIPE


def _flag(argv: Sequence[str], name: str) -> str | None:
    args = list(argv)
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return None
