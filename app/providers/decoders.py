"""Incremental decoders for streamed bodies: SSE, NDJSON and JSON arrays, fed bytes in any split."""

from __future__ import annotations

import codecs
import json
import re
from typing import Any, NamedTuple


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


class SSEEvent(NamedTuple):
    """One event of a stream (a tuple: made for every streamed token, and a tuple is the cheapest to make)."""

    event: str | None
    data: str
    id: str | None = None


class _Line:
    """The unfinished last line of a stream, kept as pieces so a huge line costs linear time."""

    def __init__(self) -> None:
        self.pieces: list[str] = []
        self.size = 0

    def add(self, text: str) -> None:
        if text:
            self.pieces.append(text)
            self.size += len(text)

    def take(self, tail: str = "") -> str:
        """The whole line (with `tail`, the part that completed it), and start a new one."""
        line = "".join(self.pieces) + tail if self.pieces else tail
        self.pieces, self.size = [], 0
        return line


_EOL = re.compile(r"\r\n|\r|\n")
_DATA_EVENTS = re.compile(r"(?:data:[^\n]*\n\n)*")  # whole events of one `data:` line each (see SSEDecoder.feed)
_DATA_LINE = re.compile(r"data: ?([^\n]*)\n\n")


class SSEDecoder:
    """Server-sent events per the WHATWG spec: CR, LF or CRLF line ends, comments, multi-line data.

    Only new text is scanned for line ends, so an event of any size is decoded in linear time.
    """

    def __init__(self, max_event_chars: int = 16 * 1024 * 1024) -> None:
        self._line = _Line()
        self._event: str | None = None
        self._data: list[str] = []
        self._data_size = 0
        self._id: str | None = None
        self._max = max_event_chars
        self._pending_cr = False
        self.comments = 0

    def feed(self, text: str) -> list[SSEEvent]:
        if not text:  # (a chunk holding only part of a character): keep a pending CR pending
            return []
        if self._pending_cr or "\r" in text:
            return self._feed_any(text)
        # LF line ends only (what servers send). A stream read holds hundreds of frames, each one `data:` line
        # and a blank one: the run of whole events in the middle of a read is taken in one go when it is only
        # that (_DATA_EVENTS); what comes before it (the end of an event the last read began) and after it (the
        # start of the next) go line by line.
        first = 1 if text.startswith("\n") and not self._line.pieces else text.find("\n\n") + 2  # 1: none
        last = text.rfind("\n\n") + 2
        if last <= first:
            return self._feed_lf(text)
        out = self._feed_lf(text[:first])  # it ends with a blank line: no event is left half read
        middle = text[first:last]
        if not _DATA_EVENTS.fullmatch(middle):
            return out + self._feed_lf(text[first:])
        event_id = self._id
        out += [tuple.__new__(SSEEvent, (None, data, event_id)) for data in _DATA_LINE.findall(middle)]
        return out + self._feed_lf(text[last:])

    def _feed_lf(self, text: str) -> list[SSEEvent]:
        """LF line ends only: split once and handle `data:` lines inline."""
        if not text:
            return []
        lines = text.split("\n")
        tail = lines.pop()
        if lines:
            lines[0] = self._line.take(lines[0])  # the line the last read left unfinished, completed
        self._line.add(tail)
        out: list[SSEEvent] = []
        data = self._data
        for line in lines:
            if line.startswith("data:"):
                value = line[6:] if line.startswith("data: ") else line[5:]
                data.append(value)
                self._data_size += len(value)
            elif line:
                self._dispatch(line)
            elif data or self._event is not None:
                out.append(SSEEvent(self._event, "\n".join(data), self._id))
                self._event, self._data_size = None, 0
                data = self._data = []
        return self._check(out)

    def _feed_any(self, text: str) -> list[SSEEvent]:
        """Any line ends (CR, LF, CRLF), a CRLF possibly split between chunks."""
        if self._pending_cr and text.startswith("\n"):
            text = text[1:]
        self._pending_cr = False
        out: list[SSEEvent] = []
        start = 0
        for m in _EOL.finditer(text):
            ev = self._dispatch(self._line.take(text[start : m.start()]))
            if ev is not None:
                out.append(ev)
            start = m.end()
        if text.endswith("\r"):
            self._pending_cr = True  # a CRLF may be split between chunks: drop the LF that may follow
        self._line.add(text[start:])
        return self._check(out)

    def _check(self, out: list[SSEEvent]) -> list[SSEEvent]:
        if self._line.size + self._data_size > self._max:
            raise DecodeError(f"a single stream event is larger than {self._max} characters")
        return out

    def flush(self) -> list[SSEEvent]:
        """End of body: a final event without its blank line still counts."""
        out: list[SSEEvent] = []
        if self._line.size:
            ev = self._dispatch(self._line.take())
            if ev is not None:
                out.append(ev)
        ev = self._dispatch("")
        if ev is not None:
            out.append(ev)
        return out

    def _dispatch(self, line: str) -> SSEEvent | None:
        if line == "":
            if not self._data and self._event is None:
                return None
            ev = SSEEvent(self._event, "\n".join(self._data), self._id)
            self._event, self._data, self._data_size = None, [], 0
            return ev
        if line.startswith(":"):
            self.comments += 1
            return None
        name, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if name == "data":
            self._data.append(value)
            self._data_size += len(value)
        elif name == "event":
            self._event = value
        elif name == "id":
            self._id = value
        return None


