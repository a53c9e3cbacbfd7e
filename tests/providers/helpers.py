"""Run an adapter against a loopback server and gather what it produced."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from app.providers import (
    Adapter,
    ChatRequest,
    Finish,
    ProviderError,
    ReasoningDelta,
    ResponseInfo,
    SignedReasoning,
    TextDelta,
    ToolCall,
    ToolCallEnd,
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
    calls: list[ToolCall] = field(default_factory=list)  # from ToolCallEnd, in order
    signed: list[SignedReasoning] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)  # every event, in order


async def collect(adapter: Adapter, request: ChatRequest) -> Collected:
    out = Collected()
    async with httpx.AsyncClient() as client:
        try:
            async for ev in adapter.chat(client, request):
                out.events.append(ev)
                if isinstance(ev, ToolCallEnd):
                    out.calls.append(ev.call())
                elif isinstance(ev, SignedReasoning):
                    out.signed.append(ev)
                elif isinstance(ev, TextDelta):
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
