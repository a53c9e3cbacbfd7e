"""The window's start and end, shared by `python -m app` and the frozen build's smoke test."""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication

    from app.core.runtime import Runtime

    from .crash import CrashHandler
    from .gc_guard import MainThreadGc
    from .loop import ParleyLoop
    from .main_window import MainWindow
    from .shell import Shell

FIRST_PAINT_TIMEOUT = 5.0  # seconds; a hidden or minimised window may never paint


def create_application(args: Sequence[str]) -> QApplication:
    """The QApplication. Qt takes the options it knows (-platform, -style...); the rest are ignored."""
    from PySide6.QtWidgets import QApplication

    from .pyside_hook import lighten

    lighten()  # before the window's modules are imported
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0] or "parley", *args])
    app.setApplicationName("Parley")
    app.setOrganizationName("Parley")
    app.setDesktopFileName("parley")  # the desktop's own icon for Parley; the window's comes with open_window
    app.setQuitOnLastWindowClosed(False)  # the main coroutine ends the loop, after cleaning up
    apply_saved_language(app)  # before any widget is made: widgets take their words when built
    return app


def apply_saved_language(app: QApplication) -> str:
    """The window's language from the settings file (or PARLEY_LANGUAGE, or the system's). Returns it."""
    from app.core.early_settings import saved_language

    from .i18n import install, startup_language

    return install(app, startup_language(saved_language()))


@dataclass
class Session:
    """Everything a running window holds, in the order it was made."""

    app: QApplication
    log_path: Path | None
    crash: CrashHandler
    collector: MainThreadGc
    loop: ParleyLoop
    runtime: Runtime
    window: MainWindow
    shell: Shell | None = None  # the first window painted (shell.py), until the real one is painted

    def close(self) -> None:
        """After the loop's last task: async generators closed, the loop closed, the collector stopped."""
        import asyncio

        try:
            self.loop.run_until_complete(self.loop.shutdown_asyncgens())
        finally:
            self.loop.close()
            asyncio.set_event_loop(None)
            self.collector.stop()


def open_window(app: QApplication, log_path: Path | None, shell: Shell | None = None) -> Session:
    """The crash handler, the collector that runs on the GUI thread, the qasync loop, the runtime and the
    (not yet shown) main window, which will take the place of `shell` if there is one."""
    import asyncio

    from app.core.allocator import limit_arenas
    from app.core.runtime import Runtime

    from .crash import CrashHandler
    from .gc_guard import MainThreadGc
    from .loop import ParleyLoop
    from .main_window import MainWindow
    from .resources import app_icon

    limit_arenas()  # before the loop's worker threads (after the first paint: ctypes costs ~2 ms to import)
    app.setWindowIcon(app_icon())  # after the first paint: reading the SVG loads Qt's SVG engine (~8 ms)
    crash = CrashHandler(log_path).install()
    collector = MainThreadGc(app).start()
    loop = ParleyLoop(app)
    asyncio.set_event_loop(loop)
    runtime = Runtime()
    window = MainWindow(runtime)
    crash.parent = window
    forget_sources()
    return Session(app, log_path, crash, collector, loop, runtime, window, shell)


async def bring_up(session: Session, t0: float, report: dict[str, Any],
                   paint_timeout: float = FIRST_PAINT_TIMEOUT) -> None:
    """Show the window and wait for its first paint; then, off the loop, httpx and the adapters, the provider
    list, the database, and the saved settings (or the welcome view on a first run). A shell painted before
    (shell.py) hands its place to the window and goes once the window is painted; `first_paint_ms` is then the
    shell's, as set by the caller, and `window_paint_ms` the window's."""
    import asyncio

    from .chat_controller import provider_choices

    window, runtime, shell = session.window, session.runtime, session.shell
    painted = asyncio.Event()
    window.first_painted.connect(painted.set)
    if shell is not None:
        shell.hand_over(window)
    window.show()
    with contextlib.suppress(asyncio.TimeoutError):  # on 3.10 not the builtin TimeoutError
        await asyncio.wait_for(painted.wait(), paint_timeout)
    if shell is not None:
        session.shell = None
        shell.retire()
        if shell.close_requested:
            window.close()
    report["painted"] = painted.is_set()
    report["window_paint_ms"] = round((time.perf_counter() - t0) * 1000)
    report.setdefault("first_paint_ms", report["window_paint_ms"])
    await runtime.start()  # httpx and the adapters load now, off the loop, after the window is up
    window.load_providers(provider_choices())
    await window.open_store()
    runtime.cost_lookups.start()  # exact costs still owed are looked up now and every 15 minutes
    forget_sources()


def forget_sources() -> None:
    """Drop the source lines PySide6 reads of every module imported after it (to look for `__feature__`
    switches) and keeps in `linecache`: ~13 MB at start-up, read again from disk if a traceback needs them."""
    import linecache

    linecache.clearcache()


async def shut_down(session: Session) -> None:
    """Cancel what is left on the loop, then close the database and the HTTP client."""
    from .loop import cancel_pending

    await cancel_pending()
    await session.runtime.aclose()
