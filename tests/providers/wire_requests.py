"""Recorded requests read back into our ChatRequest, and request bodies reduced to what must match.

The readers are the inverse of our encoders, written from the protocols' documentation and the recordings
(not from our encoders): a recorded request becomes messages, tool calls, tool results, signed reasoning and
tool definitions. `Unsupported` marks what a ChatRequest cannot say (server-side tools, documents, files,
images by URL); such a recording is left out with its reason.

The normalisers keep `tools`, the tool choice and the messages, and make equal only what is legitimately free:
  - text as a string or as a list holding text parts (adjacent text parts joined);
  - a description that is empty or absent; `strict`, `cache_control`, `defer_loading` and similar hints
    (ChatRequest has no strictness or caching options; these are not tool shapes);
  - an assistant turn's empty content when it carries calls (`null`, `""`, `[]` or absent);
  - JSON argument text compared as the JSON value it holds (whitespace and key order are free);
  - reasoning the recorder sent back as plain fields (`reasoning`, Cerebras; thought parts, Gemini): Parley
    does not send reasoning back unless the protocol signs it (ARCHITECTURE.md), and what it must send back
    (DeepSeek's `reasoning_content`, Anthropic's thinking blocks, Gemini's thought signatures) is compared;
  - Gemini: `parameters` / `parameters_json_schema` / `parametersJsonSchema` (we always send the last; the
    recorded schemas are full JSON Schema either way); the ids of calls the recorder sent without one (we send
    one always); empty text parts (we send none); Google's placeholder signature we add to unsigned calls;
    the `response` object's key (we use Google's documented "output" / "error"; recorders used
    "return_value" and others): its value is compared.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from app.providers import ChatRequest, ImagePart, Message, SignedReasoning, ToolCall, ToolSpec
from app.providers.gemini_tools import PLACEHOLDER_SIGNATURE
from app.providers.tool_calls import parse_arguments


class Unsupported(Exception):
    """The recording uses something a ChatRequest cannot express."""


def _image(url: str) -> ImagePart:
    if not url.startswith("data:") or ";base64," not in url:
        raise Unsupported("an image by URL (ImagePart holds bytes)")
    head, data = url[5:].split(";base64,", 1)
    return ImagePart(head, base64.b64decode(data))


def _args(value: Any) -> Any:
    if isinstance(value, str):
        args, _ = parse_arguments(value)
        return args
    return value if value is not None else {}


def _json_value(text: Any) -> Any:
    if isinstance(text, str):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


# OpenAI chat completions.


def _openai_text(content: Any) -> tuple[str, tuple[ImagePart, ...]]:
    if content is None or isinstance(content, str):
        return content or "", ()
    texts: list[str] = []
    images: list[ImagePart] = []
    for part in content:
        kind = part.get("type")
        if kind == "text":
            texts.append(part["text"])
        elif kind == "image_url":
            images.append(_image(part["image_url"]["url"]))
        else:
            raise Unsupported(f"a {kind} content part")
    return "\n\n".join(texts), tuple(images)


def openai_request(rj: dict[str, Any], provider: str) -> ChatRequest:
    names: dict[str, str] = {}
    messages: list[Message] = []
    for m in rj["messages"]:
        role = "system" if m["role"] == "developer" else m["role"]
        text, images = _openai_text(m.get("content"))
        if role == "tool":
            messages.append(Message("tool", text, tool_call_id=m["tool_call_id"],
                                    tool_name=names.get(m["tool_call_id"], "")))  # fmt: skip
            continue
        calls = []
        for c in m.get("tool_calls") or ():
            names[c["id"]] = c["function"]["name"]
            calls.append(ToolCall(c["id"], c["function"]["name"], _args(c["function"].get("arguments"))))
        if calls and role != "assistant":
            raise Unsupported("tool calls on a non-assistant message")
        signed: tuple[SignedReasoning, ...] = ()
        if role == "assistant" and provider == "deepseek" and m.get("reasoning_content"):
            signed = (SignedReasoning("openai_chat", {"reasoning_content": m["reasoning_content"]}, "deepseek"),)
        messages.append(Message(role, text, images, tool_calls=tuple(calls), signed=signed))
    tools = tuple(
        ToolSpec(f["name"], f.get("description") or "", f.get("parameters") or {"type": "object", "properties": {}})
        for t in rj.get("tools") or () if isinstance(f := t.get("function"), dict)
    )
    choice = rj.get("tool_choice")
    if choice is not None and choice not in ("auto", "required", "none"):
        raise Unsupported(f"tool_choice {choice!r}")
    return ChatRequest(model=rj.get("model", "m"), messages=tuple(messages), tools=tools,
                       tool_choice=choice if tools else None)  # fmt: skip


def _openai_content(content: Any) -> Any:
    if content is None or content == "" or content == []:
        return None
    if isinstance(content, str):
        return content
    out: list[Any] = []
    for part in content:
        if part.get("type") == "text":
            if out and isinstance(out[-1], str):
                out[-1] += "\n\n" + part["text"]
            else:
                out.append(part["text"])
        else:
            out.append({k: v for k, v in part.items() if v is not None})
    return out[0] if len(out) == 1 and isinstance(out[0], str) else out


def normal_openai(body: dict[str, Any], keep: frozenset[str] = frozenset(), fix_id: Any = str) -> dict[str, Any]:
    """`fix_id`: the service's id rule (recorded ids pass through it as ours did: OpenRouter's 50-character
    Gemini id is shortened, since the OpenAI models behind OpenRouter refuse ids over 40 characters)."""
    tools = [
        {"name": f["name"], "description": f.get("description") or "", "parameters": f.get("parameters")}
        for t in body.get("tools") or () if isinstance(f := t.get("function"), dict)
    ]
    messages = []
    for m in body["messages"]:
        out: dict[str, Any] = {"role": "system" if m["role"] == "developer" else m["role"],
                               "content": _openai_content(m.get("content"))}  # fmt: skip
        if m.get("tool_calls"):
            out["tool_calls"] = [(fix_id(c["id"]), c["function"]["name"], _json_value(c["function"].get("arguments")))
                                 for c in m["tool_calls"]]  # fmt: skip
        if m.get("tool_call_id"):
            out["tool_call_id"] = fix_id(m["tool_call_id"])
        out.update({k: m[k] for k in keep if m.get(k)})
        messages.append(out)
    return {"tools": tools, "tool_choice": body.get("tool_choice") if tools else None, "messages": messages}


# Anthropic Messages.

_SERVER_BLOCKS = ("server_tool_use", "mcp_tool_use", "mcp_tool_result", "compaction", "tool_addition")


def _anthropic_blocks(content: Any) -> list[dict[str, Any]]:
    return [{"type": "text", "text": content}] if isinstance(content, str) else list(content)


def _anthropic_image(block: dict[str, Any]) -> ImagePart:
    source = block["source"]
    if source.get("type") != "base64":
        raise Unsupported("an image by URL (ImagePart holds bytes)")
    return ImagePart(source["media_type"], base64.b64decode(source["data"]))


def anthropic_request(rj: dict[str, Any]) -> ChatRequest:
    names: dict[str, str] = {}
    messages: list[Message] = []
    for m in rj["messages"]:
        if m["role"] not in ("user", "assistant"):
            raise Unsupported(f"a {m['role']} message inside the conversation")
        texts: list[str] = []
        images: list[ImagePart] = []
        calls: list[ToolCall] = []
        signed: list[SignedReasoning] = []
        for b in _anthropic_blocks(m["content"]):
            kind = b["type"]
            if kind == "text":
                texts.append(b["text"])
            elif kind == "image":
                images.append(_anthropic_image(b))
            elif kind == "tool_use":
                names[b["id"]] = b["name"]
                calls.append(ToolCall(b["id"], b["name"], b.get("input") or {}))
            elif kind in ("thinking", "redacted_thinking"):
                signed.append(SignedReasoning("anthropic", {k: v for k, v in b.items() if k != "cache_control"}))
            elif kind == "tool_result":
                r_texts, r_images = [], []
                for rb in _anthropic_blocks(b.get("content") or ""):
                    if rb["type"] == "text":
                        r_texts.append(rb["text"])
                    elif rb["type"] == "image":
                        r_images.append(_anthropic_image(rb))
                    else:
                        raise Unsupported(f"a {rb['type']} block in a tool result")
                messages.append(Message("tool", "\n\n".join(r_texts), tuple(r_images), tool_call_id=b["tool_use_id"],
                                        tool_name=names.get(b["tool_use_id"], ""),
                                        is_error=bool(b.get("is_error"))))  # fmt: skip
            else:
                raise Unsupported(f"a {kind} block")
        if texts or images or calls or signed:
            messages.append(Message(m["role"], "\n\n".join(texts), tuple(images), tool_calls=tuple(calls),
                                    signed=tuple(signed)))  # fmt: skip
    tools = tuple(ToolSpec(t["name"], t.get("description") or "", t["input_schema"])
                  for t in rj.get("tools") or () if "input_schema" in t)  # fmt: skip
    choice = (rj.get("tool_choice") or {}).get("type")
    if choice not in (None, "auto", "any", "none"):
        raise Unsupported(f"tool_choice {choice!r}")
    system = rj.get("system")
    if isinstance(system, list):
        system = "\n\n".join(b["text"] for b in system)
    return ChatRequest(model=rj["model"], messages=tuple(messages), system=system or None, tools=tools,
                       tool_choice={"any": "required", None: None}.get(choice, choice) if tools else None,  # type: ignore[arg-type]
                       max_tokens=rj.get("max_tokens"))  # fmt: skip


def _normal_anthropic_blocks(content: Any) -> list[Any]:
    out: list[Any] = []
    for b in _anthropic_blocks(content):
        kind = b["type"]
        if kind == "text":
            if out and isinstance(out[-1], str):
                out[-1] += "\n\n" + b["text"]
            else:
                out.append(b["text"])
        elif kind == "tool_use":
            out.append(("tool_use", b["id"], b["name"], b.get("input") or {}))
        elif kind == "tool_result":
            inner = _normal_anthropic_blocks(b.get("content") or "")
            out.append(("tool_result", b["tool_use_id"], inner, bool(b.get("is_error"))))
        else:
            out.append({k: v for k, v in b.items() if k not in ("cache_control", "citations")})
    return out


def normal_anthropic(body: dict[str, Any]) -> dict[str, Any]:
    tools = [{"name": t["name"], "description": t.get("description") or "", "input_schema": t["input_schema"]}
             for t in body.get("tools") or () if "input_schema" in t]  # fmt: skip
    choice = (body.get("tool_choice") or {}).get("type") if tools else None
    messages = [{"role": m["role"], "content": _normal_anthropic_blocks(m["content"])} for m in body["messages"]]
    return {"tools": tools, "tool_choice": choice, "messages": messages}


def anthropic_case_unsupported(rj: dict[str, Any]) -> str | None:
    text = json.dumps(rj["messages"])
    for kind in _SERVER_BLOCKS:
        if f'"type": "{kind}"' in text:
            return f"server-side tool blocks ({kind}) in the history"
    return None


# Gemini.

_SCHEMA_KEYS = ("parametersJsonSchema", "parameters_json_schema", "parameters")


def _gemini_tools(rj: dict[str, Any]) -> list[dict[str, Any]]:
    tools = rj.get("tools") or []
    tools = [tools] if isinstance(tools, dict) else tools
    out = []
    for t in tools:
        for fd in t.get("functionDeclarations") or t.get("function_declarations") or ():
            schema = next((fd[k] for k in _SCHEMA_KEYS if k in fd), {"type": "object", "properties": {}})
            out.append({"name": fd["name"], "description": fd.get("description") or "", "schema": schema})
    return out


def _response_text(response: Any) -> tuple[str, bool]:
    if isinstance(response, dict) and len(response) == 1:
        key, value = next(iter(response.items()))
        return (value if isinstance(value, str) else json.dumps(value, sort_keys=True)), key == "error"
    return json.dumps(response, sort_keys=True), False


def gemini_request(rj: dict[str, Any]) -> ChatRequest:
    messages: list[Message] = []
    pending: list[Message] = []  # user turn parts after function responses
    for content in rj["contents"]:
        role = "assistant" if content.get("role") == "model" else "user"
        texts: list[str] = []
        images: list[ImagePart] = []
        calls: list[ToolCall] = []
        signed: list[SignedReasoning] = []
        for part in content["parts"]:
            sig = part.get("thoughtSignature")
            if "functionCall" in part:
                fc = part["functionCall"]
                own = SignedReasoning("gemini", {"thoughtSignature": sig}) if sig else None
                calls.append(ToolCall(fc.get("id") or f"unnamed-{len(messages)}-{len(calls)}", fc["name"],
                                      fc.get("args") or {}, signed=own))  # fmt: skip
            elif "functionResponse" in part:
                fr = part["functionResponse"]
                text, is_error = _response_text(fr.get("response"))
                pending.append(Message("tool", text, tool_call_id=fr.get("id") or "", tool_name=fr["name"],
                                       is_error=is_error))  # fmt: skip
            elif part.get("thought"):
                continue  # reasoning is not sent back
            elif "text" in part:
                texts.append(part["text"])
                if sig:
                    signed.append(SignedReasoning("gemini", {"thoughtSignature": sig}))
            elif "inlineData" in part:
                images.append(ImagePart(part["inlineData"]["mimeType"], base64.b64decode(part["inlineData"]["data"])))
            else:
                raise Unsupported(f"a part with {sorted(part)}")
        messages.extend(_matched(pending, messages))
        pending = []
        if texts or images or calls or signed:
            messages.append(Message(role, "\n\n".join(texts), tuple(images), tool_calls=tuple(calls),
                                    signed=tuple(signed)))  # fmt: skip
    tools = tuple(ToolSpec(t["name"], t["description"], t["schema"]) for t in _gemini_tools(rj))
    mode = ((rj.get("toolConfig") or {}).get("functionCallingConfig") or {}).get("mode")
    choice = {"AUTO": "auto", "ANY": "required", "NONE": "none"}.get(mode or "")
    return ChatRequest(model=rj.get("model", "gemini-2.5-flash"), messages=tuple(messages), tools=tools,
                       tool_choice=choice if tools else None)  # type: ignore[arg-type]  # fmt: skip


def _matched(results: list[Message], history: list[Message]) -> list[Message]:
    """Results without ids answer the previous model turn's calls in order (as Gemini pairs them)."""
    calls = next((m.tool_calls for m in reversed(history) if m.role == "assistant" and m.tool_calls), ())
    out = []
    for n, res in enumerate(results):
        if not res.tool_call_id and n < len(calls):
            res = Message("tool", res.text, tool_call_id=calls[n].id, tool_name=res.tool_name, is_error=res.is_error)
        out.append(res)
    return out


