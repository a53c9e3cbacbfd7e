"""Run a process on this machine as if some system libraries were not installed (a fresh desktop's case).

The libraries are hidden for the child only, in a private mount namespace (`unshare -m`): an overlay over
their folder with whiteouts, so the loader answers "cannot open shared object file", as on a machine
without the package; where overlays are not allowed, an empty file bound over each one (the loader then
answers "file too short"). As a normal user, `unshare -rm` (a user namespace) is tried the same way.
PARLEY_TEST_HIDE=overlay|bind forces one way (to check each on one machine).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

_OVERLAY = """set -e
work="$1"; shift
i=0
for dir in "$@"; do
  [ "$dir" = "--" ] && break
  i=$((i+1)); mkdir -p "$work/$i/up" "$work/$i/work"
  for name in $(ls "$dir" | grep -F -x -f "$work/names"); do mknod "$work/$i/up/$name" c 0 0; done
  mount -t overlay overlay -o "lowerdir=$dir,upperdir=$work/$i/up,workdir=$work/$i/work" "$dir"
done
while [ "$1" != "--" ]; do shift; done; shift
exec "$@"
"""
_BIND = """set -e
work="$1"; shift
while [ "$1" != "--" ]; do mount --bind /dev/null "$1"; shift; done; shift
exec "$@"
"""


class CannotHide(RuntimeError):
    """No way to give a child its own view of the library folders here."""


def library_files(soname: str) -> list[Path]:
    """Every file the loader could find for `soname`: the names ldconfig knows and the files they point to."""
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=True).stdout
    paths = {line.rsplit("=> ", 1)[1].strip() for line in out.splitlines() if line.strip().startswith(soname + " ")}
    return sorted({Path(p) for p in paths} | {Path(os.path.realpath(p)) for p in paths})


def _unshare() -> list[str]:
    if not shutil.which("unshare") or not shutil.which("mount"):
        raise CannotHide("unshare or mount is not installed")
    return ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]


def _command(how: str, files: Sequence[Path], work: str, argv: Sequence[str]) -> list[str]:
    if how == "overlay":
        dirs = sorted({os.path.realpath(f.parent) for f in files})
        Path(work, "names").write_text("".join(f"{f.name}\n" for f in files), encoding="utf-8")
        return [*_unshare(), "sh", "-c", _OVERLAY, "hide", work, *dirs, "--", *argv]
    if how == "bind":
        return [*_unshare(), "sh", "-c", _BIND, "hide", work, *sorted({str(f) for f in files}), "--", *argv]
    raise ValueError(f"unknown PARLEY_TEST_HIDE={how!r}")


@functools.cache
def _works(how: str) -> bool:
    """Whether `how` hides a library from a child here (tried once on libc's neighbour, libz)."""
    files = library_files("libz.so.1")
    if not files:
        return False
    probe = [sys.executable, "-c", "import ctypes, sys\ntry: ctypes.CDLL('libz.so.1')\nexcept OSError: sys.exit(7)"]
    with tempfile.TemporaryDirectory() as work:
        try:
            proc = subprocess.run(_command(how, files, work, probe), capture_output=True, timeout=30)
        except (CannotHide, OSError):
            return False
    return proc.returncode == 7


def strategy() -> str:
    forced = os.environ.get("PARLEY_TEST_HIDE", "")
    if forced:
        return forced
    for how in ("overlay", "bind"):
        if _works(how):
            return how
    raise CannotHide("no private mount namespace here (needs root, or unprivileged user namespaces)")


def run_without(sonames: Sequence[str], argv: Sequence[str], env: dict[str, str], *, timeout: float = 60,
                cwd: Path | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """Run argv with the given system libraries hidden from it (raises CannotHide where that is impossible)."""
    how = strategy()
    files = [f for name in sonames for f in library_files(name)]
    if not files:
        raise CannotHide(f"{', '.join(sonames)}: not installed here, nothing to hide")
    with tempfile.TemporaryDirectory() as work:
        return subprocess.run(_command(how, files, work, argv), env=env, capture_output=True, text=True,
                              timeout=timeout, cwd=cwd)  # fmt: skip
