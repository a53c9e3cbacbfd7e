"""Entry point: `python -m app` opens the window; `python -m app ask ...` and friends run headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if (args and not args[0].startswith("-")) or any(a in ("-h", "--help") for a in args[:1]):
        from app.cli import run_cli

        return run_cli(args)
    from app.main import run_gui

    return run_gui(args)


if __name__ == "__main__":
    sys.exit(main())
