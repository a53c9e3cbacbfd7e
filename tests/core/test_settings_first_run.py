"""Settings added for the provider panel: CA bundle, first-run flag, fallback checks, auth-header refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core import paths
from app.core.settings import (
    CustomEndpoint,
    Preset,
    ProviderSettings,
    Settings,
    SettingsError,
    fallback_problems,
    is_auth_header,
    load_settings,
    save_settings,
    validate,
)


def test_an_older_file_without_the_new_fields_loads_with_defaults() -> None:
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text(json.dumps({"version": 1, "theme": "dark", "presets": []}))
    result = load_settings()
    assert result.warnings == [] and not result.read_only
    assert result.settings.ca_bundle is None and result.settings.welcome_done is False
    assert result.settings.theme == "dark"


def test_ca_bundle_and_first_run_flag_round_trip(tmp_path: Path) -> None:
    bundle = tmp_path / "corp-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    save_settings(Settings(ca_bundle=str(bundle), welcome_done=True))
    loaded = load_settings().settings
    assert (loaded.ca_bundle, loaded.welcome_done) == (str(bundle), True)
    assert json.loads(paths.settings_path().read_text())["version"] == 1  # same format, two more fields


def test_a_missing_ca_bundle_is_refused(tmp_path: Path) -> None:
    settings = Settings(ca_bundle=str(tmp_path / "nowhere.pem"))
    assert validate(settings) == [f"The CA bundle {str(tmp_path / 'nowhere.pem')!r} is not a file that exists; "
                                  "pick a PEM file."]  # fmt: skip
    with pytest.raises(SettingsError):
        save_settings(settings)


@pytest.mark.parametrize("name", ["Authorization", "X-Api-Key", "api-key", "X-Auth-Token", "Proxy-Authorization",
                                  "x-goog-api-key", "Cookie", "X-Secret", "apikey"])  # fmt: skip
def test_auth_headers_are_recognised(name: str) -> None:
    assert is_auth_header(name)
    problems = validate(Settings(custom_endpoints=[CustomEndpoint("box", "Box", "http://127.0.0.1:8000/v1",
                                                                  headers={name: "x"})]))  # fmt: skip
    assert len(problems) == 1 and name in problems[0] and "keychain" in problems[0]


@pytest.mark.parametrize("name", ["X-Team", "OpenAI-Organization", "HTTP-Referer", "User-Agent"])
def test_ordinary_headers_are_allowed(name: str) -> None:
    assert not is_auth_header(name)


def test_fallback_problems_flag_each_unusable_entry() -> None:
    settings = Settings(
        providers={"groq": ProviderSettings(enabled=False)},
        custom_endpoints=[CustomEndpoint("box", "Box", "http://127.0.0.1:8000/v1", keyless=True),
                          CustomEndpoint("proxy", "Proxy", "https://proxy.example/v1")],
    )  # fmt: skip
    entries = ["openai:gpt-4o-mini", "groq:llama", "anthropic:claude", "nosuch:model", "ollama:llama3",
               "box:qwen", "proxy:m", "missing-colon"]  # fmt: skip
    problems = fallback_problems(settings, entries, has_key=lambda pid: pid == "openai")
    assert problems == [
        None,
        "groq is turned off in the provider settings.",
        "anthropic has no API key yet.",
        "'nosuch' is not a known provider or custom endpoint.",
        None,  # keyless local server
        None,  # keyless custom endpoint
        "proxy has no API key yet.",
        "'missing-colon' is not PROVIDER:MODEL.",
    ]


def test_a_preset_with_flagged_fallbacks_still_saves() -> None:
    """Flagged is not invalid: the user may add the key later; the editor and the chat side say so."""
    settings = Settings(presets=[Preset("Careful", "openai", "gpt-4o", fallback=["anthropic:claude-sonnet-4"])])
    save_settings(settings)
    assert load_settings().settings.presets[0].fallback == ["anthropic:claude-sonnet-4"]
