"""SIGKILL at any moment of a settings save leaves a readable settings file (old or new, never torn)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SAVER = """
import itertools, sys
from pathlib import Path
from app.core.settings import Preset, Settings, save_settings
path = Path(sys.argv[1])
for n in itertools.count():
    presets = [Preset(name=f"p{i}", provider="openai", model=f"model-{n}-{i}", system="x" * 2000) for i in range(40)]
    save_settings(Settings(presets=presets), path)
    if n == 0:
        print("saved", flush=True)
"""


def test_sigkill_during_settings_saves(tmp_path: Path) -> None:
    from app.core.settings import load_settings

    path = tmp_path / "settings.json"
    for delay in (0.05, 0.13, 0.29, 0.41):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "saved"
        time.sleep(delay)  # somewhere inside one of the many saves
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        loaded = load_settings(path)
        assert loaded.warnings == [] and not loaded.read_only
        models = {p.model.rsplit("-", 1)[0] for p in loaded.settings.presets}
        assert len(loaded.settings.presets) == 40 and len(models) == 1  # one whole save, not a mix
        assert not list(tmp_path.glob("*.corrupt-*"))


def test_a_killed_save_leaves_no_litter_for_long(tmp_path: Path) -> None:
    from app.core.settings import STALE_TEMP_SECONDS, Settings, save_settings

    path = tmp_path / "settings.json"
    stale = tmp_path / ".settings.json.killed1.tmp"
    fresh = tmp_path / ".settings.json.live22.tmp"  # another process saving right now
    for f in (stale, fresh):
        f.write_text("{partial")
    old = time.time() - STALE_TEMP_SECONDS - 5
    os.utime(stale, (old, old))
    save_settings(Settings(), path)
    assert not stale.exists() and fresh.exists() and path.exists()
