"""A scripted adapter, registered through the real protocol registry, so core tests need no HTTP server.

`scripted_protocols(monkeypatch)` points every protocol of `app.providers.PROTOCOLS` at `ScriptedAdapter`:
`adapter_for` then builds it for any provider id, so keys, chains, budgets, context windows, pricing and the
store all run for real, and only the wire is scripted. Each request takes the next answer queued for its
provider and model (`Script.reply`, `Script.fail`, `Script.answer`) and is recorded in `Script.sent`.

    script = scripted_protocols(monkeypatch)
    script.reply("Hello", " there", usage=Usage(input_tokens=9, output_tokens=2))
    gate = Gate()
    script.answer(TextDelta("partial "), gate, TextDelta("never sent"), provider="openai")
    ...
    await gate.wait_reached()   # the answer is streaming and stopped at the gate: stop the turn now
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx
import pytest

from app import providers
from app.providers import (
    Adapter,
    ChatRequest,
    Finish,
    HttpCall,
    ModelInfo,
    ReasoningDelta,
    ResponseInfo,
    StreamEvent,
    StreamParser,
    TextDelta,
    Usage,
    UsageUpdate,
    make_error,
)
from app.providers.types import FinishReason

WAIT_S = 10.0  # how long a test waits for a stream to reach a gate before failing


class Gate:
    """The stream stops here until the test opens it; `reached` is set when the stream gets here."""

    def __init__(self) -> None:
        self.reached = asyncio.Event()
        self._open = asyncio.Event()

    def open(self) -> None:
        self._open.set()

    async def wait_reached(self, timeout: float = WAIT_S) -> None:
        await asyncio.wait_for(self.reached.wait(), timeout)

    async def _pass(self) -> None:
        self.reached.set()
        await self._open.wait()


@dataclass(frozen=True, slots=True)
class Failure:
    """The provider fails at this point of the stream with a typed error of this kind."""

    kind: str
    message: str = "scripted failure"
    status: int | None = None
    retry_after: float | None = None


Step = TextDelta | ReasoningDelta | UsageUpdate | ResponseInfo | Finish | Failure | Gate


@dataclass(frozen=True, slots=True)
class Sent:
    """One request as the adapter received it."""

    provider: str
    base_url: str
    api_key: str | None = field(repr=False)
    request: ChatRequest

    @property
    def model(self) -> str:
        return self.request.model

    @property
    def texts(self) -> list[tuple[str, str]]:
        """(role, text) of every message sent, the prompt last."""
        return [(m.role, m.text) for m in self.request.messages]


@dataclass(frozen=True, slots=True)
class _Queued:
    provider: str | None
    model: str | None
    steps: tuple[Step, ...]

    def matches(self, provider: str, model: str) -> bool:
        return self.provider in (None, provider) and self.model in (None, model)


class UnscriptedRequest(AssertionError):
    """A request arrived that no queued answer matches: the test forgot one (core logs it as our bug)."""


class Script:
    """Answers queued per (provider, model), taken in order; what was sent; streams closed before their end."""

    def __init__(self) -> None:
        self._queue: list[_Queued] = []
        self.sent: list[Sent] = []
        self.closed_early = 0  # streams closed by their reader (a stop, a cancelled pane) before the script ended
        self.models: list[ModelInfo] = []  # what `list_models` answers

    def answer(self, *steps: Step, provider: str | None = None, model: str | None = None) -> Script:
        """Queue one answer, step by step, for the next request to `provider` and `model` (None: any)."""
        self._queue.append(_Queued(provider, model, steps))
        return self

    def reply(self, *pieces: str, provider: str | None = None, model: str | None = None, served: str | None = None,
              reasoning: tuple[str, ...] = (), usage: Usage | None = None,
              finish: FinishReason = "stop") -> Script:  # fmt: skip
        """Queue a whole answer: the served model, reasoning, then text pieces, usage and a finish reason."""
        steps: list[Step] = [ResponseInfo(model=served or model, response_id="scripted-1")]
        steps += [ReasoningDelta(r) for r in reasoning]
        steps += [TextDelta(p) for p in pieces]
        if usage is not None:
            steps.append(UsageUpdate(usage))
        steps.append(Finish(finish, raw=finish))
        return self.answer(*steps, provider=provider, model=model)

    def fail(self, kind: str, message: str = "scripted failure", *, provider: str | None = None,
             model: str | None = None, status: int | None = None,
             retry_after: float | None = None) -> Script:  # fmt: skip
        """Queue an answer that fails before its first token."""
        return self.answer(Failure(kind, message, status, retry_after), provider=provider, model=model)

    @property
    def pending(self) -> int:
        """Answers queued and not asked for yet."""
        return len(self._queue)

    def sent_to(self, provider: str) -> list[Sent]:
        return [s for s in self.sent if s.provider == provider]

    def _take(self, provider: str, model: str) -> tuple[Step, ...]:
        for i, queued in enumerate(self._queue):
            if queued.matches(provider, model):
                del self._queue[i]
                return queued.steps
        raise UnscriptedRequest(f"no scripted answer for {provider}:{model}")


class ScriptedAdapter(Adapter):
    """Plays the script's next answer for its endpoint; sends nothing over HTTP."""

    protocol = "scripted"
    script: ClassVar[Script | None] = None  # set by `scripted_protocols` for one test

    def chat(self, client: httpx.AsyncClient, request: ChatRequest) -> AsyncGenerator[StreamEvent, None]:
        return self._play(request)

    async def _play(self, request: ChatRequest) -> AsyncGenerator[StreamEvent, None]:
        script = self.script
        assert script is not None, "use scripted_protocols(monkeypatch) first"
        ep = self.endpoint
        script.sent.append(Sent(self.provider, ep.base_url, ep.api_key, request))
        steps = script._take(self.provider, request.model)
        try:
            for step in steps:
                if isinstance(step, Gate):
                    await step._pass()
                elif isinstance(step, Failure):
                    raise make_error(step.kind, step.message, provider=self.provider, status=step.status,
                                     retry_after=step.retry_after)  # fmt: skip
                else:
                    yield step
        except (GeneratorExit, asyncio.CancelledError):
            script.closed_early += 1
            raise

    async def list_models(self, client: httpx.AsyncClient) -> list[ModelInfo]:
        assert self.script is not None
        return list(self.script.models)

    # The pure HTTP parts: a scripted answer has none.
    def build_chat(self, request: ChatRequest) -> HttpCall:
        raise NotImplementedError("the scripted adapter sends nothing")

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        raise NotImplementedError("the scripted adapter parses nothing")

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        raise NotImplementedError("the scripted adapter parses nothing")

    def build_list_models(self) -> HttpCall:
        raise NotImplementedError("the scripted adapter sends nothing")

    def parse_models(self, body: Any) -> list[ModelInfo]:
        raise NotImplementedError("the scripted adapter parses nothing")


def scripted_protocols(monkeypatch: pytest.MonkeyPatch) -> Script:
    """Every protocol answers from one fresh script for this test (undone with the monkeypatch)."""
    script = Script()
    for protocol in list(providers.PROTOCOLS):
        monkeypatch.setitem(providers.PROTOCOLS, protocol, (__name__, ScriptedAdapter.__name__))
    monkeypatch.setattr(ScriptedAdapter, "script", script)
    return script
