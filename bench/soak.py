"""A day of use in one process: `python -m bench.soak URL [--answers 2000] [--conversations 100] [--comparisons 50]`.

The real main window (offscreen, a fresh profile, answers saved as the app saves them) asks bench/sse_server.py's
`rich-N` model for `--answers` Markdown answers (code blocks, tables, lists, formulas), spread round-robin over
`--conversations` conversations (each prompt sent in the conversation opened from the sidebar's way in,
`open_conversation`, so every answer means a switch, the prompt sent once what is due is drawn: a long one is
drawn newest first, a screen of older messages above over the next turns, the rest only if scrolled to); every so
often a four-pane comparison in the comparison panel (`--comparisons` runs in all), and the cost panel, open from
the start of the second answer on, refreshed every few answers. Between an answer's end and the next switch the
loop idles 20 ms (a person's next click never lands in the same frame). The resident set size (RSS,
/proc/self/statm) is sampled as it goes; a 5 ms heartbeat keeps the longest gaps of the event loop. Prints one
JSON line: RSS growth from the end of the warm-up (the first 10% of answers) to the end, the slope over the
second half (MB per 1,000 answers; <= 0: no upward trend), the worst stall after the warm-up, and how long it
all took. With glibc, also the blocks malloc holds in use at the same points once a new chat has replaced the
conversation on screen (`soak_second_half_heap_slope_...`): what the app keeps, apart from the conversation shown
and from the allocator's free space. `--quick`: 200 answers, 20 conversations, 5 comparisons.
"""

from __future__ import annotations

import argparse
import asyncio
import ctypes
import json
import os
import sys
import tempfile
import time
from typing import Any

from bench.four_end import compare_once, main_window, open_window
from bench.stream import HEARTBEAT_S, Heartbeat

PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20
PAUSE_S = 0.02  # between an answer's end and the next switch: a person never clicks within the same millisecond


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE_MB


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in  # glibc's struct mallinfo2, in order
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]  # fmt: skip


def _mallinfo2() -> Any:
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
    except (OSError, AttributeError):  # not glibc, or older than 2.33
        return None
    return libc.mallinfo2


MALLINFO2 = _mallinfo2()


def heap_in_use_mb() -> float | None:
    """The blocks malloc has handed out and not had back (mmapped ones included), in MB; None without glibc."""
    if MALLINFO2 is None:
        return None
    info = MALLINFO2()
    return round((info.uordblks + info.hblkhd) / 2**20, 1)


class Stalls(Heartbeat):
    """A 5 ms heartbeat keeping only the longest gaps (a list of every gap would itself grow for the whole day)."""

    def __init__(self, keep: int = 8) -> None:
        super().__init__()
        self.keep = keep
        self.worst: list[tuple[float, str]] = []  # (ms, what was going on)
        self.over_50 = 0
        self.doing = "warm-up"
        self.counting = False

    def gap(self, start: float, end: float) -> None:
        if not self.counting:
            return
        ms = (end - start) * 1000
        self.over_50 += ms > 50
        if len(self.worst) < self.keep or ms > self.worst[-1][0]:
            self.worst = sorted([*self.worst, (round(ms, 1), self.doing)], reverse=True)[: self.keep]


def slope(points: list[tuple[int, float]]) -> float:
    """Least-squares slope of (answers, MB), in MB per 1,000 answers."""
    n = len(points)
    if n < 2:
        return 0.0
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    var = sum((x - mx) ** 2 for x, _ in points)
    return 0.0 if not var else sum((x - mx) * (y - my) for x, y in points) / var * 1000


