"""Tools in the OpenAI chat-completions protocol: definitions, calls and results in history, streamed calls."""

from __future__ import annotations

from typing import Any

from .tool_calls import (
    CallBuffer,
    arguments_text,
    new_call_id,
    nine_char_id,
    short_id,
    signed_for,
    tool_runs,
)
from .types import Message, SignedReasoning, StreamEvent, ToolCall, ToolChoice, ToolSpec

PROTOCOL = "openai_chat"
MAX_ID = 40  # OpenAI rejects longer tool call ids ("string too long. Expected ... maximum length 40")
_EXTRA_CALL_FIELDS = ("extra_content",)  # Gemini's OpenAI layer puts its thought signature here


def tools_json(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    out = []
    for tool in tools:
        function: dict[str, Any] = {"name": tool.name, "parameters": tool.parameters}
        if tool.description:
            function["description"] = tool.description
        out.append({"type": "function", "function": function})
    return out


def tool_choice_json(choice: ToolChoice) -> str:
    return choice  # "auto", "required" and "none" are the protocol's own words


class IdRule:
    """How call ids are rewritten for one service: OpenAI's length limit, Mistral's nine characters, or not
    at all. A rule is a pure function of the id, so a call and its result always still match."""

    def __init__(self, *, nine_chars: bool = False, max_40: bool = False) -> None:
        self.nine_chars = nine_chars
        self.max_40 = max_40

    def __call__(self, call_id: str) -> str:
        if self.nine_chars:
            return nine_char_id(call_id)
        return short_id(call_id, MAX_ID) if self.max_40 else call_id


def _call_json(call: ToolCall, fix_id: IdRule, provider: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": fix_id(call.id),
        "type": "function",
        "function": {"name": call.name, "arguments": arguments_text(call.arguments)},
    }
    if call.signed is not None and call.signed.usable_by(PROTOCOL, provider):
        out.update(call.signed.data)
    return out


def assistant_json(msg: Message, fix_id: IdRule, provider: str) -> dict[str, Any]:
    """An assistant turn with tool calls: text (if any) and the calls; fields a provider wants echoed."""
    out: dict[str, Any] = {"role": "assistant"}
    if msg.text:
        out["content"] = msg.text
    if msg.tool_calls:
        out["tool_calls"] = [_call_json(c, fix_id, provider) for c in msg.tool_calls]
    for signed in signed_for(msg.signed, PROTOCOL, provider):
        out.update(signed.data)
    return out


def result_text(msg: Message) -> str:
    """A tool result as text: the protocol has no error flag, so an error says so in words."""
    text = msg.text
    if msg.images and not text:
        text = f"(the tool returned {len(msg.images)} image(s), attached in the next message)"
    return f"Error: {text}" if msg.is_error else text


def image_message(results: list[Message]) -> dict[str, Any]:
    """Tool messages take text only, so images tools returned follow their results as one user message."""
    parts: list[dict[str, Any]] = []
    for res in results:
        label = f"Images returned by the {res.tool_name or 'tool'} call {res.tool_call_id}:"
        parts.append({"type": "text", "text": label})
        parts.extend({"type": "image_url", "image_url": {"url": img.data_url()}} for img in res.images)
    return {"role": "user", "content": parts}


def messages_json(
    messages: tuple[Message, ...], plain: Any, *, provider: str, fix_id: IdRule, bridge_tool_to_user: bool = False
) -> list[dict[str, Any]]:
    """History with tool calls and results. `plain` encodes a message without tools (the protocol's own).

    `bridge_tool_to_user`: the service rejects a user turn straight after tool results (Mistral), so a short
    assistant turn is put between them.
    """
    out: list[dict[str, Any]] = []
    for group in tool_runs(messages):
        msg = group[0]
        if msg.role != "tool":
            if bridge_tool_to_user and msg.role == "user" and out and out[-1]["role"] == "tool":
                out.append({"role": "assistant", "content": "OK"})
            has_extra = msg.tool_calls or signed_for(msg.signed, PROTOCOL, provider)
            out.append(assistant_json(msg, fix_id, provider) if msg.role == "assistant" and has_extra else plain(msg))
            continue
        out.extend({"role": "tool", "tool_call_id": fix_id(res.tool_call_id), "content": result_text(res)}
                   for res in group)  # fmt: skip
        with_images = [res for res in group if res.images]
        if with_images:
            if bridge_tool_to_user:
                out.append({"role": "assistant", "content": "OK"})
            out.append(image_message(with_images))
    return out


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


class ToolDeltas:
    """`delta.tool_calls` of a chat-completions stream: calls keyed by `index`, argument text in pieces."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.buffer = CallBuffer()
        self.response_id = ""

    def feed(self, deltas: Any) -> list[StreamEvent]:
        out: list[StreamEvent] = []
        for position, d in enumerate(deltas if isinstance(deltas, list) else []):
            if not isinstance(d, dict):
                continue
            index = d.get("index")
            key = index if isinstance(index, int) and not isinstance(index, bool) else position
            function = _dict(d.get("function"))
            call_id = d["id"] if isinstance(d.get("id"), str) else ""
            name = function["name"] if isinstance(function.get("name"), str) else ""
            open_id = self.buffer.open_id(key)
            if open_id is not None and call_id and name and call_id != open_id:
                out += self.buffer.end(key)  # a server that reuses one index for its next call
            if call_id or name:
                signed = self._signed(d)
                out += self.buffer.start(key, call_id or new_call_id(self.response_id, key, name), name, signed)
            arguments = function.get("arguments")
            if isinstance(arguments, dict):  # a few servers send the object itself
                out += self.buffer.delta(key, arguments_text(arguments))
            elif isinstance(arguments, str):
                out += self.buffer.delta(key, arguments, new_call_id(self.response_id, key))
        return out

    def _signed(self, d: dict[str, Any]) -> SignedReasoning | None:
        extra = {k: d[k] for k in _EXTRA_CALL_FIELDS if d.get(k) is not None}
        return SignedReasoning(PROTOCOL, extra, self.provider) if extra else None

    def whole(self, calls: Any) -> list[StreamEvent]:
        """The `message.tool_calls` of a non-streamed answer: each call complete."""
        out: list[StreamEvent] = []
        for position, d in enumerate(calls if isinstance(calls, list) else []):
            if not isinstance(d, dict):
                continue
            function = _dict(d.get("function"))
            name = function["name"] if isinstance(function.get("name"), str) else ""
            call_id = d.get("id") if isinstance(d.get("id"), str) else ""
            call_id = call_id or new_call_id(self.response_id, position, name)
            out += self.buffer.whole(position, call_id, name, function.get("arguments"), self._signed(d))
        return out
