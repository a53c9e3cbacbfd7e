"""The ranges one function gives the command line and the window: by provider id, then by model family."""

from __future__ import annotations

import pytest

from app.core.param_ranges import GENERIC_TEMPERATURE, NO_TEMPERATURE, chain_problem, problem, temperature_range


@pytest.mark.parametrize(("provider", "model", "low", "high"), [
    ("openai", "gpt-4o-mini", 0, 2), ("azure", "my-gpt4o-deployment", 0, 2), ("anthropic", "claude-opus-4", 0, 1),
    ("gemini", "gemini-2.5-flash", 0, 2), ("groq", "llama-3.3-70b-versatile", 0, 2), ("my-endpoint", "x", 0, 2),
    ("openai", "o3-mini", 1, 1), ("openai", "o1", 1, 1), ("openai", "o4-mini-2025-04-16", 1, 1),
    ("openai", "gpt-5", 1, 1), ("openai", "gpt-5-mini", 1, 1), ("openai", "gpt-5-chat-latest", 0, 2),
    ("openrouter", "openai/o3-mini", 0, 2),  # a router adjusts what it forwards
])  # fmt: skip
def test_ranges(provider: str, model: str, low: float, high: float) -> None:
    r = temperature_range(provider, model)
    assert (r.low, r.high) == (low, high)


def test_problems_name_the_range() -> None:
    assert problem("anthropic", "claude-opus-4", temperature=1.0) is None
    assert problem("anthropic", "claude-opus-4", temperature=1.01) == \
        "temperature 1.01 is out of range for anthropic:claude-opus-4: it takes 0 to 1"  # fmt: skip
    said = problem("openai", "o3", temperature=0)
    assert said is not None and "default, 1" in said
    assert problem("openai", "o3", temperature=1) is None and problem("openai", "o3") is None
    assert problem("openai", "gpt-4o", temperature=-0.1) is not None
    assert problem("openai", "gpt-4o", max_tokens=0) is not None and problem("openai", "gpt-4o", max_tokens=1) is None
    assert NO_TEMPERATURE.describe() == "only 1" and GENERIC_TEMPERATURE.describe() == "0 to 2"


def test_a_chain_names_the_first_entry_that_cannot_take_it() -> None:
    chain = [("openai", "gpt-4o"), ("anthropic", "claude-3-5-haiku-latest"), ("groq", "llama")]
    found = chain_problem(chain, temperature=1.5)
    assert found is not None and "anthropic:claude-3-5-haiku-latest" in found
    assert chain_problem(chain, temperature=0.5) is None
