"""What every protocol adapter is: pure request builders and parsers, driven over injected HTTP."""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import AsyncGenerator, Mapping
from typing import Any, ClassVar

import httpx

from .calls import CREDENTIAL_HEADERS, Endpoint, HttpCall, StreamParser, Timeouts
from .errors import ProviderError, kind_from_status, make_error, redact, refine_kind
from .retry_after import retry_after_seconds
from .transport import fetch_json, run_chat
from .types import ChatRequest, Embedding, ModelInfo, StreamEvent

__all__ = ["CREDENTIAL_HEADERS", "Adapter", "Endpoint", "HttpCall", "StreamParser", "Timeouts", "error_message_from"]


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

    @classmethod
    def offers_embeddings(cls) -> bool:
        """The protocol has an embeddings endpoint (its adapter builds the call), known without a key."""
        return cls.build_embed is not Adapter.build_embed

    def parse_embed(self, body: Any) -> Embedding:
        raise NotImplementedError

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        """Status and body to a typed error. Protocols override `error_message` for their shape."""
        message, code = self.error_message(body)
        kind = refine_kind(kind_from_status(status), f"{code or ''} {message} {body[:2000]}")
        return make_error(  # the transport scrubs the key from every error it raises
            kind,
            redact(message or f"HTTP {status}"),
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
        return run_chat(self, client, request)

    async def list_models(self, client: httpx.AsyncClient) -> list[ModelInfo]:
        return self.parse_models(await fetch_json(self, client, self.build_list_models()))

    async def embed(self, client: httpx.AsyncClient, model: str, texts: list[str]) -> Embedding:
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
