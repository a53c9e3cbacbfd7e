"""A core `Runtime` over a database a test opened itself (the test closes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.core.runtime import Runtime

if TYPE_CHECKING:
    from app.store import Store


def runtime_with(store: Store | None) -> Runtime:
    runtime = Runtime()
    runtime.store = store
    return runtime
