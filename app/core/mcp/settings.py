"""MCP servers as Parley remembers them in settings.json: no secret values, only the names of those in the keychain."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .config import DEFAULT_RESULT_CAP, DEFAULT_TOOL_TIMEOUT, TRANSPORTS

DEFAULT_MAX_STEPS = 10  # model calls in one turn with tools (issue "Tools", item 3)
MAX_STEPS_LIMIT = 100

# Words in an environment variable's name that mark its value as a secret (GITHUB_TOKEN, BRAVE_API_KEY...).
_SECRET_ENV = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH|(?:^|_)PAT(?:_|$)|COOKIE", re.IGNORECASE)


def is_secret_env(name: str) -> bool:
    return _SECRET_ENV.search(name) is not None


@dataclass
class McpServerSettings:
    """One server. Secret env values, secret header values and the bearer token live in the keychain
    (see `secrets.py`); `secret_env` and `secret_headers` name them so that they are sent again."""

    name: str
    transport: Literal["stdio", "http", "sse"] = "stdio"
    command: str = ""
    args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    secret_env: list[str] = field(default_factory=list)
    cwd: str | None = None
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    secret_headers: list[str] = field(default_factory=list)
    bearer_token: bool = False  # a token is in the keychain and goes out as `Authorization: Bearer ...`
    oauth: bool = False  # sign in with OAuth 2.1 when the server asks; tokens live in the keychain
    enabled: bool = True
    disabled_tools: list[str] = field(default_factory=list)  # tools the user turned off; new tools start on
    tool_timeout: float = DEFAULT_TOOL_TIMEOUT
    result_cap: int | None = None  # bytes; None: the global cap


@dataclass
class McpSettings:
    servers: list[McpServerSettings] = field(default_factory=list)
    result_cap: int = DEFAULT_RESULT_CAP  # bytes; a larger tool result is cut and says so
    always_allowed: list[str] = field(default_factory=list)  # "SERVER/TOOL" the user allowed to run unasked
    max_steps: int = DEFAULT_MAX_STEPS  # model calls in one turn at most (a tool loop ends there)

    def server(self, name: str) -> McpServerSettings | None:
        return next((s for s in self.servers if s.name == name), None)


def mcp_problems(mcp: McpSettings) -> list[str]:
    """Every reason these MCP settings cannot be saved, in plain words (settings.validate adds them)."""
    from app.core.secret_headers import is_auth_header

    problems: list[str] = []
    names = [s.name for s in mcp.servers]
    problems += [f"Two MCP servers share the name {n!r}." for n in sorted({n for n in names if names.count(n) > 1})]
    if mcp.result_cap < 1000:
        problems.append("The MCP result size cap must be at least 1000 bytes.")
    if not 1 <= mcp.max_steps <= MAX_STEPS_LIMIT:
        problems.append(f"The step limit of a turn with tools must be between 1 and {MAX_STEPS_LIMIT}.")
    for s in mcp.servers:
        label = f"MCP server {s.name!r}"
        if not s.name.strip():
            problems.append("An MCP server needs a name.")
        if s.transport not in TRANSPORTS:
            problems.append(f"{label}: the transport must be stdio, http or sse.")
        elif s.transport == "stdio" and not s.command.strip():
            problems.append(f"{label}: give the program to run.")
        elif s.transport != "stdio" and not re.match(r"https?://[^/\s]+", s.url):
            problems.append(f"{label}: the URL {s.url!r} must start with http:// or https://.")
        if not 0 < s.tool_timeout <= 3600:
            problems.append(f"{label}: the tool timeout must be between 1 and 3600 seconds.")
        if s.result_cap is not None and s.result_cap < 1000:
            problems.append(f"{label}: the result size cap must be at least 1000 bytes.")
        problems += [f"{label}: the header {h!r} carries credentials; keep its value in the keychain."
                     for h in s.headers if is_auth_header(h)]  # fmt: skip
        problems += [f"{label}: the variable {k!r} is also marked secret; it must not be in settings too."
                     for k in s.env if k in s.secret_env]  # fmt: skip
    return problems
