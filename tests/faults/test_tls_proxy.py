"""TLS verification is always on (a private CA is trusted only when the user says so) and HTTP(S) proxies from the
environment are used, by the CLI and by the window's shared client alike. Certificates are made at test time."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.core.runtime import Runtime
from app.core.settings import ProviderSettings, RetrySettings, Settings, save_settings
from tests.support.cli import last_json, run_app
from tests.support.openai_server import stream_reply
from tests.support.proxy import ForwardProxy
from tests.support.tls import Certs, TlsLoopbackServer, make_certs, makers

KEY = "test-key-not-real-tls"
FAR = "https://api.provider.invalid/v1"  # never resolves: only a proxy can reach it


def test_a_certificate_maker_is_here() -> None:
    """The tests below need one; in CI both are installed (cryptography via the dev extras, openssl via apt)."""
    assert makers(), "install the cryptography package or the openssl command"


@pytest.fixture
def no_retries(parley_home: Path) -> None:
    """No retries: the cases here are about where requests go, not how often they are tried."""
    save_settings(Settings(providers={"openai": ProviderSettings(retries=RetrySettings(max_retries=0))}))


@pytest.fixture
def certs(tmp_path: Path) -> Certs:
    return make_certs(tmp_path / "tls")


@pytest.fixture
def tls_server(certs: Certs) -> Iterator[TlsLoopbackServer]:
    server = TlsLoopbackServer(certs)
    server.start()
    yield server
    server.stop()


def _ask(base_url: str, **env: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    unset = [name for name in ("SSL_CERT_FILE", "SSL_CERT_DIR") if name not in env]
    proc = run_app("ask", "--no-log", "--base-url", base_url, "--model", "m", "--json", "hi",
                   env={"OPENAI_API_KEY": KEY, **env}, drop=unset)  # fmt: skip
    assert "Traceback" not in proc.stderr, proc.stderr
    assert KEY not in proc.stdout + proc.stderr
    return proc, last_json(proc)


def test_cli_refuses_a_self_signed_server_in_plain_words(tls_server: TlsLoopbackServer, no_retries: None) -> None:
    proc, out = _ask(tls_server.url + "/v1")
    assert proc.returncode == 1
    assert out["text"] == "" and out["error"] is not None
    assert "certificate" in out["error"]["message"].lower(), out["error"]
    assert "certificate" in proc.stderr.lower()
    assert tls_server.requests == []  # nothing was sent: the key never left


@pytest.mark.parametrize("maker", makers() or ["none"])
def test_cli_trusts_the_ca_named_by_ssl_cert_file(maker: str, tmp_path: Path) -> None:
    certs = make_certs(tmp_path / maker, maker)
    server = TlsLoopbackServer(certs)
    server.start()
    try:
        server.enqueue(stream_reply(["over ", "TLS"]))
        proc, out = _ask(server.url + "/v1", SSL_CERT_FILE=str(certs.ca))
    finally:
        server.stop()
    assert proc.returncode == 0, proc.stderr
    assert out["text"] == "over TLS" and out["error"] is None
    assert server.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_cli_explains_an_untrusted_certificate_once(tls_server: TlsLoopbackServer) -> None:
    proc, out = _ask(tls_server.url + "/v1")
    assert "retrying" not in proc.stderr, proc.stderr  # a certificate does not fix itself in a few seconds
    message = out["error"]["message"]
    assert "[SSL:" not in message and "_ssl.c" not in message, message
    assert "CA bundle" in proc.stderr or "SSL_CERT_FILE" in proc.stderr, proc.stderr
    assert "check the base URL and your connection" not in proc.stderr


@pytest.fixture
def proxy(tls_server: TlsLoopbackServer) -> Iterator[ForwardProxy]:
    p = ForwardProxy(tls_server.port).start()
    yield p
    p.stop()


def test_cli_tunnels_https_through_https_proxy(tls_server: TlsLoopbackServer, proxy: ForwardProxy,
                                               certs: Certs) -> None:  # fmt: skip
    tls_server.enqueue(stream_reply(["through ", "the tunnel"]))
    proc, out = _ask(FAR, HTTPS_PROXY=proxy.url, SSL_CERT_FILE=str(certs.ca))
    assert proc.returncode == 0, proc.stderr
    assert out["text"] == "through the tunnel"
    assert proxy.seen == ["CONNECT api.provider.invalid:443 HTTP/1.1"]
    assert "authorization" not in proxy.headers[0]  # the key went inside the tunnel, never to the proxy
    assert tls_server.requests[0].path == "/v1/chat/completions"


def test_cli_verifies_the_server_behind_the_proxy(tls_server: TlsLoopbackServer, proxy: ForwardProxy,
                                                  no_retries: None) -> None:  # fmt: skip
    """A proxy does not switch verification off: without the CA, the tunnelled server is refused."""
    proc, out = _ask(FAR, HTTPS_PROXY=proxy.url)
    assert proc.returncode == 1
    assert proxy.seen == ["CONNECT api.provider.invalid:443 HTTP/1.1"]
    assert "certificate" in out["error"]["message"].lower(), out["error"]
    assert tls_server.requests == []


def test_cli_checks_the_host_name_as_well_as_the_ca(tls_server: TlsLoopbackServer, proxy: ForwardProxy,
                                                    certs: Certs, no_retries: None) -> None:  # fmt: skip
    """A trusted CA does not make its certificate good for another host (the proxy sends both to one server)."""
    proc, out = _ask("https://other.provider.invalid/v1", HTTPS_PROXY=proxy.url, SSL_CERT_FILE=str(certs.ca))
    assert proc.returncode == 1
    assert proxy.seen == ["CONNECT other.provider.invalid:443 HTTP/1.1"]
    assert "certificate" in out["error"]["message"].lower(), out["error"]
    assert tls_server.requests == []


def test_cli_bypasses_the_proxy_for_no_proxy_hosts(tls_server: TlsLoopbackServer, proxy: ForwardProxy,
                                                   certs: Certs) -> None:  # fmt: skip
    tls_server.enqueue(stream_reply(["direct"]))
    proc, out = _ask(tls_server.url + "/v1", HTTPS_PROXY=proxy.url, NO_PROXY="127.0.0.1,localhost",
                     SSL_CERT_FILE=str(certs.ca))  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert out["text"] == "direct" and proxy.seen == []


@pytest.fixture
def clean_tls_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


async def test_window_client_refuses_a_self_signed_server(tls_server: TlsLoopbackServer, clean_tls_env: None) -> None:
    services = Runtime()
    try:
        with pytest.raises(httpx.ConnectError, match=r"(?i)certificate"):
            await services.http().get(tls_server.url + "/v1/models")
    finally:
        await services.aclose()
    assert tls_server.requests == []


async def test_window_client_uses_https_proxy_and_ssl_cert_file(tls_server: TlsLoopbackServer, proxy: ForwardProxy,
                                                                certs: Certs, clean_tls_env: None,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    monkeypatch.setenv("SSL_CERT_FILE", str(certs.ca))
    tls_server.enqueue(stream_reply(["ok"]))
    services = Runtime()
    try:
        response = await services.http().post(FAR + "/chat/completions", json={"model": "m"})
    finally:
        await services.aclose()
    assert response.status_code == 200
    assert proxy.seen == ["CONNECT api.provider.invalid:443 HTTP/1.1"]
    assert tls_server.requests[0].path == "/v1/chat/completions"


def test_cli_trusts_the_ca_bundle_from_the_settings(tls_server: TlsLoopbackServer, certs: Certs,
                                                    parley_home: Path) -> None:  # fmt: skip
    save_settings(Settings(ca_bundle=str(certs.ca)))
    tls_server.enqueue(stream_reply(["trusted ", "by the setting"]))
    proc, out = _ask(tls_server.url + "/v1")
    assert proc.returncode == 0, proc.stderr
    assert out["text"] == "trusted by the setting"


def test_cli_says_when_the_ca_bundle_setting_cannot_be_used(tls_server: TlsLoopbackServer, tmp_path: Path,
                                                            parley_home: Path, no_retries: None) -> None:  # fmt: skip
    bogus = tmp_path / "not-a-ca.pem"
    bogus.write_text("not a certificate")
    save_settings(Settings(ca_bundle=str(bogus), providers={"openai": ProviderSettings(
        retries=RetrySettings(max_retries=0))}))  # fmt: skip
    proc, out = _ask(tls_server.url + "/v1")
    assert "could not be used" in proc.stderr and "only the usual CAs are trusted" in proc.stderr
    assert proc.returncode == 1 and "certificate" in out["error"]["message"]  # verification stayed on
