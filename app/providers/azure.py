"""Azure OpenAI: the OpenAI chat protocol on a resource endpoint, addressed by deployment and api-version."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from .base import HttpCall, StreamParser
from .catalog import NO_STREAM_USAGE
from .errors import ProviderError, make_error
from .openai_chat import OpenAIChatAdapter, OpenAIStreamParser, chat_body
from .types import ChatRequest, StreamEvent

DEFAULT_API_VERSION = "2024-10-21"

# Error codes Azure uses when its content filter refuses a prompt (outer `code`, then `innererror.code`).
_FILTER_CODES = frozenset({"content_filter", "responsibleaipolicyviolation"})


class AzureStreamParser(OpenAIStreamParser):
    """OpenAI chunks, plus Azure's annotation-only chunks (`prompt_filter_results`, no choices)."""

    def feed(self, frame: Any, event: str | None = None) -> list[StreamEvent]:
        if (
            isinstance(frame, dict)
            and not frame.get("choices")
            and frame.get("usage") is None
            and frame.get("error") is None
        ):
            return []  # content-filter annotations on the prompt: nothing for the user
        return super().feed(frame, event)


def is_content_filter_error(body: str) -> bool:
    """Azure refuses a filtered prompt with `code: content_filter` / `ResponsibleAIPolicyViolation`."""
    try:
        data = json.loads(body)
    except ValueError:
        return False
    err = data.get("error") if isinstance(data, dict) else None
    if not isinstance(err, dict):
        return False
    codes = [err.get("code")]
    inner = err.get("innererror")
    if isinstance(inner, dict):
        codes.append(inner.get("code"))
    return any(isinstance(c, str) and c.lower() in _FILTER_CODES for c in codes)


class AzureAdapter(OpenAIChatAdapter):
    """Base URL `https://NAME.openai.azure.com` (deployments route) or `.../openai/v1` (v1 route).

    `ChatRequest.model` is the deployment name. Bodies and parsing are the OpenAI protocol's own.
    """

    protocol = "azure"

    @property
    def resource_root(self) -> str:
        base = self.endpoint.base_url
        if not base:
            raise make_error(
                "bad_request",
                "Azure OpenAI needs its resource endpoint (https://NAME.openai.azure.com) as the base URL",
                provider=self.provider,
            )
        return base.removesuffix("/openai")

    @property
    def is_v1(self) -> bool:
        return self.endpoint.base_url.endswith("/openai/v1")

    @property
    def api_version(self) -> str:
        return self.endpoint.api_version or DEFAULT_API_VERSION

    def _deployment_call(self, deployment: str, operation: str, body: Any, accept: str) -> HttpCall:
        """`{base}/openai/deployments/{d}/{operation}?api-version=...`, or `{base}/{operation}` on v1."""
        headers = self.endpoint.headers({"Accept": accept})
        if self.is_v1:
            return HttpCall("POST", f"{self.endpoint.base_url}/{operation}", headers, body)
        url = f"{self.resource_root}/openai/deployments/{quote(deployment, safe='')}/{operation}"
        return HttpCall("POST", url, headers, body, params={"api-version": self.api_version})

    def build_chat(self, request: ChatRequest) -> HttpCall:
        spec = self.endpoint.spec
        body = chat_body(request, include_usage=not spec.has(NO_STREAM_USAGE), max_completion=True,
                         provider=self.provider, quirks=spec.quirks)  # fmt: skip
        accept = "text/event-stream" if request.stream else "application/json"
        return self._deployment_call(request.model, "chat/completions", body, accept)

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        return AzureStreamParser(self.provider)

    def build_list_models(self) -> HttpCall:
        if self.is_v1:
            return HttpCall("GET", f"{self.endpoint.base_url}/models", self.endpoint.headers())
        return HttpCall(
            "GET", f"{self.resource_root}/openai/models", self.endpoint.headers(),
            params={"api-version": self.api_version},
        )  # fmt: skip

    def build_embed(self, model: str, texts: list[str]) -> HttpCall:
        return self._deployment_call(model, "embeddings", {"model": model, "input": texts}, "application/json")

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        if status == 400 and err.kind != "content_filter" and is_content_filter_error(body):
            return make_error(
                "content_filter", err.message, provider=err.provider, status=status,
                retry_after=err.retry_after, request_id=err.request_id,
            )  # fmt: skip
        return err
