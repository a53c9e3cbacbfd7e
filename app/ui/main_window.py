"""The main window: a conversation sidebar and the chat panel side by side."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from .chat_controller import ChatController, ProviderChoice
from .chat_panel import ChatPanel
from .services import Services


class Sidebar(QWidget):
    """Conversations (the list fills in when conversations are stored)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_chat_button = QPushButton("New chat")
        self.new_chat_button.setObjectName("new_chat")
        self.new_chat_button.setToolTip("Start a new conversation (Ctrl+N)")
        self.conversations = QListWidget()
        self.conversations.setObjectName("conversations")
        hint = QLabel("Saved conversations will be listed here.")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 0, 8)
        layout.addWidget(self.new_chat_button)
        layout.addWidget(self.conversations, 1)
        layout.addWidget(hint)


class MainWindow(QMainWindow):
    closed = Signal()  # the window was closed: main winds the app down
    first_painted = Signal()  # emitted once, just after the first frame reached the screen

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Parley")
        self.services = services
        self.controller = ChatController(services, self)
        self.chat_panel = ChatPanel(self.controller)
        self.sidebar = Sidebar()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.chat_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 880])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._build_menu()
        self.statusBar().showMessage("Ready.")
        self.chat_panel.status_changed.connect(self.statusBar().showMessage)
        self.sidebar.new_chat_button.clicked.connect(self.new_chat)
        self.controller.busy_changed.connect(self._busy_changed)
        self.resize(1100, 720)
        self._painted = False
        self.chat_panel.transcript.viewport().installEventFilter(self)
        self.chat_panel.prompt_edit.setFocus()  # type straight away

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_chat_action = QAction("&New chat", self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_chat_action.triggered.connect(self.new_chat)
        file_menu.addAction(self.new_chat_action)
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        chat_menu = self.menuBar().addMenu("&Chat")
        chat_menu.addAction(self.chat_panel.send_action)
        chat_menu.addAction(self.chat_panel.stop_action)

    def load_providers(self, choices: Sequence[ProviderChoice]) -> None:
        self.chat_panel.set_providers(choices)

    def new_chat(self) -> None:
        if self.chat_panel.new_chat():
            self.statusBar().showMessage("New chat.")

    def _busy_changed(self, busy: bool) -> None:
        self.new_chat_action.setEnabled(not busy)
        self.sidebar.new_chat_button.setEnabled(not busy)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            # After this paint is flushed; the context object drops the call if the window is gone by then.
            QTimer.singleShot(0, self, self.first_painted.emit)
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
