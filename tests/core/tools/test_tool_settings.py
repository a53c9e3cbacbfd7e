"""Tool settings: the step limit and a preset's tools survive a save and load, and are checked."""

from __future__ import annotations

from app.core.mcp.settings import McpServerSettings, McpSettings
from app.core.settings import Preset, Settings, load_settings, save_settings, validate


def test_step_limit_and_preset_tools_round_trip() -> None:
    mcp = McpSettings(servers=[McpServerSettings("calc", command="calc-server")], max_steps=4)
    save_settings(Settings(presets=[Preset("maths", "openai", "m", tools=["calc", "calc/add"])], mcp=mcp))
    loaded = load_settings()
    assert loaded.warnings == []
    assert loaded.settings.mcp.max_steps == 4
    preset = loaded.settings.preset("maths")
    assert preset is not None and preset.tools == ["calc", "calc/add"]
    assert Settings().mcp.max_steps == 10 and Preset("p", "openai", "m").tools == []


def test_bad_values_are_named() -> None:
    settings = Settings(presets=[Preset("maths", "openai", "m", tools=["nowhere/add"])], mcp=McpSettings(max_steps=0))
    problems = validate(settings)
    assert "The step limit of a turn with tools must be between 1 and 100." in problems
    assert "Preset 'maths': the tools 'nowhere/add' are not those of an MCP server in the settings." in problems
    settings.mcp.servers.append(McpServerSettings("nowhere", command="x"))
    settings.mcp.max_steps = 100
    assert validate(settings) == []
