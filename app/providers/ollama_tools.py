"""Tools in Ollama's native chat: definitions, tool_calls with object arguments, tool results by name."""

from __future__ import annotations

from typing import Any

from .openai_tools import result_text, tools_json
from .tool_calls import CallBuffer, arguments_object, new_call_id
from .types import Message, StreamEvent

__all__ = ["CallReader", "tool_message_json", "tools_json"]


def tool_message_json(msg: Message) -> dict[str, Any]:
    """Assistant turns with calls, and tool results. Ollama matches a result to its call by `tool_name`
    (older servers) or `tool_call_id` (newer ones); both are sent. A result's images ride on the message."""
    if msg.role == "tool":
        out: dict[str, Any] = {"role": "tool", "content": result_text(msg), "tool_name": msg.tool_name,
                               "tool_call_id": msg.tool_call_id}  # fmt: skip
        if msg.images:
            out["images"] = [img.b64() for img in msg.images]
        return out
    calls = [{"id": c.id, "function": {"name": c.name, "arguments": arguments_object(c.arguments)}}
             for c in msg.tool_calls]  # fmt: skip
    return {"role": "assistant", "content": msg.text, "tool_calls": calls}


class CallReader:
    """`message.tool_calls` in Ollama lines: each call arrives whole, possibly without an id."""

    def __init__(self) -> None:
        self.calls = CallBuffer()
        self.answer = ""  # model and created_at of the answer: what generated ids are derived from
        self._count = 0

    def feed(self, calls: Any) -> list[StreamEvent]:
        out: list[StreamEvent] = []
        for call in calls if isinstance(calls, list) else []:
            if not isinstance(call, dict):
                continue
            function: dict[str, Any] = call["function"] if isinstance(call.get("function"), dict) else {}
            n = self._count
            self._count += 1
            name = function.get("name") if isinstance(function.get("name"), str) else ""
            call_id = call.get("id") if isinstance(call.get("id"), str) else ""
            out += self.calls.whole(n, call_id or new_call_id(self.answer, n, name), str(name),
                                    function.get("arguments"))  # fmt: skip
        return out
