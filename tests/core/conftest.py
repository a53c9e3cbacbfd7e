"""Fixtures for core tests: the scripted adapter in the real registry, and a runtime over it and `store` (a real
SQLite file, from tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.core.runtime import Runtime
from app.store import Store
from tests.support.keys import FAKE_KEY
from tests.support.runtime import runtime_with
from tests.support.scripted import Script, scripted_protocols

KEYED = ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GROQ_API_KEY", "GEMINI_API_KEY", "DEEPSEEK_API_KEY",
         "OPENROUTER_API_KEY")  # fmt: skip  (Mistral, Cohere and the rest have no key: a refusal to test)


@pytest.fixture
def script(monkeypatch: pytest.MonkeyPatch) -> Script:
    """Every protocol answers from this script (see tests/support/scripted.py)."""
    return scripted_protocols(monkeypatch)


@pytest.fixture
def keys(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in KEYED:
        monkeypatch.setenv(var, FAKE_KEY)


@pytest.fixture
async def runtime(store: Store, script: Script, keys: None) -> AsyncIterator[Runtime]:
    """A runtime saving into `store`, its providers scripted and keyed; closed after the test."""
    opened = runtime_with(store)
    yield opened
    await opened.aclose()


@pytest.fixture
async def memory_runtime(script: Script, keys: None) -> AsyncIterator[Runtime]:
    """A runtime with no database: nothing is saved, and a chat keeps its history in memory."""
    opened = runtime_with(None)
    yield opened
    await opened.aclose()
