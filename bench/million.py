"""A million messages: search, the sidebar and start-up over a profile of 10,000 conversations.

`python -m bench.million [--messages N] [--conversations C] [--fresh]` prints one JSON line. It builds a
real profile database through the store (schema, FTS triggers and all), then measures:
- `search_1m_ms`: the median over QUERIES of each query's median time through core's `Library.search`, the
  search the window's sidebar runs (snippets and the branch check included);
- `search_1m_worst_ms`: the slowest of COMMON_QUERIES (words in nearly every message);
- `open_list_10k_ms`: the window's sidebar listing every conversation, from the call to its next paint;
  then scrolling it from top to bottom a page at a time (`scroll_10k_worst_ms`, the slowest page);
- `start_1m_ratio`: `python -m app` to its first paint with this profile against an empty one (medians,
  alternated), and the same to ready (`ready_1m_ratio`: the database open and the list shown);
- `db_1m_mb`: the database file's size.
The built database is kept in the temp folder, keyed by the schema and this corpus (`--fresh` rebuilds it).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CORPUS_VERSION = "1"  # change when the generated text or its shape changes
# Made-up words from the vocabulary: bakonfer in ~4% of messages, farfun ~0.3%, pidarmol ~0.06%.
QUERIES = ["kubernetes", "giraffe", "东京", "東京タワー", "bakonfer", "farfun", "pidarmol", "bazis farfun",
           "quarterly report", "pars", '"sqlite index"']  # fmt: skip
COMMON_QUERIES = ["the", "and", "you", "a", "the model", "is it"]
FRAGMENTS = ["th", "s"]  # half-typed words: prefixes of thousands of words (reported, not in the median)
SEARCH_REPEATS = 5
PINNED = 12
STAMP_START = 1_700_000_000  # seconds: the oldest conversation's first message


def syllable_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words (vilo, kerimal, ...): a vocabulary large enough that most words are rare, as in real text."""
    onsets = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
    vowels, codas = ["a", "e", "i", "o", "u"], ["", "", "n", "l", "r", "s"]
    words: set[str] = set()
    while len(words) < count:
        parts = rng.randint(2, 3)
        words.add("".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(parts)))
    return sorted(words)


COMMON = [
    "the", "of", "and", "a", "to", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as", "with",
    "his", "they", "at", "be", "this", "have", "from", "or", "one", "had", "by", "but", "not", "what", "all",
    "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which", "she", "do", "how",
    "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these", "so", "some", "her",
    "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write", "go", "see", "number",
    "no", "way", "could", "people", "my", "than", "first", "water", "been", "call", "who", "its", "now", "find",
    "long", "down", "day", "did", "get", "come", "made", "may", "part", "model", "answer", "token", "stream",
    "window", "query", "index", "parsing", "sqlite", "report", "quarterly",
]  # fmt: skip
RARE = ["kubernetes", "giraffe", "东京", "東京タワー", "서울"]


class Writer:
    """Message text: sentences of common English words and 20,000 made-up ones (Zipf-like, so most words are
    rare, as in real text), a paragraph break now and then, and a rare word (some CJK) in about 1% of messages.
    Messages are drawn from a pool of sentences: generating a million from scratch would take a minute."""

    def __init__(self, seed: int = 7, sentences: int = 60_000) -> None:
        self.rng = rng = random.Random(seed)
        vocabulary = [*COMMON, *syllable_words(rng, 20_000)]
        cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(vocabulary))))
        self.sentences = [" ".join(rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(5, 16))) + "."
                          for _ in range(sentences)]  # fmt: skip
        for n in range(0, sentences, 100):  # whichever message draws one of these holds a rare word
            self.sentences[n] += f" {RARE[n // 100 % len(RARE)]}"

    def text(self, role: str) -> str:
        rng = self.rng
        picked = rng.choices(self.sentences, k=rng.randint(1, 3) if role == "user" else rng.randint(3, 14))
        for at in range(5, len(picked), 5):
            picked[at] = "\n\n" + picked[at]
        return " ".join(picked)


def stamp(seconds: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(seconds))


def schema_key() -> str:
    from app.store.migrations import MIGRATIONS

    names = ",".join(fn.__name__ for fn in MIGRATIONS)
    return hashlib.sha256(f"{names}|{CORPUS_VERSION}".encode()).hexdigest()[:12]


