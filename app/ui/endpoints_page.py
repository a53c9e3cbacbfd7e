"""The settings panel's Custom endpoints page: OpenAI-compatible servers, their key and extra headers."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.secret_headers import is_auth_header
from app.core.settings import CustomEndpoint

from .i18n import translate
from .list_form import ListForm
from .loop import spawn
from .settings_state import PanelState, provider_ids
from .settings_widgets import problem_label

EXAMPLE_URL = "http://localhost:8000/v1"  # an address, the same in every language


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
            problems.append(translate("EndpointsPage", "{line} is not a header: write it as Name: value.").format(
                line=repr(line.strip())))
        elif is_auth_header(name):
            problems.append(translate("EndpointsPage", "The header {name} is refused: it would override the "
                                                       "endpoint's key. Put the key in the key field instead; it is "
                                                       "stored in the keychain.").format(name=repr(name)))  # fmt: skip
        else:
            headers[name] = value
    return headers, problems


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "endpoint"


class EndpointsPage(QWidget):
    """The Custom endpoints tab: the user's OpenAI-compatible servers, each with its name, id, base URL, key
    (saved to the keychain by the Providers page's `save_key`) and extra headers."""

    def __init__(self, state: PanelState, save_key: Callable[[str, QLineEdit], Awaitable[bool]]) -> None:
        super().__init__()
        self.state = state
        self._save_key = save_key
        self.header_problems: list[str] = []  # the shown endpoint's refused header lines: they block saving
        self._id_edited = False  # the user typed an id: the name no longer suggests one
        self.name_edit = QLineEdit()
        self.name_edit.textEdited.connect(self._name_edited)
        self.id_edit = QLineEdit()
        self.id_edit.setToolTip(translate("EndpointsPage", "Used in fallback chains (ID:MODEL) and as the key's name "
                                                           "in the keychain"))
        self.id_edit.textEdited.connect(self._id_typed)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText(EXAMPLE_URL)
        self.local_check = QCheckBox(translate("EndpointsPage", "Runs on this machine or my network (free: no prices)"))
        self.keyless_check = QCheckBox(translate("EndpointsPage", "Needs no key"))
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(translate("EndpointsPage", "Optional: paste the key (stored in the keychain)"))
        save_key_button = QPushButton(translate("EndpointsPage", "Save key"))
        save_key_button.clicked.connect(lambda: spawn(self.save_key()))
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(save_key_button)
        self.headers_edit = QPlainTextEdit()
        self.headers_edit.setPlaceholderText(translate("EndpointsPage", "Optional extra headers, one per line: Name: "
                                                                        "value"))
        self.headers_edit.setMaximumHeight(90)
        self.headers_edit.textChanged.connect(self._headers_changed)
        self.header_problem_label = problem_label()
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        form.addRow(translate("EndpointsPage", "Name"), self.name_edit)
        form.addRow(translate("EndpointsPage", "Id"), self.id_edit)
        form.addRow(translate("EndpointsPage", "Base URL"), self.url_edit)
        form.addRow("", self.local_check)
        form.addRow("", self.keyless_check)
        form.addRow(translate("EndpointsPage", "API key"), key_row)
        form.addRow(translate("EndpointsPage", "Headers"), self.headers_edit)
        form.addRow("", self.header_problem_label)
        note = translate("EndpointsPage", "Any server that speaks the OpenAI chat API: vLLM, llama.cpp, LiteLLM, a "
                                          "company proxy. Its key, if it needs one, is kept in the keychain; headers "
                                          "cannot carry keys.")  # fmt: skip
        self.list_form = ListForm(self, form_widget, note=note, add_text=translate("EndpointsPage", "Add endpoint"))
        self.list_form.add_button.clicked.connect(self.add_endpoint)
        self.list_form.remove_button.clicked.connect(self.remove_endpoint)
        QVBoxLayout(self).addWidget(self.list_form)
        self.list_form.refill()

    def commit(self) -> None:
        """The shown endpoint's fields into the draft (called before anything reads the draft)."""
        self.list_form.commit()

    def add_endpoint(self) -> CustomEndpoint:
        self.list_form.commit()
        draft = self.state.draft
        taken = {*provider_ids(draft)}
        n = 1
        while f"custom-{n}" in taken:
            n += 1
        ep = CustomEndpoint(f"custom-{n}", "", "", local=True)
        draft.custom_endpoints.append(ep)
        self.list_form.refill(len(draft.custom_endpoints) - 1)
        self.state.endpoints_changed.emit()
        self.name_edit.setFocus()
        return ep

    def remove_endpoint(self) -> None:
        index = self.list_form.take_shown()
        if index is None:
            return
        draft = self.state.draft
        removed = draft.custom_endpoints.pop(index)
        draft.providers.pop(removed.id, None)
        self.list_form.refill(min(index, len(draft.custom_endpoints) - 1))
        self.state.endpoints_changed.emit()

    def list_items(self) -> list[QListWidgetItem]:
        return [QListWidgetItem(ep.name or ep.id) for ep in self.state.draft.custom_endpoints]

    def show_row(self, row: int | None) -> None:
        ep = self.state.draft.custom_endpoints[row] if row is not None else CustomEndpoint("", "", "")
        if row is None:
            self.header_problems = []
        self._id_edited = bool(ep.name) and ep.id != slug(ep.name)
        for edit, text in ((self.name_edit, ep.name), (self.id_edit, ep.id), (self.url_edit, ep.base_url)):
            edit.setText(text)
        self.local_check.setChecked(ep.local)
        self.keyless_check.setChecked(ep.keyless)
        self.key_edit.clear()
        self.headers_edit.setPlainText("\n".join(f"{k}: {v}" for k, v in ep.headers.items()))

    def commit_row(self, row: int) -> None:
        draft = self.state.draft
        old = draft.custom_endpoints[row]
        headers, problems = parse_headers(self.headers_edit.toPlainText())
        # A refused line stays in the editor (nothing typed is lost) and blocks saving until it is fixed.
        self.header_problems = [f"{self.name_edit.text() or old.id}: {p}" for p in problems]
        new = replace(old, name=self.name_edit.text().strip(), id=self.id_edit.text().strip(),
                      base_url=self.url_edit.text().strip(), local=self.local_check.isChecked(),
                      keyless=self.keyless_check.isChecked(), headers=headers)  # fmt: skip
        draft.custom_endpoints[row] = new
        if new.id != old.id and old.id in draft.providers:
            draft.providers[new.id] = draft.providers.pop(old.id)
        if (new.name, new.id, new.local, new.keyless) != (old.name, old.id, old.local, old.keyless):
            self.list_form.relabel(row, new.name or new.id)
            self.state.endpoints_changed.emit()

    def _name_edited(self, text: str) -> None:
        index = self.list_form.shown
        saved_ids = {e.id for e in self.state.runtime.settings().custom_endpoints}
        if index is not None and not self._id_edited and self.state.draft.custom_endpoints[index].id not in saved_ids:
            self.id_edit.setText(slug(text))

    def _id_typed(self, _text: str) -> None:
        self._id_edited = True

    def _headers_changed(self) -> None:
        _headers, problems = parse_headers(self.headers_edit.toPlainText())
        self.header_problem_label.setText("\n".join(problems))

    async def save_key(self) -> None:
        """The typed key into the keychain under the shown endpoint's id (as it stands in the form)."""
        self.list_form.commit()
        index = self.list_form.shown
        if index is not None:
            await self._save_key(self.state.draft.custom_endpoints[index].id, self.key_edit)
