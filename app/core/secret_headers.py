"""Which HTTP header names carry credentials: such a header belongs in the keychain, never in a settings file."""

from __future__ import annotations

# Headers that carry credentials.
SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "api-key", "x-api-key", "x-goog-api-key"})
# Words in a header name that mark it as carrying credentials (X-Auth-Token, X-Goog-Api-Key, Cookie...).
_AUTH_WORDS = ("auth", "api-key", "api_key", "apikey", "token", "secret", "password", "cookie")


def is_auth_header(name: str) -> bool:
    """True for a header that carries credentials or would override the provider's auth."""
    low = name.strip().lower()
    return low in SECRET_HEADERS or any(word in low for word in _AUTH_WORDS)
