"""Responses API stream events in the shapes OpenAI's API reference documents ("Streaming events"), for
loopback servers: `event:` and `data:` lines, no `[DONE]` (the stream ends with a terminal event)."""

from __future__ import annotations

import json
from typing import Any

from tests.support.loopback import Reply

RESP_ID = "resp_test_0001"
MODEL = "gpt-5-2025-08-07"


def sse(events: list[dict[str, Any]]) -> Reply:
    chunks: list[Any] = []
    for n, ev in enumerate(events):
        ev = {**ev, "sequence_number": n}
        chunks.append(f"event: {ev['type']}\ndata: {json.dumps(ev)}\n\n".encode())
    return Reply(200, {"content-type": "text/event-stream; charset=utf-8"}, chunks)


def response(status: str = "in_progress", *, usage: dict[str, Any] | None = None, output: list[Any] | None = None,
             incomplete: str | None = None, error: dict[str, Any] | None = None,
             tools: list[Any] | None = None) -> dict[str, Any]:  # fmt: skip
    return {"id": RESP_ID, "object": "response", "created_at": 1760000000, "status": status, "model": MODEL,
            "output": output or [], "usage": usage, "error": error, "store": False, "tools": tools or [],
            "incomplete_details": {"reason": incomplete} if incomplete else None}  # fmt: skip


def usage(inp: int = 20, out: int = 30, cached: int = 5, reasoning: int = 12) -> dict[str, Any]:
    return {"input_tokens": inp, "input_tokens_details": {"cached_tokens": cached}, "output_tokens": out,
            "output_tokens_details": {"reasoning_tokens": reasoning}, "total_tokens": inp + out}  # fmt: skip


def created() -> list[dict[str, Any]]:
    return [{"type": "response.created", "response": response()},
            {"type": "response.in_progress", "response": response()}]  # fmt: skip


def completed(**kw: Any) -> dict[str, Any]:
    return {"type": "response.completed", "response": response("completed", usage=usage(), **kw)}


def message(index: int, text_deltas: list[str], annotations: list[dict[str, Any]] = (),  # type: ignore[assignment]
            item_id: str = "msg_1") -> list[dict[str, Any]]:  # fmt: skip
    text = "".join(text_deltas)
    part = {"type": "output_text", "text": text, "annotations": list(annotations)}
    item = {"id": item_id, "type": "message", "role": "assistant", "status": "completed", "content": [part]}
    out: list[dict[str, Any]] = [
        {"type": "response.output_item.added", "output_index": index,
         "item": {**item, "status": "in_progress", "content": []}},
        {"type": "response.content_part.added", "item_id": item_id, "output_index": index, "content_index": 0,
         "part": {"type": "output_text", "text": "", "annotations": []}},
    ]  # fmt: skip
    out += [{"type": "response.output_text.delta", "item_id": item_id, "output_index": index, "content_index": 0,
             "delta": d, "logprobs": []} for d in text_deltas]  # fmt: skip
    out += [{"type": "response.output_text.annotation.added", "item_id": item_id, "output_index": index,
             "content_index": 0, "annotation_index": n, "annotation": a}
            for n, a in enumerate(annotations)]  # fmt: skip
    out += [
        {"type": "response.output_text.done", "item_id": item_id, "output_index": index, "content_index": 0,
         "text": text, "logprobs": []},
        {"type": "response.content_part.done", "item_id": item_id, "output_index": index, "content_index": 0,
         "part": part},
        {"type": "response.output_item.done", "output_index": index, "item": item},
    ]  # fmt: skip
    return out


def reasoning(index: int, parts: list[list[str]], item_id: str = "rs_1", encrypted: str = "gAAAA-test") -> list[
        dict[str, Any]]:  # fmt: skip
    summary = [{"type": "summary_text", "text": "".join(p)} for p in parts]
    item = {"id": item_id, "type": "reasoning", "summary": summary, "encrypted_content": encrypted}
    out: list[dict[str, Any]] = [{"type": "response.output_item.added", "output_index": index,
                                  "item": {"id": item_id, "type": "reasoning", "summary": []}}]  # fmt: skip
    for n, deltas in enumerate(parts):
        out.append({"type": "response.reasoning_summary_part.added", "item_id": item_id, "output_index": index,
                    "summary_index": n, "part": {"type": "summary_text", "text": ""}})  # fmt: skip
        out += [{"type": "response.reasoning_summary_text.delta", "item_id": item_id, "output_index": index,
                 "summary_index": n, "delta": d} for d in deltas]  # fmt: skip
        out.append({"type": "response.reasoning_summary_text.done", "item_id": item_id, "output_index": index,
                    "summary_index": n, "text": "".join(deltas)})  # fmt: skip
    out.append({"type": "response.output_item.done", "output_index": index, "item": item})
    return out


def function_call(index: int, name: str, argument_deltas: list[str], call_id: str = "call_abc",
                  item_id: str = "fc_1") -> list[dict[str, Any]]:  # fmt: skip
    args = "".join(argument_deltas)
    item = {"id": item_id, "type": "function_call", "call_id": call_id, "name": name, "arguments": args,
            "status": "completed"}  # fmt: skip
    out: list[dict[str, Any]] = [{"type": "response.output_item.added", "output_index": index,
                                  "item": {**item, "arguments": "", "status": "in_progress"}}]  # fmt: skip
    out += [{"type": "response.function_call_arguments.delta", "item_id": item_id, "output_index": index,
             "delta": d} for d in argument_deltas]  # fmt: skip
    out.append({"type": "response.function_call_arguments.done", "item_id": item_id, "output_index": index,
                "arguments": args})  # fmt: skip
    out.append({"type": "response.output_item.done", "output_index": index, "item": item})
    return out


def web_search_call(index: int, query: str, item_id: str = "ws_1") -> list[dict[str, Any]]:
    item = {"id": item_id, "type": "web_search_call", "status": "completed",
            "action": {"type": "search", "query": query}}  # fmt: skip
    return [
        {"type": "response.output_item.added", "output_index": index,
         "item": {"id": item_id, "type": "web_search_call", "status": "in_progress"}},
        {"type": "response.web_search_call.in_progress", "output_index": index, "item_id": item_id},
        {"type": "response.web_search_call.searching", "output_index": index, "item_id": item_id},
        {"type": "response.web_search_call.completed", "output_index": index, "item_id": item_id},
        {"type": "response.output_item.done", "output_index": index, "item": item},
    ]  # fmt: skip


def url_citation(url: str, title: str, start: int = 0, end: int = 1) -> dict[str, Any]:
    return {"type": "url_citation", "url": url, "title": title, "start_index": start, "end_index": end}
