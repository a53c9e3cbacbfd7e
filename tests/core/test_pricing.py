"""Pricing against genai-prices' real bundled catalog, with figures worked out by hand from its prices."""

from __future__ import annotations

import inspect
import subprocess
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from app.core.pricing import (
    catalog_usage,
    estimate_tokens,
    estimate_worst_case,
    format_usd,
    price,
    price_per_million,
    usage_rules,
)
from app.core.settings import PriceOverride
from app.providers.catalog import get_spec, with_base_url
from app.providers.types import Usage

# Peak hours for DeepSeek's time-of-day prices; every catalog figure below is priced at this moment.
AT = datetime(2026, 11, 2, 12, 0, tzinfo=timezone.utc)
OFF_PEAK = datetime(2026, 11, 2, 20, 0, tzinfo=timezone.utc)
M = 1_000_000


def catalog_price(provider: str, model: str, usage: Usage, **kw: Any) -> float | None:
    p = price(provider, model, usage, spec_local=False, overrides={}, at=AT, **kw)
    assert p.source == "catalog", p
    return p.cost_usd


# catalog_usage: reported counts -> what genai-prices expects (input and output totals, partitions inside).


@pytest.mark.parametrize(
    ("protocol", "reported", "expected"),
    [
        pytest.param(
            "anthropic",
            {"input_tokens": 100, "cache_read_tokens": 2000, "cache_write_tokens": 1000, "output_tokens": 300},
            {"input_tokens": 3100, "cache_read_tokens": 2000, "cache_write_tokens": 1000, "output_tokens": 300},
            id="anthropic-input-excludes-cache",
        ),
        pytest.param(
            "anthropic",
            {"input_tokens": 5000, "cache_read_tokens": 1000, "cache_write_tokens": 500, "output_tokens": 80},
            {"input_tokens": 6500, "cache_read_tokens": 1000, "cache_write_tokens": 500, "output_tokens": 80},
            id="anthropic-prompt-larger-than-cache",
        ),
        pytest.param(
            "openai_chat",
            {"input_tokens": 10000, "cache_read_tokens": 4000, "output_tokens": 500, "reasoning_tokens": 200},
            {"input_tokens": 10000, "cache_read_tokens": 4000, "output_tokens": 500, "output_reasoning_tokens": 200},
            id="openai-prompt-includes-cache-completion-includes-reasoning",
        ),
        pytest.param(
            "azure",
            {"input_tokens": 900, "cache_read_tokens": 128, "output_tokens": 50},
            {"input_tokens": 900, "cache_read_tokens": 128, "output_tokens": 50},
            id="azure-like-openai",
        ),
        pytest.param(
            "gemini",
            {"input_tokens": 1000, "cache_read_tokens": 200, "output_tokens": 300, "reasoning_tokens": 700},
            {"input_tokens": 1000, "cache_read_tokens": 200, "output_tokens": 1000, "output_reasoning_tokens": 700},
            id="gemini-candidates-exclude-thoughts",
        ),
        pytest.param(
            "gemini",
            {"input_tokens": 40, "output_tokens": None, "reasoning_tokens": 90},
            {"input_tokens": 40, "output_tokens": 90, "output_reasoning_tokens": 90},
            id="gemini-cut-off-while-thinking",
        ),
        pytest.param(
            "cohere", {"input_tokens": 50, "output_tokens": 7}, {"input_tokens": 50, "output_tokens": 7}, id="cohere"
        ),
        pytest.param(
            "ollama", {"input_tokens": 12, "output_tokens": 34}, {"input_tokens": 12, "output_tokens": 34}, id="ollama"
        ),
        pytest.param("anthropic", {"input_tokens": None, "output_tokens": None}, {}, id="nothing-reported"),
        pytest.param(
            "openai_chat", {"input_tokens": 100, "output_tokens": None}, {"input_tokens": 100}, id="no-output-count"
        ),
        pytest.param(
            "openai_chat",
            {"input_tokens": 100, "cache_read_tokens": 0, "output_tokens": 5},
            {"input_tokens": 100, "output_tokens": 5},
            id="zero-cache-left-out",
        ),
        pytest.param(
            "openai_chat",
            {"input_tokens": 10, "cache_read_tokens": 500, "output_tokens": 5},
            {"input_tokens": 510, "cache_read_tokens": 500, "output_tokens": 5},
            id="cache-larger-than-prompt-was-counted-apart",
        ),
        pytest.param(
            "openai_chat",
            {"input_tokens": 20, "output_tokens": 2, "reasoning_tokens": 317},
            {"input_tokens": 20, "output_tokens": 319, "output_reasoning_tokens": 317},
            id="reasoning-larger-than-output-was-counted-apart",
        ),
    ],
)
def test_catalog_usage(protocol: str, reported: dict[str, int | None], expected: dict[str, int]) -> None:
    """Each protocol's usual provider counts as its spec says (the rules are data on the spec, not protocol names)."""
    provider = {"openai_chat": "openai"}.get(protocol, protocol)
    assert catalog_usage(reported, **usage_rules(get_spec(provider))) == expected


