"""A conversation with tool calls continues on any other provider: every pair of protocols, over real sockets.

The source protocol answers with three parallel calls (read by its real adapter, so ids, signatures and
signed thinking are what Parley would store); the history then goes to the target protocol, mid-loop (ending
in the tool results) and on the next turn. The request the target receives is checked against that
protocol's documented rules, and its answer is read.
"""

from __future__ import annotations

import json
import re
from itertools import pairwise
from typing import Any

import pytest

from app.providers import Message, tool_result
from app.providers.gemini_tools import PLACEHOLDER_SIGNATURE
from tests.support.loopback import LoopbackServer

from .tool_replies import PROTOCOLS, SCRIPTS, SERVICES, THINKING, run

SOURCES = list(PROTOCOLS)
TARGETS = list(SERVICES)
ANTHROPIC_ID = re.compile(r"^[a-zA-Z0-9_-]+$")
GEMINI_SIGNATURE = "c2ln"  # what the Gemini script signs its first call with


async def _history(source: str, stage: str, loopback: LoopbackServer) -> tuple[Message, ...]:
    answer = await run(source, SCRIPTS["parallel"], loopback)
    assert answer.error is None and len(answer.calls) == 3
    assistant = Message("assistant", answer.text, tool_calls=tuple(answer.calls), signed=tuple(answer.signed))
    results = tuple(tool_result(c, f"result {n} of {c.name}") for n, c in enumerate(answer.calls))
    history = (Message("user", "Weather in Zürich, and the time?"), assistant, *results)
    if stage == "next_turn":
        history += (Message("assistant", "Sunny, 21 C; it is noon."), Message("user", "And tomorrow?"))
    return history


def _results_carried(body: dict[str, Any]) -> None:
    text = json.dumps(body, ensure_ascii=False)
    for n, name in enumerate(("get_weather", "get_time", "get_weather")):
        assert f"result {n} of {name}" in text


def _check_openai(body: dict[str, Any], target: str) -> None:
    messages = body["messages"]
    [i] = [n for n, m in enumerate(messages) if m.get("tool_calls")]
    ids = [c["id"] for c in messages[i]["tool_calls"]]
    assert [m["tool_call_id"] for m in messages[i + 1 : i + 4]] == ids  # results right after their calls
    assert len(set(ids)) == 3
    for c in messages[i]["tool_calls"]:
        assert isinstance(json.loads(c["function"]["arguments"]), dict)
    if target == "mistral":
        assert all(len(x) == 9 and x.isalnum() for x in ids)
        roles = [m["role"] for m in messages]
        assert all(not (a == "tool" and b == "user") for a, b in pairwise(roles))
    if target in ("openai_chat", "azure"):
        assert all(len(x) <= 40 for x in ids)
    assert "thoughtSignature" not in json.dumps(body) and "signature" not in json.dumps(body)


def _blocks(content: Any) -> list[dict[str, Any]]:
    return [{"type": "text", "text": content}] if isinstance(content, str) else content


def _check_anthropic(body: dict[str, Any], source: str, stage: str) -> None:
    messages = body["messages"]
    roles = [m["role"] for m in messages]
    assert roles[0] == "user" and all(a != b for a, b in pairwise(roles))  # alternation
    [i] = [n for n, m in enumerate(messages) if any(b["type"] == "tool_use" for b in _blocks(m["content"]))]
    uses = [b for b in messages[i]["content"] if b["type"] == "tool_use"]
    results = messages[i + 1]["content"]
    assert [b["type"] for b in results[:3]] == ["tool_result"] * 3  # results first in the next user turn
    assert [b["tool_use_id"] for b in results[:3]] == [u["id"] for u in uses]
    assert all(ANTHROPIC_ID.match(u["id"]) for u in uses)
    thinking = [b for b in messages[i]["content"] if b["type"] in ("thinking", "redacted_thinking")]
    if source == "anthropic":  # its own thinking goes back first and unchanged, and thinking stays on
        assert messages[i]["content"][0] == THINKING and "thinking" in body
    else:  # none to send back: mid-loop thinking must be off (the API refuses it); next turn it is on again
        assert thinking == []
        assert ("thinking" in body) is (stage == "next_turn")
    assert GEMINI_SIGNATURE not in json.dumps(body)


