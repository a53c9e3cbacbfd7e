"""The domain services one process shares: HTTP client, keys, settings and (optionally) the store."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

import httpx

from app.providers import Endpoint, ProviderError, ProviderSpec, Timeouts, custom_spec, get_spec
from app.providers.catalog import API_VERSION
from app.providers.errors import BadRequestError

from .capabilities import responses_only
from .chat import Reply
from .endpoints import TargetSpec, build_endpoint, parse_target
from .keys import KeyStore
from .pricing import price
from .resilience import RetryPolicy, Target
from .settings import Settings


@dataclass
class Services:
    client: httpx.AsyncClient
    keys: KeyStore
    settings: Settings

    def spec(self, provider_id: str) -> ProviderSpec:
        """A catalog provider with the user's base URL, or a custom endpoint. Unknown ids: ValueError."""
        custom = self.settings.custom_endpoint(provider_id)
        if custom is not None:
            spec = custom_spec(custom.id, custom.name, custom.base_url, local=custom.local, keyless=custom.keyless)
            return replace(spec, extra_headers=tuple(custom.headers.items()))
        try:
            spec = get_spec(provider_id)
        except KeyError as exc:
            raise ValueError(str(exc.args[0])) from None
        configured = self.settings.provider(provider_id).base_url
        return replace(spec, base_url=configured.rstrip("/")) if configured else spec

    def with_api(self, spec: ProviderSpec, model: str, api: str | None = None, *,
                 web_search: bool = False) -> ProviderSpec:  # fmt: skip
        """The spec speaking the API asked for (`api`, else the provider's setting); a model OpenAI serves only on
        its Responses API, or web search (OpenAI's is a Responses tool), goes there unless chat was asked for by
        name. An API the provider lacks: ValueError."""
        if spec.responses_protocol is None:
            if api == "responses":
                raise ValueError(f"{spec.name} does not offer the Responses API (only openai and azure do); "
                                 "use --api chat")  # fmt: skip
            return spec
        chosen = api or self.settings.provider(spec.id).api
        if chosen == "responses" or (api is None and (responses_only(model) or web_search)):
            return replace(spec, protocol=spec.responses_protocol)
        return spec

    def target(self, wanted: TargetSpec, *, lenient: bool = False) -> Target:
        """A ready chain entry. Bad input raises ValueError; a missing key raises ProviderError, or with
        `lenient` (fallback entries) yields a Target marked unavailable that the chain reports and skips."""
        spec = self.with_api(self.spec(wanted.provider), wanted.model, wanted.api, web_search=wanted.web_search)
        ps = self.settings.provider(spec.id)
        t, r = ps.timeouts, ps.retries
        timeouts = Timeouts(connect=t.connect, first_byte=t.first_byte, between_chunks=t.between_chunks)
        policy = RetryPolicy(max_retries=r.max_retries, base_delay=r.base_delay, max_delay=r.max_delay,
                             total_budget=r.total_budget)  # fmt: skip
        api_version = ps.api_version if API_VERSION in spec.extra_settings else None
        # A configured (non-default) base URL may be a keyless local server: do not demand a key for it.
        explicit_url = wanted.base_url or (spec.base_url if spec.base_url != _default_url(spec.id) else None)
        try:
            endpoint = build_endpoint(spec, self.keys, base_url=wanted.base_url, timeouts=timeouts,
                                      api_version=api_version, require_key=not explicit_url)  # fmt: skip
        except ProviderError as err:
            if not lenient:
                raise
            return Target(Endpoint(spec), wanted.model, unavailable=err, policy=policy)
        return Target(endpoint, wanted.model, policy=policy)

    def chain(self, first: TargetSpec, fallbacks: list[str]) -> list[Target]:
        """The first target, then one per "provider:model[@url]" fallback entry (a malformed one: ValueError).

        An entry that cannot be used is never sent, nor skipped in silence: a fallback whose provider is turned
        off in the settings, unknown, or without a key is a Target marked unavailable, which the chain reports
        (with the reason) and moves past. The first target: an unknown provider raises ValueError; turned off
        or without a key raises ProviderError, or, when there are fallbacks, is reported and passed over too."""
        entries = [replace(parse_target(text), web_search=first.web_search) for text in fallbacks]
        head = self._chain_entry(first, lenient=bool(entries), known=True)
        return [head, *(self._chain_entry(e, lenient=True, known=False) for e in entries)]

    def _chain_entry(self, wanted: TargetSpec, *, lenient: bool, known: bool) -> Target:
        try:
            spec = self.spec(wanted.provider)
        except ValueError:
            if known:
                raise
            placeholder = custom_spec(wanted.provider, wanted.provider, "", local=False)
            problem = UnusableProvider(f"{wanted.provider!r} is not a known provider or custom endpoint",
                                       provider=wanted.provider, advice=_UNKNOWN_ADVICE)  # fmt: skip
            return Target(Endpoint(placeholder), wanted.model, unavailable=problem)
        if not self.settings.is_enabled(spec.id):
            problem = UnusableProvider(f"{spec.name} is turned off in the provider settings", provider=spec.id,
                                       advice=_TURNED_OFF_ADVICE)  # fmt: skip
            if not lenient:
                raise problem
            return Target(Endpoint(spec), wanted.model, unavailable=problem)
        return self.target(wanted, lenient=lenient)

    def is_local(self, provider_id: str) -> bool:
        try:
            return self.spec(provider_id).local
        except ValueError:
            return False

    def price_reply(self, reply: Reply, at: datetime | None = None) -> None:
        """Fill in the reply's cost and its label (provider, catalog, override, free, unknown)."""
        if reply.usage.input_tokens is None and reply.usage.output_tokens is None and reply.usage.provider_cost_usd \
                is None and not self.is_local(reply.provider):  # fmt: skip
            reply.cost_usd, reply.cost_source = None, "unknown"
            return
        p = price(reply.provider, reply.model, reply.usage, spec_local=self.is_local(reply.provider),
                  overrides=self.settings.override_map(), requested_model=reply.requested_model,
                  at=at or datetime.now(timezone.utc))  # fmt: skip
        reply.cost_usd, reply.cost_source, reply.search_cost_usd = p.cost_usd, p.source, p.search_usd


_TURNED_OFF_ADVICE = "Turn it on in Settings > Providers, or take it out of the fallback list."
_UNKNOWN_ADVICE = "Check the provider id in the fallback list, or add the custom endpoint in Settings > Providers."


class UnusableProvider(BadRequestError):
    """A chain entry refused before sending: its provider is turned off in the settings, or unknown.

    Kind "not_found" (category bad_request): the provider is not there to use, and the chain moves on to the
    next entry, as for a model the provider does not know."""

    def __init__(self, message: str, *, provider: str, advice: str) -> None:
        super().__init__(message, provider=provider, kind="not_found")
        self._advice = advice

    @property
    def advice(self) -> str:
        return self._advice


def _default_url(provider_id: str) -> str | None:
    try:
        return get_spec(provider_id).base_url
    except KeyError:
        return None
