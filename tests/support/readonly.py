"""Run a Parley process over a data folder it may not write to, as root (CI) and as a normal user alike.

As root, chmod does not stop writes, so the folder is made truly read-only for the child: a read-only
bind mount in a private mount namespace (`unshare -m`), or, where that is not allowed, the child runs
as the unprivileged user `nobody` (`setpriv`). As a normal user, taking the write bits away is enough.
PARLEY_TEST_READONLY=mount|setpriv|chmod forces one way (to check each on one machine).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

NOBODY = 65534
_MOUNT_RO = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'


def _can_mount() -> bool:
    if not shutil.which("unshare") or not shutil.which("mount"):
        return False
    with tempfile.TemporaryDirectory() as probe:
        proc = subprocess.run(["unshare", "-m", "sh", "-c", _MOUNT_RO, probe, "touch", f"{probe}/x"],
                              capture_output=True, text=True, timeout=30)  # fmt: skip
        # The mount worked when the write was refused with EROFS (and nothing landed in the folder).
        return "Read-only file system" in proc.stderr and not os.listdir(probe)


def _strategy() -> str:
    forced = os.environ.get("PARLEY_TEST_READONLY", "")
    if forced:
        return forced
    if os.geteuid() != 0:
        return "chmod"
    if _can_mount():
        return "mount"
    if shutil.which("setpriv"):
        return "setpriv"
    raise RuntimeError("running as root without `unshare -m` or `setpriv`: cannot make a folder read-only")


def _set_writable(root: Path, writable: bool) -> None:
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames:
            p = Path(dirpath, name)
            p.chmod(0o644 if writable else 0o444)
        for name in dirnames:
            Path(dirpath, name).chmod(0o755 if writable else 0o555)
    root.chmod(0o755 if writable else 0o555)


@dataclass
class ReadOnlyHome:
    """A Parley home folder (world-readable, so `nobody` may read it) and a way to run over it read-only."""

    path: Path
    how: str = ""

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.path)): p.read_bytes() for p in sorted(self.path.rglob("*")) if p.is_file()}

    def run(self, argv: Sequence[str], env: dict[str, str], *, stdin: str | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:  # fmt: skip
        """Run argv with this folder read-only for it (writable again afterwards, for set-up and clean-up)."""
        self.how = how = _strategy()
        env = {**env, "PARLEY_HOME": str(self.path)}
        cmd = list(argv)
        if how == "mount":
            cmd = ["unshare", "-m", "sh", "-c", _MOUNT_RO, str(self.path), *cmd]
        elif how == "setpriv":
            cmd = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *cmd]
            env.pop("XDG_RUNTIME_DIR", None)  # root's, which nobody may not use
            env["HOME"] = "/nonexistent"
        elif how != "chmod":
            raise ValueError(f"unknown PARLEY_TEST_READONLY={how!r}")
        if how in ("chmod", "setpriv"):
            _set_writable(self.path, False)
        try:
            return subprocess.run(cmd, env=env, input=stdin, capture_output=True, text=True, timeout=timeout,
                                  cwd=Path(__file__).resolve().parents[2])  # fmt: skip
        finally:
            _set_writable(self.path, True)


@contextmanager
def read_only_home() -> Iterator[ReadOnlyHome]:
    """A fresh home folder outside pytest's private tmp tree (that one is closed to other users)."""
    path = Path(tempfile.mkdtemp(prefix="parley-ro-"))
    try:
        path.chmod(0o755)
        yield ReadOnlyHome(path)
    finally:
        _set_writable(path, True)
        shutil.rmtree(path, ignore_errors=True)
