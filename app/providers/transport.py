"""Sends an adapter's HttpCall over the shared httpx client and decodes what comes back."""

from __future__ import annotations

import asyncio
import json
import json.scanner
import ssl
import sys
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Mapping
from contextlib import aclosing
from typing import Any, Protocol, cast

import httpx

from .calls import Endpoint, HttpCall, StreamParser
from .decoders import DecodeError, JSONArrayDecoder, NDJSONDecoder, SSEDecoder, SSEEvent, Utf8Stream, loads
from .errors import ProviderError, make_error
from .net_faults import on_this_machine, refused
from .types import ChatRequest, ReasoningDelta, StreamEvent, TextDelta

if sys.version_info >= (3, 11):
    from asyncio import timeout as _idle_timeout
else:  # pragma: no cover - Python 3.10: anyio (an httpx dependency) gives the same cancel-safe scope
    from anyio import fail_after as _idle_timeout


FRAMES_PER_TURN = 200  # stream frames parsed per event-loop turn (~1 ms of work)


class Adapter(Protocol):
    """What the transport needs of a protocol adapter (base.Adapter is one)."""

    endpoint: Endpoint

    @property
    def provider(self) -> str: ...

    def build_chat(self, request: ChatRequest) -> HttpCall: ...

    def stream_parser(self, request: ChatRequest) -> StreamParser: ...

    def parse_chat(self, body: Any) -> list[StreamEvent]: ...

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError: ...


def _timeout(adapter: Adapter) -> httpx.Timeout:
    """httpx's read timeout covers every socket read, so it must allow the longer of the two waits;
    the between-chunks limit is enforced separately in `_chunks`."""
    t = adapter.endpoint.timeouts
    read = max(t.first_byte, t.between_chunks)
    return httpx.Timeout(connect=t.connect, read=read, write=read, pool=t.connect)


def _scrubbed(adapter: Adapter, err: ProviderError) -> ProviderError:
    """The one place keys are taken out of errors: every error leaving the transport passes here, whether its
    words came from us, from httpx, from an error body or from inside a stream."""
    err.provider = err.provider or adapter.provider
    return err.scrub([adapter.endpoint.api_key])


def _err(adapter: Adapter, kind: str, message: str) -> ProviderError:
    return _scrubbed(adapter, make_error(kind, message, provider=adapter.provider))


_BAD_HEADER = ("a request header could not be sent (spaces, line breaks or non-ASCII characters in the API key "
               "or a custom header?); paste the key again")  # fmt: skip
_BAD_TEXT = ("the message holds a broken character that cannot be sent as UTF-8 (a lone surrogate, from text "
             "that was not valid UTF-8?); remove it and try again")  # fmt: skip
_DROPPED = ("The connection to the provider dropped while it was answering; the text that arrived is kept. "
            "Send again (the partial answer goes with the conversation), or retry.")
_ERROR_BODY_BYTES = 64 * 1024  # enough of an error body to classify it; an endless error page is not read on


def _size(n: int) -> str:
    return f"{round(n / 2**20, 1):g} MB" if n >= 2**20 else f"{round(n / 1024, 1):g} KB"


def _transport_error(adapter: Adapter, exc: httpx.HTTPError, started: bool) -> ProviderError:
    """httpx's exceptions to our tree, with a sentence a user can act on (never the raw headers)."""
    url = adapter.endpoint.base_url
    if isinstance(exc, httpx.ConnectTimeout):
        return _err(adapter, "timeout", f"could not connect to {url} in time")
    if isinstance(exc, httpx.TimeoutException):
        where = "between parts of the answer" if started else "waiting for the first byte"
        return _err(adapter, "timeout", f"the provider went silent {where}")
    if isinstance(exc, httpx.LocalProtocolError):
        return _err(adapter, "bad_request", _BAD_HEADER)
    if isinstance(exc, httpx.ConnectError):
        if (why := _certificate_problem(exc)) is not None:
            err = _err(adapter, "network", f"the server at {url} was refused: its certificate {why}")
            err.retryable = False  # a certificate does not fix itself in a few seconds
            err.hint = ("If you reach it through a company proxy or a private certificate authority, add that CA's "
                        "PEM file as the CA bundle in Settings (or set SSL_CERT_FILE). Verification stays on.")
            return err
        if refused(exc) and on_this_machine(url):
            err = _err(adapter, "network", f"could not connect to {url}: nothing is listening there (connection "
                                           "refused)")  # fmt: skip
            err.refused_here = True  # it will not start in the seconds a retry waits: fall back now
            err.hint = "Start the local server, or check the base URL and its port."
            return err
        return _err(adapter, "network", f"could not connect to {url}: {exc}")
    if isinstance(exc, (httpx.RemoteProtocolError, httpx.ReadError)):
        if started:
            err = _err(adapter, "network", "the connection dropped in the middle of the answer")
            err.hint = _DROPPED
            return err
        return _err(adapter, "network", f"the connection to {url} was closed before an answer: {exc}")
    if isinstance(exc, httpx.DecodingError):
        return _err(adapter, "protocol", "the answer's compressed body could not be decoded")
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return _err(adapter, "bad_request", f"the base URL {url!r} is not a valid http(s) URL")
    return _err(adapter, "network", f"{type(exc).__name__}: {exc}")


