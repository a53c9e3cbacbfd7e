"""Scripted answers for tool-loop tests, in each protocol's own framing: a text answer, and tool calls (from
tests/providers/tool_replies.py), served by the loopback server over a real socket."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from app.core.asks import Ask, TurnObserver
from app.core.chat import Reply as ChatReply
from app.core.mcp.approval import ApprovalPolicy, ApprovalRequest, Decision
from app.core.mcp.config import ServerConfig
from app.core.mcp.errors import McpError
from app.core.mcp.manager import McpManager
from app.core.mcp.toolbox import McpToolbox
from app.core.runtime import Runtime
from app.core.tool_loop import ToolCallRecord
from app.core.turn import Turn
from tests.providers.tool_replies import PROTOCOLS, Call
from tests.support.loopback import Reply
from tests.support.openai_server import chunk

FAKE_KEY = "test-key-not-real"
KEY_VARS = {"OPENAI_API_KEY": FAKE_KEY, "ANTHROPIC_API_KEY": FAKE_KEY, "GEMINI_API_KEY": FAKE_KEY,
            "AZURE_OPENAI_API_KEY": FAKE_KEY, "CO_API_KEY": FAKE_KEY}  # fmt: skip
# The base URL suffix each protocol's provider is reached at on the loopback server.
SUFFIX = {p: spec.base for p, spec in PROTOCOLS.items()}
PROVIDER = {p: spec.provider for p, spec in PROTOCOLS.items()}


def call(call_id: str, name: str, arguments: dict[str, Any] | str) -> Call:
    """One call the model makes; its argument text arrives in two pieces (split mid-token)."""
    text = arguments if isinstance(arguments, str) else json.dumps(arguments)
    cut = max(1, len(text) // 2)
    return Call(call_id, name, (text[:cut], text[cut:]))


def calls_reply(protocol: str, *calls: Call) -> Reply:
    """An answer that asks for `calls` (in parallel), ending with the protocol's tool-use finish."""
    return PROTOCOLS[protocol].reply(tuple(calls))


def _sse(frames: list[tuple[str | None, Any]]) -> Reply:
    body = "".join((f"event: {e}\n" if e else "") + f"data: {json.dumps(d)}\n\n" for e, d in frames)
    return Reply(200, {"content-type": "text/event-stream"}, [body.encode()])


def text_reply(protocol: str, text: str, *, input_tokens: int = 20, output_tokens: int = 7) -> Reply:
    """A plain text answer that ends normally, with usage."""
    if protocol in ("openai_chat", "azure"):
        return Reply.sse([chunk(text), chunk(finish="stop"),
                          chunk(usage={"prompt_tokens": input_tokens, "completion_tokens": output_tokens})])
    if protocol == "anthropic":
        return _sse([
            ("message_start", {"type": "message_start", "message": {"id": "msg_2", "type": "message",
                "role": "assistant", "model": "claude-test", "content": [],
                "usage": {"input_tokens": input_tokens, "output_tokens": 1}}}),
            ("content_block_start", {"type": "content_block_start", "index": 0,
                                     "content_block": {"type": "text", "text": ""}}),
            ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                     "delta": {"type": "text_delta", "text": text}}),
            ("content_block_stop", {"type": "content_block_stop", "index": 0}),
            ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                               "usage": {"output_tokens": output_tokens}}),
            ("message_stop", {"type": "message_stop"}),
        ])  # fmt: skip
    if protocol == "gemini":
        return _sse([(None, {"candidates": [{"content": {"role": "model", "parts": [{"text": text}]},
                                             "finishReason": "STOP"}],
                             "usageMetadata": {"promptTokenCount": input_tokens,
                                               "candidatesTokenCount": output_tokens},
                             "responseId": "resp-2", "modelVersion": "gemini-test"})])  # fmt: skip
    if protocol == "cohere":
        return _sse([
            ("message-start", {"type": "message-start", "id": "c-2"}),
            ("content-start", {"type": "content-start", "index": 0,
                               "delta": {"message": {"content": {"type": "text", "text": ""}}}}),
            ("content-delta", {"type": "content-delta", "index": 0,
                               "delta": {"message": {"content": {"text": text}}}}),
            ("content-end", {"type": "content-end", "index": 0}),
            ("message-end", {"type": "message-end", "delta": {"finish_reason": "COMPLETE", "usage": {
                "tokens": {"input_tokens": input_tokens, "output_tokens": output_tokens}}}}),
        ])  # fmt: skip
    if protocol == "ollama":
        lines = [{"model": "llama3.2", "created_at": "2025-05-27T22:55:00Z",
                  "message": {"role": "assistant", "content": text}, "done": False},
                 {"model": "llama3.2", "created_at": "2025-05-27T22:55:01Z", "message": {"role": "assistant",
                  "content": ""}, "done": True, "done_reason": "stop", "prompt_eval_count": input_tokens,
                  "eval_count": output_tokens}]  # fmt: skip
        body = "".join(json.dumps(line) + "\n" for line in lines).encode()
        return Reply(200, {"content-type": "application/x-ndjson"}, [body])
    raise KeyError(protocol)


# Driving a core turn with MCP tools.


@dataclass
class Heard(TurnObserver):
    """Everything a turn's observer hears, in order."""

    events: list[tuple[str, str]] = field(default_factory=list)  # (tool state, function name)
    steps: list[ChatReply] = field(default_factory=list)
    text: str = ""
    on_state: Any = None  # called with each record, e.g. to stop the turn when a call runs

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        self.text += text

    def on_step(self, turn: Turn, step: ChatReply) -> None:
        self.steps.append(step)

    def on_tool_call(self, turn: Turn, record: ToolCallRecord) -> None:
        self.events.append((record.state, record.call.name))
        if self.on_state is not None:
            self.on_state(turn, record)

    def states(self, name: str) -> list[str]:
        return [s for s, n in self.events if n == name]


class Answers:
    """An approver that answers from a script (and remembers what it was asked)."""

    def __init__(self, *decisions: Decision) -> None:
        self.decisions = list(decisions)
        self.asked: list[ApprovalRequest] = []

    async def __call__(self, request: ApprovalRequest) -> Decision:
        self.asked.append(request)
        return self.decisions.pop(0) if self.decisions else Decision.DECLINE


@asynccontextmanager
async def toolbox(*servers: ServerConfig, approve: bool = True, approver: Any = None,
                  choice: Sequence[str] | None = None) -> AsyncIterator[tuple[McpToolbox, list[McpError]]]:  # fmt: skip
    """A toolbox over real MCP servers (stopped at the end)."""
    manager = McpManager(servers)
    try:
        policy = ApprovalPolicy(approve_all=approve)
        yield await McpToolbox.open(manager, policy, approver or Answers(), choice=choice)
    finally:
        await manager.aclose()


def ask_for(loopback_url: str, protocol: str = "openai_chat", prompt: str = "Add 2 and 3.", **fields: Any) -> Ask:
    return Ask(PROVIDER[protocol], fields.pop("model", "m"), prompt, base_url=loopback_url + SUFFIX[protocol],
               **fields)  # fmt: skip


async def run_turn(runtime: Runtime, ask: Ask, heard: Heard | None = None) -> Turn:
    turn = Turn(runtime, ask, heard or Heard())
    await turn.run()
    return turn
