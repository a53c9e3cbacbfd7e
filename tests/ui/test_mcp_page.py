"""The MCP servers page: servers imported from an mcpServers JSON (pasted or from a file), secrets kept in the
keychain and out of settings.json, tools listed from a real server and turned off, saved for the window's turns."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.core.settings import load_settings
from app.ui.main_window import MainWindow
from tests.support.mcp_servers import DATA

from .test_settings_panel import files_holding, opened

pytestmark = pytest.mark.gui

SECRET = "test-token-not-real-mcp-7c1"
CLAUDE = {"mcpServers": {
    "adder": {"command": sys.executable, "args": [str(DATA / "adder.py")], "env": {"GITHUB_TOKEN": SECRET,
                                                                                 "LOG_LEVEL": "debug"}},
    "web": {"url": "https://mcp.example.com/mcp", "headers": {"Authorization": f"Bearer {SECRET}"}},
    "broken": {"command": 42},
}}  # fmt: skip


async def test_import_keeps_secrets_in_the_keychain_and_saves_the_rest(window: MainWindow, parley_home: Path) -> None:
    panel = await opened(window)
    page = panel.mcp
    panel.show_mcp()
    added = await page.import_text(json.dumps(CLAUDE))

    assert added == ["adder", "web"]
    assert "broken" in page.import_label.text() and "Imported adder, web" in page.import_label.text()
    adder, web = page.state.draft.mcp.servers
    assert adder.env == {"LOG_LEVEL": "debug"} and adder.secret_env == ["GITHUB_TOKEN"]
    assert web.transport == "http" and web.bearer_token and web.headers == {}
    keys = window.runtime.keys
    assert keys.get("mcp.adder.env.GITHUB_TOKEN").value == SECRET and keys.get("mcp.web.bearer").value == SECRET
    assert page.list_form.list.count() == 2 and page.name_edit.text() == "adder"
    assert page.name_edit.isReadOnly()  # its secrets are named after it
    assert "GITHUB_TOKEN" in page.secrets_label.text()

    assert await panel.save()
    saved = load_settings().settings.mcp
    assert [s.name for s in saved.servers] == ["adder", "web"]
    assert files_holding(parley_home, SECRET) == []  # nowhere on disk, settings.json included

    # The same file imported again: the names are taken, so the copies get their own.
    config = parley_home / "claude_desktop_config.json"
    config.write_text(json.dumps({"mcpServers": {"adder": CLAUDE["mcpServers"]["adder"]}}), encoding="utf-8")
    assert await page.import_file(str(config)) == ["adder (2)"]


async def test_a_pasted_config_that_is_not_json_is_said_plainly(window: MainWindow) -> None:
    page = (await opened(window)).mcp
    assert await page.import_text('{"mcpServers": {') == []
    assert "not valid JSON" in page.import_label.text()
    assert page.state.draft.mcp.servers == []


async def test_tools_listed_from_a_real_server_can_be_turned_off(window: MainWindow) -> None:
    panel = await opened(window)
    page = panel.mcp
    await page.import_text(json.dumps({"mcpServers": {"adder": {"command": sys.executable,
                                                                "args": [str(DATA / "adder.py")]}}}))  # fmt: skip
    tools = await page.list_tools()
    assert "add" in {t.name for t in tools}
    assert "adder answered with" in page.status_label.text()
    before = page.cost_label.text()
    assert "tokens" in before and "estimate" in before
    items = [page.tools_list.item(i) for i in range(page.tools_list.count())]
    big = next(i for i in items if i is not None and i.text() == "big")
    big.setCheckState(Qt.CheckState.Unchecked)
    assert page.cost_label.text() != before
    assert await panel.save()
    server = window.runtime.settings().mcp.server("adder")
    assert server is not None and server.disabled_tools == ["big"]


async def test_a_secret_typed_as_plain_environment_blocks_saving(window: MainWindow) -> None:
    panel = await opened(window)
    page = panel.mcp
    page.add_server()
    page.command_edit.setText("npx")
    page.env_edit.setPlainText(f"API_KEY={SECRET}")
    assert not await panel.save()
    assert "API_KEY looks like a secret" in panel.problems_label.text()
    page.secret_name_edit.setText("API_KEY")
    page.secret_value_edit.setText(SECRET)
    assert await page.save_secret()
    assert page.env_edit.toPlainText() == ""
    assert await panel.save()
    assert window.runtime.keys.get("mcp.server-1.env.API_KEY").value == SECRET


async def test_a_preset_names_its_tools(window: MainWindow) -> None:
    panel = await opened(window)
    await panel.mcp.import_text(json.dumps({"mcpServers": {"adder": {"command": sys.executable,
                                                                     "args": [str(DATA / "adder.py")]}}}))  # fmt: skip
    presets = panel.presets
    presets.add_preset()
    presets.model_edit.setText("gpt-4o-mini")
    presets.tools_edit.setText("adder/add, adder/echo")
    assert await panel.save()
    preset = window.runtime.settings().presets[0]
    assert preset.tools == ["adder/add", "adder/echo"]
    chat = window.chat_panel
    chat.apply_preset(preset)
    assert window.controller.tools.choice == ["adder/add", "adder/echo"]
    presets.tools_edit.setText("nosuch")
    assert not await panel.save()
    assert "not those of an MCP server" in panel.problems_label.text()
