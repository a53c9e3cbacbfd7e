"""What a request cost, and where that figure came from: provider, override, free, catalog or unknown.

Costs are looked up by provider id and served model, never by URL: `--provider openai` at a loopback
URL is priced as OpenAI. The catalog is genai-prices' bundled snapshot; it is imported on first use
(about 300 ms) so it stays off the start-up path, and its network updater (`UpdatePrices`) is never
started, so pricing never touches the network.

Usage arrives as each provider reports it (see ARCHITECTURE "--json usage"). genai-prices wants
`input_tokens` as the whole prompt, cache reads and writes included (they are partitions of it, priced
at their own rates), and `output_tokens` as the whole output, reasoning included
(`output_reasoning_tokens` is a partition of it). `catalog_usage` converts one to the other.
"""

from __future__ import annotations

import math
import re
import sys
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Literal

from app.core import lasting
from app.providers.catalog import (
    INPUT_OUTSIDE_CACHE,
    REASONING_OUTSIDE_OUTPUT,
    ROUTED_MODEL_NAMES,
    ProviderSpec,
    get_spec,
)
from app.providers.types import Usage

from .search_prices import search_fee
from .settings import PriceOverride

if TYPE_CHECKING:
    from genai_prices.types import PriceCalculation

CostSource = Literal["provider", "catalog", "override", "free", "unknown"]
Overrides = Mapping[tuple[str, str], PriceOverride]
PER_MILLION = 1_000_000

@dataclass(frozen=True, slots=True)
class Price:
    cost_usd: float | None
    source: CostSource
    detail: str  # a sentence for a tooltip: which figure this is and why
    search_usd: float | None = None  # web search fees, included in cost_usd (None: no searches, or unknown)


def usage_rules(spec: ProviderSpec | None) -> dict[str, bool]:
    """How a provider counts (its spec's quirks), as `catalog_usage` takes it."""
    return {"input_outside_cache": spec is not None and spec.has(INPUT_OUTSIDE_CACHE),
            "reasoning_outside_output": spec is not None and spec.has(REASONING_OUTSIDE_OUTPUT)}  # fmt: skip


def catalog_usage(usage: Usage | Mapping[str, int | None], *, input_outside_cache: bool = False,
                  reasoning_outside_output: bool = False) -> dict[str, int]:  # fmt: skip
    """Counts as a provider reported them -> what genai-prices expects (see `usage_rules`).

    - `input_outside_cache` (Anthropic): `input_tokens` excludes cache reads and writes, so the total input
      adds them.
    - `reasoning_outside_output` (Gemini's candidates count, xAI's completion tokens): the output excludes
      reasoning, so the total output adds `reasoning_tokens`.
    - Otherwise (the OpenAI family, Azure, Cohere, Ollama) `prompt_tokens` already holds cached tokens and
      `completion_tokens` already holds reasoning; passed through.
    Counts that contradict the protocol (cache larger than the prompt, reasoning larger than the output)
    can only mean the provider counted them separately, and are added the same way.
    Missing counts are left out; an empty dict means nothing can be priced.
    """
    get = usage.get if isinstance(usage, Mapping) else (lambda name: getattr(usage, name))
    inp, out = _count(get("input_tokens")), _count(get("output_tokens"))
    cache_read, cache_write = _count(get("cache_read_tokens")) or 0, _count(get("cache_write_tokens")) or 0
    reasoning = _count(get("reasoning_tokens")) or 0

    if input_outside_cache and (inp is not None or cache_read or cache_write):
        inp = (inp or 0) + cache_read + cache_write
    elif inp is not None and cache_read + cache_write > inp:
        inp += cache_read + cache_write
    if reasoning_outside_output and (out is not None or reasoning):
        out = (out or 0) + reasoning
    elif out is not None and reasoning > out:
        out += reasoning

    counts: dict[str, int] = {}
    if inp is not None:
        counts["input_tokens"] = inp
        counts.update({k: v for k, v in (("cache_read_tokens", cache_read), ("cache_write_tokens", cache_write)) if v})
    if out is not None:
        counts["output_tokens"] = out
        if reasoning:
            counts["output_reasoning_tokens"] = reasoning
    return counts


