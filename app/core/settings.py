"""Non-secret settings as a versioned JSON file in the config dir, written atomically, read tolerantly."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import tempfile
import time
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.words import translate

from .described import setting
from .early_settings import parse_settings as _parse
from .mcp.settings import McpSettings, mcp_problems
from .paths import settings_path
from .secret_headers import is_auth_header

SETTINGS_VERSION = 1
Theme = Literal["system", "light", "dark"]
Effort = Literal["low", "medium", "high"]
ReconcileSchedule = Literal["off", "daily", "weekly"]  # how often the providers' account reports are fetched
Api = Literal["chat", "responses"]  # OpenAI's chat completions or its Responses API (OpenAI and Azure)



# Shapes of real provider keys; a settings file must never hold one.
_KEY_LIKE = re.compile(
    r"\b(?:sk-[A-Za-z0-9_-]{20,}|AIza[0-9A-Za-z_-]{30,}|gsk_[A-Za-z0-9]{20,}|xai-[A-Za-z0-9]{20,}"
    r"|hf_[A-Za-z0-9]{20,}|csk-[A-Za-z0-9]{20,}|fw_[A-Za-z0-9]{16,})|\bBearer\s+\S{8,}"
)


class SettingsError(Exception):
    """Settings could not be saved; `problems` lists every reason in plain words."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


@dataclass
class TimeoutSettings:
    """Seconds (ARCHITECTURE "Timeouts and retries"); first byte is long since local servers load models."""

    connect: float = setting(
        10.0, translate("Setting", "Connect"), low=0.5, high=600, step=1, unit=" s",
        help=translate("Setting", "How long to wait for the server to accept the connection."))  # fmt: skip
    first_byte: float = setting(
        120.0, translate("Setting", "First byte (local servers may be loading a model)"), low=1, high=3600, step=10,
        unit=" s", help=translate("Setting", "How long to wait for the answer to begin."))  # fmt: skip
    between_chunks: float = setting(
        60.0, translate("Setting", "Between chunks"), low=1, high=3600, step=10, unit=" s",
        help=translate("Setting", "How long a streaming answer may pause before it is stalled."))  # fmt: skip


@dataclass
class RetrySettings:
    max_retries: int = setting(
        3, translate("Setting", "Retries before the first token"), low=0, high=10,
        help=translate("Setting", "Never for a rejected key, a bad request or a content filter."))  # fmt: skip
    base_delay: float = setting(
        1.0, translate("Setting", "First wait (doubles each retry)"), low=0, high=60, step=0.5, unit=" s",
        help=translate("Setting", "A Retry-After from the provider is honoured instead."))  # fmt: skip
    max_delay: float = setting(30.0, translate("Setting", "Longest wait"), low=0, high=600, step=5, unit=" s")
    total_budget: float = setting(
        60.0, translate("Setting", "All retries together at most"), low=0, high=3600, step=10, unit=" s",
        help=translate("Setting", "A provider asking to wait longer than what is left fails at once, "
                                  "saying when to retry."))  # fmt: skip


@dataclass
class ProviderSettings:
    enabled: bool = True
    base_url: str | None = None
    timeouts: TimeoutSettings = field(default_factory=TimeoutSettings)
    retries: RetrySettings = field(default_factory=RetrySettings)
    api: Api = "chat"  # which OpenAI API to speak, where the provider offers both (models only on Responses use it)
    # Only for providers whose spec lists them in `extra_settings`:
    api_version: str | None = None  # None: the adapter's default
    deployments: list[str] = field(default_factory=list)  # names requests use instead of the catalog's models


@dataclass
class CustomEndpoint:
    """A user's OpenAI-compatible server. Its key, if any, lives in the keychain under `id`."""

    id: str
    name: str
    base_url: str
    local: bool = False
    keyless: bool = False
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Defaults:
    provider: str | None = None
    model: str | None = None


