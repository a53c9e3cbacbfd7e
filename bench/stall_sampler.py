"""Where a day of use stalls: `python -m bench.stall_sampler URL [--answers 600] [--conversations 100] [--worst 10]`.

Runs bench/soak.py's day with a thread that samples the GUI thread's Python stack every millisecond, then prints,
for each of the worst stalls over `--over` ms after the warm-up, what the loop was doing and the call paths seen
in it (below the event loop). Samples with no frame of ours below the loop are Qt's own work ("(Qt)"): layout,
paint. A profile, not a measure: the sampler itself slows the loop, so read the stalls' causes, not their size.
"""

from __future__ import annotations

import argparse
import bisect
import os
import sys
import threading
import time
from collections import Counter, defaultdict

from bench import soak

PLUMBING = ("__init__.py:", "loop.py:", "events.py:", "stall_sampler.py:", "<frozen runpy>:")  # the loop, not the work


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--answers", type=int, default=600)
    parser.add_argument("--conversations", type=int, default=100)
    parser.add_argument("--comparisons", type=int, default=0)
    parser.add_argument("--over", type=float, default=50.0, help="stalls longer than this, ms")
    parser.add_argument("--worst", type=int, default=10)
    options = parser.parse_args(argv)
    gaps: list[tuple[float, float, str]] = []
    gap = soak.Stalls.gap

    def keep(self: soak.Stalls, start: float, end: float) -> None:
        gap(self, start, end)
        if self.counting and (end - start) * 1000 > options.over:
            gaps.append((start, end, self.doing))

    soak.Stalls.gap = keep  # type: ignore[method-assign]
    samples: list[tuple[float, tuple[str, ...]]] = []
    gui, done = threading.get_ident(), threading.Event()

    def sample() -> None:
        while not done.wait(0.001):
            frame = sys._current_frames().get(gui)
            stack = []
            while frame is not None:
                stack.append(f"{os.path.basename(frame.f_code.co_filename)}:{frame.f_code.co_name}")
                frame = frame.f_back
            samples.append((time.perf_counter(), tuple(reversed(stack))))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        soak.run(options.url, options.answers, options.conversations, options.comparisons, 300)
    finally:
        done.set()
        sampler.join()
    gaps.sort()
    starts = [start for start, _, _ in gaps]
    paths: defaultdict[int, Counter[str]] = defaultdict(Counter)
    for when, stack in samples:
        i = bisect.bisect_right(starts, when) - 1
        if i >= 0 and when <= gaps[i][1]:
            ours = [f for f in stack if not f.startswith(PLUMBING) and f != "soak.py:run"]
            paths[i][" > ".join(ours[:5]) or "(Qt)"] += 1
    print(f"{len(gaps)} stalls over {options.over:.0f} ms after the warm-up")
    for i in sorted(range(len(gaps)), key=lambda k: gaps[k][0] - gaps[k][1])[: options.worst]:
        start, end, doing = gaps[i]
        print(f"{(end - start) * 1000:.0f} ms, {doing}: {sum(paths[i].values())} samples")
        for path, count in paths[i].most_common(4):
            print(f"    {count:4d}  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