class NDJSONDecoder:
    """Newline-delimited JSON: one object per line, blank lines skipped. Linear in the line's size."""

    def __init__(self, max_line_chars: int = 16 * 1024 * 1024) -> None:
        self._line = _Line()
        self._max = max_line_chars

    def feed_lines(self, text: str) -> list[str]:
        """The complete, non-blank lines `text` finishes, still as text (parse each with `loads`)."""
        lines: list[str] = []
        start = 0
        while (end := text.find("\n", start)) >= 0:
            line = self._line.take(text[start:end])
            if line.strip():
                lines.append(line)
            start = end + 1
        self._line.add(text[start:])
        if self._line.size > self._max:
            raise DecodeError(f"a single stream line is larger than {self._max} characters")
        return lines

    def flush_lines(self) -> list[str]:
        line = self._line.take()
        return [line] if line.strip() else []

    def feed(self, text: str) -> list[Any]:
        return [loads(line) for line in self.feed_lines(text)]

    def flush(self) -> list[Any]:
        return [loads(line) for line in self.flush_lines()]


_IN_STRING = re.compile(r'["\\]')
_OUTSIDE = re.compile(r'["{}\[\],]')
_NON_SPACE = re.compile(r"\S")


class JSONArrayDecoder:
    """A JSON array streamed element by element (Gemini's stream body without `alt=sse`).

    Text is scanned with regular expressions and kept as slices, so an element of any size costs linear
    time and about its own size in memory.
    """

    def __init__(self, max_element_chars: int = 16 * 1024 * 1024) -> None:
        self._elem = _Line()
        self._depth = 0  # depth inside the top-level array's elements
        self._in_str = False
        self._esc = False
        self._started = False
        self._ended = False
        self._max = max_element_chars

    def feed_raw(self, text: str) -> list[str]:
        """The elements `text` completes, still as text (parse each with `loads`)."""
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            if self._ended:
                if text[i:].strip():
                    raise DecodeError("data after the end of the JSON array")
                break
            if not self._started:
                m = _NON_SPACE.search(text, i)
                if m is None:
                    break
                if m.group() != "[":
                    raise DecodeError("expected a JSON array")
                self._started = True
                i = m.end()
            elif self._in_str:
                i = self._string(text, i)
            else:
                i = self._structure(text, i, out)
        if self._elem.size > self._max:
            raise DecodeError(f"a single array element is larger than {self._max} characters")
        return out

    def _string(self, text: str, i: int) -> int:
        """Inside a string: take text up to and including its closing quote (escapes skipped)."""
        if self._esc:  # the character after a backslash that ended the last chunk
            self._elem.add(text[i])
            self._esc = False
            return i + 1
        m = _IN_STRING.search(text, i)
        if m is None:
            self._elem.add(text[i:])
            return len(text)
        self._elem.add(text[i : m.end()])
        if m.group() == "\\":
            self._esc = True
        else:
            self._in_str = False
        return m.end()

    def _structure(self, text: str, i: int, out: list[str]) -> int:
        """Outside strings: take text up to the next quote, bracket or comma and act on it."""
        m = _OUTSIDE.search(text, i)
        between = text[i : m.start()] if m else text[i:]
        if self._depth > 0 or between.strip():
            self._elem.add(between)
        if m is None:
            return len(text)
        ch = m.group()
        if ch == '"':
            self._in_str = True
            self._elem.add(ch)
        elif ch in "{[":
            self._depth += 1
            self._elem.add(ch)
        elif self._depth == 0 and ch == "]":
            self._emit(out)
            self._ended = True
        elif self._depth == 0 and ch == "}":
            raise DecodeError("an unbalanced '}' in the JSON array")
        elif ch in "}]":
            self._depth -= 1
            self._elem.add(ch)
            if self._depth == 0:
                self._emit(out)
        elif self._depth == 0:  # a comma between elements
            self._emit(out)
        else:
            self._elem.add(ch)
        return m.end()

    def _emit(self, out: list[str]) -> None:
        piece = self._elem.take().strip()
        if piece:
            out.append(piece)

    def flush(self) -> list[Any]:
        if self._started and not self._ended:
            raise DecodeError("the JSON array ended early")
        return []

    def feed(self, text: str) -> list[Any]:
        return [loads(piece) for piece in self.feed_raw(text)]

    @property
    def complete(self) -> bool:
        return self._ended


def loads(text: str) -> Any:
    """One decoded frame's JSON; DecodeError (with a short snippet) when it does not parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        snippet = text[:120]
        raise DecodeError(f"malformed JSON in stream: {exc.msg} near {snippet!r}") from None
