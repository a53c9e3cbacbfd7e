"""Bringing MCP servers in from an `mcpServers` JSON (Claude Desktop, Cursor, VS Code's `servers`), pasted or from a
file: values that look secret go to the keychain, the rest into the settings draft; each problem said plainly."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from .i18n import problem, say, translate

if TYPE_CHECKING:
    from app.core.keys import KeyStore
    from app.core.mcp.settings import McpServerSettings, McpSettings

PASTE_HINT = ('{"mcpServers": {"files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", '
              '"/home/me/notes"]}}}')  # fmt: skip


@dataclass
class ImportResult:
    added: list[str] = field(default_factory=list)  # server names as added (renamed when the name was taken)
    secrets: int = 0  # values moved to the keychain
    problems: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.added:
            return " ".join([translate("McpImport", "No server was imported."), *map(say, self.problems)])
        names = ", ".join(self.added)
        parts = [translate("McpImport", "Imported {names} (not saved until you press Save).").format(names=names)]
        if self.secrets:
            parts.append(translate("McpImport", "1 secret value went to the keychain.") if self.secrets == 1 else
                         translate("McpImport", "{count} secret values went to the keychain.").format(
                             count=self.secrets))
        return " ".join([*parts, *map(say, self.problems)])


def free_name(name: str, taken: set[str]) -> str:
    if name not in taken:
        return name
    n = 2
    while f"{name} ({n})" in taken:
        n += 1
    return f"{name} ({n})"


async def import_servers(text: str, mcp: McpSettings, keys: KeyStore) -> ImportResult:
    """Parse `text`, put each server's secret values in the keychain (off the loop) and add it to `mcp` (the
    draft). A server whose secrets cannot be stored is not added (its settings would name missing secrets)."""
    from dataclasses import replace

    from app.core.keys import KeychainUnavailable
    from app.core.mcp.config import McpConfigError, parse_mcp_json
    from app.core.mcp.secrets import split_secrets, store_secrets

    result = ImportResult()
    try:
        parsed = parse_mcp_json(text)
    except McpConfigError as exc:
        result.problems.append(str(exc))
        return result
    result.problems += parsed.problems
    taken = {s.name for s in mcp.servers}
    for server in parsed.servers:
        name = free_name(server.name, taken)
        imported = split_secrets(replace(server, name=name))
        try:
            await asyncio.to_thread(store_secrets, keys, imported.secrets)
        except (KeychainUnavailable, ValueError) as exc:
            result.problems.append(translate(
                "McpImport", "MCP server {name} was not imported: its secrets could not be stored ({problem})."
            ).format(name=repr(name), problem=problem(exc)))
            continue
        mcp.servers.append(imported.settings)
        taken.add(name)
        result.added.append(name)
        result.secrets += len(imported.secrets)
    return result


def read_config_file(path: str) -> str:
    """A config file's text (UTF-8, a BOM allowed); OSError or UnicodeDecodeError when it cannot be read."""
    return Path(path).expanduser().read_text(encoding="utf-8-sig")


class PasteDialog(QDialog):
    """A box to paste an `mcpServers` JSON into."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("McpImport", "Paste MCP servers"))
        note = QLabel(translate(
            "McpImport", "Paste the JSON that Claude Desktop, Cursor or VS Code use for MCP servers (an object with "
            "\"mcpServers\" or \"servers\" in it). Values that look secret go to the keychain."))  # fmt: skip
        note.setWordWrap(True)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("mcpPaste")
        self.text_edit.setAccessibleName(translate("McpImport", "MCP servers JSON"))
        self.text_edit.setPlaceholderText(PASTE_HINT)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.text_edit, 1)
        column.addWidget(buttons)
        self.resize(620, 380)


def server_label(server: McpServerSettings) -> str:
    where = server.url if server.transport != "stdio" else " ".join([server.command, *server.args])
    state = "" if server.enabled else translate("McpImport", " (off)")
    return f"{server.name}{state} — {where}" if where.strip() else f"{server.name}{state}"
