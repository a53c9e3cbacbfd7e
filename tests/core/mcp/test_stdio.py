"""Real stdio MCP servers (SDK-written and hand-written): tools, calls, and every fault ending in a clear error."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest

from app.core.mcp.errors import McpError
from app.core.mcp.manager import log_file
from app.core.mcp.results import ImagePart, TextPart
from tests.core.mcp.conftest import Managers
from tests.support.mcp_servers import stdio_server


async def test_tools_and_calls(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py", disabled_tools=frozenset({"crash"})))
    assert m.status("adder") == ("stopped", "")  # nothing starts before it is needed
    tools, errors = await m.tools()
    assert errors == []
    by_name = {t.function_name: t for t in tools}
    assert by_name["adder__add"].input_schema["properties"].keys() == {"a", "b"}
    assert by_name["adder__add"].description == "Add two numbers."
    assert not by_name["adder__crash"].enabled and by_name["adder__add"].enabled
    result = await m.call("adder__add", {"a": 2, "b": 40})
    assert result.parts == (TextPart("42"),) and result.structured == {"result": 42} and not result.is_error
    image = await m.call("adder__image", {})
    assert isinstance(image.parts[0], ImagePart) and image.parts[0].data.startswith(b"\x89PNG")
    failed = await m.call("adder__fail", {})
    assert failed.is_error and failed.parts  # a tool's own failure is a result for the model, not an exception
    with pytest.raises(McpError, match="is turned off") as off:
        await m.call("adder__crash", {})
    assert off.value.kind == "disabled"
    with pytest.raises(McpError, match="no tool called 'adder__nope'"):
        await m.call("adder__nope", {})
    assert m.status("adder")[0] == "running" and managers.kinds("adder") == ["started"]


async def test_env_and_cwd_reach_the_server(managers: Managers, tmp_path: Path) -> None:
    m = managers(stdio_server("adder", "adder.py", env={"PARLEY_TEST_VALUE": "from config"}, cwd=str(tmp_path)))
    await m.tools()
    assert (await m.call("adder__env", {"name": "PARLEY_TEST_VALUE"})).text() == "from config"
    assert (await m.call("adder__cwd", {})).text() == await asyncio.to_thread(os.path.realpath, tmp_path)


async def test_stderr_goes_to_the_servers_log(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py"))
    await m.tools()
    log = log_file("adder").read_text()
    assert "starting" in log and "adder: starting" in log
    assert m.log_path("adder") == log_file("adder")


async def test_a_server_that_fails_to_start(managers: Managers, tmp_path: Path) -> None:
    m = managers(
        stdio_server("exits", "raw_server.py", "exit"),
        stdio_server("missing", "adder.py").__class__("missing", command=str(tmp_path / "no-such-program")),
        stdio_server("badcwd", "adder.py", cwd=str(tmp_path / "gone")),
        stdio_server("adder", "adder.py"),
    )
    tools, errors = await m.tools()
    assert {t.server for t in tools} == {"adder"}  # the others' failures do not hide the good server's tools
    by_server = {e.server: e for e in errors}
    assert by_server["exits"].kind == "start_failed"
    assert "exit status 2" in by_server["exits"].message
    assert "missing configuration, giving up" in by_server["exits"].message  # the server's own words
    assert "no-such-program" in by_server["missing"].message and "No such file" in by_server["missing"].message
    assert by_server["badcwd"].kind == "start_failed"
    assert m.status("exits")[0] == "failed" and "failed" in managers.kinds("exits")


async def test_crash_mid_call_is_reported_and_the_server_restarts_on_next_use(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py"))
    await m.tools()
    first_pid = (await m.call("adder__pid", {})).text()
    with pytest.raises(McpError) as crash:
        await m.call("adder__crash", {})
    assert crash.value.kind == "crashed"
    assert "stopped during the call to 'crash' (exit status 3)" in crash.value.message
    assert crash.value.log_path == log_file("adder")
    second_pid = (await m.call("adder__pid", {})).text()
    assert second_pid != first_pid
    assert managers.kinds("adder") == ["started", "crashed", "started"]


async def test_a_crash_while_idle_is_noticed_and_restarted(managers: Managers) -> None:
    import signal

    m = managers(stdio_server("adder", "adder.py"))
    await m.tools()
    pid = int((await m.call("adder__pid", {})).text())
    os.kill(pid, signal.SIGKILL)
    for _ in range(200):
        if "crashed" in managers.kinds("adder"):
            break
        await asyncio.sleep(0.02)
    assert m.status("adder")[0] == "crashed" and "exit status" in m.status("adder")[1]
    assert (await m.call("adder__add", {"a": 1, "b": 1})).text() == "2"


async def test_a_hung_call_times_out_and_the_server_is_asked_to_cancel(managers: Managers, tmp_path: Path) -> None:
    marker = tmp_path / "cancelled"
    m = managers(stdio_server("adder", "adder.py", tool_timeout=1.0))
    await m.tools()
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(McpError, match=r"did not answer within 1 s") as late:
        await m.call("adder__sleep", {"seconds": 30, "marker": str(marker)})
    assert late.value.kind == "timeout" and loop.time() - started < 5
    for _ in range(100):
        if marker.exists():
            break
        await asyncio.sleep(0.02)
    assert marker.read_text() == "cancelled"  # notifications/cancelled reached the tool
    assert (await m.call("adder__add", {"a": 1, "b": 2})).text() == "3"  # the server still works


async def test_stop_cancels_a_running_call(managers: Managers, tmp_path: Path) -> None:
    marker = tmp_path / "cancelled"
    m = managers(stdio_server("adder", "adder.py"))
    await m.tools()
    task = asyncio.ensure_future(m.call("adder__sleep", {"seconds": 30, "marker": str(marker)}))
    await asyncio.sleep(0.5)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    for _ in range(100):
        if marker.exists():
            break
        await asyncio.sleep(0.02)
    assert marker.read_text() == "cancelled"
    assert (await m.call("adder__add", {"a": 2, "b": 2})).text() == "4"


async def test_ten_megabytes_are_cut(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py", result_cap=100_000))
    await m.tools()
    result = await m.call("adder__big", {"size": 10_000_000})
    assert result.text().endswith("[cut: 100000 of 10000000 bytes]")
    assert result.parts[0] == TextPart("x" * 100_000)


async def test_an_error_answer(managers: Managers) -> None:
    m = managers(stdio_server("raw", "raw_server.py", "ok"))
    await m.tools()
    with pytest.raises(McpError, match="answered with an error: Unknown tool: nope") as err:
        await m.call_tool("raw", "nope", {})
    assert err.value.kind == "server_error"


@pytest.mark.parametrize(
    ("mode", "words"), [("garbage", "not JSON-RPC"), ("bad-result", "does not follow the protocol")]
)
async def test_broken_json_rpc_fails_fast_and_clearly(managers: Managers, mode: str, words: str) -> None:
    m = managers(stdio_server("raw", "raw_server.py", mode, tool_timeout=30))
    await m.tools()
    loop = asyncio.get_running_loop()
    started = loop.time()
    with pytest.raises(McpError, match=words) as broken:
        await m.call("raw__ping", {})
    assert broken.value.kind == "protocol" and loop.time() - started < 10
    assert "not JSON-RPC" in log_file("raw").read_text() or mode == "bad-result"


async def test_a_banner_on_stdout_is_tolerated(managers: Managers) -> None:
    m = managers(stdio_server("raw", "raw_server.py", "noisy"))
    tools, errors = await m.tools()
    assert errors == [] and [t.name for t in tools] == ["ping"]
    assert (await m.call("raw__ping", {})).text().startswith("pong")


async def test_tool_list_change_older_revision(managers: Managers) -> None:
    m = managers(stdio_server("raw", "raw_server.py", "list-changed"))
    tools, _ = await m.tools()
    assert [t.name for t in tools] == ["ping"]
    await m.call("raw__ping", {})
    for _ in range(200):
        if "tools_changed" in managers.kinds("raw"):
            break
        await asyncio.sleep(0.02)
    tools, _ = await m.tools()
    assert [t.name for t in tools] == ["ping", "pong"]


async def test_tool_list_change_2026_revision(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py"))
    tools, _ = await m.tools()
    assert "extra" not in {t.name for t in tools}
    await m.call("adder__grow", {})
    for _ in range(200):
        if "tools_changed" in managers.kinds("adder"):
            break
        await asyncio.sleep(0.02)
    tools, _ = await m.tools()
    assert "adder__extra" in {t.function_name for t in tools}
    assert (await m.call("adder__extra", {"word": "hi"})).text() == "HI"


async def test_disabled_server_is_not_started(managers: Managers) -> None:
    m = managers(stdio_server("adder", "adder.py", enabled=False))
    assert await m.tools() == ([], [])
    with pytest.raises(McpError, match="is turned off"):
        await m.call_tool("adder", "add", {"a": 1, "b": 2})
    assert not log_file("adder").exists()


async def test_stop_while_a_server_is_starting(managers: Managers) -> None:
    m = managers(stdio_server("slow", "raw_server.py", "slow"))
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(m.tools())
    await asyncio.sleep(1.0)
    started = loop.time()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert loop.time() - started < 8  # close stdin, SIGTERM: no waiting for the minute to pass
    assert m.status("slow")[0] == "failed"


async def test_a_server_too_slow_to_start(managers: Managers) -> None:
    from dataclasses import replace

    m = managers(replace(stdio_server("slow", "raw_server.py", "slow"), start_timeout=1.0))
    _, [error] = await m.tools()
    assert error.kind == "start_failed" and "did not answer within 1 s of starting" in error.message
