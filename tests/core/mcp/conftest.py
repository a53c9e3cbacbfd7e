"""MCP fixtures: managers that are always closed at the end of a test, with the events they reported."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.core.mcp.config import ServerConfig
from app.core.mcp.connection import McpEvent
from app.core.mcp.manager import McpManager


@dataclass
class Managers:
    made: list[McpManager] = field(default_factory=list)
    events: list[McpEvent] = field(default_factory=list)

    def __call__(self, *servers: ServerConfig, **options: Any) -> McpManager:
        manager = McpManager(servers, on_event=self.events.append, **options)
        self.made.append(manager)
        return manager

    def kinds(self, server: str) -> list[str]:
        return [e.kind for e in self.events if e.server == server]


@pytest.fixture
async def managers() -> AsyncIterator[Managers]:
    """managers(*configs, **options) makes a manager whose servers are stopped when the test ends."""
    made = Managers()
    yield made
    for manager in made.made:
        await manager.aclose()
