"""A turn's tool steps as the store keeps them (plain JSON) and as the history gives them back (messages).

A step is one model call: its text, the calls it asked for (with their signed reasoning) and one result per
call. Read back, an answer that used tools becomes assistant and tool messages in order, so any protocol can
be sent the history; a call stored without a result (the app died mid-call) gets "stopped by the user".
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from app.providers import ImagePart, Message, SignedReasoning, ToolCall

from .tool_loop import STOPPED, ToolCallRecord

if TYPE_CHECKING:
    from app.store import ToolStepRow

Json = dict[str, Any]
SEPARATOR = "\n\n"  # between the texts of a turn's steps, as the user sees them


def join_texts(texts: Sequence[str]) -> str:
    return SEPARATOR.join(t for t in texts if t)


def signed_json(signed: SignedReasoning) -> Json:
    return {"protocol": signed.protocol, "provider": signed.provider, "data": signed.data}


def signed_from(data: Any) -> SignedReasoning | None:
    if not isinstance(data, Mapping) or not isinstance(data.get("data"), dict):
        return None
    return SignedReasoning(str(data.get("protocol") or ""), data["data"], str(data.get("provider") or ""))


def call_json(call: ToolCall) -> Json:
    return {"id": call.id, "name": call.name, "arguments": call.arguments, "arguments_error": call.arguments_error,
            "signed": signed_json(call.signed) if call.signed is not None else None}  # fmt: skip


def call_from(data: Mapping[str, Any]) -> ToolCall:
    args = data.get("arguments")
    error = data.get("arguments_error")
    return ToolCall(str(data.get("id") or ""), str(data.get("name") or ""),
                    args if isinstance(args, (dict, str)) else {}, error if isinstance(error, str) else None,
                    signed_from(data.get("signed")))  # fmt: skip


def result_json(record: ToolCallRecord) -> Json:
    """What the model was told, and what became of the call (for the window and for export)."""
    message = record.message()
    return {"call_id": record.call.id, "name": record.call.name, "server": record.server, "tool": record.tool,
            "state": record.state, "text": message.text, "is_error": message.is_error, "error": record.error,
            "ms": None if record.ms is None else round(record.ms, 1),
            "images": [{"mime_type": i.mime_type, "data_base64": i.b64()} for i in message.images]}  # fmt: skip


def result_message(call: ToolCall, data: Mapping[str, Any] | None) -> Message:
    if data is None:
        return Message("tool", STOPPED, tool_call_id=call.id, tool_name=call.name, is_error=True)
    images: list[ImagePart] = []
    for image in data.get("images") or []:
        try:
            images.append(ImagePart(str(image["mime_type"]), base64.b64decode(image["data_base64"], validate=True)))
        except (TypeError, KeyError, binascii.Error):
            continue  # an unreadable image (a hand-edited import) is left out, the text still goes
    return Message("tool", str(data.get("text") or ""), tuple(images), tool_call_id=call.id, tool_name=call.name,
                   is_error=data.get("is_error") is True)  # fmt: skip


def step_messages(steps: Sequence[ToolStepRow], content: str) -> list[Message]:
    """An answer's steps as messages: each step's assistant message and one result per call. Text the answer
    holds beyond its stored steps (the app stopped mid-step) ends it as a last assistant message."""
    out: list[Message] = []
    for step in steps:
        calls = tuple(call_from(c) for c in step.calls if isinstance(c, Mapping))
        signed = tuple(s for s in (signed_from(d) for d in step.signed) if s is not None)
        if not (step.text or calls):
            continue
        out.append(Message("assistant", step.text, tool_calls=calls, signed=signed))
        results = {str(r.get("call_id")): r for r in step.results if isinstance(r, Mapping)}
        out += [result_message(call, results.get(call.id)) for call in calls]
    told = join_texts([s.text for s in steps])
    if content.startswith(told) and content[len(told) :].strip():
        out.append(Message("assistant", content[len(told) :].lstrip("\n")))
    return out



def steps_markdown(steps: Sequence[ToolStepRow], content: str) -> str:
    """An answer that used tools as Markdown: each step's text, then its calls and results in code blocks
    (a result is data, never markup), then any text beyond the stored steps."""
    out: list[str] = []
    for step in steps:
        if step.text:
            out.append(step.text)
        results = {str(r.get("call_id")): r for r in step.results if isinstance(r, Mapping)}
        for call in (call_from(c) for c in step.calls if isinstance(c, Mapping)):
            result = results.get(call.id)
            args = call.arguments if isinstance(call.arguments, str) else json.dumps(call.arguments, ensure_ascii=False)
            where = f" ({result.get('server')}/{result.get('tool')})" if result and result.get("server") else ""
            said = str(result.get("text") or "") if result is not None else STOPPED
            label = "Error" if result is None or result.get("is_error") else "Result"
            out.append(f"**Tool call** `{call.name}`{where}\n\n{_fenced(args, 'json')}\n\n{label}:\n\n"
                       f"{_fenced(said, 'text')}")  # fmt: skip
    told = join_texts([s.text for s in steps])
    if content.startswith(told) and content[len(told) :].strip():
        out.append(content[len(told) :].lstrip("\n"))
    return "\n\n".join(out)


def _fenced(text: str, lang: str) -> str:
    fence = "```"
    while fence in text:
        fence += "`"
    return f"{fence}{lang}\n{text}\n{fence}"
