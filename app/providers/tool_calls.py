"""Tool calls shared by every protocol: argument parsing, call ids, and streamed calls turned into events."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .types import (
    Finish,
    FinishReason,
    Message,
    SignedReasoning,
    StreamEvent,
    ToolArguments,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
)

_NOT_ID_CHARS = re.compile(r"[^A-Za-z0-9_-]")
_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def parse_arguments(text: str) -> tuple[ToolArguments, str | None]:
    """(arguments, error): the JSON object the text holds; no text (or `null`) is no arguments. Text that is not
    a JSON object is kept as it was, with the reason, so core can tell the model what went wrong."""
    if not text.strip():
        return {}, None
    try:
        value = json.loads(text)
    except ValueError as exc:
        return text, f"the arguments are not valid JSON ({exc})"
    if value is None:
        return {}, None
    if not isinstance(value, dict):
        return text, f"the arguments are a JSON {type(value).__name__}, not an object"
    return value, None


def arguments_text(arguments: ToolArguments) -> str:
    """Arguments as JSON text for protocols that send them as a string (raw text goes back as it came)."""
    return arguments if isinstance(arguments, str) else json.dumps(arguments, ensure_ascii=False)


def arguments_object(arguments: ToolArguments) -> dict[str, Any]:
    """Arguments as an object for protocols that send one: text that was not JSON is wrapped, not lost."""
    return arguments if isinstance(arguments, dict) else {"_raw_arguments": arguments}


def new_call_id(*seed: object) -> str:
    """An id for a call its provider gave none (Gemini, Ollama, some OpenAI-compatible servers).

    Derived from the answer's own identity (response id or timestamp, the call's position and name), so the
    same recorded answer always gives the same id; random when the answer carries nothing to derive it from.
    """
    if not any(str(s) for s in seed[:1]):
        return "call_" + uuid.uuid4().hex[:24]
    digest = hashlib.sha256("\x1f".join(str(s) for s in seed).encode("utf-8")).hexdigest()
    return "call_" + digest[:24]


def _digest(call_id: str) -> str:
    return hashlib.sha256(call_id.encode("utf-8")).hexdigest()


def safe_id(call_id: str, max_len: int = 64) -> str:
    """`call_id` within ^[A-Za-z0-9_-]{1,max_len}$ (Anthropic's rule): unchanged when it already is, else a
    stable rewrite (the same id always maps to the same result, so a call and its result still match)."""
    if call_id and len(call_id) <= max_len and not _NOT_ID_CHARS.search(call_id):
        return call_id
    cleaned = _NOT_ID_CHARS.sub("_", call_id)
    suffix = "_" + _digest(call_id)[:12]
    return (cleaned[: max_len - len(suffix)] + suffix) if cleaned else "call" + suffix


def short_id(call_id: str, length: int = 40) -> str:
    """`call_id` cut to `length` characters, stably (OpenAI rejects ids longer than 40)."""
    if len(call_id) <= length and call_id:
        return call_id
    suffix = "_" + _digest(call_id)[:12]
    return (call_id[: length - len(suffix)] + suffix) if call_id else "call" + suffix


def nine_char_id(call_id: str) -> str:
    """Mistral's rule: exactly nine of [A-Za-z0-9]. Kept when it fits, else derived stably from the id."""
    if len(call_id) == 9 and call_id.isascii() and call_id.isalnum():
        return call_id
    n = int(_digest(call_id), 16)
    out = []
    for _ in range(9):
        n, r = divmod(n, len(_ALNUM))
        out.append(_ALNUM[r])
    return "".join(out)


def signed_for(items: Iterable[SignedReasoning], protocol: str, provider: str) -> list[SignedReasoning]:
    """The signed pieces this protocol (and provider) may be sent; everyone else's are left out."""
    return [s for s in items if s.usable_by(protocol, provider)]


def tool_runs(messages: Iterable[Message]) -> list[list[Message]]:
    """Messages grouped so each run of consecutive "tool" messages is one group (other messages alone)."""
    out: list[list[Message]] = []
    for msg in messages:
        if msg.role == "tool" and out and out[-1][0].role == "tool":
            out[-1].append(msg)
        else:
            out.append([msg])
    return out


def finish(reason: FinishReason, raw: str | None, called: bool) -> Finish:
    """A Finish that says "tool_calls" whenever the answer asked for tools and otherwise ended normally
    (Gemini and some OpenAI-compatible servers report a plain stop with calls)."""
    return Finish("tool_calls" if called and reason == "stop" else reason, raw)


@dataclass
class _Call:
    id: str
    name: str
    started: bool = False
    pieces: list[str] = field(default_factory=list)
    signed: SignedReasoning | None = None
    done: bool = False


class CallBuffer:
    """Streamed tool calls keyed by the protocol's own index, turned into Start / Delta / End events.

    A call starts once its name is known (argument text that arrives first is held until then); it ends when
    the protocol says so, or all at once before the answer's Finish.
    """

    def __init__(self) -> None:
        self._calls: dict[Any, _Call] = {}
        self.called = False  # any call was seen in this answer

    def has(self, key: Any) -> bool:
        return key in self._calls and not self._calls[key].done

    def open_id(self, key: Any) -> str | None:
        call = self._calls.get(key)
        return call.id if call is not None and not call.done else None

    def start(self, key: Any, call_id: str, name: str, signed: SignedReasoning | None = None) -> list[StreamEvent]:
        """Open a call (or name one opened by an early delta)."""
        out: list[StreamEvent] = []
        call = self._calls.get(key)
        if call is None or call.done:
            call = self._calls[key] = _Call(call_id, name, signed=signed)
        else:
            call.id, call.name = call.id or call_id, call.name or name
            call.signed = call.signed or signed
        self.called = True
        if not call.started and call.name:
            call.started = True
            out.append(ToolCallStart(call.id, call.name))
            if call.pieces:
                out.append(ToolCallDelta(call.id, "".join(call.pieces)))
        return out

    def delta(self, key: Any, text: str, fallback_id: str | None = None) -> list[StreamEvent]:
        """Argument text for the call at `key`. With a `fallback_id`, text for a call not yet opened opens it
        (some servers send arguments before the name); without, it is not a call of ours and is ignored."""
        if not text:
            return []
        call = self._calls.get(key)
        if call is None or call.done:
            if fallback_id is None:
                return []
            call = self._calls[key] = _Call(fallback_id, "")
            self.called = True
        call.pieces.append(text)
        return [ToolCallDelta(call.id, text)] if call.started else []

    def end(self, key: Any, arguments: ToolArguments | None = None, error: str | None = None) -> list[StreamEvent]:
        """Close one call; `arguments` when the protocol gave them parsed (else the text is parsed)."""
        call = self._calls.get(key)
        if call is None or call.done:
            return []
        call.done = True
        out: list[StreamEvent] = []
        if not call.started:  # never named: still a call, under whatever name it has
            call.started = True
            out.append(ToolCallStart(call.id, call.name))
            if call.pieces:
                out.append(ToolCallDelta(call.id, "".join(call.pieces)))
        if arguments is None:
            arguments, error = parse_arguments("".join(call.pieces))
        out.append(ToolCallEnd(call.id, arguments, error, call.name, call.signed))
        return out

    def end_all(self) -> list[StreamEvent]:
        out: list[StreamEvent] = []
        for key in list(self._calls):
            out.extend(self.end(key))
        return out

    def whole(self, key: Any, call_id: str, name: str, arguments: Any,
              signed: SignedReasoning | None = None) -> list[StreamEvent]:  # fmt: skip
        """A call that arrived complete (non-streamed answers, Gemini, Ollama): Start, one Delta, End.
        `arguments` is the protocol's value: an object, JSON text, or nothing."""
        out = self.start(key, call_id, name, signed)
        if isinstance(arguments, str):
            return out + self.delta(key, arguments) + self.end(key)
        if arguments is None or isinstance(arguments, dict):
            value: ToolArguments = arguments or {}
            error = None
            text = json.dumps(value, ensure_ascii=False)
        else:  # a list or a number where an object belongs: kept as its JSON text, flagged
            text = value = json.dumps(arguments, ensure_ascii=False)
            error = f"the arguments are a JSON {type(arguments).__name__}, not an object"
        return out + self.delta(key, text) + self.end(key, value, error)