def _certificate_problem(exc: BaseException) -> str | None:
    """Why TLS verification failed, in plain words, or None when the failure is not about the certificate."""
    seen: BaseException | None = exc
    for _ in range(8):  # the SSL error sits a few causes down (httpx -> httpcore -> ssl)
        if seen is None:
            break
        if isinstance(seen, ssl.SSLCertVerificationError):
            reason = (seen.verify_message or "").lower()
            if "hostname" in reason or "ip address mismatch" in reason:
                return "is for another host name"
            if "expired" in reason:
                return "has expired"
            return "is not trusted" + (f" ({reason})" if reason else "")
        seen = seen.__cause__ or seen.__context__
    if "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return "is not trusted"
    return None


def _request(client: httpx.AsyncClient, adapter: Adapter, call: HttpCall) -> httpx.Request:
    try:
        request = client.build_request(
            call.method, call.url, headers=call.headers, json=call.json, params=call.params,
            timeout=_timeout(adapter),
        )  # fmt: skip
    except UnicodeEncodeError as exc:  # headers are encoded as ASCII, the JSON body as UTF-8
        raise _err(adapter, "bad_request", _BAD_TEXT if exc.encoding == "utf-8" else _BAD_HEADER) from None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise _err(adapter, "bad_request", f"the base URL {adapter.endpoint.base_url!r} is not valid: {exc}") from None
    except ValueError as exc:  # e.g. a NaN parameter that JSON cannot carry
        raise _err(adapter, "bad_request", f"the request could not be built: {exc}") from None
    port = request.url.port
    if port is not None and not 0 < port < 65536:  # httpx accepts it; the socket layer fails with an odd error
        raise _err(adapter, "bad_request", f"the base URL {adapter.endpoint.base_url!r} has no valid port ({port})")
    return request


async def _send(adapter: Adapter, client: httpx.AsyncClient, call: HttpCall) -> httpx.Response:
    """Send and wait for the response head, within the first-byte timeout."""
    request = _request(client, adapter, call)
    wait = adapter.endpoint.timeouts.first_byte
    try:
        async with _idle_timeout(wait):
            return await client.send(request, stream=True)
    except TimeoutError:
        raise _err(adapter, "timeout", f"the provider sent nothing for {wait:g} s after the request") from None


async def _read_all(adapter: Adapter, response: httpx.Response, at_most: int | None = None) -> str:
    """The body, within the size guard and the between-chunks timeout; only its first `at_most` bytes if given."""
    chunks: list[bytes] = []
    size = 0
    async with aclosing(_chunks(adapter, response)) as body:
        async for chunk in body:
            chunks.append(chunk)
            size += len(chunk)
            if at_most is not None and size >= at_most:
                break
    return b"".join(chunks)[:at_most].decode("utf-8", errors="replace")


async def _raise_for_status(adapter: Adapter, response: httpx.Response) -> None:
    if response.status_code < 400:
        return
    try:
        body = await _read_all(adapter, response, at_most=_ERROR_BODY_BYTES)
    except (httpx.HTTPError, ProviderError):
        body = ""
    raise adapter.classify_error(response.status_code, body, response.headers)