async def day(url: str, answers: int, conversations: int, comparisons: int, tokens: int, collector: Any
              ) -> dict[str, Any]:  # fmt: skip
    from app.ui.cost_panel import refresh_open_cost_panel

    window = await main_window(collector)
    controller = window.controller
    transcript = window.chat_panel.transcript
    ids: list[int | None] = [None] * conversations
    every = max(1, answers // max(1, comparisons)) if comparisons else 0
    warm = max(1, answers // 10)
    samples: list[tuple[int, float]] = []
    heap: list[tuple[int, float | None]] = []  # malloc's blocks in use, a new chat on screen
    stalls = Stalls().start()
    started = time.perf_counter()
    times: dict[str, float] = {"answers_s": 0.0, "comparisons_s": 0.0}
    runs = 0
    try:
        for i in range(answers):
            c = i % conversations
            stalls.doing = f"switching to conversation {c}"
            if ids[c] is None:
                window.new_chat()
            else:
                window.open_conversation(ids[c])
            await asyncio.sleep(2 * HEARTBEAT_S)  # the heartbeat wakes (and blames the switch for its gap)
            while transcript.drawing_older:  # noqa: ASYNC110 (a person reads first: the prompt goes once it is drawn)
                await asyncio.sleep(HEARTBEAT_S)
            stalls.doing = f"answer {i}"
            began = time.perf_counter()
            reply = await controller.send("openai", f"rich-{tokens}+{i % 97 + 1}", url,
                                          f"Question {i}: how does the cache behave here?")  # fmt: skip
            times["answers_s"] += time.perf_counter() - began
            assert reply is not None and reply.status == "complete", reply
            ids[c] = controller.conversation_id
            stalls.doing = f"after answer {i}"
            await asyncio.sleep(PAUSE_S)  # the answer's end drawn before the next click
            if i == 1:
                window.open_costs()
            elif i % 10 == 0:
                stalls.doing = "refreshing the cost panel"
                refresh_open_cost_panel(window)
            if every and i % every == every - 1 and runs < comparisons:
                stalls.doing = f"comparison {runs}"
                began = time.perf_counter()
                await compare_once(window, url, f"rich-{tokens}@100000", 4)  # (paced flat out: ends held together)
                times["comparisons_s"] += time.perf_counter() - began
                runs += 1
            if i + 1 == warm:
                stalls.counting = True
            if (i + 1) % max(1, answers // 40) == 0 or i + 1 == answers:
                await asyncio.sleep(0.05)  # let the collector's timer and deferred deletes run
                samples.append((i + 1, round(rss_mb(), 1)))
                window.new_chat()  # what is kept apart from the conversation on screen (the next answer switches)
                await asyncio.sleep(0.05)
                heap.append((i + 1, heap_in_use_mb()))
    finally:
        await stalls.stop()
        if window.compare_panel is not None:
            window.compare_panel.close()
        controller.stop_all()
        await window.runtime.aclose()
    elapsed = time.perf_counter() - started
    after_warm = next(mb for n, mb in samples if n >= warm)
    half = [(n, mb) for n, mb in samples if n >= answers // 2]
    heap_half = [(n, mb) for n, mb in heap if n >= answers // 2 and mb is not None]
    return {"answers": answers, "conversations": conversations, "comparisons": runs, "tokens": tokens,
            "soak_rss_growth_mb": round(samples[-1][1] - after_warm, 1),
            "soak_second_half_slope_mb_per_1000": round(slope(half), 2),
            "soak_second_half_growth_mb": round(half[-1][1] - half[0][1], 1) if half else None,
            "soak_max_stall_ms": stalls.worst[0][0] if stalls.worst else 0.0,
            "stalls_over_50ms": stalls.over_50, "worst_stalls": stalls.worst,
            "soak_second_half_heap_slope_mb_per_1000": round(slope(heap_half), 2) if heap_half else None,
            "rss_after_warmup_mb": after_warm, "rss_end_mb": samples[-1][1], "rss_samples": samples,
            "heap_in_use_samples": heap,
            "elapsed_s": round(elapsed, 1), **{k: round(v, 1) for k, v in times.items()}}  # fmt: skip


def run(url: str, answers: int, conversations: int, comparisons: int, tokens: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as home:
        _app, loop, collector = open_window(home)
        try:
            return loop.run_until_complete(  # type: ignore[no-any-return]
                day(url, answers, conversations, comparisons, tokens, collector))
        finally:
            loop.close()
            asyncio.set_event_loop(None)
            collector.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the server's OpenAI-compatible base URL, e.g. http://127.0.0.1:8000/v1")
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--comparisons", type=int, default=50)
    parser.add_argument("--tokens", type=int, default=300, help="tokens per answer")
    parser.add_argument("--quick", action="store_true", help="200 answers, 20 conversations, 5 comparisons")
    options = parser.parse_args(argv)
    if options.quick:
        options.answers, options.conversations, options.comparisons = 200, 20, 5
    result = run(options.url, options.answers, options.conversations, options.comparisons, options.tokens)
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
