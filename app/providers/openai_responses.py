"""OpenAI's Responses API (`/v1/responses`): typed stream events, whole responses, usage and errors.

Streams are SSE with one event per `type` (no `[DONE]`): text, refusal and reasoning-summary deltas, output
items (function calls, reasoning, web search calls), and a terminal `response.completed`, `.incomplete` or
`.failed`. A whole response carries the same output items; both are read by the same item rules.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .base import HttpCall, StreamParser, error_message_from
from .errors import ProviderError, SummariesRefused, kind_from_status, make_error, redact, refine_kind
from .openai_chat import OpenAIChatAdapter
from .responses_items import PROTOCOL, reasoning_item, responses_body
from .tool_calls import CallBuffer, finish, parse_arguments
from .types import (
    ChatRequest,
    Citation,
    Finish,
    FinishReason,
    ReasoningDelta,
    ResponseInfo,
    SignedReasoning,
    StreamEvent,
    TextDelta,
    Usage,
    UsageUpdate,
    as_count,
)

# incomplete_details.reason -> our finish reason
_INCOMPLETE: dict[str, FinishReason] = {"max_output_tokens": "length", "content_filter": "content_filter"}
# response.error.code / error event codes -> our kind (the status, when there is one, comes first)
_CODE_KIND: dict[str, str] = {
    "rate_limit_exceeded": "rate_limit",
    "server_error": "server",
    "invalid_prompt": "bad_request",
    "context_length_exceeded": "context_length",
    "insufficient_quota": "quota",
    "content_filter": "content_filter",  # Azure's filter, inside a stream
}
_VERIFY_HINTS = ("must be verified", "verify organization", "verified to generate reasoning summaries")


def parse_usage(data: Any, searches: int | None = None) -> Usage | None:
    """`input_tokens` includes cached tokens and `output_tokens` includes reasoning, as reported."""
    if not isinstance(data, dict):
        return None if searches is None else Usage(web_searches=searches)
    inp = data.get("input_tokens_details")
    out = data.get("output_tokens_details")
    return Usage(
        input_tokens=as_count(data.get("input_tokens")),
        output_tokens=as_count(data.get("output_tokens")),
        cache_read_tokens=as_count(inp.get("cached_tokens")) if isinstance(inp, dict) else None,
        reasoning_tokens=as_count(out.get("reasoning_tokens")) if isinstance(out, dict) else None,
        web_searches=searches,
    )


def is_summaries_refusal(status: int, text: str) -> bool:
    """The 400 OpenAI sends when the organisation may not receive reasoning summaries."""
    low = text.lower()
    return status == 400 and "summar" in low and any(h in low for h in _VERIFY_HINTS)


def error_from(provider: str, error: Any, status: int | None = None) -> ProviderError:
    """An error object (a `response.failed` response's `error`, or an `error` event) as our error."""
    message, code = error_message_from({"error": error} if isinstance(error, dict) else error)
    if status is not None and is_summaries_refusal(status, message):
        return SummariesRefused(redact(message), provider=provider, status=status)
    kind = _CODE_KIND.get(code or "") or (kind_from_status(status) if status else "server")
    return make_error(refine_kind(kind, f"{code or ''} {message}"), redact(message), provider=provider, status=status)


def _citation(annotation: Any) -> Citation | None:
    if not isinstance(annotation, dict) or annotation.get("type") != "url_citation":
        return None
    url = annotation.get("url")
    title = annotation.get("title")
    return Citation(url, title if isinstance(title, str) else "") if isinstance(url, str) and url else None


class _Output:
    """What the output items of one response add up to: calls, citations, searches, refusal, reasoning."""

    def __init__(self, provider: str) -> None:
        self.provider = provider
        self.calls = CallBuffer()
        self.cited: set[str] = set()
        self.searches = 0
        self.refused = False
        self.reasoned = False  # some reasoning text was given (the next summary starts a new paragraph)

    def cite(self, annotation: Any) -> list[StreamEvent]:
        found = _citation(annotation)
        if found is None or found.url in self.cited:
            return []
        self.cited.add(found.url)
        return [found]

    def reasoning(self, text: str) -> list[StreamEvent]:
        if not text:
            return []
        out: list[StreamEvent] = [ReasoningDelta(("\n\n" if self.reasoned else "") + text)]
        self.reasoned = True
        return out

    def call_start(self, key: Any, item: dict[str, Any]) -> list[StreamEvent]:
        call_id = item.get("call_id") if isinstance(item.get("call_id"), str) else ""
        name = item["name"] if isinstance(item.get("name"), str) else ""
        item_id = item.get("id")
        signed = SignedReasoning(PROTOCOL, {"id": item_id}) if isinstance(item_id, str) and item_id else None
        return self.calls.start(key, call_id or (item_id if isinstance(item_id, str) else "") or f"call_{key}", name,
                                signed)  # fmt: skip

    def item_done(self, key: Any, item: Any, *, whole: bool) -> list[StreamEvent]:
        """A complete output item. `whole`: the text was not streamed (a whole response), so take it from here."""
        if not isinstance(item, dict):
            return []
        kind = item.get("type")
        out: list[StreamEvent] = []
        if kind == "message":
            content = item.get("content")
            for part in content if isinstance(content, list) else []:
                if not isinstance(part, dict):
                    continue
                if part.get("type") == "output_text":
                    if whole and isinstance(part.get("text"), str) and part["text"]:
                        out.append(TextDelta(part["text"]))
                    for annotation in part.get("annotations") or []:
                        out += self.cite(annotation)
                elif part.get("type") == "refusal":
                    self.refused = True
                    if whole and isinstance(part.get("refusal"), str) and part["refusal"]:
                        out.append(TextDelta(part["refusal"]))
        elif kind == "function_call":
            arguments = item.get("arguments")
            text = arguments if isinstance(arguments, str) else ""
            if whole or not self.calls.has(key):  # a streamed call whose start was not seen: opened here
                out += self.call_start(key, item)
                out += self.calls.delta(key, text)
                out += self.calls.end(key)
            else:  # the finished item holds the whole argument text: it wins over the pieces
                out += self.calls.end(key, *parse_arguments(text)) if text else self.calls.end(key)
        elif kind == "reasoning":
            if whole:
                for part in item.get("summary") or []:
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        out += self.reasoning(part["text"])
                for part in item.get("content") or []:  # raw reasoning text (open-weight models)
                    if isinstance(part, dict) and isinstance(part.get("text"), str):
                        out += self.reasoning(part["text"])
            signed = reasoning_item(item)
            if signed is not None:
                out.append(signed)
        elif kind == "web_search_call":
            action = item.get("action")
            # Billed per search; opening a page or finding in it is part of the same call.
            if not isinstance(action, dict) or action.get("type") in (None, "search"):
                self.searches += 1
        return out

    def finish(self, response: dict[str, Any], web_search: bool) -> list[StreamEvent]:
        """Usage and the Finish, from the terminal response object."""
        out: list[StreamEvent] = list(self.calls.end_all())
        usage = parse_usage(response.get("usage"), self.searches if web_search or self.searches else None)
        if usage is not None:
            out.append(UsageUpdate(usage))
        status = str(response.get("status") or "completed")
        if status == "incomplete":
            details = response.get("incomplete_details")
            raw = str(details.get("reason")) if isinstance(details, dict) and details.get("reason") else status
            out.append(Finish(_INCOMPLETE.get(raw, "length"), raw))
        elif self.refused:
            out.append(Finish("content_filter", "refusal"))
        else:
            out.append(finish("stop", status, self.calls.called))
        return out


class ResponsesStreamParser(StreamParser):
    def __init__(self, provider: str, *, web_search: bool = False) -> None:
        self.provider = provider
        self.web_search = web_search
        self._output = _Output(provider)
        self._info: ResponseInfo | None = None
        self._part: tuple[Any, Any] | None = None  # (item, summary index) of the reasoning being streamed

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        if not isinstance(frame, dict):
            raise make_error("protocol", f"unexpected stream frame: {str(frame)[:120]!r}", provider=self.provider)
        kind = frame.get("type") or event
        o = self._output
        if kind == "response.output_text.delta" or kind == "response.refusal.delta":
            delta = frame.get("delta")
            o.refused = o.refused or kind == "response.refusal.delta"
            return [TextDelta(delta)] if isinstance(delta, str) and delta else []
        if kind in ("response.reasoning_summary_text.delta", "response.reasoning_text.delta"):
            delta = frame.get("delta")
            if not isinstance(delta, str) or not delta:
                return []
            part = (frame.get("item_id"), frame.get("summary_index", frame.get("content_index")))
            new_part, self._part = o.reasoned and part != self._part, part  # a new summary part: a new paragraph
            o.reasoned = True
            return [ReasoningDelta(("\n\n" if new_part else "") + delta)]
        if kind == "response.function_call_arguments.delta":
            delta = frame.get("delta")
            return o.calls.delta(frame.get("output_index"), delta) if isinstance(delta, str) else []
        if kind == "response.output_text.annotation.added":
            return o.cite(frame.get("annotation"))
        if kind == "response.output_item.added":
            item = frame.get("item")
            if isinstance(item, dict) and item.get("type") == "function_call":
                return o.call_start(frame.get("output_index"), item)
            return []
        if kind == "response.output_item.done":
            return o.item_done(frame.get("output_index"), frame.get("item"), whole=False)
        if kind in ("response.created", "response.in_progress"):
            return self._response_info(frame.get("response"))
        if kind in ("response.completed", "response.incomplete"):
            response = frame.get("response")
            response = response if isinstance(response, dict) else {}
            self.finished = self.done = True
            return [*self._response_info(response), *o.finish(response, self.web_search)]
        if kind == "response.failed":
            response = frame.get("response")
            error = response.get("error") if isinstance(response, dict) else None
            self.error = error_from(self.provider, error or "the response failed")
            return []
        if kind == "error":
            nested = frame.get("error")
            self.error = error_from(self.provider, nested if isinstance(nested, dict) else frame)
            return []
        return []  # content parts, done events, search progress: nothing new for us

    def _response_info(self, response: Any) -> list[StreamEvent]:
        if not isinstance(response, dict):
            return []
        info = ResponseInfo(model=response.get("model"), response_id=response.get("id"))
        if (info.model or info.response_id) and info != self._info:
            self._info = info
            return [info]
        return []


def parse_response(provider: str, body: Any, *, web_search: bool = False) -> list[StreamEvent]:
    """A whole (non-streamed) response, as the same events a stream would give."""
    if not isinstance(body, dict):
        raise make_error("protocol", "the answer is not a JSON object", provider=provider)
    if body.get("error") is not None or body.get("status") == "failed":
        raise error_from(provider, body.get("error") or "the response failed")
    output = body.get("output")
    if not isinstance(output, list):
        raise make_error("protocol", "the answer has no output", provider=provider)
    events: list[StreamEvent] = [ResponseInfo(model=body.get("model"), response_id=body.get("id"))]
    items = _Output(provider)
    for index, item in enumerate(output):
        events += items.item_done(index, item, whole=True)
    tools = body.get("tools")
    searching = web_search or any(isinstance(t, dict) and str(t.get("type", "")).startswith("web_search")
                                  for t in (tools if isinstance(tools, list) else []))  # fmt: skip
    return events + items.finish(body, searching)


class OpenAIResponsesAdapter(OpenAIChatAdapter):
    """OpenAI's Responses API at `{base}/responses`; model lists and embeddings are the chat protocol's own."""

    protocol = "openai_responses"

    @property
    def responses_url(self) -> str:
        return f"{self.api_root}/responses"

    def build_chat(self, request: ChatRequest) -> HttpCall:
        accept = "text/event-stream" if request.stream else "application/json"
        headers = self.endpoint.headers({"Accept": accept})
        return HttpCall("POST", self.responses_url, headers, responses_body(request, self.provider))

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return ResponsesStreamParser(self.provider, web_search=request.web_search)

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        return parse_response(self.provider, body)

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        param = _param(body)
        if is_summaries_refusal(status, f"{err.message} {param}"):
            return SummariesRefused(err.message, provider=err.provider, status=status, request_id=err.request_id)
        return err


def _param(body: str) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return ""
    err = data.get("error") if isinstance(data, dict) else None
    return str(err.get("param") or "") if isinstance(err, dict) else ""
