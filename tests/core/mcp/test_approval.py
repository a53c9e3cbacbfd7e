"""Nothing runs without the user's say: once, this conversation, always; a terminal's y/N; no terminal, no run."""

from __future__ import annotations

import os
import threading
from pathlib import Path

from app.core.mcp.approval import (
    ApprovalPolicy,
    ApprovalRequest,
    Decision,
    TerminalApprover,
    describe,
)


class ScriptedApprover:
    """A fake user: answers from a list and remembers what was asked."""

    def __init__(self, *answers: Decision) -> None:
        self.answers = list(answers)
        self.asked: list[ApprovalRequest] = []

    async def __call__(self, request: ApprovalRequest) -> Decision:
        self.asked.append(request)
        return self.answers.pop(0)


def _req(tool: str = "add", conversation: int | None = 1) -> ApprovalRequest:
    return ApprovalRequest("adder", tool, {"a": 1}, conversation)


async def test_once_asks_again_next_time() -> None:
    policy, user = ApprovalPolicy(), ScriptedApprover(Decision.ONCE, Decision.DECLINE)
    assert await policy.check(_req(), user)
    assert not await policy.check(_req(), user)
    assert len(user.asked) == 2


async def test_conversation_grant_is_per_conversation_and_per_tool() -> None:
    policy, user = ApprovalPolicy(), ScriptedApprover(Decision.CONVERSATION, Decision.DECLINE, Decision.DECLINE)
    assert await policy.check(_req(), user)
    assert await policy.check(_req(), user)  # not asked again
    assert not await policy.check(_req(conversation=2), user)
    assert not await policy.check(_req("echo"), user)
    assert len(user.asked) == 3
    policy.forget_conversation(1)
    assert not policy.allowed(_req())


async def test_always_is_persisted_through_the_callback_and_can_be_revoked() -> None:
    saved: list[str] = []
    policy, user = ApprovalPolicy(on_always=saved.append), ScriptedApprover(Decision.ALWAYS)
    assert await policy.check(_req(), user)
    assert await policy.check(_req(conversation=9), user)
    assert saved == ["adder/add"] and policy.always == {"adder/add"}
    restored = ApprovalPolicy(always=saved)
    assert restored.allowed(_req(conversation=None))
    restored.revoke("adder/add")
    assert not restored.allowed(_req())


async def test_approve_all_never_asks() -> None:
    user = ScriptedApprover()
    assert await ApprovalPolicy(approve_all=True).check(_req(), user)
    assert user.asked == []


def test_description_shows_server_tool_arguments_and_no_terminal_escapes() -> None:
    text = describe(ApprovalRequest("evil\x1b[2J", "wipe\u202e", {"path": "/tmp/x", "note": "\x1b]0;pwned\x07"}))
    assert "\x1b" not in text and "\u202e" not in text and "\x07" not in text
    assert "evil\\x1b[2J" in text and '"path": "/tmp/x"' in text


async def test_terminal_yes_no_on_a_real_pty() -> None:
    for typed, expected in [("y\n", Decision.ONCE), ("a\n", Decision.ALWAYS), ("c\n", Decision.CONVERSATION),
                            ("\n", Decision.DECLINE), ("maybe\n", Decision.DECLINE)]:  # fmt: skip
        controller, terminal = os.openpty()
        shown = bytearray()

        def user(fd: int = controller, keys: str = typed, out: bytearray = shown) -> None:
            while b"[N] no: " not in out:  # wait for the question, then answer like a person would
                out.extend(os.read(fd, 4096))
            os.write(fd, keys.encode())

        thread = threading.Thread(target=user)
        thread.start()
        decision = await TerminalApprover(os.ttyname(terminal))(_req())
        thread.join(5)
        os.close(controller)
        os.close(terminal)
        assert decision is expected
        assert b"Run tool 'add' on MCP server 'adder'" in shown


async def test_no_terminal_declines(tmp_path: Path) -> None:
    assert await TerminalApprover(str(tmp_path / "no-tty"))(_req()) is Decision.DECLINE
