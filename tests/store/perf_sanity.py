"""Timings to eyeball, not assert: `.venv/bin/python -m tests.store.perf_sanity [messages]`.

Builds a database of N messages (default 100,000) in conversations of 2,000, then times opening,
`thread()` of a 2,000-message branch, a few searches (Latin, CJK, one CJK character, a common
word) and a spend report.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from app.store import open_store

WORDS = [
    "the",
    "of",
    "and",
    "a",
    "to",
    "in",
    "is",
    "you",
    "that",
    "it",
    "he",
    "was",
    "for",
    "on",
    "are",
    "as",
    "with",
    "his",
    "they",
    "at",
    "be",
    "this",
    "have",
    "from",
]
RARE = ["sqlite", "kubernetes", "giraffe", "parsing", "东京", "東京タワー", "서울"]


def main(total: int = 100_000) -> None:
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "parley.db"
        with open_store(path) as store:
            started = time.perf_counter()
            for c in range(max(1, total // 2000)):
                cid = store.create_conversation(f"conversation {c}")
                with store._write() as conn:
                    parent = None
                    for n in range(min(2000, total)):
                        words = rng.choices(WORDS, k=rng.randint(20, 200))
                        if rng.random() < 0.05:
                            words.insert(rng.randrange(len(words)), rng.choice(RARE))
                        parent = conn.execute(
                            "INSERT INTO messages (conversation_id, parent_id, role, content, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, '2025-01-01T00:00:00.000000Z', "
                            "'2025-01-01T00:00:00.000000Z')",
                            (cid, parent, "user" if n % 2 else "assistant", " ".join(words)),
                        ).lastrowid
                    conn.execute("UPDATE conversations SET current_leaf_id = ? WHERE id = ?", (parent, cid))
                store.log_request(provider="openai", requested_model="gpt-4o", cost_usd=0.01, conversation_id=cid)
            print(f"built {total:,} messages in {time.perf_counter() - started:.1f} s")
        timings = {}
        started = time.perf_counter()
        store = open_store(path)
        timings["open"] = time.perf_counter() - started
        with store:
            started = time.perf_counter()
            thread = store.thread(1)
            timings[f"thread of {len(thread):,}"] = time.perf_counter() - started
            for query in ["sqlite", "东京", "京", "giraffe parsing", "the"]:
                started = time.perf_counter()
                hits = store.search(query)
                timings[f"search {query!r} ({len(hits)} hits)"] = time.perf_counter() - started
            started = time.perf_counter()
            store.spend("day")
            timings["spend by day"] = time.perf_counter() - started
        for name, seconds in timings.items():
            print(f"{name:40s} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
