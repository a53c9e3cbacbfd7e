"""Incremental decoders for streamed bodies: SSE, NDJSON and JSON arrays, fed bytes in any split."""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass
from typing import Any


class DecodeError(ValueError):
    """The body cannot be decoded (a frame too large or JSON that will not parse)."""


class Utf8Stream:
    """Bytes to text across chunk boundaries; a character split between chunks is kept whole.

    Invalid sequences become U+FFFD rather than failing the answer: the user keeps the text.
    """

    def __init__(self) -> None:
        self._dec = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._first = True

    def feed(self, data: bytes) -> str:
        text = self._dec.decode(data)
        if self._first and text:
            self._first = False
            text = text.removeprefix("\ufeff")
        return text

    def flush(self) -> str:
        return self._dec.decode(b"", final=True)


@dataclass(frozen=True, slots=True)
class SSEEvent:
    event: str | None
    data: str
    id: str | None = None


class SSEDecoder:
    """Server-sent events per the WHATWG spec: CR, LF or CRLF line ends, comments, multi-line data."""

    def __init__(self, max_event_chars: int = 16 * 1024 * 1024) -> None:
        self._buf = ""
        self._event: str | None = None
        self._data: list[str] = []
        self._id: str | None = None
        self._max = max_event_chars
        self._pending_cr = False
        self.comments = 0

    def feed(self, text: str) -> list[SSEEvent]:
        if self._pending_cr and text.startswith("\n"):
            text = text[1:]
        self._pending_cr = False
        self._buf += text
        out: list[SSEEvent] = []
        while True:
            idx = _line_end(self._buf)
            if idx < 0:
                break
            line = self._buf[:idx]
            sep = self._buf[idx]
            rest = self._buf[idx + 1 :]
            if sep == "\r":
                if rest.startswith("\n"):
                    rest = rest[1:]
                elif rest == "":
                    self._pending_cr = True
            self._buf = rest
            ev = self._line(line)
            if ev is not None:
                out.append(ev)
        if len(self._buf) + sum(map(len, self._data)) > self._max:
            raise DecodeError(f"a single stream event is larger than {self._max} characters")
        return out

    def flush(self) -> list[SSEEvent]:
        """End of body: a final event without its blank line still counts."""
        out: list[SSEEvent] = []
        if self._buf:
            ev = self._line(self._buf)
            self._buf = ""
            if ev is not None:
                out.append(ev)
        ev = self._line("")
        if ev is not None:
            out.append(ev)
        return out

    def _line(self, line: str) -> SSEEvent | None:
        if line == "":
            if not self._data and self._event is None:
                return None
            ev = SSEEvent(self._event, "\n".join(self._data), self._id)
            self._event, self._data = None, []
            return ev
        if line.startswith(":"):
            self.comments += 1
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            self._id = value
        return None


def _line_end(s: str) -> int:
    n, r = s.find("\n"), s.find("\r")
    if n < 0:
        return r
    if r < 0:
        return n
    return min(n, r)


class NDJSONDecoder:
    """Newline-delimited JSON: one object per line, blank lines skipped."""

    def __init__(self, max_line_chars: int = 16 * 1024 * 1024) -> None:
        self._buf = ""
        self._max = max_line_chars

    def feed(self, text: str) -> list[Any]:
        self._buf += text
        *lines, self._buf = self._buf.split("\n")
        if len(self._buf) > self._max:
            raise DecodeError(f"a single stream line is larger than {self._max} characters")
        return [_loads(line) for line in lines if line.strip()]

    def flush(self) -> list[Any]:
        line, self._buf = self._buf, ""
        return [_loads(line)] if line.strip() else []


class JSONArrayDecoder:
    """A JSON array streamed element by element (Gemini's stream body without `alt=sse`)."""

    def __init__(self, max_element_chars: int = 16 * 1024 * 1024) -> None:
        self._buf: list[str] = []
        self._size = 0
        self._depth = 0  # depth inside the top-level array's elements
        self._in_str = False
        self._esc = False
        self._started = False
        self._ended = False
        self._max = max_element_chars

    def feed(self, text: str) -> list[Any]:
        out: list[Any] = []
        for ch in text:
            if self._ended:
                if not ch.isspace():
                    raise DecodeError("data after the end of the JSON array")
                continue
            if not self._started:
                if ch.isspace():
                    continue
                if ch != "[":
                    raise DecodeError("expected a JSON array")
                self._started = True
                continue
            if self._in_str:
                self._buf.append(ch)
                if self._esc:
                    self._esc = False
                elif ch == "\\":
                    self._esc = True
                elif ch == '"':
                    self._in_str = False
            elif ch == '"':
                self._in_str = True
                self._buf.append(ch)
            elif ch in "{[":
                self._depth += 1
                self._buf.append(ch)
            elif ch in "}]":
                if self._depth == 0 and ch == "]":
                    self._emit(out)
                    self._ended = True
                    continue
                self._depth -= 1
                self._buf.append(ch)
                if self._depth == 0:
                    self._emit(out)
            elif ch == "," and self._depth == 0:
                self._emit(out)
            elif self._depth > 0 or not ch.isspace():
                self._buf.append(ch)
            self._size += 1
            if self._size > self._max:
                raise DecodeError(f"a single array element is larger than {self._max} characters")
        return out

    def _emit(self, out: list[Any]) -> None:
        piece = "".join(self._buf).strip()
        self._buf, self._size = [], 0
        if piece:
            out.append(_loads(piece))

    def flush(self) -> list[Any]:
        if self._started and not self._ended:
            raise DecodeError("the JSON array ended early")
        return []

    @property
    def complete(self) -> bool:
        return self._ended


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        snippet = text[:120]
        raise DecodeError(f"malformed JSON in stream: {exc.msg} near {snippet!r}") from None
