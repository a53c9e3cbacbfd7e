"""Good, partial and broken bodies in each wire protocol's own framing, as the loopback server sends them."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Sequence
from typing import Any

from tests.support.loopback import Drop, Pause, Reply

KEY = "sk-fault-suite-key-not-real-7f3a9c"  # a secret that must never surface in an error
MODEL = "m"
_MARK = "\u0000MARK\u0000"  # where a frame is cut open; json.dumps escapes it to a plain ASCII run
_MARK_JSON = json.dumps(_MARK)[1:-1].encode()

Chunk = bytes | Pause | Drop


def _sse(data: Any, event: str | None = None, eol: str = "\n") -> bytes:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    head = f"event: {event}{eol}" if event else ""
    return f"{head}data: {payload}{eol}{eol}".encode()


def _line(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False) + "\n").encode()


class Wire:
    """One protocol as a server speaks it: framing, good and broken streams, errors, request fields."""

    name: str  # the row label of the suite's table
    provider: str  # Parley's provider id
    suffix = ""  # appended to the loopback URL to make the base URL
    auth_header: str
    bearer = False
    content_type = "text/event-stream"

    # Framing, overridden per protocol.
    def start(self) -> list[bytes]:
        return []

    def delta(self, text: str) -> bytes:
        raise NotImplementedError

    def end(self) -> list[bytes]:
        raise NotImplementedError

    def whole(self, text: str) -> dict[str, Any]:
        """The whole (non-streamed) answer body."""
        raise NotImplementedError

    def error_body(self, status: int, message: str, retry_after: float | None) -> dict[str, Any]:
        raise NotImplementedError

    def in_band(self, message: str) -> bytes:
        """An error the server reports inside the 200 stream, after some text (overloaded, or a crash)."""
        raise NotImplementedError

    def retry_headers(self, seconds: float) -> dict[str, str]:
        return {"retry-after": f"{seconds:g}"}

    def prompt(self, body: dict[str, Any]) -> str:
        """The last user message's text, as the request body carries it."""
        content = body["messages"][-1]["content"]
        assert isinstance(content, str), content
        return content

    def system(self, body: dict[str, Any]) -> str | None:
        first = body["messages"][0]
        return str(first["content"]) if first["role"] == "system" else None

    # Built from the above.
    @property
    def auth_value(self) -> str:
        return f"Bearer {KEY}" if self.bearer else KEY

    def frames(self, pieces: list[str]) -> list[bytes]:
        return [*self.start(), *(self.delta(p) for p in pieces)]

    def reply(self, chunks: Sequence[Chunk], content_type: str | None = None, *, status: int = 200) -> Reply:
        return Reply(status, {"content-type": content_type or self.content_type}, list(chunks))

    def good(self, pieces: list[str], content_type: str | None = None) -> Reply:
        return self.reply([*self.frames(pieces), *self.end()], content_type)

    def partial(self, pieces: list[str], *tail: Chunk) -> Reply:
        """The answer's first pieces, then `tail` (a fault) instead of the end."""
        return self.reply([*self.frames(pieces), *tail])

    def cut(self, text: str) -> bytes:
        """A text frame cut off in the middle of its JSON object, right after `text`."""
        return self.open_delta(text)

    def malformed(self) -> bytes:
        """A complete frame whose JSON does not parse."""
        return _sse('{"oops": nope}')

    def open_delta(self, text: str = "") -> bytes:
        """The head of a text frame whose string is still open: what follows is more of the same text."""
        frame = self.delta(text + _MARK)
        return frame[: frame.index(_MARK_JSON)]

    def gigantic(self, pieces: list[str], size: int, step: int = 64 * 1024) -> Reply:
        """`pieces`, then one frame whose text runs on for `size` bytes, produced lazily (no 20 MB list)."""
        reply = self.partial(pieces, self.open_delta())
        reply.more = itertools.repeat(b"x" * step, size // step)
        return reply

    def endless(self, pieces: list[str]) -> Reply:
        """`pieces`, then the same well-formed text frame for ever."""
        reply = self.partial(pieces)
        reply.more = itertools.repeat(self.delta("again ") * 64)
        return reply

    def error(self, status: int, message: str, *, retry_after: float | None = None) -> Reply:
        headers = self.retry_headers(retry_after) if retry_after is not None else {}
        return Reply.json(self.error_body(status, message, retry_after), status=status, headers=headers)

    def whole_reply(self, text: str, content_type: str = "application/json") -> Reply:
        """Pretty-printed, as Google's APIs (and many proxies) send a whole answer."""
        body = json.dumps(self.whole(text), indent=2, ensure_ascii=False).encode()
        return Reply(200, {"content-type": content_type}, [body], chunked=False)


class OpenAIWire(Wire):
    name, provider, suffix, auth_header, bearer = "openai", "openai", "/v1", "authorization", True

    def delta(self, text: str) -> bytes:
        return _sse(
            {
                "id": "c1",
                "object": "chat.completion.chunk",
                "model": "served",
                "choices": [{"index": 0, "delta": {"content": text}, "finish_reason": None}],
            }
        )

    def end(self) -> list[bytes]:
        return [
            _sse({"id": "c1", "model": "served", "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}),
            _sse({"id": "c1", "model": "served", "choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2}}),
            b"data: [DONE]\n\n",
        ]

    def whole(self, text: str) -> dict[str, Any]:
        return {
            "id": "c1",
            "model": "served",
            "usage": {"prompt_tokens": 3, "completion_tokens": 2},
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        }

    def error_body(self, status: int, message: str, retry_after: float | None) -> dict[str, Any]:
        code = "rate_limit_exceeded" if status == 429 else None
        return {
            "error": {
                "message": message,
                "type": "requests" if status == 429 else "server_error",
                "param": None,
                "code": code,
            }
        }

    def in_band(self, message: str) -> bytes:  # OpenRouter's and Groq's shape
        return _sse({"id": "c1", "choices": [], "error": {"message": message, "code": 503}})


class AzureWire(OpenAIWire):
    name, provider, suffix, auth_header, bearer = "azure", "azure", "", "api-key", False

    def start(self) -> list[bytes]:  # Azure's prompt-filter annotation chunk comes first
        return [_sse({"choices": [], "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {}}]})]

    def retry_headers(self, seconds: float) -> dict[str, str]:
        return {"retry-after-ms": f"{seconds * 1000:g}", "retry-after": f"{seconds:g}"}


class AnthropicWire(Wire):
    name, provider, auth_header = "anthropic", "anthropic", "x-api-key"

    def start(self) -> list[bytes]:
        message = {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "served",
            "content": [],
            "usage": {"input_tokens": 3, "output_tokens": 1},
        }
        return [
            _sse({"type": "message_start", "message": message}, "message_start"),
            _sse(
                {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}},
                "content_block_start",
            ),
            _sse({"type": "ping"}, "ping"),
        ]

    def delta(self, text: str) -> bytes:
        return _sse(
            {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": text}},
            "content_block_delta",
        )

    def end(self) -> list[bytes]:
        return [
            _sse({"type": "content_block_stop", "index": 0}, "content_block_stop"),
            _sse(
                {"type": "message_delta", "delta": {"stop_reason": "end_turn"}, "usage": {"output_tokens": 2}},
                "message_delta",
            ),
            _sse({"type": "message_stop"}, "message_stop"),
        ]

    def whole(self, text: str) -> dict[str, Any]:
        return {
            "id": "msg_1",
            "type": "message",
            "role": "assistant",
            "model": "served",
            "stop_reason": "end_turn",
            "content": [{"type": "text", "text": text}],
            "usage": {"input_tokens": 3, "output_tokens": 2},
        }

    def error_body(self, status: int, message: str, retry_after: float | None) -> dict[str, Any]:
        kind = {401: "authentication_error", 429: "rate_limit_error", 529: "overloaded_error"}.get(status, "api_error")
        return {"type": "error", "error": {"type": kind, "message": message}}

    def in_band(self, message: str) -> bytes:
        return _sse({"type": "error", "error": {"type": "overloaded_error", "message": message}}, "error")

    def system(self, body: dict[str, Any]) -> str | None:
        return body.get("system")


class GeminiWire(Wire):
    """`streamGenerateContent?alt=sse`: SSE frames with CRLF line ends, no end marker but a finishReason."""

    name, provider, suffix, auth_header = "gemini", "gemini", "/v1beta", "x-goog-api-key"

    @staticmethod
    def chunk(text: str, finish: str | None = None) -> dict[str, Any]:
        candidate: dict[str, Any] = {"content": {"parts": [{"text": text}], "role": "model"}, "index": 0}
        out: dict[str, Any] = {"candidates": [candidate], "modelVersion": "served", "responseId": "r1"}
        if finish:
            candidate["finishReason"] = finish
            out["usageMetadata"] = {"promptTokenCount": 3, "candidatesTokenCount": 2, "totalTokenCount": 5}
        return out

    def delta(self, text: str) -> bytes:
        return _sse(self.chunk(text), eol="\r\n")

    def end(self) -> list[bytes]:
        return [_sse(self.chunk("", "STOP"), eol="\r\n")]

    def whole(self, text: str) -> dict[str, Any]:
        return self.chunk(text, "STOP")

    def error_body(self, status: int, message: str, retry_after: float | None) -> dict[str, Any]:
        err: dict[str, Any] = {"code": status, "message": message}
        name = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}.get(status)
        if name:
            err["status"] = name
        if retry_after is not None:
            err["details"] = [{"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": f"{retry_after:g}s"}]
        return {"error": err}

    def in_band(self, message: str) -> bytes:
        return _sse({"error": {"code": 503, "message": message, "status": "UNAVAILABLE"}}, eol="\r\n")

    def retry_headers(self, seconds: float) -> dict[str, str]:
        return {}  # Gemini says how long to wait in the body's RetryInfo, not in a header

    def prompt(self, body: dict[str, Any]) -> str:
        text = body["contents"][-1]["parts"][0]["text"]
        assert isinstance(text, str)
        return text

    def system(self, body: dict[str, Any]) -> str | None:
        inst = body.get("systemInstruction")
        return inst["parts"][0]["text"] if inst else None


class GeminiArrayWire(GeminiWire):
    """Gemini's stream body without `alt=sse`: one JSON array, elements arriving one by one."""

    name, content_type = "gemini-array", "application/json"

    def start(self) -> list[bytes]:
        return [b"[\n"]

    def delta(self, text: str) -> bytes:
        return (json.dumps(self.chunk(text), ensure_ascii=False, indent=1) + "\n,\r\n").encode()

    def end(self) -> list[bytes]:
        return [(json.dumps(self.chunk("", "STOP"), indent=1) + "\n]").encode()]

    def malformed(self) -> bytes:
        return b'{"oops": nope}\n,\r\n'

    def in_band(self, message: str) -> bytes:
        return (json.dumps({"error": {"code": 503, "message": message, "status": "UNAVAILABLE"}}) + "\n,\r\n").encode()


class CohereWire(Wire):
    name, provider, auth_header, bearer = "cohere", "cohere", "authorization", True

    def start(self) -> list[bytes]:
        return [
            _sse({"id": "c1", "type": "message-start", "delta": {"message": {"role": "assistant"}}}, "message-start"),
            _sse(
                {"type": "content-start", "index": 0, "delta": {"message": {"content": {"type": "text", "text": ""}}}},
                "content-start",
            ),
        ]

    def delta(self, text: str) -> bytes:
        return _sse(
            {"type": "content-delta", "index": 0, "delta": {"message": {"content": {"text": text}}}}, "content-delta"
        )

    def end(self) -> list[bytes]:
        usage = {
            "billed_units": {"input_tokens": 3, "output_tokens": 2},
            "tokens": {"input_tokens": 9, "output_tokens": 2},
        }
        return [
            _sse({"type": "content-end", "index": 0}, "content-end"),
            _sse({"type": "message-end", "delta": {"finish_reason": "COMPLETE", "usage": usage}}, "message-end"),
        ]

    def whole(self, text: str) -> dict[str, Any]:
        return {
            "id": "c1",
            "finish_reason": "COMPLETE",
            "usage": {"tokens": {"input_tokens": 3, "output_tokens": 2}},
            "message": {"role": "assistant", "content": [{"type": "text", "text": text}]},
        }

    def error_body(self, status: int, message: str, retry_after: float | None) -> dict[str, Any]:
        return {"id": "e1", "message": message}

    def in_band(self, message: str) -> bytes:
        return _sse({"type": "error", "message": message}, "error")


class OllamaWire(Wire):
    """Ollama's native `/api/chat`: NDJSON lines, the last with `done: true`. Keyed here (a remote Ollama)."""

    name, provider, auth_header, bearer = "ollama", "ollama", "authorization", True
    content_type = "application/x-ndjson"

    def delta(self, text: str) -> bytes:
        return _line(
            {
                "model": "served",
                "created_at": "2025-01-01T00:00:00Z",
                "message": {"role": "assistant", "content": text},
                "done": False,
            }
        )

    def end(self) -> list[bytes]:
        return [_line(self.whole(""))]

    def malformed(self) -> bytes:
        return b'{"oops": nope}\n'

    def whole(self, text: str) -> dict[str, Any]:
        return {
            "model": "served",
            "created_at": "2025-01-01T00:00:00Z",
            "message": {"role": "assistant", "content": text},
            "done": True,
            "done_reason": "stop",
            "prompt_eval_count": 3,
            "eval_count": 2,
        }

    def error_body(self, status: int, message: str, retry_after: float | None) -> dict[str, Any]:
        return {"error": message}

    def in_band(self, message: str) -> bytes:
        return _line({"error": message})


WIRES: list[Wire] = [
    OpenAIWire(),
    AnthropicWire(),
    GeminiWire(),
    GeminiArrayWire(),
    AzureWire(),
    OllamaWire(),
    CohereWire(),
]
PROTOCOL_WIRES = [w for w in WIRES if w.name != "gemini-array"]  # one per protocol, for request-side checks


def html_page(status: int) -> bytes:
    return (
        f"<!DOCTYPE html>\n<html><head><title>{status} Bad Gateway</title></head>\n<body><center><h1>{status} "
        "Bad Gateway</h1></center><hr><center>nginx/1.25.3</center></body></html>\n"
    ).encode()


def split_inside(data: bytes, *needles: bytes) -> Iterator[bytes]:
    """`data` cut one byte into each needle: a multi-byte character (or invalid sequence) split across chunks."""
    prev = 0
    for needle in needles:
        at = data.index(needle, prev) + 1
        yield data[prev:at]
        prev = at
    yield data[prev:]
