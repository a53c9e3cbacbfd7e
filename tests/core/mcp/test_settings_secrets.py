"""MCP servers in settings.json (round trip, validation) with their secrets in the keychain, never on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.keys import KeyStore
from app.core.mcp.config import ServerConfig, parse_mcp_json
from app.core.mcp.secrets import (
    MissingSecret,
    bearer_key,
    delete_secrets,
    env_key,
    header_key,
    resolve,
    split_secrets,
    store_secrets,
)
from app.core.mcp.settings import McpServerSettings, McpSettings
from app.core.settings import Settings, load_settings, save_settings, validate

FAKE = "test-key-not-real"


def test_settings_round_trip(tmp_path: Path) -> None:
    mcp = McpSettings(
        servers=[
            McpServerSettings("files", command="npx", args=["-y", "server-fs", "/tmp"], env={"LOG": "1"},
                              secret_env=["API_TOKEN"], cwd="/tmp", disabled_tools=["write_file"], tool_timeout=30),
            McpServerSettings("remote", transport="http", url="https://example.test/mcp", headers={"X-Team": "blue"},
                              secret_headers=["X-Api-Key"], bearer_token=True, oauth=True, enabled=False,
                              result_cap=5000),
        ],
        result_cap=200_000,
        always_allowed=["files/read_file"],
    )  # fmt: skip
    path = tmp_path / "settings.json"
    save_settings(Settings(mcp=mcp), path)
    loaded = load_settings(path)
    assert loaded.warnings == []
    assert loaded.settings.mcp == mcp
    assert json.loads(path.read_text())["mcp"]["servers"][0]["disabled_tools"] == ["write_file"]


def test_older_settings_file_without_mcp_loads_with_defaults(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "theme": "dark"}))
    loaded = load_settings(path)
    assert loaded.warnings == [] and loaded.settings.mcp == McpSettings()


@pytest.mark.parametrize(
    ("server", "message"),
    [
        (McpServerSettings("a", headers={"Authorization": "x"}), "the header 'Authorization' carries credentials"),
        (McpServerSettings("a", command="x", env={"T": "1"}, secret_env=["T"]), "also marked secret"),
        (McpServerSettings("a", transport="http", url="example.test"), "must start with http://"),
        (McpServerSettings("a", command=""), "give the program to run"),
        (McpServerSettings("a", command="x", tool_timeout=0), "between 1 and 3600 seconds"),
        (McpServerSettings("a", command="x", args=["--key", "sk-" + "a" * 40]), "looks like an API key"),
    ],
)
def test_validation_names_the_problem(server: McpServerSettings, message: str) -> None:
    problems = validate(Settings(mcp=McpSettings(servers=[server])))
    assert any(message in p for p in problems), problems


def test_two_servers_with_one_name_are_refused() -> None:
    mcp = McpSettings(servers=[McpServerSettings("a", command="x"), McpServerSettings("a", command="y")])
    assert "Two MCP servers share the name 'a'." in validate(Settings(mcp=mcp))


def _keys() -> KeyStore:
    return KeyStore()  # the in-memory keyring: conftest sets PARLEY_KEYRING=memory


def test_import_moves_secrets_to_the_keychain_and_resolve_brings_them_back(tmp_path: Path) -> None:
    text = json.dumps({"mcpServers": {
        "gh": {"command": "docker", "args": ["run"], "env": {"GITHUB_TOKEN": FAKE, "LOG_LEVEL": "debug"}},
        "api": {"url": "https://example.test/mcp",
                "headers": {"Authorization": f"Bearer {FAKE}", "X-Api-Key": FAKE, "X-Team": "blue"}},
    }})  # fmt: skip
    keys = _keys()
    imported = [split_secrets(s) for s in parse_mcp_json(text).servers]
    for item in imported:
        assert FAKE not in repr(item)
        store_secrets(keys, item.secrets)
    gh, api = (i.settings for i in imported)
    assert gh.env == {"LOG_LEVEL": "debug"} and gh.secret_env == ["GITHUB_TOKEN"]
    assert api.headers == {"X-Team": "blue"} and api.secret_headers == ["X-Api-Key"] and api.bearer_token
    settings = Settings(mcp=McpSettings(servers=[gh, api]))
    path = save_settings(settings, tmp_path / "settings.json")
    assert FAKE not in path.read_text()
    assert keys.get(env_key("gh", "GITHUB_TOKEN")).value == FAKE
    assert keys.get(header_key("api", "X-Api-Key")).value == FAKE
    assert keys.get(bearer_key("api")).value == FAKE

    resolved_gh = resolve(gh, settings.mcp, keys)
    resolved_api = resolve(api, settings.mcp, keys)
    assert resolved_gh.env == {"LOG_LEVEL": "debug", "GITHUB_TOKEN": FAKE}
    assert resolved_api.headers == {"X-Team": "blue", "X-Api-Key": FAKE, "Authorization": f"Bearer {FAKE}"}
    assert resolved_api.result_cap == settings.mcp.result_cap

    delete_secrets(keys, gh)
    with pytest.raises(MissingSecret, match="GITHUB_TOKEN is not in the keychain"):
        resolve(gh, settings.mcp, keys)


def test_a_mcp_config_file_passes_env_cwd_and_headers_through_unchanged() -> None:
    """`--mcp-config`: no keychain involved; what the file says is what the server gets."""
    servers = {
        "s": {"command": "x", "env": {"API_KEY": FAKE}, "cwd": "/srv"},
        "h": {"url": "http://127.0.0.1:1/mcp", "headers": {"Authorization": FAKE}},
    }
    text = json.dumps({"mcpServers": servers})
    s, h = parse_mcp_json(text).servers
    assert s == ServerConfig("s", command="x", env={"API_KEY": FAKE}, cwd="/srv")
    assert h.headers == {"Authorization": FAKE}
