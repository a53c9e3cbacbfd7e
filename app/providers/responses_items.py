"""OpenAI's Responses API, request side: the conversation as input items, tools, and the body to send.

Nothing is kept at OpenAI: every request says `store: false` and carries the whole history as input items.
Reasoning items (with their encrypted content) go back only within a tool loop, together with the ids of the
function calls that followed them; a call whose reasoning is not sent goes without its item id, since OpenAI
refuses an id that points at a reasoning item the request does not hold.
"""

from __future__ import annotations

import re
from typing import Any

from .errors import make_error
from .tool_calls import arguments_text, short_id, signed_for
from .types import ChatRequest, DocumentPart, ImagePart, Message, SignedReasoning, ToolCall, ToolSpec

PROTOCOL = "openai_responses"
MAX_ID = 40  # as OpenAI's chat completions: longer call ids from other providers are cut, stably
# Models that reason (and may return reasoning summaries): o-series, GPT-5 except its chat variant, Codex.
REASONING_MODEL = re.compile(r"^(?:openai/)?(?:o\d|gpt-5(?!-chat)|gpt-5\.\d(?!-chat)|codex|computer-use)",
                             re.IGNORECASE)  # fmt: skip
WEB_SEARCH_TOOL = {"type": "web_search"}  # the generally available tool (web_search_preview is the older one)


def _image(img: ImagePart) -> dict[str, Any]:
    return {"type": "input_image", "image_url": img.data_url(), "detail": "auto"}


def _document(doc: DocumentPart) -> dict[str, Any]:
    """PDFs go as files (the model reads their pages); text files as text."""
    if doc.is_pdf:
        return {"type": "input_file", "filename": doc.name, "file_data": doc.data_url()}
    return {"type": "input_text", "text": doc.as_text()}


def user_item(msg: Message) -> dict[str, Any]:
    if not msg.images and not msg.documents:
        return {"role": msg.role, "content": msg.text}
    parts: list[dict[str, Any]] = [_document(d) for d in msg.documents]
    if msg.text:
        parts.append({"type": "input_text", "text": msg.text})
    parts.extend(_image(img) for img in msg.images)
    return {"role": msg.role, "content": parts}


def _call_item(call: ToolCall, with_id: bool) -> dict[str, Any]:
    item: dict[str, Any] = {"type": "function_call", "call_id": short_id(call.id, MAX_ID), "name": call.name,
                            "arguments": arguments_text(call.arguments)}  # fmt: skip
    item_id = call.signed.data.get("id") if call.signed is not None and call.signed.usable_by(PROTOCOL, "") else None
    if with_id and isinstance(item_id, str) and item_id:
        item["id"] = item_id
    return item


def assistant_items(msg: Message) -> list[dict[str, Any]]:
    """An assistant turn: within a tool loop its own reasoning items first (then its calls keep their ids),
    its text as an assistant message, then one function_call item per call."""
    reasoning = [dict(s.data) for s in signed_for(msg.signed, PROTOCOL, "") if s.data.get("type") == "reasoning"]
    reasoning = reasoning if msg.tool_calls else []
    items: list[dict[str, Any]] = list(reasoning)
    if msg.text:
        items.append({"role": "assistant", "content": msg.text})
    items.extend(_call_item(c, with_id=bool(reasoning)) for c in msg.tool_calls)
    return items


def result_item(msg: Message) -> dict[str, Any]:
    """A tool result; images it returned go inside its output (the output may be a list of input parts)."""
    text = f"Error: {msg.text}" if msg.is_error else msg.text
    output: str | list[dict[str, Any]] = text
    if msg.images:
        output = ([{"type": "input_text", "text": text}] if text else []) + [_image(i) for i in msg.images]
    return {"type": "function_call_output", "call_id": short_id(msg.tool_call_id, MAX_ID), "output": output}


def input_items(messages: tuple[Message, ...]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for msg in messages:
        if msg.role == "tool":
            out.append(result_item(msg))
        elif msg.role == "assistant":
            out.extend(assistant_items(msg))
        else:
            out.append(user_item(msg))
    return out


def tools_json(tools: tuple[ToolSpec, ...]) -> list[dict[str, Any]]:
    """Function tools are flat here (no nested "function" object, unlike chat completions)."""
    out = []
    for tool in tools:
        item: dict[str, Any] = {"type": "function", "name": tool.name, "parameters": tool.parameters, "strict": False}
        if tool.description:
            item["description"] = tool.description
        out.append(item)
    return out


def wants_reasoning(request: ChatRequest) -> bool:
    return request.reasoning_effort is not None or bool(REASONING_MODEL.match(request.model))


def responses_body(request: ChatRequest, provider: str = "") -> dict[str, Any]:
    """The JSON body; optional parameters appear only when the user set them (0 is sent as 0)."""
    if request.stop:
        raise make_error("bad_request", "the Responses API takes no stop sequences; use the chat completions API "
                         "(--api chat) for them", provider=provider)  # fmt: skip
    if request.seed is not None:
        raise make_error("bad_request", "the Responses API takes no seed; use the chat completions API (--api chat) "
                         "for it", provider=provider)  # fmt: skip
    body: dict[str, Any] = {"model": request.model, "input": input_items(request.messages), "store": False,
                            "stream": request.stream}  # fmt: skip
    if request.system:
        body["instructions"] = request.system
    tools = tools_json(request.tools) + ([dict(WEB_SEARCH_TOOL)] if request.web_search else [])
    if tools:
        body["tools"] = tools
        if request.tools and request.tool_choice is not None:
            body["tool_choice"] = request.tool_choice  # "auto", "required" and "none" are the protocol's own words
    if request.temperature is not None:
        body["temperature"] = request.temperature
    if request.max_tokens is not None:
        body["max_output_tokens"] = request.max_tokens
    if wants_reasoning(request):
        reasoning: dict[str, Any] = {}
        if request.reasoning_effort is not None:
            reasoning["effort"] = request.reasoning_effort
        if request.reasoning_summary:
            reasoning["summary"] = "auto"
        if reasoning:
            body["reasoning"] = reasoning
        body["include"] = ["reasoning.encrypted_content"]  # stateless: reasoning can go back within a tool loop
    if request.json_mode:
        body["text"] = {"format": {"type": "json_object"}}
    return body


def reasoning_item(item: dict[str, Any]) -> SignedReasoning | None:
    """A reasoning output item worth keeping for a tool loop: one with its encrypted content."""
    if not item.get("encrypted_content") or not isinstance(item.get("id"), str):
        return None
    kept: dict[str, Any] = {k: item[k] for k in ("type", "id", "encrypted_content", "summary") if k in item}
    kept["summary"] = kept.get("summary") or []
    return SignedReasoning(PROTOCOL, kept)
