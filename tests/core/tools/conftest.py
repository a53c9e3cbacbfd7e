"""A runtime with keys and a database for tool-loop turns (closed after the test)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from app.core.runtime import Runtime
from tests.support.tool_turns import KEY_VARS


@pytest.fixture
async def runtime(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Runtime]:
    for name, value in KEY_VARS.items():
        monkeypatch.setenv(name, value)
    made = Runtime()
    assert made.open_store_now() == ""
    yield made
    await made.aclose()
