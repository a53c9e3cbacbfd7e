"""What every protocol adapter is: pure request builders and parsers, driven over injected HTTP."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import httpx

from .catalog import ProviderSpec
from .errors import ProviderError, kind_from_status, make_error, redact, refine_kind
from .types import ChatRequest, Embedding, ModelInfo, StreamEvent

CREDENTIAL_HEADERS = frozenset({"authorization", "api-key", "x-api-key", "x-goog-api-key"})


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Seconds. First byte is generous because local servers may be loading a model."""

    connect: float = 10.0
    first_byte: float = 120.0
    between_chunks: float = 60.0


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A provider as configured for one call: spec, base URL, key (never printed) and limits."""

    spec: ProviderSpec
    api_key: str | None = field(default=None, repr=False)
    timeouts: Timeouts = Timeouts()
    extra_headers: tuple[tuple[str, str], ...] = ()
    api_version: str | None = None  # Azure
    max_response_bytes: int = 64 * 1024 * 1024

    @property
    def provider(self) -> str:
        return self.spec.id

    @property
    def base_url(self) -> str:
        return self.spec.base_url.rstrip("/")

    def auth_headers(self) -> dict[str, str]:
        if not self.api_key:
            return {}
        if self.spec.auth_header.lower() == "authorization":
            return {"Authorization": f"Bearer {self.api_key}"}
        return {self.spec.auth_header: self.api_key}

    def headers(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """Spec and user headers first; auth last so a custom header can never override it.

        Names are compared without case or surrounding spaces (`"Authorization "` is the same header), and
        a later header replaces an earlier one of the same name instead of going out twice.
        """
        auth = self.auth_headers()
        protected = {k.lower() for k in auth} | CREDENTIAL_HEADERS
        out: dict[str, tuple[str, str]] = {}
        for k, v in (("Content-Type", "application/json"), ("Accept", "application/json"),
                     *self.spec.extra_headers, *self.extra_headers):  # fmt: skip
            if k.strip().lower() not in protected:
                out[k.strip().lower()] = (k.strip(), v)
        for k, v in (*(extra or {}).items(), *auth.items()):
            out[k.lower()] = (k, v)
        return dict(out.values())


@dataclass(frozen=True, slots=True)
class HttpCall:
    """One HTTP request as plain data, built by a pure function and sent by the transport."""

    method: str
    url: str
    headers: dict[str, str] = field(repr=False)
    json: Any = None
    params: dict[str, str] | None = None


class StreamParser(ABC):
    """Turns decoded frames of one streamed answer into events. Pure; one instance per answer."""

    done = False  # set when the protocol's own end marker was seen
    finished = False  # set when a finish reason was seen
    error: ProviderError | None = None  # an error sent inside the stream; raised after this frame's events

    @abstractmethod
    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        """`frame` is a decoded JSON value, or the raw data string when it is not JSON."""

    def end(self) -> list[StreamEvent]:
        """The body ended. Raise ProtocolError if the answer was cut short."""
        if not (self.done or self.finished):
            raise make_error("protocol", "the stream ended before the answer was complete")
        return []


class Adapter(ABC):
    """One wire protocol. Subclasses supply pure builders and parsers; HTTP is shared (transport)."""

    protocol: ClassVar[str]

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint

    @property
    def provider(self) -> str:
        return self.endpoint.provider

    # Pure parts, overridden per protocol.
    @abstractmethod
    def build_chat(self, request: ChatRequest) -> HttpCall: ...

    @abstractmethod
    def stream_parser(self, request: ChatRequest) -> StreamParser: ...

    @abstractmethod
    def parse_chat(self, body: Any) -> list[StreamEvent]: ...

    @abstractmethod
    def build_list_models(self) -> HttpCall: ...

    @abstractmethod
    def parse_models(self, body: Any) -> list[ModelInfo]: ...

    def build_embed(self, model: str, texts: list[str]) -> HttpCall:
        raise make_error("bad_request", f"{self.provider} does not offer embeddings here", provider=self.provider)

    def parse_embed(self, body: Any) -> Embedding:
        raise NotImplementedError

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        """Status and body to a typed error. Protocols override `error_message` for their shape."""
        message, code = self.error_message(body)
        kind = refine_kind(kind_from_status(status), f"{code or ''} {message} {body[:2000]}")
        from .retry_after import retry_after_seconds

        return make_error(
            kind,
            redact(message or f"HTTP {status}", [self.endpoint.api_key]),
            provider=self.provider,
            status=status,
            retry_after=retry_after_seconds(headers, body),
            request_id=_request_id(headers),
        )

    def error_message(self, body: str) -> tuple[str, str | None]:
        """(human message, provider error code) from an error body, in the common shapes."""
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, ValueError):
            text = body.strip()
            if text.lower().startswith(("<!doctype", "<html")):
                return "the server answered with an HTML page (a proxy, or a wrong base URL?)", None
            return text[:500], None
        return error_message_from(data)

    # Shared HTTP driving.
    def chat(self, client: httpx.AsyncClient, request: ChatRequest) -> AsyncGenerator[StreamEvent, None]:
        """Stream one answer's events. Close the generator (`contextlib.aclosing`) if you stop early."""
        from .transport import run_chat

        return run_chat(self, client, request)

    async def list_models(self, client: httpx.AsyncClient) -> list[ModelInfo]:
        from .transport import fetch_json

        return self.parse_models(await fetch_json(self, client, self.build_list_models()))

    async def embed(self, client: httpx.AsyncClient, model: str, texts: list[str]) -> Embedding:
        from .transport import fetch_json

        return self.parse_embed(await fetch_json(self, client, self.build_embed(model, texts)))


def error_message_from(data: Any) -> tuple[str, str | None]:
    """Pull a message and code out of the error JSON shapes providers use."""
    if isinstance(data, list) and data:
        data = data[0]
    if not isinstance(data, dict):
        return str(data)[:500], None
    err = data.get("error", data)
    if isinstance(err, str):
        return err, data.get("code") or data.get("type")
    if isinstance(err, dict):
        msg = err.get("message") or err.get("msg") or err.get("detail") or json.dumps(err)[:500]
        code = err.get("code") or err.get("type") or err.get("status")
        meta = err.get("metadata")
        if isinstance(meta, dict) and isinstance(meta.get("raw"), str):
            msg = f"{msg}: {meta['raw'][:300]}"
        return str(msg), None if code is None else str(code)
    return json.dumps(data)[:500], None


def _request_id(headers: Mapping[str, str]) -> str | None:
    for name in ("x-request-id", "request-id", "x-amzn-requestid", "cf-ray", "apim-request-id"):
        if name in headers:
            return headers[name]
    return None
