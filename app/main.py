"""Wires the desktop app: QApplication, crash handler, qasync loop, shared services and the main window.

Environment:
    PARLEY_EXIT_AFTER_SHOW=1     close the window right after its first paint (and the start-up work
                                 that follows it), shut down as usual, and print one JSON line to stdout
                                 with what happened. For smoke tests of installs and frozen builds.
    PARLEY_EXIT_AFTER_SHOW=exit  the same, but end Qt's event loop under the open window with
                                 QApplication.exit(), to check that shutdown still closes everything.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.startup import Session

EXIT_AFTER_SHOW_ENV = "PARLEY_EXIT_AFTER_SHOW"


def run_gui(args: Sequence[str]) -> int:
    """Open the main window and run until it is closed. Returns the process exit status."""
    if "--smoke-test" in args:  # a frozen build's self-check (packaging/README.md)
        from app.ui.smoke import run_smoke_test

        return run_smoke_test(args)
    t0 = time.perf_counter()
    from app.ui.desktop_start import desktop_ready  # before anything imports PySide6

    if not desktop_ready(args):  # no desktop, or Qt's platform cannot load: said why, exit 1
        return 1
    # First a plain window in the saved theme, painted before asyncio, qasync and the window's modules load.
    from app.core.early_settings import early_settings
    from app.ui.shell import Shell
    from app.ui.startup import FIRST_PAINT_TIMEOUT, create_application
    from app.ui.theme import apply_theme

    saved = early_settings()
    app = create_application(args)
    apply_theme(app, saved.theme)  # light, dark or the system's (settings.theme)
    instance = _single_instance_lock()
    if instance is None:
        return _already_running()
    shell = Shell(saved.geometry)
    shell.show_painted(FIRST_PAINT_TIMEOUT)
    painted = time.perf_counter()
    first_paint_ms = round((painted - t0) * 1000)
    # Then the real window, which takes the shell's place once it is painted.
    from app.ui.crash import setup_logging
    from app.ui.startup import open_window

    log_path = setup_logging()
    _log_start(args)
    session = open_window(app, log_path, shell)
    # paint_at: the monotonic clock at the first paint, so whoever started the process (bench/run.py, for the
    # frozen build where nothing can be timed before run_gui) can tell how long the whole start took.
    report: dict[str, Any] = {"first_paint_ms": first_paint_ms, "paint_at": painted}
    try:
        main = session.loop.create_task(_run(session, t0, report))
        try:
            session.loop.run_until_complete(main)
        except RuntimeError:
            if main.done():
                raise
            # Qt's own loop ended under the open window (QApplication.exit() somewhere): wind down anyway.
            logging.getLogger("parley").info("the Qt event loop quit before the window was closed")
        session.loop.run_until_complete(_shutdown(session, report))
    finally:
        session.close()
        instance.unlock()
    if os.environ.get(EXIT_AFTER_SHOW_ENV):
        print(json.dumps(report), flush=True)
    if session.window.restart_requested:  # View > Language > Restart now: the same command again, lock released
        logging.getLogger("parley").info("restarting for a new language")
        os.execv(sys.executable, [sys.executable, *sys.orig_argv[1:]])
    return 0


def _restore_layout(window: MainWindow) -> None:
    """The window's size, place and splitter as the user left them (a damaged settings file is survived)."""
    from app.core.settings import load_settings

    with contextlib.suppress(OSError):
        window.restore_layout(load_settings().settings.window_state)


class _NoLock:
    """Stands in for the lock when none can be taken (a read-only data folder): the window still opens."""

    def unlock(self) -> None:
        pass


def _single_instance_lock() -> Any:
    """A lock file in the data dir held while this window runs; None if another Parley window holds it.
    (The CLI does not take it: it may run beside the window, and the store is safe for both.) When the lock
    cannot be written at all, the window opens without it: the store then says why nothing is saved."""
    from PySide6.QtCore import QLockFile

    from app.core.paths import data_dir

    log = logging.getLogger("parley")
    try:
        path = data_dir() / "parley-window.lock"
    except OSError as exc:
        log.warning("no single-instance lock: the data folder cannot be made (%s)", exc)
        return _NoLock()
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # a lock left by a crashed window is taken over (Qt checks the PID)
    if lock.tryLock(200):
        return lock
    if lock.error() == QLockFile.LockError.LockFailedError:
        return None  # another window holds it
    log.warning("no single-instance lock: %s cannot be written (%s)", path, lock.error().name)
    return _NoLock()


def _already_running() -> int:
    """A second window would fight the first over the same conversations: say so and leave."""
    import logging

    message = "Parley is already open in another window. Switch to it (this second copy will close)."
    logging.getLogger("parley").warning("second instance refused: another window holds the lock")
    print(message, file=sys.stderr)
    if os.environ.get(EXIT_AFTER_SHOW_ENV) is None and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(None, "Parley", message)
    return 0


def _log_start(args: Sequence[str]) -> None:
    import PySide6

    logging.getLogger("parley").info("Parley starting: Python %s, PySide6 %s, args %s",
                                     sys.version.split()[0], PySide6.__version__, list(args))  # fmt: skip


async def _run(session: Session, t0: float, report: dict[str, Any]) -> None:
    import asyncio

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.startup import bring_up

    window, runtime = session.window, session.runtime
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    _restore_layout(window)
    await bring_up(session, t0, report)
    await window.show_first_run()  # saved providers and presets; the welcome view on a first run
    report["ready_ms"] = round((time.perf_counter() - t0) * 1000)
    if runtime.store_problem:
        report["store_problem"] = window.library.problem
        logging.getLogger("parley").warning("%s", window.library.problem)
    session.collector.freeze()  # start-up's objects live as long as the app: later collections skip them
    how = os.environ.get(EXIT_AFTER_SHOW_ENV)
    if how == "1":
        QTimer.singleShot(0, window, window.close)
    elif how == "exit":
        QTimer.singleShot(0, QApplication.exit)
    await closed.wait()


async def _shutdown(session: Session, report: dict[str, Any]) -> None:
    from app.ui.startup import shut_down

    await shut_down(session)
    report["client_opened"] = session.runtime.client_opened
    report["client_closed"] = session.runtime.client_closed
