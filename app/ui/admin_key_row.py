"""The Providers page's admin key for OpenAI and Anthropic: optional, kept in the keychain, read only at the provider.

An admin key lets Parley read the organisation's usage and cost reports to check its own figures (the cost
panel's reconciliation); nothing else uses it, and chatting never needs it. How often the reports are read on
their own (off, daily, weekly) is the `reconcile_schedule` setting, chosen here too.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.core.admin_keys import ADMIN_KEYS, aadmin_key, admin_key_spec

from .i18n import problem, translate
from .loop import spawn

if TYPE_CHECKING:
    from .settings_state import PanelState


def schedule_names() -> list[tuple[str, str]]:
    return [("off", translate("AdminKeyRow", "Only when I ask")), ("daily", translate("AdminKeyRow", "Daily")),
            ("weekly", translate("AdminKeyRow", "Weekly"))]  # fmt: skip


class AdminKeyRow(QWidget):
    def __init__(self, state: PanelState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.provider = ""
        self.edit = QLineEdit(self)
        self.edit.setObjectName("adminKey")
        self.edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.edit.setAccessibleName(translate("AdminKeyRow", "Admin key"))
        self.edit.setPlaceholderText(translate("AdminKeyRow", "Optional: paste an admin key"))
        self.save_button = QPushButton(translate("AdminKeyRow", "Save admin key"), self)
        self.save_button.clicked.connect(lambda: spawn(self.save()))
        self.remove_button = QPushButton(translate("AdminKeyRow", "Remove admin key"), self)
        self.remove_button.clicked.connect(lambda: spawn(self.remove()))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.save_button)
        row.addWidget(self.remove_button)
        self.explain = QLabel(self)  # what an admin key is for, and where to create one (`show_for`)
        self.explain.setTextFormat(Qt.TextFormat.RichText)
        self.explain.setWordWrap(True)
        self.explain.setProperty("muted", True)
        self.explain.setOpenExternalLinks(True)
        self.status = QLabel(self)
        self.status.setObjectName("adminKeyStatus")
        self.status.setWordWrap(True)
        self.schedule = QComboBox(self)
        self.schedule.setObjectName("reconcileSchedule")
        self.schedule.setAccessibleName(translate("AdminKeyRow", "Check the account's reports"))
        for value, name in schedule_names():
            self.schedule.addItem(name, value)
        self.schedule.currentIndexChanged.connect(self._schedule_chosen)
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(QLabel(translate("AdminKeyRow", "Check the account's reports:"), self))
        when.addWidget(self.schedule)
        when.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.explain)
        box.addWidget(self.status)
        box.addLayout(when)

    @staticmethod
    def offered(provider: str) -> bool:
        return provider in ADMIN_KEYS

    def show_for(self, provider: str) -> None:
        """Show `provider`'s admin key state (blank for providers without account reports)."""
        self.provider = provider
        self.edit.clear()
        self.status.clear()
        self.schedule.blockSignals(True)
        self.schedule.setCurrentIndex(max(0, self.schedule.findData(self.state.draft.reconcile_schedule)))
        self.schedule.blockSignals(False)
        if self.offered(provider):
            spec = admin_key_spec(provider)
            url, shown = html.escape(spec.console_url), html.escape(_shown_url(spec.console_url))
            link = translate("AdminKeyRow", "An owner of the organisation creates one at {link}.").format(
                link=f"<a href='{url}'>{shown}</a>")  # fmt: skip
            self.explain.setText(html.escape(translate(
                "AdminKeyRow", "Optional and read only: lets Parley read your account's usage and costs to check its "
                "own figures (Costs window). Chatting never needs it.")) + " " + link)  # fmt: skip
            self.explain.setToolTip(spec.console_url)
            spawn(self.show_state(provider))

    def _schedule_chosen(self, _index: int) -> None:
        value = self.schedule.currentData()
        if value in ("off", "daily", "weekly"):
            self.state.draft.reconcile_schedule = value

    async def show_state(self, provider: str) -> None:
        """`provider`'s admin key state, read off the loop; dropped if another provider is shown by then."""
        found = await aadmin_key(self.state.runtime.keys, provider)
        if provider != self.provider:
            return
        if found.source == "env":
            text = translate("AdminKeyRow", "An admin key comes from the environment variable {name} (read-only "
                                            "here).").format(name=found.env_var)  # fmt: skip
        elif found.value:
            text = translate("AdminKeyRow", "An admin key is set.")
        else:
            text = translate("AdminKeyRow", "No admin key (optional).")
        self.status.setText(text)
        self.remove_button.setVisible(found.source in ("keychain", "session"))

    async def save(self) -> bool:
        """Write the typed admin key to the keychain under its own entry; the field is cleared."""
        from app.core.keys import KeychainUnavailable

        key = self.edit.text().strip()
        if not self.offered(self.provider) or not key:
            self.status.setText(translate("AdminKeyRow", "Type or paste an admin key first."))
            return False
        try:
            await self.state.runtime.keys.aset(admin_key_spec(self.provider).entry, key)
        except (KeychainUnavailable, ValueError) as exc:
            self.status.setText(translate("AdminKeyRow", "The admin key was not saved: {problem}").format(
                problem=problem(exc)))  # fmt: skip
            return False
        self.edit.clear()
        await self.show_state(self.provider)
        self.status.setText(translate("AdminKeyRow", "Admin key saved in {where}.").format(
            where=self.state.keychain_where))  # fmt: skip
        return True

    async def remove(self) -> None:
        from app.core.keys import KeychainUnavailable

        try:
            await self.state.runtime.keys.adelete(admin_key_spec(self.provider).entry)
        except KeychainUnavailable as exc:
            self.status.setText(translate("AdminKeyRow", "The admin key was not removed: {problem}").format(
                problem=problem(exc)))  # fmt: skip
            return
        await self.show_state(self.provider)
        self.status.setText(translate("AdminKeyRow", "Admin key removed."))


def _shown_url(url: str) -> str:
    """A console address as a link's words: its host and the path's last part (the whole address is the link and
    its tooltip), so that a narrow window never cuts it."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return f"{parts.netloc} › {last}" if last else parts.netloc
