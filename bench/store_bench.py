"""Search over 100,000 messages and 10,000 ledger writes with app.store, each beside raw sqlite3 doing the same.

`python -m bench.store_bench [--messages N] [--ledger N]` prints one JSON line. Search: the median over
several queries (Latin, CJK, one CJK character, two words, a common word) of each query's median time;
the raw baseline runs the same FTS5 MATCH (ranked, LIMIT 50) without the store's join and snippets.
Ledger: `Store.log_request` N times, against the same INSERT through a bare connection with the same
pragmas on an identical (migrated) database.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.store import open_store
from app.store.textindex import match_expression, parse_query

from .corpus import fill

QUERIES = ["kubernetes", "东京", "京", "giraffe parsing", "東京タワー", "the"]
REPEATS = 5
LIMIT = 50
RAW_SEARCH = "SELECT rowid FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rank LIMIT ?"
LEDGER_SQL = ("INSERT INTO requests (conversation_id, message_id, provider, requested_model, served_model, "
              "started_at, ttft_ms, duration_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, "
              "reasoning_tokens, cost_usd, cost_source, error_kind, error_message, finish_reason, fallback_of, "
              "source) VALUES (" + ", ".join("?" * 20) + ")")  # fmt: skip


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def median_of(fn: Callable[[], Any], repeats: int = REPEATS) -> float:
    fn()  # warm the page cache and the statement cache
    return statistics.median(timed(fn) for _ in range(repeats))


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def bench_search(folder: Path, messages: int) -> dict[str, Any]:
    path = folder / "search.db"
    started = time.perf_counter()
    with open_store(path) as store:
        per = min(2000, messages)
        fill(store, max(1, messages // per), per)
    built_s = time.perf_counter() - started
    per_query: dict[str, dict[str, Any]] = {}
    with open_store(path) as store:
        raw = raw_connection(path)
        for query in QUERIES:
            expression = match_expression(parse_query(query))
            hits = len(store.search(query, LIMIT))
            parley_ms = median_of(lambda q=query: store.search(q, LIMIT))
            raw_ms = median_of(lambda e=expression: raw.execute(RAW_SEARCH, (e, LIMIT)).fetchall())
            per_query[query] = {"hits": hits, "parley_ms": round(parley_ms, 2), "raw_ms": round(raw_ms, 2)}
        raw.close()
    parley = [q["parley_ms"] for q in per_query.values()]
    worst = max(per_query, key=lambda q: per_query[q]["parley_ms"])
    return {"messages": messages, "built_s": round(built_s, 1), "queries": per_query,
            "search_ms": round(statistics.median(parley), 2),
            "search_raw_ms": round(statistics.median(q["raw_ms"] for q in per_query.values()), 2),
            "search_worst": {"query": worst, **per_query[worst]}}  # fmt: skip


def bench_ledger(folder: Path, writes: int) -> dict[str, Any]:
    with open_store(folder / "ledger.db") as store:
        cid = store.create_conversation("ledger")
        started = time.perf_counter()
        for i in range(writes):
            store.log_request(provider="openai", requested_model="gpt-4o-mini", served_model="gpt-4o-mini-2024-07-18",
                              ttft_ms=300 + i % 100, duration_ms=1200, input_tokens=120, output_tokens=480,
                              cost_usd=0.0003, cost_source="catalog", finish_reason="stop",
                              conversation_id=cid)  # fmt: skip
        parley_ms = (time.perf_counter() - started) * 1000
    with open_store(folder / "ledger-raw.db") as store:  # same schema, indexes and triggers
        cid = store.create_conversation("ledger")
    raw = raw_connection(folder / "ledger-raw.db")
    started = time.perf_counter()
    for i in range(writes):
        raw.execute(LEDGER_SQL, (cid, None, "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18",
                                 "2025-01-01T00:00:00.000000Z", 300 + i % 100, 1200, 120, 480, None, None, None,
                                 0.0003, "catalog", None, None, "stop", None, "app"))  # fmt: skip
    raw_ms = (time.perf_counter() - started) * 1000
    raw.close()
    return {"writes": writes, "ledger_ms": round(parley_ms, 1), "ledger_raw_ms": round(raw_ms, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--ledger", type=int, default=10_000)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as folder:
        result = {**bench_search(Path(folder), options.messages), **bench_ledger(Path(folder), options.ledger)}
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
