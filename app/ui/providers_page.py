"""The settings panel's Providers page: the provider list, the key field (keychain), base URL, limits, Test."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import ProviderSettings, RetrySettings, TimeoutSettings
from app.providers.catalog import API_VERSION, DEPLOYMENTS

from .admin_key_row import AdminKeyRow
from .i18n import problem, say, translate
from .list_form import ListForm
from .loop import spawn
from .settings_state import KeyInfo, PanelState, provider_ids, spec_for
from .settings_widgets import DescribedForm

OPENAI_APIS = {"chat": "Chat Completions", "responses": "Responses"}  # OpenAI's names for them, never translated


def api_note() -> str:
    return translate("ProvidersPage", "Responses is OpenAI's newer API: Parley sends store: false (nothing is kept at "
                                      "OpenAI) and asks for reasoning summaries. Models served only there (o3-pro, the "
                                      "codex models) and web search use it anyway.")


def key_status_text(info: KeyInfo, where: str, keyless: bool) -> str:
    source, env_var = info
    if source == "keychain":
        return translate("ProvidersPage", "A key is set. Stored in {keychain}.").format(keychain=say(where))
    if source == "session":
        return translate("ProvidersPage", "A key is set for this session only: it is kept in memory and forgotten "
                                          "when Parley closes.")
    if source == "env":
        return translate("ProvidersPage", "A key comes from the environment variable {variable} (read-only here)."
                         ).format(variable=env_var)
    return translate("ProvidersPage", "No key needed (a local server).") if keyless else translate(
        "ProvidersPage", "No key set.")


def describe_test_failure(err: object) -> str:
    """A failed test call in plain words: what happened first, then the provider's own message and advice."""
    from app.providers import ProviderError

    assert isinstance(err, ProviderError)
    headline = {
        "auth": translate("ProvidersPage", "Key rejected"),
        "permission": translate("ProvidersPage", "Key accepted but not allowed"),
        "quota": translate("ProvidersPage", "Out of credit"),
        "rate_limit": translate("ProvidersPage", "Rate limited"),
        "overloaded": translate("ProvidersPage", "The provider is overloaded"),
        "server": translate("ProvidersPage", "The provider failed"),
        "timeout": translate("ProvidersPage", "No answer in time"),
        "network": translate("ProvidersPage", "Unreachable"),
        "not_found": translate("ProvidersPage", "Not found"),
    }.get(err.kind, translate("ProvidersPage", "Test failed"))  # fmt: skip
    return f"{headline}: {say(err.describe())}. {say(err.advice)}"


