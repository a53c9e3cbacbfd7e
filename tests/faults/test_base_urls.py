"""Base URLs with typos: a clear sentence before any request (exit 2 on the command line), never a traceback."""

from __future__ import annotations

import pytest

from app.core.endpoints import check_base_url
from tests.support.cli import last_json, run_app
from tests.support.fault_bodies import KEY, PROTOCOL_WIRES, Wire
from tests.support.fault_harness import Harness, assert_failed, endpoint, new_client
from tests.support.loopback import LoopbackServer

BAD = [
    ("htp://x", "must start with http:// or https://"),
    ("localhost:1234", "did you mean 'http://localhost:1234'"),
    ("localhost", "did you mean 'http://localhost'"),
    ("//localhost:1234", "must start with http://"),
    ("ftp://example.com", "must start with http://"),
    ("http://", "has no host name"),
    ("https://", "has no host name"),
    ("http:/localhost:1234", "has no host name"),
    ("http://:8080", "has no host name"),
    ("http://localhost:99999", "not a valid URL"),
    ("http://localhost:abc", "not a valid URL"),
    ("http://localhost:0", "port 0"),
    ("http://[::1", "not a valid URL"),
    ("http://local host:1234", "spaces or control characters"),
    ("http://localhost:1234/v1\x00", "spaces or control characters"),
]


@pytest.mark.parametrize(("url", "says"), BAD, ids=[u for u, _ in BAD])
def test_check_base_url_explains(url: str, says: str) -> None:
    with pytest.raises(ValueError, match="the base URL") as info:
        check_base_url(url)
    assert says in str(info.value)
    assert repr(url) in str(info.value)  # the user sees exactly what they typed


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        (" http://localhost:1234/v1/ \n", "http://localhost:1234/v1"),
        ("HTTPS://api.example.com/v1", "HTTPS://api.example.com/v1"),
        ("http://[::1]:11434", "http://[::1]:11434"),
        ("http://127.0.0.1:11434/", "http://127.0.0.1:11434"),
    ],
)
def test_check_base_url_accepts_and_tidies(url: str, clean: str) -> None:
    assert check_base_url(url) == clean


CLI_CASES = [
    ("htp://x", "openai"),
    ("localhost:1234", "ollama"),
    ("http://", "anthropic"),
    ("http://localhost:99999", "gemini"),
]


@pytest.mark.parametrize(("url", "provider"), CLI_CASES, ids=[f"{p}:{u}" for u, p in CLI_CASES])
def test_cli_exits_2_with_the_reason(url: str, provider: str) -> None:
    env = {var: KEY for var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "AZURE_OPENAI_API_KEY",
                                "CO_API_KEY")}  # fmt: skip
    proc = run_app("ask", "--provider", provider, "--base-url", url, "--model", "m", "--json", "--no-log", "hello",
                   env=env)  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "the base URL" in proc.stderr
    out = last_json(proc)
    assert out["error"]["kind"] == "bad_request" and out["error"]["category"] == "bad_request"
    assert "the base URL" in out["error"]["message"]
    assert KEY not in proc.stdout + proc.stderr


@pytest.mark.parametrize("wire", PROTOCOL_WIRES, ids=[w.name for w in PROTOCOL_WIRES])
async def test_an_impossible_port_from_settings_is_a_bad_request(wire: Wire, loopback: LoopbackServer) -> None:
    """A URL that skipped check_base_url (an old settings file): a plain bad_request, not an internal error."""
    async with new_client() as client:
        harness = Harness(wire, loopback, client)
        run = await harness.run(ep=endpoint(wire, "http://127.0.0.1:99999"))
        assert_failed(run, "bad_request", "bad_request")
        assert "port" in run.reply.error.message and harness.sleeps == []  # type: ignore[union-attr]
        await harness.still_works()
