"""First run: with no key and no conversation, a welcome view says what to do and offers local servers."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.core.local_servers import LocalServer
from app.core.settings import Settings
from app.providers.catalog import SPECS

from .custom_server_form import CustomServerForm
from .i18n import say, translate


def intro_text() -> str:
    """What Parley needs to start, in the window's language."""
    return "\n".join((
        translate("Welcome", "Parley talks to AI models from many providers. To start, it needs one of these:"),
        translate("Welcome", "• an API key from a provider such as OpenAI, Anthropic, Google Gemini or Groq. Parley "
                  "keeps it in your system keychain, nowhere else; or"),
        translate("Welcome", "• a model server running on this computer, such as Ollama or LM Studio. It needs no key "
                  "and costs nothing; or"),
        translate("Welcome", "• your own server that speaks the OpenAI API (vLLM, llama.cpp, LiteLLM…), at an address "
                  "you give."),
    ))  # fmt: skip


def should_welcome(settings: Settings, key_sources: Mapping[str, object], has_conversations: bool) -> bool:
    """True on a first run: nothing chosen yet, no key anywhere (keychain, env, session), no conversation."""
    if settings.welcome_done or has_conversations or settings.custom_endpoints:
        return False
    return not any(source is not None for source in key_sources.values())


class WelcomeView(QFrame):
    """Buttons only; `FirstRun` (first_run.py) does the work."""

    add_key_requested = Signal(str)  # provider id
    local_server_chosen = Signal(object)  # LocalServer
    session_key_given = Signal(str, str)  # provider id, key (kept in memory only)
    dismissed = Signal()
    look_again_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        title = QLabel(translate("Welcome", "Welcome to Parley"))
        title.setStyleSheet("font-size: 20pt; font-weight: bold;")
        intro = QLabel(intro_text())
        intro.setWordWrap(True)
        self.provider_box = QComboBox()
        for spec in SPECS:
            if not spec.keyless:
                self.provider_box.addItem(spec.name, spec.id)
        self.add_key_button = QPushButton(translate("Welcome", "Add a key…"))
        self.add_key_button.clicked.connect(lambda: self.add_key_requested.emit(self.provider_box.currentData()))
        key_row = QHBoxLayout()
        key_row.addWidget(QLabel(translate("Welcome", "Provider:")))
        key_row.addWidget(self.provider_box)
        key_row.addWidget(self.add_key_button)
        key_row.addStretch(1)
        keys = QGroupBox(translate("Welcome", "I have an API key"))
        QVBoxLayout(keys).addLayout(key_row)

        self.keychain_box = QGroupBox(translate("Welcome", "No keychain on this computer"))
        self.keychain_label = QLabel()
        self.keychain_label.setWordWrap(True)
        self.session_key_edit = QLineEdit()
        self.session_key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.session_key_edit.setPlaceholderText(translate("Welcome", "Paste the key for the provider chosen above"))
        self.session_key_button = QPushButton(translate("Welcome", "Use this key for this session only"))
        self.session_key_button.clicked.connect(self._session_key)
        session_row = QHBoxLayout()
        session_row.addWidget(self.session_key_edit, 1)
        session_row.addWidget(self.session_key_button)
        kc = QVBoxLayout(self.keychain_box)
        kc.addWidget(self.keychain_label)
        kc.addLayout(session_row)
        self.keychain_box.hide()

        local = QGroupBox(translate("Welcome", "I run a model server on this computer"))
        self.servers_label = QLabel(translate("Welcome", "Looking for Ollama and LM Studio on their usual ports…"))
        self.servers_label.setWordWrap(True)
        self.server_buttons: list[QPushButton] = []
        self.servers_row = QHBoxLayout()
        self.look_again_button = QPushButton(translate("Welcome", "Look again"))
        self.look_again_button.clicked.connect(self.look_again_requested.emit)
        self.servers_row.addWidget(self.look_again_button)
        self.servers_row.addStretch(1)
        lv = QVBoxLayout(local)
        lv.addWidget(self.servers_label)
        lv.addLayout(self.servers_row)

        self.custom_server = CustomServerForm()

        self.dismiss_button = QPushButton(translate("Welcome", "Skip for now"))
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
        column.addWidget(self.custom_server)
        column.addStretch(1)
        column.addLayout(bottom)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(720)
        page = QWidget()
        centred = QHBoxLayout(page)
        centred.addStretch(1)
        centred.addWidget(holder, 4)
        centred.addStretch(1)
        scroll = QScrollArea()  # a small window scrolls the choices rather than squeezing them
        scroll.setObjectName("welcome_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_keychain(self, available: bool, explanation: str) -> None:
        """Without a usable keychain: the plain explanation and the session-only option."""
        self.keychain_box.setVisible(not available)
        self.keychain_label.setText(say(explanation) + " " + translate("Welcome", "Keys typed below are forgotten when "
                                                                         "Parley closes."))
        self.add_key_button.setEnabled(available)

    def searching(self) -> None:
        self.servers_label.setText(translate("Welcome", "Looking for Ollama and LM Studio on their usual ports…"))
        self.look_again_button.setEnabled(False)

    def show_servers(self, servers: list[LocalServer]) -> None:
        for button in self.server_buttons:
            button.deleteLater()
        self.server_buttons = []
        self.look_again_button.setEnabled(True)
        if not servers:
            self.servers_label.setText(translate("Welcome", "No Ollama or LM Studio server answered on its usual "
                                                            "port (11434, 1234). "
                                                            "Start one, then press Look again."))  # fmt: skip
            return
        self.servers_label.setText(translate("Welcome", "Found on this computer; one click and you can start "
                                                        "chatting:"))
        for i, server in enumerate(servers):
            button = QPushButton(translate("Welcome", "Use {server}").format(server=say(server.label)))
            button.clicked.connect(lambda _checked=False, s=server: self.local_server_chosen.emit(s))
            self.servers_row.insertWidget(i, button)
            button.show()
            self.server_buttons.append(button)

    def _session_key(self) -> None:
        key = self.session_key_edit.text().strip()
        if key:
            self.session_key_edit.clear()
            self.session_key_given.emit(self.provider_box.currentData(), key)
