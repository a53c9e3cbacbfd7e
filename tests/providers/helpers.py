"""Run an adapter against a loopback server and gather what it produced."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from app.providers import (
    Adapter,
    ChatRequest,
    Finish,
    ProviderError,
    ReasoningDelta,
    ResponseInfo,
    TextDelta,
    Usage,
    UsageUpdate,
)


@dataclass
class Collected:
    text: str = ""
    reasoning: str = ""
    usage: Usage = field(default_factory=Usage)
    finish: Finish | None = None
    info: ResponseInfo | None = None
    error: ProviderError | None = None
    deltas: int = 0


async def collect(adapter: Adapter, request: ChatRequest) -> Collected:
    out = Collected()
    async with httpx.AsyncClient() as client:
        try:
            async for ev in adapter.chat(client, request):
                if isinstance(ev, TextDelta):
                    out.text += ev.text
                    out.deltas += 1
                elif isinstance(ev, ReasoningDelta):
                    out.reasoning += ev.text
                elif isinstance(ev, UsageUpdate):
                    out.usage = out.usage.merged(ev.usage)
                elif isinstance(ev, Finish):
                    out.finish = ev
                elif isinstance(ev, ResponseInfo):
                    out.info = ev
        except ProviderError as exc:
            out.error = exc
    return out
