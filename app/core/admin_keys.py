"""Admin keys for providers' account reports: a keychain entry of their own, never required.

OpenAI's organization Costs/Usage APIs and Anthropic's Usage and Cost API refuse ordinary API keys; they
take an admin key. It lives in the keychain like any key, under its own entry ("openai-admin",
"anthropic-admin") so the chat key is never replaced by it, with a read-only environment variable as the
fallback. Without one, reconciliation is simply not offered; nothing else needs it.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass

from .keys import KeyLookup, KeyStore


@dataclass(frozen=True, slots=True)
class AdminKeySpec:
    provider: str
    entry: str  # the keychain entry ("username" under service `parley`)
    env_var: str
    console_url: str  # where an organisation owner creates one


ADMIN_KEYS: dict[str, AdminKeySpec] = {
    "openai": AdminKeySpec("openai", "openai-admin", "OPENAI_ADMIN_KEY",
                           "https://platform.openai.com/settings/organization/admin-keys"),
    "anthropic": AdminKeySpec("anthropic", "anthropic-admin", "ANTHROPIC_ADMIN_KEY",
                              "https://console.anthropic.com/settings/admin-keys"),
}  # fmt: skip


def admin_key_spec(provider: str) -> AdminKeySpec:
    """The admin-key entry for a provider whose account reports Parley reads; ValueError for others."""
    try:
        return ADMIN_KEYS[provider]
    except KeyError:
        known = ", ".join(sorted(ADMIN_KEYS))
        raise ValueError(f"Parley reads account reports from {known} only, not {provider!r}") from None


def admin_key(keys: KeyStore, provider: str) -> KeyLookup:
    """The admin key: keychain entry first, then a session key, then the environment variable (blocking)."""
    spec = admin_key_spec(provider)
    found = keys.get(spec.entry)
    if found.value:
        return found
    value = os.environ.get(spec.env_var, "").strip()
    if value:
        return KeyLookup(value, "env", spec.env_var)
    return KeyLookup(None, None, problem=found.problem)


async def aadmin_key(keys: KeyStore, provider: str) -> KeyLookup:
    return await asyncio.to_thread(admin_key, keys, provider)


def missing_admin_key_message(provider: str) -> str:
    spec = admin_key_spec(provider)
    return (f"No admin key for {provider}: reconciling with the provider's own account reports needs one (it is "
            f"optional; nothing else uses it). Create one at {spec.console_url}, then save it in the keychain as "
            f"`{spec.entry}`, or set {spec.env_var}.")  # fmt: skip
