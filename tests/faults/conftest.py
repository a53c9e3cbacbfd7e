"""The fault suite's fixtures: every case runs once per wire protocol (helpers: tests/support/fault_harness.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.fault_bodies import WIRES, Wire
from tests.support.fault_harness import Harness, new_client
from tests.support.loopback import LoopbackServer


@pytest.fixture(params=WIRES, ids=[w.name for w in WIRES])
def wire(request: pytest.FixtureRequest) -> Wire:
    w: Wire = request.param
    return w


@pytest.fixture
async def harness(wire: Wire, loopback: LoopbackServer) -> AsyncIterator[Harness]:
    async with new_client() as client:
        yield Harness(wire, loopback, client)
