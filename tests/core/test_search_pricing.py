"""Web search fees: the dated table, pricing with them, and the ledger row that keeps them beside the tokens."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from app.core.chat import Reply
from app.core.history import log_attempts
from app.core.pricing import price
from app.core.search_prices import SEARCH_PRICES, search_fee, search_price
from app.core.settings import PriceOverride
from app.providers import Citation, Usage
from app.store import open_store

AT = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("provider", "model", "searches", "fee"), [
    ("openai", "gpt-4.1-mini", 3, 0.03),
    ("anthropic", "claude-sonnet-4-5", 2, 0.02),
    ("google", "gemini-2.5-flash", 4, 0.035),  # 2.x: one grounded prompt, however many queries
    ("google", "gemini-3-pro-preview", 4, 0.056),  # 3.x: per query
    ("google", "models/gemini-3-flash", 1, 0.014),
    ("openai", "gpt-4o", 0, 0.0),
])  # fmt: skip
def test_fees(provider: str, model: str, searches: int, fee: float) -> None:
    assert search_fee(provider, model, searches, AT) == pytest.approx(fee)


def test_unknown_rates_and_dates() -> None:
    assert search_fee("google", "gemini-1.5-pro", 1, AT) is None
    assert search_fee("mistral", "x", 1, AT) is None
    assert search_price("google", "gemini-3-pro", datetime(2025, 6, 1, tzinfo=timezone.utc)) is None  # before 3.x
    assert all(p.source.startswith("https://") and p.since <= date.today() for p in SEARCH_PRICES)


def test_catalog_price_includes_search_fees() -> None:
    usage = Usage(input_tokens=1000, output_tokens=100)
    tokens = price("anthropic", "claude-sonnet-4-5", usage, spec_local=False, overrides={}, at=AT)
    searched = price("anthropic", "claude-sonnet-4-5", Usage(input_tokens=1000, output_tokens=100, web_searches=3),
                     spec_local=False, overrides={}, at=AT)  # fmt: skip
    assert tokens.cost_usd is not None and searched.cost_usd is not None
    assert searched.cost_usd == pytest.approx(tokens.cost_usd + 0.03)
    assert searched.search_usd == pytest.approx(0.03) and searched.source == "catalog"
    assert "3 web searches" in searched.detail and tokens.search_usd is None


def test_gemini_is_priced_under_its_catalog_id() -> None:
    p = price("gemini", "gemini-2.5-flash", Usage(input_tokens=10, output_tokens=10, web_searches=5),
              spec_local=False, overrides={}, at=AT)  # fmt: skip
    assert p.search_usd == pytest.approx(0.035)


def test_override_adds_fees_and_provider_cost_is_kept() -> None:
    override = {("openai", "gpt-5"): PriceOverride("openai", "gpt-5", 1.0, 2.0)}
    p = price("openai", "gpt-5", Usage(input_tokens=1_000_000, output_tokens=0, web_searches=2), spec_local=False,
              overrides=override, at=AT)  # fmt: skip
    assert p.cost_usd == pytest.approx(1.02) and p.source == "override"
    reported = price("openrouter", "x", Usage(provider_cost_usd=0.5, web_searches=2), spec_local=False, overrides={})
    assert reported.cost_usd == 0.5 and reported.search_usd is None  # the provider's figure has everything


def test_unknown_fee_is_said(tmp_path: Path) -> None:
    p = price("gemini", "gemini-1.5-pro", Usage(input_tokens=10, output_tokens=10, web_searches=1),
              spec_local=False, overrides={}, at=AT)  # fmt: skip
    assert p.search_usd is None and "not known" in p.detail


def test_ledger_keeps_searches_and_their_fees(tmp_path: Path) -> None:
    reply = Reply("anthropic", "claude-sonnet-4-5", model="claude-sonnet-4-5", text="x", finish_reason="stop",
                  usage=Usage(input_tokens=10, output_tokens=5, web_searches=2), cost_usd=0.0201,
                  cost_source="catalog", search_cost_usd=0.02, web_search=True,
                  citations=[Citation("https://a.example/", "A")])  # fmt: skip
    with open_store(tmp_path / "p.db") as store:
        [row_id] = log_attempts(store, reply, "cli", None, None)
        [row] = store.logged_requests()
        assert row.id == row_id and (row.web_searches, row.search_cost_usd) == (2, 0.02)
        assert row.cost_usd == 0.0201


def test_json_adds_citations_and_searches_only_with_web_search() -> None:
    plain = Reply("openai", "m").as_json()
    assert "citations" not in plain and "searches" not in plain
    searched = Reply("openai", "m", web_search=True, usage=Usage(web_searches=2),
                     citations=[Citation("https://a.example/", "A")]).as_json()  # fmt: skip
    assert searched["citations"] == [{"url": "https://a.example/", "title": "A"}] and searched["searches"] == 2
    assert Reply("openai", "m", web_search=True).as_json()["searches"] == 0
