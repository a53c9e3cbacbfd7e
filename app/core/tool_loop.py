"""The tool side of a chat turn: the calls a model asked for, approved, run concurrently, and their results.

A `Turn` with a `Toolbox` runs model call after model call (steps): when an answer asks for tools, each call is
checked (a tool Parley offered? arguments a JSON object?), approved by the user (in order, one question at a
time), then the approved calls run at once and their results go back to the model. Every call gets exactly one
result message, whatever happened (declined, failed, unknown tool, the step limit, or Stop: "stopped by the
user"), so the history stays valid for every protocol. Only function tools Parley offered are ever run: a name
the model made up (or a provider's own server tool) gets an error result, never a lookup elsewhere.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from app.providers import ImagePart, Message, ToolCall, ToolChoice, ToolSpec

from .mcp.errors import McpError
from .mcp.results import ImagePart as ResultImage
from .mcp.results import ResourceLinkPart, TextPart, ToolResult
from .pricing import estimate_tokens

log = logging.getLogger(__name__)

STOPPED = "stopped by the user"
DECLINED = "The user declined to run this tool."
CallState = Literal["asked", "approved", "declined", "running", "done", "failed", "stopped", "skipped"]
ENDED: frozenset[str] = frozenset({"declined", "done", "failed", "stopped", "skipped"})


@dataclass(frozen=True)
class ToolRef:
    """Where a function name the model used leads: a server and the tool's own name there."""

    server: str
    tool: str


class Toolbox(Protocol):
    """The tools a turn offers and how they run (MCP servers in the app; fakes in tests)."""

    def specs(self) -> tuple[ToolSpec, ...]:
        """The function tools offered to the model, under the names it must call them by."""
        ...

    def find(self, function_name: str) -> ToolRef | None:
        """The tool behind a name that was offered; None for any other name."""
        ...

    async def approve(self, ref: ToolRef, arguments: dict[str, Any], conversation_id: int | None) -> bool:
        """True when the user lets this call run (or allowed it before)."""
        ...

    async def call(self, ref: ToolRef, arguments: dict[str, Any]) -> ToolResult:
        """Run it. Raises McpError when the server could not run it; a tool that failed is a ToolResult with
        is_error set."""
        ...


@dataclass
class ToolCallRecord:
    """One call the model asked for and what became of it (what the window shows and `--json` lists)."""

    step: int
    call: ToolCall
    ref: ToolRef | None = None
    state: CallState = "asked"
    result: ToolResult | None = None
    error: str | None = None  # why it did not run or failed (None when it ran and succeeded)
    ms: float | None = None

    @property
    def server(self) -> str:
        return self.ref.server if self.ref is not None else ""

    @property
    def tool(self) -> str:
        """The tool's own name on its server (the function name when it was not one of ours)."""
        return self.ref.tool if self.ref is not None else self.call.name

    @property
    def ended(self) -> bool:
        return self.state in ENDED

    def result_text(self) -> str:
        """What the model is told: the tool's text (links and images noted), or why there is none."""
        if self.result is not None:
            return _text(self.result)
        return self.error or STOPPED

    @property
    def is_error(self) -> bool:
        return self.result.is_error if self.result is not None else True

    def message(self) -> Message:
        """The "tool" message answering the call: text, images when the tool returned some, the error flag."""
        images = tuple(ImagePart(p.mime, p.data) for p in self.result.parts if isinstance(p, ResultImage)) \
            if self.result is not None else ()  # fmt: skip
        return Message("tool", self.result_text(), images, tool_call_id=self.call.id, tool_name=self.call.name,
                       is_error=self.is_error)  # fmt: skip

    def as_json(self) -> dict[str, Any]:
        """The command line's `tool_calls` entry."""
        args = self.call.arguments
        return {"name": self.tool, "server": self.server,
                "arguments": args if isinstance(args, dict) else {"_raw_arguments": args},
                "result": self.result.text() if self.result is not None else None,
                "error": self.error, "ms": None if self.ms is None else round(self.ms, 1)}  # fmt: skip


def _text(result: ToolResult) -> str:
    """A result's text for the model: text parts and resource links; images travel as images."""
    out = [p.text if isinstance(p, TextPart) else p.as_text() for p in result.parts
           if isinstance(p, (TextPart, ResourceLinkPart))]  # fmt: skip
    if not result.parts and result.structured is not None:
        out.append(json.dumps(result.structured, ensure_ascii=False))
    return "\n\n".join(out)


Notify = Callable[[ToolCallRecord], None]


