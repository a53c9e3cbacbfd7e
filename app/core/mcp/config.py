"""MCP server definitions, and the `mcpServers` JSON of Claude Desktop, Cursor, VS Code and others, read tolerantly."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Transport = Literal["stdio", "http", "sse"]
TRANSPORTS: tuple[Transport, ...] = ("stdio", "http", "sse")

DEFAULT_TOOL_TIMEOUT = 60.0  # seconds, per server (issue "Tools", item 5)
DEFAULT_RESULT_CAP = 100_000  # bytes; a larger result is cut (item 6)
DEFAULT_START_TIMEOUT = 60.0  # seconds: `npx` may download a package the first time

# `type` spellings seen in the wild, mapped to ours. A `url` without a type is Streamable HTTP.
_TYPE_ALIASES: dict[str, Transport] = {
    "stdio": "stdio",
    "local": "stdio",
    "http": "http",
    "streamable-http": "http",
    "streamable_http": "http",
    "streamablehttp": "http",
    "sse": "sse",
}
_NAME = re.compile(r"[^\x00-\x1f\x7f]{1,100}")


class McpConfigError(ValueError):
    """The whole document could not be read (not JSON, or no servers in it); the message says why."""


@dataclass(frozen=True)
class ServerConfig:
    """How to reach one MCP server, with every value resolved (secrets included): never written to disk."""

    name: str
    transport: Transport = "stdio"
    command: str = ""
    args: tuple[str, ...] = ()
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    oauth: bool = False  # sign in with OAuth 2.1 when the server asks (Streamable HTTP and SSE)
    enabled: bool = True
    disabled_tools: frozenset[str] = frozenset()
    tool_timeout: float = DEFAULT_TOOL_TIMEOUT
    start_timeout: float = DEFAULT_START_TIMEOUT
    result_cap: int = DEFAULT_RESULT_CAP

    def __repr__(self) -> str:  # env and header values may be secrets: never print them
        where = self.url if self.transport != "stdio" else " ".join([self.command, *self.args])
        names = f"env={sorted(self.env)}, headers={sorted(self.headers)}"
        return f"ServerConfig({self.name!r}, {self.transport}, {where!r}, {names})"


@dataclass
class ParsedServers:
    servers: list[ServerConfig]
    problems: list[str]  # one plain sentence per server that was left out, or per value that was ignored


def parse_mcp_json(text: str) -> ParsedServers:
    """Servers from an `mcpServers` document (Claude Desktop, Cursor, Windsurf, Cline), VS Code's `servers`,
    or the bare object of servers (a pasted fragment). A server with a problem is left out and named."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise McpConfigError(f"The MCP configuration is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                             f"{exc.msg}).") from None  # fmt: skip
    if not isinstance(data, dict):
        raise McpConfigError("The MCP configuration must be a JSON object with an \"mcpServers\" object in it.")
    return parse_mcp_object(data)


def parse_mcp_object(data: dict[str, Any]) -> ParsedServers:
    entries = _server_entries(data)
    servers: list[ServerConfig] = []
    problems: list[str] = []
    for name, entry in entries.items():
        try:
            server, notes = parse_server(name, entry)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        servers.append(server)
        problems += notes
    return ParsedServers(servers, problems)


def _server_entries(data: dict[str, Any]) -> dict[str, Any]:
    for key in ("mcpServers", "servers", "mcp_servers"):
        if key in data:
            entries = data[key]
            if not isinstance(entries, dict):
                raise McpConfigError(f"\"{key}\" must be an object of named servers, not a {_kind(entries)}.")
            return entries
    if isinstance(data.get("mcp"), dict):  # VS Code's settings.json nests it: {"mcp": {"servers": {...}}}
        return _server_entries(data["mcp"])
    if data and all(isinstance(v, dict) and ({"command", "url", "serverUrl"} & v.keys()) for v in data.values()):
        return data  # the inside of "mcpServers", pasted on its own
    raise McpConfigError("No MCP servers found: expected an object with \"mcpServers\" (Claude Desktop, Cursor) "
                         "or \"servers\" (VS Code) in it.")  # fmt: skip


