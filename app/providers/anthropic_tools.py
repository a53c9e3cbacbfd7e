"""Tools in the Anthropic Messages protocol: definitions, tool_use / tool_result blocks, signed thinking."""

from __future__ import annotations

from typing import Any

from .tool_calls import CallBuffer, arguments_object, new_call_id, safe_id, signed_for
from .types import Message, SignedReasoning, StreamEvent, ToolChoice, ToolSpec

PROTOCOL = "anthropic"
_CHOICE = {"auto": "auto", "required": "any", "none": "none"}
_SIGNED_BLOCKS = ("thinking", "redacted_thinking")


def tools_json(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    out = []
    for tool in tools:
        item: dict[str, Any] = {"name": tool.name, "input_schema": tool.parameters}
        if tool.description:
            item["description"] = tool.description
        out.append(item)
    return out


def tool_choice_json(choice: ToolChoice) -> dict[str, str]:
    return {"type": _CHOICE[choice]}


def image_block(img: Any) -> dict[str, Any]:
    return {"type": "image", "source": {"type": "base64", "media_type": img.mime_type, "data": img.b64()}}


def thinking_blocks(msg: Message) -> list[dict[str, Any]]:
    """This protocol's own signed thinking, sent back unchanged; anyone else's reasoning is left out."""
    return [dict(s.data) for s in signed_for(msg.signed, PROTOCOL, "") if s.data.get("type") in _SIGNED_BLOCKS]


def assistant_blocks(msg: Message) -> list[dict[str, Any]]:
    """Thinking first (the API demands it), then the text, then one tool_use block per call."""
    blocks = thinking_blocks(msg)
    if msg.text:
        blocks.append({"type": "text", "text": msg.text})
    blocks.extend(
        {"type": "tool_use", "id": safe_id(c.id), "name": c.name, "input": arguments_object(c.arguments)}
        for c in msg.tool_calls
    )
    return blocks


def result_block(msg: Message) -> dict[str, Any]:
    """A tool result: its text and images as the result's own content, and the error flag."""
    block: dict[str, Any] = {"type": "tool_result", "tool_use_id": safe_id(msg.tool_call_id)}
    if msg.images:
        content: list[dict[str, Any]] = [{"type": "text", "text": msg.text}] if msg.text else []
        block["content"] = content + [image_block(img) for img in msg.images]
    elif msg.text:
        block["content"] = msg.text
    if msg.is_error:
        block["is_error"] = True
    return block


def loop_lacks_thinking(messages: tuple[Message, ...]) -> bool:
    """The last assistant turn asked for tools but holds no thinking of ours (its calls came from another
    provider, or thinking was off): Anthropic then refuses a request with thinking on, so it is left off."""
    for msg in reversed(messages):
        if msg.role == "assistant":
            return bool(msg.tool_calls) and not thinking_blocks(msg)
    return False


class BlockStream:
    """Content blocks of one streamed message, by index: tool_use calls and signed thinking."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.calls = CallBuffer()
        self.message_id = ""
        self._thinking: dict[Any, dict[str, Any]] = {}  # index -> block being assembled

    def start(self, index: Any, block: Any) -> list[StreamEvent]:
        if not isinstance(block, dict):
            return []
        kind = block.get("type")
        if kind == "tool_use":
            call_id = block.get("id") if isinstance(block.get("id"), str) and block.get("id") else ""
            name = block["name"] if isinstance(block.get("name"), str) else ""
            return self.calls.start(index, call_id or new_call_id(self.message_id, index, name), name)
        if kind == "thinking":
            self._thinking[index] = {"type": "thinking", "thinking": str(block.get("thinking") or ""),
                                     "signature": str(block.get("signature") or "")}  # fmt: skip
        elif kind == "redacted_thinking":
            self._thinking[index] = dict(block)
        return []

    def delta(self, index: Any, delta: dict[str, Any]) -> list[StreamEvent]:
        kind = delta.get("type")
        if kind == "input_json_delta" and isinstance(delta.get("partial_json"), str):
            return self.calls.delta(index, delta["partial_json"])
        block = self._thinking.get(index)
        if block is not None and kind == "thinking_delta" and isinstance(delta.get("thinking"), str):
            block["thinking"] += delta["thinking"]
        elif block is not None and kind == "signature_delta" and isinstance(delta.get("signature"), str):
            block["signature"] += delta["signature"]
        return []

    def stop(self, index: Any) -> list[StreamEvent]:
        if self.calls.has(index):
            return self.calls.end(index)
        block = self._thinking.pop(index, None)
        return signed_block(block) if block is not None else []

    def whole(self, index: int, block: dict[str, Any]) -> list[StreamEvent]:
        """A block of a non-streamed message."""
        kind = block.get("type")
        if kind == "tool_use":
            call_id = block.get("id") if isinstance(block.get("id"), str) else ""
            name = block["name"] if isinstance(block.get("name"), str) else ""
            call_id = call_id or new_call_id(self.message_id, index, name)
            return self.calls.whole(index, call_id, name, block.get("input"))
        return signed_block(block) if kind in _SIGNED_BLOCKS else []


def signed_block(block: dict[str, Any]) -> list[StreamEvent]:
    """A thinking block worth keeping: one with its signature (unsigned thinking cannot be sent back)."""
    if block.get("type") == "thinking" and not block.get("signature"):
        return []
    return [SignedReasoning(PROTOCOL, block)]
