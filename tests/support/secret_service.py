"""A private D-Bus session with an unlocked gnome-keyring, so keychain tests never touch a real one."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class NoSecretService(Exception):
    pass


@contextmanager
def private_secret_service(root: Path) -> Iterator[dict[str, str]]:
    """Start dbus-daemon and gnome-keyring-daemon under `root`; yield the env vars that reach them."""
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        raise NoSecretService("dbus-daemon and gnome-keyring-daemon are not installed")
    home = root / "home"
    (home / ".local" / "share").mkdir(parents=True)
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_RUNTIME_DIR": str(root), "XDG_CACHE_HOME": str(home / ".cache")}  # fmt: skip
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
    )  # fmt: skip
    keyring_proc: subprocess.Popen[bytes] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise NoSecretService("dbus-daemon did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring_proc = subprocess.Popen(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        )  # fmt: skip
        assert keyring_proc.stdin is not None
        keyring_proc.stdin.write(b"parley-test-unlock")
        keyring_proc.stdin.close()
        _wait_for_service(env)
        yield {k: env[k] for k in ("DBUS_SESSION_BUS_ADDRESS", "HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR")}
    finally:
        for proc in (keyring_proc, bus):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        if bus.stdout is not None:
            bus.stdout.close()


def _wait_for_service(env: dict[str, str]) -> None:
    """Poll until org.freedesktop.secrets answers on the private bus."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        probe = subprocess.run(
            ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"],
            env=env, capture_output=True, text=True,
        )  # fmt: skip
        if "boolean true" in probe.stdout:
            return
        time.sleep(0.05)
    raise NoSecretService("gnome-keyring did not register org.freedesktop.secrets")
