"""A fast OpenAI-compatible streaming server on 127.0.0.1 for benchmarks: `python -m bench.sse_server [--deltas N]`.

It answers every POST to /v1/chat/completions with N tiny `chat.completion.chunk` deltas (N from a model
named `bench-N`, else --deltas), written as fast as the socket takes them, in batches of 50; a model named
`bench-N@R` paces them at R deltas per second instead (a batch every 10 ms), like a fast local model. Every
50th delta ends a line, as prose and code do (`bench-N~L`: every L-th; `~0`: one endless paragraph). The
first delta of each batch carries the server's clock (`[t=SECONDS]`, time.perf_counter: CLOCK_MONOTONIC on
Linux, so a consumer in another process can compute byte-to-pixel lag). A model named `rich-N` (with the same
`@R` pacing) answers instead with N tokens of a long Markdown answer: headings, prose, code blocks, formulas,
lists and tables, over and over (no clock markers; `rich-N+K`: its sections numbered from K, so answers differ).
A name ending `!T` holds the answer's end (finish reason, usage, [DONE]) until the server's clock reads T
(time.perf_counter), so several answers can end at the same moment. Prints `PORT <n>` once it listens.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import time

BATCH = 50  # deltas per socket write when unpaced; one timestamp marker each
PACE_TICK = 0.010  # seconds between writes when paced
PIECE = "ab"  # every delta: these two characters, then a space or (ending a line) a newline
LINE = 50  # deltas per line by default
MARKER = re.compile(r"\[t=(\d+\.\d+)\]")
HEAD = (b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
        b"connection: close\r\n\r\n")  # fmt: skip


def frame(content: str | None = None, *, finish: str | None = None, usage: dict[str, int] | None = None) -> bytes:
    chunk: dict[str, object] = {"id": "chatcmpl-bench", "object": "chat.completion.chunk", "model": "bench",
                                "choices": [{"index": 0, "delta": {} if content is None else {"content": content},
                                             "finish_reason": finish}]}  # fmt: skip
    if usage is not None:
        chunk["choices"] = []
        chunk["usage"] = usage
    return b"data: " + json.dumps(chunk, separators=(",", ":")).encode() + b"\n\n"


PLAIN = frame(PIECE + " ")
LINE_END = frame(PIECE + "\n")


RICH_SECTION =  '''## Step {n}: measuring the cache

The cache keeps the **last answers** in memory, so a reopened conversation renders nothing twice. Its cost
is $O(n \\log n)$ in the number of entries; with a hit rate $p$ the expected time is
$\\mathbb{{E}}[T] = p\\,t_h + (1-p)\\,t_m$.

$$\\sum_{{i=1}}^{{n}} \\frac{{1}}{{i^2}} = \\frac{{\\pi^2}}{{6}}$$

```python
from functools import lru_cache


@lru_cache(maxsize=4096)
def render(text: str, width: int = 80) -> str:
    """Render `text` to HTML, wrapped at `width`."""
    out = []
    for number, line in enumerate(text.splitlines()):
        if not line.strip():
            out.append("<p></p>")
            continue
        out.append(f"<p id='l{{number}}'>{{line[:width]}}</p>")
    return "\\n".join(out)
```

- the first call parses and renders, which is the slow part;
- later calls with the same `text` return the cached string;
- a different `width` is a different key.

| entries | hit rate | mean time (ms) |
|--------:|---------:|---------------:|
| 100 | 0.50 | 12.0 |
| 1,000 | 0.81 | 4.1 |
| 10,000 | 0.97 | 0.9 |

> Measure before you optimise: the slow part is rarely where you expect it.

'''
TOKEN = re.compile(r"\s*\S+|\s+")


def rich_tokens(total: int, first: int = 1) -> list[str]:
    """`total` pieces of a long Markdown answer (a word with the spaces before it, as tokens roughly are), its
    sections numbered from `first`."""
    out: list[str] = []
    n = first
    while len(out) < total:
        out += TOKEN.findall(RICH_SECTION.format(n=n))
        n += 1
    return out[:total]


def marker_text(now: float) -> str:
    return f"[t={now:.6f}] "


def plan_for(model: str, default: int) -> tuple[int, float | None, int]:
    """(deltas, deltas per second or None for flat out, deltas per line or 0) from a name like bench-2000@1000~50
    (or rich-8000@2000, rich-300+7: sections numbered from 7)."""
    match = re.fullmatch(r"(?:bench|rich)-(\d+)(?:\+\d+)?(?:@(\d+))?(?:~(\d+))?", model)
    if not match:
        return default, None, LINE
    rate = float(match.group(2)) if match.group(2) else None
    return int(match.group(1)), rate, LINE if match.group(3) is None else int(match.group(3))


def batch_bytes(start: int, count: int, line: int) -> bytes:
    """Deltas start..start+count-1: the first carries the clock; every line-th ends a line."""
    parts = [frame(marker_text(time.perf_counter()) + PIECE + (" " if not line or (start + 1) % line else "\n"))]
    parts += [LINE_END if line and (i + 1) % line == 0 else PLAIN for i in range(start + 1, start + count)]
    return b"".join(parts)


def batches(total: int, rate: float | None) -> list[int]:
    size = BATCH if rate is None else max(1, round(rate * PACE_TICK))
    return [min(size, total - start) for start in range(0, total, size)]


async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, default: int) -> None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        length = 0
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            if name.strip().lower() == "content-length":
                length = int(value)
        body = json.loads(await reader.readexactly(length)) if length else {}
        model, _, hold = str(body.get("model", "")).partition("!")
        total, rate, line = plan_for(model, default)
        first = re.search(r"\+(\d+)", model)
        tokens = rich_tokens(total, int(first.group(1)) if first else 1) if model.startswith("rich-") else None
        writer.write(HEAD)
        started = time.perf_counter()
        sent = 0
        for n, count in enumerate(batches(total, rate)):
            if rate is not None:  # keep to the schedule, not to a fixed sleep
                await asyncio.sleep(max(0.0, started + n * PACE_TICK - time.perf_counter()))
            writer.write(batch_bytes(sent, count, line) if tokens is None
                         else b"".join(frame(t) for t in tokens[sent : sent + count]))
            sent += count
            await writer.drain()
        if hold:
            await asyncio.sleep(max(0.0, float(hold) - time.perf_counter()))
        usage = {"prompt_tokens": 5, "completion_tokens": total, "total_tokens": total + 5}
        writer.write(frame(finish="stop") + frame(usage=usage) + b"data: [DONE]\n\n")
        await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def main(deltas: int, port: int) -> None:
    server = await asyncio.start_server(lambda r, w: serve(r, w, deltas), "127.0.0.1", port)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deltas", type=int, default=20_000)
    parser.add_argument("--port", type=int, default=0)
    options = parser.parse_args()
    asyncio.run(main(options.deltas, options.port))
