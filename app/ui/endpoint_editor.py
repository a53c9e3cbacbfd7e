"""The settings panel's Custom endpoints page: OpenAI-compatible servers, their key and extra headers."""

from __future__ import annotations

import re
from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.secret_headers import is_auth_header
from app.core.settings import CustomEndpoint

from .loop import spawn
from .settings_base import PanelPart, problem_label, provider_ids


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


class EndpointEditor(PanelPart):
    """The Custom endpoints tab of SettingsPanel."""

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
        self.header_problem_label = problem_label()
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
        saved_ids = {e.id for e in self._runtime.settings().custom_endpoints}
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
