"""Providers' account reports as fetched (lines per UTC day), the log of fetches, and the ledger by UTC day.

A fetch is the provider's whole word on the days it covers: saving it replaces the lines of those days
in one transaction, so fetching twice never doubles a figure and a failed fetch changes nothing. The
spend ledger itself is never written here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Literal, Protocol

from .base import StoreBase
from .ledger import _REQUEST_COLUMNS, request_from_row
from .records import LedgerGroup, RequestRow, from_stamp, now_utc, to_stamp

ReportKind = Literal["cost", "usage"]
REPORT_KINDS = frozenset({"cost", "usage"})


class ReportLineLike(Protocol):
    """What `save_report` takes: `app.providers.report_types.ReportLine` fits."""

    @property
    def day(self) -> date: ...
    @property
    def kind(self) -> str: ...
    @property
    def line(self) -> str: ...
    @property
    def model(self) -> str | None: ...
    @property
    def amount_usd(self) -> Decimal | None: ...
    @property
    def input_tokens(self) -> int | None: ...
    @property
    def output_tokens(self) -> int | None: ...
    @property
    def cache_read_tokens(self) -> int | None: ...
    @property
    def cache_write_tokens(self) -> int | None: ...
    @property
    def requests(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class StoredReportLine:
    """One saved report line; money is exact (`Decimal`, stored as text)."""

    provider: str
    kind: ReportKind
    day: date
    line: str
    model: str | None
    amount_usd: Decimal | None
    input_tokens: int | None
    output_tokens: int | None
    cache_read_tokens: int | None
    cache_write_tokens: int | None
    requests: int | None
    fetched_at: datetime


@dataclass(frozen=True, slots=True)
class ReportFetch:
    """One attempt to fetch a provider's reports; `error_kind` is None when it succeeded."""

    provider: str
    first_day: date
    last_day: date
    fetched_at: datetime
    lines: int
    error_kind: str | None
    error_message: str | None


_LINE_COLUMNS = ("provider, kind, day, line, model, amount_usd, input_tokens, output_tokens, cache_read_tokens, "
                 "cache_write_tokens, requests, fetched_at")  # fmt: skip
_FETCH_COLUMNS = "provider, first_day, last_day, fetched_at, lines, error_kind, error_message"


def day_start(day: date) -> str:
    """The stored stamp of 00:00 UTC on `day` (ledger stamps compare as text)."""
    return f"{day.isoformat()}T00:00:00.000000Z"


def _line(r: sqlite3.Row) -> StoredReportLine:
    return StoredReportLine(
        provider=r["provider"], kind=r["kind"], day=date.fromisoformat(r["day"]), line=r["line"], model=r["model"],
        amount_usd=None if r["amount_usd"] is None else Decimal(r["amount_usd"]), input_tokens=r["input_tokens"],
        output_tokens=r["output_tokens"], cache_read_tokens=r["cache_read_tokens"],
        cache_write_tokens=r["cache_write_tokens"], requests=r["requests"], fetched_at=from_stamp(r["fetched_at"]),
    )  # fmt: skip


def _fetch(r: sqlite3.Row) -> ReportFetch:
    return ReportFetch(
        provider=r["provider"], first_day=date.fromisoformat(r["first_day"]),
        last_day=date.fromisoformat(r["last_day"]), fetched_at=from_stamp(r["fetched_at"]), lines=r["lines"],
        error_kind=r["error_kind"], error_message=r["error_message"],
    )  # fmt: skip