def normal_gemini(body: dict[str, Any], *, ids: bool) -> dict[str, Any]:
    """`ids`: compare call ids (only when the recording sent them)."""
    tools = _gemini_tools(body)
    config = (body.get("toolConfig") or {}).get("functionCallingConfig") or {}
    mode = config.get("mode") if config.get("mode") in ("AUTO", "ANY", "NONE") and tools else None
    contents: list[dict[str, Any]] = []
    for content in body["contents"]:
        parts: list[Any] = []
        for part in content["parts"]:
            if part.get("thought"):
                continue
            sig = part.get("thoughtSignature")
            sig = None if sig == PLACEHOLDER_SIGNATURE else sig
            if "functionCall" in part:
                fc = part["functionCall"]
                parts.append(("call", fc.get("id") if ids else None, fc["name"], fc.get("args") or {}, sig))
            elif "functionResponse" in part:
                fr = part["functionResponse"]
                parts.append(("response", fr.get("id") if ids else None, fr["name"], _response_text(fr["response"])))
            elif "text" in part:
                if not part["text"] and not sig:
                    continue  # we never send empty text parts (Gemini's docs reject them)
                if parts and isinstance(parts[-1], tuple) and parts[-1][0] == "text" and not parts[-1][2]:
                    parts[-1] = ("text", parts[-1][1] + "\n\n" + part["text"], sig)
                else:
                    parts.append(("text", part["text"], sig))
            else:
                parts.append(part)
        role = content.get("role", "user")
        if contents and contents[-1]["role"] == role:
            contents[-1]["parts"].extend(parts)
        elif parts:
            contents.append({"role": role, "parts": parts})
    return {"tools": tools, "mode": mode, "contents": contents}


def gemini_case_unsupported(rj: dict[str, Any]) -> str | None:
    text = json.dumps(rj.get("contents"))
    for key in ("toolCall", "toolResponse", "fileData", "executableCode", "codeExecutionResult"):
        if f'"{key}"' in text:
            return f"{key} parts (server-side tools or uploaded files)"
    return None
