"""A fallback chain never uses a provider the settings turned off, nor skips one in silence: it is reported."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator

import httpx
import pytest

from app.core.endpoints import TargetSpec
from app.core.keys import KeyStore
from app.core.services import Services
from app.core.settings import CustomEndpoint, ProviderSettings, Settings, save_settings
from app.providers import ProviderError
from tests.support.cli import last_json, run_app
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.ports import closed_port_url

KEY = "test-key-not-real-chain"
GROQ_KEY = "test-key-not-real-groq-chain"
GROQ_OFF = Settings(providers={"groq": ProviderSettings(enabled=False)})


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> KeyStore:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("GROQ_API_KEY", GROQ_KEY)  # a key is there: only the setting keeps groq out
    return KeyStore()


def first() -> TargetSpec:
    return TargetSpec("openai", "gpt-4o-mini", None)


def test_a_turned_off_fallback_is_unavailable_with_the_reason(client: httpx.AsyncClient, keys: KeyStore) -> None:
    chain = Services(client, keys, GROQ_OFF).chain(first(), ["groq:llama-3.3-70b-versatile", "mistral:small"])
    assert [(t.provider, t.model) for t in chain] == [
        ("openai", "gpt-4o-mini"), ("groq", "llama-3.3-70b-versatile"), ("mistral", "small"),
    ]  # fmt: skip
    assert chain[0].unavailable is None and chain[0].endpoint.api_key == KEY
    off = chain[1].unavailable
    assert off is not None and off.provider == "groq" and chain[1].endpoint.api_key is None
    assert "turned off in the provider settings" in off.message and "Groq" in off.message
    assert off.category == "bad_request" and "Settings > Providers" in off.advice
    missing = chain[2].unavailable  # no key: reported as before, not confused with "turned off"
    assert missing is not None and missing.kind == "auth" and "turned off" not in missing.message


def test_the_same_fallback_turned_on_is_used(client: httpx.AsyncClient, keys: KeyStore) -> None:
    chain = Services(client, keys, Settings()).chain(first(), ["groq:llama-3.3-70b-versatile"])
    assert chain[1].unavailable is None and chain[1].endpoint.api_key == GROQ_KEY


def test_an_unknown_fallback_is_unavailable_not_a_crash(client: httpx.AsyncClient, keys: KeyStore) -> None:
    chain = Services(client, keys, Settings()).chain(first(), ["nosuch:model", "groq:llama"])
    assert [t.provider for t in chain] == ["openai", "nosuch", "groq"]
    unknown = chain[1].unavailable
    assert unknown is not None and "'nosuch' is not a known provider or custom endpoint" in unknown.message
    assert unknown.category == "bad_request" and chain[2].unavailable is None


def test_a_turned_off_custom_endpoint_fallback_is_unavailable(client: httpx.AsyncClient, keys: KeyStore) -> None:
    settings = Settings(custom_endpoints=[CustomEndpoint("house", "House", "http://127.0.0.1:9/v1", keyless=True)],
                        providers={"house": ProviderSettings(enabled=False)})  # fmt: skip
    chain = Services(client, keys, settings).chain(first(), ["house:m"])
    assert chain[1].unavailable is not None and "House is turned off" in chain[1].unavailable.message


def test_a_turned_off_first_provider_is_refused_in_words(client: httpx.AsyncClient, keys: KeyStore) -> None:
    services = Services(client, keys, GROQ_OFF)
    with pytest.raises(ProviderError) as caught:
        services.chain(TargetSpec("groq", "llama", None), [])
    assert caught.value.provider == "groq" and "turned off in the provider settings" in caught.value.message
    with pytest.raises(ValueError, match="unknown provider"):  # the first entry's provider is a usage error
        services.chain(TargetSpec("nosuch", "m", None), [])
    # With fallbacks the first is reported like any unusable entry, and the chain moves on.
    chain = services.chain(TargetSpec("groq", "llama", None), ["openai:gpt-4o-mini"])
    assert chain[0].unavailable is not None and "turned off" in chain[0].unavailable.message
    assert chain[1].unavailable is None


def test_a_malformed_fallback_is_still_a_usage_error(client: httpx.AsyncClient, keys: KeyStore) -> None:
    with pytest.raises(ValueError):
        Services(client, keys, Settings()).chain(first(), ["no-colon-here"])


# Through the command line, over a real socket.


def ask(*args: str) -> subprocess.CompletedProcess[str]:
    return run_app("ask", "--no-log", *args, env={"OPENAI_API_KEY": KEY, "GROQ_API_KEY": GROQ_KEY})


def test_ask_passes_over_a_turned_off_fallback_and_says_so(loopback: LoopbackServer) -> None:
    save_settings(GROQ_OFF)
    loopback.enqueue(stream_reply(["rescued"]))
    proc = ask("--provider", "openai", "--base-url", closed_port_url("/v1"), "--model", "primary",
               "--fallback", f"groq:llama-3@{loopback.url}/v1", "--fallback", f"openai:backup@{loopback.url}/v1",
               "--json", "hi")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["text"] == "rescued" and out["provider"] == "openai"
    assert out["attempts"] == [
        {"provider": "openai", "model": "primary", "error_kind": "network"},
        {"provider": "groq", "model": "llama-3", "error_kind": "not_found"},
        {"provider": "openai", "model": "backup", "error_kind": None},
    ]
    assert len(loopback.requests) == 1  # groq was never sent to
    assert loopback.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_ask_with_a_turned_off_provider_fails_plainly(loopback: LoopbackServer) -> None:
    save_settings(GROQ_OFF)
    proc = ask("--provider", "groq", "--base-url", loopback.url + "/v1", "--model", "llama-3", "--json", "hi")
    assert proc.returncode == 1, proc.stderr
    error = last_json(proc)["error"]
    assert error["category"] == "bad_request" and "Groq is turned off in the provider settings" in error["message"]
    assert "Turn it on in Settings > Providers" in proc.stderr and "Traceback" not in proc.stderr
    assert loopback.requests == []
