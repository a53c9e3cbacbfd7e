"""Keys in a real Secret Service, env-var fallback, and plain words when there is no keychain."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from app.core.keys import NO_KEYCHAIN_HELP, KeychainUnavailable, KeyStore
from tests.support.cli import run_app

FAKE = "test-key-not-real-1234"


def _secret_service_keystore() -> KeyStore:
    from keyring.backends.SecretService import Keyring

    return KeyStore(Keyring())


@pytest.mark.keychain
def test_set_get_delete_in_a_real_secret_service(secret_service: dict[str, str]) -> None:
    store = _secret_service_keystore()
    assert store.status().available, store.status()
    store.set("openai", FAKE)
    found = store.get("openai")
    assert (found.value, found.source) == (FAKE, "keychain")
    assert FAKE not in repr(found)
    assert store.sources(["openai", "groq"]) == {"openai": "keychain", "groq": None}
    assert store.delete("openai") is True
    assert store.get("openai").value is None
    assert store.delete("openai") is False


@pytest.mark.keychain
async def test_async_calls_run_off_the_loop(secret_service: dict[str, str]) -> None:
    store = _secret_service_keystore()
    await store.aset("groq", FAKE)
    assert (await store.aget("groq")).value == FAKE
    assert await store.adelete("groq") is True


@pytest.mark.keychain
def test_cli_keys_set_list_delete(secret_service: dict[str, str], tmp_path: Path) -> None:
    def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return run_app("keys", *args, drop=("PARLEY_KEYRING",), stdin=stdin)

    proc = cli("set", "openai", stdin=FAKE + "\n")
    assert proc.returncode == 0, proc.stderr
    listing = cli("list")
    assert "openai" in listing.stdout and "in the keychain" in listing.stdout
    assert FAKE not in listing.stdout + listing.stderr + proc.stdout + proc.stderr
    assert cli("delete", "openai").returncode == 0
    assert "in the keychain" not in cli("list").stdout


def test_env_var_is_a_read_only_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GEMINI_API_KEY", FAKE)
    store = KeyStore()
    found = store.get("gemini")
    assert (found.value, found.source, found.env_var) == (FAKE, "env", "GEMINI_API_KEY")


def test_keychain_wins_over_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "from-env")
    store = KeyStore()
    store.set("openai", FAKE)
    assert store.get("openai").source == "keychain"


def test_no_keychain_explains_and_offers_session_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    store = KeyStore(FailKeyring())
    status = store.status()
    assert not status.available and status.explanation == NO_KEYCHAIN_HELP
    with pytest.raises(KeychainUnavailable, match="environment variable"):
        store.set("openai", FAKE)
    assert store.get("openai").value is None  # lookups still work, they just find nothing
    store.set_session("openai", FAKE)
    assert store.get("openai").source == "session"


def test_plaintext_backends_are_refused() -> None:
    class PlaintextKeyring:  # stands in for keyrings.alt.file.PlaintextKeyring
        pass

    PlaintextKeyring.__module__ = "keyrings.alt.file"
    status = KeyStore(PlaintextKeyring()).status()
    assert not status.available and "plaintext" in status.explanation


def test_cli_keys_without_keychain_says_so(tmp_path: Path) -> None:
    env = {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # fmt: skip
    proc = run_app("keys", "set", "openai", env=env, drop=("PARLEY_KEYRING",), stdin=FAKE + "\n")
    assert proc.returncode == 1
    assert "no system keychain" in proc.stderr and "OPENAI_API_KEY" in proc.stderr  # short, and what works
    assert FAKE not in proc.stdout + proc.stderr


def test_cli_keys_test_accepted_then_rejected(tmp_path: Path, parley_home: Path) -> None:
    from app.core.settings import ProviderSettings, Settings, save_settings
    from tests.support.loopback import LoopbackServer, Reply
    from tests.support.openai_server import error_reply

    server = LoopbackServer().start()
    try:
        settings = Settings(providers={"groq": ProviderSettings(base_url=server.url + "/v1")})
        save_settings(settings, parley_home / "config" / "settings.json")
        server.enqueue(Reply.json({"data": [{"id": "llama-a"}, {"id": "llama-b"}]}),
                       error_reply(401, "Invalid API Key", code="invalid_api_key"))  # fmt: skip
        def test_key() -> subprocess.CompletedProcess[str]:
            return run_app("keys", "test", "groq", env={"GROQ_API_KEY": FAKE})

        ok = test_key()
        assert ok.returncode == 0 and "key accepted by groq: 2 models" in ok.stdout
        bad = test_key()
        assert bad.returncode == 1 and "key rejected" in bad.stderr
        assert FAKE not in ok.stdout + ok.stderr + bad.stdout + bad.stderr
        assert server.requests[0].headers["authorization"] == f"Bearer {FAKE}"
    finally:
        server.stop()
