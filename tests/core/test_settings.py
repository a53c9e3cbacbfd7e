"""Settings: round trips, atomic writes, damaged and newer files, no keys on disk; and where files live."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import stat
from pathlib import Path

import pytest

from app.core import paths
from app.core.settings import (
    SETTINGS_VERSION,
    Budgets,
    CustomEndpoint,
    Defaults,
    Limits,
    Preset,
    PriceOverride,
    ProviderSettings,
    RetrySettings,
    Settings,
    SettingsError,
    TimeoutSettings,
    load_settings,
    save_settings,
    validate,
)

# Independent of the module's own pattern, so a weakened pattern there cannot hide a leak here.
KEY_SHAPES = re.compile(
    r"sk-[A-Za-z0-9_-]{16,}|sk-ant-|AIza[0-9A-Za-z_-]{20,}|gsk_|xai-[A-Za-z0-9]{16,}|hf_[A-Za-z]{10,}"
)


def full_settings() -> Settings:
    return Settings(
        providers={
            "openai": ProviderSettings(
                enabled=True,
                base_url="http://127.0.0.1:8080/v1",
                timeouts=TimeoutSettings(5.0, 30.0, 20.0),
                retries=RetrySettings(1, 0.5, 4.0, 10.0),
            ),
            "cohere": ProviderSettings(enabled=False),
            "box": ProviderSettings(timeouts=TimeoutSettings(first_byte=600.0)),
            "azure": ProviderSettings(
                base_url="https://me.openai.azure.com",
                api_version="2025-01-01-preview",
                deployments=["gpt4o-prod", "mini"],
            ),
        },
        custom_endpoints=[
            CustomEndpoint(
                "box", "Home box", "http://192.168.1.5:8000/v1", local=True, keyless=True, headers={"X-Team": "blue"}
            ),
            CustomEndpoint("proxy", "Work proxy", "https://llm.example.com/v1"),
        ],
        defaults=Defaults("anthropic", "claude-sonnet-4-20250514"),
        presets=[
            Preset(
                "coder",
                "openai",
                "gpt-4o",
                system="Be terse. 日本語も可。",
                temperature=0.0,
                max_tokens=2000,
                reasoning_effort="high",
                json_mode=True,
                fallback=["anthropic:claude-sonnet-4-20250514", "box:qwen:7b"],
            ),
            Preset("plain", "gemini", "gemini-2.5-flash"),
        ],
        price_overrides=[PriceOverride("box", "*", 0.1, 0.2), PriceOverride("proxy", "gpt-4o", 2.5, 10.0, 1.25, 3.0)],
        budgets=Budgets(overall=Limits(5.0, 50.0), per_provider={"openai": Limits(daily=2.0)}, warn_fraction=0.9),
        theme="dark",
        compare_concurrency=3,
        window_state={"main/geometry": "AdnQywADAAAAAAA+AAAAHQAAB38AAAQ3", "main/splitter": "AAAA/wAAAAEAAAAC"},
    )


def test_missing_file_gives_defaults_and_creates_nothing(parley_home: Path) -> None:
    result = load_settings()
    assert result.settings == Settings()
    assert (result.warnings, result.read_only) == ([], False)
    assert not paths.settings_path().exists()


def test_round_trip_of_every_field() -> None:
    settings = full_settings()
    path = save_settings(settings)
    assert path == paths.settings_path()
    result = load_settings()
    assert result.settings == settings
    assert result.warnings == []
    data = json.loads(path.read_text("utf-8"))
    assert data["version"] == SETTINGS_VERSION == 1
    assert data["presets"][0]["system"] == "Be terse. 日本語も可。"


def test_defaults_follow_the_architecture() -> None:
    ps = Settings().provider("openai")
    assert (ps.timeouts.connect, ps.timeouts.first_byte, ps.timeouts.between_chunks) == (10.0, 120.0, 60.0)
    assert (ps.retries.max_retries, ps.retries.base_delay, ps.retries.max_delay, ps.retries.total_budget) == (
        3,
        1.0,
        30.0,
        60.0,
    )
    assert Settings().provider("azure").api_version is None  # the adapter's default
    assert Settings().budgets.warn_fraction == 0.8
    assert Settings().theme == "system"


def test_helpers() -> None:
    s = full_settings()
    assert s.enabled_providers(["openai", "anthropic", "cohere"]) == ["openai", "anthropic", "box", "proxy"]
    assert s.custom_endpoint("box") is s.custom_endpoints[0]
    assert s.custom_endpoint("nope") is None
    assert s.preset("plain") is s.presets[1]
    assert s.override_map()[("proxy", "gpt-4o")].cache_write_per_million == 3.0


def test_a_failed_replace_leaves_the_old_file_intact(monkeypatch: pytest.MonkeyPatch) -> None:
    path = save_settings(Settings(theme="light"))
    before = path.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash during rename")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", crash)
        with pytest.raises(OSError, match="simulated crash"):
            save_settings(full_settings())
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.json"]  # no temp file left behind
    assert load_settings().settings.theme == "light"


def test_the_file_is_fsynced_before_the_rename_and_the_dir_after(monkeypatch: pytest.MonkeyPatch) -> None:
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append("fsync file" if stat.S_ISREG(os.fstat(fd).st_mode) else "fsync dir")
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append("replace")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", fsync)
        patch.setattr(os, "replace", replace)
        save_settings(Settings())
    assert events == ["fsync file", "replace", "fsync dir"]


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"version": "one"}', b"\xff\xfe\x00garbage"])
def test_a_damaged_file_is_kept_aside_and_defaults_used(content: bytes) -> None:
    path = paths.settings_path()
    path.write_bytes(content)
    result = load_settings()
    assert result.settings == Settings()
    assert not result.read_only
    kept = [p for p in path.parent.iterdir() if p.name.startswith("settings.json.corrupt-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == content
    assert kept[0].name in result.warnings[0]
    assert "damaged" in result.warnings[0]
    save_settings(Settings(theme="dark"))  # the next save starts a fresh file; the damaged one stays kept
    assert kept[0].exists()


def test_saving_over_a_file_damaged_since_loading_keeps_it_aside() -> None:
    path = paths.settings_path()
    path.write_text("{edited by hand and broken")
    save_settings(Settings(theme="dark"))
    kept = [p.read_text() for p in path.parent.iterdir() if ".corrupt-" in p.name]
    assert kept == ["{edited by hand and broken"]
    assert load_settings().settings.theme == "dark"


def test_a_second_damaged_file_does_not_overwrite_the_first_kept_one() -> None:
    path = paths.settings_path()
    path.write_text("first{")
    load_settings()
    path.write_text("second{")
    load_settings()
    kept = sorted(p.read_text() for p in path.parent.iterdir() if ".corrupt-" in p.name)
    assert kept == ["first{", "second{"]


def test_a_newer_file_is_read_but_never_overwritten() -> None:
    path = paths.settings_path()
    text = json.dumps({"version": 99, "theme": "dark", "shiny_new_thing": {"a": 1}})
    path.write_text(text)
    result = load_settings()
    assert result.read_only
    assert result.settings.theme == "dark"
    assert "newer Parley" in result.warnings[0]
    with pytest.raises(SettingsError, match="newer Parley"):
        save_settings(result.settings)
    assert path.read_text() == text


def test_bad_values_fall_back_one_by_one() -> None:
    paths.settings_path().write_text(
        json.dumps(
            {
                "version": 1,
                "theme": "purple",
                "budgets": {"warn_fraction": "lots", "overall": {"daily": 3}},
                "presets": [{"name": "no-provider"}, {"name": "ok", "provider": "openai", "model": "gpt-4o"}],
                "providers": {"openai": {"timeouts": {"connect": "fast"}}},
                "mystery": True,
            }
        )
    )
    result = load_settings()
    s = result.settings
    assert s.theme == "system"
    assert s.budgets.warn_fraction == 0.8
    assert s.budgets.overall.daily == 3.0
    assert [p.name for p in s.presets] == ["ok"]
    assert s.provider("openai").timeouts.connect == 10.0
    text = "\n".join(result.warnings)
    for fragment in ("theme", "warn_fraction", "presets", "connect", "mystery"):
        assert fragment in text
    assert not result.read_only


def test_compare_concurrency_missing_or_bad_loads_as_the_default_and_round_trips() -> None:
    path = paths.settings_path()
    path.write_text(json.dumps({"version": 1, "theme": "dark"}))  # a file from before the field existed
    result = load_settings()
    assert result.settings.compare_concurrency == 2 and not result.warnings
    path.write_text(json.dumps({"version": 1, "compare_concurrency": "many"}))
    result = load_settings()
    assert result.settings.compare_concurrency == 2
    assert any("compare_concurrency" in w for w in result.warnings)
    save_settings(Settings(compare_concurrency=4))
    assert load_settings().settings.compare_concurrency == 4


def test_problems_in_a_hand_edited_file_are_reported_on_load() -> None:
    paths.settings_path().write_text(json.dumps({"version": 1, "budgets": {"warn_fraction": 5}}))
    result = load_settings()
    assert result.settings.budgets.warn_fraction == 5.0
    assert any("warning threshold" in w for w in result.warnings)


def test_a_damaged_file_that_cannot_be_moved_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    path = paths.settings_path()
    path.write_text("{oops")

    def refuse(src: object, dst: object) -> None:
        raise PermissionError("read-only directory")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse)
        result = load_settings()
    assert result.read_only and result.settings == Settings()
    assert "left untouched" in result.warnings[0] and "not be saved" in result.warnings[0]
    assert path.read_text() == "{oops"


@pytest.mark.parametrize("header", ["Authorization", "api-key", "X-Api-Key", "x-goog-api-key"])
def test_credential_headers_are_refused(header: str) -> None:
    settings = Settings(
        custom_endpoints=[CustomEndpoint("proxy", "Proxy", "https://x.example/v1", headers={header: "anything"})]
    )
    problems = validate(settings)
    assert len(problems) == 1
    assert header in problems[0] and "keychain" in problems[0] and "keys set proxy" in problems[0]
    with pytest.raises(SettingsError) as info:
        save_settings(settings)
    assert info.value.problems == problems
    assert not paths.settings_path().exists()


def test_a_credential_header_in_the_file_is_dropped_on_load() -> None:
    paths.settings_path().write_text(
        json.dumps(
            {
                "version": 1,
                "custom_endpoints": [
                    {
                        "id": "p",
                        "name": "P",
                        "base_url": "https://x.example/v1",
                        "headers": {"Authorization": "x", "X-A": "b"},
                    }
                ],
            }
        )
    )
    result = load_settings()
    assert result.settings.custom_endpoints[0].headers == {"X-A": "b"}
    assert any("'Authorization'" in w and "keychain" in w for w in result.warnings)


def test_a_key_pasted_anywhere_is_refused() -> None:
    leaked = "sk-proj-" + "a1B2c3D4" * 5
    settings = Settings(presets=[Preset("p", "openai", "gpt-4o", system=f"my key is {leaked}")])
    problems = validate(settings)
    assert problems and "presets[0].system" in problems[0]
    with pytest.raises(SettingsError):
        save_settings(settings)


def test_a_saved_file_never_holds_a_key_and_no_field_is_meant_for_one() -> None:
    path = save_settings(full_settings())
    assert not KEY_SHAPES.search(path.read_text("utf-8"))

    classes = [Settings, ProviderSettings, CustomEndpoint, Preset, PriceOverride, Budgets, Limits]
    names = {f.name for cls in classes for f in dataclasses.fields(cls)}
    assert "keyless" in names  # the pattern below sees every field name
    assert not {n for n in names if re.search(r"api_?key|^key$|secret|password|credential|token$", n)}


@pytest.mark.parametrize(
    ("settings", "fragment"),
    [
        (Settings(budgets=Budgets(warn_fraction=0.0)), "warning threshold"),
        (Settings(budgets=Budgets(overall=Limits(daily=-1.0))), "cannot be negative"),
        (Settings(presets=[Preset("p", "openai", "gpt-4o", fallback=["anthropic"])]), "PROVIDER:MODEL"),
        (Settings(presets=[Preset("p", "a", "b"), Preset("p", "c", "d")]), "share the name"),
        (
            Settings(
                custom_endpoints=[CustomEndpoint("a", "A", "https://a/v1"), CustomEndpoint("a", "B", "https://b/v1")]
            ),
            "share the id",
        ),
        (Settings(custom_endpoints=[CustomEndpoint("a:b", "A", "https://a/v1")]), "may use only"),
        (Settings(custom_endpoints=[CustomEndpoint("a", "A", "ftp://a")]), "http://"),
        (Settings(providers={"openai": ProviderSettings(timeouts=TimeoutSettings(connect=0))}), "timeouts"),
        (Settings(price_overrides=[PriceOverride("a", "b", -1.0, 1.0)]), "negative"),
        (Settings(theme="neon"), "Theme"),  # type: ignore[arg-type]
        (Settings(compare_concurrency=0), "concurrency"),
    ],
)
def test_validation_problems(settings: Settings, fragment: str) -> None:
    problems = validate(settings)
    assert any(fragment in p for p in problems), problems


def test_full_settings_are_valid() -> None:
    assert validate(full_settings()) == []


# Paths.


def test_parley_home_holds_everything(parley_home: Path) -> None:
    assert paths.config_dir() == parley_home / "config"
    assert paths.data_dir() == parley_home / "data"
    assert paths.cache_dir() == parley_home / "cache"
    assert paths.settings_path() == parley_home / "config" / "settings.json"
    assert paths.db_path() == parley_home / "data" / "parley.db"
    assert all(d.is_dir() for d in (paths.config_dir(), paths.data_dir(), paths.cache_dir()))


def test_without_parley_home_the_platform_dirs_are_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARLEY_HOME")
    for var in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(tmp_path / var))
    if os.name != "posix" or os.uname().sysname != "Linux":
        pytest.skip("XDG variables steer platformdirs on Linux only")
    assert paths.config_dir() == tmp_path / "XDG_CONFIG_HOME" / "parley"
    assert paths.data_dir() == tmp_path / "XDG_DATA_HOME" / "parley"
    assert paths.cache_dir() == tmp_path / "XDG_CACHE_HOME" / "parley"
    assert paths.config_dir().is_dir()


def test_a_format_1_azure_block_becomes_azure_provider_settings(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"version": 1, "azure": {"endpoint": "https://me.openai.azure.com",
                                "api_version": "2025-01-01-preview", "deployments": ["prod"]}}))  # fmt: skip
    loaded = load_settings(path)
    az = loaded.settings.provider("azure")
    assert (az.base_url, az.api_version, az.deployments) == ("https://me.openai.azure.com", "2025-01-01-preview",
                                                             ["prod"])  # fmt: skip
    assert loaded.warnings == []


def test_an_azure_base_url_of_the_users_wins_over_the_old_endpoint(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"providers": {"azure": {"base_url": "https://new.openai.azure.com"}},
                                "azure": {"endpoint": "https://old.openai.azure.com"}}))  # fmt: skip
    assert load_settings(path).settings.provider("azure").base_url == "https://new.openai.azure.com"