@dataclass
class Preset:
    name: str
    provider: str
    model: str
    system: str | None = None
    temperature: float | None = None
    max_tokens: int | None = None
    reasoning_effort: Effort | None = None
    json_mode: bool = False
    fallback: list[str] = field(default_factory=list)  # "provider:model" entries, tried in order
    web_search: bool = False  # search the web with the provider's own tool (models that can)
    tools: list[str] = field(default_factory=list)  # MCP tools offered: "SERVER" (all its tools) or "SERVER/TOOL"


@dataclass
class PriceOverride:
    """USD per million tokens for one (provider, model); model "*" covers every model of that provider."""

    provider: str
    model: str
    input_per_million: float
    output_per_million: float
    cache_read_per_million: float | None = None  # None: cache reads cost the input price
    cache_write_per_million: float | None = None  # None: cache writes cost the input price


@dataclass
class Limits:
    """USD; None means no limit."""

    daily: float | None = None
    monthly: float | None = None


@dataclass
class Budgets:
    overall: Limits = field(default_factory=Limits)
    per_provider: dict[str, Limits] = field(default_factory=dict)
    warn_fraction: float = 0.8


@dataclass
class Settings:
    """Everything Parley remembers except keys (keychain) and conversations (database)."""

    providers: dict[str, ProviderSettings] = field(default_factory=dict)
    custom_endpoints: list[CustomEndpoint] = field(default_factory=list)
    defaults: Defaults = field(default_factory=Defaults)
    presets: list[Preset] = field(default_factory=list)
    price_overrides: list[PriceOverride] = field(default_factory=list)
    budgets: Budgets = field(default_factory=Budgets)
    theme: Theme = "system"
    language: str = ""  # "" follows the system; otherwise a language code the window offers ("en", "es")
    window_state: dict[str, str] = field(default_factory=dict)  # opaque blobs (Qt saveState, base64)
    compare_concurrency: int = 2  # prompt sets: at most this many requests in flight per provider
    ca_bundle: str | None = None  # a PEM file of extra trusted CAs (corporate proxies); verification stays on
    welcome_done: bool = False  # the first-run view led to a key or a local server: do not show it again
    mcp: McpSettings = field(default_factory=McpSettings)  # MCP servers; their secrets are in the keychain
    document_limit_mb: float = 32.0  # the largest document (text file or PDF) that may be attached
    reconcile_schedule: ReconcileSchedule = "off"  # fetch account reports (with an admin key) on this schedule

    def provider(self, provider_id: str) -> ProviderSettings:
        """The stored settings for a provider or custom endpoint, or the defaults."""
        return self.providers.get(provider_id) or ProviderSettings()

    def is_enabled(self, provider_id: str) -> bool:
        return self.provider(provider_id).enabled

    def enabled_providers(self, known_ids: Iterable[str]) -> list[str]:
        """Enabled ids among `known_ids` (the catalog, in its order), then enabled custom endpoints."""
        ids = [*known_ids, *(e.id for e in self.custom_endpoints)]
        return [pid for pid in dict.fromkeys(ids) if self.is_enabled(pid)]

    def custom_endpoint(self, endpoint_id: str) -> CustomEndpoint | None:
        return next((e for e in self.custom_endpoints if e.id == endpoint_id), None)

    def preset(self, name: str) -> Preset | None:
        return next((p for p in self.presets if p.name == name), None)

    def override_map(self) -> dict[tuple[str, str], PriceOverride]:
        """Price overrides keyed by (provider, model), as `pricing.price` takes them."""
        return {(o.provider, o.model): o for o in self.price_overrides}


@dataclass
class LoadResult:
    settings: Settings
    warnings: list[str]
    read_only: bool = False  # written by a newer Parley (or unreadable): saving would lose data, so it is refused


# Validation.


