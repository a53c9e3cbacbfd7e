"""Model lists per provider for the model picker: fetched through the adapters, cached with when they were
fetched, and priced (USD per million tokens) with context windows.

The cache is one JSON file in the cache dir, one entry per (provider, base URL); a damaged file is ignored
and replaced on the next save. Reading it is cheap; fetching replaces one provider's entry. Pricing an
uncatalogued model costs about a millisecond, so building hundreds of entries belongs off the event loop
(`load_groups` in a worker thread); the UI awaits `aload_groups` and `fetch_models`.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import json
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.providers import ModelInfo, ProviderError, adapter_for, make_error
from app.providers.catalog import DEPLOYMENTS, SPECS, get_spec
from app.providers.types import as_count
from app.words import translate

from .endpoints import TargetSpec
from .paths import cache_dir
from .settings import PriceOverride, atomic_write

if TYPE_CHECKING:
    from .services import Services

PriceSource = Literal["catalog", "override", "free", "unknown"]
CACHE_FILE = "model_lists.json"
CACHE_VERSION = 1


@dataclass(frozen=True, slots=True)
class ModelEntry:
    """One choosable model with what is known about it; None where nothing is known."""

    provider: str
    model: str
    name: str  # the provider's display name for it, else the id
    context_window: int | None = None
    input_per_million: float | None = None  # USD
    output_per_million: float | None = None
    price_source: PriceSource = "unknown"  # catalog (genai-prices), override (your price), free (local), unknown
    supports_images: bool | None = None
    listed: bool = True  # False: typed before but not in the provider's fetched list


@dataclass(frozen=True, slots=True)
class ModelList:
    """A provider's list as fetched from one base URL, and when (UTC)."""

    provider: str
    base_url: str
    fetched_at: datetime
    models: tuple[ModelInfo, ...]


@dataclass(frozen=True, slots=True)
class ProviderGroup:
    """A provider as the picker shows it: its cached list (if any) and its entries, recent ones included."""

    id: str
    name: str
    base_url: str
    local: bool
    listing: ModelList | None
    entries: tuple[ModelEntry, ...]


# The cache file.


def _key(provider: str, base_url: str) -> str:
    return f"{provider} {base_url.rstrip('/')}"


class ModelListCache:
    """The model lists on disk. Blocking file I/O (small); safe to call from worker threads."""

    _lock = threading.Lock()  # one read-modify-write at a time in this process

    def __init__(self, path: Path | None = None) -> None:
        self._path = path

    @property
    def path(self) -> Path:
        return self._path or cache_dir() / CACHE_FILE  # resolved per call: PARLEY_HOME may change (tests)

    def load_all(self) -> dict[tuple[str, str], ModelList]:
        """Every cached list by (provider, base URL); a missing or damaged file gives none."""
        out: dict[tuple[str, str], ModelList] = {}
        for item in self._read().values():
            listing = _decode_list(item)
            if listing is not None:
                out[(listing.provider, listing.base_url)] = listing
        return out

    def get(self, provider: str, base_url: str) -> ModelList | None:
        item = self._read().get(_key(provider, base_url))
        return _decode_list(item) if item is not None else None

    def put(self, listing: ModelList) -> None:
        """Replace one provider's list, keeping the others (a damaged file is replaced whole)."""
        with self._lock:
            lists = self._read()
            lists[_key(listing.provider, listing.base_url)] = _encode_list(listing)
            text = json.dumps({"version": CACHE_VERSION, "lists": lists}, ensure_ascii=False)
            atomic_write(self.path, text)

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        if not isinstance(data.get("lists"), dict):
            return {}
        return {k: v for k, v in data["lists"].items() if isinstance(v, dict)}


def _encode_list(listing: ModelList) -> dict[str, Any]:
    return {
        "provider": listing.provider,
        "base_url": listing.base_url,
        "fetched_at": listing.fetched_at.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "models": [dataclasses.asdict(m) for m in listing.models],
    }


