"""What the providers' own web search tools cost, on top of tokens: a dated table (genai-prices has none).

Each entry is the published rate from the day it took effect, with its source; a request is priced with the
entry in force when it ran. Free allowances (Gemini's daily or monthly free grounded prompts) are not counted:
the figure is what a request costs beyond them, as the catalog's token prices are. Search content tokens
(OpenAI) arrive inside the reported input tokens and are priced with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Literal

Unit = Literal["search", "grounded_prompt"]


@dataclass(frozen=True, slots=True)
class SearchPrice:
    provider: str  # the catalog's provider id (genai-prices): openai, anthropic, google
    models: str  # a regular expression matched against the start of the model name
    usd_per_unit: float
    unit: Unit  # per search (query / call), or per prompt grounded with any number of searches
    since: date
    source: str


SEARCH_PRICES: tuple[SearchPrice, ...] = (
    # "Web search tool call: $10.00 / 1k calls" (search content tokens billed at the model's input rate);
    # checked 2026-03-12.
    SearchPrice("openai", r".", 0.010, "search", date(2025, 3, 11), "https://platform.openai.com/docs/pricing"),
    # "Web search is available ... for $10 per 1,000 searches, plus standard token costs"; checked 2026-03-12.
    SearchPrice("anthropic", r".", 0.010, "search", date(2025, 5, 7),
                "https://docs.anthropic.com/en/docs/agents-and-tools/tool-use/web-search-tool"),
    # Grounding with Google Search, Gemini 3: "$14 / 1,000 search queries" (after 5,000 free prompts a month).
    SearchPrice("google", r"gemini-3", 0.014, "search", date(2025, 11, 18), "https://ai.google.dev/gemini-api/docs/pricing"),
    # Gemini 2.x: "$35 / 1,000 grounded prompts" (after 1,500 free requests a day); a prompt with many queries
    # is one grounded prompt.
    SearchPrice("google", r"gemini-2", 0.035, "grounded_prompt", date(2025, 4, 17),
                "https://ai.google.dev/gemini-api/docs/pricing"),
)  # fmt: skip


def search_price(catalog_provider: str, model: str, at: datetime | None = None) -> SearchPrice | None:
    """The entry in force for this provider and model at `at` (now when None), or None when none is known."""
    day = (at or datetime.now(timezone.utc)).date()
    name = model.rsplit("/", 1)[-1].removeprefix("models/")
    found = [p for p in SEARCH_PRICES if p.provider == catalog_provider and re.match(p.models, name, re.IGNORECASE)
             and p.since <= day]  # fmt: skip
    return max(found, key=lambda p: p.since) if found else None


def search_fee(catalog_provider: str, model: str, searches: int, at: datetime | None = None) -> float | None:
    """USD for `searches` searches in one request; None when the rate is not known (0 when nothing was searched)."""
    if searches <= 0:
        return 0.0
    entry = search_price(catalog_provider, model, at)
    if entry is None:
        return None
    units = 1 if entry.unit == "grounded_prompt" else searches
    return units * entry.usd_per_unit
