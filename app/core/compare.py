"""One prompt to several targets at once: each pane its own task, measured and priced alike."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from app.providers import ChatRequest

from .chat import ChatObserver, ChatRun, NullObserver, Reply
from .resilience import Resilience, Target


@dataclass
class Pane:
    position: int
    label: str
    run: ChatRun
    task: asyncio.Task[Reply] | None = None

    @property
    def reply(self) -> Reply:
        return self.run.reply


@dataclass
class Comparison:
    """Runs every pane concurrently; one pane failing or stalling never holds up the others."""

    resilience: Resilience
    chains: Sequence[Sequence[Target]]
    request: ChatRequest
    observer_for: Callable[[int], ChatObserver] = lambda _i: NullObserver()
    requests: Sequence[ChatRequest] = ()  # one per pane (its own parameters); `request` for panes without one
    panes: list[Pane] = field(init=False)

    def __post_init__(self) -> None:
        self.panes = [
            Pane(i, chr(ord("A") + i), ChatRun(self.resilience, chain, self.request_for(i), self.observer_for(i)))
            for i, chain in enumerate(self.chains)
        ]

    def request_for(self, position: int) -> ChatRequest:
        return self.requests[position] if position < len(self.requests) else self.request

    async def execute(self) -> list[Reply]:
        for pane in self.panes:
            pane.task = asyncio.ensure_future(pane.run.execute())
        await asyncio.gather(*(p.task for p in self.panes if p.task), return_exceptions=True)
        return [p.reply for p in self.panes]

    def stop(self, position: int) -> None:
        task = self.panes[position].task
        if task is not None and not task.done():
            task.cancel()

    def stop_all(self) -> None:
        for i in range(len(self.panes)):
            self.stop(i)


PARAMETERS = ("temperature", "max_tokens", "reasoning_effort", "json_mode", "system")  # what a pane may set
REASONING_EFFORTS = ("low", "medium", "high")


def with_params(request: ChatRequest, params: Mapping[str, object]) -> ChatRequest:
    """`request` with a pane's own parameters (see `PARAMETERS`; other keys, like a pane's fallbacks, are not
    the request's business); a missing or None value keeps the request's.

    Raises ValueError, in plain words, for a value no provider takes."""
    changes: dict[str, Any] = {}
    temperature = params.get("temperature")
    if temperature is not None:
        if isinstance(temperature, bool) or not isinstance(temperature, (int, float)) or not 0 <= temperature <= 2:
            raise ValueError(f"temperature must be a number from 0 to 2, not {temperature!r}")
        changes["temperature"] = float(temperature)
    max_tokens = params.get("max_tokens")
    if max_tokens is not None:
        if isinstance(max_tokens, bool) or not isinstance(max_tokens, int) or max_tokens < 1:
            raise ValueError(f"max tokens must be a whole number of at least 1, not {max_tokens!r}")
        changes["max_tokens"] = max_tokens
    effort = params.get("reasoning_effort")
    if effort is not None:
        if effort not in REASONING_EFFORTS:
            raise ValueError(f"reasoning effort must be low, medium or high, not {effort!r}")
        changes["reasoning_effort"] = effort
    if params.get("json_mode"):
        changes["json_mode"] = True
    system = params.get("system")
    if isinstance(system, str) and system.strip():
        changes["system"] = system
    return replace(request, **changes) if changes else request


def params_of(request: ChatRequest) -> dict[str, object]:
    """The pane parameters a request sets (what a stored pane records), defaults left out."""
    values: dict[str, object] = {"temperature": request.temperature, "max_tokens": request.max_tokens,
                                 "reasoning_effort": request.reasoning_effort, "json_mode": request.json_mode or None,
                                 "system": request.system or None}
    return {k: v for k, v in values.items() if v is not None}  # fmt: skip


def ranking(replies: Sequence[Reply]) -> dict[str, list[int]]:
    """Pane positions ordered best first by each measure (failed panes last)."""

    def order(key: Callable[[Reply], float | None], reverse: bool = False) -> list[int]:
        scored = [(key(r), i) for i, r in enumerate(replies)]
        good = sorted((s for s in scored if s[0] is not None), key=lambda s: s[0] or 0.0, reverse=reverse)
        return [i for _, i in good] + [i for s, i in scored if s is None]

    return {
        "ttft_ms": order(lambda r: r.ttft_ms if r.error is None else None),
        "tokens_per_second": order(lambda r: r.tokens_per_second if r.error is None else None, reverse=True),
        "cost_usd": order(lambda r: r.cost_usd if r.error is None else None),
    }


def panes_json(replies: Sequence[Reply]) -> dict[str, Any]:
    return {"panes": [r.as_json() for r in replies], "ranking": ranking(replies)}
