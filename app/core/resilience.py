"""Retries with backoff before the first token, then the next entry of a fallback chain."""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncGenerator, Awaitable, Callable, Sequence
from contextlib import aclosing
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import httpx

from app.providers import (
    Adapter,
    ChatRequest,
    Endpoint,
    ProviderError,
    ReasoningDelta,
    SignedReasoning,
    StreamEvent,
    TextDelta,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    adapter_for,
    make_error,
)
from app.providers.errors import SummariesRefused
from app.words import translate

if TYPE_CHECKING:
    from .summaries import SummaryMemory

Sleep = Callable[[float], Awaitable[None]]

RETRYABLE_KINDS = frozenset({"rate_limit", "overloaded", "server", "timeout", "network"})
# Errors before the first token that move a fallback chain on to its next entry.
FALLBACK_CATEGORIES = frozenset({"auth", "rate_limit", "server", "timeout", "network"})
FALLBACK_KINDS = frozenset({"not_found"})
# Events that show the answer has begun: after one of them a failure is not retried (the consumer has seen
# it already, and a retry would repeat it: text twice, or the same tool call twice).
STARTED = (TextDelta, ReasoningDelta, ToolCallStart, ToolCallDelta, ToolCallEnd, SignedReasoning)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Defaults from ARCHITECTURE.md: 3 retries, 1 s doubling, 30 s per wait, 60 s in all."""

    max_retries: int = 3
    base_delay: float = 1.0
    factor: float = 2.0
    max_delay: float = 30.0
    total_budget: float = 60.0

    def backoff(self, retry: int, jitter: float) -> float:
        """Wait before retry number `retry` (0-based); jitter in [0, 1) spreads it over 50-100 %."""
        raw = min(self.max_delay, self.base_delay * self.factor**retry)
        return raw * (0.5 + 0.5 * jitter)


@dataclass(frozen=True, slots=True)
class Target:
    """One entry of a chain: where to send, and which model to ask for."""

    endpoint: Endpoint
    model: str
    unavailable: ProviderError | None = None  # known before sending (e.g. no key): skipped, and reported
    policy: RetryPolicy | None = None  # this provider's own retry settings, else the Resilience default

    @property
    def provider(self) -> str:
        return self.endpoint.provider


@dataclass(slots=True)
class Attempt:
    provider: str
    model: str
    error: ProviderError | None = None
    retries: int = 0
    waited: float = 0.0

    def as_json(self) -> dict[str, str | None]:
        return {"provider": self.provider, "model": self.model, "error_kind": self.error.kind if self.error else None}


@dataclass(frozen=True, slots=True)
class AttemptStarted:
    """Emitted before each try, so the UI and the ledger can show who is being asked."""

    attempt: Attempt
    index: int


@dataclass(frozen=True, slots=True)
class AttemptFailed:
    attempt: Attempt
    error: ProviderError
    will_retry_in: float | None  # seconds, or None when moving on or giving up


@dataclass
class Resilience:
    """Runs a request through retries and a fallback chain. The clock is injectable for tests."""

    client: httpx.AsyncClient
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    sleep: Sleep = asyncio.sleep
    jitter: Callable[[], float] = random.random
    make_adapter: Callable[[Endpoint], Adapter] = adapter_for
    summaries: SummaryMemory | None = None  # remembers providers that refuse reasoning summaries

    async def stream(
        self, chain: Sequence[Target], request: ChatRequest
    ) -> AsyncGenerator[StreamEvent | AttemptStarted | AttemptFailed, None]:
        """Yield attempt notices and the answering target's events; raise the last error if all fail."""
        if not chain:
            raise make_error("bad_request", translate("Resilience", "no provider to send to"))
        last: ProviderError | None = None
        for index, target in enumerate(chain):
            attempt = Attempt(target.provider, target.model)
            if target.unavailable is not None:
                attempt.error = last = target.unavailable
                yield AttemptStarted(attempt, index)
                yield AttemptFailed(attempt, target.unavailable, None)
                if index + 1 < len(chain):  # an entry that cannot be used is reported, and the chain goes on
                    continue
                raise target.unavailable
            adapter = self.make_adapter(target.endpoint)
            started_tokens = False
            retry = 0
            summaries = not (self.summaries and self.summaries.refused(target.provider))
            while True:
                yield AttemptStarted(attempt, index)
                try:
                    req = _with_model(request, target.model)
                    req = req if summaries else replace(req, reasoning_summary=False)
                    async with aclosing(adapter.chat(self.client, req)) as events:
                        async for ev in events:
                            if isinstance(ev, STARTED):
                                started_tokens = True
                            yield ev
                    return
                except ProviderError as err:
                    if isinstance(err, SummariesRefused) and summaries and not started_tokens:
                        summaries = False  # the same request again without them, at once (nothing else was wrong)
                        if self.summaries is not None:
                            self.summaries.remember(target.provider)
                        continue
                    attempt.error = err
                    last = err
                    if started_tokens:
                        yield AttemptFailed(attempt, err, None)
                        raise
                    wait = self._retry_wait(err, retry, attempt.waited, target.policy or self.policy)
                    if wait is not None:
                        yield AttemptFailed(attempt, err, wait)
                        await self.sleep(wait)
                        attempt.waited += wait
                        retry += 1
                        attempt.retries = retry
                        continue
                    yield AttemptFailed(attempt, err, None)
                    if index + 1 < len(chain) and _falls_back(err):
                        break
                    raise
        assert last is not None
        raise last

    def _retry_wait(self, err: ProviderError, retry: int, waited: float, policy: RetryPolicy) -> float | None:
        """Seconds to wait before retrying, or None to stop retrying this target."""
        if err.kind not in RETRYABLE_KINDS or not err.retryable or retry >= policy.max_retries:
            return None
        if err.refused_here:  # a local server that is not running: the next entry of the chain, at once
            return None
        left = policy.total_budget - waited
        if err.retry_after is not None:
            return err.retry_after if err.retry_after <= left else None
        wait = policy.backoff(retry, self.jitter())
        return wait if wait <= left else None


def _falls_back(err: ProviderError) -> bool:
    return err.category in FALLBACK_CATEGORIES or err.kind in FALLBACK_KINDS


def _with_model(request: ChatRequest, model: str) -> ChatRequest:
    return request if request.model == model else replace(request, model=model)