async def fetch_json(
    adapter: Adapter, client: httpx.AsyncClient, call: HttpCall, *, parse_float: Callable[[str], Any] | None = None
) -> Any:
    """A plain JSON request (model lists, embeddings, non-streamed chat); `parse_float` as for `json.loads`
    (account reports read money as `Decimal`)."""
    try:
        response = await _send(adapter, client, call)
        try:
            await _raise_for_status(adapter, response)
            body = await _read_all(adapter, response)
        finally:
            await response.aclose()
    except httpx.HTTPError as exc:
        raise _transport_error(adapter, exc, started=False) from None
    except ProviderError as err:
        raise _scrubbed(adapter, err) from None
    return _parse_json_body(adapter, body, response.headers.get("content-type", ""), parse_float)


def _parse_json_body(
    adapter: Adapter, body: str, content_type: str, parse_float: Callable[[str], Any] | None = None
) -> Any:
    try:
        return json.loads(body, parse_float=parse_float)
    except ValueError:
        pass
    if body.lstrip().lower().startswith(("<!doctype", "<html")):
        raise _err(adapter, "protocol", "the server answered with an HTML page, not JSON (a proxy, or a wrong URL?)")
    raise _err(adapter, "protocol", f"the server's answer is not valid JSON ({content_type or 'no content-type'})")


async def run_chat(
    adapter: Adapter, client: httpx.AsyncClient, request: ChatRequest
) -> AsyncGenerator[StreamEvent, None]:
    """Send one chat request and yield its events, whatever body framing the server chose."""
    call = adapter.build_chat(request)
    started = False
    try:
        response = await _send(adapter, client, call)
        try:
            await _raise_for_status(adapter, response)
            async with aclosing(_events(adapter, request, response)) as events:
                async for ev in events:
                    started = True
                    yield ev
        finally:
            await response.aclose()
    except httpx.HTTPError as exc:
        raise _transport_error(adapter, exc, started) from None
    except ProviderError as err:
        # Messages built from wire data (error bodies, in-stream errors) may quote the key back.
        raise _scrubbed(adapter, err) from None


async def _chunks(adapter: Adapter, response: httpx.Response) -> AsyncGenerator[bytes, None]:
    """Body chunks with the between-chunks timeout and the total size guard."""
    idle = adapter.endpoint.timeouts.between_chunks
    limit = adapter.endpoint.max_response_bytes
    size = 0
    # aiter_bytes is an async generator; close it explicitly (qasync installs no asyncgen hooks).
    async with aclosing(cast(AsyncGenerator[bytes, None], response.aiter_bytes())) as it:
        while True:
            try:
                async with _idle_timeout(idle):
                    chunk = await it.__anext__()
            except StopAsyncIteration:
                return
            except TimeoutError:
                message = f"the provider sent nothing for {idle:g} s in the middle of the answer"
                raise _err(adapter, "timeout", message) from None
            size += len(chunk)
            if size > limit:
                raise _err(adapter, "protocol", f"the answer is larger than {_size(limit)}; stopped")
            yield chunk


def _framing(content_type: str) -> str:
    ct = content_type.split(";")[0].strip().lower()
    if ct == "text/event-stream":
        return "sse"
    if ct in ("application/x-ndjson", "application/ndjson", "application/jsonl", "application/jsonlines"):
        return "ndjson"
    if ct == "text/html":
        return "html"
    return "sniff"  # application/json, text/plain or unlabelled: decided by the first bytes


async def _events(
    adapter: Adapter, request: ChatRequest, response: httpx.Response
) -> AsyncGenerator[StreamEvent, None]:
    framing = _framing(response.headers.get("content-type", ""))
    if framing == "html":  # not read: the page says nothing we could use, and it may not end
        raise _err(adapter, "protocol", "the server answered with an HTML page (a proxy, or a wrong base URL?)")
    parser = adapter.stream_parser(request)
    try:
        async with aclosing(_chunks(adapter, response)) as chunks:
            async for ev in _decode(adapter, framing, chunks, parser):
                yield ev
    except DecodeError as exc:
        raise _err(adapter, "protocol", str(exc)) from None