def validate(settings: Settings) -> list[str]:
    """Every problem that stops these settings being saved, in plain words; empty when all is well."""
    problems: list[str] = []  # translatable sentences (Words), English on the command line
    for ep in settings.custom_endpoints:
        problems += _endpoint_problems(ep)
    ids = [e.id for e in settings.custom_endpoints]
    problems += [translate("Settings", "Two custom endpoints share the id {id}.").format(id=repr(i))
                 for i in sorted({i for i in ids if ids.count(i) > 1})]  # fmt: skip
    names = [p.name for p in settings.presets]
    problems += [translate("Settings", "Two presets share the name {name}.").format(name=repr(n))
                 for n in sorted({n for n in names if names.count(n) > 1})]  # fmt: skip
    for p in settings.presets:
        problems += [translate("Settings", "Preset {name}: fallback {fallback} must be PROVIDER:MODEL.").format(
            name=repr(p.name), fallback=repr(f)) for f in p.fallback if not re.fullmatch(r"[^:\s]+:.+", f)]
        if p.temperature is not None and not 0 <= p.temperature <= 2:
            problems.append(translate("Settings", "Preset {name}: temperature must be between 0 and 2.").format(
                name=repr(p.name)))
        if p.max_tokens is not None and p.max_tokens < 1:
            problems.append(translate("Settings", "Preset {name}: max tokens must be at least 1.").format(
                name=repr(p.name)))
        servers = [s.name for s in settings.mcp.servers]
        problems += [translate("Settings", "Preset {name}: the tools {tools} are not those of an MCP server in the "
                               "settings.").format(name=repr(p.name), tools=repr(t))
                     for t in p.tools if not any(t == n or t.startswith(n + "/") for n in servers)]  # fmt: skip
    for o in settings.price_overrides:
        rates = (o.input_per_million, o.output_per_million, o.cache_read_per_million, o.cache_write_per_million)
        if any(r is not None and r < 0 for r in rates):
            problems.append(translate("Settings", "Price override for {target}: prices cannot be negative.").format(
                target=f"{o.provider}:{o.model}"))
    problems += _budget_problems(settings.budgets)
    problems += mcp_problems(settings.mcp)
    for pid, ps in settings.providers.items():
        t = ps.timeouts
        if min(t.connect, t.first_byte, t.between_chunks) <= 0:
            problems.append(translate("Settings", "{provider}: timeouts must be more than 0 seconds.").format(
                provider=pid))
        r = ps.retries
        if r.max_retries < 0 or min(r.base_delay, r.max_delay, r.total_budget) < 0:
            problems.append(translate("Settings", "{provider}: retry counts and delays cannot be negative.").format(
                provider=pid))
        if ps.base_url and not _is_http_url(ps.base_url):
            problems.append(translate("Settings", "{provider}: the base URL {url} must start with http:// or "
                                      "https://.").format(provider=pid, url=repr(ps.base_url)))
        if ps.api == "responses" and not _offers_responses(pid):
            problems.append(translate("Settings", "{provider}: only OpenAI and Azure OpenAI offer the Responses "
                                      "API.").format(provider=pid))
    if settings.ca_bundle is not None and not Path(settings.ca_bundle).expanduser().is_file():
        problems.append(translate("Settings", "The CA bundle {path} is not a file that exists; pick a PEM "
                                  "file.").format(path=repr(settings.ca_bundle)))
    if not settings.document_limit_mb > 0:
        problems.append(translate("Settings", "The document size limit must be more than 0 MB."))
    if settings.compare_concurrency < 1:
        problems.append(translate("Settings", "Comparison concurrency must be at least 1 request per provider."))
    if settings.theme not in typing.get_args(Theme):
        problems.append(translate("Settings", "Theme must be one of {themes}.").format(
            themes=", ".join(typing.get_args(Theme))))
    problems += [translate("Settings", "A value in settings looks like an API key ({where}); keys belong in the "
                           "keychain.").format(where=where) for where in _key_like_fields(encode(settings))]
    return problems