def _decode_list(item: Mapping[str, Any]) -> ModelList | None:
    provider, base_url, fetched = item.get("provider"), item.get("base_url"), item.get("fetched_at")
    if not isinstance(provider, str) or not isinstance(base_url, str) or not isinstance(fetched, str):
        return None
    try:
        at = datetime.fromisoformat(fetched)
    except ValueError:
        return None
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    models = item.get("models")
    decoded = [_decode_model(m) for m in models] if isinstance(models, list) else []
    return ModelList(provider, base_url, at, tuple(m for m in decoded if m is not None))


def _decode_model(m: Any) -> ModelInfo | None:
    if not isinstance(m, dict) or not isinstance(m.get("id"), str) or not m["id"]:
        return None
    name, images = m.get("name"), m.get("supports_images")
    return ModelInfo(
        id=m["id"],
        name=name if isinstance(name, str) else None,
        context_window=as_count(m.get("context_window")) or None,
        max_output_tokens=as_count(m.get("max_output_tokens")) or None,
        supports_images=images if isinstance(images, bool) else None,
        created=as_count(m.get("created")),
    )


# Fetching.


async def fetch_models(
    services: Services, provider_id: str, *, cache: ModelListCache | None = None, now: datetime | None = None
) -> ModelList:
    """Fetch a provider's models at its configured base URL and cache them. Failures raise ProviderError
    (never holding the key); the key lookup runs in a worker thread."""
    try:
        spec = services.spec(provider_id)
    except ValueError as exc:
        raise make_error("bad_request", str(exc), provider=provider_id) from None
    if not spec.base_url:
        raise make_error("bad_request", f"no endpoint is set for {spec.name}: add it in the provider settings "
                         "first", provider=provider_id)  # fmt: skip
    try:
        target = await asyncio.to_thread(services.target, TargetSpec(provider_id, "-"))
    except ValueError as exc:  # a malformed base URL
        raise make_error("bad_request", str(exc), provider=provider_id) from None
    models = await adapter_for(target.endpoint).list_models(services.client)
    listing = ModelList(provider_id, spec.base_url.rstrip("/"), now or datetime.now(timezone.utc), tuple(models))
    await asyncio.to_thread((cache or ModelListCache()).put, listing)
    return listing


# Prices and context windows.


@functools.lru_cache(maxsize=8192)
def _catalog_figures(provider_id: str, model: str) -> tuple[tuple[float, float] | None, int | None]:
    """genai-prices' (input, output) per million and context window; remembered, the catalog is fixed."""
    from .pricing import context_window, price_per_million

    return price_per_million(provider_id, model), context_window(provider_id, model)


def _override(overrides: Mapping[tuple[str, str], PriceOverride], provider_id: str, model: str) -> PriceOverride | None:
    return overrides.get((provider_id, model)) or overrides.get((provider_id, "*"))


def model_entry(
    provider_id: str,
    model: str,
    *,
    local: bool,
    overrides: Mapping[tuple[str, str], PriceOverride],
    info: ModelInfo | None = None,
    listed: bool = True,
) -> ModelEntry:
    """Prices (override, else free when local, else the catalog) and the context window (the provider's list
    first, else the catalog) for one model. Blocking on the first catalog use (~300 ms import)."""
    prices, window = _catalog_figures(provider_id, model)
    o = _override(overrides, provider_id, model)
    source: PriceSource
    if o is not None:
        prices, source = (o.input_per_million, o.output_per_million), "override"
    elif local:
        prices, source = (0.0, 0.0), "free"
    else:
        source = "catalog" if prices is not None else "unknown"
    if info is not None and info.context_window:
        window = info.context_window
    return ModelEntry(
        provider=provider_id,
        model=model,
        name=(info.name if info and info.name else model),
        context_window=window,
        input_per_million=prices[0] if prices else None,
        output_per_million=prices[1] if prices else None,
        price_source=source,
        supports_images=info.supports_images if info else None,
        listed=listed,
    )


