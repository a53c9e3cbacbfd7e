"""Qt fixtures for UI tests: the offscreen platform, a qasync loop for async tests, the real main window."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.core.runtime import Runtime
from app.ui.chat_controller import provider_choices
from app.ui.gc_guard import MainThreadGc
from app.ui.loop import ParleyLoop, cancel_pending
from app.ui.main_window import MainWindow

# Read when the QApplication is created (by the first fixture that needs it), so setting it here is early
# enough. The Xvfb test gives its own subprocess QT_QPA_PLATFORM=xcb.
os.environ["QT_QPA_PLATFORM"] = "offscreen"


# The offscreen platform cannot pass a window's minimum size on and says so when any window is shown.
# A limit of that platform plugin, not of Parley (the Xvfb test runs the real xcb platform).
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here + os.sep):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


def _qasync_loop() -> ParleyLoop:
    app = QApplication.instance() or QApplication([])
    return ParleyLoop(app)


def pytest_asyncio_loop_factories(config: pytest.Config, item: pytest.Item) -> dict[str, Callable[[], Any]]:
    """Async tests under tests/ui run on the app's own qasync loop (this conftest's hooks stop here)."""
    return {"qasync": _qasync_loop}


@pytest.fixture(autouse=True)
def parley_look(qapp: QApplication) -> Iterator[None]:
    """Every window test runs in Parley's own look (Fusion, its light palette and style sheet), as the app
    does; a test that switches to dark is switched back after it."""
    from app.ui.theme import apply_theme

    apply_theme(qapp, "light")
    yield
    apply_theme(qapp, "light")


@pytest.fixture(autouse=True)
def main_thread_gc(qapp: QApplication) -> Iterator[None]:
    """As in the app: cyclic garbage (widgets of earlier tests too) is collected on the GUI thread only."""
    gc.collect()
    guard = MainThreadGc().start()
    yield
    guard.stop()
    gc.collect()


async def wait_until(predicate: Callable[[], object], timeout: float = 10.0, what: str = "condition") -> None:
    """Poll by awaiting, so the loop keeps serving sockets, timers and Qt events meanwhile."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        await asyncio.sleep(0.01)


@pytest.fixture
async def window(qtbot: Any) -> AsyncIterator[MainWindow]:
    """The real main window with the catalog loaded, shown offscreen; its HTTP client closed afterwards."""
    services = Runtime()
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.load_providers(provider_choices())
    await win.open_store()
    win.show()
    yield win
    win.controller.stop_all()
    await wait_until(lambda: not win.controller.busy, what="the controller to wind down")
    await cancel_pending()  # a cost estimate still in flight ends here, not after the loop has stopped
    await services.aclose()
