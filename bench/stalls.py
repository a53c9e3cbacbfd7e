"""What the event loop was doing when it stalled: `python -m bench.stalls URL [--panes 4] [--deltas N] [--rate R]`.

Runs the `parley` mode of bench/stream.py in this process with timing wrappers around the functions named in
TIMED (those that do not exist are skipped) and around Python's garbage collections, keeps every heartbeat
wake-up, then prints the worst gaps with how long each timed function ran inside them, and a table of calls,
total and longest time per function. URL is an OpenAI-compatible base URL, e.g. from `python -m
bench.sse_server`. A diagnostic for the streaming figures of bench/run.py; it measures nothing itself.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

TIMED = (
    "qasync:_SimpleTimer.timerEvent",  # every asyncio callback (stream reads and decoding included)
    "app.ui.transcript:TranscriptView.flush",
    "app.ui.transcript:TranscriptView._paint_tail",
    "app.ui.transcript:TranscriptView.end_answer",
    "app.ui.transcript:TranscriptView._insert_entry",
    "app.ui.markdown_view:MarkdownTail.advance",
    "app.ui.markdown_view:render_markdown",
    "app.ui.chat_panel:ChatPanel._delta",
    "app.ui.chat_panel:ChatPanel._finished",
    "app.core.history:Recorder._checkpoint",
    "app.core.history:Recorder.on_finish",
    "app.core.turn_steps:StepRecorder._checkpoint",  # what a chat turn uses now (Recorder's steps, per model call)
    "app.core.turn_steps:StepRecorder.on_finish",
    "app.core.turn_steps:StepRecorder.close",
    "app.ui.gc_guard:MainThreadGc.check",
)
Span = tuple[float, float, str]


def _timed(spans: list[Span], name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spans.append((began, time.perf_counter(), name))

    return wrapper


def instrument(spans: list[Span]) -> list[str]:
    """Wrap what TIMED names; the names that were found."""
    found = []
    for target in TIMED:
        module_name, _, path = target.partition(":")
        try:
            owner: Any = importlib.import_module(module_name)
            *outer, attr = path.split(".")
            for part in outer:
                owner = getattr(owner, part)
            func = getattr(owner, attr)
        except (ImportError, AttributeError):
            continue
        setattr(owner, attr, _timed(spans, path, func))
        found.append(path)
    started: list[float] = []

    def on_gc(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[:] = [time.perf_counter()]
        elif started:
            spans.append((started[0], time.perf_counter(), f"gc generation {info['generation']}"))

    gc.callbacks.append(on_gc)
    return found


def report(spans: list[Span], beats: list[tuple[float, float]], worst: int) -> None:
    gaps = sorted(beats, key=lambda b: b[0] - b[1])[:worst]
    print(f"worst {len(gaps)} heartbeat gaps (ms), and what ran inside each:")
    for start, end in gaps:
        inside: dict[str, float] = defaultdict(float)
        for began, ended, name in spans:
            if ended > start and began < end:
                inside[name] += (min(ended, end) - max(began, start)) * 1000
        parts = ", ".join(f"{name} {ms:.1f}" for name, ms in sorted(inside.items(), key=lambda x: -x[1]) if ms >= 1)
        print(f"  {(end - start) * 1000:6.1f}: {parts}")
    total: dict[str, float] = defaultdict(float)
    longest: dict[str, float] = defaultdict(float)
    calls: dict[str, int] = defaultdict(int)
    for began, ended, name in spans:
        total[name] += ended - began
        longest[name] = max(longest[name], ended - began)
        calls[name] += 1
    print(f"\n{'function':40} {'calls':>7} {'total ms':>10} {'longest ms':>11}")
    for name in sorted(total, key=lambda n: -total[n]):
        print(f"{name:40} {calls[name]:7d} {total[name] * 1000:10.1f} {longest[name] * 1000:11.1f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--panes", type=int, default=4)
    parser.add_argument("--deltas", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=None, help="deltas per second per stream (default: flat out)")
    parser.add_argument("--worst", type=int, default=12, help="how many of the worst gaps to show")
    options = parser.parse_args(argv)
    from bench import stream

    spans: list[Span] = []
    found = instrument(spans)
    beats: list[tuple[float, float]] = []

    async def beat(self: stream.Heartbeat) -> None:  # the heartbeat of bench/stream.py, keeping every gap
        last = time.perf_counter()
        while True:
            await stream.asyncio.sleep(stream.HEARTBEAT_S)
            now = time.perf_counter()
            beats.append((last, now))
            self.max_gap = max(self.max_gap, now - last)
            last = now

    stream.Heartbeat._beat = beat  # type: ignore[method-assign]
    result = stream.run_parley(options.url, options.deltas, options.panes, 1, options.rate, None)
    print(f"{result['deltas_per_s']:,} deltas/s, {result['cpu_us_per_delta']} us CPU per delta, "
          f"worst stall {result['max_stall_ms']} ms; timed: {', '.join(found)}\n")  # fmt: skip
    report(spans, beats, options.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