def _endpoint_problems(ep: CustomEndpoint) -> list[str]:
    label = translate("Settings", "Custom endpoint {name}").format(name=repr(ep.name or ep.id))
    problems: list[str] = []
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", ep.id):
        problems.append(translate("Settings", "{endpoint}: the id {id} may use only letters, digits, '.', '_' and "
                                  "'-'.").format(endpoint=label, id=repr(ep.id)))
    if not _is_http_url(ep.base_url):
        problems.append(translate("Settings", "{endpoint}: the base URL {url} must start with http:// or "
                                  "https://.").format(endpoint=label, url=repr(ep.base_url)))
    for header in ep.headers:
        if is_auth_header(header):
            problems.append(translate(
                "Settings", "{endpoint}: the header {header} would keep a key in a plain settings file; store the key "
                "in the keychain instead ({command}).").format(endpoint=label, header=repr(header),
                                                               command=f"python -m app keys set {ep.id}"))
    return problems


def fallback_problems(settings: Settings, entries: Iterable[str], has_key: Callable[[str], bool]) -> list[str | None]:
    """For each "provider:model" entry, why it cannot be used (plain words), or None when it can.

    A fallback that names an unknown or disabled provider, or one without a key, is flagged so the editor
    shows it and the chat side can say so, never skipped in silence. `has_key` must not block the loop:
    pass a lookup over key sources fetched off it.
    """
    from app.providers.catalog import get_spec

    out: list[str | None] = []
    for entry in entries:
        provider, sep, model = entry.partition(":")
        provider, model = provider.strip(), model.strip()
        if not sep or not provider or not model:
            out.append(translate("Settings", "{entry} is not PROVIDER:MODEL.").format(entry=repr(entry)))
            continue
        custom = settings.custom_endpoint(provider)
        keyless = custom.keyless if custom is not None else None
        if custom is None:
            try:
                keyless = get_spec(provider).keyless
            except KeyError:
                out.append(translate("Settings", "{provider} is not a known provider or custom endpoint.").format(
                    provider=repr(provider)))
                continue
        if not settings.is_enabled(provider):
            out.append(translate("Settings", "{provider} is turned off in the provider settings.").format(
                provider=provider))
        elif not keyless and not has_key(provider):
            out.append(translate("Settings", "{provider} has no API key yet.").format(provider=provider))
        else:
            out.append(None)
    return out


def _budget_problems(b: Budgets) -> list[str]:
    problems: list[str] = []
    if not 0 < b.warn_fraction <= 1:
        problems.append(translate("Settings", "The budget warning threshold must be above 0 and at most 1 (for "
                                  "example 0.8)."))  # fmt: skip
    if any(v is not None and v < 0 for v in (b.overall.daily, b.overall.monthly)):
        problems.append(translate("Settings", "Overall budget limits cannot be negative."))
    for who, limits in b.per_provider.items():
        if any(v is not None and v < 0 for v in (limits.daily, limits.monthly)):
            problems.append(translate("Settings", "{provider} budget limits cannot be negative.").format(provider=who))
    return problems


def _offers_responses(provider_id: str) -> bool:
    from app.providers.catalog import get_spec

    try:
        return get_spec(provider_id).responses_protocol is not None
    except KeyError:
        return False


def _is_http_url(url: str) -> bool:
    return re.match(r"https?://[^/\s]+", url) is not None


def _key_like_fields(data: Any, where: str = "") -> list[str]:
    if isinstance(data, str):
        return [where or "value"] if _KEY_LIKE.search(data) else []
    if isinstance(data, dict):
        return [hit for k, v in data.items() if where or k != "window_state"
                for hit in _key_like_fields(v, f"{where}.{k}" if where else str(k))]  # fmt: skip
    if isinstance(data, list):
        return [hit for i, v in enumerate(data) for hit in _key_like_fields(v, f"{where}[{i}]")]
    return []


