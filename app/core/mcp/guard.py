"""Runs one stdio MCP server so that it never outlives Parley, even when Parley is killed (SIGKILL, a crash).

Usage: python -I -S guard.py PARENT_PID COMMAND [ARG...]   (stdlib only: it runs before anything is imported)

Each stdio server starts in a new session (stdio.py, as the SDK does), so the terminal's signals do not reach
it, and a server that ignores the end of its stdin (busy in a tool, or a wrapper like `npx` whose child holds
on) would be orphaned when Parley dies. This guard sits between them: it starts the server in its own process
group, hands it stdin and stdout, and when Parley is gone (Linux: PR_SET_PDEATHSIG; everywhere: the parent pid
changes) it sends SIGTERM to the whole group, then SIGKILL. When the server exits, the guard ends any processes the
server left in the group, notes the exit status on stderr (the server's log) and exits with it.
POSIX only; on Windows the SDK puts the server in a Job Object instead.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time

GRACE = 2.0  # seconds between SIGTERM and SIGKILL
POLL = 0.2  # seconds between checks that Parley is still there
EXIT_NOTE = "[parley] MCP server exited with status"


def _set_parent_death_signal() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass  # polling the parent pid still works


def _end_group(pgid: int, child: subprocess.Popen[bytes] | None) -> None:
    """SIGTERM to every process in the group but this one, then SIGKILL after the grace period."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        os.killpg(pgid, signal.SIGTERM)
    except OSError:
        return
    deadline = time.monotonic() + GRACE
    while time.monotonic() < deadline:
        if child is not None and child.poll() is None:
            time.sleep(0.05)
            continue
        if not _others_in_group(pgid):
            return
        time.sleep(0.05)
    with contextlib.suppress(OSError):
        os.killpg(pgid, signal.SIGKILL)  # this guard too: nothing is left to do


def _others_in_group(pgid: int) -> bool:
    """True while a process other than this guard is in the group (Linux /proc; elsewhere assume yes)."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return True
    me = os.getpid()
    for entry in entries:
        if not entry.isdigit() or int(entry) == me:
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != b"Z":
            return True
    return False


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        sys.stderr.write("usage: guard.py PARENT_PID COMMAND [ARG...]\n")
        return 2
    parent = int(argv[0])
    _set_parent_death_signal()
    if os.getppid() != parent:  # Parley died before the death signal was armed
        return 1
    if os.getpgid(0) != os.getpid():
        os.setpgid(0, 0)  # lead a group of our own, so that ending it ends only the server's processes
    pgid = os.getpgid(0)
    parent_gone = False

    def on_term(signum: int, frame: object) -> None:
        nonlocal parent_gone
        if os.getppid() != parent:
            parent_gone = True  # the death signal: end the group from the main loop
        # Otherwise the SDK's shutdown signalled the whole group: the server got it too; wait for it.

    signal.signal(signal.SIGTERM, on_term)
    try:
        child = subprocess.Popen(argv[1:])
    except OSError as exc:
        sys.stderr.write(f"[parley] could not start {argv[1]!r}: {exc.strerror or exc}\n")
        sys.stderr.flush()
        return 127
    # The server has the pipes now; holding them here would hide the server's exit from Parley.
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)
    while True:
        try:
            code = child.wait(timeout=POLL)
            break
        except subprocess.TimeoutExpired:
            pass
        if parent_gone or os.getppid() != parent:
            _end_group(pgid, child)
            return 1
    sys.stderr.write(f"{EXIT_NOTE} {code}\n")
    sys.stderr.flush()
    if _others_in_group(pgid):  # helpers the server started and left behind
        _end_group(pgid, None)
    return code if code >= 0 else 128 - code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
