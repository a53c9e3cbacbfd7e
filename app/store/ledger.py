"""The spend ledger: one row per attempt at a provider, and the spend report built from it.

The ledger is the truth for the cost panel, budgets and `python -m app spend`. Rows outlive the
conversations and messages they belong to (their links become NULL), so deleting a chat never
makes past spending disappear.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from .base import StoreBase
from .records import (
    COST_SOURCES,
    REQUEST_SOURCES,
    CostSource,
    RequestRow,
    RequestSource,
    SpendBy,
    SpendReport,
    SpendRow,
    from_stamp,
    now_utc,
    since_stamp,
    to_stamp,
)

_REQUEST_COLUMNS = (
    "id, conversation_id, message_id, provider, requested_model, served_model, started_at, ttft_ms, "
    "duration_ms, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, "
    "cost_usd, cost_source, error_kind, error_message, finish_reason, fallback_of, source, web_searches, "
    "search_cost_usd, step"
)

# Local days: a request at 23:30 in Tokyo counts for that Tokyo day, as the user lived it.
_GROUP_KEYS: dict[str, str] = {
    "day": "date(started_at, 'localtime')",
    "provider": "provider",
    "model": "provider || ':' || COALESCE(served_model, requested_model)",
    "source": "cost_source",
}
_SUMS = ("COALESCE(SUM(cost_usd), 0.0), COUNT(*), COALESCE(SUM(input_tokens), 0), COALESCE(SUM(output_tokens), 0), "
         "COUNT(*) - COUNT(cost_usd)")  # fmt: skip
_GROUPED = f"{_SUMS}, GROUP_CONCAT(DISTINCT cost_source)"  # cost sources are plain words: no comma in any


def _spend_row(r: sqlite3.Row) -> SpendRow:
    return SpendRow(key=str(r[0]), cost_usd=r[1], requests=r[2], input_tokens=r[3], output_tokens=r[4],
                    unpriced_requests=r[5], sources=frozenset(r[6].split(",")))  # fmt: skip


def request_from_row(row: sqlite3.Row) -> RequestRow:
    values = dict(row)
    values["started_at"] = from_stamp(values["started_at"])
    return RequestRow(**values)


class LedgerMixin(StoreBase):
    def log_request(
        self,
        *,
        provider: str,
        requested_model: str,
        served_model: str | None = None,
        started_at: datetime | None = None,
        ttft_ms: int | None = None,
        duration_ms: int | None = None,
        input_tokens: int | None = None,
        output_tokens: int | None = None,
        cache_read_tokens: int | None = None,
        cache_write_tokens: int | None = None,
        reasoning_tokens: int | None = None,
        cost_usd: float | None = None,
        cost_source: CostSource = "unknown",
        error_kind: str | None = None,
        error_message: str | None = None,
        finish_reason: str | None = None,
        conversation_id: int | None = None,
        message_id: int | None = None,
        fallback_of: int | None = None,
        source: RequestSource = "app",
        web_searches: int | None = None,
        search_cost_usd: float | None = None,
        step: int | None = None,
    ) -> int:
        """Record one attempt and return its id. Token counts are as the provider reported them
        (None: not reported). `cost_usd` None means "could not price it" (counted as unpriced, not in
        totals); an attempt known to cost nothing is 0.0. `fallback_of` is the attempt this one replaced;
        `step` which model call of its turn it was (1, 2... in a turn that used tools; None elsewhere)."""
        if cost_source not in COST_SOURCES:
            raise ValueError(f"cost_source must be one of {sorted(COST_SOURCES)}, not {cost_source!r}")
        if source not in REQUEST_SOURCES:
            raise ValueError(f"source must be one of {sorted(REQUEST_SOURCES)}, not {source!r}")
        stamp = to_stamp(started_at or now_utc())
        with self._lock:
            cursor = self._conn.execute(
                "INSERT INTO requests (conversation_id, message_id, provider, requested_model, served_model, "
                "started_at, ttft_ms, duration_ms, input_tokens, output_tokens, cache_read_tokens, "
                "cache_write_tokens, reasoning_tokens, cost_usd, cost_source, error_kind, error_message, "
                "finish_reason, fallback_of, source, web_searches, search_cost_usd, step) "
                "VALUES (" + ", ".join("?" * 23) + ")",
                (conversation_id, message_id, provider, requested_model, served_model, stamp, ttft_ms, duration_ms,
                 input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, cost_usd,
                 cost_source, error_kind, error_message, finish_reason, fallback_of, source, web_searches,
                 search_cost_usd, step),
            )  # fmt: skip
            assert cursor.lastrowid is not None
            return cursor.lastrowid

    def logged_requests(
        self,
        *,
        since: date | datetime | None = None,
        conversation_id: int | None = None,
        limit: int | None = 200,
        unpriced: bool = False,
    ) -> list[RequestRow]:
        """Logged attempts, newest first; `unpriced`: only those with no known cost."""
        where, params = _filters(since, conversation_id, unpriced=unpriced)
        rows = self._all(
            f"SELECT {_REQUEST_COLUMNS} FROM requests{where} ORDER BY started_at DESC, id DESC LIMIT ?",
            (*params, -1 if limit is None else limit),
        )
        return [request_from_row(row) for row in rows]

    def logged_request(self, request_id: int) -> RequestRow | None:
        """One ledger row by its id (None if there is none)."""
        row = self._one(f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE id = ?", (request_id,))
        return None if row is None else request_from_row(row)

    def message_requests(self, message_id: int) -> list[RequestRow]:
        """Every ledger row of one answer, oldest first: its model calls (`step`) and each call's fallbacks."""
        rows = self._all(f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE message_id = ? ORDER BY id", (message_id,))
        return [request_from_row(row) for row in rows]

    def spend(
        self,
        by: SpendBy | None = None,
        since: date | datetime | None = None,
        *,
        conversation_id: int | None = None,
    ) -> SpendReport:
        """Money spent: totals, and one row per local day (oldest first), provider, "provider:model" or cost source
        (dearest first), each with the cost sources behind it. `since` as a date starts at local midnight; as a
        datetime, at that moment. Failed attempts count when they were billed. Unpriced attempts are counted, never
        guessed."""
        if by is not None and by not in _GROUP_KEYS:
            raise ValueError(f"spend can be grouped by {sorted(_GROUP_KEYS)}, not {by!r}")
        where, params = _filters(since, conversation_id)
        with self._snapshot() as conn:
            total = conn.execute(f"SELECT {_SUMS} FROM requests{where}", params).fetchone()
            rows: list[SpendRow] = []
            if by is not None:
                key = _GROUP_KEYS[by]
                order = "key" if by == "day" else "2 DESC, key"
                sql = f"SELECT {key} AS key, {_GROUPED} FROM requests{where} GROUP BY key ORDER BY {order}"
                rows = [_spend_row(r) for r in conn.execute(sql, params)]
        return SpendReport(total_usd=total[0], requests=total[1], rows=tuple(rows), unpriced_requests=total[4])

    def dearest_conversations(self, n: int) -> list[SpendRow]:
        """The `n` conversations that cost most (then the most attempts, then the oldest), each a row keyed by the
        conversation's id; attempts of deleted conversations are in none. Summed by SQLite: the ledger's rows
        never come into Python, however many there are."""
        sql = (f"SELECT conversation_id, {_GROUPED} FROM requests WHERE conversation_id IS NOT NULL "
               "GROUP BY conversation_id ORDER BY 2 DESC, 3 DESC, conversation_id LIMIT ?")  # fmt: skip
        return [_spend_row(r) for r in self._all(sql, (n,))]


def _filters(since: date | datetime | None, conversation_id: int | None, *, unpriced: bool = False
             ) -> tuple[str, tuple[object, ...]]:  # fmt: skip
    clauses: list[str] = ["cost_usd IS NULL"] if unpriced else []
    params: list[object] = []
    if since is not None:
        clauses.append("started_at >= ?")
        params.append(since_stamp(since))
    if conversation_id is not None:
        clauses.append("conversation_id = ?")
        params.append(conversation_id)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)
