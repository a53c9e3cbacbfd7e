"""Entry point: `python -m app` opens the window; `python -m app ask ...` and friends run headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _skip_httpx_cli()
    if args[:1] == ["--keychain-probe"]:  # the window's start-up asking from a child process (keychain_probe.py)
        from app.core.keychain_probe import run_probe

        return run_probe(args[1:])
    if (args and not args[0].startswith("-")) or any(a in ("-h", "--help") for a in args[:1]):
        from app.cli import run_cli

        return run_cli(args)
    from app.main import run_gui

    return run_gui(args)


def _skip_httpx_cli() -> None:
    """httpx imports its own command line (click, rich and pygments: ~50 ms and ~10 MB) whenever those are
    installed, as they are beside the dev tools. Parley never runs it: marking the module absent makes httpx
    fall back to its stub, as it does in a plain install."""
    if "httpx" not in sys.modules:
        sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
