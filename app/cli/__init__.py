"""The headless command line: `python -m app ask ...` and friends (a public contract, see README).

One module per command (ask, compare, embed, data, keys); `parser` declares every flag, `output` prints
what scripts read, and `context` builds what a command shares with the window (settings, keys, HTTP, the
database) and runs it with Ctrl+C stopping the request cleanly."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence

from .output import EXIT_PROVIDER, EXIT_USAGE, DataError, closed_pipe, interrupted, usage_failure
from .parser import UsageError, build_parser

__all__ = ["run_cli"]


def run_cli(argv: Sequence[str]) -> int:
    """Run one command. Ctrl+C outside a request exits 130; a reader that went away (`... | head`) ends the
    command quietly (141), with no traceback and no complaint when Python flushes its output at exit."""
    want_json = "--json" in argv
    for stream in (sys.stdout, sys.stderr):  # streamed text must never crash on a narrow console encoding
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        try:
            code = _run(argv, want_json)
        except (KeyboardInterrupt, asyncio.CancelledError):
            code = interrupted(want_json, argv)
        sys.stdout.flush()  # a short output meets a closed pipe only here
        return code
    except BrokenPipeError:
        return closed_pipe()


def _run(argv: Sequence[str], want_json: bool) -> int:
    try:
        args = build_parser().parse_args(list(argv))
    except UsageError as exc:
        return usage_failure(str(exc), want_json, argv)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        return _dispatch(args.command, args)
    except UsageError as exc:
        return usage_failure(str(exc), want_json, argv)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROVIDER


def _dispatch(command: str, args: object) -> int:
    from argparse import Namespace

    assert isinstance(args, Namespace)
    if command == "ask":
        from .ask import run_ask

        return run_ask(args)
    if command == "compare":
        from .compare import run_compare

        return run_compare(args)
    if command == "embed":
        from .embed import run_embed

        return run_embed(args)
    if command in ("spend", "search", "list", "export", "import"):
        from .data import run_data

        return run_data(args)
    if command == "reconcile":
        from .reconcile import run_reconcile

        return run_reconcile(args)
    if command == "keys":
        from .keys import run_keys

        return run_keys(args)
    return EXIT_USAGE