async def _decode(
    adapter: Adapter, framing: str, chunks: AsyncGenerator[bytes, None], parser: StreamParser
) -> AsyncGenerator[StreamEvent, None]:
    utf8 = Utf8Stream()
    head = ""
    if framing == "sniff":
        async for chunk in chunks:
            head += utf8.feed(chunk)
            if head.strip():
                break
        first = head.lstrip()[:1]
        framing = "sse" if first in ("d", "e", ":", "i") and _looks_like_sse(head) else "json"
    if framing == "sse":
        sse = SSEDecoder()
        for text in _texts(head):
            for ev in sse.feed(text):
                for out in _sse_frame(parser, ev.event, ev.data):
                    yield out
        async for chunk in chunks:
            # One network read often holds hundreds of frames: their text goes up as one delta, so the
            # UI and the accumulator do per-read work, not per-token work (errors still end the batch).
            # A read of 64 KB is ~600 frames: they are parsed FRAMES_PER_TURN at a time, giving the event
            # loop a turn in between, so other streams, timers and paints are not held up by one read.
            frames = sse.feed(utf8.feed(chunk))
            for start in range(0, len(frames), FRAMES_PER_TURN):
                if start:
                    await asyncio.sleep(0)
                batch, error = _sse_batch(parser, frames[start : start + FRAMES_PER_TURN])
                for out in batch:
                    yield out
                if error is not None:
                    raise error
        for ev in sse.feed(utf8.flush()) + sse.flush():
            for out in _sse_frame(parser, ev.event, ev.data):
                yield out
    elif framing == "ndjson":
        async for out in _ndjson(parser, head, chunks, utf8):
            yield out
    elif head.lstrip().startswith("["):
        array = JSONArrayDecoder()
        for element in array.feed_raw(head):
            for out in _feed_json(parser, element):
                yield out
        async for chunk in chunks:
            for element in array.feed_raw(utf8.feed(chunk)):  # parsed one by one: a bad one keeps the others
                for out in _feed_json(parser, element):
                    yield out
        for element in array.feed_raw(utf8.flush()):
            for out in _feed_json(parser, element):
                yield out
        if parser.error is not None:  # the server's own error explains an unclosed array best
            raise parser.error
        array.flush()
    else:
        async for out in _object_or_ndjson(adapter, parser, head, chunks, utf8):
            yield out
        return
    for out in _end(parser):
        yield out


def _sse_batch(parser: StreamParser, frames: list[SSEEvent]) -> tuple[list[StreamEvent], ProviderError | None]:
    """Parse the frames of one read; adjacent text (or reasoning) deltas are merged into one.

    The hot path of every streamed answer (a read often holds hundreds of frames): merged text is joined once
    per run of deltas, not once per delta, and a frame that is only a piece of text (`StreamParser.text_only`)
    is taken without making an event of it.
    """
    out: list[StreamEvent] = []
    pieces: list[str] = []  # the texts of the run of deltas of kind `run` being merged
    run: type[TextDelta] | type[ReasoningDelta] | None = None
    error: ProviderError | None = None
    text_only = parser.text_only
    try:
        for frame in frames:
            event, data = frame.event, frame.data
            if data == "[DONE]" or (data == "" and event is None):
                events = _sse_frame(parser, event, data)
            else:
                try:
                    value: Any = _json_decode(data)
                except ValueError:
                    value = data
                if parser.error is not None:  # an in-stream error is raised after its frame's events were delivered
                    raise parser.error
                if event is None and type(value) is dict:
                    text = text_only(value)
                    if text is not None:
                        if text:
                            if run is not TextDelta:
                                if run is not None:
                                    out.append(run("".join(pieces)))
                                    pieces = []
                                run = TextDelta
                            pieces.append(text)
                        continue
                events = parser.feed(value, event)
            for ev in events:
                if isinstance(ev, (TextDelta, ReasoningDelta)):
                    kind = TextDelta if isinstance(ev, TextDelta) else ReasoningDelta
                    if kind is not run:
                        if run is not None:
                            out.append(run("".join(pieces)))
                            pieces = []
                        run = kind
                    pieces.append(ev.text)
                else:
                    if run is not None:
                        out.append(run("".join(pieces)))
                        pieces, run = [], None
                    out.append(ev)
    except ProviderError as err:
        error = err
    if run is not None:
        out.append(run("".join(pieces)))
    return out, error


def _texts(head: str) -> list[str]:
    return [head] if head else []


def _looks_like_sse(head: str) -> bool:
    line = head.lstrip().split("\n", 1)[0]
    return line.startswith((":", "data:", "event:", "id:"))


