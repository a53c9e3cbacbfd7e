"""Sends an adapter's HttpCall over the shared httpx client and decodes what comes back."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Any

import httpx

from .decoders import DecodeError, JSONArrayDecoder, NDJSONDecoder, SSEDecoder, Utf8Stream
from .errors import ProviderError, make_error, redact
from .types import ChatRequest, StreamEvent

if TYPE_CHECKING:
    from .base import Adapter, HttpCall, StreamParser


def _timeout(adapter: Adapter) -> httpx.Timeout:
    t = adapter.endpoint.timeouts
    return httpx.Timeout(connect=t.connect, read=t.first_byte, write=t.first_byte, pool=t.connect)


def _err(adapter: Adapter, kind: str, message: str) -> ProviderError:
    return make_error(kind, redact(message, [adapter.endpoint.api_key]), provider=adapter.provider)


def _transport_error(adapter: Adapter, exc: httpx.HTTPError, started: bool) -> ProviderError:
    """httpx's exceptions to our tree, with a sentence a user can act on."""
    url = adapter.endpoint.base_url
    if isinstance(exc, httpx.ConnectTimeout):
        return _err(adapter, "timeout", f"could not connect to {url} in time")
    if isinstance(exc, httpx.TimeoutException):
        where = "between parts of the answer" if started else "waiting for the first byte"
        return _err(adapter, "timeout", f"the provider went silent {where}")
    if isinstance(exc, httpx.ConnectError):
        return _err(adapter, "network", f"could not connect to {url}: {exc}")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        if started:
            return _err(adapter, "network", "the connection was lost in the middle of the answer")
        return _err(adapter, "network", f"the connection to {url} was closed before an answer: {exc}")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return _err(adapter, "network", f"the base URL {url!r} is not a valid http(s) URL")
    return _err(adapter, "network", f"{type(exc).__name__}: {exc}")


def _request(client: httpx.AsyncClient, adapter: Adapter, call: HttpCall) -> httpx.Request:
    try:
        return client.build_request(
            call.method, call.url, headers=call.headers, json=call.json, params=call.params,
            timeout=_timeout(adapter),
        )  # fmt: skip
    except (httpx.UnsupportedProtocol, httpx.InvalidURL, ValueError) as exc:
        raise _err(adapter, "network", f"the base URL {adapter.endpoint.base_url!r} is not valid: {exc}") from None


async def _read_all(adapter: Adapter, response: httpx.Response) -> str:
    limit = adapter.endpoint.max_response_bytes
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            raise _err(adapter, "protocol", f"the response is larger than {limit // (1024 * 1024)} MB")
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", errors="replace")


