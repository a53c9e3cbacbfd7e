"""Provider adapters: one module per wire protocol, providers as data. No Qt here."""

from __future__ import annotations

import importlib

from .base import Adapter, Endpoint, HttpCall, StreamParser, Timeouts
from .catalog import SPECS, ProviderSpec, custom_spec, get_spec, with_base_url
from .errors import CATEGORY_OF_KIND, STOPPED_BY_USER, ProviderError, make_error
from .types import (
    ChatRequest,
    Citation,
    DocumentPart,
    Embedding,
    Finish,
    ImagePart,
    Message,
    ModelInfo,
    ReasoningDelta,
    ResponseInfo,
    SearchEntryPoint,
    SignedReasoning,
    StreamEvent,
    TextDelta,
    ToolCall,
    ToolCallDelta,
    ToolCallEnd,
    ToolCallStart,
    ToolChoice,
    ToolSpec,
    Usage,
    UsageUpdate,
    tool_result,
)

__all__ = [
    "CATEGORY_OF_KIND", "SPECS", "STOPPED_BY_USER", "Adapter", "ChatRequest", "Citation", "DocumentPart", "Embedding",
    "Endpoint",
    "Finish", "HttpCall", "ImagePart", "Message", "ModelInfo", "ProviderError", "ProviderSpec", "ReasoningDelta",
    "ResponseInfo", "SearchEntryPoint", "SignedReasoning", "StreamEvent", "StreamParser", "TextDelta", "Timeouts",
    "ToolCall", "ToolCallDelta", "ToolCallEnd", "ToolCallStart", "ToolChoice", "ToolSpec", "Usage", "UsageUpdate",
    "adapter_class", "adapter_for", "custom_spec", "get_spec", "make_error", "tool_result", "with_base_url",
]  # fmt: skip


# protocol -> (module, adapter class); imported on first use so start-up stays light. A dotted module name is
# imported as it stands: an adapter from outside this package (the tests' scripted one, tests/support/scripted.py).
PROTOCOLS: dict[str, tuple[str, str]] = {
    "openai_chat": ("openai_chat", "OpenAIChatAdapter"),
    "anthropic": ("anthropic", "AnthropicAdapter"),
    "gemini": ("gemini", "GeminiAdapter"),
    "azure": ("azure", "AzureAdapter"),
    "ollama": ("ollama", "OllamaAdapter"),
    "cohere": ("cohere", "CohereAdapter"),
    "openai_responses": ("openai_responses", "OpenAIResponsesAdapter"),
    "azure_responses": ("azure_responses", "AzureResponsesAdapter"),
}


def adapter_class(protocol: str) -> type[Adapter]:
    module_name, class_name = PROTOCOLS[protocol]
    module = importlib.import_module(module_name if "." in module_name else f"{__name__}.{module_name}")
    cls: type[Adapter] = getattr(module, class_name)
    return cls


def adapter_for(endpoint: Endpoint) -> Adapter:
    """The adapter that speaks this endpoint's wire protocol."""
    try:
        cls = adapter_class(endpoint.spec.protocol)
    except (KeyError, ImportError, AttributeError):
        raise make_error(
            "bad_request", f"the {endpoint.spec.protocol} protocol is not available yet", provider=endpoint.provider
        ) from None
    return cls(endpoint)
