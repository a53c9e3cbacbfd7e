"""`python -m app` started where the window cannot open, or where it can but a desktop is half there.

Each case is a real process with a manipulated environment: no display at all; an X display that does not
answer; libxcb-cursor hidden from the process (tests/support/hidden_library.py); a Wayland socket that is
stale, absent, or a real headless Weston. The user reads one short message (asserted word for word where it
matters) and the process exits with status 1 within a few seconds; or the window opens without noise.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import must_run
from tests.support.hidden_library import CannotHide, run_without
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.wayland import NoWeston, headless_weston, runtime_dir, stale_socket

from .conftest import OFFSCREEN_NOISE

ROOT = Path(__file__).resolve().parents[2]
DESKTOP_VARS = ("DISPLAY", "WAYLAND_DISPLAY", "WAYLAND_SOCKET", "XDG_SESSION_TYPE", "QT_QPA_PLATFORM")
QUICK = 10.0  # seconds: "exits within a few seconds" (it takes well under one here)
NO_DESKTOP = [
    "Parley: no desktop session found; the window needs one; the command line works here: python -m app ask ...",
    "(no DISPLAY or WAYLAND_DISPLAY: start Parley from a terminal inside the desktop, or over ssh -X.)",
]
NO_CURSOR = [
    "Parley: the window cannot open: the X11 libraries Qt needs are missing: libxcb-cursor.so.0.",
    "Install them: Debian/Ubuntu: sudo apt install libxcb-cursor0 | Fedora: sudo dnf install xcb-util-cursor | "
    "Arch: sudo pacman -S xcb-util-cursor",
]

pytestmark = [
    pytest.mark.gui,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the start-up check is Linux's"),
]


def desktop_env(**extra: str) -> dict[str, str]:
    """This environment without any desktop session (and without the suite's offscreen platform)."""
    env = {k: v for k, v in os.environ.items() if k not in DESKTOP_VARS}
    return {**env, **extra}


def start(env: dict[str, str], *args: str,
          prefix: tuple[str, ...] = ()) -> tuple[subprocess.CompletedProcess[str], float]:  # fmt: skip
    t0 = time.monotonic()
    proc = subprocess.run([*prefix, sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    return proc, time.monotonic() - t0


def decision(env: dict[str, str], prefix: tuple[str, ...] = ()) -> dict[str, Any]:
    """What `python -m app.ui.desktop_check` decides in this environment."""
    proc = subprocess.run([*prefix, sys.executable, "-m", "app.ui.desktop_check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    found: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return found


def assert_refused(proc: subprocess.CompletedProcess[str], elapsed: float, lines: list[str]) -> None:
    assert proc.returncode == 1, proc.stderr
    assert elapsed < QUICK
    assert proc.stderr.splitlines() == lines
    assert proc.stdout == ""


def free_display() -> str:
    """An X display number nobody serves (no socket file, no abstract socket)."""
    unix = Path("/proc/net/unix").read_text(encoding="utf-8", errors="replace")
    for n in range(4217, 4300):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and f"/tmp/.X11-unix/X{n}" not in unix:
            return f":{n}"
    raise AssertionError("no free X display number")


@pytest.fixture
def xdg() -> Iterator[Path]:
    folder = runtime_dir()
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def xvfb() -> tuple[str, ...]:
    if shutil.which("xvfb-run") is None:
        if must_run():
            pytest.fail("xvfb-run is missing, and PARLEY_CI=1 requires the real-window tests to run")
        pytest.skip("xvfb-run is not installed (apt-get install xvfb xauth)")
    return ("xvfb-run", "-a", "-s", "-screen 0 1280x800x24")


def test_no_desktop_at_all_says_so_and_exits_1() -> None:
    proc, elapsed = start(desktop_env())
    assert_refused(proc, elapsed, NO_DESKTOP)


def test_an_x_display_that_does_not_answer_is_said_in_our_words() -> None:
    display = free_display()
    proc, elapsed = start(desktop_env(DISPLAY=display))
    assert_refused(proc, elapsed, [
        f"Parley: the window cannot open: no answer from the X display {display}.",
        "Is the desktop session still running? The command line works without one: python -m app ask ...",
    ])  # fmt: skip


def test_x11_without_libxcb_cursor_names_the_package_to_install() -> None:
    try:
        proc = run_without(["libxcb-cursor.so.0"], [sys.executable, "-m", "app"], desktop_env(DISPLAY=free_display()),
                           cwd=ROOT)  # fmt: skip
    except CannotHide as exc:
        if must_run():
            pytest.fail(f"CI must run this test: {exc}")
        pytest.skip(str(exc))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == NO_CURSOR
    assert "Reinstall" not in proc.stderr


def test_a_stale_wayland_socket_and_no_x_display(xdg: Path) -> None:
    stale_socket(xdg, "wayland-parley")
    env = desktop_env(XDG_RUNTIME_DIR=str(xdg), WAYLAND_DISPLAY="wayland-parley")
    assert decision(env)["platform"] == "wayland"  # the socket is there: Wayland is tried...
    proc, elapsed = start(env)
    assert_refused(proc, elapsed, [  # ...and Qt's failure inside QApplication is said in our words
        "Parley: the window cannot open: no answer from the Wayland display wayland-parley (Connection refused).",
        "Is the desktop session still running? The command line works without one: python -m app ask ...",
    ])  # fmt: skip


def test_an_unknown_platform_name_lists_the_real_ones() -> None:
    proc, elapsed = start(desktop_env(DISPLAY=free_display(), QT_QPA_PLATFORM="xbc"))
    assert proc.returncode == 1 and elapsed < QUICK
    first, second = proc.stderr.splitlines()
    assert first == 'Parley: the window cannot open: Qt has no platform plugin "xbc" (QT_QPA_PLATFORM=xbc).'
    assert second.startswith("Set QT_QPA_PLATFORM to one of: ") and "offscreen" in second and "wayland" in second


def test_the_users_offscreen_platform_needs_no_desktop() -> None:
    proc, _ = start(desktop_env(QT_QPA_PLATFORM="offscreen", PARLEY_EXIT_AFTER_SHOW="1"))
    assert proc.returncode == 0, proc.stderr
    assert [line for line in proc.stderr.splitlines() if OFFSCREEN_NOISE not in line] == []


def test_the_users_choice_is_left_alone_on_a_wayland_session(xdg: Path) -> None:
    stale_socket(xdg, "wayland-0")
    env = desktop_env(XDG_RUNTIME_DIR=str(xdg), XDG_SESSION_TYPE="wayland", DISPLAY=":0", QT_QPA_PLATFORM="xcb")
    found = decision(env)
    assert found["platform"] is None and found["problem"] is None
    assert found["reason"] == "QT_QPA_PLATFORM=xcb (the user's choice)"


@pytest.mark.xvfb
def test_a_stale_wayland_socket_falls_back_to_x11_quietly(xdg: Path) -> None:
    stale_socket(xdg, "wayland-parley")
    env = desktop_env(XDG_RUNTIME_DIR=str(xdg), WAYLAND_DISPLAY="wayland-parley")
    assert decision(env, xvfb())["platform"] == "wayland;xcb"
    proc, _ = start({**env, "PARLEY_EXIT_AFTER_SHOW": "1"}, prefix=xvfb())
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""  # Qt's "Failed to create wl_display" went to the log, not the terminal
    assert json.loads(proc.stdout.strip().splitlines()[-1])["painted"] is True


@pytest.mark.xvfb
def test_a_wayland_name_without_its_socket_goes_straight_to_x11(xdg: Path) -> None:
    env = desktop_env(XDG_RUNTIME_DIR=str(xdg), WAYLAND_DISPLAY="wayland-gone")
    found = decision(env, xvfb())
    assert found["platform"] == "xcb" and found["session"]["wayland_socket"] == ""
    proc, _ = start({**env, "PARLEY_EXIT_AFTER_SHOW": "1"}, prefix=xvfb())
    assert proc.returncode == 0 and proc.stderr == ""


def test_smoke_test_on_a_real_wayland_compositor_runs_natively() -> None:
    try:
        with headless_weston() as wayland:
            proc, _ = start(desktop_env(**wayland), "--smoke-test")
    except NoWeston as exc:
        if must_run():
            pytest.fail(f"CI must run the Wayland test (.ci/run installs weston): {exc}")
        pytest.skip(str(exc))
    findings = json.loads(proc.stdout.strip().splitlines()[-1])
    assert proc.returncode == 0, findings.get("problems")
    assert findings["qt_platform"] == "wayland" and findings["window_shown"] is True
    assert proc.stderr == ""


def test_the_command_line_needs_no_display_and_never_loads_qt(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["no window ", "needed"]))
    env = desktop_env(OPENAI_API_KEY="test-key-not-real")
    args = ["ask", "--provider", "openai", "--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi"]
    proc, _ = start(env, *args)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.strip().splitlines()[-1])["text"] == "no window needed"
    loopback.enqueue(stream_reply(["again"]))
    traced = subprocess.run([sys.executable, "-X", "importtime", "-m", "app", *args], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert traced.returncode == 0
    imported = [line.rsplit("|", 1)[-1].strip() for line in traced.stderr.splitlines() if "|" in line]
    assert "app.cli" in imported or any(name.startswith("app.cli") for name in imported)
    assert not any(name.startswith(("PySide6", "app.ui")) for name in imported)
