"""Tools in the Gemini API: function declarations, functionCall / functionResponse parts, thought signatures.

Schemas go as `parametersJsonSchema` (full JSON Schema: `$defs`/`$ref`, `anyOf`/`oneOf`, `additionalProperties`
all accepted, as recorded answers show) rather than `parameters`, Google's OpenAPI subset that rejects what
MCP servers commonly send; no lossy cleaning is needed. Only a root `$schema` is dropped, and a schema without
a type is given the object root every function's arguments have.
"""

from __future__ import annotations

import re
from typing import Any

from .tool_calls import CallBuffer, arguments_object, new_call_id, signed_for
from .types import ImagePart, Message, SignedReasoning, StreamEvent, ToolChoice, ToolSpec

PROTOCOL = "gemini"
# Google's documented stand-in for a call that carries no signature of Gemini's own (made by another model,
# or stored without one): Gemini 3 refuses a function call in the current turn without a thoughtSignature.
PLACEHOLDER_SIGNATURE = "skip_thought_signature_validator"
# Gemini 1.x and 2.x do not require signatures (2.5 sends them but accepts calls without): no placeholder there.
# Gemini 3 and any name not known to be older (aliases such as gemini-flash-latest) get it.
_UNSIGNED_MODELS = re.compile(r"^(?:models/)?gemini-[12]\.", re.IGNORECASE)
_MODE = {"auto": "AUTO", "required": "ANY", "none": "NONE"}


def schema_json(parameters: dict[str, Any]) -> dict[str, Any]:
    schema = {k: v for k, v in parameters.items() if k != "$schema"}
    if "type" not in schema and not any(k in schema for k in ("anyOf", "oneOf", "allOf", "$ref")):
        schema = {"type": "object", "properties": {}, **schema}
    return schema


def tools_json(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    declarations = []
    for tool in tools:
        item: dict[str, Any] = {"name": tool.name, "parametersJsonSchema": schema_json(tool.parameters)}
        if tool.description:
            item["description"] = tool.description
        declarations.append(item)
    return [{"functionDeclarations": declarations}]


def tool_config_json(choice: ToolChoice) -> dict[str, Any]:
    return {"functionCallingConfig": {"mode": _MODE[choice]}}


def _signature(signed: SignedReasoning | None) -> str | None:
    if signed is None or not signed.usable_by(PROTOCOL, ""):
        return None
    sig = signed.data.get("thoughtSignature")
    return sig if isinstance(sig, str) and sig else None


def model_parts(msg: Message, model: str) -> list[dict[str, Any]]:
    """An assistant turn: its text (with the signature Gemini put on a text part), then its calls, each with
    the signature it came with. A turn whose calls carry none of Gemini's signatures gets Google's
    placeholder on its first call, so a conversation begun elsewhere can go on here."""
    parts: list[dict[str, Any]] = []
    own = [s for s in signed_for(msg.signed, PROTOCOL, "") if _signature(s)]
    if msg.text:
        parts.append({"text": msg.text})
        if own:
            parts[-1]["thoughtSignature"] = _signature(own[-1])
    calls = [(c, _signature(c.signed)) for c in msg.tool_calls]
    placeholder = bool(calls) and not any(sig for _, sig in calls) and not _UNSIGNED_MODELS.match(model)
    for n, (call, sig) in enumerate(calls):
        part: dict[str, Any] = {"functionCall": {"id": call.id, "name": call.name,
                                                 "args": arguments_object(call.arguments)}}  # fmt: skip
        if sig or (placeholder and n == 0):
            part["thoughtSignature"] = sig or PLACEHOLDER_SIGNATURE
        parts.append(part)
    return parts


def inline_part(img: ImagePart) -> dict[str, Any]:
    return {"inlineData": {"mimeType": img.mime_type, "data": img.b64()}}


def response_parts(msg: Message) -> list[dict[str, Any]]:
    """A tool result: `response` must be an object, so the text goes under "output" (or "error", as the
    API documents); images the tool returned follow as parts of the same user turn."""
    response = {"error" if msg.is_error else "output": msg.text}
    part = {"functionResponse": {"id": msg.tool_call_id, "name": msg.tool_name, "response": response}}
    return [part, *(inline_part(img) for img in msg.images)]


class PartReader:
    """Function calls and thought signatures in the parts of Gemini answers (each call arrives whole)."""

    def __init__(self) -> None:
        self.calls = CallBuffer()
        self.response_id = ""
        self._count = 0

    def part(self, part: dict[str, Any]) -> list[StreamEvent]:
        sig = part.get("thoughtSignature")
        signed = SignedReasoning(PROTOCOL, {"thoughtSignature": sig}) if isinstance(sig, str) and sig else None
        call = part.get("functionCall")
        if isinstance(call, dict):
            n = self._count
            self._count += 1
            name = call["name"] if isinstance(call.get("name"), str) else ""
            call_id = call.get("id") if isinstance(call.get("id"), str) else ""
            call_id = call_id or new_call_id(self.response_id, n, name)
            return self.calls.whole(n, call_id, name, call.get("args"), signed)
        return [signed] if signed is not None else []
