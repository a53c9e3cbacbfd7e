"""The one error tree every provider call raises, with kinds, coarse categories and advice.

    ProviderError                  provider, status, kind, message, retry_after, request_id
    ├── AuthError                  auth, permission          (category "auth")
    ├── RateLimitError             rate_limit, quota         (category "rate_limit")
    ├── BadRequestError            bad_request, not_found, content_filter (category "bad_request")
    │   └── SummariesRefused       OpenAI will not give this organisation reasoning summaries (retried without)
    ├── ContextLengthError         context_length
    ├── ServerError                server, overloaded        (category "server")
    ├── TimeoutError_              timeout
    ├── NetworkError               network
    ├── ProtocolError              protocol (malformed or truncated stream)
    ├── CancelledError_            cancelled
    └── BudgetError                budget (refused locally before sending)

Messages never contain an API key: every text that comes from the wire passes `redact()`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from app.words import Words, translate

KINDS = (
    "auth", "permission", "quota", "not_found", "bad_request", "context_length", "content_filter",
    "rate_limit", "overloaded", "server", "timeout", "network", "protocol", "cancelled", "budget",
)  # fmt: skip

CATEGORY_OF_KIND: dict[str, str] = {
    "auth": "auth",
    "permission": "auth",
    "rate_limit": "rate_limit",
    "quota": "rate_limit",
    "bad_request": "bad_request",
    "not_found": "bad_request",
    "content_filter": "bad_request",
    "context_length": "context_length",
    "server": "server",
    "overloaded": "server",
    "timeout": "timeout",
    "network": "network",
    "protocol": "protocol",
    "cancelled": "cancelled",
    "budget": "budget",
}

# What to do about each kind of error, for a person (translatable in the window; English on the command line).
ADVICE: dict[str, Words] = {
    "auth": translate("ProviderError",
                         "Check the API key (Settings > Providers, or `python -m app keys set PROVIDER`)."),
    "permission": translate("ProviderError", "The key is valid but not allowed to use this model or endpoint."),
    "quota": translate("ProviderError",
                         "The account is out of credit or over its quota; check billing with the provider."),
    "not_found": translate("ProviderError", "The model or endpoint was not found; check the model name and base URL."),
    "bad_request": translate("ProviderError",
                         "The provider rejected the request; check the parameters for this model."),
    "context_length": translate("ProviderError",
                         "The conversation is too long for this model; shorten it or pick a larger model."),
    "content_filter": translate("ProviderError", "The provider's content filter blocked this request or answer."),
    "rate_limit": translate("ProviderError", "Rate limited: wait a moment and retry, or use a fallback provider."),
    "overloaded": translate("ProviderError", "The provider is overloaded; retry shortly or use a fallback provider."),
    "server": translate("ProviderError", "The provider had a server error; retry shortly."),
    "timeout": translate("ProviderError",
                         "The provider did not answer in time; retry, or raise the timeout in settings."),
    "network": translate("ProviderError", "Could not reach the provider; check the base URL and your connection."),
    "protocol": translate("ProviderError", "The provider sent a malformed or truncated response."),
    "cancelled": translate("ProviderError", "Stopped."),
    "budget": translate("ProviderError", "Refused locally: this request could cross a budget limit."),
}


STOPPED_BY_USER = translate("ProviderError", "stopped by the user")  # a cancelled call's message


class ProviderError(Exception):
    """Base of every error a provider call raises."""

    default_kind = "server"

    def __init__(
        self,
        message: str,
        *,
        provider: str = "",
        kind: str | None = None,
        status: int | None = None,
        retry_after: float | None = None,
        request_id: str | None = None,
    ) -> None:
        self.kind = kind or self.default_kind
        if self.kind not in CATEGORY_OF_KIND:
            raise ValueError(f"unknown error kind {self.kind!r}")
        self.provider = provider
        self.status = status
        self.message = message
        self.retry_after = retry_after
        self.request_id = request_id
        self.retryable = True  # False: retrying cannot help (e.g. an untrusted certificate), whatever the kind
        self.refused_here = False  # a server on this machine refused the connection: not running, so no quick retry
        self.hint: str | None = None  # advice for this case, instead of the kind's general advice
        super().__init__(self.describe())

    @property
    def category(self) -> str:
        return CATEGORY_OF_KIND[self.kind]

    @property
    def advice(self) -> str:
        return self.hint or ADVICE[self.kind]

    def describe(self) -> str:
        """`Groq: the message (HTTP 429)`; a message core wrote stays translatable for the window."""
        if self.provider and self.status:
            said = translate("ProviderError", "{provider}: {message} (HTTP {status})")
        elif self.provider:
            said = translate("ProviderError", "{provider}: {message}")
        elif self.status:
            said = translate("ProviderError", "{message} (HTTP {status})")
        else:
            return self.message
        return said.format(provider=self.provider, message=self.message, status=self.status)

    def scrub(self, secrets: Iterable[str | None]) -> ProviderError:
        """Redact secrets from the message in place (for messages built from wire data); returns self."""
        self.message = redact(self.message, secrets)
        self.args = (self.describe(),)
        return self

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "category": self.category,
            "message": self.describe(),
            "status": self.status,
            "retry_after": self.retry_after,
        }


class AuthError(ProviderError):
    default_kind = "auth"


class RateLimitError(ProviderError):
    default_kind = "rate_limit"


class BadRequestError(ProviderError):
    default_kind = "bad_request"


class SummariesRefused(BadRequestError):
    """OpenAI refused reasoning summaries because the organisation is not verified for them (a 400). Nothing
    is wrong with the request otherwise: core sends it again without summaries and remembers not to ask."""


class ContextLengthError(ProviderError):
    default_kind = "context_length"


class ServerError(ProviderError):
    default_kind = "server"


class TimeoutError_(ProviderError):
    default_kind = "timeout"


class NetworkError(ProviderError):
    default_kind = "network"


class ProtocolError(ProviderError):
    default_kind = "protocol"


class CancelledError_(ProviderError):
    default_kind = "cancelled"


class BudgetError(ProviderError):
    default_kind = "budget"


_CLASS_OF_CATEGORY: dict[str, type[ProviderError]] = {
    "auth": AuthError,
    "rate_limit": RateLimitError,
    "bad_request": BadRequestError,
    "context_length": ContextLengthError,
    "server": ServerError,
    "timeout": TimeoutError_,
    "network": NetworkError,
    "protocol": ProtocolError,
    "cancelled": CancelledError_,
    "budget": BudgetError,
}


def make_error(kind: str, message: str, **fields: Any) -> ProviderError:
    """Build the error of the right class for a fine-grained kind."""
    cls = _CLASS_OF_CATEGORY[CATEGORY_OF_KIND[kind]]
    return cls(message, kind=kind, **fields)


def kind_from_status(status: int) -> str:
    if status == 401:
        return "auth"
    if status == 402:
        return "quota"
    if status == 403:
        return "permission"
    if status == 404:
        return "not_found"
    if status in (408, 504):
        return "timeout"
    if status == 413:
        return "context_length"
    if status == 429:
        return "rate_limit"
    if status in (503, 529):
        return "overloaded"
    if status >= 500:
        return "server"
    return "bad_request"


_CONTEXT_HINTS = (
    "context_length_exceeded", "context length", "maximum context", "context window",
    "too many tokens", "prompt is too long", "input is too long", "exceeds the context",
    "reduce the length",
)  # fmt: skip
_QUOTA_HINTS = ("insufficient_quota", "exceeded your current quota", "billing", "credit balance",
                "insufficient credits", "payment required")  # fmt: skip
_AUTH_HINTS = ("api_key_invalid", "invalid api key", "invalid_api_key", "incorrect api key",
               "authentication_error", "unauthenticated", "invalid x-api-key", "api key not valid")  # fmt: skip
_NOT_FOUND_HINTS = ("model_not_found", "does not exist", "not_found_error", "no such model",
                    "unknown model", "model not found", "is not found")  # fmt: skip
_FILTER_HINTS = ("content_filter", "content_policy", "responsibleaipolicyviolation", "safety")


def refine_kind(kind: str, text: str) -> str:
    """Sharpen a status-derived kind with what the body says (Gemini's bad key is a 400, etc.)."""
    low = text.lower()
    if any(h in low for h in _AUTH_HINTS):
        return "auth"
    if any(h in low for h in _CONTEXT_HINTS) and kind in ("bad_request", "context_length", "server"):
        return "context_length"
    if any(h in low for h in _QUOTA_HINTS) and kind in ("rate_limit", "bad_request", "quota", "permission"):
        return "quota"
    if kind == "bad_request" and any(h in low for h in _NOT_FOUND_HINTS):
        return "not_found"
    if kind == "bad_request" and any(h in low for h in _FILTER_HINTS):
        return "content_filter"
    if "overloaded" in low and kind in ("server", "overloaded", "rate_limit"):
        return "overloaded"
    return kind


_KEYISH = re.compile(r"(?i)(bearer\s+|api[-_]?key[\"'=:\s]+|x-api-key[\"'=:\s]+|key=)([^\s\"',;&]{8,})")


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """Remove every known secret (also as escaped or stripped), and credential-looking runs, from `text`."""
    for s in secrets:
        if not s or len(s.strip()) < 4:
            continue
        for form in {s, s.strip(), repr(s)[1:-1], repr(s.encode("utf-8", "replace"))[2:-1]}:
            if len(form) >= 4:
                text = text.replace(form, "[redacted]")
    return _KEYISH.sub(lambda m: m.group(1) + "[redacted]", text)
