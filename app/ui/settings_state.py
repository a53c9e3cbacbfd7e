"""What the settings panel's pages share: the draft settings, which providers have a key, and word of changes."""

from __future__ import annotations

import asyncio
import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.core.settings import Settings
from app.providers.catalog import SPECS, ProviderSpec, custom_spec, get_spec

from .i18n import translate

if TYPE_CHECKING:
    from app.core.keys import KeychainStatus, KeyStore
    from app.core.runtime import Runtime

KeyInfo = tuple[str | None, str | None]  # (source: keychain/env/session/None, env var name)


def provider_ids(settings: Settings) -> list[str]:
    return [*(s.id for s in SPECS), *(e.id for e in settings.custom_endpoints)]


def spec_for(settings: Settings, provider_id: str) -> ProviderSpec:
    custom = settings.custom_endpoint(provider_id)
    if custom is not None:
        return custom_spec(custom.id, custom.name, custom.base_url, local=custom.local, keyless=custom.keyless)
    return get_spec(provider_id)


def keychain_name(keys: KeyStore, status: KeychainStatus) -> str:
    """Where keys are kept, in words a user recognises (blocking: asks the keyring backend; Qt's translate is safe
    in this worker thread)."""
    backend = keys.backend
    inner = [b for b in getattr(backend, "backends", None) or [] if "fail" not in type(b).__module__]
    name = f"{type(inner[0] if inner else backend).__module__}.{type(inner[0] if inner else backend).__name__}"
    low = name.lower()
    if not status.available:
        return translate("PanelState", "nowhere safe (no usable keychain)")
    for word, label in (("secretservice", translate("PanelState", "the system keychain (Secret Service)")),
                        ("kwallet", "KWallet"), ("macos", translate("PanelState", "the macOS Keychain")),
                        ("windows", translate("PanelState", "Windows Credential Manager")),
                        ("_memorykeyring", translate("PanelState", "an in-memory test keyring"))):  # fmt: skip
        if word in low:
            return label
    return translate("PanelState", "the system keychain ({backend})").format(backend=name)


class PanelState(QObject):
    """The draft every page edits (Save writes it), the key states read from the keychain, and the signals
    by which one page's change reaches the others."""

    endpoints_changed = Signal()  # a custom endpoint was added, removed or renamed: provider lists are stale
    enabled_changed = Signal()  # a provider was turned on or off
    keys_read = Signal()  # the key states were read again

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.draft: Settings = copy.deepcopy(runtime.settings())
        self.key_info: dict[str, KeyInfo] = {}
        self.keychain_available = True
        self.keychain_where = translate("PanelState", "the system keychain")
        self.keychain_help = ""
        self.key_refreshes = 0  # how many times the key states were read (tests wait on it)
        self._key_reads_started = 0  # key reads begun (only the latest one's result is shown)

    def key(self, provider_id: str) -> KeyInfo:
        return self.key_info.get(provider_id, (None, None))

    def has_key(self, provider_id: str) -> bool:
        return self.key(provider_id)[0] is not None

    async def refresh_keys(self) -> None:
        """Read which providers have a key (off the loop). A read that started before a later one (a key saved
        meanwhile) is dropped, so a stale "no key" never overwrites a fresh one."""
        keys = self.runtime.keys
        ids = provider_ids(self.draft)
        self._key_reads_started = ticket = self._key_reads_started + 1

        def look() -> tuple[dict[str, KeyInfo], KeychainStatus, str]:
            status = keys.status()
            infos: dict[str, KeyInfo] = {}
            for pid in ids:
                found = keys.get(pid)
                infos[pid] = (found.source, found.env_var)
            return infos, status, keychain_name(keys, status)

        infos, status, where = await asyncio.to_thread(look)
        if ticket != self._key_reads_started:
            return
        self.key_info = infos
        self.keychain_available = status.available
        self.keychain_help = status.explanation
        self.keychain_where = where
        self.key_refreshes += 1
        self.keys_read.emit()
