"""The user's proxy settings are honoured (HTTP(S)_PROXY), and TLS verification stays on."""

from __future__ import annotations

from tests.support.cli import ROOT, last_json, run_app
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply


def test_http_proxy_from_the_environment_is_used(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["via the proxy"]))
    env = {"OPENAI_API_KEY": "test-key-not-real", "HTTP_PROXY": loopback.url, "NO_PROXY": ""}
    proc = run_app("ask", "--no-log", "--base-url", "http://api.provider.invalid/v1", "--model", "m", "--json", "hi",
                   env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert last_json(proc)["text"] == "via the proxy"
    # The proxy got the absolute-form request for the provider's host.
    assert loopback.requests[0].path == "http://api.provider.invalid/v1/chat/completions"


def test_tls_verification_cannot_be_turned_off() -> None:
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "app").rglob("*.py"))
    assert "verify=False" not in sources and "CERT_NONE" not in sources