def test_catalog_usage_takes_a_usage_object_too() -> None:
    usage = Usage(input_tokens=100, output_tokens=300, cache_read_tokens=2000, cache_write_tokens=1000)
    rules = usage_rules(get_spec("anthropic"))
    assert catalog_usage(usage, **rules) == catalog_usage(usage.as_json(), **rules)


def test_catalog_usage_reasoning_outside_output_for_xai() -> None:
    reported = {"input_tokens": 100, "output_tokens": 400, "reasoning_tokens": 300}
    assert catalog_usage(reported, **usage_rules(get_spec("xai")))["output_tokens"] == 700
    assert catalog_usage(reported, **usage_rules(get_spec("openai")))["output_tokens"] == 400
    assert usage_rules(None) == {"input_outside_cache": False, "reasoning_outside_output": False}


# Real catalog prices, hand-computed (per million: input, cache read, cache write, output).


def test_openai_cached_prompt() -> None:
    # gpt-4o-mini: 0.15 in, 0.075 cache read, 0.60 out. 6,000 uncached + 4,000 cached + 500 out.
    usage = Usage(input_tokens=10_000, output_tokens=500, cache_read_tokens=4000)
    assert catalog_price("openai", "gpt-4o-mini", usage) == pytest.approx((6000 * 0.15 + 4000 * 0.075 + 500 * 0.6) / M)
    assert catalog_price("openai", "gpt-4o-mini", usage) == pytest.approx(0.0015)


def test_anthropic_cache_read_and_write() -> None:
    # claude-sonnet-4: 3 in, 0.30 cache read, 3.75 cache write, 15 out; Anthropic's input excludes the cache.
    usage = Usage(input_tokens=100, output_tokens=300, cache_read_tokens=2000, cache_write_tokens=1000)
    cost = catalog_price("anthropic", "claude-sonnet-4-20250514", usage)
    assert cost == pytest.approx((100 * 3 + 2000 * 0.3 + 1000 * 3.75 + 300 * 15) / M)
    assert cost == pytest.approx(0.00915)


def test_anthropic_uncached_prompt_larger_than_cache() -> None:
    usage = Usage(input_tokens=5000, output_tokens=80, cache_read_tokens=1000, cache_write_tokens=500)
    cost = catalog_price("anthropic", "claude-sonnet-4-20250514", usage)
    assert cost == pytest.approx((5000 * 3 + 1000 * 0.3 + 500 * 3.75 + 80 * 15) / M)


def test_gemini_thoughts_are_billed_as_output() -> None:
    # gemini-2.5-flash: 0.30 in, 0.03 cache read, 2.50 out; 300 candidates + 700 thoughts = 1,000 out.
    usage = Usage(input_tokens=1000, output_tokens=300, cache_read_tokens=200, reasoning_tokens=700)
    cost = catalog_price("gemini", "gemini-2.5-flash", usage)
    assert cost == pytest.approx((800 * 0.3 + 200 * 0.03 + 1000 * 2.5) / M)
    assert cost == pytest.approx(0.002746)


def test_xai_reasoning_outside_completion_tokens() -> None:
    # grok-3-mini: 0.30 in, 0.50 out; xAI's completion_tokens (400) leave out the 300 reasoning tokens.
    usage = Usage(input_tokens=100, output_tokens=400, reasoning_tokens=300)
    assert catalog_price("xai", "grok-3-mini", usage) == pytest.approx((100 * 0.3 + 700 * 0.5) / M)


def test_deepseek_price_depends_on_when_the_request_ran() -> None:
    # deepseek-chat: peak 0.27 / 0.07 cache / 1.10 out; off-peak (16:30-00:30 UTC) half that.
    usage = Usage(input_tokens=1000, output_tokens=100, cache_read_tokens=400)
    assert catalog_price("deepseek", "deepseek-chat", usage) == pytest.approx((600 * 0.27 + 400 * 0.07 + 100 * 1.1) / M)
    off = price("deepseek", "deepseek-chat", usage, spec_local=False, overrides={}, at=OFF_PEAK)
    assert off.cost_usd == pytest.approx((600 * 0.135 + 400 * 0.035 + 100 * 0.55) / M)


