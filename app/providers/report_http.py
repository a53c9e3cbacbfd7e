"""Sends account-report and generation-lookup calls over the shared transport, with their own error words.

`ReportAdapter` is an adapter that only fetches JSON: the transport's timeouts, size guard, TLS advice,
redaction and error tree apply unchanged, and a rejected key is worded for the key it is (an admin key
for the account reports, the ordinary API key for OpenRouter's generation lookup). Money in the body is
read as `Decimal`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any, NoReturn

import httpx

from .base import Adapter, Endpoint, HttpCall, StreamParser
from .errors import ProviderError, make_error
from .types import ChatRequest, ModelInfo, StreamEvent

# Kinds after which the same call may well succeed later: the caller keeps its work and tries again.
RETRY_LATER_KINDS = frozenset({"rate_limit", "overloaded", "server", "timeout", "network"})


class ReportAdapter(Adapter):
    """Fetches one provider's reports with one key. `key_name` says which key ("admin key", "API key") and
    `key_entry` the keychain entry that holds it, so a refusal can say what to fix."""

    protocol = "report"

    def __init__(self, endpoint: Endpoint, *, key_name: str, key_entry: str, key_env: str | None = None) -> None:
        super().__init__(endpoint)
        self.key_name = key_name
        self.key_entry = key_entry
        self.key_env = key_env

    async def fetch(self, client: httpx.AsyncClient, call: HttpCall) -> Any:
        """The JSON body of one call, numbers with a fraction as `Decimal`; errors from the one tree."""
        from .transport import fetch_json

        return await fetch_json(self, client, call, parse_float=Decimal)

    def classify_error(self, status: int, body: str, headers: Mapping[str, str]) -> ProviderError:
        err = super().classify_error(status, body, headers)
        if err.kind not in ("auth", "permission"):
            if err.kind in RETRY_LATER_KINDS:
                err.hint = "The provider's report service is not answering now; Parley will try again later."
            return err
        what = "refused" if err.kind == "auth" else "not allowed to read this"
        better = make_error(err.kind, f"the {self.key_name} was {what}: {err.message}", provider=err.provider,
                            status=err.status, retry_after=err.retry_after, request_id=err.request_id)  # fmt: skip
        env = f" (or set {self.key_env})" if self.key_env else ""
        better.hint = (f"Check the {self.key_name}: save a valid one as `{self.key_entry}` in the keychain{env}. "
                       "Nothing in Parley's ledger was changed.")  # fmt: skip
        better.retryable = False
        return better

    # An adapter for reports has no chat: these are never called by the report code.
    def build_chat(self, request: ChatRequest) -> HttpCall:
        _no_chat(self.provider)

    def stream_parser(self, request: ChatRequest) -> StreamParser:
        _no_chat(self.provider)

    def parse_chat(self, body: Any) -> list[StreamEvent]:
        _no_chat(self.provider)

    def build_list_models(self) -> HttpCall:
        _no_chat(self.provider)

    def parse_models(self, body: Any) -> list[ModelInfo]:
        _no_chat(self.provider)


def _no_chat(provider: str) -> NoReturn:
    raise make_error("bad_request", "a report client cannot chat or list models", provider=provider)


def retry_later(err: ProviderError) -> bool:
    """True when the failure says nothing about the request itself: offline, down, slow or busy."""
    return err.kind in RETRY_LATER_KINDS and err.retryable
