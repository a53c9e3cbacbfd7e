"""`python -m app ...` as a user runs it: a real process from the repository root, and its `--json` line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_app(*args: str, env: Mapping[str, str] | None = None, drop: Iterable[str] = (), stdin: str | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run the app with `args`, in this test's environment (its temp home, no real keys) plus `env`, less the
    variables named in `drop`; stdout and stderr captured as text."""
    full = {**os.environ, **(env or {})}
    for name in drop:
        full.pop(name, None)
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=full, input=stdin,
                          capture_output=True, text=True, timeout=timeout)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The one JSON object `--json` prints, on the last line of stdout."""
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data
