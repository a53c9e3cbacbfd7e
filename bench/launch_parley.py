"""Starts Parley exactly as `python -m app` does, noting when `run_gui` was entered. For bench/run.py.

`app.main.run_gui` starts its own clock (the `first_paint_ms` it prints with PARLEY_EXIT_AFTER_SHOW=1) on
entry; this prints `{"run_gui_at": <time.perf_counter() at that entry>}` afterwards, so the process that
started this one (same CLOCK_MONOTONIC on Linux) can add the interpreter and import time before it.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence

import app.main

entered: list[float] = []
_run_gui = app.main.run_gui


def _timed_run_gui(args: Sequence[str]) -> int:
    entered.append(time.perf_counter())
    return _run_gui(args)


if __name__ == "__main__":
    app.main.run_gui = _timed_run_gui  # app.__main__ looks it up at call time
    from app.__main__ import main

    status = main(sys.argv[1:])
    print(json.dumps({"run_gui_at": entered[0] if entered else None}), flush=True)
    sys.exit(status)
