"""What adapters and the transport share: an endpoint as configured, the HTTP call to send, the stream parser."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .catalog import ProviderSpec
from .errors import ProviderError, make_error
from .types import StreamEvent

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

    def text_only(self, frame: dict[str, Any]) -> str | None:
        """The text of a frame that is nothing but a piece of the answer's text (what `feed` would give as one
        TextDelta, or nothing for ""), without feeding it; None for any other frame, which goes to `feed`. The
        stream's hot path, for protocols whose usual frame is that simple."""
        return None

    def end(self) -> list[StreamEvent]:
        """The body ended. Raise ProtocolError if the answer was cut short."""
        if not (self.done or self.finished):
            raise make_error("protocol", "the stream ended before the answer was complete")
        return []
