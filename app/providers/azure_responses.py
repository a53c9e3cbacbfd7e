"""Azure OpenAI's Responses API on its v1 route: `{resource}/openai/v1/responses`, the deployment as the model."""

from __future__ import annotations

from collections.abc import Mapping

from .azure import is_content_filter_error
from .errors import ProviderError, make_error
from .openai_responses import OpenAIResponsesAdapter


class AzureResponsesAdapter(OpenAIResponsesAdapter):
    """Base URL `https://NAME.openai.azure.com` or `.../openai/v1`; both reach the v1 route, which needs no
    api-version. `ChatRequest.model` is the deployment name. Bodies and events are OpenAI's own."""

    protocol = "azure_responses"

    @property
    def api_root(self) -> str:
        base = self.endpoint.base_url
        if not base:
            raise make_error(
                "bad_request",
                "Azure OpenAI needs its resource endpoint (https://NAME.openai.azure.com) as the base URL",
                provider=self.provider,
            )
        if base.endswith("/openai/v1"):
            return base
        return base.removesuffix("/openai") + "/openai/v1"

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        if status == 400 and err.kind == "bad_request" and is_content_filter_error(body):
            return make_error("content_filter", err.message, provider=err.provider, status=status,
                              retry_after=err.retry_after, request_id=err.request_id)  # fmt: skip
        return err