# Encoding and tolerant decoding.


def encode(settings: Settings) -> dict[str, Any]:
    return {"version": SETTINGS_VERSION, **dataclasses.asdict(settings)}


class _Bad(Exception):
    pass


def decode(data: dict[str, Any], warnings: list[str]) -> Settings:
    """Settings from a parsed file; a bad value falls back to its default and adds a warning."""
    body = _upgrade({k: v for k, v in data.items() if k != "version"})
    settings: Settings = _decode_dataclass(Settings, body, "", warnings)
    for ep in settings.custom_endpoints:
        for header in [h for h in ep.headers if is_auth_header(h)]:
            del ep.headers[header]
            warnings.append(translate("Settings", "Removed the {header} header from custom endpoint {endpoint}: keys "
                                      "belong in the keychain (python -m app keys set {id}).").format(
                header=repr(header), endpoint=repr(ep.id), id=ep.id))  # fmt: skip
    return settings


def _upgrade(body: dict[str, Any]) -> dict[str, Any]:
    """Earlier layouts moved to today's: the `azure` block (endpoint, api_version, deployments) of format 1 files
    became Azure's own provider settings (the endpoint is its base URL)."""
    azure = body.pop("azure", None)
    if isinstance(azure, dict):
        providers = body.setdefault("providers", {})
        ps = providers.setdefault("azure", {}) if isinstance(providers, dict) else {}
        if isinstance(ps, dict):
            if azure.get("endpoint") and not ps.get("base_url"):
                ps["base_url"] = azure["endpoint"]
            for name in ("api_version", "deployments"):
                if azure.get(name):
                    ps.setdefault(name, azure[name])
    return body


def _decode_dataclass(cls: type[Any], value: Any, where: str, warnings: list[str]) -> Any:
    if not isinstance(value, dict):
        raise _Bad(f"expected an object, got {type(value).__name__}")
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(cls)}
    warnings += [translate("Settings", "Ignored unknown setting {name}.").format(name=f"{where}{key}")
                 for key in value if key not in fields]  # fmt: skip
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        if name not in value:
            if required:
                raise _Bad(f"{where}{name} is missing")
            continue
        try:
            kwargs[name] = _decode_value(hints[name], value[name], f"{where}{name}", warnings)
        except _Bad as exc:
            if required:
                raise _Bad(f"{where}{name}: {exc}") from None
            warnings.append(translate("Settings", "Setting {name} was not understood ({problem}); using the "
                                      "default.").format(name=f"{where}{name}", problem=str(exc)))  # fmt: skip
    return cls(**kwargs)


def _decode_value(tp: Any, value: Any, where: str, warnings: list[str]) -> Any:
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if dataclasses.is_dataclass(tp):
        return _decode_dataclass(tp, value, where + ".", warnings)  # type: ignore[arg-type]
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        (inner,) = [a for a in args if a is not type(None)]
        return _decode_value(inner, value, where, warnings)
    if origin is Literal:
        if value not in args:
            raise _Bad(f"expected one of {', '.join(map(repr, args))}, got {value!r}")
        return value
    if origin is list:
        if not isinstance(value, list):
            raise _Bad(f"expected a list, got {type(value).__name__}")
        return _decode_items(args[0], enumerate(value), where, warnings, list)
    if origin is dict:
        if not isinstance(value, dict):
            raise _Bad(f"expected an object, got {type(value).__name__}")
        return _decode_items(args[1], value.items(), where, warnings, dict)
    if tp is bool and isinstance(value, bool):
        return value
    if tp is int and isinstance(value, int) and not isinstance(value, bool):
        return value
    if tp is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if tp is str and isinstance(value, str):
        return value
    raise _Bad(f"expected {getattr(tp, '__name__', tp)}, got {type(value).__name__}")


