"""The real main window for a test: the provider catalog loaded, the database opened, shown offscreen; closed
again as the app closes (every answer stopped, work still pending ended, the HTTP client closed)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from app.core.runtime import Runtime
from app.ui.chat_controller import provider_choices
from app.ui.loop import cancel_pending
from app.ui.main_window import MainWindow

from .waiting import wait_until


@asynccontextmanager
async def opened_window(qtbot: Any, runtime: Runtime | None = None, *, show: bool = True) -> AsyncIterator[MainWindow]:
    """A main window over `runtime` (a fresh one by default), its database opened (or explained, if it cannot be)."""
    runtime = runtime or Runtime()
    win = MainWindow(runtime)
    qtbot.addWidget(win)
    win.load_providers(provider_choices())
    await win.open_store()
    if show:
        win.show()
    try:
        yield win
    finally:
        win.controller.stop_all()
        await wait_until(lambda: not win.controller.busy, what="the controller to wind down")
        await cancel_pending()  # a cost estimate still in flight ends here, not after the loop has stopped
        await runtime.aclose()
