"""Drive a real adapter against a loopback server: build it for a base URL, gather what it produced, and check
that against what a recorded case expects."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from app.providers import (
    Adapter,
    ChatRequest,
    Endpoint,
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
    adapter_for,
    get_spec,
    with_base_url,
)

from .keys import FAKE_KEY

A = TypeVar("A", bound=Adapter)


def adapter_at(cls: type[A], provider: str, base_url: str, api_key: str | None = FAKE_KEY) -> A:
    """The registry's adapter for `provider` at `base_url` (checked to be `cls`)."""
    adapter = adapter_for(Endpoint(with_base_url(get_spec(provider), base_url), api_key=api_key))
    assert isinstance(adapter, cls), type(adapter)
    return adapter


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


def check_outcome(got: Collected, case: dict[str, Any], *, error_category: str | None = None) -> None:
    """What a recorded case expects of the answer: no error, or an error of its category (`error_category` where
    Parley deliberately differs) without the key in it; then the text, reasoning, raw finish reason and tokens."""
    expected = error_category or case["expected_error_kind"]
    if expected == "none":
        assert got.error is None, got.error
    else:
        assert got.error is not None, "expected an error"
        assert got.error.category == expected
        assert FAKE_KEY not in str(got.error)
    assert got.text == (case["expected_text"] or "")
    if case["expected_reasoning"]:
        assert got.reasoning == case["expected_reasoning"]
    # Finish.raw is the reason as sent, as text: the langchaingo Gemini recordings asked for integer enums, so
    # theirs is "1" where the case holds the number 1.
    if case["expected_finish_reason"]:
        assert got.finish is not None
        assert got.finish.raw == str(case["expected_finish_reason"])
    usage = case["expected_usage"]
    if usage:
        assert (got.usage.input_tokens, got.usage.output_tokens) == (usage["input_tokens"], usage["output_tokens"])
