"""Qt fixtures for UI tests: the offscreen platform, a qasync loop for async tests, the real main window.

Helpers shared by tests live in tests/support (`wait_until` is in tests/support/waiting.py)."""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.gc_guard import MainThreadGc
from app.ui.loop import ParleyLoop
from app.ui.main_window import MainWindow
from tests.support.keys import FAKE_KEY
from tests.support.loopback import LoopbackServer
from tests.support.waiting import wait_until  # noqa: F401  (test_settings_panel.py imports it from here)
from tests.support.windows import opened_window

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


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    """An OpenAI key in the environment, as a user who exported OPENAI_API_KEY has."""
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)


@pytest.fixture
def servers() -> Iterator[list[LoopbackServer]]:
    """Four loopback servers (a comparison's panes, each its own)."""
    started = [LoopbackServer().start() for _ in range(4)]
    yield started
    for server in started:
        server.stop()


@pytest.fixture
async def window(qtbot: Any) -> AsyncIterator[MainWindow]:
    """The real main window with the catalog loaded, shown offscreen; its HTTP client closed afterwards."""
    async with opened_window(qtbot) as win:
        yield win
