"""What the settings panel's pages share: the helpers they build with and the state they read and write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDoubleSpinBox, QLabel

from app.core.settings import Settings
from app.providers.catalog import SPECS, ProviderSpec, custom_spec, get_spec

if TYPE_CHECKING:
    from PySide6.QtCore import Signal
    from PySide6.QtWidgets import QDialog as _Dialog
    from PySide6.QtWidgets import QLineEdit, QTabWidget

    from app.core.runtime import Runtime
else:
    _Dialog = object  # the pages are mixins of SettingsPanel (a QDialog); only the type checker needs the base

FLAG = "#b3261e"  # the colour of a flagged fallback entry and of problems
KeyInfo = tuple[str | None, str | None]  # (source: keychain/env/session/None, env var name)


def provider_ids(settings: Settings) -> list[str]:
    return [*(s.id for s in SPECS), *(e.id for e in settings.custom_endpoints)]


def spec_for(settings: Settings, provider_id: str) -> ProviderSpec:
    custom = settings.custom_endpoint(provider_id)
    if custom is not None:
        return custom_spec(custom.id, custom.name, custom.base_url, local=custom.local, keyless=custom.keyless)
    return get_spec(provider_id)


def float_spin(low: float, high: float, step: float, decimals: int = 1, suffix: str = " s") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    return box


def problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {FLAG};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class PanelPart(_Dialog):
    """One page of the settings panel: what it may use of the panel and of the other pages (declared for mypy)."""

    if TYPE_CHECKING:
        keys_changed: Signal
        tabs: QTabWidget
        draft: Settings
        key_info: dict[str, KeyInfo]
        keychain_available: bool
        keychain_where: str
        keychain_help: str
        key_refreshes: int
        _key_reads_started: int
        header_problems: list[str]
        _runtime: Runtime
        _shown_provider: str | None
        _shown_endpoint: int | None
        _shown_preset: int | None
        _id_edited: bool

        def _fill_provider_list(self, select: str | None = None) -> None: ...
        def _commit_endpoint(self) -> None: ...
        def _flag_fallbacks(self) -> None: ...
        async def save_key(self, provider_id: str, field: QLineEdit) -> bool: ...
