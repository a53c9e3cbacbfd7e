"""OAuth 2.1 sign-in for HTTP MCP servers through the SDK's OAuth client: tokens in the keychain, the browser's
redirect caught on a loopback port (RFC 8252), with PKCE and dynamic client registration done by the SDK.

Imported only when a server with `oauth` is used: the SDK comes with it.

The window passes an `open_url` that opens the system browser (QDesktopServices); the CLI prints the URL and
opens it with `webbrowser`. Tokens and the registered client live under `mcp.SERVER.oauth.tokens` and
`mcp.SERVER.oauth.client` in the keychain; a `--mcp-config` server keeps them for the session only.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import socket
import webbrowser
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs, urlsplit

import httpx2
from mcp.client.auth import OAuthClientProvider
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from app.core.keys import KeychainUnavailable, KeyStore

from .config import ServerConfig
from .errors import McpError
from .secrets import oauth_key

OpenUrl = Callable[[str], Awaitable[None]]
SIGN_IN_WAIT = 300.0  # seconds the user has to finish signing in in the browser
CALLBACK_PATH = "/callback"
_DONE_PAGE = (
    "<!doctype html><meta charset=utf-8><title>Parley</title><body style='font-family:sans-serif'>"
    "<h2>{title}</h2><p>{text}</p><p>You can close this tab and go back to Parley.</p>"
)


class KeychainTokenStorage:
    """The SDK's TokenStorage over Parley's KeyStore (keychain calls run in a thread). With `keep=False` (a
    `--mcp-config` server) nothing is written to the keychain: tokens last for this process only."""

    def __init__(self, keys: KeyStore, server: str, keep: bool = True) -> None:
        self._keys = keys
        self._server = server
        self._keep = keep
        self._memory: dict[str, str] = {}

    async def _get(self, what: str) -> str | None:
        if what in self._memory or not self._keep:
            return self._memory.get(what)
        found = await self._keys.aget(oauth_key(self._server, what))
        return found.value

    async def _set(self, what: str, value: str) -> None:
        self._memory[what] = value
        if self._keep:
            with contextlib.suppress(KeychainUnavailable):  # no keychain: signed in for this session only
                await self._keys.aset(oauth_key(self._server, what), value)

    async def get_tokens(self) -> OAuthToken | None:
        text = await self._get("tokens")
        return OAuthToken.model_validate_json(text) if text else None

    async def set_tokens(self, tokens: OAuthToken) -> None:
        await self._set("tokens", tokens.model_dump_json(exclude_none=True))

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        text = await self._get("client")
        return OAuthClientInformationFull.model_validate_json(text) if text else None

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        await self._set("client", client_info.model_dump_json(exclude_none=True))


class LoopbackRedirect:
    """Catches the authorization server's redirect on http://127.0.0.1:PORT/callback, once per sign-in. It
    listens from `start()` (before the browser opens, so a fast redirect cannot miss it) until `wait()` ends."""

    def __init__(self, port: int = 0) -> None:
        self.port = port or _free_port()
        self._server: asyncio.Server | None = None
        self._got: asyncio.Future[dict[str, list[str]]] | None = None

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.port}{CALLBACK_PATH}"

    async def start(self) -> None:
        if self._server is None:
            self._got = asyncio.get_running_loop().create_future()
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port)

    async def wait(self, seconds: float = SIGN_IN_WAIT) -> AuthorizationCodeResult:
        """The code the browser brought back; stops listening either way."""
        await self.start()
        assert self._got is not None and self._server is not None
        try:
            query = await asyncio.wait_for(asyncio.shield(self._got), seconds)
        except asyncio.TimeoutError:
            raise McpError("", "auth", f"The sign-in was not finished within {seconds:g} s.") from None
        finally:
            server, self._server = self._server, None
            server.close()
            await server.wait_closed()
        if "code" not in query:
            raise McpError("", "auth", f"The sign-in was refused: {_why(query)}.")
        state, iss = query.get("state"), query.get("iss")
        return AuthorizationCodeResult(code=query["code"][0], state=state[0] if state else None,
                                       iss=iss[0] if iss else None)  # fmt: skip

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = (await asyncio.wait_for(reader.readline(), 10)).decode("latin-1")
            while (await asyncio.wait_for(reader.readline(), 10)) not in (b"\r\n", b"\n", b""):
                pass
            parts = request_line.split()
            target = urlsplit(parts[1]) if len(parts) >= 2 else None
            if target is None or target.path != CALLBACK_PATH:
                writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                return
            query = parse_qs(target.query)
            if "code" in query:
                title, text = "Signed in", "Parley has the sign-in."
            else:
                title, text = "Sign-in failed", html.escape(_why(query))
            body = _DONE_PAGE.format(title=title, text=text).encode()
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
                         b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)  # fmt: skip
            if self._got is not None and not self._got.done():
                self._got.set_result(query)
        except (asyncio.TimeoutError, OSError, UnicodeDecodeError):
            pass
        finally:
            with contextlib.suppress(OSError):
                await writer.drain()
                writer.close()


async def open_in_browser(url: str) -> None:
    """The default `open_url`: the system browser (the CLI also prints the URL, for a machine without one)."""
    await asyncio.to_thread(webbrowser.open, url)


class SignIn(OAuthClientProvider):
    """The SDK's OAuth client, remembering why the last sign-in failed so that the error can say it."""

    sign_in_problem = ""


def oauth_factory(
    keys: KeyStore, open_url: OpenUrl = open_in_browser, keep: bool = True, wait: float = SIGN_IN_WAIT
) -> Callable[[ServerConfig], Awaitable[httpx2.Auth | None]]:
    """The manager's `auth` hook: an OAuthClientProvider for each server with `oauth` set, None otherwise."""

    async def make(config: ServerConfig) -> httpx2.Auth | None:
        if not config.oauth:
            return None
        storage = KeychainTokenStorage(keys, config.name, keep)
        redirect = LoopbackRedirect(await _registered_port(storage))
        metadata = OAuthClientMetadata(
            client_name="Parley",
            redirect_uris=[redirect.uri],  # type: ignore[list-item]  # pydantic turns the str into AnyUrl
            grant_types=["authorization_code", "refresh_token"],
            response_types=["code"],
            token_endpoint_auth_method="none",
        )

        async def send_to_browser(url: str) -> None:
            await redirect.start()
            await open_url(url)

        async def callback() -> AuthorizationCodeResult:
            try:
                return await redirect.wait(wait)
            except McpError as exc:
                provider.sign_in_problem = exc.message  # the SDK logs it and goes on to a plain 401
                raise

        provider = SignIn(config.url, metadata, storage, redirect_handler=send_to_browser, callback_handler=callback)
        return provider

    return make


async def _registered_port(storage: KeychainTokenStorage) -> int:
    """The port of the redirect URI registered before, so that a registered client keeps working; else 0."""
    client = await storage.get_client_info()
    for uri in (client.redirect_uris or []) if client is not None else []:
        parts = urlsplit(str(uri))
        if parts.hostname == "127.0.0.1" and parts.port and _port_free(parts.port):
            return parts.port
    return 0


def _why(query: dict[str, list[str]]) -> str:
    return query.get("error_description", query.get("error", ["no code came back"]))[0][:300]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
