"""Nothing runs without the user's say: an approval policy as data, and the approver interface the UIs implement.

A call runs when the user allows it this once, for this conversation, or always for this tool (persisted in
settings as `SERVER/TOOL` in `mcp.always_allowed`). The window implements `Approver` inline; the CLI uses
`TerminalApprover` (y/N on /dev/tty, and a decline when there is no terminal) unless `--approve-tools`.
"""

from __future__ import annotations

import asyncio
import enum
import json
import os
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol


class Decision(enum.Enum):
    ONCE = "once"
    CONVERSATION = "conversation"
    ALWAYS = "always"
    DECLINE = "decline"


@dataclass(frozen=True)
class ApprovalRequest:
    server: str
    tool: str
    arguments: dict[str, Any] = field(repr=False)
    conversation_id: int | None = None

    @property
    def key(self) -> str:
        return f"{self.server}/{self.tool}"


class Approver(Protocol):
    async def __call__(self, request: ApprovalRequest) -> Decision: ...


DECLINED_MESSAGE = "The user declined to run this tool."


class ApprovalPolicy:
    """What the user already allowed, and asking them for the rest. One per app (the window) or per command."""

    def __init__(
        self,
        always: Iterable[str] = (),
        on_always: Callable[[str], None] | None = None,
        approve_all: bool = False,
    ) -> None:
        self._always = set(always)
        self._conversations: dict[int | None, set[str]] = {}
        self._on_always = on_always  # persists a new "always" entry (the window saves settings there)
        self._approve_all = approve_all  # --approve-tools

    @property
    def always(self) -> frozenset[str]:
        return frozenset(self._always)

    def allowed(self, request: ApprovalRequest) -> bool:
        """True when this call may run without asking."""
        return (
            self._approve_all
            or request.key in self._always
            or request.key in self._conversations.get(request.conversation_id, ())
        )

    def record(self, request: ApprovalRequest, decision: Decision) -> None:
        if decision is Decision.CONVERSATION:
            self._conversations.setdefault(request.conversation_id, set()).add(request.key)
        elif decision is Decision.ALWAYS and request.key not in self._always:
            self._always.add(request.key)
            if self._on_always is not None:
                self._on_always(request.key)

    def revoke(self, key: str) -> None:
        """Forget an "always" (the settings window's list); conversation grants end with the conversation."""
        self._always.discard(key)

    def forget_conversation(self, conversation_id: int | None) -> None:
        self._conversations.pop(conversation_id, None)

    async def check(self, request: ApprovalRequest, approver: Approver) -> bool:
        """Ask when needed; True when the call may run. An approver that fails counts as a decline."""
        if self.allowed(request):
            return True
        decision = await approver(request)
        self.record(request, decision)
        return decision is not Decision.DECLINE


def describe(request: ApprovalRequest, limit: int = 2000) -> str:
    """The request as plain, safe text: server, tool and arguments with control characters removed (a
    terminal escape in an argument must not repaint the prompt), long arguments cut."""
    args = json.dumps(request.arguments, ensure_ascii=False, indent=2, sort_keys=True)
    if len(args) > limit:
        args = args[:limit] + f"\n… ({len(args) - limit} more characters)"
    server, tool = safe_text(request.server), safe_text(request.tool)
    return f"Run tool '{tool}' on MCP server '{server}' with these arguments?\n" + safe_text(args, keep="\n")


# Bidirectional overrides and isolates reorder what a reader sees ("Trojan Source"); shown as their code points.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def safe_text(text: str, keep: str = "") -> str:
    """Control characters (terminal escapes among them) and bidi overrides as visible `\\xNN` escapes."""
    return "".join(
        ch if ch in keep or not (unicodedata.category(ch) == "Cc" or ch in _BIDI) else ascii(ch)[1:-1]
        for ch in text
    )


class TerminalApprover:
    """y/N on the controlling terminal (/dev/tty), so stdin and stdout stay free for the command's data.

    Without a terminal nothing runs: the call is declined and the model is told so."""

    def __init__(self, tty_path: str = "/dev/tty") -> None:
        self._tty_path = tty_path

    async def __call__(self, request: ApprovalRequest) -> Decision:
        return await asyncio.to_thread(self._ask, request)

    def _ask(self, request: ApprovalRequest) -> Decision:
        try:
            fd = os.open(self._tty_path, os.O_RDWR | getattr(os, "O_NOCTTY", 0))
        except OSError:
            return Decision.DECLINE
        with open(fd, "r+b", buffering=0) as tty:  # unbuffered: a terminal is not seekable
            question = describe(request) + "\n[y] yes, once  [c] for this conversation  [a] always  [N] no: "
            tty.write(question.encode("utf-8", "replace"))
            answer = tty.readline().decode("utf-8", "replace").strip().lower()
        return _ANSWERS.get(answer, Decision.DECLINE)


_ANSWERS = {"y": Decision.ONCE, "yes": Decision.ONCE, "c": Decision.CONVERSATION, "a": Decision.ALWAYS}
