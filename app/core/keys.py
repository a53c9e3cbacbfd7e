"""API keys in the OS keychain (service `parley`), with env vars as a read-only fallback.

Keys are never written anywhere else. With no usable keychain we say so plainly and offer keys kept
in memory for this session only; we never fall back to a plaintext file.
"""

from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from typing import Any, Literal

from app.providers.catalog import get_spec
from app.words import reason, translate

SERVICE = "parley"
KeySource = Literal["keychain", "env", "session"]

NO_KEYCHAIN_HELP = translate(
    "Keys",
    "No usable system keychain was found, so Parley cannot store keys safely on disk. "
    "You can set the provider's environment variable (for example OPENAI_API_KEY), or keep a key "
    "in memory for this session only. On Linux, install and unlock a Secret Service such as "
    "gnome-keyring or KWallet.",
)


class KeychainUnavailable(Exception):
    """The keychain cannot be used; the message says why and what to do instead."""


@dataclass(frozen=True, slots=True)
class KeyLookup:
    value: str | None
    source: KeySource | None
    env_var: str | None = None
    problem: str | None = None  # why the keychain could not be asked (locked, unavailable), if it could not
    no_keychain: bool = False  # there is no usable keychain at all: only environment variables can work

    def __repr__(self) -> str:  # never print the key
        return f"KeyLookup(source={self.source!r}, env_var={self.env_var!r}, present={self.value is not None})"


@dataclass(frozen=True, slots=True)
class KeychainStatus:
    available: bool
    backend: str
    explanation: str


class _MemoryKeyring:
    """An in-process keyring for unit tests only (PARLEY_KEYRING=memory); never used by users."""

    priority = 1

    def __init__(self) -> None:
        self._data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self._data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        import keyring.errors

        if (service, username) not in self._data:
            raise keyring.errors.PasswordDeleteError("not found")
        del self._data[(service, username)]


def _default_backend() -> Any:
    if os.environ.get("PARLEY_KEYRING") == "memory":
        return _MemoryKeyring()
    import keyring

    return keyring.get_keyring()


def _describe(backend: Any) -> KeychainStatus:
    mod = type(backend).__module__
    name = f"{mod}.{type(backend).__name__}"
    if mod.startswith("keyring.backends.fail") or mod.startswith("keyring.backends.null"):
        return KeychainStatus(False, name, NO_KEYCHAIN_HELP)
    if mod.startswith("keyrings.alt"):
        return KeychainStatus(False, name, translate("Keys", "The only keyring backend found stores keys in a "
                                                     "plaintext file; Parley refuses it. {help}").format(
            help=NO_KEYCHAIN_HELP))  # fmt: skip
    if mod.startswith("keyring.backends.chainer"):
        inner = [b for b in getattr(backend, "backends", None) or [] if _describe(b).available]
        unsafe = [b for b in getattr(backend, "backends", None) or [] if type(b).__module__.startswith("keyrings.alt")]
        if not inner or unsafe:
            return KeychainStatus(False, name, NO_KEYCHAIN_HELP)
    return KeychainStatus(True, name, "")


def env_vars_for(provider_id: str) -> tuple[str, ...]:
    try:
        return get_spec(provider_id).key_env
    except KeyError:
        return ()


class KeyStore:
    """Blocking keychain calls; use the `a*` coroutines from the event loop (they run in a thread)."""

    def __init__(self, backend: Any | None = None) -> None:
        self._backend = backend
        self._session: dict[str, str] = {}

    @property
    def backend(self) -> Any:
        if self._backend is None:
            self._backend = _default_backend()
        return self._backend

    @property
    def backend_loaded(self) -> bool:
        """Whether the keychain backend has been found already (its library loaded in this process)."""
        return self._backend is not None

    def status(self) -> KeychainStatus:
        return _describe(self.backend)

    def _require(self) -> Any:
        st = self.status()
        if not st.available:
            raise KeychainUnavailable(st.explanation)
        return self.backend

    def _call(self, fn: str, *args: str) -> Any:
        import keyring.errors

        backend = self._require()
        try:
            return getattr(backend, fn)(SERVICE, *args)
        except keyring.errors.PasswordDeleteError:
            raise
        except keyring.errors.KeyringLocked:
            raise KeychainUnavailable(translate("Keys", "The system keychain is locked; unlock it and try again.")
                                      ) from None  # fmt: skip
        except (keyring.errors.KeyringError, RuntimeError, OSError) as exc:
            raise KeychainUnavailable(translate("Keys", "The system keychain failed ({error}). {help}").format(
                error=type(exc).__name__, help=NO_KEYCHAIN_HELP)) from None  # fmt: skip

    def get(self, provider_id: str) -> KeyLookup:
        """Keychain first, then a session key, then the provider's environment variables."""
        problem = None
        try:
            value = self._call("get_password", provider_id)
        except KeychainUnavailable as exc:
            value, problem = None, reason(exc)
        if value and value.strip():
            return KeyLookup(value.strip(), "keychain")
        if provider_id in self._session:
            return KeyLookup(self._session[provider_id], "session")
        for var in env_vars_for(provider_id):
            if os.environ.get(var, "").strip():
                return KeyLookup(os.environ[var].strip(), "env", var)
        return KeyLookup(None, None, problem=problem, no_keychain=problem is not None and not self.status().available)

    def set(self, provider_id: str, key: str) -> None:
        key = key.strip()
        if not key:
            raise ValueError(translate("Keys", "the key is empty"))
        self._call("set_password", provider_id, key)

    def set_session(self, provider_id: str, key: str) -> None:
        """Keep a key in memory only, for when there is no keychain."""
        self._session[provider_id] = key.strip()

    def delete(self, provider_id: str) -> bool:
        """True if a keychain entry was removed."""
        import keyring.errors

        self._session.pop(provider_id, None)
        try:
            self._call("delete_password", provider_id)
        except keyring.errors.PasswordDeleteError:
            return False
        return True

    def sources(self, provider_ids: list[str]) -> dict[str, KeySource | None]:
        """Which providers have a key and where it lives, never the key itself."""
        return {pid: self.get(pid).source for pid in provider_ids}

    async def aget(self, provider_id: str) -> KeyLookup:
        return await asyncio.to_thread(self.get, provider_id)

    async def aset(self, provider_id: str, key: str) -> None:
        await asyncio.to_thread(self.set, provider_id, key)

    async def adelete(self, provider_id: str) -> bool:
        return await asyncio.to_thread(self.delete, provider_id)
