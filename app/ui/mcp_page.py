"""The settings panel's MCP servers page: servers (stdio or Streamable HTTP) added, imported, edited and removed,
each and each of its tools on or off, its timeout, log, and what its tools' schemas cost per request. Secrets
(a bearer token, secret variables and headers) go straight to the keychain, never into the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.mcp.settings import MAX_STEPS_LIMIT, McpServerSettings, is_secret_env

from .i18n import count, problem, say, translate
from .list_form import ListForm
from .loop import spawn
from .mcp_import import PasteDialog, import_servers, read_config_file, server_label
from .settings_widgets import float_spin, problem_label

if TYPE_CHECKING:
    from app.core.mcp.tools import McpTool

    from .settings_state import PanelState

TRANSPORTS = ("stdio", "http", "sse")


def transport_text(transport: str) -> str:
    """A kind of server as the page names it."""
    return {
        "stdio": translate("McpPage", "Program on this computer (stdio)"),
        "http": translate("McpPage", "Streamable HTTP (URL)"),
        "sse": translate("McpPage", "Older HTTP with SSE (URL)"),
    }.get(transport, transport)


def state_text(state: str) -> str:
    """A server's state (as core names it) in words."""
    return {
        "stopped": translate("McpPage", "stopped"),
        "starting": translate("McpPage", "starting"),
        "running": translate("McpPage", "running"),
        "crashed": translate("McpPage", "crashed"),
        "failed": translate("McpPage", "failed"),
    }.get(state, state)

EXAMPLE_URL = "https://example.com/mcp"  # an address, the same in every language


