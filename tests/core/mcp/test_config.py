"""The `mcpServers` JSON as Claude Desktop, Cursor, Windsurf, Cline and VS Code write it; clear messages otherwise."""

from __future__ import annotations

import json

import pytest

from app.core.mcp.config import DEFAULT_TOOL_TIMEOUT, McpConfigError, ServerConfig, parse_mcp_json

CLAUDE_DESKTOP = {
    "mcpServers": {
        "filesystem": {
            "command": "npx",
            "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop"],
        },
        "github": {
            "command": "docker",
            "args": ["run", "-i", "--rm", "-e", "GITHUB_PERSONAL_ACCESS_TOKEN", "ghcr.io/github/github-mcp-server"],
            "env": {"GITHUB_PERSONAL_ACCESS_TOKEN": "test-key-not-real"},
        },
    }
}


def test_claude_desktop_stdio_servers() -> None:
    parsed = parse_mcp_json(json.dumps(CLAUDE_DESKTOP))
    assert parsed.problems == []
    fs, gh = parsed.servers
    assert (fs.name, fs.transport, fs.command) == ("filesystem", "stdio", "npx")
    assert fs.args == ("-y", "@modelcontextprotocol/server-filesystem", "/Users/me/Desktop")
    assert gh.env == {"GITHUB_PERSONAL_ACCESS_TOKEN": "test-key-not-real"}
    assert fs.tool_timeout == DEFAULT_TOOL_TIMEOUT and fs.enabled


def test_cursor_url_without_type_is_streamable_http() -> None:
    text = '{"mcpServers": {"remote": {"url": "https://example.test/mcp", "headers": {"X-Team": "blue"}}}}'
    (server,) = parse_mcp_json(text).servers
    assert (server.transport, server.url, server.headers) == ("http", "https://example.test/mcp", {"X-Team": "blue"})


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("http", "http"), ("sse", "sse"), ("stdio", "stdio"), ("streamable-http", "http"), ("streamableHttp", "http"),
     ("SSE", "sse")],
)  # fmt: skip
def test_type_is_honoured(kind: str, expected: str) -> None:
    entry = {"type": kind, "url": "http://127.0.0.1:9/sse"} if expected != "stdio" else {"type": kind, "command": "x"}
    (server,) = parse_mcp_json(json.dumps({"mcpServers": {"s": entry}})).servers
    assert server.transport == expected


def test_vs_code_servers_key_and_nesting() -> None:
    vscode = {"servers": {"fetch": {"type": "stdio", "command": "uvx", "args": ["mcp-server-fetch"]},
                          "api": {"type": "http", "url": "http://localhost:3000/mcp"}}, "inputs": []}  # fmt: skip
    assert [s.name for s in parse_mcp_json(json.dumps(vscode)).servers] == ["fetch", "api"]
    nested = {"mcp": vscode}  # VS Code's user settings.json
    assert [s.transport for s in parse_mcp_json(json.dumps(nested)).servers] == ["stdio", "http"]


def test_bare_fragment_windsurf_server_url_and_cline_fields() -> None:
    text = json.dumps({
        "ws": {"serverUrl": "https://example.test/sse", "type": "sse"},
        "cline": {"command": "node", "args": ["server.js", 8080], "disabled": True, "timeout": 30,
                  "autoApprove": ["x"]},
    })  # fmt: skip
    ws, cline = parse_mcp_json(text).servers
    assert (ws.transport, ws.url) == ("sse", "https://example.test/sse")
    assert cline.args == ("server.js", "8080") and not cline.enabled and cline.tool_timeout == 30.0


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"args": ["x"]}, "needs \"command\""),
        ({"command": ""}, "\"command\" must name the program"),
        ({"command": "x", "url": "http://a.test"}, "has both \"command\" and \"url\""),
        ({"type": "websocket", "url": "ws://a.test"}, "\"type\" must be"),
        ({"url": "example.test/mcp"}, "must start with http:// or https://"),
        ({"command": "x", "args": "--flag"}, "\"args\" must be a list"),
        ({"command": "x", "env": {"A": {"nested": 1}}}, "env 'A' must be a string"),
        ({"command": "x", "env": ["A=1"]}, "\"env\" must be an object"),
        ({"url": "http://a.test", "headers": {"X": None}}, "headers 'X' must be a string"),
        ("npx server", "must be an object"),
    ],
)
def test_a_bad_server_is_left_out_and_named(entry: object, message: str) -> None:
    text = json.dumps({"mcpServers": {"bad": entry, "good": {"command": "ok"}}})
    parsed = parse_mcp_json(text)
    assert [s.name for s in parsed.servers] == ["good"]
    (problem,) = parsed.problems
    assert "'bad'" in problem and message in problem


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "not valid JSON (line 1"),
        ("[1, 2]", "must be a JSON object"),
        ('{"mcpServers": []}', "must be an object of named servers"),
        ('{"theme": "dark"}', "No MCP servers found"),
    ],
)
def test_a_document_that_is_not_a_config_says_why(text: str, message: str) -> None:
    with pytest.raises(McpConfigError, match=message.replace("(", r"\(")):
        parse_mcp_json(text)


def test_notes_for_ignored_values() -> None:
    text = json.dumps({"servers": {"gh": {"command": "x", "env": {"TOKEN": "${input:token}"}, "timeout": "slow"}}})
    parsed = parse_mcp_json(text)
    assert len(parsed.servers) == 1
    assert any("VS Code input variable" in p for p in parsed.problems)
    assert any("ignored \"timeout\"" in p for p in parsed.problems)


def test_repr_never_shows_env_or_header_values() -> None:
    server = ServerConfig("s", command="x", env={"API_KEY": "test-key-not-real"},
                          headers={"Authorization": "Bearer test-key-not-real"})  # fmt: skip
    assert "test-key-not-real" not in repr(server) and "API_KEY" in repr(server)
