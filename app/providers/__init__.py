"""Provider adapters: one module per wire protocol, providers as data. No Qt here."""

from __future__ import annotations

from .base import Adapter, Endpoint, HttpCall, StreamParser, Timeouts
from .catalog import SPECS, ProviderSpec, custom_spec, get_spec, with_base_url
from .errors import CATEGORY_OF_KIND, ProviderError, make_error
from .types import (
    ChatRequest,
    Embedding,
    Finish,
    ImagePart,
    Message,
    ModelInfo,
    ReasoningDelta,
    ResponseInfo,
    StreamEvent,
    TextDelta,
    Usage,
    UsageUpdate,
)

__all__ = [
    "CATEGORY_OF_KIND", "SPECS", "Adapter", "ChatRequest", "Embedding", "Endpoint", "Finish", "HttpCall",
    "ImagePart", "Message", "ModelInfo", "ProviderError", "ProviderSpec", "ReasoningDelta", "ResponseInfo",
    "StreamEvent", "StreamParser", "TextDelta", "Timeouts", "Usage", "UsageUpdate", "adapter_for",
    "custom_spec", "get_spec", "make_error", "with_base_url",
]  # fmt: skip


def _protocols() -> dict[str, type[Adapter]]:
    from .openai_chat import OpenAIChatAdapter

    table: dict[str, type[Adapter]] = {"openai_chat": OpenAIChatAdapter}
    return table


def adapter_for(endpoint: Endpoint) -> Adapter:
    """The adapter that speaks this endpoint's wire protocol."""
    table = _protocols()
    try:
        cls = table[endpoint.spec.protocol]
    except KeyError:
        raise make_error(
            "bad_request", f"the {endpoint.spec.protocol} protocol is not available yet", provider=endpoint.provider
        ) from None
    return cls(endpoint)
