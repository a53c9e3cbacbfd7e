"""Account-report and generation-lookup builders and parsers, on the documented shapes (pure, no HTTP)."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.providers import Endpoint, ProviderError, get_spec, with_base_url
from app.providers import anthropic_admin as anth
from app.providers import openai_admin as oai
from app.providers.openrouter_generation import generation_call, parse_generation

DATA = Path(__file__).parents[1] / "data" / "reports"
KEY = "test-admin-key-not-real"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text(), parse_float=Decimal)


def endpoint(provider: str, url: str | None = None) -> Endpoint:
    return Endpoint(with_base_url(get_spec(provider), url), api_key=KEY)


def test_openai_calls_ask_for_whole_utc_days_by_line_item_and_by_model() -> None:
    costs = oai.costs_call(endpoint("openai"), date(2024, 11, 1), date(2024, 11, 2), page="page_x")
    assert costs.url == "https://api.openai.com/v1/organization/costs"
    assert costs.params == {"start_time": "1730419200", "end_time": "1730592000", "bucket_width": "1d",
                            "group_by": "line_item", "limit": "180", "page": "page_x"}  # fmt: skip
    assert costs.headers["Authorization"] == f"Bearer {KEY}"
    usage = oai.usage_call(endpoint("openai"), date(2024, 11, 1), date(2024, 11, 1))
    assert usage.url.endswith("/v1/organization/usage/completions")
    assert usage.params is not None and usage.params["group_by"] == "model" and "page" not in usage.params
    assert usage.params["end_time"] == "1730505600" and usage.params["limit"] == "31"


def test_openai_costs_parse_exactly_with_models_and_the_cursor() -> None:
    page = oai.parse_costs(load("openai_costs.json"))
    assert page.next_page == "page_AAAAAGdGxdEiJdKOAAAAAGcqsYA="
    first = [(line.day, line.line, line.model, line.amount_usd) for line in page.lines]
    assert first == [
        (date(2024, 11, 1), "gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06", Decimal("0.06")),
        (date(2024, 11, 1), "gpt-4o-2024-08-06, output", "gpt-4o-2024-08-06", Decimal("0.8958740000000000")),
        (date(2024, 11, 1), "gpt-4o-mini-2024-07-18, cached input", "gpt-4o-mini-2024-07-18", Decimal("0.0125")),
        (date(2024, 11, 2), "web search tool calls", "web search tool calls", Decimal("0.1")),
    ]
    assert all(line.kind == "cost" for line in page.lines)


def test_openai_usage_parses_tokens_and_request_counts() -> None:
    page = oai.parse_usage(load("openai_usage.json"))
    assert page.next_page is None
    (line,) = page.lines
    assert (line.day, line.kind, line.model) == (date(2024, 11, 1), "usage", "gpt-4o-2024-08-06")
    counts = (line.input_tokens, line.output_tokens, line.cache_read_tokens, line.requests)
    assert counts == (14350791, 96969, 1024, 270)


def test_openai_lines_repeated_in_a_bucket_are_summed_exactly() -> None:
    body = {"data": [{"start_time": 1730419200, "results": [
        {"amount": {"value": Decimal("0.1"), "currency": "usd"}, "line_item": "gpt-4o, input"},
        {"amount": {"value": Decimal("0.2"), "currency": "USD"}, "line_item": "gpt-4o, input"}]}]}  # fmt: skip
    (line,) = oai.parse_costs(body).lines
    assert line.amount_usd == Decimal("0.3")  # 0.1 + 0.2 as floats would be 0.30000000000000004


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ([], "the body is not an object"),
        ({"data": None}, "data is not a list"),
        ({"data": [{"start_time": "yesterday", "results": []}]}, "start_time is not a Unix time"),
        ({"data": [{"start_time": 1730419200, "results": [{"amount": {"value": "x", "currency": "usd"}}]}]},
         "amount is not a number"),
        ({"data": [{"start_time": 1730419200, "results": [{"amount": {"value": 1, "currency": "eur"}}]}]},
         "not US dollars"),
        ({"data": [{"start_time": 1730419200, "results": [{"line_item": "gpt-4o"}]}]}, "amount is not an object"),
        ({"data": [], "has_more": True}, "next_page is missing"),
    ],
)
def test_a_malformed_openai_cost_report_is_a_protocol_error_naming_the_fault(body: Any, what: str) -> None:
    with pytest.raises(ProviderError) as caught:
        oai.parse_costs(body)
    assert caught.value.kind == "protocol" and caught.value.provider == "openai"
    assert what in caught.value.message and "OpenAI cost report" in caught.value.message


def test_a_negative_or_fractional_token_count_is_malformed() -> None:
    body: dict[str, Any] = {"data": [{"start_time": 1730419200, "results": [{"model": "m", "input_tokens": -3}]}]}
    with pytest.raises(ProviderError, match="input_tokens is not a count"):
        oai.parse_usage(body)
    body["data"][0]["results"][0]["input_tokens"] = Decimal("1.5")
    with pytest.raises(ProviderError, match="not a count"):
        oai.parse_usage(body)


def test_anthropic_calls_use_rfc3339_days_the_version_header_and_group_by() -> None:
    ep = endpoint("anthropic", "http://127.0.0.1:9")
    usage = anth.usage_call(ep, date(2025, 8, 1), date(2025, 8, 3))
    assert usage.url == "http://127.0.0.1:9/v1/organizations/usage_report/messages"
    assert usage.params == {"starting_at": "2025-08-01T00:00:00Z", "ending_at": "2025-08-04T00:00:00Z",
                            "bucket_width": "1d", "group_by[]": "model", "limit": "31"}  # fmt: skip
    assert usage.headers["x-api-key"] == KEY and usage.headers["anthropic-version"] == "2023-06-01"
    cost = anth.cost_call(ep, date(2025, 8, 1), date(2025, 8, 1), page="page_2")
    assert cost.url.endswith("/v1/organizations/cost_report")
    assert cost.params is not None and cost.params["group_by[]"] == "description" and cost.params["page"] == "page_2"


def test_anthropic_cost_amounts_are_cents_as_decimal_strings() -> None:
    page = anth.parse_costs(load("anthropic_cost_report.json"))
    assert page.next_page is None
    got = [(line.line, line.model, line.amount_usd) for line in page.lines]
    assert got == [
        ("Claude Sonnet 4 Usage - Input Tokens", "claude-sonnet-4-20250514", Decimal("1.2345")),
        ("Claude Sonnet 4 Usage - Output Tokens", "claude-sonnet-4-20250514", Decimal("0.005")),
        ("Web Search Usage", None, Decimal("10")),
    ]
    assert {line.day for line in page.lines} == {date(2025, 8, 1)}


def test_anthropic_usage_adds_both_cache_writes_and_keeps_the_cursor() -> None:
    page = anth.parse_usage(load("anthropic_usage_report.json"))
    assert page.next_page == "page_MjAyNS0wNS0xNFQwMDowMDowMFo="
    (line,) = page.lines
    assert line.model == "claude-sonnet-4-20250514" and line.requests is None  # Anthropic does not count requests
    assert (line.input_tokens, line.cache_read_tokens, line.cache_write_tokens, line.output_tokens) == (1500, 200, 1500,
                                                                                                       500)  # fmt: skip


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ({"data": [{"starting_at": "not a time", "results": []}]}, "not an RFC 3339 time"),
        ({"data": [{"starting_at": "2025-08-01T00:00:00Z", "results": [{"amount": "12,5"}]}]}, "not a number"),
        ({"data": [{"starting_at": "2025-08-01T00:00:00Z", "results": [{"amount": "1", "currency": "EUR"}]}]},
         "not US dollars"),
        ({"data": [{"starting_at": "2025-08-01T00:00:00Z", "results": [{"amount": "NaN"}]}]}, "not a finite number"),
        ({"data": [{"starting_at": "2025-08-01T00:00:00Z", "results": [{"amount": "1", "model": 7}]}]},
         "model is not text"),
    ],
)
def test_a_malformed_anthropic_cost_report_is_a_protocol_error(body: Any, what: str) -> None:
    with pytest.raises(ProviderError) as caught:
        anth.parse_costs(body)
    assert caught.value.kind == "protocol" and what in caught.value.message


def test_openrouter_generation_lookup_reads_the_exact_cost_and_native_counts() -> None:
    call = generation_call(endpoint("openrouter"), " gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG ")
    assert call.url == "https://openrouter.ai/api/v1/generation"
    assert call.params == {"id": "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG"}
    info = parse_generation(load("openrouter_generation.json"), "gen-3bhGkxlo4XFrqiabUM7NDtwDzWwG")
    assert info.total_cost_usd == Decimal("0.0015")
    assert (info.upstream_provider, info.model) == ("Infermatic", "sao10k/l3-stheno-8b")
    got = (info.native_input_tokens, info.native_output_tokens, info.native_reasoning_tokens, info.native_cached_tokens)
    assert got == (10, 25, 5, 3)
    assert info.created_at is not None and info.created_at.year == 2024


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ({"data": {"id": "gen-1"}}, "total_cost is missing"),
        ({"data": {"id": "gen-1", "total_cost": -1}}, "negative"),
        ({"data": {"id": "gen-2", "total_cost": 1}}, "describes generation 'gen-2'"),
        ({"error": "x"}, "data is not an object"),
    ],
)
def test_a_malformed_generation_is_a_protocol_error(body: Any, what: str) -> None:
    with pytest.raises(ProviderError) as caught:
        parse_generation(body, "gen-1")
    assert caught.value.kind == "protocol" and what in caught.value.message