async def _ndjson(
    parser: StreamParser, head: str, chunks: AsyncIterator[bytes], utf8: Utf8Stream
) -> AsyncIterator[StreamEvent]:
    nd = NDJSONDecoder()
    for line in nd.feed_lines(head):
        for out in _feed_json(parser, line):
            yield out
    async for chunk in chunks:
        for line in nd.feed_lines(utf8.feed(chunk)):  # parsed one by one: a bad line keeps the lines before it
            for out in _feed_json(parser, line):
                yield out
    for line in nd.feed_lines(utf8.flush()) + nd.flush_lines():
        for out in _feed_json(parser, line):
            yield out


async def _object_or_ndjson(
    adapter: Adapter, parser: StreamParser, head: str, chunks: AsyncIterator[bytes], utf8: Utf8Stream
) -> AsyncIterator[StreamEvent]:
    """One JSON object (a whole answer), or NDJSON mislabelled as JSON, which then streams line by line.

    It is NDJSON when a complete first line is a JSON object and more follows it. The body is kept as
    pieces and each piece is looked at once, so a large answer costs linear time.
    """
    body = _Body()
    is_ndjson = body.add(head)
    if not is_ndjson:
        async for chunk in chunks:
            if body.add(utf8.feed(chunk)):
                is_ndjson = True
                break
    if is_ndjson:
        async for out in _ndjson(parser, body.text(), chunks, utf8):
            yield out
        for out in _end(parser):
            yield out
        return
    buf = body.text() + utf8.flush()
    if not buf.strip():
        raise _err(adapter, "protocol", "the server sent an empty answer")
    try:
        data = json.loads(buf)
    except ValueError:
        if _first_line_is_json(buf):
            async for out in _ndjson(parser, buf, _no_chunks(), utf8):
                yield out
            for out in _end(parser):
                yield out
            return
        _parse_json_body(adapter, buf, "application/json")  # raises the right protocol error
        return
    for out in adapter.parse_chat(data):
        yield out


class _Body:
    """A JSON body arriving in pieces, each looked at once; tells NDJSON (a complete first line that is an
    object, then more) from one object. Joined only when needed, so a large answer costs linear time."""

    def __init__(self) -> None:
        self._pieces: list[str] = []
        self._first_line_is_json: bool | None = None  # None until the first line is complete

    def add(self, text: str) -> bool:
        """Keep `text`; True once the body is known to be NDJSON."""
        self._pieces.append(text)
        more = bool(text.strip())
        if self._first_line_is_json is None and "\n" in text:
            joined = self.text().lstrip()
            self._pieces = [joined]
            first, newline, rest = joined.partition("\n")
            if newline:
                self._first_line_is_json = _first_line_is_json(first)
                more = bool(rest.strip())
        return bool(self._first_line_is_json and more)

    def text(self) -> str:
        return "".join(self._pieces)


async def _no_chunks() -> AsyncGenerator[bytes, None]:
    empty: tuple[bytes, ...] = ()
    for chunk in empty:
        yield chunk


def _first_line_is_json(text: str) -> bool:
    line = text.lstrip().split("\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


_decoder = json.JSONDecoder()
_scan = json.scanner.make_scanner(_decoder)  # type: ignore[arg-type]  # the C scanner json.loads ends in
_JSON_SPACE = " \t\n\r"


def _json_decode(text: str) -> Any:
    """json.loads for one frame, minus its per-call Python layers (two regex matches and two calls): the
    scanner straight away, then the same "nothing but whitespace after it" rule. ValueError as json.loads."""
    try:
        value, end = _scan(text, 0)
    except StopIteration:  # leading whitespace, or not JSON: json.loads decides (and words the error)
        return _decoder.decode(text)
    if end != len(text) and text[end:].strip(_JSON_SPACE):
        raise ValueError("extra data after the JSON value")
    return value


def _sse_frame(parser: StreamParser, event: str | None, data: str) -> list[StreamEvent]:
    if data == "[DONE]":
        parser.done = True
        return []
    if data == "" and event is None:
        return []
    try:
        frame: Any = _json_decode(data)
    except ValueError:
        frame = data
    if parser.error is not None:  # an in-stream error is raised after the frame's own events were delivered
        raise parser.error
    return parser.feed(frame, event)


def _end(parser: StreamParser) -> list[StreamEvent]:
    if parser.error is not None:
        raise parser.error
    return parser.end()


def _feed_json(parser: StreamParser, text: str) -> list[StreamEvent]:
    """Feed one frame given as JSON text, parsed only now: the frames before a malformed one still count."""
    if parser.error is not None:
        raise parser.error
    return parser.feed(loads(text))

