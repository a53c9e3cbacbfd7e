"""`python -m app` as a user starts it: opens, paints, closes cleanly, and closes its HTTP client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import OFFSCREEN_NOISE

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("how", ["1", "exit"], ids=["window-closed", "qt-loop-ended"])
def test_python_m_app_opens_and_exits_cleanly(parley_home: Path, how: str) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PARLEY_EXIT_AFTER_SHOW": how}
    proc = subprocess.run([sys.executable, "-W", "error", "-m", "app", "--some-unknown-flag"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    noise = [line for line in proc.stderr.splitlines() if line.strip() and OFFSCREEN_NOISE not in line]
    assert noise == [], proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["painted"] is True
    assert report["client_opened"] is True and report["client_closed"] is True
    log = (parley_home / "data" / "parley.log").read_text(encoding="utf-8")
    assert "Parley starting" in log and "--some-unknown-flag" in log
    assert " ERROR " not in log and " WARNING " not in log
    assert ("the Qt event loop quit before the window was closed" in log) == (how == "exit")
