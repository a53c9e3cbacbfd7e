"""The settings panel's Providers page: the provider list, the key field (keychain), base URL, limits, Test."""

from __future__ import annotations

import asyncio
import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import ProviderSettings, RetrySettings, TimeoutSettings

from .loop import spawn
from .settings_base import KeyInfo, PanelPart, float_spin, provider_ids, spec_for

if TYPE_CHECKING:
    from app.core.keys import KeychainStatus, KeyStore


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


class ProviderPage(PanelPart):
    """The Providers tab of SettingsPanel."""

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
        self.connect_spin = float_spin(0.5, 600, 1)
        self.first_byte_spin = float_spin(1, 3600, 10)
        self.between_spin = float_spin(1, 3600, 10)
        self.retries_spin = QSpinBox()
        self.retries_spin.setRange(0, 10)
        self.base_delay_spin = float_spin(0, 60, 0.5)
        self.max_delay_spin = float_spin(0, 600, 5)
        self.budget_spin = float_spin(0, 3600, 10)
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
        """Read which providers have a key (off the loop). A read that started before a later one (a key saved
        meanwhile) is dropped, so a stale "no key" never overwrites a fresh one."""
        keys = self._runtime.keys
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
            await self._runtime.keys.aset(provider_id, key)
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
        self._runtime.keys.set_session(provider_id, key)
        self.key_edit.clear()
        await self.refresh_keys()
        self.test_result.setText("Key kept for this session only; it is forgotten when Parley closes.")
        self.keys_changed.emit()

    async def remove_key(self, provider_id: str) -> None:
        from app.core.keys import KeychainUnavailable

        try:
            await self._runtime.keys.adelete(provider_id)
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
            domain = CoreServices(self._runtime.http(), self._runtime.keys, copy.deepcopy(self.draft))
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