def lines_to_map(text: str, sep: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in text.splitlines():
        name, found, value = line.partition(sep)
        if found and name.strip():
            out[name.strip()] = value.strip()
    return out


class McpPage(QWidget):
    """The MCP servers tab. `problems` (secret-looking values typed in plain fields) block saving."""

    def __init__(self, state: PanelState) -> None:
        super().__init__()
        self.state = state
        self.problems: list[str] = []
        self.removed: list[McpServerSettings] = []  # their keychain entries are forgotten once the panel saved
        self.listed: dict[str, list[McpTool]] = {}  # tools listed per server (this panel's session)
        mcp = state.draft.mcp
        self.name_edit, self.enabled_check = QLineEdit(), QCheckBox(translate("McpPage", "On: its tools can be "
                                                                                         "offered to models"))
        self.transport_box = QComboBox()
        for value in TRANSPORTS:
            self.transport_box.addItem(transport_text(value), value)
        self.command_edit, self.cwd_edit, self.url_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.command_edit.setPlaceholderText(translate("McpPage", "npx, uvx, python, or a path to a program"))
        self.cwd_edit.setPlaceholderText(translate("McpPage", "Optional: the folder it runs in"))
        self.url_edit.setPlaceholderText(EXAMPLE_URL)
        self.args_edit, self.env_edit, self.headers_edit = QPlainTextEdit(), QPlainTextEdit(), QPlainTextEdit()
        self.args_edit.setPlaceholderText(translate("McpPage", "One argument per line"))
        self.env_edit.setPlaceholderText(translate("McpPage", "NAME=value, one per line (secret values: use the "
                                                              "keychain below)"))
        self.headers_edit.setPlaceholderText(translate("McpPage", "Name: value, one per line (credentials: use the "
                                                                  "keychain below)"))
        for edit in (self.args_edit, self.env_edit, self.headers_edit):
            edit.setMaximumHeight(64)
            edit.setTabChangesFocus(True)
        self.secret_name_edit, self.secret_value_edit = QLineEdit(), QLineEdit()
        self.secret_name_edit.setPlaceholderText(translate("McpPage", "GITHUB_TOKEN, or a header name, or \"bearer\""))
        self.secret_value_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret_value_edit.setPlaceholderText(translate("McpPage", "The value (stored in the keychain only)"))
        self.secret_button = QPushButton(translate("McpPage", "Save in keychain"))
        self.secret_button.clicked.connect(lambda: spawn(self.save_secret()))
        self.secrets_label = QLabel()
        self.secrets_label.setWordWrap(True)
        self.timeout_spin = float_spin(1, 3600, 5, 0)
        self.timeout_spin.setToolTip(translate("McpPage", "How long one tool call may take before it is stopped"))
        self.cap_spin = QSpinBox()
        self.cap_spin.setRange(0, 100_000)
        self.cap_spin.setSuffix(translate("McpPage", " kB"))
        self.cap_spin.setSpecialValueText(translate("McpPage", "the general cap (above)"))
        self.tools_list = QListWidget()
        self.tools_list.setObjectName("mcpTools")
        self.tools_list.setMinimumHeight(110)
        self.tools_list.setMaximumHeight(160)
        self.tools_list.itemChanged.connect(lambda _item: self._show_cost())
        self.list_button = QPushButton(translate("McpPage", "List its tools"))
        self.log_button = QPushButton(translate("McpPage", "Open log"))
        self.list_button.setToolTip(translate("McpPage", "Start the server (as saved or as typed here) and read its "
                                                         "tools"))
        self.log_button.setToolTip(translate("McpPage", "The server's messages (its stderr), kept between runs"))
        self.list_button.clicked.connect(lambda: spawn(self.list_tools()))
        self.log_button.clicked.connect(self.open_log)
        self.cost_label, self.status_label = QLabel(), QLabel()
        for label in (self.cost_label, self.status_label):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # server names and errors come from outside
        form_widget = QWidget()
        self.form = form = QFormLayout(form_widget)
        form.addRow(translate("McpPage", "Name"), self.name_edit)
        form.addRow("", self.enabled_check)
        form.addRow(translate("McpPage", "Kind"), self.transport_box)
        form.addRow(translate("McpPage", "Command"), self.command_edit)
        form.addRow(translate("McpPage", "Arguments"), self.args_edit)
        form.addRow(translate("McpPage", "Environment"), self.env_edit)
        form.addRow(translate("McpPage", "Folder"), self.cwd_edit)
        form.addRow(translate("McpPage", "URL"), self.url_edit)
        form.addRow(translate("McpPage", "Headers"), self.headers_edit)
        secret_row = QHBoxLayout()
        for w in (self.secret_name_edit, self.secret_value_edit, self.secret_button):
            secret_row.addWidget(w, 0 if w is self.secret_button else 1)
        form.addRow(translate("McpPage", "Secret"), secret_row)
        form.addRow("", self.secrets_label)
        form.addRow(translate("McpPage", "Tool timeout"), self.timeout_spin)
        form.addRow(translate("McpPage", "Result size cap"), self.cap_spin)
        tools_buttons = QHBoxLayout()
        tools_buttons.addWidget(self.list_button)
        tools_buttons.addWidget(self.log_button)
        tools_buttons.addStretch(1)
        form.addRow(translate("McpPage", "Tools"), self.tools_list)
        form.addRow("", tools_buttons)
        form.addRow("", self.cost_label)
        form.addRow("", self.status_label)
        self.transport_box.currentIndexChanged.connect(lambda _i: self._show_transport())
        note = translate("McpPage", "MCP servers give models tools. A tool runs only when you approve the call "
                                    "(once, for a conversation, or always). Each enabled tool's description is sent "
                                    "with every request: the cost shown is an estimate.")  # fmt: skip
        self.list_form = ListForm(self, form_widget, note=note, add_text=translate("McpPage", "Add server"),
                                  name="mcpServers")
        self.list_form.add_button.clicked.connect(self.add_server)
        self.list_form.remove_button.clicked.connect(self.remove_server)
        self.import_button = QPushButton(translate("McpPage", "Import file…"))
        self.paste_button = QPushButton(translate("McpPage", "Paste JSON…"))
        self.import_button.setToolTip(translate("McpPage", "Read the mcpServers of Claude Desktop, Cursor or VS Code "
                                                           "from a file"))
        self.paste_button.setToolTip(translate("McpPage", "Paste an mcpServers JSON"))
        self.import_button.clicked.connect(self.choose_file)
        self.paste_button.clicked.connect(self.paste)
        self.steps_spin, self.global_cap_spin = QSpinBox(), QSpinBox()
        self.steps_spin.setRange(1, MAX_STEPS_LIMIT)
        self.steps_spin.setValue(mcp.max_steps)
        self.steps_spin.setToolTip(translate("McpPage", "Model calls in one turn with tools, at most (each one is "
                                                        "billed)"))
        self.global_cap_spin.setRange(1, 100_000)
        self.global_cap_spin.setSuffix(translate("McpPage", " kB"))
        self.global_cap_spin.setValue(max(1, mcp.result_cap // 1000))
        self.global_cap_spin.setToolTip(translate("McpPage", "A longer tool result is cut, and says so"))
        self.always_list = QListWidget()
        self.always_list.setMaximumHeight(56)
        self.always_list.addItems(mcp.always_allowed)
        forget = QPushButton(translate("McpPage", "Forget"))
        forget.setToolTip(translate("McpPage", "Ask again before this tool runs"))
        forget.clicked.connect(self._forget_always)
        self.import_label = problem_label()
        top = QHBoxLayout()
        top.addWidget(self.import_button)
        top.addWidget(self.paste_button)
        top.addStretch(1)
        top.addWidget(QLabel(translate("McpPage", "Steps per turn")))
        top.addWidget(self.steps_spin)
        top.addWidget(QLabel(translate("McpPage", "Result size cap")))
        top.addWidget(self.global_cap_spin)
        always = QHBoxLayout()
        always.addWidget(QLabel(translate("McpPage", "Always allowed")))
        always.addWidget(self.always_list, 1)
        always.addWidget(forget)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.import_label)
        column.addWidget(self.list_form, 1)
        column.addLayout(always)
        self.list_form.refill(0 if mcp.servers else None)

    # -- rows ------------------------------------------------------------------------------------------------
    def list_items(self) -> list[QListWidgetItem]:
        return [QListWidgetItem(server_label(s)) for s in self.state.draft.mcp.servers]

    def shown_server(self) -> McpServerSettings | None:
        row = self.list_form.shown
        return self.state.draft.mcp.servers[row] if row is not None else None

    def show_row(self, row: int | None) -> None:
        s = self.state.draft.mcp.servers[row] if row is not None else McpServerSettings("")
        self.name_edit.setText(s.name)
        has_secrets = bool(s.secret_env or s.secret_headers or s.bearer_token or s.oauth)
        self.name_edit.setReadOnly(has_secrets)  # its keychain entries are named after it
        self.name_edit.setToolTip(translate("McpPage", "Remove it and add it again to rename it: its secrets are "
                                                       "kept under this name") if has_secrets else "")  # fmt: skip
        self.enabled_check.setChecked(s.enabled)
        self.transport_box.setCurrentIndex(max(0, self.transport_box.findData(s.transport)))
        self.command_edit.setText(s.command)
        self.args_edit.setPlainText("\n".join(s.args))
        self.env_edit.setPlainText("\n".join(f"{k}={v}" for k, v in s.env.items()))
        self.cwd_edit.setText(s.cwd or "")
        self.url_edit.setText(s.url)
        self.headers_edit.setPlainText("\n".join(f"{k}: {v}" for k, v in s.headers.items()))
        self.timeout_spin.setValue(s.tool_timeout)
        self.cap_spin.setValue((s.result_cap or 0) // 1000)
        self._show_secrets(s)
        self._show_tools(s)
        self._show_transport()
        self.status_label.setText(self._status(s) if row is not None else "")

    def commit_row(self, row: int) -> None:
        old = self.state.draft.mcp.servers[row]
        transport = str(self.transport_box.currentData())
        cap = self.cap_spin.value()
        off = [t for t in self._tool_names() if t not in self._tool_names(checked=True)]
        listed = {t.name for t in self.listed.get(old.name, [])}
        off += [t for t in old.disabled_tools if t not in listed]  # tools not listed now keep their choice
        new = McpServerSettings(
            name=old.name if self.name_edit.isReadOnly() else self.name_edit.text().strip(),
            transport=transport if transport in ("stdio", "http", "sse") else "stdio",  # type: ignore[arg-type]
            command=self.command_edit.text().strip(), args=[a for a in self.args_edit.toPlainText().splitlines() if a],
            env=lines_to_map(self.env_edit.toPlainText(), "="), secret_env=old.secret_env,
            cwd=self.cwd_edit.text().strip() or None, url=self.url_edit.text().strip(),
            headers=lines_to_map(self.headers_edit.toPlainText(), ":"), secret_headers=old.secret_headers,
            bearer_token=old.bearer_token, oauth=old.oauth, enabled=self.enabled_check.isChecked(),
            disabled_tools=sorted(set(off)), tool_timeout=self.timeout_spin.value(),
            result_cap=cap * 1000 if cap else None,
        )  # fmt: skip
        self.state.draft.mcp.servers[row] = new
        self.list_form.relabel(row, server_label(new))

    def commit(self) -> None:
        self.list_form.commit()
        mcp = self.state.draft.mcp
        mcp.max_steps = self.steps_spin.value()
        mcp.result_cap = self.global_cap_spin.value() * 1000
        items = (self.always_list.item(i) for i in range(self.always_list.count()))
        mcp.always_allowed = [i.text() for i in items if i is not None]
        self.problems = [translate("McpPage", "MCP server {name}: {variable} looks like a secret; save its value in "
                                              "the keychain (Secret) and remove it from Environment.").format(
                             name=repr(s.name), variable=k) for s in mcp.servers for k in s.env
                         if is_secret_env(k)]  # fmt: skip

    def add_server(self) -> None:
        self.list_form.commit()
        servers = self.state.draft.mcp.servers
        names = {s.name for s in servers}
        n = 1
        while f"server-{n}" in names:
            n += 1
        servers.append(McpServerSettings(f"server-{n}"))
        self.list_form.refill(len(servers) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_server(self) -> None:
        row = self.list_form.take_shown()
        if row is None:
            return
        self.removed.append(self.state.draft.mcp.servers.pop(row))
        self.list_form.refill(min(row, len(self.state.draft.mcp.servers) - 1))

    # -- import --------------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, translate("McpPage", "Import MCP servers"), "",
                                              translate("McpPage", "JSON (*.json);;All files (*)"))
        if path:
            spawn(self.import_file(path))

    async def import_file(self, path: str) -> list[str]:
        try:
            text = read_config_file(path)
        except (OSError, UnicodeDecodeError) as exc:
            self.import_label.setText(translate("McpPage", "Cannot read {path}: {problem}").format(
                path=path, problem=problem(exc)))
            return []
        return await self.import_text(text)

    def paste(self) -> None:
        dialog = PasteDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: spawn(self.import_text(dialog.text_edit.toPlainText())))
        dialog.open()

    async def import_text(self, text: str) -> list[str]:
        """Add the servers of an mcpServers JSON to the draft; returns their names."""
        self.list_form.commit()
        result = await import_servers(text, self.state.draft.mcp, self.state.runtime.keys)
        self.import_label.setText(result.summary())
        if result.added:
            self.list_form.refill(len(self.state.draft.mcp.servers) - len(result.added))
        return result.added

    # -- secrets, tools, log --------------------------------------------------------------------------------
    async def save_secret(self) -> bool:
        """The typed secret into the keychain: an environment variable (stdio), a header, or "bearer" (HTTP)."""
        from app.core.keys import KeychainUnavailable
        from app.core.mcp.secrets import bearer_key, env_key, header_key

        self.list_form.commit()  # (the draft's server is replaced by what the form holds)
        server, name, value = self.shown_server(), self.secret_name_edit.text().strip(), self.secret_value_edit.text()
        if server is None or not name or not value:
            self.status_label.setText(translate("McpPage", "Type the secret's name and its value first."))
            return False
        stdio = server.transport == "stdio"
        key_id = bearer_key(server.name) if name.lower() == "bearer" and not stdio else \
            env_key(server.name, name) if stdio else header_key(server.name, name)  # fmt: skip
        try:
            await self.state.runtime.keys.aset(key_id, value.strip())
        except (KeychainUnavailable, ValueError) as exc:
            self.status_label.setText(translate("McpPage", "Not saved: {problem}").format(problem=problem(exc)))
            return False
        if name.lower() == "bearer" and not stdio:
            server.bearer_token = True
        elif stdio:
            server.secret_env = sorted({*server.secret_env, name})
            server.env.pop(name, None)
        else:
            server.secret_headers = sorted({*server.secret_headers, name})
            server.headers.pop(name, None)
        self.secret_value_edit.clear()
        self.secret_name_edit.clear()
        self.show_row(self.list_form.shown)  # the form from the draft (not the other way round)
        self.status_label.setText(translate("McpPage", "Saved {name} in {keychain}; press Save to keep the server.")
                                  .format(name=name, keychain=say(self.state.keychain_where)))
        return True

    def _show_secrets(self, s: McpServerSettings) -> None:
        names = [*s.secret_env, *s.secret_headers] + ([translate("McpPage", "bearer token")] if s.bearer_token else [])
        self.secrets_label.setText(translate("McpPage", "In the keychain: {names}").format(names=", ".join(names))
                                   if names else translate("McpPage", "No secrets in the keychain."))

    def _tool_names(self, checked: bool = False) -> list[str]:
        """The tools listed (all, or the ticked ones)."""
        items = (self.tools_list.item(i) for i in range(self.tools_list.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items
                if i is not None and (not checked or i.checkState() == Qt.CheckState.Checked)]  # fmt: skip

    def _show_tools(self, s: McpServerSettings) -> None:
        tools = self.listed.get(s.name) or [t for t in self.state.runtime.mcp.listing.tools if t.server == s.name]
        self.tools_list.blockSignals(True)
        self.tools_list.clear()
        for tool in tools:
            item = QListWidgetItem(tool.name)
            item.setData(Qt.ItemDataRole.UserRole, tool.name)
            item.setToolTip(tool.description)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if tool.name in s.disabled_tools else Qt.CheckState.Checked)
            self.tools_list.addItem(item)
        self.tools_list.blockSignals(False)
        if tools:
            self.listed.setdefault(s.name, list(tools))
        self._show_cost()

    def _show_cost(self) -> None:
        from dataclasses import replace

        from app.core.mcp.tools import schema_cost

        server = self.shown_server()
        tools = self.listed.get(server.name, []) if server is not None else []
        if not tools:
            self.cost_label.setText(translate("McpPage", "Press \"List its tools\" to see them and what they cost."))
            return
        on = set(self._tool_names(checked=True))
        cost = schema_cost([replace(t, enabled=True) for t in tools if t.name in on])
        self.cost_label.setText(translate("McpPage", "{on} of {tools} tools on: their schemas add about {tokens} "
                                                     "tokens "
                                                     "({bytes} bytes) to every request (an estimate).").format(
            on=len(on), tools=len(tools), tokens=count(cost.tokens), bytes=count(cost.json_bytes)))  # fmt: skip

    async def list_tools(self) -> list[McpTool]:
        server = self.shown_server()
        if server is None:
            return []
        self.list_form.commit()
        server = self.shown_server()
        assert server is not None
        self.status_label.setText(translate("McpPage", "Starting {name}…").format(name=server.name))
        listing = await self.state.runtime.mcp.probe(server)
        self.listed[server.name] = listing.tools
        if self.shown_server() is server:
            self._show_tools(server)
            said = listing.problems.get(server.name)
            self.status_label.setText(say(said) if said else translate(
                "McpPage", "{name} answered with {count} tools.").format(name=server.name, count=len(listing.tools)))
        return listing.tools

    def open_log(self) -> None:
        server = self.shown_server()
        if server is None:
            return
        path = self.state.runtime.mcp.log_path(server.name)
        if not path.exists():
            self.status_label.setText(translate("McpPage", "No log yet: {name} has not run.").format(name=server.name))
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _status(self, s: McpServerSettings) -> str:
        state, error = self.state.runtime.mcp.status(s.name)
        if error:
            return translate("McpPage", "Now: {state} ({problem}).").format(state=state_text(state), problem=say(error))
        return translate("McpPage", "Now: {state}.").format(state=state_text(state))

    def _show_transport(self) -> None:
        """Only the fields of the kind of server shown: a program's, or a URL's."""
        stdio = self.transport_box.currentData() == "stdio"
        for w in (self.command_edit, self.args_edit, self.env_edit, self.cwd_edit):
            self.form.setRowVisible(w, stdio)
        for w in (self.url_edit, self.headers_edit):
            self.form.setRowVisible(w, not stdio)
        self.secret_name_edit.setPlaceholderText(translate("McpPage", "GITHUB_TOKEN (a variable)") if stdio else
                                                 translate("McpPage", "a header name, or \"bearer\" for a bearer "
                                                                      "token"))  # fmt: skip

    def _forget_always(self) -> None:
        row = self.always_list.currentRow()
        if row >= 0:
            self.always_list.takeItem(row)

    def saved(self) -> None:
        """The panel saved: follow up only when there is something to do (a task for every Save would outlive
        a panel closed at once)."""
        mcp = self.state.runtime.mcp
        mcp.settings_saved()
        if self.removed or mcp.running:
            spawn(self.after_save())

    async def after_save(self) -> None:
        """Saved: the window's servers follow the new settings; removed servers' secrets leave the keychain."""
        import asyncio
        import contextlib

        from app.core.keys import KeychainUnavailable
        from app.core.mcp.secrets import delete_secrets

        removed, self.removed = self.removed, []
        names = {s.name for s in self.state.draft.mcp.servers}
        for server in removed:
            if server.name not in names:
                with contextlib.suppress(KeychainUnavailable):  # nothing to forget where nothing could be kept
                    await asyncio.to_thread(delete_secrets, self.state.runtime.keys, server)
        await self.state.runtime.mcp.settings_changed()
