"""Provider settings: keys (keychain), base URLs, custom endpoints, Azure, timeouts, presets and fallbacks.

Every edit goes into a draft copy of the settings; Save validates it, writes it atomically and hands it to
the running app. Keys are the exception: "Save key" writes straight to the keychain and the field is
cleared, never filled from it again.
"""

from __future__ import annotations

import asyncio
import copy
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import (
    CustomEndpoint,
    Preset,
    ProviderSettings,
    RetrySettings,
    Settings,
    SettingsError,
    TimeoutSettings,
    fallback_problems,
    is_auth_header,
    validate,
)
from app.providers.catalog import SPECS, ProviderSpec, custom_spec, get_spec

from .loop import spawn

if TYPE_CHECKING:
    from app.core.keys import KeychainStatus, KeyStore

    from .chat_controller import ProviderChoice
    from .main_window import MainWindow
    from .services import Services

FLAG = "#b3261e"  # the colour of a flagged fallback entry and of problems
KeyInfo = tuple[str | None, str | None]  # (source: keychain/env/session/None, env var name)

# Fields the panel edits; everything else (budgets, window layout, prices...) is left as the app holds it.
PANEL_FIELDS = ("providers", "custom_endpoints", "azure", "presets", "ca_bundle", "defaults", "welcome_done")


def keychain_name(keys: KeyStore, status: KeychainStatus) -> str:
    """Where keys are kept, in words a user recognises (blocking: asks the keyring backend)."""
    backend = keys.backend
    inner = [b for b in getattr(backend, "backends", None) or [] if "fail" not in type(b).__module__]
    name = f"{type(inner[0] if inner else backend).__module__}.{type(inner[0] if inner else backend).__name__}"
    low = name.lower()
    if not status.available:
        return "nowhere safe (no usable keychain)"
    for word, label in (("secretservice", "the system keychain (Secret Service)"), ("kwallet", "KWallet"),
                        ("macos", "the macOS Keychain"), ("windows", "Windows Credential Manager"),
                        ("_memorykeyring", "an in-memory test keyring")):  # fmt: skip
        if word in low:
            return label
    return f"the system keychain ({name})"


def key_status_text(info: KeyInfo, where: str, keyless: bool) -> str:
    source, env_var = info
    if source == "keychain":
        return f"A key is set. Stored in {where}."
    if source == "session":
        return "A key is set for this session only: it is kept in memory and forgotten when Parley closes."
    if source == "env":
        return f"A key comes from the environment variable {env_var} (read-only here)."
    return "No key needed (a local server)." if keyless else "No key set."


def provider_ids(settings: Settings) -> list[str]:
    return [*(s.id for s in SPECS), *(e.id for e in settings.custom_endpoints)]


def spec_for(settings: Settings, provider_id: str) -> ProviderSpec:
    custom = settings.custom_endpoint(provider_id)
    if custom is not None:
        return custom_spec(custom.id, custom.name, custom.base_url, local=custom.local, keyless=custom.keyless)
    return get_spec(provider_id)


def chat_choices(settings: Settings) -> list[ProviderChoice]:
    """The providers the chat panel offers: enabled catalog providers, then enabled custom endpoints."""
    from .chat_controller import ProviderChoice

    choices = []
    for pid in settings.enabled_providers(s.id for s in SPECS):
        spec = spec_for(settings, pid)
        choices.append(ProviderChoice(spec.id, spec.name, spec.base_url, spec.keyless or spec.local))
    return choices


