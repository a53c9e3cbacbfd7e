"""Turns a provider id (or a `--target ID:MODEL@URL`) into an Endpoint with its key and limits."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.providers import Endpoint, ProviderSpec, Timeouts, make_error, with_base_url
from app.words import translate

from .keys import KeyStore

_URL_PART = re.compile(r"@(?=https?://)")


@dataclass(frozen=True, slots=True)
class TargetSpec:
    provider: str
    model: str
    base_url: str | None = None
    api: str | None = None  # "chat" or "responses" for this call; None: the provider's setting (or the model's need)
    web_search: bool = False  # the call offers the provider's own web search (OpenAI's needs the Responses API)


def parse_target(text: str) -> TargetSpec:
    """`ID:MODEL[@URL]`: the id ends at the first ':'; a URL starts at the last '@' before http(s)://."""
    provider, sep, rest = text.partition(":")
    if not sep or not provider or not rest:
        raise ValueError(f"a target is PROVIDER:MODEL[@URL], got {text!r}")
    matches = list(_URL_PART.finditer(rest))
    if matches:
        at = matches[-1].start()
        model, url = rest[:at], rest[at + 1 :]
    else:
        model, url = rest, None
    if not model:
        raise ValueError(f"a target needs a model name, got {text!r}")
    return TargetSpec(provider, model, url)


def check_base_url(url: str) -> str:
    """A clear message for a base URL without a scheme, with a typo or an impossible port, before any request.

    Spaces and line breaks around it (a pasted URL brings them along) are dropped.
    """
    from urllib.parse import urlsplit

    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # a port that is not a number, or out of range, raises here
    except ValueError as exc:
        raise ValueError(translate("Endpoints", "the base URL {url} is not a valid URL ({problem})").format(
            url=repr(url), problem=str(exc))) from None
    if parts.scheme not in ("http", "https"):
        hint = translate("Endpoints", " (did you mean {suggestion}?)").format(
            suggestion=repr(f"http://{text}")) if text and "://" not in text else ""
        raise ValueError(translate("Endpoints", "the base URL {url} must start with http:// or https://{hint}").format(
            url=repr(url), hint=hint))
    if not parts.hostname:
        raise ValueError(translate("Endpoints", "the base URL {url} has no host name").format(url=repr(url)))
    if port == 0:
        raise ValueError(translate("Endpoints", "the base URL {url} has port 0, which no server listens on").format(
            url=repr(url)))
    if any(ch.isspace() or not ch.isprintable() for ch in text):
        raise ValueError(translate("Endpoints", "the base URL {url} contains spaces or control characters").format(
            url=repr(url)))
    return text.rstrip("/")


def build_endpoint(
    spec: ProviderSpec,
    keys: KeyStore,
    *,
    base_url: str | None = None,
    timeouts: Timeouts | None = None,
    require_key: bool = True,
    api_version: str | None = None,
) -> Endpoint:
    """The endpoint for one call. A remote provider at its default URL with no key fails before sending."""
    if base_url:
        spec = with_base_url(spec, check_base_url(base_url))
    lookup = None if spec.keyless else keys.get(spec.id)
    key = lookup.value if lookup else None
    if key is not None and not _sendable(key):
        raise make_error("auth", translate("Endpoints", "the {provider} API key contains spaces, line breaks or "
                                           "non-ASCII characters; paste it again").format(provider=spec.name),
                         provider=spec.id)  # fmt: skip
    if key is None and require_key and not spec.keyless and not base_url:
        env = " or ".join(spec.key_env) or translate("Endpoints", "no variable")
        if lookup is not None and lookup.no_keychain:  # `keys set` cannot work here: name what does
            err = make_error("auth", translate("Endpoints", "no API key for {provider}: there is no system keychain "
                                               "here; set {variable}").format(provider=spec.name, variable=env),
                             provider=spec.id)  # fmt: skip
            err.hint = translate("Endpoints", "Set {variable} in the environment (Parley reads it and never stores "
                                 "it).").format(variable=env)  # fmt: skip
            raise err
        command = f"python -m app keys set {spec.id}"
        said = translate("Endpoints", "no API key for {provider} ({problem}): run `{command}` or set {variable}") \
            if lookup and lookup.problem else \
            translate("Endpoints", "no API key for {provider}: run `{command}` or set {variable}")  # fmt: skip
        problem = lookup.problem if lookup else None
        raise make_error("auth", said.format(provider=spec.name, problem=problem, command=command, variable=env),
                         provider=spec.id)
    return Endpoint(spec, api_key=key, timeouts=timeouts or Timeouts(), api_version=api_version)


def _sendable(key: str) -> bool:
    """A key that can go in an HTTP header as it is: printable ASCII without spaces."""
    return key.isascii() and key.isprintable() and " " not in key

