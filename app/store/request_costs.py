"""Provider-reported costs of single requests (OpenRouter's generation lookup) and their retry-later queue.

Queueing a lookup copies the ledger row's own figure (`estimate_usd`, `estimate_source`) beside it, so
the estimate survives when the provider's figure replaces it. Recording the provider's figure updates
that one ledger row in place (`cost_usd`, `cost_source = 'provider'`) in the same transaction: a ledger
row is never added, removed or counted twice, and recording the same figure again changes nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from .base import StoreBase
from .errors import NotFoundError
from .records import from_stamp, now_utc, to_stamp

LookupState = Literal["pending", "done", "failed"]


@dataclass(frozen=True, slots=True)
class RequestCost:
    """A request whose cost the provider reports afterwards: the lookup's state and what it said."""

    request_id: int
    provider: str
    response_id: str
    state: LookupState
    estimate_usd: float | None
    """The ledger's figure when the lookup was queued (None: it could not be priced)."""
    estimate_source: str
    provider_usd: Decimal | None
    upstream_provider: str | None
    native_input_tokens: int | None
    native_output_tokens: int | None
    native_reasoning_tokens: int | None
    native_cached_tokens: int | None
    attempts: int
    next_try_at: datetime | None
    last_error: str | None
    queued_at: datetime
    reported_at: datetime | None


_COLUMNS = ("request_id, provider, response_id, state, estimate_usd, estimate_source, provider_usd, "
            "upstream_provider, native_input_tokens, native_output_tokens, native_reasoning_tokens, "
            "native_cached_tokens, attempts, next_try_at, last_error, queued_at, reported_at")  # fmt: skip


def _cost(row: sqlite3.Row) -> RequestCost:
    values = dict(row)
    values["provider_usd"] = None if values["provider_usd"] is None else Decimal(values["provider_usd"])
    for name in ("next_try_at", "queued_at", "reported_at"):
        values[name] = None if values[name] is None else from_stamp(values[name])
    return RequestCost(**values)


class RequestCostsMixin(StoreBase):
    def queue_cost_lookup(
        self, request_id: int, provider: str, response_id: str, *, now: datetime | None = None
    ) -> bool:
        """Ask for the provider's figure for ledger row `request_id` (due at once). False if it was queued
        already (the first queueing's estimate is kept). Raises NotFoundError for an unknown request."""
        if not response_id.strip():
            raise ValueError("a response id is needed to look a request up")
        stamp = to_stamp(now or now_utc())
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT OR IGNORE INTO request_costs (request_id, provider, response_id, estimate_usd, "
                "estimate_source, next_try_at, queued_at) "
                "SELECT id, ?, ?, cost_usd, cost_source, ?, ? FROM requests WHERE id = ?",
                (provider, response_id.strip(), stamp, stamp, request_id),
            )
            if cursor.rowcount == 0 and conn.execute("SELECT 1 FROM requests WHERE id = ?", (request_id,)).fetchone() \
                    is None:  # fmt: skip
                raise NotFoundError("request", request_id)
            return cursor.rowcount == 1

    def due_cost_lookups(self, *, now: datetime | None = None, limit: int = 50) -> list[RequestCost]:
        """Pending lookups whose time has come, the longest-waiting first."""
        rows = self._all(
            f"SELECT {_COLUMNS} FROM request_costs WHERE state = 'pending' AND next_try_at <= ? "
            "ORDER BY next_try_at, request_id LIMIT ?",
            (to_stamp(now or now_utc()), limit),
        )
        return [_cost(r) for r in rows]

    def pending_cost_lookups(self) -> int:
        row = self._one("SELECT COUNT(*) FROM request_costs WHERE state = 'pending'")
        return 0 if row is None else int(row[0])

    def request_cost(self, request_id: int) -> RequestCost | None:
        row = self._one(f"SELECT {_COLUMNS} FROM request_costs WHERE request_id = ?", (request_id,))
        return None if row is None else _cost(row)

    def record_provider_cost(
        self,
        request_id: int,
        cost_usd: Decimal,
        *,
        upstream_provider: str | None = None,
        native_input_tokens: int | None = None,
        native_output_tokens: int | None = None,
        native_reasoning_tokens: int | None = None,
        native_cached_tokens: int | None = None,
        at: datetime | None = None,
    ) -> None:
        """The provider's exact figure replaces the ledger row's cost (labelled 'provider'); the lookup is done.
        Raises NotFoundError when no lookup was queued for `request_id`."""
        if not cost_usd.is_finite() or cost_usd < 0:
            raise ValueError(f"a provider-reported cost must be a finite amount of zero or more, not {cost_usd}")
        with self._write() as conn:
            done = conn.execute(
                "UPDATE request_costs SET state = 'done', provider_usd = ?, upstream_provider = ?, "
                "native_input_tokens = ?, native_output_tokens = ?, native_reasoning_tokens = ?, "
                "native_cached_tokens = ?, attempts = attempts + 1, next_try_at = NULL, last_error = NULL, "
                "reported_at = ? WHERE request_id = ?",
                (str(cost_usd), upstream_provider, native_input_tokens, native_output_tokens, native_reasoning_tokens,
                 native_cached_tokens, to_stamp(at or now_utc()), request_id),
            ).rowcount  # fmt: skip
            if not done:
                raise NotFoundError("queued cost lookup for request", request_id)
            conn.execute("UPDATE requests SET cost_usd = ?, cost_source = 'provider' WHERE id = ?",
                         (float(cost_usd), request_id))  # fmt: skip

    def defer_cost_lookup(self, request_id: int, next_try_at: datetime, error: str, *, count: bool = True) -> None:
        """The lookup failed for now: try again at `next_try_at` (`count=False`: the try never reached the
        request, e.g. the key was refused, so it does not use up an attempt)."""
        self._run("UPDATE request_costs SET attempts = attempts + ?, next_try_at = ?, last_error = ? "
                  "WHERE request_id = ? AND state = 'pending'",
                  (int(count), to_stamp(next_try_at), error, request_id))  # fmt: skip

    def give_up_cost_lookup(self, request_id: int, error: str) -> None:
        """No provider figure will come: the ledger keeps its own estimate, and `error` says why."""
        self._run("UPDATE request_costs SET state = 'failed', attempts = attempts + 1, next_try_at = NULL, "
                  "last_error = ? WHERE request_id = ? AND state = 'pending'", (error, request_id))  # fmt: skip
