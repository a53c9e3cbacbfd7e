"""Wayland sessions for tests: a stale compositor socket (nobody answers), or a real headless Weston."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

WESTON_START_TIMEOUT = 15.0  # seconds until its socket is there (about 1 s here)


def runtime_dir() -> Path:
    """A fresh XDG_RUNTIME_DIR (private, as a session's is). Short, so socket paths stay under 108 bytes."""
    path = Path(tempfile.mkdtemp(prefix="parley-xdg-"))
    path.chmod(0o700)
    return path


def stale_socket(folder: Path, name: str) -> Path:
    """A Unix socket file nobody listens on: what a compositor that died leaves behind (connect is refused)."""
    path = folder / name
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.bind(str(path))
    return path


class NoWeston(RuntimeError):
    """Weston is not installed or did not start."""


@contextlib.contextmanager
def headless_weston() -> Iterator[dict[str, str]]:
    """A real Wayland compositor without a screen; yields the variables a client needs to reach it."""
    if shutil.which("weston") is None:
        raise NoWeston("weston is not installed (apt-get install weston)")
    folder = runtime_dir()
    name = "wayland-parley-test"
    log = folder / "weston.log"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(folder)}
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("DISPLAY", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(["weston", "--backend=headless-backend.so", f"--socket={name}", "--idle-time=0"],
                                env=env, stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    try:
        deadline = time.monotonic() + WESTON_START_TIMEOUT
        while not (folder / name).exists():
            if proc.poll() is not None or time.monotonic() > deadline:
                raise NoWeston(f"weston did not start:\n{log.read_text(errors='replace')[-2000:]}")
            time.sleep(0.05)
        yield {"XDG_RUNTIME_DIR": str(folder), "WAYLAND_DISPLAY": name}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(folder, ignore_errors=True)
