"""The window's background checks of the ledger: providers' exact costs after answers, account reports on schedule.

Every answer whose stream carried no cost from a provider that reports it afterwards (OpenRouter) is queued
beside its ledger row when it is logged (`history.queue_lookup`), by the window and the command line alike.
This service, owned by the Runtime and started by the window after its first paint, works the queue:

- `answered(ids)`: right after an answer, the lookups of its requests are tried a few times in the next
  seconds (a generation becomes readable a moment after the answer), in the background;
- `drain()`: every queued lookup that is due (at start, then every `DRAIN_EVERY` seconds); a lookup that
  cannot run now (offline, key refused) stays queued with its estimate in the ledger, and is tried again.
- `reports_due()`: the providers' account reports, fetched when the user's schedule (off, daily, weekly)
  has come round, read only.

A found figure replaces the row's cost in place (labelled 'provider'): nothing is added, lost or doubled.
Listeners hear each replaced figure (`Reported`) and each scheduled reconciliation. The command line never
starts this service: `ask` only queues (one row in SQLite), so it never waits for a lookup before exiting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .account_reports import ReconcileOutcome
    from .generation_costs import LookupResult
    from .runtime import Runtime

log = logging.getLogger("parley")

Clock = Callable[[], datetime]
DRAIN_EVERY = 15 * 60.0  # seconds between two drains of the queue (and checks of the reports' schedule)
SCHEDULES: dict[str, timedelta | None] = {"off": None, "daily": timedelta(days=1), "weekly": timedelta(days=7)}


@dataclass(frozen=True, slots=True)
class Reported:
    """The provider's figure replaced a ledger row's estimate."""

    request_id: int
    conversation_id: int | None
    message_id: int | None
    cost_usd: Decimal


@dataclass(frozen=True, slots=True)
class AnswerCost:
    """What one answer cost, all its requests together, and how sure that is (its least sure figure)."""

    cost_usd: float | None  # None: some request of it could not be priced
    source: str


class CostLookups:
    """Lookups and scheduled reports over the Runtime's database, keys and shared HTTP client."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.running = False  # started by the window; until then (and in the CLI) answers are only queued
        self._tasks: set[asyncio.Task[Any]] = set()
        self._reported: list[Callable[[Reported], None]] = []
        self._reconciled: list[Callable[[str, ReconcileOutcome], None]] = []
        self._ticker: asyncio.Task[None] | None = None
        self.waits: Sequence[float] | None = None  # seconds before each try after an answer (None: the usual)
        self.clock: Clock = lambda: datetime.now(timezone.utc)

    # -- who hears of it -----------------------------------------------------------------------------------
    def on_reported(self, callback: Callable[[Reported], None]) -> None:
        self._reported.append(callback)

    def on_reconciled(self, callback: Callable[[str, ReconcileOutcome], None]) -> None:
        """`callback(provider, outcome)` after each scheduled fetch of a provider's account reports."""
        self._reconciled.append(callback)

    # -- starting and stopping -----------------------------------------------------------------------------
    def start(self, every: float = DRAIN_EVERY) -> None:
        """Work the queue from now on: a drain at once, then every `every` seconds (needs a running loop)."""
        if self.running:
            return
        self.running = True
        self._ticker = asyncio.ensure_future(self._tick(every))

    async def _tick(self, every: float) -> None:
        while True:
            await self.drain()
            await self.reports_due()
            await asyncio.sleep(every)

    async def aclose(self) -> None:
        self.running = False
        tasks = [*self._tasks, *([self._ticker] if self._ticker else [])]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        self._ticker = None

    # -- lookups -------------------------------------------------------------------------------------------
    def answered(self, request_ids: Sequence[int]) -> None:
        """Requests were just logged: try the queued lookups among them in the background (if started)."""
        store = self.runtime.store
        if not self.running or store is None:
            return
        for rid in request_ids:
            pending = store.request_cost(rid)
            if pending is not None and pending.state == "pending":
                self._spawn(self._after_answer(rid, pending.provider, pending.response_id))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("cost lookup failed: %s", task.exception())

    async def _after_answer(self, request_id: int, provider: str, response_id: str) -> None:
        from .generation_costs import QUICK_WAITS, lookup_after_answer

        store = self.runtime.store
        if store is None:
            return
        waits = QUICK_WAITS if self.waits is None else self.waits
        result = await lookup_after_answer(store, self.runtime.http(), self.runtime.keys, request_id, response_id,
                                           provider=provider, base_url=self._base_url(provider), waits=waits,
                                           clock=self.clock)  # fmt: skip
        self._tell([result])

    async def drain(self) -> int:
        """Try every due lookup now; how many got the provider's figure. What cannot run stays queued."""
        from .generation_costs import drain_cost_lookups

        store = self.runtime.store
        if store is None or not store.due_cost_lookups(now=self.clock(), limit=1):
            return 0
        report = await drain_cost_lookups(store, self.runtime.http(), self.runtime.keys,
                                          base_url=self._base_url("openrouter"), clock=self.clock)  # fmt: skip
        if report.problem is not None:
            log.info("cost lookups wait: %s", report.problem.describe())
        self._tell(report.results)
        return report.count("reported")

    def _base_url(self, provider: str) -> str | None:
        return self.runtime.settings().provider(provider).base_url

    def _tell(self, results: Sequence[LookupResult]) -> None:
        store = self.runtime.store
        for result in results:
            if result.status != "reported" or store is None:
                continue
            row = store.logged_request(result.request_id)
            cost = result.cost_usd if result.cost_usd is not None else Decimal(repr(row.cost_usd or 0.0)) if row \
                else Decimal(0)  # fmt: skip
            news = Reported(result.request_id, row.conversation_id if row else None, row.message_id if row else None,
                            cost)  # fmt: skip
            for callback in list(self._reported):
                callback(news)

    def answer_cost(self, message_id: int) -> AnswerCost | None:
        """An answer's cost from the ledger (every model call and fallback of it), for its footer."""
        from .turn_steps import CERTAINTY

        store = self.runtime.store
        rows = store.message_requests(message_id) if store is not None else []
        if not rows:
            return None
        costs = [r.cost_usd for r in rows]
        total = None if any(c is None for c in costs) else sum(c for c in costs if c is not None)
        billed: list[str] = [r.cost_source for r in rows if r.cost_source != "free"] or ["free"]
        source = min(billed, key=lambda s: CERTAINTY.index(s) if s in CERTAINTY else 0)
        return AnswerCost(total, source)

    # -- account reports on the user's schedule ------------------------------------------------------------
    async def reports_due(self) -> list[str]:
        """Fetch the account reports of each provider with an admin key whose schedule has come round;
        the providers fetched. Off (the default) fetches nothing."""
        from .account_reports import REPORT_PROVIDERS, reconcile_account, report_due
        from .admin_keys import aadmin_key

        every = SCHEDULES.get(self.runtime.settings().reconcile_schedule)
        store = self.runtime.store
        if every is None or store is None:
            return []
        fetched: list[str] = []
        for provider in REPORT_PROVIDERS:
            if not report_due(store.report_fetches(provider), every):
                continue
            if not (await aadmin_key(self.runtime.keys, provider)).value:
                continue  # never asked for: reconciliation is offered only with an admin key
            outcome = await reconcile_account(self.runtime, provider, base_url=self._base_url(provider))
            fetched.append(provider)
            for callback in list(self._reconciled):
                callback(provider, outcome)
        return fetched