class ProviderReportsMixin(StoreBase):
    def save_report(
        self,
        provider: str,
        first_day: date,
        last_day: date,
        lines: Iterable[ReportLineLike],
        *,
        fetched_at: datetime | None = None,
    ) -> int:
        """Replace the saved lines of `provider` for the UTC days first_day..last_day (widened to any day a
        line falls on) with `lines`, and log the fetch. Returns the number of lines saved."""
        if last_day < first_day:
            raise ValueError(f"the last day {last_day} is before the first day {first_day}")
        rows = list(lines)
        for r in rows:
            if r.kind not in REPORT_KINDS:
                raise ValueError(f"a report line's kind must be one of {sorted(REPORT_KINDS)}, not {r.kind!r}")
        lo = min([first_day, *(r.day for r in rows)])
        hi = max([last_day, *(r.day for r in rows)])
        stamp = to_stamp(fetched_at or now_utc())
        with self._write() as conn:
            conn.execute("DELETE FROM provider_report_lines WHERE provider = ? AND day BETWEEN ? AND ?",
                         (provider, lo.isoformat(), hi.isoformat()))  # fmt: skip
            conn.executemany(
                f"INSERT INTO provider_report_lines ({_LINE_COLUMNS}) VALUES (" + ", ".join("?" * 12) + ")",
                [(provider, r.kind, r.day.isoformat(), r.line, r.model,
                  None if r.amount_usd is None else str(r.amount_usd), r.input_tokens, r.output_tokens,
                  r.cache_read_tokens, r.cache_write_tokens, r.requests, stamp) for r in rows],
            )  # fmt: skip
            conn.execute(f"INSERT INTO provider_report_fetches ({_FETCH_COLUMNS}) VALUES (?, ?, ?, ?, ?, NULL, NULL)",
                         (provider, first_day.isoformat(), last_day.isoformat(), stamp, len(rows)))  # fmt: skip
        return len(rows)

    def record_report_failure(
        self, provider: str, first_day: date, last_day: date, error_kind: str, error_message: str,
        *, at: datetime | None = None,
    ) -> None:  # fmt: skip
        """Log a fetch that failed; the saved lines stay as they were."""
        self._run(f"INSERT INTO provider_report_fetches ({_FETCH_COLUMNS}) VALUES (?, ?, ?, ?, 0, ?, ?)",
                  (provider, first_day.isoformat(), last_day.isoformat(), to_stamp(at or now_utc()), error_kind,
                   error_message))  # fmt: skip

    def report_lines(
        self, provider: str, first_day: date | None = None, last_day: date | None = None
    ) -> list[StoredReportLine]:
        """Saved lines, oldest day first (then in the order the provider listed them)."""
        clauses, params = ["provider = ?"], [provider]
        if first_day is not None:
            clauses.append("day >= ?")
            params.append(first_day.isoformat())
        if last_day is not None:
            clauses.append("day <= ?")
            params.append(last_day.isoformat())
        rows = self._all(f"SELECT {_LINE_COLUMNS} FROM provider_report_lines WHERE {' AND '.join(clauses)} "
                         "ORDER BY day, id", params)  # fmt: skip
        return [_line(r) for r in rows]

    def report_fetches(self, provider: str, *, limit: int = 20) -> list[ReportFetch]:
        """The latest fetches of `provider`'s reports, newest first, failures included."""
        rows = self._all(f"SELECT {_FETCH_COLUMNS} FROM provider_report_fetches WHERE provider = ? "
                         "ORDER BY fetched_at DESC, id DESC LIMIT ?", (provider, limit))  # fmt: skip
        return [_fetch(r) for r in rows]

    def requests_on_days(self, provider: str, first_day: date, last_day: date) -> list[RequestRow]:
        """Ledger rows of `provider` started on the UTC days first_day..last_day, oldest first."""
        rows = self._all(
            f"SELECT {_REQUEST_COLUMNS} FROM requests WHERE provider = ? AND started_at >= ? AND started_at < ? "
            "ORDER BY started_at, id",
            (provider, day_start(first_day), day_start(last_day + timedelta(days=1))),
        )
        return [request_from_row(row) for row in rows]

    def ledger_groups(self, provider: str, first_day: date, last_day: date) -> list[LedgerGroup]:
        """What `requests_on_days` lists, as groups of alike rows (see `LedgerGroup`), in the order of each
        group's oldest row. Grouped by SQLite: a month of requests never comes into Python row by row, and
        costs stay the floats they were written as (summed exactly by the caller)."""
        rows = self._all(
            "SELECT substr(started_at, 1, 10), COALESCE(served_model, requested_model) AS name, "
            "NOT (error_kind IS NOT NULL AND cost_usd IS 0) AS billed, cost_usd, cost_source, COUNT(*) "
            "FROM requests WHERE provider = ? AND started_at >= ? AND started_at < ? "
            "GROUP BY 1, name, billed, cost_usd, cost_source ORDER BY MIN(started_at), MIN(id)",
            (provider, day_start(first_day), day_start(last_day + timedelta(days=1))),
        )
        return [LedgerGroup(date.fromisoformat(r[0]), r[1], bool(r[2]), r[3], r[4], r[5]) for r in rows]
