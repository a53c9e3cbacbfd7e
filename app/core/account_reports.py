"""Fetching providers' account reports with the admin key, saving them, and reconciling the ledger with them.

Read-only at the provider: only GET calls to the documented report endpoints leave the machine, on demand
(`run_reconcile`) or when `report_due` says the user's schedule has come round. A fetch that fails (a
rejected admin key, an API that is down, a malformed report) is logged and explained, and changes no
saved line and no ledger row; the last good report is still reconciled. Store calls here are quick,
blocking SQL, except the reconciliation's reading of a month of the ledger, which runs in a thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import httpx

from app.providers import (
    Endpoint,
    HttpCall,
    ProviderError,
    Timeouts,
    anthropic_admin,
    get_spec,
    make_error,
    openai_admin,
    with_base_url,
)
from app.providers.report_http import ReportAdapter, retry_later
from app.providers.report_types import ReportLine, ReportPage, malformed, merge_lines

from .admin_keys import aadmin_key, admin_key_spec, missing_admin_key_message
from .reconcile import Reconciliation, reconcile

if TYPE_CHECKING:
    from app.store import Store
    from app.store.provider_reports import ReportFetch

    from .keys import KeyStore
    from .runtime import Runtime

REPORT_PROVIDERS = ("openai", "anthropic")
DEFAULT_DAYS = 30
MAX_PAGES = 100  # per report: far past any real range; a server that pages forever is malformed
RETRY_FAILED_AFTER = timedelta(minutes=30)  # a scheduled fetch that failed tries again this soon

CallBuilder = Callable[[Endpoint, date, date, "str | None"], HttpCall]
PageParser = Callable[[Any], ReportPage]

# provider -> the (name, build, parse) of each report read, costs first.
_REPORTS: dict[str, tuple[tuple[str, CallBuilder, PageParser], ...]] = {
    "openai": (("cost report", openai_admin.costs_call, openai_admin.parse_costs),
               ("usage report", openai_admin.usage_call, openai_admin.parse_usage)),
    "anthropic": (("cost report", anthropic_admin.cost_call, anthropic_admin.parse_costs),
                  ("usage report", anthropic_admin.usage_call, anthropic_admin.parse_usage)),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ReconcileOutcome:
    """A reconciliation from the saved reports, and why the fresh fetch failed, if it did."""

    reconciliation: Reconciliation
    error: ProviderError | None
    fetched_lines: int | None  # lines saved by this run's fetch (None: not fetched, or it failed)
    last_fetched_at: datetime | None  # when the reports shown were fetched (None: never)


def utc_today(now: datetime | None = None) -> date:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).date()


def default_range(now: datetime | None = None, days: int = DEFAULT_DAYS) -> tuple[date, date]:
    """The last `days` UTC days, today included."""
    today = utc_today(now)
    return today - timedelta(days=days - 1), today


def report_adapter(provider: str, admin_key: str, *, base_url: str | None = None,
                   timeouts: Timeouts | None = None) -> ReportAdapter:  # fmt: skip
    """The client for one provider's account reports, at its default base URL unless one is given."""
    spec = admin_key_spec(provider)
    endpoint = Endpoint(with_base_url(get_spec(provider), base_url), api_key=admin_key, timeouts=timeouts or Timeouts())
    return ReportAdapter(endpoint, key_name=f"{get_spec(provider).name} admin key", key_entry=spec.entry,
                         key_env=spec.env_var)  # fmt: skip


async def fetch_account_report(
    client: httpx.AsyncClient, adapter: ReportAdapter, first_day: date, last_day: date
) -> tuple[ReportLine, ...]:
    """Every line of the provider's cost and usage reports for the UTC days first_day..last_day, all pages."""
    if last_day < first_day:
        raise ValueError(f"the last day {last_day} is before the first day {first_day}")
    lines: list[ReportLine] = []
    for name, build, parse in _REPORTS[adapter.provider]:
        cursor: str | None = None
        seen: set[str] = set()
        for _ in range(MAX_PAGES):
            page = parse(await adapter.fetch(client, build(adapter.endpoint, first_day, last_day, cursor)))
            lines += page.lines
            if page.next_page is None:
                break
            if page.next_page in seen:
                raise malformed(adapter.provider, name, "it sent the same next_page twice")
            seen.add(cursor := page.next_page)
        else:
            raise malformed(adapter.provider, name, f"it has more than {MAX_PAGES} pages")
    return merge_lines(lines)


async def refresh_account_report(
    store: Store,
    client: httpx.AsyncClient,
    keys: KeyStore,
    provider: str,
    first_day: date,
    last_day: date,
    *,
    base_url: str | None = None,
    timeouts: Timeouts | None = None,
    now: datetime | None = None,
) -> tuple[int | None, ProviderError | None]:
    """Fetch and save one provider's reports: (lines saved, None), or (None, the error, explained).

    A missing admin key is an `auth` error that is not logged as a fetch (nothing was asked). Any other
    failure is logged with `record_report_failure` and leaves the saved lines as they were.
    """
    found = await aadmin_key(keys, provider)
    if not found.value:
        err = make_error("auth", missing_admin_key_message(provider), provider=provider)
        err.retryable = False
        return None, err
    adapter = report_adapter(provider, found.value, base_url=base_url, timeouts=timeouts)
    try:
        lines = await fetch_account_report(client, adapter, first_day, last_day)
    except ProviderError as err:
        err.scrub([found.value])
        store.record_report_failure(provider, first_day, last_day, err.kind, err.describe(), at=now)
        return None, err
    return store.save_report(provider, first_day, last_day, lines, fetched_at=now), None