def build_entries(
    provider_id: str,
    models: Iterable[ModelInfo],
    *,
    local: bool,
    overrides: Mapping[tuple[str, str], PriceOverride],
    recent: Sequence[str] = (),
) -> list[ModelEntry]:
    """Entries for a fetched list, with models typed before but missing from it first."""
    infos = {m.id: m for m in models}
    typed = [model_entry(provider_id, m, local=local, overrides=overrides, listed=False)
             for m in dict.fromkeys(recent) if m and m not in infos]  # fmt: skip
    return typed + [model_entry(provider_id, m.id, local=local, overrides=overrides, info=m) for m in infos.values()]


def entry_for(services: Services, provider_id: str, model: str, *, cache: ModelListCache | None = None) -> ModelEntry:
    """What the picker knows about one (provider, model), from the cache and the catalog (blocking, cheap once
    the catalog is loaded): for showing price and context next to the current model."""
    try:
        spec = services.spec(provider_id)
    except ValueError:
        return ModelEntry(provider_id, model, model)
    listing = (cache or ModelListCache()).get(provider_id, spec.base_url)
    info = next((m for m in listing.models if m.id == model), None) if listing else None
    return model_entry(provider_id, model, local=spec.local, overrides=services.settings.override_map(), info=info,
                       listed=info is not None)  # fmt: skip


async def aentry_for(services: Services, provider_id: str, model: str) -> ModelEntry:
    """`entry_for` in a worker thread, for the event loop."""
    return await asyncio.to_thread(entry_for, services, provider_id, model)


# Which providers the picker offers.


def _default_url(provider_id: str) -> str | None:
    return next((s.base_url for s in SPECS if s.id == provider_id), None)


def load_groups(
    services: Services,
    recent: Sequence[tuple[str, str]] = (),
    current: tuple[str, str] | None = None,
    *,
    cache: ModelListCache | None = None,
) -> list[ProviderGroup]:
    """The enabled providers the picker offers, in catalog order then custom endpoints, each with its entries.

    Offered: custom endpoints, keyless or local providers, providers pointed at a base URL of the user's,
    holding a key or a cached list, or named in `recent`/`current`. Blocking (keychain lookups, pricing): run it
    in a worker thread.
    """
    settings = services.settings
    overrides = settings.override_map()
    lists = (cache or ModelListCache()).load_all()
    typed: dict[str, list[str]] = {}
    for provider, model in [*([current] if current else []), *recent]:
        typed.setdefault(provider, []).append(model)
    for pid, ps in settings.providers.items():  # Azure's list names base models; requests name the deployments
        if ps.deployments and DEPLOYMENTS in _extra_settings(pid):
            typed.setdefault(pid, []).extend(ps.deployments)
    groups: list[ProviderGroup] = []
    for pid in settings.enabled_providers(s.id for s in SPECS):
        try:
            spec = services.spec(pid)
        except ValueError:
            continue
        listing = lists.get((pid, spec.base_url.rstrip("/")))
        default_url = _default_url(pid)  # None: a custom endpoint, which the user added on purpose
        offered = (default_url is None or spec.keyless or spec.local or listing is not None or pid in typed
                   or (bool(spec.base_url) and spec.base_url != default_url))  # fmt: skip
        if not offered:
            offered = services.keys.get(pid).value is not None
        if not offered:
            continue
        entries = build_entries(pid, listing.models if listing else (), local=spec.local, overrides=overrides,
                                recent=typed.get(pid, ()))  # fmt: skip
        groups.append(ProviderGroup(pid, spec.name, spec.base_url, spec.local, listing, tuple(entries)))
    return groups


