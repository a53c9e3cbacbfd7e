"""`python -m app` as a user starts it: opens, paints, closes cleanly, and closes its HTTP client."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.waiting import wait_until_sync

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


def test_a_second_window_is_told_and_leaves(parley_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    first = subprocess.Popen([sys.executable, "-m", "app"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        lock = parley_home / "data" / "parley-window.lock"
        # The first window takes the lock just after start-up (or fails to start).
        wait_until_sync(lambda: lock.exists() or first.poll() is not None, timeout=30, what="the first window")
        assert lock.exists(), "the first window never took its lock"
        second = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env={**env, "PARLEY_EXIT_AFTER_SHOW": "1"},
                                capture_output=True, text=True, timeout=60)  # fmt: skip
        assert second.returncode == 0
        assert "already open in another window" in second.stderr
        assert first.poll() is None  # the first one is untouched
    finally:
        first.terminate()
        first.communicate(timeout=30)


def test_window_layout_is_remembered(parley_home: Path) -> None:
    from app.core.settings import load_settings

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PARLEY_EXIT_AFTER_SHOW": "1"}
    first = subprocess.run([sys.executable, "-m", "app"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    saved = load_settings(parley_home / "config" / "settings.json").settings.window_state
    assert set(saved) >= {"geometry", "splitter"} and all(saved.values())