def _decode_items(tp: Any, items: Iterable[tuple[Any, Any]], where: str, warnings: list[str], kind: type) -> Any:
    out: dict[Any, Any] = {}
    for key, item in items:
        try:
            out[key] = _decode_value(tp, item, f"{where}[{key!r}]", warnings)
        except _Bad as exc:
            warnings.append(translate("Settings", "Dropped setting {name} ({problem}).").format(
                name=f"{where}[{key!r}]", problem=str(exc)))  # fmt: skip
    return list(out.values()) if kind is list else out


# Files.


def load_settings(path: Path | None = None) -> LoadResult:
    """Never raises for a bad file: a missing one gives defaults; a corrupt one is kept aside, not lost."""
    if path is None:
        try:
            path = settings_path()
        except OSError as exc:  # the settings folder cannot be made (a read-only profile)
            return LoadResult(Settings(), [translate("Settings", "The settings folder cannot be made ({problem}); "
                                                     "using defaults, and changes will not be saved.").format(
                problem=str(exc))], read_only=True)  # fmt: skip
    warnings: list[str] = []
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadResult(Settings(), warnings)
    except OSError as exc:
        unreadable = translate("Settings", "Could not read {path} ({problem}); using defaults and not saving over "
                               "it.").format(path=str(path), problem=str(exc))  # fmt: skip
        return LoadResult(Settings(), [unreadable], read_only=True)
    data = _parse(raw)
    if data is None:
        try:
            kept = _keep_aside(path)
        except OSError as exc:
            stuck = translate("Settings", "The settings file was damaged and could not be read; using defaults. It "
                              "could not be kept aside ({problem}): left untouched at {path}; changes will not be "
                              "saved.").format(problem=str(exc), path=str(path))  # fmt: skip
            return LoadResult(Settings(), [stuck], read_only=True)
        return LoadResult(Settings(), [translate("Settings", "The settings file was damaged and could not be read; "
                                                 "using defaults. The damaged file is kept as {name} in {folder}.")
                                       .format(name=kept.name, folder=str(kept.parent))])  # fmt: skip
    version = data.get("version", SETTINGS_VERSION)
    settings = decode(data, warnings)
    warnings += validate(settings)  # a hand-edited file: say now what would stop the next save
    if version > SETTINGS_VERSION:
        newer = translate("Settings", "The settings file was written by a newer Parley (format {version}; this "
                          "version knows {known}). Using what it understands; changes will not be saved.").format(
            version=version, known=SETTINGS_VERSION)  # fmt: skip
        warnings.insert(0, newer)
        return LoadResult(settings, warnings, read_only=True)
    return LoadResult(settings, warnings)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically (temp file in the same dir, fsync, replace). Refuses invalid settings or a newer file."""
    problems = validate(settings)
    if problems:
        raise SettingsError("Settings were not saved: " + " ".join(problems), problems)
    path = path or settings_path()
    if path.exists():
        on_disk = _parse(path.read_bytes())
        if on_disk is None:
            _keep_aside(path)
        elif on_disk.get("version", SETTINGS_VERSION) > SETTINGS_VERSION:
            newer = f"format {on_disk['version']}"
            raise SettingsError(f"Settings were not saved: {path} was written by a newer Parley ({newer}).")
    text = json.dumps(encode(settings), indent=2, ensure_ascii=False) + "\n"
    atomic_write(path, text)
    return path


def _keep_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    os.replace(path, target)
    return target


STALE_TEMP_SECONDS = 60.0  # a save's temp file older than this was left by a killed process


def _remove_stale_temps(path: Path) -> None:
    """Temp files of saves that never finished (the process was killed); a live save's is left alone."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if tmp.stat().st_mtime < cutoff:
                tmp.unlink()


def atomic_write(path: Path, text: str) -> None:
    """Temp file in the same folder, fsync, replace (and fsync the folder): readers see the old file or the
    new one, never half; temp files left by a crash are removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temps(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable; not possible on Windows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
