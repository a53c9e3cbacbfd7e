"""Wires the desktop app: QApplication, crash handler, qasync loop, shared services and the main window.

Environment:
    PARLEY_EXIT_AFTER_SHOW=1     close the window right after its first paint (and the start-up work
                                 that follows it), shut down as usual, and print one JSON line to stdout
                                 with what happened. For smoke tests of installs and frozen builds.
    PARLEY_EXIT_AFTER_SHOW=exit  the same, but end Qt's event loop under the open window with
                                 QApplication.exit(), to check that shutdown still closes everything.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from app.ui.services import Services

EXIT_AFTER_SHOW_ENV = "PARLEY_EXIT_AFTER_SHOW"
FIRST_PAINT_TIMEOUT = 5.0  # seconds; a hidden or minimised window may never paint


def create_application(args: Sequence[str]) -> QApplication:
    """The QApplication. Qt takes the options it knows (-platform, -style...); the rest are ignored."""
    from PySide6.QtWidgets import QApplication

    from app.ui.resources import app_icon

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] or "parley", *args])
    app.setApplicationName("Parley")
    app.setOrganizationName("Parley")
    app.setDesktopFileName("parley")
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)  # the main coroutine ends the loop, after cleaning up
    return app


def run_gui(args: Sequence[str]) -> int:
    """Open the main window and run until it is closed. Returns the process exit status."""
    if "--smoke-test" in args:  # a frozen build's self-check (packaging/README.md)
        from app.ui.smoke import run_smoke_test

        return run_smoke_test(args)
    t0 = time.perf_counter()
    from app.ui.desktop_check import desktop_ready  # before anything imports PySide6

    if not desktop_ready(args):  # no desktop, or Qt's platform cannot load: said why, exit 1
        return 1
    from app.ui.crash import CrashHandler, setup_logging
    from app.ui.gc_guard import MainThreadGc
    from app.ui.loop import ParleyLoop
    from app.ui.main_window import MainWindow
    from app.ui.services import Services

    log_path = setup_logging()
    app = create_application(args)
    from app.ui.theme import apply_saved_theme

    apply_saved_theme(app)  # light, dark or the system's (settings.theme)
    _log_start(args)
    instance = _single_instance_lock()
    if instance is None:
        return _already_running()
    crash = CrashHandler(log_path).install()
    collector = MainThreadGc(app).start()
    loop = ParleyLoop(app)
    asyncio.set_event_loop(loop)
    services = Services()
    window = MainWindow(services)
    crash.parent = window
    report: dict[str, Any] = {}
    try:
        main = loop.create_task(_run(window, services, t0, report, collector.freeze))
        try:
            loop.run_until_complete(main)
        except RuntimeError:
            if main.done():
                raise
            # Qt's own loop ended under the open window (QApplication.exit() somewhere): wind down anyway.
            logging.getLogger("parley").info("the Qt event loop quit before the window was closed")
        loop.run_until_complete(_shutdown(services, report))
        loop.run_until_complete(loop.shutdown_asyncgens())
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()
        instance.unlock()
    if os.environ.get(EXIT_AFTER_SHOW_ENV):
        print(json.dumps(report), flush=True)
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


async def _run(window: MainWindow, services: Services, t0: float, report: dict[str, Any],
               settled: Callable[[], None] = lambda: None) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.chat_controller import provider_choices

    closed = asyncio.Event()
    painted = asyncio.Event()
    window.closed.connect(closed.set)
    window.first_painted.connect(painted.set)
    _restore_layout(window)
    window.show()
    with contextlib.suppress(asyncio.TimeoutError):  # on 3.10 not the builtin TimeoutError
        await asyncio.wait_for(painted.wait(), FIRST_PAINT_TIMEOUT)
    report["painted"] = painted.is_set()
    report["first_paint_ms"] = round((time.perf_counter() - t0) * 1000)
    await services.start()  # httpx and the adapters load now, off the loop, after the window is up
    window.load_providers(provider_choices())
    await window.open_store()
    await window.show_first_run()  # saved providers and presets; the welcome view on a first run
    report["ready_ms"] = round((time.perf_counter() - t0) * 1000)
    if services.store_problem:
        report["store_problem"] = services.store_problem
        logging.getLogger("parley").warning("%s", services.store_problem)
    settled()  # start-up's objects live as long as the app: later collections skip them (gc_guard)
    how = os.environ.get(EXIT_AFTER_SHOW_ENV)
    if how == "1":
        QTimer.singleShot(0, window, window.close)
    elif how == "exit":
        QTimer.singleShot(0, QApplication.exit)
    await closed.wait()


async def _shutdown(services: Services, report: dict[str, Any]) -> None:
    from app.ui.loop import cancel_pending

    await cancel_pending()
    await services.aclose()
    report["client_opened"] = services.client_opened
    report["client_closed"] = services.client_closed