class ProvidersPage(QWidget):
    """The Providers tab: every catalog provider and custom endpoint (ticked: offered in the chat panel), and for
    the chosen one its key (written straight to the keychain, never read back), base URL, Azure fields, timeouts
    and retries, and a Test button."""

    keys_changed = Signal()  # a key was saved, kept for this session or removed

    def __init__(self, state: PanelState, commit_all: Callable[[], None]) -> None:
        super().__init__()
        self.state = state
        self._commit_all = commit_all  # Test uses the panel's whole draft, custom endpoints included
        self.provider_title = QLabel()
        self.provider_title.setStyleSheet("font-weight: bold; font-size: 13pt;")
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setObjectName("key")
        self.save_key_button = QPushButton(translate("ProvidersPage", "Save key"))
        self.save_key_button.clicked.connect(lambda: spawn(self.save_key(self.current_provider(), self.key_edit)))
        self.session_key_button = QPushButton(translate("ProvidersPage", "Use for this session only"))
        self.session_key_button.clicked.connect(lambda: spawn(self.session_key(self.current_provider())))
        self.remove_key_button = QPushButton(translate("ProvidersPage", "Remove key"))
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
        self.api_box = QComboBox()
        self.api_box.setObjectName("api")
        self.api_box.setAccessibleName(translate("ProvidersPage", "API"))
        for value, name in OPENAI_APIS.items():
            self.api_box.addItem(name, value)
        self.api_box.setToolTip(translate("ProvidersPage", "Which of OpenAI's APIs Parley speaks to this provider"))
        self.api_note = QLabel(api_note())
        self.api_note.setWordWrap(True)
        self.api_note.setProperty("muted", True)
        self.limits = DescribedForm(translate("ProvidersPage", "Timeouts and retries"), TimeoutSettings, RetrySettings)
        self.api_version_edit = QLineEdit()
        self.api_version_edit.setObjectName("provider_api_version")
        self.api_version_edit.setPlaceholderText(translate("ProvidersPage", "the newest general release Parley knows"))
        self.deployments_edit = QLineEdit()
        self.deployments_edit.setObjectName("provider_deployments")
        self.deployments_edit.setPlaceholderText(translate("ProvidersPage", "deployment names, separated by commas"))
        self.test_button = QPushButton(translate("ProvidersPage", "&Test"))
        self.test_button.setToolTip(translate("ProvidersPage", "Lists the provider's models with these settings and "
                                                               "the stored key"))
        self.test_button.clicked.connect(lambda: spawn(self.test_provider()))
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.provider_title)
        form.addRow(translate("ProvidersPage", "API key"), key_row)
        form.addRow("", self.key_status)
        form.addRow("", self.key_help)
        self.admin_key = AdminKeyRow(state, self)
        form.addRow(translate("ProvidersPage", "Admin key"), self.admin_key)
        form.addRow(translate("ProvidersPage", "Base URL"), self.base_url_edit)
        form.addRow(translate("ProvidersPage", "API version"), self.api_version_edit)
        form.addRow(translate("ProvidersPage", "Deployments"), self.deployments_edit)
        form.addRow(translate("ProvidersPage", "API"), self.api_box)
        form.addRow("", self.api_note)
        self.form = self.api_form = form
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        details = QWidget()
        right = QVBoxLayout(details)
        right.setContentsMargins(0, 0, 0, 0)
        right.addLayout(form)
        right.addWidget(self.limits)
        right.addLayout(test_row)
        self.list_form = ListForm(self, details, name="provider_list")
        self.list_form.list.itemChanged.connect(self._enable_toggled)
        QVBoxLayout(self).addWidget(self.list_form)
        state.keys_read.connect(self._show_key_state)
        state.endpoints_changed.connect(self.refill)
        self.list_form.refill(0)

    # -- the list --------------------------------------------------------------------------------------
    def list_items(self) -> list[QListWidgetItem]:
        draft = self.state.draft
        items = []
        for pid in provider_ids(draft):
            spec = spec_for(draft, pid)
            tag = translate("ProvidersPage", " (custom)") if draft.custom_endpoint(pid) else translate(
                "ProvidersPage", " (local)") if spec.local else ""
            item = QListWidgetItem(spec.name + tag)
            item.setData(Qt.ItemDataRole.UserRole, pid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if draft.is_enabled(pid) else Qt.CheckState.Unchecked)
            item.setToolTip(translate("ProvidersPage", "Tick to offer this provider in the chat panel"))
            items.append(item)
        return items

    def refill(self) -> None:
        """The list again after custom endpoints changed; what was typed for the shown provider is kept."""
        pid = self.current_provider()
        ids = provider_ids(self.state.draft)
        if pid in ids:
            self.list_form.commit()
        self.list_form.refill(ids.index(pid) if pid in ids else None)

    def commit(self) -> None:
        """The shown provider's fields into the draft (called before anything reads the draft)."""
        self.list_form.commit()

    def _id_at(self, row: int) -> str:
        item = self.list_form.list.item(row)
        data = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return data if isinstance(data, str) else ""

    def current_provider(self) -> str:
        return self._id_at(self.list_form.list.currentRow())

    def select_provider(self, provider_id: str) -> None:
        ids = provider_ids(self.state.draft)
        if provider_id in ids:
            self.list_form.select(ids.index(provider_id))

    def provider_item(self, provider_id: str) -> QListWidgetItem | None:
        for row in range(self.list_form.list.count()):
            if self._id_at(row) == provider_id:
                return self.list_form.list.item(row)
        return None

    def _enable_toggled(self, item: QListWidgetItem) -> None:
        pid = item.data(Qt.ItemDataRole.UserRole)
        ps = self.state.draft.providers.setdefault(pid, ProviderSettings())
        ps.enabled = item.checkState() == Qt.CheckState.Checked
        self._tidy_provider(pid)
        self.state.enabled_changed.emit()

    def _tidy_provider(self, pid: str) -> None:
        if self.state.draft.providers.get(pid) == ProviderSettings():
            del self.state.draft.providers[pid]

    # -- the form --------------------------------------------------------------------------------------
    def show_row(self, row: int | None) -> None:
        if row is None:
            return
        pid = self._id_at(row)
        draft = self.state.draft
        spec = spec_for(draft, pid)
        ps = draft.provider(pid)
        self.provider_title.setText(spec.name)
        self.key_edit.clear()
        self.key_edit.setPlaceholderText(translate("ProvidersPage", "Paste the key ({hint})").format(
            hint=spec.key_hint) if spec.key_hint else translate("ProvidersPage", "Paste the key"))
        help_parts = [translate("ProvidersPage", "Get a key at {link}.").format(
                          link=f"<a href='{spec.docs_url}'>{spec.docs_url}</a>") if spec.docs_url else "",
                      translate("ProvidersPage", "Environment variable: {names}.").format(
                          names=", ".join(spec.key_env)) if spec.key_env else ""]  # fmt: skip
        self.key_help.setText(" ".join(p for p in help_parts if p))
        self.base_url_edit.setText(ps.base_url or "")
        self.base_url_edit.setPlaceholderText(spec.base_url or spec.base_url_hint)
        self.base_url_edit.setEnabled(draft.custom_endpoint(pid) is None)
        self.limits.show_values(ps.timeouts, ps.retries)
        self.form.setRowVisible(self.api_version_edit, API_VERSION in spec.extra_settings)
        self.form.setRowVisible(self.deployments_edit, DEPLOYMENTS in spec.extra_settings)
        self.api_version_edit.setText(ps.api_version or "")
        self.deployments_edit.setText(", ".join(ps.deployments))
        both = spec.responses_protocol is not None  # OpenAI and Azure offer chat completions and Responses
        self.api_form.setRowVisible(self.api_box, both)
        self.api_form.setRowVisible(self.api_note, both)
        self.api_box.setCurrentIndex(max(0, self.api_box.findData(ps.api)))
        self.test_result.clear()
        self._show_key_state()
        self.form.setRowVisible(self.admin_key, self.admin_key.offered(pid))
        self.admin_key.show_for(pid)

    def commit_row(self, row: int) -> None:
        pid = self._id_at(row)
        draft = self.state.draft
        ps = copy.deepcopy(draft.provider(pid))
        if draft.custom_endpoint(pid) is None:
            ps.base_url = self.base_url_edit.text().strip() or None
        ps.timeouts = self.limits.read(TimeoutSettings)
        ps.retries = self.limits.read(RetrySettings)
        spec = spec_for(draft, pid)
        if API_VERSION in spec.extra_settings:
            ps.api_version = self.api_version_edit.text().strip() or None
        if DEPLOYMENTS in spec.extra_settings:
            ps.deployments = [d.strip() for d in self.deployments_edit.text().split(",") if d.strip()]
        if spec.responses_protocol is not None:
            ps.api = "responses" if self.api_box.currentData() == "responses" else "chat"
        draft.providers[pid] = ps
        self._tidy_provider(pid)

    def _show_key_state(self) -> None:
        if self.list_form.shown is None:
            return
        pid = self._id_at(self.list_form.shown)
        state = self.state
        spec = spec_for(state.draft, pid)
        info = state.key(pid)
        text = key_status_text(info, state.keychain_where, spec.keyless)
        if not state.keychain_available and info[0] is None and not spec.keyless:
            text += " " + say(state.keychain_help)
        self.key_status.setText(text)
        self.remove_key_button.setVisible(info[0] in ("keychain", "session"))
        self.save_key_button.setEnabled(state.keychain_available)
        self.session_key_button.setVisible(not state.keychain_available)

    # -- keys (keychain calls run in a thread, never on the loop) --------------------------------------
    async def save_key(self, provider_id: str, field: QLineEdit) -> bool:
        """Write the typed key to the keychain; the field is cleared and never refilled from it."""
        from app.core.keys import KeychainUnavailable

        key = field.text().strip()
        if not provider_id or not key:
            self.test_result.setText(translate("ProvidersPage", "Type or paste a key first."))
            return False
        try:
            await self.state.runtime.keys.aset(provider_id, key)
        except (KeychainUnavailable, ValueError) as exc:
            self.test_result.setText(translate("ProvidersPage", "The key was not saved: {problem}").format(
                problem=problem(exc)))
            return False
        field.clear()
        await self.state.refresh_keys()
        self.test_result.setText(translate("ProvidersPage", "Key saved in {keychain}.").format(
            keychain=say(self.state.keychain_where)))
        self.keys_changed.emit()
        return True

    async def session_key(self, provider_id: str) -> None:
        key = self.key_edit.text().strip()
        if not provider_id or not key:
            self.test_result.setText(translate("ProvidersPage", "Type or paste a key first."))
            return
        self.state.runtime.keys.set_session(provider_id, key)
        self.key_edit.clear()
        await self.state.refresh_keys()
        self.test_result.setText(translate("ProvidersPage", "Key kept for this session only; it is forgotten when "
                                                            "Parley closes."))
        self.keys_changed.emit()

    async def remove_key(self, provider_id: str) -> None:
        from app.core.keys import KeychainUnavailable

        try:
            await self.state.runtime.keys.adelete(provider_id)
        except KeychainUnavailable as exc:
            self.test_result.setText(translate("ProvidersPage", "The key was not removed: {problem}").format(
                problem=problem(exc)))
            return
        await self.state.refresh_keys()
        self.test_result.setText(translate("ProvidersPage", "Key removed."))
        self.keys_changed.emit()

    async def test_provider(self, provider_id: str | None = None) -> str:
        """List models with the draft settings and the stored key; the result in plain words."""
        from app.core.endpoints import TargetSpec
        from app.core.services import Services as CoreServices
        from app.providers import ProviderError, adapter_for

        self._commit_all()
        pid = provider_id or self.current_provider()
        self.test_result.setText(translate("ProvidersPage", "Testing…"))
        self.test_button.setEnabled(False)
        try:
            domain = CoreServices(self.state.runtime.http(), self.state.runtime.keys, copy.deepcopy(self.state.draft))
            target = await asyncio.to_thread(domain.target, TargetSpec(pid, "-"))
            models = await adapter_for(target.endpoint).list_models(domain.client)
        except ValueError as exc:
            text = translate("ProvidersPage", "Not tested: {problem}.").format(problem=problem(exc))
        except ProviderError as err:
            text = describe_test_failure(err)
        else:
            keyed = target.endpoint.api_key is not None
            found = translate("ProvidersPage", "1 model found") if len(models) == 1 else translate(
                "ProvidersPage", "{count} models found").format(count=len(models))
            text = (translate("ProvidersPage", "Key accepted: {found}.") if keyed
                    else translate("ProvidersPage", "Reachable: {found}.")).format(found=found)
        finally:
            self.test_button.setEnabled(True)
        self.test_result.setText(text)
        return text