def covered_days(fetches: list[ReportFetch], first_day: date, last_day: date) -> set[date]:
    """The days of first_day..last_day that some successful fetch covered."""
    days: set[date] = set()
    for f in fetches:
        if f.error_kind is not None:
            continue
        day = max(f.first_day, first_day)
        while day <= min(f.last_day, last_day):
            days.add(day)
            day += timedelta(days=1)
    return days


def reconcile_stored(
    store: Store, provider: str, first_day: date, last_day: date, *, priced: Callable[[str], bool] | None = None
) -> Reconciliation:
    """The ledger beside the saved reports for first_day..last_day (no network)."""
    fetches = store.report_fetches(provider, limit=1000)
    return reconcile(
        provider,
        store.ledger_groups(provider, first_day, last_day),
        store.report_lines(provider, first_day, last_day),
        first_day=first_day,
        last_day=last_day,
        covered_days=covered_days(fetches, first_day, last_day),
        priced=priced,
    )


def catalog_prices(provider: str) -> Callable[[str], bool]:
    """Whether Parley's price catalog has a price for a model of `provider` (loads the catalog, ~300 ms)."""
    from .pricing import price_per_million

    return lambda model: price_per_million(provider, model) is not None


async def run_reconcile(
    store: Store,
    client: httpx.AsyncClient,
    keys: KeyStore,
    provider: str,
    *,
    first_day: date | None = None,
    last_day: date | None = None,
    refresh: bool = True,
    base_url: str | None = None,
    timeouts: Timeouts | None = None,
    priced: Callable[[str], bool] | None = None,
    now: datetime | None = None,
) -> ReconcileOutcome:
    """Fetch the provider's reports (unless `refresh` is False), then reconcile from what is saved.

    `first_day`/`last_day` default to the last 30 UTC days. A failed fetch is returned as `error` beside a
    reconciliation of the reports saved before (which may be empty). ValueError for a provider without
    account reports or an empty range.
    """
    admin_key_spec(provider)  # ValueError for providers without account reports
    default_first, default_last = default_range(now)
    first, last = first_day or default_first, last_day or default_last
    if last < first:
        raise ValueError(f"the last day {last} is before the first day {first}")
    saved, error = None, None
    if refresh:
        saved, error = await refresh_account_report(store, client, keys, provider, first, last, base_url=base_url,
                                                    timeouts=timeouts, now=now)  # fmt: skip
    # A month of the ledger is tens of milliseconds of reading and summing: off the event loop (a window
    # refreshing its cost panel after every answer must not stall for it).
    return await asyncio.to_thread(_stored_outcome, store, provider, first, last, priced, error, saved)


def _stored_outcome(store: Store, provider: str, first: date, last: date, priced: Callable[[str], bool] | None,
                    error: ProviderError | None, saved: int | None) -> ReconcileOutcome:  # fmt: skip
    """The saved reports beside the ledger, with the fetch's outcome (read through the store's second
    connection: the event loop's writes meanwhile do not wait for this read)."""
    store = store.reader()
    good = next((f for f in store.report_fetches(provider, limit=1000) if f.error_kind is None), None)
    rec = reconcile_stored(store, provider, first, last, priced=priced)
    return ReconcileOutcome(rec, error, saved, good.fetched_at if good else None)


def report_due(fetches: list[ReportFetch], every: timedelta | None, now: datetime | None = None) -> bool:
    """Has the user's schedule (`every`, None: on demand only) come round? `fetches` newest first.

    Due when nothing was fetched yet, when the last success is `every` old, or, after a failure that
    may pass (offline, provider down), `RETRY_FAILED_AFTER` after it; a rejected key waits for `every`.
    """
    if every is None:
        return False
    now = now or datetime.now(timezone.utc)
    if not fetches:
        return True
    last = fetches[0]
    if last.error_kind is not None and _passing(last.error_kind):
        return now - last.fetched_at >= min(every, RETRY_FAILED_AFTER)
    return now - last.fetched_at >= every


def _passing(kind: str) -> bool:
    return retry_later(make_error(kind, ""))


async def reconcile_account(runtime: Runtime, provider: str, *, first_day: date | None = None,
                            last_day: date | None = None, refresh: bool = True, base_url: str | None = None,
                            ) -> ReconcileOutcome:  # fmt: skip
    """`run_reconcile` over the process's database, HTTP client and keys (the window and the CLI call this).
    StoreError when the database is not open."""
    from app.store import StoreError

    if runtime.store is None:
        raise StoreError(runtime.store_problem or "the database is not open", reason="unreadable")
    return await run_reconcile(runtime.store, runtime.http(), runtime.keys, provider, first_day=first_day,
                               last_day=last_day, refresh=refresh, base_url=base_url,
                               priced=catalog_prices(provider))  # fmt: skip