class CallRunner:
    """One step's calls, from asked to ended. `records` is always current; `stop_all` ends what is left."""

    def __init__(self, toolbox: Toolbox, step: int, calls: Sequence[ToolCall], notify: Notify,
                 conversation_id: int | None = None) -> None:  # fmt: skip
        self.toolbox, self.conversation_id, self._notify = toolbox, conversation_id, notify
        self.records = [ToolCallRecord(step, call, toolbox.find(call.name)) for call in calls]

    def _set(self, record: ToolCallRecord, state: CallState, error: str | None = None) -> None:
        record.state, record.error = state, error if error is not None else record.error
        self._notify(record)

    async def run(self) -> list[ToolCallRecord]:
        """Check, ask, then run the approved calls concurrently. Cancellation marks every unfinished call
        stopped (its result says so) and propagates."""
        for record in self.records:
            self._notify(record)  # asked
        try:
            approved = [r for r in self.records if await self._check(r)]
            if approved:
                await asyncio.gather(*(self._run(r) for r in approved))
        except asyncio.CancelledError:
            self.stop_all()
            raise
        return self.records

    def skip_all(self, why: str) -> list[ToolCallRecord]:
        """None of the calls runs (the step limit was reached): each says why."""
        for record in self.records:
            self._notify(record)
            self._set(record, "skipped", why)
        return self.records

    def stop_all(self) -> None:
        for record in self.records:
            if not record.ended:
                self._set(record, "stopped", STOPPED)

    async def _check(self, record: ToolCallRecord) -> bool:
        call, ref = record.call, record.ref
        if ref is None:
            self._set(record, "skipped", f"There is no tool called {call.name!r}; use only the tools offered.")
            return False
        if call.arguments_error is not None or not isinstance(call.arguments, dict):
            why = call.arguments_error or "the arguments are not a JSON object"
            self._set(record, "skipped", f"The call was not run: {why}. Send the arguments as one JSON object.")
            return False
        if not await self.toolbox.approve(ref, call.arguments, self.conversation_id):
            self._set(record, "declined", DECLINED)
            return False
        self._set(record, "approved")
        return True

    async def _run(self, record: ToolCallRecord) -> None:
        assert record.ref is not None and isinstance(record.call.arguments, dict)
        self._set(record, "running")
        t0 = time.monotonic()
        try:
            record.result = await self.toolbox.call(record.ref, record.call.arguments)
        except McpError as err:
            record.ms = (time.monotonic() - t0) * 1000.0
            self._set(record, "failed", err.message)
            return
        except asyncio.CancelledError:
            record.ms = (time.monotonic() - t0) * 1000.0
            raise
        except Exception as exc:  # our bug, or a result we could not read: say so, keep the history valid
            log.exception("tool call %s failed unexpectedly", record.call.name)
            record.ms = (time.monotonic() - t0) * 1000.0
            self._set(record, "failed", f"The tool could not be run ({type(exc).__name__}).")
            return
        record.ms = (time.monotonic() - t0) * 1000.0
        text = record.result.text()
        self._set(record, "done", (text or "The tool reported an error.") if record.result.is_error else None)


def step_limit_note(limit: int) -> str:
    return f"The call was not run: the step limit of this turn ({limit} model calls) was reached."


# What goes with the request.


def history_calls(messages: Sequence[Message]) -> list[str]:
    """The names of tools called earlier in the conversation, in first-use order."""
    return list(dict.fromkeys(c.name for m in messages for c in m.tool_calls))


def offered(specs: Sequence[ToolSpec], messages: Sequence[Message]) -> tuple[tuple[ToolSpec, ...], ToolChoice | None]:
    """(tools, tool_choice) for a request. With no tools to offer but calls in the history, the called tools
    are declared again with tool_choice "none": some protocols (Anthropic) refuse a history of tool calls in a
    request that declares no tools; none of them may be called."""
    if specs:
        return tuple(specs), None
    names = history_calls(messages)
    if not names:
        return (), None
    return tuple(ToolSpec(n, "A tool used earlier in this conversation (not available now).") for n in names), "none"


def tools_text(specs: Sequence[ToolSpec]) -> str:
    """The tools as JSON text in OpenAI's chat shape, compact, as a request body carries them."""
    encoded = [{"type": "function", "function": {"name": s.name, "description": s.description,
                                                 "parameters": s.parameters}} for s in specs]  # fmt: skip
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"))


def tools_tokens(specs: Sequence[ToolSpec]) -> int:
    """An estimate of the tokens these tools' schemas add to every request (from the JSON sent)."""
    return estimate_tokens(tools_text(specs)) if specs else 0