@pytest.mark.parametrize(
    ("provider", "model", "per_million_in", "per_million_out"),
    [
        ("groq", "llama-3.3-70b-versatile", 0.59, 0.79),
        ("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo", 0.88, 0.88),
        ("mistral", "mistral-large-latest", 2.0, 6.0),
        ("xai", "grok-3", 3.0, 15.0),
        ("openrouter", "openai/gpt-4o", 2.5, 10.0),
        ("cerebras", "llama3.1-8b", 0.1, 0.1),
        ("fireworks", "accounts/fireworks/models/llama-v3p1-8b-instruct", 0.2, 0.2),
        ("cohere", "command-r-plus", 2.5, 10.0),
        ("azure", "gpt-4o-2024-08-06", 2.5, 10.0),
        ("huggingface", "meta-llama/Llama-3.3-70B-Instruct:groq", 0.59, 0.79),
    ],
)
def test_catalog_prices(provider: str, model: str, per_million_in: float, per_million_out: float) -> None:
    usage = Usage(input_tokens=2000, output_tokens=1000)
    assert catalog_price(provider, model, usage) == pytest.approx((2000 * per_million_in + 1000 * per_million_out) / M)


def test_azure_priced_by_served_model_not_deployment_name() -> None:
    usage = Usage(input_tokens=1000, output_tokens=1000)
    p = price("azure", "gpt-4o-2024-08-06", usage, spec_local=False, overrides={}, requested_model="prod-chat", at=AT)
    assert p.source == "catalog"
    assert p.cost_usd == pytest.approx((2.5 + 10) / 1000)
    assert "gpt-4o" in p.detail


def test_requested_model_used_when_served_name_is_unknown() -> None:
    usage = Usage(input_tokens=1000, output_tokens=1000)
    p = price("openai", "some-alias", usage, spec_local=False, overrides={}, requested_model="gpt-4o-mini", at=AT)
    assert p.cost_usd == pytest.approx((0.15 + 0.6) / 1000)


def test_provider_reported_cost_is_preferred() -> None:
    usage = Usage(input_tokens=2000, output_tokens=1000, provider_cost_usd=0.0123)
    overrides = {("openrouter", "openai/gpt-4o"): PriceOverride("openrouter", "openai/gpt-4o", 100.0, 100.0)}
    p = price("openrouter", "openai/gpt-4o", usage, spec_local=False, overrides=overrides, at=AT)
    assert (p.cost_usd, p.source) == (0.0123, "provider")
    assert "OpenRouter" in p.detail


def test_override_beats_catalog_with_its_own_cache_prices() -> None:
    o = PriceOverride("openai", "gpt-4o-mini", 1.0, 2.0, cache_read_per_million=0.5, cache_write_per_million=1.5)
    usage = Usage(input_tokens=10_000, output_tokens=500, cache_read_tokens=4000, cache_write_tokens=1000)
    p = price("openai", "gpt-4o-mini", usage, spec_local=False, overrides={("openai", "gpt-4o-mini"): o})
    assert p.source == "override"
    assert p.cost_usd == pytest.approx((5000 * 1.0 + 4000 * 0.5 + 1000 * 1.5 + 500 * 2.0) / M)


def test_override_without_cache_prices_charges_cache_at_input_price() -> None:
    o = PriceOverride("anthropic", "claude-x", 3.0, 15.0)
    usage = Usage(input_tokens=100, output_tokens=10, cache_read_tokens=900)
    p = price("anthropic", "claude-x", usage, spec_local=False, overrides={("anthropic", "claude-x"): o})
    assert p.cost_usd == pytest.approx((1000 * 3.0 + 10 * 15.0) / M)


def test_override_on_a_local_model_beats_free_and_wildcard_matches_any_model() -> None:
    o = PriceOverride("ollama", "*", 0.1, 0.2)
    p = price(
        "ollama",
        "llama3:8b",
        Usage(input_tokens=1000, output_tokens=1000),
        spec_local=True,
        overrides={("ollama", "*"): o},
    )
    assert p.source == "override"
    assert p.cost_usd == pytest.approx(0.3 / 1000)


def test_local_provider_is_free() -> None:
    p = price("ollama", "llama3", Usage(input_tokens=1000, output_tokens=1000), spec_local=True, overrides={})
    assert (p.cost_usd, p.source) == (0.0, "free")


def test_custom_endpoint_marked_local_is_free_and_remote_one_unknown() -> None:
    usage = Usage(input_tokens=10, output_tokens=10)
    assert price("my-box", "gpt-4o-mini", usage, spec_local=True, overrides={}).source == "free"
    remote = price("my-proxy", "gpt-4o-mini", usage, spec_local=False, overrides={})
    assert (remote.cost_usd, remote.source) == (None, "unknown")
    assert "override" in remote.detail


