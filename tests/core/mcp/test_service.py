"""The window's MCP servers (`Runtime.mcp`): listed from the settings with their secrets, restarted when their
settings change, a toolbox per choice, "always" remembered in settings, every server stopped at the end."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator

import pytest

from app.core.mcp.approval import ApprovalRequest, Decision
from app.core.mcp.service import McpService, chosen_costs
from app.core.mcp.settings import McpServerSettings
from app.core.runtime import Runtime
from app.core.settings import load_settings
from app.core.tool_loop import ToolRef
from tests.support.mcp_servers import DATA


def adder(name: str = "adder", **options: object) -> McpServerSettings:
    return McpServerSettings(name, command=sys.executable, args=[str(DATA / "adder.py")], **options)  # type: ignore[arg-type]


@pytest.fixture
async def service(parley_home: object) -> AsyncIterator[McpService]:
    runtime = Runtime()
    yield runtime.mcp
    await runtime.aclose()
    assert runtime.mcp._manager is None


async def test_listing_names_a_server_whose_secret_is_missing_and_lists_the_others(service: McpService) -> None:
    service.settings.servers = [adder(), adder("locked", secret_env=["GITHUB_TOKEN"]), adder("off", enabled=False)]
    listing = await service.list_tools()
    assert {t.server for t in listing.tools} == {"adder"} and "add" in {t.name for t in listing.tools}
    assert "GITHUB_TOKEN" in listing.problems["locked"] and "off" not in listing.problems
    assert service.listing is listing and service.status("adder")[0] == "running"
    assert listing.costs()["adder"].tokens > 0


async def test_a_toolbox_offers_the_choice_and_remembers_always(service: McpService) -> None:
    service.settings.servers = [adder(disabled_tools=["big"])]
    asked: list[ApprovalRequest] = []

    async def approver(request: ApprovalRequest) -> Decision:
        asked.append(request)
        return Decision.ALWAYS

    toolbox, _listing = await service.toolbox(["adder/add", "adder/big"], approver)
    assert toolbox is not None and [s.name for s in toolbox.specs()] == ["adder__add"]  # big is turned off
    assert await toolbox.approve(ToolRef("adder", "add"), {"a": 1, "b": 2}, 7)
    assert await toolbox.approve(ToolRef("adder", "add"), {"a": 1, "b": 2}, 8)  # not asked again
    assert len(asked) == 1 and load_settings().settings.mcp.always_allowed == ["adder/add"]
    assert (await toolbox.call(ToolRef("adder", "add"), {"a": 1, "b": 2})).text() == "3"
    none, _ = await service.toolbox([], approver)
    assert none is None
    costs = chosen_costs(service.listing.tools, ["adder/add"])
    assert 0 < costs["adder"].tokens < chosen_costs(service.listing.tools, None)["adder"].tokens


async def test_changed_settings_restart_the_server_and_forgotten_always_entries_go(service: McpService) -> None:
    service.settings.servers = [adder()]
    service.policy.record(ApprovalRequest("adder", "add", {}), Decision.ALWAYS)
    pid = int((await (await service._ensure()).call_tool("adder", "pid", {})).text())
    service.settings.servers = [adder(tool_timeout=30.0)]
    service.settings.always_allowed = []
    await service.settings_changed()
    assert "adder/add" not in service.policy.always
    assert int((await (await service._ensure()).call_tool("adder", "pid", {})).text()) != pid
    service.settings.servers = [adder(enabled=False)]
    await service.settings_changed()
    assert service.listing.tools == []
