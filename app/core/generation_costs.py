"""Exact per-request cost from OpenRouter's generation lookup, fetched after the answer, retried when offline.

After an answer, core calls `lookup_after_answer(store, client, keys, request_id, response_id)` (as a
background task): the ledger row is queued with its own estimate kept beside it, looked up a few times
in the following seconds (a generation becomes readable a moment after the answer), and, if still
unknown, left in the queue. `drain_cost_lookups` later works through whatever is due (at start-up, on a
timer, when back online). A found figure replaces the row's cost in place, labelled 'provider';
nothing here adds or removes a ledger row, so budgets and the spend panel, which sum the ledger, count
the best figure known without further work.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

import httpx

from app.providers import Endpoint, ProviderError, Timeouts, get_spec, make_error, with_base_url
from app.providers.openrouter_generation import generation_call, parse_generation
from app.providers.report_http import ReportAdapter, retry_later

if TYPE_CHECKING:
    from app.store import Store
    from app.store.request_costs import RequestCost

    from .keys import KeyStore

LOOKUP_PROVIDERS = frozenset({"openrouter"})
QUICK_WAITS = (1.5, 3.0, 6.0)  # seconds before each try right after an answer
BACKOFF = (60.0, 300.0, 1800.0, 3 * 3600.0, 12 * 3600.0)  # seconds before the next try after a failure
NOT_FOUND_GIVE_UP = timedelta(days=3)  # a generation still unknown this long after its answer never will be
MAX_ATTEMPTS = 12  # for failures that are not about being offline (malformed answers, refusals)
KEY_PROBLEM_WAIT = timedelta(hours=1)

LookupStatus = Literal["reported", "later", "failed", "stopped"]
Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class LookupResult:
    """`reported`: the provider's figure is in the ledger; `later`: still queued; `failed`: it never will be
    (the estimate stays); `stopped`: nothing can be looked up now (refused key, offline): try again later."""

    request_id: int
    status: LookupStatus
    cost_usd: Decimal | None = None
    error: ProviderError | None = None


@dataclass(frozen=True, slots=True)
class DrainReport:
    results: tuple[LookupResult, ...]
    problem: ProviderError | None = None  # why the drain stopped early (key refused, offline), if it did

    def count(self, status: LookupStatus) -> int:
        return sum(1 for r in self.results if r.status == status)


def wants_lookup(provider: str, response_id: str | None) -> bool:
    """Whether an answer from `provider` can have its exact cost looked up afterwards."""
    return provider in LOOKUP_PROVIDERS and bool(response_id and response_id.strip())


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def lookup_adapter(api_key: str, *, base_url: str | None = None, timeouts: Timeouts | None = None) -> ReportAdapter:
    spec = get_spec("openrouter")
    endpoint = Endpoint(with_base_url(spec, base_url), api_key=api_key, timeouts=timeouts or Timeouts())
    return ReportAdapter(endpoint, key_name="OpenRouter API key", key_entry="openrouter", key_env=spec.key_env[0])


async def look_up(client: httpx.AsyncClient, adapter: ReportAdapter, store: Store, pending: RequestCost,
                  *, now: datetime) -> LookupResult:  # fmt: skip
    """One try for one queued request: record the figure, or say when to try again, or give up."""
    try:
        body = await adapter.fetch(client, generation_call(adapter.endpoint, pending.response_id))
        info = parse_generation(body, pending.response_id)
    except ProviderError as err:
        return _after_failure(store, pending, err, now)
    store.record_provider_cost(
        pending.request_id, info.total_cost_usd, upstream_provider=info.upstream_provider,
        native_input_tokens=info.native_input_tokens, native_output_tokens=info.native_output_tokens,
        native_reasoning_tokens=info.native_reasoning_tokens, native_cached_tokens=info.native_cached_tokens, at=now,
    )  # fmt: skip
    return LookupResult(pending.request_id, "reported", info.total_cost_usd)


def _after_failure(store: Store, pending: RequestCost, err: ProviderError, now: datetime) -> LookupResult:
    rid, attempts = pending.request_id, pending.attempts + 1
    wait = timedelta(seconds=BACKOFF[min(attempts, len(BACKOFF)) - 1])
    if err.kind in ("auth", "permission"):
        store.defer_cost_lookup(rid, now + KEY_PROBLEM_WAIT, err.describe(), count=False)
        return LookupResult(rid, "stopped", error=err)
    if err.kind == "not_found":
        if now - pending.queued_at < NOT_FOUND_GIVE_UP:
            store.defer_cost_lookup(rid, now + wait, "not readable at the provider yet")
            return LookupResult(rid, "later", error=err)
        store.give_up_cost_lookup(rid, f"the provider does not know generation {pending.response_id}; Parley's own "
                                       "estimate stays in the ledger")  # fmt: skip
        return LookupResult(rid, "failed", error=err)
    if retry_later(err):
        store.defer_cost_lookup(rid, now + wait, err.describe())
        return LookupResult(rid, "stopped" if err.kind in ("network", "timeout") else "later", error=err)
    if attempts >= MAX_ATTEMPTS:
        store.give_up_cost_lookup(rid, f"{err.describe()}; Parley's own estimate stays in the ledger")
        return LookupResult(rid, "failed", error=err)
    store.defer_cost_lookup(rid, now + wait, err.describe())
    return LookupResult(rid, "later", error=err)


async def _adapter(keys: KeyStore, base_url: str | None, timeouts: Timeouts | None) -> ReportAdapter | ProviderError:
    found = await keys.aget("openrouter")
    if not found.value:
        err = make_error("auth", "no OpenRouter API key, so exact costs cannot be looked up now", provider="openrouter")
        err.retryable = False
        return err
    return lookup_adapter(found.value, base_url=base_url, timeouts=timeouts)


async def lookup_after_answer(
    store: Store,
    client: httpx.AsyncClient,
    keys: KeyStore,
    request_id: int,
    response_id: str,
    *,
    provider: str = "openrouter",
    base_url: str | None = None,
    timeouts: Timeouts | None = None,
    waits: Sequence[float] = QUICK_WAITS,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = utc_now,
) -> LookupResult:
    """Queue ledger row `request_id` for the provider's figure and try a few times in the next seconds;
    whatever is still unknown stays queued for `drain_cost_lookups`. Call it as a background task."""
    if provider not in LOOKUP_PROVIDERS:
        raise ValueError(f"{provider} does not report single requests' costs afterwards")
    store.queue_cost_lookup(request_id, provider, response_id, now=clock())
    adapter = await _adapter(keys, base_url, timeouts)
    if isinstance(adapter, ProviderError):
        return LookupResult(request_id, "stopped", error=adapter)
    result = LookupResult(request_id, "later")
    for wait in waits:
        await sleep(wait)
        pending = store.request_cost(request_id)
        if pending is None or pending.state != "pending":
            return LookupResult(request_id, "reported" if pending and pending.state == "done" else "failed")
        result = await look_up(client, adapter, store, pending, now=clock())
        if not (result.status == "later" and result.error is not None and result.error.kind == "not_found"):
            break
    return result


async def drain_cost_lookups(
    store: Store,
    client: httpx.AsyncClient,
    keys: KeyStore,
    *,
    base_url: str | None = None,
    timeouts: Timeouts | None = None,
    limit: int = 50,
    clock: Clock = utc_now,
) -> DrainReport:
    """Try every queued lookup that is due, oldest first; stop at the first sign that none can succeed now
    (the key refused, the network down), leaving the rest queued as they were."""
    due = store.due_cost_lookups(now=clock(), limit=limit)
    if not due:
        return DrainReport(())
    adapter = await _adapter(keys, base_url, timeouts)
    if isinstance(adapter, ProviderError):
        return DrainReport((), adapter)
    results: list[LookupResult] = []
    for pending in due:
        result = await look_up(client, adapter, store, pending, now=clock())
        results.append(result)
        if result.status == "stopped":
            return DrainReport(tuple(results), result.error)
    return DrainReport(tuple(results))