def build(path: Path, messages: int, conversations: int) -> float:
    """The profile database at `path`: migrated by `open_store`, then filled in one transaction through a
    connection with the same functions. The full-text index is filled once at the end, by the statement
    m002 uses for existing rows, with the app's insert trigger dropped meanwhile and put back as it was:
    row by row through the trigger takes minutes for a million. Returns seconds."""
    from app.store import open_store
    from app.store.textindex import index_text_v1

    started = time.perf_counter()
    with open_store(path):
        pass  # the schema, exactly as the app makes it
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.create_function("parley_index_text_v1", 1, index_text_v1, deterministic=True)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    writer = Writer()
    per = messages // conversations
    (trigger,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'messages_fts_insert'").fetchone()
    conn.execute("BEGIN")
    conn.execute("DROP TRIGGER messages_fts_insert")
    for c in range(conversations):
        fill_conversation(conn, writer, c, per, c * per + 1, pinned=c % (conversations // PINNED) == 0)
    conn.execute("INSERT INTO messages_fts (rowid, content) SELECT id, parley_index_text_v1(content) FROM messages")
    conn.execute(trigger)
    conn.execute("COMMIT")
    conn.execute("INSERT INTO messages_fts (messages_fts) VALUES ('optimize')")  # as a long-used profile settles
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    return time.perf_counter() - started


def fill_conversation(conn: sqlite3.Connection, writer: Writer, n: int, per: int, first_id: int, pinned: bool) -> None:
    """Conversation `n`: `per` alternating prompts and answers (one line, no branches) and a ledger row per answer.
    Conversations begin 50 minutes apart, the newest last; messages 30 s apart."""
    began = STAMP_START + n * 3000
    title = f"{' '.join(writer.rng.choices(COMMON[60:], k=3)).capitalize()} {n}"
    cid = conn.execute("INSERT INTO conversations (title, created_at, updated_at, pinned) VALUES (?, ?, ?, ?)",
                       (title, stamp(began), stamp(began + per * 30), int(pinned))).lastrowid  # fmt: skip
    rows = []
    for k in range(per):
        role = "assistant" if k % 2 else "user"
        at = stamp(began + k * 30)
        rows.append((first_id + k, cid, first_id + k - 1 if k else None, role, writer.text(role),
                     "openai" if k % 2 else None, "gpt-4o-mini" if k % 2 else None, at, at))  # fmt: skip
    conn.executemany("INSERT INTO messages (id, conversation_id, parent_id, role, content, status, provider, model, "
                     "created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'complete', ?, ?, ?, ?)", rows)  # fmt: skip
    conn.executemany("INSERT INTO requests (conversation_id, message_id, provider, requested_model, served_model, "
                     "started_at, duration_ms, input_tokens, output_tokens, cost_usd, cost_source, finish_reason) "
                     "VALUES (?, ?, 'openai', 'gpt-4o-mini', 'gpt-4o-mini', ?, 900, 300, 400, 0.0003, 'catalog', "
                     "'stop')", [(cid, r[0], r[7]) for r in rows if r[3] == "assistant"])  # fmt: skip
    conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (first_id + per - 1, cid))


def profile(messages: int, conversations: int, fresh: bool) -> tuple[Path, float | None]:
    """The built database (made now, or kept from an earlier run with the same schema); build seconds or None."""
    folder = Path(tempfile.gettempdir()) / f"parley-bench-1m-{schema_key()}-{messages}-{conversations}"
    path = folder / "parley.db"
    if path.is_file() and not fresh and (folder / "complete").is_file():
        return path, None
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seconds = build(path, messages, conversations)
    (folder / "complete").write_text("built\n")
    return path, seconds


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def bench_search(path: Path) -> dict[str, Any]:
    from app.core.library import Library
    from app.core.runtime import Runtime
    from app.store import open_store

    runtime = Runtime()
    runtime.store = open_store(path)
    library = Library(runtime)
    out: dict[str, Any] = {}
    try:
        for query in [*QUERIES, *COMMON_QUERIES, *FRAGMENTS]:
            first = timed(lambda q=query: library.search(q))  # a cold statement and page cache: reported apart
            hits = library.search(query)
            runs = [timed(lambda q=query: library.search(q)) for _ in range(SEARCH_REPEATS)]
            out[query] = {"hits": len(hits), "ms": round(statistics.median(runs), 1), "first_ms": round(first, 1)}
    finally:
        runtime.store.close()
    worst = max(COMMON_QUERIES, key=lambda q: out[q]["ms"])
    return {"queries": out, "search_1m_ms": round(statistics.median(out[q]["ms"] for q in QUERIES), 1),
            "search_1m_worst_ms": out[worst]["ms"], "search_1m_worst_query": worst,
            "search_1m_fragment_ms": max(out[q]["ms"] for q in FRAGMENTS)}  # fmt: skip


def bench_list(path: Path) -> dict[str, Any]:
    """The window's sidebar over this profile: listed and painted, then scrolled through a page at a time."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["PARLEY_KEYRING"] = "memory"
    from PySide6.QtWidgets import QApplication

    from app.core.runtime import Runtime
    from app.store import open_store
    from app.ui.gc_guard import MainThreadGc
    from app.ui.main_window import MainWindow

    from .open_conversation import next_paint, shown

    app = QApplication.instance() or QApplication([sys.argv[0]])
    collector = MainThreadGc(app).start()  # the app's collection on the GUI thread (app/ui/startup.py)
    runtime = Runtime()
    runtime.store = open_store(path)
    window = MainWindow(runtime)
    shown(window)
    view = window.sidebar.conversations
    next_paint(view)
    collector.freeze()  # as the app does once it is ready (app/main.py)
    opened = []
    for _ in range(3):
        began = time.perf_counter()
        window.refresh_list()
        opened.append((next_paint(view) - began) * 1000)
    bar = view.verticalScrollBar()
    pages: list[float] = []
    while bar.value() < bar.maximum() and len(pages) < 5000:
        began = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())
        pages.append((next_paint(view) - began) * 1000)
    listed = view.model().rowCount()
    window.close()
    runtime.store.close()
    collector.stop()
    del app
    return {"open_list_10k_ms": round(statistics.median(opened), 1), "open_list_runs_ms": [round(x, 1) for x in opened],
            "scroll_10k_worst_ms": round(max(pages, default=0.0), 1), "scroll_pages": len(pages),
            "listed": listed}  # fmt: skip


def first_paint(home: Path) -> tuple[float, float]:
    """`python -m app` in this profile: (ms to first paint, ms to ready), as the app reports them."""
    env = {k: v for k, v in os.environ.items() if k != "PARLEY_EXIT_AFTER_SHOW"}
    env.update(QT_QPA_PLATFORM="offscreen", PARLEY_EXIT_AFTER_SHOW="1", PARLEY_HOME=str(home),
               PARLEY_KEYRING="memory")  # fmt: skip
    proc = subprocess_run([sys.executable, "-m", "app"], env)
    report = next(json.loads(line) for line in proc.splitlines() if line.startswith("{") and "first_paint_ms" in line)
    return float(report["first_paint_ms"]), float(report["ready_ms"])


def subprocess_run(args: list[str], env: dict[str, str]) -> str:
    import subprocess

    root = Path(__file__).resolve().parents[1]
    proc = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return proc.stdout


def profile_home(path: Path, folder: Path) -> Path:
    """A PARLEY_HOME whose database is the built one (linked, not copied)."""
    from app.core import paths

    home = folder / "home"
    os.environ["PARLEY_HOME"] = str(home)
    target = paths.data_dir() / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{path}{suffix}").exists():
            os.symlink(f"{path}{suffix}", f"{target}{suffix}")
    return home


def bench_start(path: Path, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="parley-bench-home-") as folder:
        full = profile_home(path, Path(folder) / "full")
        empty = Path(folder) / "empty"
        first_paint(full), first_paint(empty)  # the page cache warmed for both
        samples: dict[str, list[tuple[float, float]]] = {"full": [], "empty": []}
        for _ in range(runs):
            for which, home in (("full", full), ("empty", empty)):
                samples[which].append(first_paint(home))
    med = {w: (statistics.median(s[0] for s in v), statistics.median(s[1] for s in v)) for w, v in samples.items()}
    return {"start_1m_ratio": round(med["full"][0] / med["empty"][0], 2),
            "ready_1m_ratio": round(med["full"][1] / med["empty"][1], 2),
            "start_1m": {w: {"first_paint_ms": round(v[0]), "ready_ms": round(v[1])}
                         for w, v in med.items()}}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="start-ups of each profile")
    parser.add_argument("--fresh", action="store_true", help="build the database again even if one is kept")
    parser.add_argument("--only", choices=["build", "search", "list", "start"], help="one part only")
    options = parser.parse_args(argv)
    path, built = profile(options.messages, options.conversations, options.fresh)
    size = sum(p.stat().st_size for p in path.parent.glob("parley.db*"))
    result: dict[str, Any] = {"messages": options.messages, "conversations": options.conversations,
                              "build_s": None if built is None else round(built, 1), "db_1m_mb": round(size / 2**20)}
    if options.only in (None, "search"):
        result.update(bench_search(path))
    if options.only in (None, "start"):
        result.update(bench_start(path, options.runs))
    if options.only in (None, "list"):
        result.update(bench_list(path))
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
