"""First run: with no key and no conversation, a welcome view says what to do and offers local servers."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.local_servers import LMSTUDIO_URL, OLLAMA_URL, LocalServer, detect_local_servers
from app.core.settings import Defaults, ProviderSettings, Settings
from app.providers.catalog import SPECS

from .loop import spawn

if TYPE_CHECKING:
    from .main_window import MainWindow

INTRO = (
    "Parley talks to AI models from many providers. To start, it needs one of two things:\n"
    "• an API key from a provider such as OpenAI, Anthropic, Google Gemini or Groq. Parley keeps it in your "
    "system keychain, nowhere else; or\n"
    "• a model server running on this computer, such as Ollama or LM Studio. It needs no key and costs nothing."
)


def should_welcome(settings: Settings, key_sources: Mapping[str, object], has_conversations: bool) -> bool:
    """True on a first run: nothing chosen yet, no key anywhere (keychain, env, session), no conversation."""
    if settings.welcome_done or has_conversations or settings.custom_endpoints:
        return False
    return not any(source is not None for source in key_sources.values())


class WelcomeView(QFrame):
    """Buttons only; `first_run` and friends below do the work."""

    add_key_requested = Signal(str)  # provider id
    local_server_chosen = Signal(object)  # LocalServer
    session_key_given = Signal(str, str)  # provider id, key (kept in memory only)
    dismissed = Signal()
    look_again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel("Welcome to Parley")
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        self.provider_box = QComboBox()
        for spec in SPECS:
            if not spec.keyless:
                self.provider_box.addItem(spec.name, spec.id)
        self.add_key_button = QPushButton("Add a key…")
        self.add_key_button.clicked.connect(lambda: self.add_key_requested.emit(self.provider_box.currentData()))
        key_row = QHBoxLayout()
        key_row.addWidget(QLabel("Provider:"))
        key_row.addWidget(self.provider_box)
        key_row.addWidget(self.add_key_button)
        key_row.addStretch(1)
        keys = QGroupBox("I have an API key")
        QVBoxLayout(keys).addLayout(key_row)

        self.keychain_box = QGroupBox("No keychain on this computer")
        self.keychain_label = QLabel()
        self.keychain_label.setWordWrap(True)
        self.session_key_edit = QLineEdit()
        self.session_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.session_key_edit.setPlaceholderText("Paste the key for the provider chosen above")
        self.session_key_button = QPushButton("Use this key for this session only")
        self.session_key_button.clicked.connect(self._session_key)
        session_row = QHBoxLayout()
        session_row.addWidget(self.session_key_edit, 1)
        session_row.addWidget(self.session_key_button)
        kc = QVBoxLayout(self.keychain_box)
        kc.addWidget(self.keychain_label)
        kc.addLayout(session_row)
        self.keychain_box.hide()

        local = QGroupBox("I run a model server on this computer")
        self.servers_label = QLabel("Looking for Ollama and LM Studio on their usual ports…")
        self.servers_label.setWordWrap(True)
        self.server_buttons: list[QPushButton] = []
        self.servers_row = QHBoxLayout()
        self.look_again_button = QPushButton("Look again")
        self.look_again_button.clicked.connect(self.look_again_requested.emit)
        self.servers_row.addWidget(self.look_again_button)
        self.servers_row.addStretch(1)
        lv = QVBoxLayout(local)
        lv.addWidget(self.servers_label)
        lv.addLayout(self.servers_row)

        self.dismiss_button = QPushButton("Skip for now")
        self.dismiss_button.clicked.connect(self.dismissed.emit)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.dismiss_button)
        column = QVBoxLayout()
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(keys)
        column.addWidget(self.keychain_box)
        column.addWidget(local)
        column.addStretch(1)
        column.addLayout(bottom)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(720)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(holder, 4)
        outer.addStretch(1)

    def show_keychain(self, available: bool, explanation: str) -> None:
        """Without a usable keychain: the plain explanation and the session-only option."""
        self.keychain_box.setVisible(not available)
        self.keychain_label.setText(explanation + " Keys typed below are forgotten when Parley closes.")
        self.add_key_button.setEnabled(available)

    def searching(self) -> None:
        self.servers_label.setText("Looking for Ollama and LM Studio on their usual ports…")
        self.look_again_button.setEnabled(False)

    def show_servers(self, servers: list[LocalServer]) -> None:
        for button in self.server_buttons:
            button.deleteLater()
        self.server_buttons = []
        self.look_again_button.setEnabled(True)
        if not servers:
            self.servers_label.setText("No Ollama or LM Studio server answered on its usual port (11434, 1234). "
                                       "Start one, then press Look again.")  # fmt: skip
            return
        self.servers_label.setText("Found on this computer; one click and you can start chatting:")
        for i, server in enumerate(servers):
            button = QPushButton(f"Use {server.label}")
            button.clicked.connect(lambda _checked=False, s=server: self.local_server_chosen.emit(s))
            self.servers_row.insertWidget(i, button)
            button.show()
            self.server_buttons.append(button)

    def _session_key(self) -> None:
        key = self.session_key_edit.text().strip()
        if key:
            self.session_key_edit.clear()
            self.session_key_given.emit(self.provider_box.currentData(), key)


# -- what the buttons do, on the main window ------------------------------------------------------------


def welcome_view(window: MainWindow) -> WelcomeView | None:
    view = window.findChild(WelcomeView)
    return view if isinstance(view, WelcomeView) and view.isVisibleTo(window) else None


async def first_run(window: MainWindow, *, ollama_url: str | None = OLLAMA_URL,
                    lmstudio_url: str | None = LMSTUDIO_URL) -> bool:  # fmt: skip
    """At start-up, after the store is open: hand the saved settings to the chat panel, and show the welcome
    view if this is a first run. True when it is shown. Local servers are probed at the given URLs."""
    from .settings_panel import apply_settings

    services = window.services
    settings = services.settings()
    apply_settings(window, settings)
    if settings.defaults.provider and window.chat_panel.provider_box.findData(settings.defaults.provider) >= 0:
        window.chat_panel.select_provider(settings.defaults.provider)
        if settings.defaults.model:
            window.chat_panel.model_box.setEditText(settings.defaults.model)
    keys = services.keys
    ids = [s.id for s in SPECS if not s.keyless]
    status, sources = await asyncio.to_thread(lambda: (keys.status(), keys.sources(ids)))
    has_conversations = window.library.store is not None and bool(window.library.conversations())
    if not should_welcome(settings, sources, has_conversations):
        return False
    view = show_welcome(window)
    view.show_keychain(status.available, status.explanation)
    view.add_key_requested.connect(lambda pid: _add_key(window, pid))
    view.local_server_chosen.connect(lambda server: spawn(use_local_server(window, server)))
    view.session_key_given.connect(lambda pid, key: use_session_key(window, pid, key))
    view.dismissed.connect(lambda: hide_welcome(window))

    async def look() -> list[LocalServer]:
        view.searching()
        found = await detect_local_servers(services.http(), ollama_url=ollama_url, lmstudio_url=lmstudio_url)
        view.show_servers(found)
        return found

    view.look_again_requested.connect(lambda: spawn(look()))
    await look()
    return True


def show_welcome(window: MainWindow) -> WelcomeView:
    """The welcome view in the chat panel's place (the conversation list stays)."""
    splitter = window.splitter
    view = window.findChild(WelcomeView)
    if not isinstance(view, WelcomeView):
        sizes = splitter.sizes()
        at = splitter.indexOf(window.chat_panel)
        view = WelcomeView()
        splitter.insertWidget(at, view)
        splitter.setSizes([*sizes[:at], sizes[at], 0, *sizes[at + 1 :]])  # the view takes the chat panel's room
    window.chat_panel.hide()
    view.show()
    window.statusBar().showMessage("Welcome! Add a key or pick a local server to start.")
    return view


