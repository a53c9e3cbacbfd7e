"""MCP secrets in the keychain: imported servers are split into settings and keychain entries, and joined again.

Keychain entries (service `parley`): `mcp.SERVER.env.NAME`, `mcp.SERVER.header.NAME`, `mcp.SERVER.bearer`,
and the OAuth tokens and client registration under `mcp.SERVER.oauth.*` (see `oauth.py`). Blocking calls:
run `resolve` and `store_imported` off the event loop (`asyncio.to_thread`).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.core.keys import KeyStore

from .config import ServerConfig
from .settings import McpServerSettings, McpSettings, is_secret_env


def env_key(server: str, name: str) -> str:
    return f"mcp.{server}.env.{name}"


def header_key(server: str, name: str) -> str:
    return f"mcp.{server}.header.{name.lower()}"


def bearer_key(server: str) -> str:
    return f"mcp.{server}.bearer"


def oauth_key(server: str, what: str) -> str:
    return f"mcp.{server}.oauth.{what}"


class MissingSecret(Exception):
    """A secret named in settings is not in the keychain (or the keychain cannot be used); says which."""


@dataclass
class Imported:
    settings: McpServerSettings
    secrets: dict[str, str]  # keychain id -> value, to store with `store_secrets`

    def __repr__(self) -> str:
        return f"Imported({self.settings.name!r}, secrets={sorted(self.secrets)})"


def split_secrets(server: ServerConfig) -> Imported:
    """Settings for a parsed server, with values that look secret moved out (env names with KEY, TOKEN...;
    credential headers such as Authorization; a `Bearer` token becomes the server's bearer token)."""
    from app.core.secret_headers import is_auth_header

    secrets: dict[str, str] = {}
    env: dict[str, str] = {}
    secret_env: list[str] = []
    for k, v in server.env.items():
        if is_secret_env(k):
            secrets[env_key(server.name, k)] = v
            secret_env.append(k)
        else:
            env[k] = v
    headers: dict[str, str] = {}
    secret_headers: list[str] = []
    bearer = False
    for k, v in server.headers.items():
        if k.strip().lower() == "authorization" and v.strip().lower().startswith("bearer "):
            secrets[bearer_key(server.name)] = v.strip()[7:].strip()
            bearer = True
        elif is_auth_header(k):
            secrets[header_key(server.name, k)] = v
            secret_headers.append(k)
        else:
            headers[k] = v
    settings = McpServerSettings(
        name=server.name, transport=server.transport, command=server.command, args=list(server.args), env=env,
        secret_env=secret_env, cwd=server.cwd, url=server.url, headers=headers, secret_headers=secret_headers,
        bearer_token=bearer, oauth=server.oauth, enabled=server.enabled,
        disabled_tools=sorted(server.disabled_tools), tool_timeout=server.tool_timeout,
    )  # fmt: skip
    return Imported(settings, secrets)


def store_secrets(keys: KeyStore, secrets: dict[str, str]) -> None:
    """Blocking. Raises KeychainUnavailable before anything would be lost: the caller must not save the
    settings that name these secrets until this returned."""
    for key_id, value in secrets.items():
        keys.set(key_id, value)


def delete_secrets(keys: KeyStore, server: McpServerSettings) -> None:
    """Blocking. Forget every keychain entry of a removed server."""
    ids = [env_key(server.name, k) for k in server.secret_env]
    ids += [header_key(server.name, h) for h in server.secret_headers]
    ids += [bearer_key(server.name), oauth_key(server.name, "tokens"), oauth_key(server.name, "client")]
    for key_id in ids:
        keys.delete(key_id)  # False for an entry that was never there; KeychainUnavailable propagates


def resolve(server: McpServerSettings, mcp: McpSettings, keys: KeyStore) -> ServerConfig:
    """Blocking. The server as the manager needs it, with its secrets read from the keychain."""

    def secret(key_id: str, what: str) -> str:
        found = keys.get(key_id)
        if found.value is None:
            why = f" ({found.problem})" if found.problem else ""
            raise MissingSecret(f"MCP server {server.name!r}: {what} is not in the keychain{why}; enter it again "
                                "in the server's settings.")  # fmt: skip
        return found.value

    env = dict(server.env)
    for name in server.secret_env:
        env[name] = secret(env_key(server.name, name), f"the value of {name}")
    headers = dict(server.headers)
    for name in server.secret_headers:
        headers[name] = secret(header_key(server.name, name), f"the {name} header")
    if server.bearer_token:
        headers["Authorization"] = "Bearer " + secret(bearer_key(server.name), "the bearer token")
    return ServerConfig(
        name=server.name, transport=server.transport, command=server.command, args=tuple(server.args), env=env,
        cwd=server.cwd, url=server.url, headers=headers, oauth=server.oauth, enabled=server.enabled,
        disabled_tools=frozenset(server.disabled_tools), tool_timeout=server.tool_timeout,
        result_cap=server.result_cap if server.result_cap is not None else mcp.result_cap,
    )  # fmt: skip
