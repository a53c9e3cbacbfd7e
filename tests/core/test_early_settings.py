"""The settings read before the window exists, and the keychain asked from a child process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.early_settings import EarlySettings, early_settings, saved_language
from app.core.keychain_probe import probe
from app.core.keys import KeyStore


def test_language_theme_and_geometry_are_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "language": "es", "theme": "dark",
                                "window_state": {"geometry": "AQID"}}))  # fmt: skip
    assert early_settings(path) == EarlySettings("es", "dark", "AQID")
    assert saved_language(path) == "es"


@pytest.mark.parametrize("raw", [b"", b"{not json", b"[1]", b'{"version": "x", "theme": "dark"}',
                                 b'{"theme": 3, "window_state": []}'])  # fmt: skip
def test_missing_or_damaged_files_give_the_defaults(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(raw)
    assert early_settings(path) == EarlySettings()
    assert early_settings(tmp_path / "absent.json") == EarlySettings()


def test_the_keychain_is_asked_in_a_child_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARLEY_KEYRING", raising=False)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    keys = KeyStore()
    status, sources = probe(keys, ["openai", "anthropic"])
    assert not keys.backend_loaded  # nothing of the keychain was loaded here
    assert sources["openai"] == "env" and sources["anthropic"] in (None, "keychain")
    assert status.backend
