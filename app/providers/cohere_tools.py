"""Tools in Cohere's v2 chat: function definitions, tool plans, tool_calls and tool results, streamed calls.

A tool plan (what the model says it will do before calling tools) is answer text: it streams as TextDelta and
goes back as the assistant turn's `tool_plan` beside its calls, so a Cohere loop round-trips unchanged and
other protocols see it as the text before the calls.
"""

from __future__ import annotations

from typing import Any

from .openai_tools import image_message, result_text, tools_json
from .tool_calls import CallBuffer, arguments_text, new_call_id, tool_runs
from .types import Message, StreamEvent, TextDelta, ToolChoice

_CHOICE = {"required": "REQUIRED", "none": "NONE"}  # "auto" is the default: nothing is sent

__all__ = ["ToolEvents", "messages_json", "tool_choice_json", "tools_json"]


def tool_choice_json(choice: ToolChoice) -> str | None:
    return _CHOICE.get(choice)


def _assistant_json(msg: Message) -> dict[str, Any]:
    out: dict[str, Any] = {"role": "assistant"}
    if msg.text:
        out["tool_plan"] = msg.text
    out["tool_calls"] = [
        {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": arguments_text(c.arguments)}}
        for c in msg.tool_calls
    ]
    return out


def messages_json(messages: tuple[Message, ...], plain: Any) -> list[dict[str, Any]]:
    """History with tool calls and results; `plain` encodes a message without tools."""
    out: list[dict[str, Any]] = []
    for group in tool_runs(messages):
        msg = group[0]
        if msg.role != "tool":
            out.append(_assistant_json(msg) if msg.role == "assistant" and msg.tool_calls else plain(msg))
            continue
        # Cohere's tool results have no error flag and no images: an error says so in words; images follow.
        out.extend({"role": "tool", "tool_call_id": res.tool_call_id, "content": result_text(res)} for res in group)
        with_images = [res for res in group if res.images]
        if with_images:
            out.append(image_message(with_images))
    return out


def _dict(v: Any) -> dict[str, Any]:
    return v if isinstance(v, dict) else {}


class ToolEvents:
    """tool-plan-delta and tool-call-start / -delta / -end events, keyed by the event's `index`."""

    def __init__(self) -> None:
        self.calls = CallBuffer()
        self.response_id = ""

    def feed(self, kind: Any, frame: dict[str, Any]) -> list[StreamEvent]:
        message = _dict(_dict(frame.get("delta")).get("message"))
        index = frame.get("index", 0)
        if kind == "tool-plan-delta":
            plan = message.get("tool_plan")
            return [TextDelta(plan)] if isinstance(plan, str) and plan else []
        call = _dict(message.get("tool_calls"))
        function = _dict(call.get("function"))
        arguments = function.get("arguments")
        if kind == "tool-call-start":
            name = function["name"] if isinstance(function.get("name"), str) else ""
            call_id = call["id"] if isinstance(call.get("id"), str) and call["id"] else ""
            out = self.calls.start(index, call_id or new_call_id(self.response_id, index, name), name)
            return out + (self.calls.delta(index, arguments) if isinstance(arguments, str) else [])
        if kind == "tool-call-delta" and isinstance(arguments, str):
            return self.calls.delta(index, arguments)
        if kind == "tool-call-end":
            return self.calls.end(index)
        return []

    def whole(self, message: dict[str, Any]) -> list[StreamEvent]:
        """A non-streamed answer's tool plan and calls."""
        out: list[StreamEvent] = []
        plan = message.get("tool_plan")
        if isinstance(plan, str) and plan:
            out.append(TextDelta(plan))
        calls = message.get("tool_calls")
        for n, call in enumerate(calls if isinstance(calls, list) else []):
            call = _dict(call)
            function = _dict(call.get("function"))
            name = function["name"] if isinstance(function.get("name"), str) else ""
            call_id = call["id"] if isinstance(call.get("id"), str) and call["id"] else ""
            out += self.calls.whole(n, call_id or new_call_id(self.response_id, n, name), name,
                                    function.get("arguments"))  # fmt: skip
        return out