def parse_server(name: str, entry: Any) -> tuple[ServerConfig, list[str]]:
    """One named entry; raises ValueError naming the server when it cannot be used."""
    label = f"MCP server {name!r}"
    if not _NAME.fullmatch(name) or not name.strip():
        raise ValueError(f"MCP server name {name!r} must be 1 to 100 printable characters.")
    if not isinstance(entry, dict):
        raise ValueError(f"{label} must be an object, not a {_kind(entry)}.")
    notes: list[str] = []
    url = entry.get("url", entry.get("serverUrl"))
    transport = _transport(label, entry.get("type", entry.get("transport")), url, entry.get("command"))
    timeout = _timeout(label, entry.get("timeout"), notes)
    enabled = not (entry.get("disabled") is True or entry.get("enabled") is False)
    if transport == "stdio":
        command = entry.get("command")
        if not isinstance(command, str) or not command.strip():
            raise ValueError(f"{label}: \"command\" must name the program to run.")
        args = entry.get("args", [])
        if not isinstance(args, list) or not all(isinstance(a, (str, int, float)) for a in args):
            raise ValueError(f"{label}: \"args\" must be a list of strings.")
        cwd = entry.get("cwd")
        if cwd is not None and not isinstance(cwd, str):
            raise ValueError(f"{label}: \"cwd\" must be a folder path.")
        env = _string_map(label, "env", entry.get("env", {}))
        notes += _variable_notes(label, env)
        server = ServerConfig(name, "stdio", command=command.strip(), args=tuple(str(a) for a in args), env=env,
                              cwd=cwd or None, enabled=enabled, tool_timeout=timeout)  # fmt: skip
    else:
        if not isinstance(url, str) or not re.match(r"https?://[^/\s]+", url.strip()):
            raise ValueError(f"{label}: \"url\" must start with http:// or https://, got {url!r}.")
        headers = _string_map(label, "headers", entry.get("headers", {}))
        notes += _variable_notes(label, headers)
        oauth = entry.get("oauth") not in (None, False)  # {"oauth": {...}} or true: sign in when asked
        server = ServerConfig(name, transport, url=url.strip(), headers=headers, oauth=oauth, enabled=enabled,
                              tool_timeout=timeout)  # fmt: skip
    return server, notes


def _transport(label: str, kind: Any, url: Any, command: Any) -> Transport:
    if kind is not None:
        if not isinstance(kind, str) or kind.strip().lower() not in _TYPE_ALIASES:
            raise ValueError(f"{label}: \"type\" must be \"stdio\", \"http\" or \"sse\", got {kind!r}.")
        return _TYPE_ALIASES[kind.strip().lower()]
    if url is not None and command is not None:
        raise ValueError(f"{label} has both \"command\" and \"url\"; add \"type\": \"stdio\" or \"http\".")
    if url is not None:
        return "http"
    if command is not None:
        return "stdio"
    raise ValueError(f"{label} needs \"command\" (a program to run) or \"url\" (a server to reach).")


def _timeout(label: str, value: Any, notes: list[str]) -> float:
    """Cline writes a per-server `timeout` in seconds; anything else there is ignored with a note."""
    if value is None:
        return DEFAULT_TOOL_TIMEOUT
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= 3600:
        return float(value)
    notes.append(f"{label}: ignored \"timeout\" {value!r} (seconds, 1 to 3600); using {DEFAULT_TOOL_TIMEOUT:g} s.")
    return DEFAULT_TOOL_TIMEOUT


def _string_map(label: str, key: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError(f"{label}: \"{key}\" must be an object of names and values.")
    out: dict[str, str] = {}
    for k, v in value.items():
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise ValueError(f"{label}: {key} {k!r} must be a string, not a {_kind(v)}.")
        out[str(k)] = str(v)
    return out


def _variable_notes(label: str, values: dict[str, str]) -> list[str]:
    """VS Code's `${input:...}` prompts are not supported: say so rather than send the placeholder in silence."""
    return [f"{label}: {k!r} uses a VS Code input variable ({v.strip()}), which Parley does not fill in; set the "
            "value itself." for k, v in values.items() if "${input:" in v]  # fmt: skip


def _kind(value: Any) -> str:
    return {dict: "object", list: "list", str: "string", bool: "true/false", type(None): "null"}.get(
        type(value), "number"
    )
