"""What one process shares, window or command line: settings, keys, one HTTP client, the database, prices."""

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

    from app.store import Store

    from .cost_lookups import CostLookups
    from .keys import KeyLookup, KeyStore
    from .library import Library
    from .mcp.service import McpService
    from .services import Services
    from .settings import Settings
    from .spending import Spending

# Imported in a worker thread after the window is first painted: httpx and the adapters cost ~200 ms.
WARM_MODULES = ("httpx", "app.providers", "app.providers.openai_chat", "app.core.chat", "app.core.endpoints",
                "app.store", "app.core.history", "app.core.turn", "markdown_it", "pygments.lexers",
                "pygments.formatters")  # fmt: skip

log = logging.getLogger("parley")
_LIVE: weakref.WeakSet[Runtime] = weakref.WeakSet()  # for `known_secrets`


def known_secrets() -> list[str]:
    """Every key this process has seen (looked up, set, kept for the session) and the catalog's key variables'
    values: what a crash report or a log line must never show. Never blocks: no keychain call."""
    from app.providers.catalog import key_variables

    found = {os.environ.get(var, "").strip() for var in key_variables()}
    for runtime in list(_LIVE):
        found.update(runtime.seen_keys.copy())  # copy(): one step, while a worker thread may add
    found.discard("")
    return sorted(found)


def _remembering_key_store(seen: set[str]) -> KeyStore:
    """A `KeyStore` that notes every key passing through it in `seen` (so reports can take them out)."""
    from .keys import KeyStore

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


class Runtime:
    """Built once by the window's start-up and once by each command. Everything is created on first use, so
    a command that needs no database never opens one and the window paints before httpx is imported."""

    def __init__(self, keys: KeyStore | None = None) -> None:
        self._keys = keys
        self._client: httpx.AsyncClient | None = None
        self.client_opened = False
        self.client_closed = False
        self._services: Services | None = None
        self.store: Store | None = None  # core reaches SQLite through this; the window and the CLI never do
        self.store_problem = ""  # why conversations are not being saved, in plain words
        self._settings: Settings | None = None
        self.settings_read_only = False  # the settings folder cannot be written: nothing will be saved there
        self._retired: list[httpx.AsyncClient] = []  # clients replaced after a CA bundle change, closed at exit
        self.tls_problem = ""  # why the CA bundle setting could not be used (verification stays on regardless)
        self.settings_warnings: list[str] = []  # what reading settings.json changed or ignored, for the user
        self.seen_keys: set[str] = set()  # keys looked up or set through `keys` (see `known_secrets`)
        self._catalog: concurrent.futures.Future[None] | None = None  # the price catalog loading (`catalog`)
        self._library: Library | None = None
        self._spending: Spending | None = None
        self._mcp: McpService | None = None
        self._cost_lookups: CostLookups | None = None
        _LIVE.add(self)

    @property
    def keys(self) -> KeyStore:
        if self._keys is None:
            self._keys = _remembering_key_store(self.seen_keys)
        return self._keys

    async def start(self) -> None:
        """Import the heavy modules off the loop, then create the shared client (the window, after first paint)."""
        for name in WARM_MODULES:
            await asyncio.to_thread(importlib.import_module, name)
        self.http()

    # -- settings ------------------------------------------------------------------------------------
    def settings(self) -> Settings:
        """The user's settings, read once; every part of the app shares this one object. A settings folder
        that cannot be made or read gives the defaults, with a warning saying so."""
        if self._settings is None:
            from .settings import LoadResult, Settings, load_settings

            try:
                loaded = load_settings()
            except OSError as exc:  # the config folder cannot be made (a file in its place, no permission)
                loaded = LoadResult(Settings(), [f"settings folder not usable ({exc}); using defaults"], read_only=True)
            self._settings = loaded.settings
            self.settings_read_only = loaded.read_only
            self.settings_warnings = list(loaded.warnings)
            for warning in self.settings_warnings:
                log.warning("settings: %s", warning)
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
            if self._services is not None:
                self._services.client = self.http()

    # -- network and prices -------------------------------------------------------------------------------
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
        from .tls import tls_context

        context, self.tls_problem = tls_context(self.settings().ca_bundle)
        if self.tls_problem:
            log.warning("%s", self.tls_problem)
        return context

    def services(self) -> Services:
        """Core's provider services (targets, chains, prices) over this client, key store and settings."""
        if self._services is None:
            from .services import Services

            self._services = Services(self.http(), self.keys, self.settings())
        return self._services

    def provider_name(self, provider_id: str) -> str:
        """A provider as people read it: "LM Studio", a custom endpoint's own name; the id if unknown."""
        custom = self.settings().custom_endpoint(provider_id)
        if custom is not None:
            return custom.name or provider_id
        from app.providers.catalog import get_spec

        try:
            return get_spec(provider_id).name
        except KeyError:
            return provider_id

    def start_catalog(self) -> concurrent.futures.Future[None]:
        """Start loading the price catalog in a thread of its own, once (~300 ms, ~25 MB): on the first sign
        of use rather than at start. Needs no running loop (a slot may call it)."""
        if self._catalog is None:
            from .pricing import preload_catalog

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

    # -- the database -------------------------------------------------------------------------------------
    def open_store_now(self) -> str:
        """Open the database (blocking). Returns '' or why conversations are not being saved; a refused
        database (corrupt, newer) is explained and never touched."""
        if self.store is not None:
            return ""
        from app.store import StoreError, open_store

        from .paths import db_path

        try:
            self.store = open_store(db_path())
            self.store_problem = ""
        except StoreError as exc:
            self.store_problem = str(exc)
        except OSError as exc:  # the data folder cannot be made or reached (a file in its place, read-only)
            self.store_problem = f"the data folder is not usable ({exc})"
        return self.store_problem

    async def open_store(self) -> str:
        """`open_store_now`, off the loop."""
        if self.store is not None:
            return ""
        return await asyncio.to_thread(self.open_store_now)

    @property
    def library(self) -> Library:
        """Conversations, search, branches, export and import (each call a no-op without a database)."""
        if self._library is None:
            from .library import Library

            self._library = Library(self)
        return self._library

    @property
    def spending(self) -> Spending:
        """The ledger's views: spend reports, the cost panel's figures, budgets' spend so far."""
        if self._spending is None:
            from .spending import Spending

            self._spending = Spending(self)
        return self._spending

    @property
    def mcp(self) -> McpService:
        """The window's MCP servers (made on first use; the SDK itself loads only when a server is used)."""
        if self._mcp is None:
            from .mcp.service import McpService

            self._mcp = McpService(self)
        return self._mcp

    @property
    def cost_lookups(self) -> CostLookups:
        """Providers' exact costs looked up after answers, and account reports on the user's schedule."""
        if self._cost_lookups is None:
            from .cost_lookups import CostLookups

            self._cost_lookups = CostLookups(self)
        return self._cost_lookups

    # -- the end ------------------------------------------------------------------------------------------
    def close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    async def aclose(self) -> None:
        if self._cost_lookups is not None:  # before the client and the database it uses are closed
            await self._cost_lookups.aclose()
        if self._mcp is not None:  # no MCP server outlives the app
            await self._mcp.aclose()
        self.close_store()
        for old in self._retired:
            await old.aclose()
        self._retired.clear()
        if self._client is not None:
            await self._client.aclose()
            self.client_closed = self._client.is_closed
            self._client = None
