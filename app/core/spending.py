"""The spend ledger as the cost panel, budgets and `spend` read it (all reads; the turn writes the rows)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from app.store import SpendReport

from .budgets import Spend

if TYPE_CHECKING:
    from app.store import RequestRow, SpendBy, Store

    from .account_reports import ReconcileOutcome
    from .runtime import Runtime
    from .spend_views import CostView


class Spending:
    def __init__(self, runtime: Runtime) -> None:
        self._runtime = runtime

    @property
    def _store(self) -> Store | None:
        return self._runtime.store

    @property
    def available(self) -> bool:
        return self._store is not None

    def report(self, by: SpendBy | None = None, *, since: date | None = None,
               conversation_id: int | None = None) -> SpendReport:  # fmt: skip
        """Totals, optionally split by day, provider or model (what `spend --json` prints)."""
        if self._store is None:
            return SpendReport(total_usd=0.0, requests=0, rows=(), unpriced_requests=0)
        return self._store.spend(by, since=since, conversation_id=conversation_id)

    def requests(self) -> list[RequestRow]:
        """Every ledger row, newest first (the cost panel's CSV export)."""
        return self._store.logged_requests(limit=None) if self._store is not None else []

    def turn_steps(self, message_id: int) -> list[RequestRow]:
        """An answer's ledger rows, oldest first: one per model call of its turn (`step`), with each call's
        fallback attempts; the rows of a turn that used tools sum to what the turn cost."""
        return self._store.message_requests(message_id) if self._store is not None else []

    def now(self, now: datetime | None = None) -> Spend:
        """Today's and this month's spend, overall and per provider, for budget checks (local days)."""
        local = (now or datetime.now()).astimezone()
        today = self.report("provider", since=local.date())
        month = self.report("provider", since=date(local.year, local.month, 1))
        return Spend(today=today.total_usd, month=month.total_usd,
                     today_by_provider={r.key: r.cost_usd for r in today.rows},
                     month_by_provider={r.key: r.cost_usd for r in month.rows})  # fmt: skip

    def view(self, now: datetime | None = None) -> CostView:
        """The cost panel's figures (blocking SQL: call it off the event loop; it reads through the store's
        `reader()`, so the loop's own writes meanwhile do not wait for it). Without a database: ValueError."""
        from .spend_views import load_view

        if self._store is None:
            raise ValueError(self._runtime.store_problem or "the database is not open")
        return load_view(self._store.reader(), now)

    # -- the providers' own accounts ----------------------------------------------------------------------
    async def has_admin_key(self, provider: str) -> bool:
        """Whether an admin key for `provider`'s account reports is set (keychain, session or environment)."""
        from .admin_keys import aadmin_key

        return bool((await aadmin_key(self._runtime.keys, provider)).value)

    async def reconcile(self, provider: str, *, refresh: bool) -> ReconcileOutcome:
        """The last 30 UTC days of the ledger beside `provider`'s account reports: fetched now (read only, with
        the admin key) when `refresh`, else those saved before. ValueError without a database."""
        from .account_reports import reconcile_account

        if self._store is None:
            raise ValueError(self._runtime.store_problem or "the database is not open")
        await self._runtime.catalog()  # models Parley never priced are told apart by the catalog
        base_url = self._runtime.settings().provider(provider).base_url
        return await reconcile_account(self._runtime, provider, refresh=refresh, base_url=base_url)
