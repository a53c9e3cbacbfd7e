"""One prompt to several targets at once: each pane its own task, measured and priced alike."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
    panes: list[Pane] = field(init=False)

    def __post_init__(self) -> None:
        self.panes = [
            Pane(i, chr(ord("A") + i), ChatRun(self.resilience, chain, self.request, self.observer_for(i)))
            for i, chain in enumerate(self.chains)
        ]

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
