"""The Qt-free services every controller shares: one HTTP client and the key store, created once by main."""

from __future__ import annotations

import asyncio
import concurrent.futures
import dataclasses
import importlib
import logging
import os
import threading
import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import ssl

    import httpx

    from app.core.keys import KeyLookup, KeyStore
    from app.core.services import Services as DomainServices
    from app.core.settings import Settings
    from app.store import Store

# Imported in a worker thread after the window is first painted: httpx and the adapters cost ~200 ms.
WARM_MODULES = ("httpx", "app.providers", "app.providers.openai_chat", "app.core.chat", "app.core.endpoints",
                "app.store", "app.core.history", "markdown_it", "pygments.lexers", "pygments.formatters")  # fmt: skip

_LIVE: weakref.WeakSet[Services] = weakref.WeakSet()  # for `known_secrets`


def known_secrets() -> list[str]:
    """Every key this process has seen (looked up, set, kept for the session) and the catalog's key variables'
    values: what a crash report or a log line must never show. Never blocks: no keychain call."""
    from app.providers.catalog import SPECS

    found = {os.environ.get(var, "").strip() for spec in SPECS for var in spec.key_env}
    for services in list(_LIVE):
        found.update(services.seen_keys.copy())  # copy(): one step, while a worker thread may add
    found.discard("")
    return sorted(found)


def _remembering_key_store(seen: set[str]) -> KeyStore:
    """A `KeyStore` that notes every key passing through it in `seen` (so reports can take them out)."""
    from app.core.keys import KeyStore

    class RememberingKeyStore(KeyStore):
        def get(self, provider_id: str) -> KeyLookup:
            found = super().get(provider_id)
            if found.value:
                seen.add(found.value)
            return found

        def set(self, provider_id: str, key: str) -> None:
            seen.add(key.strip())
            super().set(provider_id, key)

        def set_session(self, provider_id: str, key: str) -> None:
            seen.add(key.strip())
            super().set_session(provider_id, key)

    return RememberingKeyStore()


class Services:
    def __init__(self, keys: KeyStore | None = None) -> None:
        self._keys = keys
        self._client: httpx.AsyncClient | None = None
        self.client_opened = False
        self.client_closed = False
        self._domain: DomainServices | None = None
        self.store: Store | None = None
        self.store_problem = ""  # why conversations are not being saved, in plain words
        self._settings: Settings | None = None
        self._retired: list[httpx.AsyncClient] = []  # clients replaced after a CA bundle change, closed at exit
        self.tls_problem = ""  # why the CA bundle setting could not be used (verification stays on regardless)
        self.settings_warnings: list[str] = []  # what reading settings.json changed or ignored, for the user
        self.seen_keys: set[str] = set()  # keys looked up or set through `keys` (see `known_secrets`)
        self._catalog: concurrent.futures.Future[None] | None = None  # the price catalog loading (`catalog`)
        _LIVE.add(self)

    @property
    def keys(self) -> KeyStore:
        if self._keys is None:
            self._keys = _remembering_key_store(self.seen_keys)
        return self._keys

    async def start(self) -> None:
        """Import the heavy modules off the loop, then create the shared client."""
        for name in WARM_MODULES:
            await asyncio.to_thread(importlib.import_module, name)
        self.http()

    def start_catalog(self) -> concurrent.futures.Future[None]:
        """Start loading the price catalog in a thread of its own, once (~300 ms, ~25 MB): on the first sign
        of use rather than at start. Needs no running loop (a slot may call it)."""
        if self._catalog is None:
            from app.core.pricing import preload_catalog

            future: concurrent.futures.Future[None] = concurrent.futures.Future()

            def load() -> None:
                future.set_running_or_notify_cancel()
                try:
                    preload_catalog()
                except BaseException as exc:  # handed to whoever awaits it
                    future.set_exception(exc)
                else:
                    future.set_result(None)

            threading.Thread(target=load, name="parley-prices", daemon=True).start()
            self._catalog = future
        return self._catalog

    async def catalog(self) -> None:
        """The price catalog, loaded: awaited before anything prices on the loop's thread (budget checks, the
        finished answer)."""
        await asyncio.shield(asyncio.wrap_future(self.start_catalog()))

    async def open_store(self) -> None:
        """Open the database off the loop. A refused one (corrupt, newer) is explained and never touched."""
        if self.store is not None:
            return
        from app.core.paths import db_path
        from app.store import StoreError, open_store

        try:
            self.store = await asyncio.to_thread(lambda: open_store(db_path()))
            self.store_problem = ""
        except StoreError as exc:
            self.store_problem = f"Conversations are not being saved: {exc}"
        except OSError as exc:  # the data folder cannot be made or reached (a file in its place, read-only)
            self.store_problem = f"Conversations are not being saved: the data folder is not usable ({exc})"

    def http(self) -> httpx.AsyncClient:
        """The one shared client (created on first use; `trust_env` honours the user's proxy settings).

        TLS verification is always on; a CA bundle from the settings adds trusted CAs to the default ones."""
        if self._client is None:
            if self.client_opened and not self._retired:
                raise RuntimeError("the HTTP client was already closed")
            import httpx

            self._client = httpx.AsyncClient(trust_env=True, verify=self._tls_context())
            self.client_opened = True
        return self._client

    def _tls_context(self) -> ssl.SSLContext:
        from app.core.tls import tls_context

        context, self.tls_problem = tls_context(self.settings().ca_bundle)
        if self.tls_problem:
            logging.getLogger("parley").warning("%s", self.tls_problem)
        return context

    def settings(self) -> Settings:
        """The user's settings, read once; every part of the app shares this one object."""
        if self._settings is None:
            from app.core.settings import load_settings

            loaded = load_settings()
            self._settings = loaded.settings
            self.settings_warnings = list(loaded.warnings)
            for warning in self.settings_warnings:
                logging.getLogger("parley").warning("settings: %s", warning)
        return self._settings

    def replace_settings(self, new: Settings) -> None:
        """Use `new` from now on (after the settings panel saved it): the shared object is updated in place,
        so controllers and open panels see it at once. A changed CA bundle gets a fresh HTTP client; the old
        one is closed at exit, so answers streaming through it finish undisturbed."""
        current = self.settings()
        bundle_changed = current.ca_bundle != new.ca_bundle
        for f in dataclasses.fields(new):
            setattr(current, f.name, getattr(new, f.name))
        if bundle_changed and self._client is not None:
            self._retired.append(self._client)
            self._client = None
            if self._domain is not None:
                self._domain.client = self.http()

    def domain(self) -> DomainServices:
        """Core's services over this client and key store, with the user's settings (read once)."""
        if self._domain is None:
            from app.core.services import Services as CoreServices

            self._domain = CoreServices(self.http(), self.keys, self.settings())
        return self._domain

    async def aclose(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None
        for old in self._retired:
            await old.aclose()
        self._retired.clear()
        if self._client is not None:
            await self._client.aclose()
            self.client_closed = self._client.is_closed
            self._client = None