def parse_headers(text: str) -> tuple[dict[str, str], list[str]]:
    """"Name: value" lines into headers, and a plain refusal for each line that cannot be used."""
    headers: dict[str, str] = {}
    problems: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not re.fullmatch(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+", name):
            problems.append(f"{line.strip()!r} is not a header: write it as Name: value.")
        elif is_auth_header(name):
            problems.append(f"The header {name!r} is refused: it would override the endpoint's key. Put the key "
                            "in the key field instead; it is stored in the keychain.")  # fmt: skip
        else:
            headers[name] = value
    return headers, problems


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "endpoint"


def _spin(low: float, high: float, step: float, decimals: int = 1, suffix: str = " s") -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(low, high)
    box.setSingleStep(step)
    box.setDecimals(decimals)
    box.setSuffix(suffix)
    return box


def _problem_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {FLAG};")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SettingsPanel(QDialog):
    """A window of its own; `saved` carries the settings the app now uses."""

    saved = Signal(object)
    keys_changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Providers and keys")
        self.setModal(False)
        self._services = services
        self.draft: Settings = copy.deepcopy(services.settings())
        self.key_info: dict[str, KeyInfo] = {}
        self.keychain_available = True
        self.keychain_where = "the system keychain"
        self.keychain_help = ""
        self.key_refreshes = 0  # how many times the key states were read (tests wait on it)
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
        self.problems_label = _problem_label()
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

    # -- providers page ----------------------------------------------------------------------------
    def _providers_page(self) -> QWidget:
        page = QWidget()
        self.provider_list = QListWidget()
        self.provider_list.setObjectName("provider_list")
        self.provider_list.setMaximumWidth(230)
        self.provider_list.currentRowChanged.connect(self._provider_row_changed)
        self.provider_list.itemChanged.connect(self._enable_toggled)
        self.provider_title = QLabel()
        self.provider_title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setObjectName("key")
        self.save_key_button = QPushButton("Save key")
        self.save_key_button.clicked.connect(lambda: spawn(self.save_key(self.current_provider(), self.key_edit)))
        self.session_key_button = QPushButton("Use for this session only")
        self.session_key_button.clicked.connect(lambda: spawn(self.session_key(self.current_provider())))
        self.remove_key_button = QPushButton("Remove key")
        self.remove_key_button.clicked.connect(lambda: spawn(self.remove_key(self.current_provider())))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.save_key_button)
        key_row.addWidget(self.session_key_button)
        key_row.addWidget(self.remove_key_button)
        self.key_help = QLabel()
        self.key_help.setWordWrap(True)
        self.key_help.setOpenExternalLinks(True)
        self.base_url_edit = QLineEdit()
        self.base_url_edit.setObjectName("provider_base_url")
        self.connect_spin = _spin(0.5, 600, 1)
        self.first_byte_spin = _spin(1, 3600, 10)
        self.between_spin = _spin(1, 3600, 10)
        self.retries_spin = QSpinBox()
        self.retries_spin.setRange(0, 10)
        self.base_delay_spin = _spin(0, 60, 0.5)
        self.max_delay_spin = _spin(0, 600, 5)
        self.budget_spin = _spin(0, 3600, 10)
        limits = QGroupBox("Timeouts and retries")
        grid = QFormLayout(limits)
        grid.addRow("Connect", self.connect_spin)
        grid.addRow("First byte (local servers may be loading a model)", self.first_byte_spin)
        grid.addRow("Between chunks", self.between_spin)
        grid.addRow("Retries before the first token", self.retries_spin)
        grid.addRow("First wait (doubles each retry)", self.base_delay_spin)
        grid.addRow("Longest wait", self.max_delay_spin)
        grid.addRow("All retries together at most", self.budget_spin)
        self.azure_box = QGroupBox("Azure OpenAI")
        self.azure_endpoint_edit = QLineEdit()
        self.azure_endpoint_edit.setPlaceholderText("https://NAME.openai.azure.com")
        self.azure_version_edit = QLineEdit()
        self.azure_deployments_edit = QLineEdit()
        self.azure_deployments_edit.setPlaceholderText("deployment names, separated by commas")
        azure_form = QFormLayout(self.azure_box)
        azure_form.addRow("Resource endpoint", self.azure_endpoint_edit)
        azure_form.addRow("API version", self.azure_version_edit)
        azure_form.addRow("Deployments", self.azure_deployments_edit)
        self.test_button = QPushButton("&Test")
        self.test_button.setToolTip("Lists the provider's models with these settings and the stored key")
        self.test_button.clicked.connect(lambda: spawn(self.test_provider()))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.provider_title)
        form.addRow("API key", key_row)
        form.addRow("", self.key_status)
        form.addRow("", self.key_help)
        form.addRow("Base URL", self.base_url_edit)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.azure_box)
        right.addWidget(limits)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        right.addLayout(test_row)
        right.addStretch(1)
        layout = QHBoxLayout(page)
        layout.addWidget(self.provider_list)
        layout.addLayout(right, 1)
        return page

    def _fill_provider_list(self, select: str | None = None) -> None:
        current = select or self.current_provider()
        self.provider_list.blockSignals(True)
        self.provider_list.clear()
        for pid in provider_ids(self.draft):
            spec = spec_for(self.draft, pid)
            tag = " (custom)" if self.draft.custom_endpoint(pid) else " (local)" if spec.local else ""
            item = QListWidgetItem(spec.name + tag)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if self.draft.is_enabled(pid) else Qt.CheckState.Unchecked)
            item.setToolTip("Tick to offer this provider in the chat panel")
            self.provider_list.addItem(item)
        self.provider_list.blockSignals(False)
        self._shown_provider = None
        if current:
            self._show_provider_row(current)

    def current_provider(self) -> str:
        item = self.provider_list.currentItem()
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return data if isinstance(data, str) else ""

    def select_provider(self, provider_id: str) -> None:
        """Show one provider's settings (the welcome view's "Add a key…" lands here)."""
        self.tabs.setCurrentIndex(0)
        self._show_provider_row(provider_id)

    def _show_provider_row(self, provider_id: str) -> None:
        for row in range(self.provider_list.count()):
            if self.provider_list.item(row).data(Qt.ItemDataRole.UserRole) == provider_id:
                self.provider_list.setCurrentRow(row)
                self._provider_row_changed(row)
                return

    def provider_item(self, provider_id: str) -> QListWidgetItem | None:
        for row in range(self.provider_list.count()):
            item = self.provider_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == provider_id:
                return item
        return None

    def _enable_toggled(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        ps = self.draft.providers.setdefault(pid, ProviderSettings())
        ps.enabled = item.checkState() == Qt.CheckState.Checked
        self._tidy_provider(pid)
        self._flag_fallbacks()

    def _tidy_provider(self, pid: str) -> None:
        if self.draft.providers.get(pid) == ProviderSettings():
            del self.draft.providers[pid]

    def _provider_row_changed(self, _row: int) -> None:
        self._commit_provider()
        pid = self.current_provider()
        self._shown_provider = pid or None
        if not pid:
            return
        spec = spec_for(self.draft, pid)
        ps = self.draft.provider(pid)
        self.provider_title.setText(spec.name)
        self.key_edit.clear()
        self.key_edit.setPlaceholderText(f"Paste the key ({spec.key_hint})" if spec.key_hint else "Paste the key")
        help_parts = [f"Get a key at <a href='{spec.docs_url}'>{spec.docs_url}</a>." if spec.docs_url else "",
                      f"Environment variable: {', '.join(spec.key_env)}." if spec.key_env else ""]  # fmt: skip
        self.key_help.setText(" ".join(p for p in help_parts if p))
        self.base_url_edit.setText(ps.base_url or "")
        self.base_url_edit.setPlaceholderText(spec.base_url or "the resource endpoint below")
        self.base_url_edit.setEnabled(self.draft.custom_endpoint(pid) is None)
        t, r = ps.timeouts, ps.retries
        for box, value in ((self.connect_spin, t.connect), (self.first_byte_spin, t.first_byte),
                           (self.between_spin, t.between_chunks), (self.base_delay_spin, r.base_delay),
                           (self.max_delay_spin, r.max_delay), (self.budget_spin, r.total_budget)):  # fmt: skip
            box.setValue(value)
        self.retries_spin.setValue(r.max_retries)
        self.azure_box.setVisible(pid == "azure")
        az = self.draft.azure
        self.azure_endpoint_edit.setText(az.endpoint)
        self.azure_version_edit.setText(az.api_version)
        self.azure_deployments_edit.setText(", ".join(az.deployments))
        self.test_result.clear()
        self._show_key_state()

    def _show_key_state(self) -> None:
        pid = self._shown_provider
        if not pid:
            return
        spec = spec_for(self.draft, pid)
        info = self.key_info.get(pid, (None, None))
        text = key_status_text(info, self.keychain_where, spec.keyless)
        if not self.keychain_available and info[0] is None and not spec.keyless:
            text += " " + self.keychain_help
        self.key_status.setText(text)
        self.remove_key_button.setVisible(info[0] in ("keychain", "session"))
        self.save_key_button.setEnabled(self.keychain_available)
        self.session_key_button.setVisible(not self.keychain_available)

    def _commit_provider(self) -> None:
        """The shown provider's fields into the draft (called before anything reads the draft)."""
        pid = self._shown_provider
        if not pid:
            return
        ps = copy.deepcopy(self.draft.provider(pid))
        if self.draft.custom_endpoint(pid) is None:
            ps.base_url = self.base_url_edit.text().strip() or None
        ps.timeouts = TimeoutSettings(self.connect_spin.value(), self.first_byte_spin.value(),
                                      self.between_spin.value())  # fmt: skip
        ps.retries = RetrySettings(self.retries_spin.value(), self.base_delay_spin.value(),
                                   self.max_delay_spin.value(), self.budget_spin.value())  # fmt: skip
        self.draft.providers[pid] = ps
        self._tidy_provider(pid)
        if pid == "azure":
            az = self.draft.azure
            az.endpoint = self.azure_endpoint_edit.text().strip()
            az.api_version = self.azure_version_edit.text().strip() or az.api_version
            az.deployments = [d.strip() for d in self.azure_deployments_edit.text().split(",") if d.strip()]

    # -- keys (keychain calls run in a thread, never on the loop) --------------------------------------
    async def refresh_keys(self) -> None:
        keys = self._services.keys
        ids = provider_ids(self.draft)

        def look() -> tuple[dict[str, KeyInfo], KeychainStatus, str]:
            status = keys.status()
            infos: dict[str, KeyInfo] = {}
            for pid in ids:
                found = keys.get(pid)
                infos[pid] = (found.source, found.env_var)
            return infos, status, keychain_name(keys, status)

        infos, status, where = await asyncio.to_thread(look)
        self.key_info = infos
        self.keychain_available = status.available
        self.keychain_help = status.explanation
        self.keychain_where = where
        self.key_refreshes += 1
        self._show_key_state()
        self._flag_fallbacks()

    async def save_key(self, provider_id: str, field: QLineEdit) -> bool:
        """Write the typed key to the keychain; the field is cleared and never refilled from it."""
        from app.core.keys import KeychainUnavailable

        key = field.text().strip()
        if not provider_id or not key:
            self.test_result.setText("Type or paste a key first.")
            return False
        try:
            await self._services.keys.aset(provider_id, key)
        except (KeychainUnavailable, ValueError) as exc:
            self.test_result.setText(f"The key was not saved: {exc}")
            return False
        field.clear()
        await self.refresh_keys()
        self.test_result.setText(f"Key saved in {self.keychain_where}.")
        self.keys_changed.emit()
        return True

    async def session_key(self, provider_id: str) -> None:
        key = self.key_edit.text().strip()
        if not provider_id or not key:
            self.test_result.setText("Type or paste a key first.")
            return
        self._services.keys.set_session(provider_id, key)
        self.key_edit.clear()
        await self.refresh_keys()
        self.test_result.setText("Key kept for this session only; it is forgotten when Parley closes.")
        self.keys_changed.emit()

    async def remove_key(self, provider_id: str) -> None:
        from app.core.keys import KeychainUnavailable

        try:
            await self._services.keys.adelete(provider_id)
        except KeychainUnavailable as exc:
            self.test_result.setText(f"The key was not removed: {exc}")
            return
        await self.refresh_keys()
        self.test_result.setText("Key removed.")
        self.keys_changed.emit()

    async def test_provider(self, provider_id: str | None = None) -> str:
        """List models with the draft settings and the stored key; the result in plain words."""
        from app.core.endpoints import TargetSpec
        from app.core.services import Services as CoreServices
        from app.providers import ProviderError, adapter_for

        self._commit_endpoint()
        self._commit_provider()
        pid = provider_id or self.current_provider()
        self.test_result.setText("Testing…")
        self.test_button.setEnabled(False)
        try:
            domain = CoreServices(self._services.http(), self._services.keys, copy.deepcopy(self.draft))
            target = await asyncio.to_thread(domain.target, TargetSpec(pid, "-"))
            models = await adapter_for(target.endpoint).list_models(domain.client)
        except ValueError as exc:
            text = f"Not tested: {exc}."
        except ProviderError as err:
            text = describe_test_failure(err)
        else:
            keyed = target.endpoint.api_key is not None
            count = f"{len(models)} model{'' if len(models) == 1 else 's'} found"
            text = f"Key accepted: {count}." if keyed else f"Reachable: {count}."
        finally:
            self.test_button.setEnabled(True)
        self.test_result.setText(text)
        return text

    # -- custom endpoints page -------------------------------------------------------------------------
    def _endpoints_page(self) -> QWidget:
        page = QWidget()
        self.endpoint_list = QListWidget()
        self.endpoint_list.setMaximumWidth(230)
        self.endpoint_list.currentRowChanged.connect(self._endpoint_row_changed)
        add = QPushButton("Add endpoint")
        add.clicked.connect(self.add_endpoint)
        self.remove_endpoint_button = QPushButton("Remove")
        self.remove_endpoint_button.clicked.connect(self.remove_endpoint)
        left = QVBoxLayout()
        left.addWidget(self.endpoint_list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_endpoint_button)
        left.addLayout(row)
        self.endpoint_name_edit = QLineEdit()
        self.endpoint_name_edit.textEdited.connect(self._endpoint_name_edited)
        self.endpoint_id_edit = QLineEdit()
        self.endpoint_id_edit.setToolTip("Used in fallback chains (ID:MODEL) and as the key's name in the keychain")
        self.endpoint_id_edit.textEdited.connect(lambda _t: setattr(self, "_id_edited", True))
        self.endpoint_url_edit = QLineEdit()
        self.endpoint_url_edit.setPlaceholderText("http://localhost:8000/v1")
        self.endpoint_local_check = QCheckBox("Runs on this machine or my network (free: no prices)")
        self.endpoint_keyless_check = QCheckBox("Needs no key")
        self.endpoint_key_edit = QLineEdit()
        self.endpoint_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.endpoint_key_edit.setPlaceholderText("Optional: paste the key (stored in the keychain)")
        save_key = QPushButton("Save key")
        save_key.clicked.connect(lambda: spawn(self._save_endpoint_key()))
        key_row = QHBoxLayout()
        key_row.addWidget(self.endpoint_key_edit, 1)
        key_row.addWidget(save_key)
        self.endpoint_headers_edit = QPlainTextEdit()
        self.endpoint_headers_edit.setPlaceholderText("Optional extra headers, one per line: Name: value")
        self.endpoint_headers_edit.setMaximumHeight(90)
        self.endpoint_headers_edit.textChanged.connect(self._headers_changed)
        self.header_problem_label = _problem_label()
        self.endpoint_form = QWidget()
        form = QFormLayout(self.endpoint_form)
        form.addRow("Name", self.endpoint_name_edit)
        form.addRow("Id", self.endpoint_id_edit)
        form.addRow("Base URL", self.endpoint_url_edit)
        form.addRow("", self.endpoint_local_check)
        form.addRow("", self.endpoint_keyless_check)
        form.addRow("API key", key_row)
        form.addRow("Headers", self.endpoint_headers_edit)
        form.addRow("", self.header_problem_label)
        note = QLabel("Any server that speaks the OpenAI chat API: vLLM, llama.cpp, LiteLLM, a company proxy. "
                      "Its key, if it needs one, is kept in the keychain; headers cannot carry keys.")  # fmt: skip
        note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(note)
        right.addWidget(self.endpoint_form)
        right.addStretch(1)
        layout = QHBoxLayout(page)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        return page

    def _fill_endpoint_list(self, select: int | None = None) -> None:
        self.endpoint_list.blockSignals(True)
        self.endpoint_list.clear()
        for ep in self.draft.custom_endpoints:
            self.endpoint_list.addItem(ep.name or ep.id)
        self.endpoint_list.blockSignals(False)
        self._shown_endpoint = None
        if select is not None and 0 <= select < len(self.draft.custom_endpoints):
            self.endpoint_list.setCurrentRow(select)
        self._endpoint_row_changed(self.endpoint_list.currentRow())

    def add_endpoint(self) -> CustomEndpoint:
        self._commit_endpoint()
        taken = {*provider_ids(self.draft)}
        n = 1
        while f"custom-{n}" in taken:
            n += 1
        ep = CustomEndpoint(f"custom-{n}", "", "", local=True)
        self.draft.custom_endpoints.append(ep)
        self._id_edited = False
        self._fill_endpoint_list(len(self.draft.custom_endpoints) - 1)
        self._fill_provider_list()
        self.endpoint_name_edit.setFocus()
        return ep

    def remove_endpoint(self) -> None:
        index = self._shown_endpoint
        if index is None:
            return
        self._shown_endpoint = None
        removed = self.draft.custom_endpoints.pop(index)
        self.draft.providers.pop(removed.id, None)
        self._fill_endpoint_list(min(index, len(self.draft.custom_endpoints) - 1))
        self._fill_provider_list()

    def _endpoint_row_changed(self, row: int) -> None:
        self._commit_endpoint()
        valid = 0 <= row < len(self.draft.custom_endpoints)
        self.endpoint_form.setEnabled(valid)
        self.remove_endpoint_button.setEnabled(valid)
        self._shown_endpoint = row if valid else None
        ep = self.draft.custom_endpoints[row] if valid else CustomEndpoint("", "", "")
        self._id_edited = bool(ep.name) and ep.id != slug(ep.name)
        for edit, text in ((self.endpoint_name_edit, ep.name), (self.endpoint_id_edit, ep.id),
                           (self.endpoint_url_edit, ep.base_url)):  # fmt: skip
            edit.setText(text)
        self.endpoint_local_check.setChecked(ep.local)
        self.endpoint_keyless_check.setChecked(ep.keyless)
        self.endpoint_key_edit.clear()
        self.endpoint_headers_edit.setPlainText("\n".join(f"{k}: {v}" for k, v in ep.headers.items()))

    def _endpoint_name_edited(self, text: str) -> None:
        index = self._shown_endpoint
        saved_ids = {e.id for e in self._services.settings().custom_endpoints}
        if index is not None and not self._id_edited and self.draft.custom_endpoints[index].id not in saved_ids:
            self.endpoint_id_edit.setText(slug(text))

    def _headers_changed(self) -> None:
        _headers, problems = parse_headers(self.endpoint_headers_edit.toPlainText())
        self.header_problem_label.setText("\n".join(problems))

    def _commit_endpoint(self) -> None:
        index = self._shown_endpoint
        if index is None or index >= len(self.draft.custom_endpoints):
            return
        old = self.draft.custom_endpoints[index]
        headers, problems = parse_headers(self.endpoint_headers_edit.toPlainText())
        # A refused line stays in the editor (nothing typed is lost) and blocks saving until it is fixed.
        self.header_problems = [f"{self.endpoint_name_edit.text() or old.id}: {p}" for p in problems]
        new = replace(old, name=self.endpoint_name_edit.text().strip(), id=self.endpoint_id_edit.text().strip(),
                      base_url=self.endpoint_url_edit.text().strip(), local=self.endpoint_local_check.isChecked(),
                      keyless=self.endpoint_keyless_check.isChecked(), headers=headers)  # fmt: skip
        self.draft.custom_endpoints[index] = new
        if new.id != old.id and old.id in self.draft.providers:
            self.draft.providers[new.id] = self.draft.providers.pop(old.id)
        if (new.name, new.id, new.local, new.keyless) != (old.name, old.id, old.local, old.keyless):
            item = self.endpoint_list.item(index)
            if item is not None:
                item.setText(new.name or new.id)
            self._fill_provider_list()

    async def _save_endpoint_key(self) -> None:
        self._commit_endpoint()
        index = self._shown_endpoint
        if index is not None:
            await self.save_key(self.draft.custom_endpoints[index].id, self.endpoint_key_edit)

    # -- presets page --------------------------------------------------------------------------------
    def _presets_page(self) -> QWidget:
        page = QWidget()
        self.preset_list = QListWidget()
        self.preset_list.setMaximumWidth(230)
        self.preset_list.currentRowChanged.connect(self._preset_row_changed)
        add = QPushButton("Add preset")
        add.clicked.connect(self.add_preset)
        self.remove_preset_button = QPushButton("Remove")
        self.remove_preset_button.clicked.connect(self.remove_preset)
        left = QVBoxLayout()
        left.addWidget(self.preset_list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_preset_button)
        left.addLayout(row)
        self.preset_name_edit = QLineEdit()
        self.preset_provider_box = QComboBox()
        self.preset_model_edit = QLineEdit()
        self.preset_system_edit = QPlainTextEdit()
        self.preset_system_edit.setMaximumHeight(60)
        self.preset_system_edit.setPlaceholderText("Optional system prompt")
        self.temperature_spin = _spin(-0.1, 2.0, 0.1, 2, "")
        self.temperature_spin.setSpecialValueText("provider default")
        self.max_tokens_spin = QSpinBox()
        self.max_tokens_spin.setRange(0, 2_000_000)
        self.max_tokens_spin.setSpecialValueText("provider default")
        self.effort_box = QComboBox()
        self.effort_box.addItem("provider default", None)
        for effort in ("low", "medium", "high"):
            self.effort_box.addItem(effort, effort)
        self.json_check = QCheckBox("Answer in JSON")
        self.fallback_list = QListWidget()
        self.fallback_list.setMaximumHeight(110)
        self.fallback_edit = QLineEdit()
        self.fallback_edit.setPlaceholderText("PROVIDER:MODEL, for example groq:llama-3.3-70b-versatile")
        self.fallback_edit.returnPressed.connect(self.add_fallback)
        add_fb = QPushButton("Add")
        add_fb.clicked.connect(self.add_fallback)
        remove_fb = QPushButton("Remove")
        remove_fb.clicked.connect(self._remove_fallback)
        up = QPushButton("Up")
        up.clicked.connect(lambda: self._move_fallback(-1))
        down = QPushButton("Down")
        down.clicked.connect(lambda: self._move_fallback(1))
        fb_row = QHBoxLayout()
        for w in (self.fallback_edit, add_fb, remove_fb, up, down):
            fb_row.addWidget(w, 1 if w is self.fallback_edit else 0)
        self.fallback_problems_label = _problem_label()
        self.preset_form = QWidget()
        form = QFormLayout(self.preset_form)
        form.addRow("Name", self.preset_name_edit)
        form.addRow("Provider", self.preset_provider_box)
        form.addRow("Model", self.preset_model_edit)
        form.addRow("System prompt", self.preset_system_edit)
        form.addRow("Temperature", self.temperature_spin)
        form.addRow("Max tokens", self.max_tokens_spin)
        form.addRow("Reasoning effort", self.effort_box)
        form.addRow("", self.json_check)
        form.addRow("Fallbacks, in order", self.fallback_list)
        form.addRow("", fb_row)
        form.addRow("", self.fallback_problems_label)
        note = QLabel("When the provider fails before answering (down, rate limited, overloaded), the fallbacks "
                      "are tried in order. An entry that cannot be used is flagged here.")  # fmt: skip
        note.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(note)
        right.addWidget(self.preset_form)
        right.addStretch(1)
        layout = QHBoxLayout(page)
        layout.addLayout(left)
        layout.addLayout(right, 1)
        return page

    def _fill_preset_list(self, select: int | None = None) -> None:
        self.preset_list.blockSignals(True)
        self.preset_list.clear()
        for p in self.draft.presets:
            self.preset_list.addItem(p.name)
        self.preset_list.blockSignals(False)
        self._shown_preset = None
        if select is not None and 0 <= select < len(self.draft.presets):
            self.preset_list.setCurrentRow(select)
        self._preset_row_changed(self.preset_list.currentRow())

    def add_preset(self) -> Preset:
        self._commit_preset()
        names = {p.name for p in self.draft.presets}
        n = 1
        while f"Preset {n}" in names:
            n += 1
        preset = Preset(f"Preset {n}", self.draft.defaults.provider or "openai", self.draft.defaults.model or "")
        self.draft.presets.append(preset)
        self._fill_preset_list(len(self.draft.presets) - 1)
        self.preset_name_edit.setFocus()
        self.preset_name_edit.selectAll()
        return preset

    def remove_preset(self) -> None:
        index = self._shown_preset
        if index is None:
            return
        self._shown_preset = None
        self.draft.presets.pop(index)
        self._fill_preset_list(min(index, len(self.draft.presets) - 1))

    def _preset_row_changed(self, row: int) -> None:
        self._commit_preset()
        valid = 0 <= row < len(self.draft.presets)
        self.preset_form.setEnabled(valid)
        self.remove_preset_button.setEnabled(valid)
        self._shown_preset = row if valid else None
        p = self.draft.presets[row] if valid else Preset("", "", "")
        self.preset_name_edit.setText(p.name)
        self.preset_provider_box.clear()
        for pid in provider_ids(self.draft):
            self.preset_provider_box.addItem(spec_for(self.draft, pid).name, pid)
        self.preset_provider_box.setCurrentIndex(max(0, self.preset_provider_box.findData(p.provider)))
        self.preset_model_edit.setText(p.model)
        self.preset_system_edit.setPlainText(p.system or "")
        self.temperature_spin.setValue(self.temperature_spin.minimum() if p.temperature is None else p.temperature)
        self.max_tokens_spin.setValue(p.max_tokens or 0)
        self.effort_box.setCurrentIndex(max(0, self.effort_box.findData(p.reasoning_effort)))
        self.json_check.setChecked(p.json_mode)
        self.fallback_list.clear()
        for entry in p.fallback:
            item = QListWidgetItem(entry)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.fallback_list.addItem(item)
        self._flag_fallbacks()

    def _commit_preset(self) -> None:
        index = self._shown_preset
        if index is None or index >= len(self.draft.presets):
            return
        temperature = self.temperature_spin.value()
        provider = self.preset_provider_box.currentData()
        old = self.draft.presets[index]
        new = Preset(
            name=self.preset_name_edit.text().strip(),
            provider=provider if isinstance(provider, str) else old.provider,
            model=self.preset_model_edit.text().strip(),
            system=self.preset_system_edit.toPlainText() or None,
            temperature=None if temperature < 0 else round(temperature, 2),
            max_tokens=self.max_tokens_spin.value() or None,
            reasoning_effort=self.effort_box.currentData(),
            json_mode=self.json_check.isChecked(),
            fallback=self.fallback_entries(),
        )
        self.draft.presets[index] = new
        if new.name != old.name and self.preset_list.item(index) is not None:
            self.preset_list.item(index).setText(new.name)

    def fallback_entries(self) -> list[str]:
        items = (self.fallback_list.item(i) for i in range(self.fallback_list.count()))
        return [str(item.data(Qt.ItemDataRole.UserRole)) for item in items]

    def add_fallback(self) -> None:
        entry = self.fallback_edit.text().strip()
        if not entry or self._shown_preset is None:
            return
        item = QListWidgetItem(entry)
        item.setData(Qt.ItemDataRole.UserRole, entry)
        self.fallback_list.addItem(item)
        self.fallback_edit.clear()
        self._commit_preset()
        self._flag_fallbacks()

    def _remove_fallback(self) -> None:
        row = self.fallback_list.currentRow()
        if row >= 0:
            self.fallback_list.takeItem(row)
            self._commit_preset()
            self._flag_fallbacks()

    def _move_fallback(self, step: int) -> None:
        row = self.fallback_list.currentRow()
        if 0 <= row + step < self.fallback_list.count() and row >= 0:
            item = self.fallback_list.takeItem(row)
            self.fallback_list.insertItem(row + step, item)
            self.fallback_list.setCurrentRow(row + step)
            self._commit_preset()
            self._flag_fallbacks()

    def _has_key(self, provider_id: str) -> bool:
        return self.key_info.get(provider_id, (None, None))[0] is not None

    def _flag_fallbacks(self) -> None:
        """Mark every fallback entry that cannot be used, with the reason next to it."""
        problems = fallback_problems(self.draft, self.fallback_entries(), self._has_key)
        flagged = 0
        for row, problem in enumerate(problems):
            item = self.fallback_list.item(row)
            entry = str(item.data(Qt.ItemDataRole.UserRole))
            item.setText(f"⚠ {entry} — {problem}" if problem else entry)
            item.setToolTip(problem or "")
            item.setForeground(QBrush(QColor(FLAG)) if problem else QBrush())
            flagged += problem is not None
        summary = f"{flagged} of these fallbacks cannot be used as things stand (marked ⚠): they are kept, and " \
                  "a chat that reaches them reports them. Fix or remove them." if flagged else ""  # fmt: skip
        self.fallback_problems_label.setText(summary)

    def flagged_fallbacks(self) -> list[str]:
        """The shown preset's flagged entries as displayed (for tests and the screenshot)."""
        return [self.fallback_list.item(i).text() for i in range(self.fallback_list.count())
                if self.fallback_list.item(i).text().startswith("⚠")]  # fmt: skip

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
        merged = copy.deepcopy(self._services.settings())
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
        self._services.replace_settings(merged)
        self.problems_label.clear()
        self.status_label.setText("Saved.")
        self.saved.emit(self._services.settings())
        return True


def describe_test_failure(err: object) -> str:
    """A failed test call in plain words: what happened first, then the provider's own message and advice."""
    from app.providers import ProviderError

    assert isinstance(err, ProviderError)
    headline = {
        "auth": "Key rejected", "permission": "Key accepted but not allowed", "quota": "Out of credit",
        "rate_limit": "Rate limited", "overloaded": "The provider is overloaded", "server": "The provider failed",
        "timeout": "No answer in time", "network": "Unreachable", "not_found": "Not found",
    }.get(err.kind, "Test failed")  # fmt: skip
    return f"{headline}: {err.describe()}. {err.advice}"


def open_settings_panel(window: MainWindow, provider_id: str | None = None) -> SettingsPanel:
    """The window's one settings panel (made on first use), shown at `provider_id` when given."""
    panel = window.findChild(SettingsPanel)
    if not isinstance(panel, SettingsPanel):
        panel = SettingsPanel(window.services, window)
        panel.setWindowFlag(Qt.WindowType.Window)
        panel.saved.connect(lambda settings: apply_settings(window, settings))
    if panel.isVisible():  # already open somewhere behind: bring it forward
        panel.raise_()
        panel.activateWindow()
    panel.show()
    if provider_id:
        panel.select_provider(provider_id)
    spawn(panel.refresh_keys())
    return panel


def apply_settings(window: MainWindow, settings: Settings) -> None:
    """Hand saved settings to the chat panel: its provider list and (once it has a chooser) the presets."""
    panel = window.chat_panel
    current = panel.current_provider()
    window.load_providers(chat_choices(settings))
    panel.select_provider(current)
    set_presets: Callable[[list[Preset]], object] | None = getattr(panel, "set_presets", None)
    if set_presets is not None:
        set_presets(settings.presets)
