"""Streaming throughput, event-loop stalls and byte-to-pixel lag: `python -m bench.stream raw|parley URL ...`.

raw: httpx on a plain asyncio loop reads the SSE stream and decodes each delta (no Qt): the baseline.
parley: the real ChatController and ChatPanel (transcript included, answers saved to a temp database as
the app saves them) on Parley's qasync loop, offscreen; with --panes 4, four of them side by side in one
window, all streaming at once through the one shared client. Prints one JSON line: median deltas per
second over the runs, CPU time per delta, the longest gap of a 5 ms heartbeat, and the lag from the
server writing a timestamped delta to the first paint that shows it.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import json
import os
import statistics
import sys
import tempfile
import time
from typing import Any

from bench.sse_server import MARKER, PIECE

HEARTBEAT_S = 0.005
WARMUP_DELTAS = 500


class Heartbeat:
    """A task that sleeps 5 ms at a time and keeps the largest gap between its wake-ups."""

    def __init__(self) -> None:
        self.max_gap = 0.0
        self._task: asyncio.Task[None] | None = None

    def start(self) -> Heartbeat:
        self._task = asyncio.ensure_future(self._beat())
        return self

    async def _beat(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(HEARTBEAT_S)
            now = time.perf_counter()
            self.gap(last, now)
            last = now

    def gap(self, start: float, end: float) -> None:
        """One gap between two wake-ups (perf_counter seconds); kinds of heartbeat keep what they need of it."""
        self.max_gap = max(self.max_gap, end - start)

    async def stop(self) -> float:
        """Stop; the largest gap in milliseconds."""
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        return self.max_gap * 1000


def model_name(deltas: int, rate: float | None, line: int | None = None) -> str:
    return f"bench-{deltas}" + (f"@{rate:.0f}" if rate else "") + ("" if line is None else f"~{line}")


def summary(rates: list[float], cpu: list[float], stalls: list[float], lags: list[float], deltas: int, panes: int,
            model: str) -> dict[str, Any]:  # fmt: skip
    lags.sort()
    lag = None
    if lags:
        lag = {"median": round(statistics.median(lags), 1), "p95": round(lags[int(0.95 * (len(lags) - 1))], 1),
               "max": round(lags[-1], 1), "samples": len(lags)}  # fmt: skip
    return {"model": model, "deltas": deltas, "panes": panes, "runs": len(rates),
            "deltas_per_s": round(statistics.median(rates)), "rates": [round(r) for r in rates],
            "cpu_us_per_delta": round(statistics.median(cpu), 1),
            "max_stall_ms": round(max(stalls), 1), "lag_ms": lag}  # fmt: skip


# -- raw httpx ---------------------------------------------------------------------------------------
async def raw_stream(client: Any, url: str, model: str, lags: list[float]) -> int:
    body = {"model": model, "stream": True, "messages": [{"role": "user", "content": "go"}]}
    pieces = 0
    async with client.stream("POST", url + "/chat/completions", json=body) as response:
        async for line in response.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            for choice in json.loads(line[6:]).get("choices") or ():
                content = (choice.get("delta") or {}).get("content")
                if content:
                    pieces += 1
                    match = MARKER.match(content)
                    if match:
                        lags.append((time.perf_counter() - float(match.group(1))) * 1000)
    return pieces


async def run_raw(url: str, deltas: int, panes: int, runs: int, rate: float | None, line: int | None
                  ) -> dict[str, Any]:  # fmt: skip
    import httpx

    rates, cpu, stalls, lags = [], [], [], []
    async with httpx.AsyncClient(timeout=60) as client:
        await raw_stream(client, url, model_name(WARMUP_DELTAS, None), [])
        for _ in range(runs):
            beat = Heartbeat().start()
            started, cpu_started = time.perf_counter(), time.process_time()
            streams = (raw_stream(client, url, model_name(deltas, rate, line), lags) for _ in range(panes))
            counts = await asyncio.gather(*streams)
            elapsed = time.perf_counter() - started
            stalls.append(await beat.stop())
            assert counts == [deltas] * panes, counts
            rates.append(deltas * panes / elapsed)
            cpu.append((time.process_time() - cpu_started) / (deltas * panes) * 1e6)
    return summary(rates, cpu, stalls, lags, deltas, panes, model_name(deltas, rate, line))


# -- Parley's widgets --------------------------------------------------------------------------------
def run_parley(url: str, deltas: int, panes: int, runs: int, rate: float | None, line: int | None
               ) -> dict[str, Any]:  # fmt: skip
    if "PARLEY_HOME" in os.environ:
        return _run_parley(url, deltas, panes, runs, rate, line)
    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        os.environ["PARLEY_HOME"] = home  # settings, log and the database of saved answers
        return _run_parley(url, deltas, panes, runs, rate, line)


def _run_parley(url: str, deltas: int, panes: int, runs: int, rate: float | None, line: int | None
                ) -> dict[str, Any]:  # fmt: skip
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PARLEY_KEYRING"] = "memory"  # the key comes from the env var; no keychain is touched
    os.environ["OPENAI_API_KEY"] = "bench-key-not-real"
    from app.ui.gc_guard import MainThreadGc
    from app.ui.loop import ParleyLoop
    from app.ui.startup import create_application

    app = create_application([])
    collector = MainThreadGc(app).start()  # as in the app: cyclic GC on the GUI thread, on a timer
    loop = ParleyLoop(app)
    asyncio.set_event_loop(loop)
    try:
        return loop.run_until_complete(_parley_runs(url, model_name(deltas, rate, line), deltas, panes, runs,
                                                    collector))  # fmt: skip
    finally:
        loop.close()
        asyncio.set_event_loop(None)
        collector.stop()


async def _parley_runs(url: str, model: str, deltas: int, panes: int, runs: int, collector: Any) -> dict[str, Any]:
    from app.core.runtime import Runtime

    services = Runtime()
    await services.start()
    await services.open_store()  # as the app does: every answer is saved and checkpointed as it streams
    collector.freeze()  # as the app does once it is ready (app/main.py)
    rates, cpu, stalls, lags = [], [], [], []
    try:
        await _parley_once(services, url, model_name(WARMUP_DELTAS, None), WARMUP_DELTAS, panes, [])
        for _ in range(runs):
            beat = Heartbeat().start()
            cpu_started = time.process_time()
            elapsed = await _parley_once(services, url, model, deltas, panes, lags)
            cpu.append((time.process_time() - cpu_started) / (deltas * panes) * 1e6)
            stalls.append(await beat.stop())
            rates.append(deltas * panes / elapsed)
    finally:
        await services.aclose()
    return summary(rates, cpu, stalls, lags, deltas, panes, model)


async def _parley_once(services: Any, url: str, model: str, deltas: int, panes: int, lags: list[float]) -> float:
    """One streamed answer per pane into fresh panels; seconds from the sends to the last pane's final paint."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QHBoxLayout, QWidget

    from app.ui.chat_controller import ChatController, provider_choices
    from app.ui.chat_panel import ChatPanel
    from app.ui.library import Library

    class PaintLog(QObject):
        """When each paint of a transcript happened and how long its document was (cheap: no text read)."""

        def __init__(self, panel: ChatPanel) -> None:
            super().__init__(panel)
            self.panel = panel
            self.times: list[float] = []
            self.lengths: list[int] = []
            self.painted = asyncio.Event()

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.times.append(time.perf_counter())
                self.lengths.append(self.panel.transcript.document().characterCount())
                self.painted.set()
            return False

        async def next_paint(self) -> None:
            self.painted.clear()
            self.panel.transcript.viewport().update()
            await asyncio.wait_for(self.painted.wait(), 2.0)

        def lags(self) -> list[float]:
            """For each timestamped delta: its first paint's time minus the time the server wrote it."""
            text = self.panel.transcript.document().toPlainText()
            out = []
            for match in MARKER.finditer(text):
                first = bisect.bisect_right(self.lengths, match.end())  # lengths only grow while streaming
                if first < len(self.times):
                    out.append((self.times[first] - float(match.group(1))) * 1000)
            return out

    host = QWidget()
    layout = QHBoxLayout(host)
    choices = provider_choices()
    panels, logs = [], []
    library = Library(services, host)
    for _ in range(panes):
        panel = ChatPanel(ChatController(services, host), library)
        panel.set_providers(choices)
        layout.addWidget(panel)
        log = PaintLog(panel)
        panel.transcript.viewport().installEventFilter(log)
        panels.append(panel)
        logs.append(log)
    host.resize(1100 if panes == 1 else 1800, 720)
    host.show()
    await asyncio.gather(*(log.next_paint() for log in logs))
    started = time.perf_counter()
    sends = (p.controller.send("openai", model, url, "go") for p in panels)
    replies = await asyncio.gather(*sends)
    await asyncio.gather(*(log.next_paint() for log in logs))  # the final text (flushed by end_answer) on screen
    elapsed = max(log.times[-1] for log in logs) - started
    for panel, log, reply in zip(panels, logs, replies, strict=True):
        assert reply is not None and reply.status == "complete", reply
        assert panel.transcript.answer_text().count(PIECE) == deltas
        lags += log.lags()
    host.close()
    host.deleteLater()
    await asyncio.sleep(0.05)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("raw", "parley"))
    parser.add_argument("url", help="the server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--deltas", type=int, default=20_000)
    parser.add_argument("--panes", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rate", type=float, default=None, help="deltas per second per stream (default: flat out)")
    parser.add_argument("--line", type=int, default=None, help="deltas per line (server default 50; 0: no newlines)")
    options = parser.parse_args(argv)
    args = (options.url, options.deltas, options.panes, options.runs, options.rate, options.line)
    result = asyncio.run(run_raw(*args)) if options.mode == "raw" else run_parley(*args)
    print(json.dumps({"mode": options.mode, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
