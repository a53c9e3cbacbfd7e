"""Conversations from other apps as Parley export documents (ChatGPT's `conversations.json`)."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import Any

PARLEY_FORMAT = "parley.conversation"
_ROLES = {"user": "user", "assistant": "assistant"}


def detect(data: Any) -> str:
    """'parley' for a Parley export (one or a list), 'chatgpt' for ChatGPT's export, else 'unknown'."""
    items = data if isinstance(data, list) else [data]
    if items and all(isinstance(i, Mapping) and i.get("format") == PARLEY_FORMAT for i in items):
        return "parley"
    if items and all(isinstance(i, Mapping) and isinstance(i.get("mapping"), Mapping) for i in items):
        return "chatgpt"
    return "unknown"


def parley_documents(data: Any) -> list[dict[str, Any]]:
    """Every conversation in a file, as Parley export documents ready for `Store.import_conversation`."""
    kind = detect(data)
    items = data if isinstance(data, list) else [data]
    if kind == "parley":
        return [dict(i) for i in items]
    if kind == "chatgpt":
        return [chatgpt_conversation(i) for i in items]
    raise ValueError("this is neither a Parley export nor ChatGPT's conversations.json")


def _text_of(message: Mapping[str, Any]) -> tuple[str, str]:
    """(text, reasoning) of a ChatGPT message node; non-text parts become a short placeholder."""
    content = message.get("content") or {}
    kind = content.get("content_type")
    if kind in ("text", "multimodal_text"):
        pieces = []
        for part in content.get("parts") or []:
            if isinstance(part, str):
                pieces.append(part)
            elif isinstance(part, Mapping):
                asset = part.get("content_type", "attachment")
                pieces.append(f"[{'image' if 'image' in str(asset) else asset} not imported]")
        return "\n".join(p for p in pieces if p), ""
    if kind == "code":
        lang = content.get("language") or ""
        return f"```{'' if lang == 'unknown' else lang}\n{content.get('text', '')}\n```", ""
    if kind == "thoughts":
        thoughts = content.get("thoughts") or []
        return "", "\n\n".join(str(t.get("content", "")) for t in thoughts if isinstance(t, Mapping))
    return "", ""


def chatgpt_conversation(conv: Mapping[str, Any]) -> dict[str, Any]:
    """One ChatGPT conversation: the whole `mapping` tree, branches included. Nodes that are not user or
    assistant text (system prompts, tools, browsing, hidden context) are left out and their children
    attached to the nearest kept ancestor; a reasoning node's text goes to the reply that follows it."""
    mapping: Mapping[str, Any] = conv.get("mapping") or {}
    kept: dict[str, dict[str, Any]] = {}
    parent_of: dict[str, str | None] = {}
    pending_reasoning: dict[str, str] = {}
    roots = [k for k, n in mapping.items() if not (isinstance(n, Mapping) and n.get("parent") in mapping)]
    queue: deque[tuple[str, str | None]] = deque((r, None) for r in roots)
    seen: set[str] = set()
    while queue:
        node_id, kept_parent = queue.popleft()
        if node_id in seen or node_id not in mapping:
            continue
        seen.add(node_id)
        node = mapping[node_id] if isinstance(mapping[node_id], Mapping) else {}
        message = node.get("message") if isinstance(node.get("message"), Mapping) else None
        role = _ROLES.get(str(((message or {}).get("author") or {}).get("role")))
        text, reasoning = _text_of(message) if message else ("", "")
        hidden = bool(((message or {}).get("metadata") or {}).get("is_visually_hidden_from_conversation"))
        next_parent = kept_parent
        if reasoning and kept_parent is not None:
            pending_reasoning[kept_parent] = pending_reasoning.get(kept_parent, "") + reasoning
        elif role and text and not hidden:
            assert message is not None
            kept[node_id] = {
                "id": node_id, "parent": kept_parent, "role": role, "content": text,
                "reasoning": pending_reasoning.pop(kept_parent or "", "") if role == "assistant" else "",
                "status": "complete", "model": (message.get("metadata") or {}).get("model_slug"),
                "provider": "openai" if role == "assistant" else None,
                "created_at": _iso(message.get("create_time")),
            }  # fmt: skip
            next_parent = node_id
        parent_of[node_id] = next_parent
        for child in node.get("children") or []:
            queue.append((str(child), next_parent))
    current = conv.get("current_node")
    leaf = parent_of.get(str(current)) if current is not None else None
    return {
        "format": PARLEY_FORMAT, "version": 1, "title": str(conv.get("title") or "Imported from ChatGPT"),
        "created_at": _iso(conv.get("create_time")), "updated_at": _iso(conv.get("update_time")),
        "messages": list(kept.values()), "current_leaf": leaf if leaf in kept else None,
    }  # fmt: skip


def _iso(ts: Any) -> str | None:
    if isinstance(ts, (int, float)) and not isinstance(ts, bool) and ts > 0:
        return datetime.fromtimestamp(ts, timezone.utc).isoformat().replace("+00:00", "Z")
    return None