def hide_welcome(window: MainWindow) -> None:
    """Back to the normal chat panel."""
    view = window.findChild(WelcomeView)
    if isinstance(view, WelcomeView):
        view.hide()
        view.deleteLater()
    window.chat_panel.show()
    window.chat_panel.prompt_edit.setFocus()
    window.statusBar().showMessage("Ready.")


def _add_key(window: MainWindow, provider_id: str) -> None:
    panel = window.open_settings(provider_id)
    if not panel.property("welcome_hooked"):  # once per panel, however often the button is pressed
        panel.setProperty("welcome_hooked", True)
        panel.keys_changed.connect(lambda: spawn(_key_added(window, panel.current_provider() or provider_id)))


async def _key_added(window: MainWindow, provider_id: str) -> None:
    lookup = await window.services.keys.aget(provider_id)
    if lookup.source is not None and welcome_view(window) is not None:
        hide_welcome(window)
        window.chat_panel.select_provider(provider_id)


def use_session_key(window: MainWindow, provider_id: str, key: str) -> None:
    """No keychain: keep the key in memory for this session and go to the chat."""
    window.services.keys.set_session(provider_id, key)
    hide_welcome(window)
    window.chat_panel.select_provider(provider_id)
    window.statusBar().showMessage("The key is kept for this session only; it is forgotten when Parley closes.")


async def use_local_server(window: MainWindow, server: LocalServer) -> None:
    """One click: turn the server's provider on at the address it answered, make it the default, go to chat."""
    from app.core.settings import SettingsError, save_settings

    from .settings_panel import apply_settings

    services = window.services
    settings = copy.deepcopy(services.settings())
    ps = copy.deepcopy(settings.provider(server.provider)) if server.provider in settings.providers \
        else ProviderSettings()  # fmt: skip
    ps.enabled = True
    ps.base_url = server.base_url
    settings.providers[server.provider] = ps
    model = server.models[0] if server.models else None
    settings.defaults = Defaults(server.provider, model)
    settings.welcome_done = True
    try:
        await asyncio.to_thread(save_settings, settings)
    except (SettingsError, OSError) as exc:  # still usable for this session
        window.statusBar().showMessage(f"{server.name} is used for now, but the choice was not saved: {exc}")
    services.replace_settings(settings)
    apply_settings(window, services.settings())
    hide_welcome(window)
    panel = window.chat_panel
    panel.select_provider(server.provider)
    if server.models:
        panel.model_box.clear()
        panel.model_box.addItems(list(server.models))
        panel.model_box.setEditText(server.models[0])
    window.statusBar().showMessage(f"Using {server.name} at {server.base_url}. Type a message to start.")
    panel.prompt_edit.setFocus(Qt.FocusReason.OtherFocusReason)