def _check_gemini(body: dict[str, Any], source: str) -> None:
    contents = body["contents"]
    roles = [c["role"] for c in contents]
    assert all(a != b for a, b in pairwise(roles))  # alternating turns
    [i] = [n for n, c in enumerate(contents) if any("functionCall" in p for p in c["parts"])]
    calls = [p for p in contents[i]["parts"] if "functionCall" in p]
    responses = [p["functionResponse"] for p in contents[i + 1]["parts"] if "functionResponse" in p]
    assert [r["name"] for r in responses] == [c["functionCall"]["name"] for c in calls]
    assert [r["id"] for r in responses] == [c["functionCall"]["id"] for c in calls]
    assert all(isinstance(r["response"], dict) for r in responses)
    expected = GEMINI_SIGNATURE if source == "gemini" else PLACEHOLDER_SIGNATURE
    assert calls[0]["thoughtSignature"] == expected  # the first call of the step carries a signature
    assert all("thoughtSignature" not in c for c in calls[1:])
    assert THINKING["signature"] not in json.dumps(body)


def _check_cohere(body: dict[str, Any]) -> None:
    messages = body["messages"]
    [i] = [n for n, m in enumerate(messages) if m.get("tool_calls")]
    ids = [c["id"] for c in messages[i]["tool_calls"]]
    assert [m["tool_call_id"] for m in messages[i + 1 : i + 4]] == ids
    assert all(isinstance(json.loads(c["function"]["arguments"]), dict) for c in messages[i]["tool_calls"])
    assert "signature" not in json.dumps(body).lower()


def _check_ollama(body: dict[str, Any]) -> None:
    messages = body["messages"]
    [i] = [n for n, m in enumerate(messages) if m.get("tool_calls")]
    names = [c["function"]["name"] for c in messages[i]["tool_calls"]]
    assert [m["tool_name"] for m in messages[i + 1 : i + 4]] == names
    assert [m["tool_call_id"] for m in messages[i + 1 : i + 4]] == [c["id"] for c in messages[i]["tool_calls"]]
    assert all(isinstance(c["function"]["arguments"], dict) for c in messages[i]["tool_calls"])
    assert "signature" not in json.dumps(body).lower()


@pytest.mark.parametrize("stage", ["mid_loop", "next_turn"])
@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("source", SOURCES)
async def test_history_continues_on_another_protocol(source: str, target: str, stage: str,
                                                     loopback: LoopbackServer) -> None:  # fmt: skip
    history = await _history(source, stage, loopback)
    options: dict[str, Any] = {"reasoning_effort": "low"} if target == "anthropic" else {}
    model = "gemini-3-pro-preview" if target == "gemini" else "m"
    answer = await run(target, SCRIPTS["no_arguments"], loopback, history, model, **options)
    assert answer.error is None, answer.error
    assert [c.name for c in answer.calls] == ["get_time"]  # the target's own answer is read
    body = loopback.requests[-1].json()
    _results_carried(body)
    if target in ("openai_chat", "azure", "mistral", "deepseek"):
        _check_openai(body, target)
    elif target == "anthropic":
        _check_anthropic(body, source, stage)
    elif target == "gemini":
        _check_gemini(body, source)
    elif target == "cohere":
        _check_cohere(body)
    else:
        _check_ollama(body)


async def test_a_loop_can_hop_through_every_protocol(loopback: LoopbackServer) -> None:
    """One conversation, each step answered by the next protocol: every step's calls and results go on."""
    history: tuple[Message, ...] = (Message("user", "Plan my day."),)
    for step, protocol in enumerate([*SOURCES, SOURCES[0]]):
        answer = await run(protocol, SCRIPTS["parallel"], loopback, history,
                           "gemini-3-pro-preview" if protocol == "gemini" else "m")  # fmt: skip
        assert answer.error is None, (protocol, answer.error)
        history += (Message("assistant", answer.text, tool_calls=tuple(answer.calls), signed=tuple(answer.signed)),
                    *(tool_result(c, f"step {step} call {n}") for n, c in enumerate(answer.calls)))  # fmt: skip
    sent = json.dumps(loopback.requests[-1].json())
    assert all(f"step {s} call 2" in sent for s in range(len(SOURCES)))