async def _raise_for_status(adapter: Adapter, response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    try:
        body = await _read_all(adapter, response)
    except httpx.HTTPError:
        body = ""
    raise adapter.classify_error(response.status_code, body, response.headers)


async def fetch_json(adapter: Adapter, client: httpx.AsyncClient, call: HttpCall) -> Any:
    """A plain JSON request (model lists, embeddings, non-streamed chat)."""
    try:
        response = await client.send(_request(client, adapter, call), stream=True)
        try:
            await _raise_for_status(adapter, response)
            body = await _read_all(adapter, response)
        finally:
            await response.aclose()
    except httpx.HTTPError as exc:
        raise _transport_error(adapter, exc, started=False) from None
    return _parse_json_body(adapter, body, response.headers.get("content-type", ""))


def _parse_json_body(adapter: Adapter, body: str, content_type: str) -> Any:
    try:
        return json.loads(body)
    except ValueError:
        pass
    if body.lstrip().lower().startswith(("<!doctype", "<html")):
        raise _err(adapter, "protocol", "the server answered with an HTML page, not JSON (a proxy, or a wrong URL?)")
    raise _err(adapter, "protocol", f"the server's answer is not valid JSON ({content_type or 'no content-type'})")


async def run_chat(adapter: Adapter, client: httpx.AsyncClient, request: ChatRequest) -> AsyncIterator[StreamEvent]:
    """Send one chat request and yield its events, whatever body framing the server chose."""
    call = adapter.build_chat(request)
    started = False
    try:
        response = await client.send(_request(client, adapter, call), stream=True)
        try:
            await _raise_for_status(adapter, response)
            async for ev in _events(adapter, request, response):
                started = True
                yield ev
        finally:
            await response.aclose()
    except httpx.HTTPError as exc:
        raise _transport_error(adapter, exc, started) from None


async def _chunks(adapter: Adapter, response: httpx.Response) -> AsyncIterator[bytes]:
    """Body chunks with the between-chunks timeout and the total size guard."""
    idle = adapter.endpoint.timeouts.between_chunks
    limit = adapter.endpoint.max_response_bytes
    size = 0
    it = response.aiter_bytes().__aiter__()
    while True:
        try:
            chunk = await asyncio.wait_for(it.__anext__(), timeout=idle)
        except StopAsyncIteration:
            return
        except asyncio.TimeoutError:
            message = f"the provider sent nothing for {idle:g} s in the middle of the answer"
            raise _err(adapter, "timeout", message) from None
        size += len(chunk)
        if size > limit:
            raise _err(adapter, "protocol", f"the answer is larger than {limit // (1024 * 1024)} MB; stopped reading")
        yield chunk


def _framing(content_type: str) -> str:
    ct = content_type.split(";")[0].strip().lower()
    if ct == "text/event-stream":
        return "sse"
    if ct in ("application/x-ndjson", "application/ndjson", "application/jsonl", "application/jsonlines"):
        return "ndjson"
    if ct == "text/html":
        return "html"
    return "json"  # application/json and anything unlabelled: sniffed below


async def _events(adapter: Adapter, request: ChatRequest, response: httpx.Response) -> AsyncIterator[StreamEvent]:
    framing = _framing(response.headers.get("content-type", ""))
    utf8 = Utf8Stream()
    parser = adapter.stream_parser(request)
    if framing == "html":
        await _read_all(adapter, response)
        raise _err(adapter, "protocol", "the server answered with an HTML page (a proxy, or a wrong base URL?)")
    try:
        if framing == "sse":
            sse = SSEDecoder()
            async for chunk in _chunks(adapter, response):
                for ev in sse.feed(utf8.feed(chunk)):
                    for out in _sse_frame(parser, ev.event, ev.data):
                        yield out
            for ev in sse.feed(utf8.flush()) + sse.flush():
                for out in _sse_frame(parser, ev.event, ev.data):
                    yield out
        elif framing == "ndjson":
            nd = NDJSONDecoder()
            async for chunk in _chunks(adapter, response):
                for obj in nd.feed(utf8.feed(chunk)):
                    for out in _feed(parser, obj):
                        yield out
            for obj in nd.feed(utf8.flush()) + nd.flush():
                for out in _feed(parser, obj):
                    yield out
        else:
            async for out in _sniffed_json(adapter, _chunks(adapter, response), utf8, parser):
                yield out
            return
    except DecodeError as exc:
        raise _err(adapter, "protocol", str(exc)) from None
    for out in _end(parser):
        yield out


def _sse_frame(parser: StreamParser, event: str | None, data: str) -> list[StreamEvent]:
    if data == "[DONE]":
        parser.done = True
        return []
    if data == "" and event is None:
        return []
    try:
        frame: Any = json.loads(data)
    except ValueError:
        frame = data
    return _feed(parser, frame, event)


def _end(parser: StreamParser) -> list[StreamEvent]:
    if parser.error is not None:
        raise parser.error
    return parser.end()


def _feed(parser: StreamParser, frame: Any, event: str | None = None) -> list[StreamEvent]:
    """Feed one frame; an in-stream error is raised after the frame's own events are delivered."""
    if parser.error is not None:
        raise parser.error
    return parser.feed(frame, event)


async def _sniffed_json(
    adapter: Adapter, chunks: AsyncIterator[bytes], utf8: Utf8Stream, parser: StreamParser
) -> AsyncIterator[StreamEvent]:
    """application/json: a JSON array streams element by element; an object is one whole answer."""
    array: JSONArrayDecoder | None = None
    head: list[str] = []
    async for chunk in chunks:
        text = utf8.feed(chunk)
        if array is None:
            head.append(text)
            joined = "".join(head).lstrip()
            if not joined:
                continue
            if joined[0] != "[":
                rest = "".join(head) + await _read_rest(chunks, utf8)
                for ev in _whole_json(adapter, rest, parser):
                    yield ev
                return
            array, text = JSONArrayDecoder(), "".join(head)
        for obj in array.feed(text):
            for out in _feed(parser, obj):
                yield out
    if array is None:
        for ev in _whole_json(adapter, "".join(head) + utf8.flush(), parser):
            yield ev
        return
    for obj in array.feed(utf8.flush()) + array.flush():
        for out in _feed(parser, obj):
            yield out
    for out in _end(parser):
        yield out


async def _read_rest(chunks: AsyncIterator[bytes], utf8: Utf8Stream) -> str:
    parts = [utf8.feed(chunk) async for chunk in chunks]
    parts.append(utf8.flush())
    return "".join(parts)


def _whole_json(adapter: Adapter, body: str, parser: StreamParser) -> list[StreamEvent]:
    """A whole JSON answer, or NDJSON mislabelled as JSON (some local servers do that)."""
    if not body.strip():
        raise _err(adapter, "protocol", "the server sent an empty answer")
    try:
        data = json.loads(body)
    except ValueError:
        lines = [ln for ln in body.splitlines() if ln.strip()]
        if len(lines) > 1:
            nd = NDJSONDecoder()
            out: list[StreamEvent] = []
            for obj in nd.feed(body) + nd.flush():
                out.extend(_feed(parser, obj))
            out.extend(_end(parser))
            return out
        return [*_parse_json_body(adapter, body, "application/json")]
    return list(adapter.parse_chat(data))
