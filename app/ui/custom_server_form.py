"""The first run's "my own OpenAI-compatible server" form: name, base URL, optional key, Test, pick a model, Use.

Widgets only; `FirstRun` (first_run.py) runs the check and adds the server through core (custom_servers.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .i18n import say
from .style import primary, set_icon
from .theme import colours_for

if TYPE_CHECKING:
    from app.core.custom_servers import ServerCheck

URL_HINT = "http://localhost:1234/v1"


class CustomServerForm(QGroupBox):
    """Test asks the server for its models (`test_requested`); Use is offered once a test succeeded."""

    test_requested = Signal(str, str, str, str)  # name, base URL, key ('' for none), model typed
    use_requested = Signal(str, str, str, str)  # name, base URL, key, model chosen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("I have my own OpenAI-compatible server", parent)
        self.setObjectName("custom_server")
        self._checked: tuple[str, str] | None = None  # (URL, key) of the last test that succeeded
        intro = QLabel("vLLM, llama.cpp, LiteLLM, LM Studio on another port, a company proxy: anything that speaks "
                       "the OpenAI chat API.")  # fmt: skip
        intro.setWordWrap(True)
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("server_name")
        self.name_edit.setPlaceholderText("My server")
        self.name_edit.setAccessibleName("Server name")
        self.name_edit.setToolTip("How Parley names this server in menus and lists")
        self.url_edit = QLineEdit()
        self.url_edit.setObjectName("server_url")
        self.url_edit.setPlaceholderText(f"e.g. {URL_HINT}")
        self.url_edit.setAccessibleName("Server base URL")
        self.url_edit.setToolTip("The address before /chat/completions, usually ending in /v1")
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("server_key")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText("Optional: only if the server asks for one")
        self.key_edit.setAccessibleName("Server API key (optional)")
        self.key_edit.setToolTip("Kept in the system keychain, never in a file")
        self.test_button = QPushButton("Test")
        self.test_button.setObjectName("test_server")
        self.test_button.setToolTip("Ask the server for its models (or, if it lists none, for a one-token answer)")
        self.test_button.setAccessibleName("Test the server")
        set_icon(self.test_button, "refresh-cw")
        self.status_label = QLabel("Type the server's address, then press Test.")
        self.status_label.setObjectName("server_status")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model_box = QComboBox()
        self.model_box.setObjectName("server_model")
        self.model_box.setEditable(True)
        self.model_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.model_box.setAccessibleName("Server model")
        self.model_box.setToolTip("The model to chat with: one the server listed, or type its name")
        self.model_box.setMinimumContentsLength(16)
        edit = self.model_box.lineEdit()
        if edit is not None:
            edit.setPlaceholderText("press Test to list the models")
        self.use_button = primary(QPushButton("Use this server"))
        self.use_button.setObjectName("use_server")
        self.use_button.setToolTip("Add it as a custom endpoint, make it and this model the default, and start")
        self.use_button.setAccessibleName("Use this server")
        self.use_button.setEnabled(False)

        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.test_button)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_box, 1)
        model_row.addWidget(self.use_button)
        form = QFormLayout(self)
        form.addRow(intro)
        for text, field, row in (("&Name", self.name_edit, None), ("Base &URL", self.url_edit, None),
                                 ("API &key", self.key_edit, key_row), ("&Model", self.model_box, model_row)):
            label = QLabel(text)
            label.setBuddy(field)  # Alt+the underlined letter goes to the field
            if row is None:
                form.addRow(label, field)
            else:
                form.addRow(label, row)
            if field is self.key_edit:
                form.addRow(self.status_label)

        self.test_button.clicked.connect(self._test)
        self.url_edit.returnPressed.connect(self._test)
        self.key_edit.returnPressed.connect(self._test)
        self.use_button.clicked.connect(self._use)
        self.url_edit.textEdited.connect(self._changed)
        self.key_edit.textEdited.connect(self._changed)
        self.model_box.editTextChanged.connect(lambda _text: self._sync())

    def fields(self) -> tuple[str, str, str, str]:
        """(name, base URL, key, model) as typed."""
        return (self.name_edit.text().strip(), self.url_edit.text().strip(), self.key_edit.text().strip(),
                self.model_box.currentText().strip())  # fmt: skip

    def testing(self) -> None:
        self.test_button.setEnabled(False)
        self.use_button.setEnabled(False)
        self.status_label.setText("Testing…")

    def show_check(self, check: ServerCheck) -> None:
        """What the test found: the models to pick from, or what went wrong and what to do."""
        self.test_button.setEnabled(True)
        typed = self.model_box.currentText().strip()
        if check.ok:
            _name, url, key, _model = self.fields()
            self._checked = (url, key)
            if check.base_url:
                self.url_edit.setText(check.base_url)
                self._checked = (check.base_url, key)
            self.model_box.clear()
            self.model_box.addItems(list(check.models))
            self.model_box.setEditText(typed if typed in check.models else (check.models[0] if check.models else typed))
        else:
            self._checked = None
        self.status_label.setText(" ".join(say(part) for part in (check.message, check.advice) if part))
        self.status_label.setStyleSheet("" if check.ok else f"color: {colours_for(self.palette()).error};")
        self._sync()
        (self.model_box if check.ok else self.url_edit).setFocus()

    def _test(self) -> None:
        if self.test_button.isEnabled():
            self.test_requested.emit(*self.fields())

    def _use(self) -> None:
        if self.use_button.isEnabled():
            self.use_requested.emit(*self.fields())

    def _changed(self) -> None:
        """A new address or key: tested again before it can be used."""
        self._checked = None
        self._sync()

    def _sync(self) -> None:
        _name, url, key, model = self.fields()
        self.use_button.setEnabled(self._checked == (url, key) and bool(model) and self.test_button.isEnabled())
