"""Provider settings: keys (keychain), base URLs, custom endpoints, Azure, timeouts, presets and fallbacks.

Every edit goes into a draft copy of the settings; Save validates it, writes it atomically and hands it to
the running app. Keys are the exception: "Save key" writes straight to the keychain and the field is
cleared, never filled from it again.
"""

from __future__ import annotations

import asyncio
import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import Settings, SettingsError, validate
from app.providers.catalog import SPECS

from .endpoint_editor import EndpointEditor, parse_headers, slug
from .loop import spawn
from .presets_editor import PresetsEditor
from .provider_page import ProviderPage, describe_test_failure, key_status_text, keychain_name
from .settings_base import FLAG, KeyInfo, problem_label, provider_ids, spec_for

if TYPE_CHECKING:
    from app.core.runtime import Runtime

    from .chat_controller import ProviderChoice

__all__ = [
    "FLAG", "PANEL_FIELDS", "KeyInfo", "SettingsPanel", "chat_choices", "describe_test_failure",
    "key_status_text", "keychain_name", "parse_headers", "provider_ids", "slug", "spec_for",
]  # fmt: skip

# Fields the panel edits; everything else (budgets, window layout, prices...) is left as the app holds it.
PANEL_FIELDS = ("providers", "custom_endpoints", "azure", "presets", "ca_bundle", "defaults", "welcome_done")


def chat_choices(settings: Settings) -> list[ProviderChoice]:
    """The providers the chat panel offers: enabled catalog providers, then enabled custom endpoints."""
    from .chat_controller import ProviderChoice

    choices = []
    for pid in settings.enabled_providers(s.id for s in SPECS):
        spec = spec_for(settings, pid)
        choices.append(ProviderChoice(spec.id, spec.name, spec.base_url, spec.keyless or spec.local))
    return choices


class SettingsPanel(ProviderPage, EndpointEditor, PresetsEditor, QDialog):
    """A window of its own; `saved` carries the settings the app now uses."""

    saved = Signal(object)
    keys_changed = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Providers and keys")
        self.setModal(False)
        self._runtime = runtime
        self.draft: Settings = copy.deepcopy(runtime.settings())
        self.key_info: dict[str, KeyInfo] = {}
        self.keychain_available = True
        self.keychain_where = "the system keychain"
        self.keychain_help = ""
        self.key_refreshes = 0  # how many times the key states were read (tests wait on it)
        self._key_reads_started = 0  # key reads begun (only the latest one's result is shown)
        self._shown_provider: str | None = None
        self._shown_endpoint: int | None = None
        self._shown_preset: int | None = None
        self._id_edited = False
        self.header_problems: list[str] = []
        self._saving = False
        self.tabs = QTabWidget()
        self.tabs.addTab(self._providers_page(), "&Providers")
        self.tabs.addTab(self._endpoints_page(), "&Custom endpoints")
        self.tabs.addTab(self._presets_page(), "Pre&sets")
        self.tabs.addTab(self._network_page(), "&Network")
        self.problems_label = problem_label()
        self.status_label = QLabel()
        self.save_button = QPushButton("&Save")
        self.save_button.clicked.connect(lambda: spawn(self.save()))
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(buttons)
        self.resize(900, 720)
        self._fill_provider_list()
        self._fill_endpoint_list()
        self._fill_preset_list()
        self.provider_list.setCurrentRow(0)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return belongs to the field it was typed in (a fallback entry is added with it), never "Save".
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    # -- network page --------------------------------------------------------------------------------
    def _network_page(self) -> QWidget:
        page = QWidget()
        self.ca_bundle_edit = QLineEdit(self.draft.ca_bundle or "")
        self.ca_bundle_edit.setPlaceholderText("Optional: a PEM file of extra certificate authorities")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_ca)
        row = QHBoxLayout()
        row.addWidget(self.ca_bundle_edit, 1)
        row.addWidget(browse)
        note = QLabel("TLS certificates are always checked. A CA bundle adds the certificate authorities a company "
                      "proxy signs with to the usual ones. Proxies come from HTTPS_PROXY, HTTP_PROXY and NO_PROXY.")
        note.setWordWrap(True)
        form = QFormLayout(page)
        form.addRow(note)
        form.addRow("CA bundle", row)
        return page

    def _browse_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, "CA bundle", "", "Certificates (*.pem *.crt);;All files (*)")
        if path:
            self.ca_bundle_edit.setText(path)

    # -- saving --------------------------------------------------------------------------------------
    def commit(self) -> None:
        self._commit_provider()
        self._commit_endpoint()
        self._commit_preset()
        self.draft.ca_bundle = self.ca_bundle_edit.text().strip() or None

    def problems(self) -> list[str]:
        from app.core.endpoints import check_base_url

        problems = list(self.header_problems)
        for ep in self.draft.custom_endpoints:
            if not ep.name:
                problems.append(f"Custom endpoint {ep.id!r} needs a name.")
        for pid, ps in self.draft.providers.items():
            if ps.base_url:
                try:
                    check_base_url(ps.base_url)
                except ValueError as exc:
                    problems.append(f"{pid}: {exc}.")
        problems += [p for p in validate(self.draft) if p not in " ".join(problems)]
        return problems

    async def save(self) -> bool:
        """Validate and write the draft atomically; the running app uses it at once. Nothing typed is lost."""
        from app.core.settings import save_settings

        if self._saving:
            return False
        self.commit()
        problems = self.problems()
        if problems:
            self.problems_label.setText("Not saved:\n" + "\n".join(f"• {p}" for p in problems))
            self.status_label.setText("Fix the problems below, then save again.")
            return False
        merged = copy.deepcopy(self._runtime.settings())
        for name in PANEL_FIELDS:
            setattr(merged, name, copy.deepcopy(getattr(self.draft, name)))
        self._saving = True
        try:
            await asyncio.to_thread(save_settings, merged)
        except (SettingsError, OSError) as exc:
            self.problems_label.setText(f"Not saved: {exc}")
            return False
        finally:
            self._saving = False
        self._runtime.replace_settings(merged)
        self.problems_label.clear()
        self.status_label.setText("Saved.")
        self.saved.emit(self._runtime.settings())
        return True