def test_unknown_model_is_unknown() -> None:
    p = price("openai", "no-such-model-xyz", Usage(input_tokens=10, output_tokens=10), spec_local=False, overrides={})
    assert (p.cost_usd, p.source) == (None, "unknown")
    assert "no-such-model-xyz" in p.detail


def test_no_token_counts_is_unknown() -> None:
    p = price("openai", "gpt-4o-mini", Usage(), spec_local=False, overrides={})
    assert (p.cost_usd, p.source) == (None, "unknown")


def test_missing_output_count_prices_the_prompt_and_says_so() -> None:
    p = price("openai", "gpt-4o-mini", Usage(input_tokens=1000), spec_local=False, overrides={}, at=AT)
    assert p.source == "catalog"
    assert p.cost_usd == pytest.approx(1000 * 0.15 / M)
    assert "No output count" in p.detail


def test_loopback_base_url_does_not_change_the_price() -> None:
    spec = with_base_url(get_spec("openai"), "http://127.0.0.1:8080/v1")
    usage = Usage(input_tokens=1000, output_tokens=1000)
    p = price(spec.id, "gpt-4o-mini", usage, spec_local=spec.local, overrides={}, at=AT)
    assert p.source == "catalog"
    assert p.cost_usd == pytest.approx((0.15 + 0.6) / 1000)
    assert not {"url", "base_url"} & set(inspect.signature(price).parameters)


# Pickers and worst cases.


def test_price_per_million() -> None:
    assert price_per_million("openai", "gpt-4o-mini", at=AT) == pytest.approx((0.15, 0.6))
    assert price_per_million("gemini", "gemini-2.5-pro", at=AT) == pytest.approx((1.25, 10.0))  # base tier
    assert price_per_million("openai", "no-such-model-xyz") is None
    assert price_per_million("my-proxy", "gpt-4o-mini") is None
    assert price_per_million("ollama", "llama3", local=True) == (0.0, 0.0)
    o = PriceOverride("openai", "gpt-4o-mini", 9.0, 8.0)
    assert price_per_million("openai", "gpt-4o-mini", overrides={("openai", "gpt-4o-mini"): o}) == (9.0, 8.0)


def test_estimate_worst_case() -> None:
    est = estimate_worst_case("openai", "gpt-4o-mini", 1000, 4000, local=False, overrides={}, at=AT)
    assert est == pytest.approx((1000 * 0.15 + 4000 * 0.6) / M)
    assert estimate_worst_case("ollama", "llama3", 1000, 4000, local=True, overrides={}) == 0.0
    assert estimate_worst_case("openai", "no-such-model-xyz", 1000, 4000, local=False, overrides={}) is None
    o = PriceOverride("my-proxy", "m", 1.0, 2.0)
    assert estimate_worst_case("my-proxy", "m", 1000, 500, local=False, overrides={("my-proxy", "m"): o}) == (
        pytest.approx((1000 * 1.0 + 500 * 2.0) / M)
    )


def test_estimate_worst_case_uses_the_tier_a_long_prompt_falls_in() -> None:
    # gemini-2.5-pro: above 200k prompt tokens, 2.50 in and 15 out instead of 1.25 and 10.
    est = estimate_worst_case("gemini", "gemini-2.5-pro", 300_000, 1000, local=False, overrides={}, at=AT)
    assert est == pytest.approx((300_000 * 2.5 + 1000 * 15) / M)


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("", 0),
        ("abcd" * 10, 10),
        ("abcde", 2),
        ("你好世界", 4),
        ("hello 世界", 4),
        ("こんにちは", 5),
        ("안녕하세요", 5),
    ],
)
def test_estimate_tokens(text: str, tokens: int) -> None:
    assert estimate_tokens(text) == tokens


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (None, "unknown"),
        (0.0, "$0.00"),
        (4.8, "$4.80"),
        (1234.5, "$1,234.50"),
        (0.0042, "$0.0042"),
        (0.00001, "<$0.0001"),
    ],
)
def test_format_usd(amount: float | None, text: str) -> None:
    assert format_usd(amount) == text


# Start-up cost and network.


def test_importing_pricing_does_not_import_genai_prices_until_asked() -> None:
    code = (
        "import sys, app.core.pricing as p; print('genai_prices' in sys.modules); "
        "p.preload_catalog(); print('genai_prices' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root)
    assert out.stdout.split() == ["False", "True"]


def test_pricing_never_starts_the_catalog_updater() -> None:
    price("openai", "gpt-4o-mini", Usage(input_tokens=10, output_tokens=10), spec_local=False, overrides={})
    import genai_prices.data_snapshot as snapshot

    assert snapshot._custom_snapshot is None  # still the bundled snapshot
    assert not [t for t in threading.enumerate() if t.name.startswith("genai_prices")]
