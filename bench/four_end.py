"""Four long answers ending in the same frame: `python -m bench.four_end URL [--tokens 8000] [--runs 3] [--sync-end]`.

The real main window opens the real comparison panel (offscreen) with four panes on one OpenAI-compatible model of
bench/sse_server.py (`rich-N@R!T`: N tokens of Markdown with code blocks, tables, lists and formulas, paced at R
tokens a second, the end held until the clock reads T), so the four answers stream side by side and end at the
same moment (a second after the last token is due). A 5 ms
heartbeat keeps every gap of the event loop. Prints one JSON line: the longest gap from the first answer's end
until every pane shows its final drawing (`end_max_stall_ms`), the longest while they streamed
(`stream_max_stall_ms`), and how far apart the four ends were. `--sync-end`: each ended answer rendered and drawn
again on the GUI thread at once, as before the final drawing moved to a worker (a baseline for the same run).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from typing import Any

from bench.stream import Heartbeat

Gap = tuple[float, float]


class Beats(Heartbeat):
    """A 5 ms heartbeat that keeps every gap between its wake-ups, as (start, end)."""

    def __init__(self) -> None:
        super().__init__()
        self.gaps: list[Gap] = []

    def gap(self, start: float, end: float) -> None:
        self.gaps.append((start, end))

    def longest(self, begin: float, end: float) -> float:
        """The longest gap (ms) that overlaps [begin, end]."""
        return max(((b - a) * 1000 for a, b in self.gaps if b > begin and a < end), default=0.0)


def open_window(home: str) -> tuple[Any, Any, Any]:
    """(application, loop, collector): Parley's QApplication, qasync loop and main-thread GC, as app/main.py
    makes them, over a profile in `home` (the key from the env var; no keychain touched)."""
    os.environ.update({"PARLEY_HOME": home, "QT_QPA_PLATFORM": "offscreen", "PARLEY_KEYRING": "memory",
                       "OPENAI_API_KEY": "bench-key-not-real"})  # fmt: skip
    from app.core.allocator import limit_arenas
    from app.ui.gc_guard import MainThreadGc
    from app.ui.loop import ParleyLoop
    from app.ui.startup import create_application

    application = create_application([])
    limit_arenas()  # as app/ui/startup.open_window does, before the loop's threads
    collector = MainThreadGc(application).start()
    loop = ParleyLoop(application)
    asyncio.set_event_loop(loop)
    return application, loop, collector


async def main_window(collector: Any) -> Any:
    """The real main window over a fresh runtime, its database open, shown."""
    from app.core.runtime import Runtime
    from app.ui.chat_controller import provider_choices
    from app.ui.main_window import MainWindow

    runtime = Runtime()
    await runtime.start()
    window = MainWindow(runtime)
    window.load_providers(provider_choices())
    await window.open_store()
    window.resize(1280, 800)
    window.show()
    collector.freeze()  # as the app does once it is ready (app/main.py)
    return window


async def drawn(panel: Any) -> None:
    """Until every pane shows its answer's final drawing (none waits for the worker), and a frame has passed."""
    while any(getattr(pane.view, "_ending", None) is not None for pane in panel.panes):  # noqa: ASYNC110 (no event)
        await asyncio.sleep(0.002)
    await asyncio.sleep(0.05)


async def compare_once(window: Any, url: str, model: str, panes: int, beats: Beats | None = None
                       ) -> dict[str, float]:  # fmt: skip
    """One comparison of `panes` panes on `model` in the window's comparison panel; its ends and stalls."""
    from app.ui.compare_controller import PaneTarget

    window.open_compare()
    panel = window.compare_panel
    panel.resize(1600, 900)  # as open_compare_panel sizes it on a 1920 x 1080 screen (offscreen's is 800 x 600)
    tokens, rate = (int(x) for x in model.removeprefix("rich-").split("@"))
    hold = time.perf_counter() + tokens / rate + 1.0  # the four ends are held until then (bench/sse_server.py)
    panel.set_targets([PaneTarget("openai", f"{model}!{hold:.6f}@{url}") for _ in range(panes)])
    panel.prompt_edit.setPlainText("Explain caching, with code, a table and formulas.")
    ends: list[float] = []

    def ended(_position: int, _reply: Any) -> None:
        ends.append(time.perf_counter())

    panel.controller.pane_finished.connect(ended)
    own = beats is None
    beats = Beats().start() if beats is None else beats
    started = time.perf_counter()
    try:
        replies = await panel.send()
        await drawn(panel)
    finally:
        panel.controller.pane_finished.disconnect(ended)
    done = time.perf_counter()
    if own:
        await beats.stop()
    assert replies is not None and all(r.status == "complete" for r in replies), replies
    return {"end_max_stall_ms": round(beats.longest(min(ends), done), 1),
            "stream_max_stall_ms": round(max(((b - a) * 1000 for a, b in beats.gaps if started < b < min(ends)),
                                             default=0.0), 1),
            "end_spread_ms": round((max(ends) - min(ends)) * 1000, 1),
            "ends_to_drawn_ms": round((done - 0.05 - min(ends)) * 1000, 1),
            "pane_width": panel.panes[0].view.viewport().width()}  # fmt: skip


def run(url: str, tokens: int, rate: int, runs: int, sync_end: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        _app, loop, collector = open_window(home)
        if sync_end:
            import app.ui.transcript

            app.ui.transcript.OFF_THREAD_CHARS = sys.maxsize  # type: ignore[attr-defined]
            app.ui.transcript.TranscriptView._streamed_html = lambda *_: None  # type: ignore[method-assign]
        try:
            return loop.run_until_complete(_runs(url, tokens, rate, runs, collector))  # type: ignore[no-any-return]
        finally:
            loop.close()
            asyncio.set_event_loop(None)
            collector.stop()


async def _runs(url: str, tokens: int, rate: int, runs: int, collector: Any) -> dict[str, Any]:
    window = await main_window(collector)
    try:
        await compare_once(window, url, f"rich-300@{rate}", 4)  # warm-up: modules, fonts, lexers
        results = [await compare_once(window, url, f"rich-{tokens}@{rate}", 4) for _ in range(runs)]
    finally:
        window.compare_panel.close()
        window.controller.stop_all()
        await window.runtime.aclose()
    return {"tokens": tokens, "rate": rate, "runs": runs, "chars": None,
            "end_max_stall_ms": max(r["end_max_stall_ms"] for r in results),
            "stream_max_stall_ms": max(r["stream_max_stall_ms"] for r in results),
            "end_spread_ms": max(r["end_spread_ms"] for r in results),
            "ends_to_drawn_ms": max(r["ends_to_drawn_ms"] for r in results),
            "pane_width": results[0]["pane_width"], "each": results}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--tokens", type=int, default=8000, help="tokens per answer")
    parser.add_argument("--rate", type=int, default=1000, help="tokens per second per answer")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sync-end", action="store_true", help="draw ended answers again on the GUI thread")
    options = parser.parse_args(argv)
    result = run(options.url, options.tokens, options.rate, options.runs, options.sync_end)
    from bench.sse_server import rich_tokens

    result["chars"] = len("".join(rich_tokens(options.tokens)))
    print(json.dumps({"sync_end": options.sync_end, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