def _count(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or not math.isfinite(value):
        return None
    return int(value)


def price(
    provider_id: str,
    served_model: str | None,
    usage: Usage,
    *,
    spec_local: bool,
    overrides: Overrides,
    requested_model: str | None = None,
    at: datetime | None = None,
) -> Price:
    """The cost of one finished request. `at` is when it ran (some catalog prices depend on the time)."""
    spec = _spec(provider_id)
    name = spec.name if spec else provider_id
    if usage.provider_cost_usd is not None and usage.provider_cost_usd >= 0:
        return Price(usage.provider_cost_usd, "provider", f"{name} reported this cost itself.")
    models = _model_names(served_model, requested_model)
    counts = catalog_usage(usage, **usage_rules(spec))
    partial = _partial_note(counts)

    override = _find_override(provider_id, models, overrides)
    if override is not None:
        if not counts:
            return Price(None, "unknown", f"{name} reported no token counts, so your price could not be applied.")
        cost = _override_cost(override, counts)
        return _searches(Price(cost, "override", f"Your price for {override.provider}:{override.model}.{partial}"),
                         spec, models, usage, at)  # fmt: skip
    if spec_local:
        return Price(0.0, "free", f"{name} runs locally: free (add a price override to count it).")
    if not counts:
        return Price(None, "unknown", f"{name} reported no token counts, so the cost is unknown.")
    calc = _catalog(spec, models, counts, at)
    if isinstance(calc, str):
        return Price(None, "unknown", calc)
    detail = f"Catalog estimate (genai-prices) for {calc.provider.id} {calc.model.id}.{partial}"
    return _searches(Price(float(calc.total_price), "catalog", detail), spec, models, usage, at)


def _searches(tokens: Price, spec: ProviderSpec | None, models: list[str], usage: Usage,
              at: datetime | None) -> Price:  # fmt: skip
    """The token price plus the provider's web search fees (a dated table: see search_prices)."""
    count = usage.web_searches or 0
    if not count or spec is None or tokens.cost_usd is None:
        return tokens
    fee = search_fee(spec.price_provider or spec.id, models[0] if models else "", count, at)
    what = f"{count} web search{'es' if count != 1 else ''}"
    if fee is None:
        return Price(tokens.cost_usd, tokens.source, f"{tokens.detail} The fee for {what} is not known.")
    return Price(tokens.cost_usd + fee, tokens.source, f"{tokens.detail} Includes {format_usd(fee)} for {what}.",
                 search_usd=fee)  # fmt: skip


def price_per_million(
    provider_id: str,
    model: str,
    *,
    local: bool = False,
    overrides: Overrides | None = None,
    at: datetime | None = None,
) -> tuple[float, float] | None:
    """(input, output) USD per million tokens for a model picker, or None when unknown."""
    override = _find_override(provider_id, [model], overrides or {})
    if override is not None:
        return override.input_per_million, override.output_per_million
    if local:
        return 0.0, 0.0
    # 1,000 of each keeps tiered prices at their base tier; Decimal arithmetic keeps the scaling exact.
    calc = _catalog(_spec(provider_id), [model], {"input_tokens": 1000, "output_tokens": 1000}, at)
    if isinstance(calc, str):
        return None
    return float(calc.input_price * 1000), float(calc.output_price * 1000)


def estimate_worst_case(
    provider_id: str,
    model: str,
    prompt_tokens: int,
    max_output_tokens: int,
    *,
    local: bool,
    overrides: Overrides,
    at: datetime | None = None,
) -> float | None:
    """Most this request could cost: every prompt token uncached at the input price, plus a full output."""
    counts = {"input_tokens": max(prompt_tokens, 0), "output_tokens": max(max_output_tokens, 0)}
    override = _find_override(provider_id, [model], overrides)
    if override is not None:
        return _override_cost(override, counts)
    if local:
        return 0.0
    calc = _catalog(_spec(provider_id), [model], counts, at)
    return None if isinstance(calc, str) else float(calc.total_price)


_IMPORT_LOCK = threading.RLock()  # two threads importing pydantic at once can meet a half-initialised module


def _genai_prices() -> Any:
    """The genai_prices module, imported by one thread at a time (the window warms it in the background
    while an estimate may need it on another thread)."""
    module = sys.modules.get("genai_prices")
    if module is not None and getattr(module, "calc_price", None) is not None:
        return module
    with _IMPORT_LOCK:
        import genai_prices

        return genai_prices


def preload_catalog() -> None:
    """Import genai-prices and load its snapshot now (~300 ms): call it off the UI thread after the first paint."""
    with _IMPORT_LOCK:
        catalog = _genai_prices()
        catalog.calc_price(catalog.Usage(input_tokens=1, output_tokens=1), "gpt-4o-mini", provider_id="openai")
    lasting.loaded()  # kept for the whole run: the collector sets it aside


_CJK = re.compile(
    "[\u1100-\u11ff\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f]"
)


def estimate_tokens(text: str) -> int:
    """An estimate, not a tokenizer: about 4 characters a token, and one token per CJK character.

    Good enough for budget checks and "this may not fit" warnings; real counts come back in usage.
    """
    cjk = len(_CJK.findall(text))
    return cjk + math.ceil((len(text) - cjk) / 4)


def format_usd(amount: float | None) -> str:
    """$4.80, $0.0042 for sub-cent figures, "unknown" for None."""
    if amount is None:
        return "unknown"
    if amount == 0 or abs(amount) >= 0.01:
        return f"${amount:,.2f}"
    return f"${amount:.4f}" if abs(amount) >= 0.0001 else "<$0.0001"


# Helpers.


def _spec(provider_id: str) -> ProviderSpec | None:
    try:
        return get_spec(provider_id)
    except KeyError:
        return None  # a custom endpoint: priced only by an override (or free when marked local)


def _model_names(served: str | None, requested: str | None) -> list[str]:
    """The served model first (Azure's deployment name or an alias says less), then the requested one."""
    return [m for m in dict.fromkeys((served, requested)) if m]


def _find_override(provider_id: str, models: list[str], overrides: Overrides) -> PriceOverride | None:
    for model in [*models, "*"]:
        found = overrides.get((provider_id, model))
        if found is not None:
            return found
    return None


def _override_cost(o: PriceOverride, counts: Mapping[str, int]) -> float:
    cache_read, cache_write = counts.get("cache_read_tokens", 0), counts.get("cache_write_tokens", 0)
    uncached = counts.get("input_tokens", 0) - cache_read - cache_write
    read_rate = o.input_per_million if o.cache_read_per_million is None else o.cache_read_per_million
    write_rate = o.input_per_million if o.cache_write_per_million is None else o.cache_write_per_million
    total = (
        uncached * o.input_per_million
        + cache_read * read_rate
        + cache_write * write_rate
        + counts.get("output_tokens", 0) * o.output_per_million
    )
    return total / PER_MILLION


def _partial_note(counts: Mapping[str, int]) -> str:
    if counts and "output_tokens" not in counts:
        return " No output count was reported: only the prompt is priced."
    if counts and "input_tokens" not in counts:
        return " No prompt count was reported: only the output is priced."
    return ""


def _catalog_refs(spec: ProviderSpec | None, models: list[str]) -> list[tuple[str, str]]:
    """(genai-prices provider id, model) pairs to try, best first."""
    if spec is None:
        return []
    catalog_id = spec.price_provider or spec.id
    refs = [(catalog_id, m) for m in models]
    if spec.has(ROUTED_MODEL_NAMES):  # "model:backend", priced as that backend's (Hugging Face's router)
        routed = (m.rpartition(":") for m in models)
        refs += [(f"{catalog_id}_{route}", base) for base, _, route in routed if base]
    return refs


def _catalog(
    spec: ProviderSpec | None, models: list[str], counts: Mapping[str, int], at: datetime | None
) -> PriceCalculation | str:
    """genai-prices' calculation, or a sentence saying why there is none."""
    refs = _catalog_refs(spec, models)
    if spec is None:
        return "No catalog price for a custom endpoint: add a price override in settings to count its cost."
    if not refs:
        return f"No model name is known for this {spec.name} request, so its cost is unknown."
    _genai_prices()  # imported under the lock first; then these are plain lookups
    from genai_prices import Usage as CatalogUsage
    from genai_prices import calc_price

    when = at.astimezone(timezone.utc) if at else None  # a naive time is taken as local time
    for provider, model in refs:
        try:
            return calc_price(CatalogUsage(**counts), model, provider_id=provider, genai_request_timestamp=when)
        except LookupError:
            continue
        except ValueError as exc:  # counts the catalog cannot partition
            return f"The token counts {spec.name} reported could not be priced ({exc})."
    return f"The price catalog has no price for {spec.name} model {models[0]!r}, so the cost is unknown."


def context_window(provider_id: str, model: str) -> int | None:
    """The model's context window in tokens when the price catalog knows it (else None)."""
    calc = _catalog(_spec(provider_id), [model], {"input_tokens": 0, "output_tokens": 0}, None)
    if isinstance(calc, str):
        return None
    window = getattr(calc.model, "context_window", None)
    return int(window) if isinstance(window, int) and window > 0 else None