async def aload_groups(
    services: Services,
    recent: Sequence[tuple[str, str]] = (),
    current: tuple[str, str] | None = None,
    *,
    cache: ModelListCache | None = None,
) -> list[ProviderGroup]:
    return await asyncio.to_thread(load_groups, services, recent, current, cache=cache)


def refreshed_group(group: ProviderGroup, listing: ModelList, services: Services) -> ProviderGroup:
    """The group with a newly fetched list; models typed before stay (blocking: pricing; use a worker thread)."""
    typed = [e.model for e in group.entries if not e.listed]
    entries = build_entries(group.id, listing.models, local=group.local, overrides=services.settings.override_map(),
                            recent=typed)  # fmt: skip
    return replace(group, listing=listing, entries=tuple(entries))


# Text for the picker and the chat panel (plain words, no Qt).

UNKNOWN = "—"


def format_context(tokens: int | None) -> str:
    """128000 -> "128k", 1048576 -> "1.05M", 8192 -> "8.2k"; unknown -> "—"."""
    if not tokens:
        return UNKNOWN
    if tokens >= 1_000_000:
        return f"{tokens / 1_000_000:.3g}M"
    if tokens >= 1000:
        return f"{tokens / 1000:.3g}k" if tokens < 10_000 else f"{tokens / 1000:.0f}k"
    return str(tokens)


def format_per_million(usd: float | None, source: PriceSource) -> str:
    """A price column's text: "$0.15", "$2.00 (override)", "free", "—"."""
    if source == "free":
        return "free"
    if usd is None:
        return UNKNOWN
    text = f"${usd:,.2f}" if usd == 0 or usd >= 0.1 else f"${usd:.3g}"
    return f"{text} (override)" if source == "override" else text


PRICE_SOURCE_TIPS: dict[str, str] = {
    "catalog": "List price from the genai-prices catalog, USD per million tokens",
    "override": "Your price override from settings, USD per million tokens",
    "free": "Runs locally: free (add a price override to count it)",
    "unknown": "No price is known for this model; add a price override in settings to count its cost",
}


def entry_summary(entry: ModelEntry) -> str:
    """One line for beside the current model: "$0.15 in / $0.60 out per 1M tokens · 128k context"."""
    if entry.price_source == "free":
        price = "free (local)"
    elif entry.input_per_million is None or entry.output_per_million is None:
        price = "price unknown"
    else:
        price = (f"{format_per_million(entry.input_per_million, 'catalog')} in / "
                 f"{format_per_million(entry.output_per_million, 'catalog')} out per 1M tokens")  # fmt: skip
        if entry.price_source == "override":
            price += " (your price)"
    window = f"{format_context(entry.context_window)} context" if entry.context_window else "context size unknown"
    return f"{price} · {window}"


def fetched_text(fetched_at: datetime | None, now: datetime | None = None) -> str:
    """"never fetched", "fetched just now", "fetched 5 min ago", "fetched 3 h ago", "fetched 2 days ago"."""
    if fetched_at is None:
        return "never fetched"
    seconds = ((now or datetime.now(timezone.utc)) - fetched_at).total_seconds()
    if seconds < 60:
        return "fetched just now"
    if seconds < 3600:
        return f"fetched {int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"fetched {int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    return f"fetched {days} day{'s' if days != 1 else ''} ago"


def error_lines(err: ProviderError) -> tuple[str, str]:
    """A failed fetch in plain words: (what happened, what to do)."""
    problem = err.describe()  # Words when core wrote it: the window says it in its language
    if problem.endswith("."):
        said = translate("ModelLists", "Could not fetch the model list: {problem}")
    else:
        said = translate("ModelLists", "Could not fetch the model list: {problem}.")
    return said.format(problem=problem), err.advice


def error_text(err: ProviderError) -> str:
    return " ".join(error_lines(err))


def _extra_settings(provider_id: str) -> tuple[str, ...]:
    try:
        return get_spec(provider_id).extra_settings
    except KeyError:  # a custom endpoint
        return ()
