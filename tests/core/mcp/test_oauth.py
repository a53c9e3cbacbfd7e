"""OAuth 2.1 sign-in over loopback: the SDK's server side is the authorization server, a fake browser consents,
tokens go to the keychain, and the next start needs no browser."""

from __future__ import annotations

import httpx
import pytest

from app.core.keys import KeyStore
from app.core.mcp.config import ServerConfig
from app.core.mcp.oauth import KeychainTokenStorage
from app.core.mcp.secrets import oauth_key
from tests.core.mcp.conftest import Managers
from tests.support.mcp_auth import MemoryAuthProvider, signed_in_server
from tests.support.mcp_servers import HttpMcpServer, free_port


class Browser:
    """Follows the authorization URL to the redirect, as the system browser would after "Allow"."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.landed: list[str] = []

    async def __call__(self, url: str) -> None:
        self.opened.append(url)
        async with httpx.AsyncClient() as client:
            answer = await client.get(url)
            assert answer.status_code in (302, 303, 307), answer.text
            location = answer.headers["location"]
            self.landed.append((await client.get(location)).text)


async def test_sign_in_stores_tokens_and_the_next_start_needs_no_browser(managers: Managers) -> None:
    port, provider, keys = free_port(), MemoryAuthProvider(), KeyStore()
    with HttpMcpServer(signed_in_server(port, provider).streamable_http_app(), port=port):
        config = ServerConfig("locked", transport="http", url=f"http://127.0.0.1:{port}/mcp", oauth=True)
        browser = Browser()
        m = managers(config, keys=keys, open_url=browser)
        tools, errors = await m.tools()
        assert errors == [] and [t.function_name for t in tools] == ["locked__add"]
        assert (await m.call("locked__add", {"a": 2, "b": 3})).text() == "5"
        assert len(browser.opened) == 1 and "code_challenge=" in browser.opened[0]  # PKCE
        assert "Signed in" in browser.landed[0]
        stored = keys.get(oauth_key("locked", "tokens")).value
        assert stored is not None and any(t in stored for t in provider.tokens)
        assert keys.get(oauth_key("locked", "client")).value is not None
        await m.aclose()

        again = Browser()
        m2 = managers(config, keys=keys, open_url=again)
        assert (await m2.call_tool("locked", "add", {"a": 1, "b": 1})).text() == "2"
        assert again.opened == [] and provider.authorizations == 1
        await m2.aclose()  # before the server stops: uvicorn waits for open streams


async def test_a_refused_sign_in_is_an_auth_error(managers: Managers) -> None:
    port, provider = free_port(), MemoryAuthProvider()
    provider.refused = True
    with HttpMcpServer(signed_in_server(port, provider).streamable_http_app(), port=port):
        config = ServerConfig("locked", transport="http", url=f"http://127.0.0.1:{port}/mcp", oauth=True)
        browser = Browser()
        m = managers(config, keys=KeyStore(), open_url=browser)
        _, [error] = await m.tools()
        assert "the user said no" in browser.landed[0]
        assert error.kind in ("auth", "start_failed") and "the user said no" in error.message


async def test_without_oauth_the_locked_server_says_sign_in(managers: Managers) -> None:
    port, provider = free_port(), MemoryAuthProvider()
    with HttpMcpServer(signed_in_server(port, provider).streamable_http_app(), port=port):
        m = managers(ServerConfig("locked", transport="http", url=f"http://127.0.0.1:{port}/mcp"))
        _, [error] = await m.tools()
        assert error.kind == "auth" and "HTTP 401" in error.message and "sign in" in error.message


@pytest.mark.parametrize("keep", [True, False])
async def test_token_storage_keeps_or_forgets(keep: bool) -> None:
    from mcp.shared.auth import OAuthToken

    keys = KeyStore()
    storage = KeychainTokenStorage(keys, "s", keep=keep)
    await storage.set_tokens(OAuthToken(access_token="test-key-not-real", token_type="Bearer"))
    assert (await storage.get_tokens()) == OAuthToken(access_token="test-key-not-real", token_type="Bearer")
    assert (keys.get(oauth_key("s", "tokens")).value is not None) == keep
