"""Opening a 2,000-message conversation in the real window, from the click to the first paint.

`python -m bench.open_conversation [--messages N] [--runs R]` (offscreen) prints one JSON line. Parley:
`MainWindow.open_conversation` (what a click in the sidebar does: `Store.thread()`, Markdown to HTML for
every answer, one `setHtml`, the cost total), then the transcript's next paint: first with the Markdown
cache empty (`total_ms`, the first open in a session), then again (`reopen_ms`); `thread_ms` and
`html_ms` time those two steps again on their own. Baseline: the same rows read with one raw query and shown with
one `setPlainText` in a plain QTextBrowser: the floor for putting that much text on screen. Before either, the
modules the app loads right after its first paint are loaded here too (`Services.start()`).
`--formulas N` puts N formulas into the answers: the first open then draws them all (and loads ziamath), the
reopen finds them cached.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["PARLEY_KEYRING"] = "memory"

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from .corpus import add_formulas, fill


class Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.at is None:
            self.at = time.perf_counter()
        return False


def next_paint(view: QTextBrowser) -> float:
    """Process events until the view paints; returns when it did."""
    probe = Painted()
    view.viewport().installEventFilter(probe)
    view.viewport().update()
    deadline = time.perf_counter() + 20
    while probe.at is None and time.perf_counter() < deadline:
        QApplication.processEvents()
    view.viewport().removeEventFilter(probe)
    assert probe.at is not None, "no paint within 20 s"
    return probe.at


def shown(widget: QWidget) -> None:
    widget.show()
    deadline = time.perf_counter() + 2
    while time.perf_counter() < deadline and not widget.isVisible():
        QApplication.processEvents()


def open_in_window(path: Path, cid: int) -> dict[str, float]:
    """First open in a session (Markdown caches empty), then a reopen (caches warm)."""
    from app.core.runtime import Runtime
    from app.store import open_store
    from app.ui import markdown_view
    from app.ui.library import entries
    from app.ui.main_window import MainWindow

    def forget_rendered() -> None:
        clear = getattr(markdown_view.render_markdown, "cache_clear", None)
        if clear is not None:
            clear()
        figure_view = sys.modules.get("app.ui.figure_view")  # drawn formulas and diagrams, where there are any
        if figure_view is not None:
            figure_view._images.clear()
        math_image = sys.modules.get("app.ui.math_image")
        if math_image is not None:
            math_image.math_svg.cache_clear()

    services = Runtime()
    services.store = open_store(path)
    window = MainWindow(services)
    shown(window)
    transcript = window.chat_panel.transcript
    next_paint(transcript)  # the window is up before the conversation is picked
    forget_rendered()
    started = time.perf_counter()
    window.open_conversation(cid)
    total = (next_paint(transcript) - started) * 1000
    started = time.perf_counter()
    window.open_conversation(cid)
    reopen = (next_paint(transcript) - started) * 1000
    began = time.perf_counter()
    rows = services.store.thread(cid)
    thread_ms = (time.perf_counter() - began) * 1000
    forget_rendered()
    began = time.perf_counter()
    markdown_view.thread_html(entries(rows, window.chat_panel.label))
    html_ms = (time.perf_counter() - began) * 1000
    window.close()
    window.deleteLater()
    services.store.close()
    return {"total_ms": total, "thread_ms": thread_ms, "html_ms": html_ms, "qt_ms": total - thread_ms - html_ms,
            "reopen_ms": reopen}  # fmt: skip


def open_plain(path: Path, cid: int) -> dict[str, float]:
    view = QTextBrowser()
    view.resize(880, 640)
    shown(view)
    next_paint(view)
    conn = sqlite3.connect(str(path))
    started = time.perf_counter()
    rows = conn.execute("SELECT role, content FROM messages WHERE conversation_id = ? ORDER BY id", (cid,)).fetchall()
    loaded = time.perf_counter()
    view.setPlainText("\n\n".join(f"{role}\n{content}" for role, content in rows))
    painted = next_paint(view)
    conn.close()
    view.close()
    view.deleteLater()
    return {"total_ms": (painted - started) * 1000, "thread_ms": (loaded - started) * 1000,
            "qt_ms": (painted - loaded) * 1000}  # fmt: skip


async def warm_up() -> None:
    """What the app has done by the time a conversation can be clicked: `Services.start()` right after the
    first paint (the adapters, the store and the price catalog imported), so the first open does not pay it."""
    from app.core.runtime import Runtime

    services = Runtime()
    try:
        await services.start()
    finally:
        await services.aclose()


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 1) for k in runs[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formulas", type=int, default=0, help="formulas to put into the answers")
    options = parser.parse_args(argv)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as folder:
        os.environ["PARLEY_HOME"] = folder
        asyncio.run(warm_up())
        from app.store import open_store

        path = Path(folder) / "open.db"
        with open_store(path) as store:
            (cid,) = fill(store, 1, options.messages)
            holding = add_formulas(store, cid, options.formulas) if options.formulas else 0
        parley: list[dict[str, float]] = []
        plain: list[dict[str, float]] = []
        for _ in range(options.runs):  # alternated, so both see the same machine load
            parley.append(open_in_window(path, cid))
            plain.append(open_plain(path, cid))
        with closing(sqlite3.connect(str(path))) as conn:
            characters = sum(len(text) for (text,) in conn.execute("SELECT content FROM messages"))
    result: dict[str, Any] = {"messages": options.messages, "characters": characters, "runs": options.runs,
                              "formulas": holding, "parley": medians(parley), "plain": medians(plain)}  # fmt: skip
    print(json.dumps(result), flush=True)
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
