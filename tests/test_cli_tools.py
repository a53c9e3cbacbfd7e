"""`ask` with MCP tools as a user runs it: a real process, a real MCP server, the model on a real socket."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from app.core.mcp.settings import McpServerSettings
from app.core.settings import Preset, Settings, save_settings
from tests.support.loopback import LoopbackServer
from tests.support.mcp_servers import DATA
from tests.support.openai_server import error_reply
from tests.support.tool_turns import KEY_VARS, call, calls_reply, text_reply

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = {
    "provider", "requested_model", "model", "text", "reasoning", "finish_reason", "finish_reason_raw", "usage",
    "cost_usd", "cost_source", "ttft_ms", "duration_ms", "attempts", "conversation_id", "error",
}  # fmt: skip


def config(tmp_path: Path, **servers: dict[str, Any]) -> str:
    path = tmp_path / "mcp.json"
    path.write_text(json.dumps({"mcpServers": servers}), encoding="utf-8")
    return str(path)


def adder(**extra: Any) -> dict[str, Any]:
    return {"command": sys.executable, "args": [str(DATA / "adder.py")], **extra}


def ask(loopback: LoopbackServer, *args: str) -> subprocess.CompletedProcess[str]:
    """No controlling terminal (a new session), as under cron or CI."""
    return subprocess.run([sys.executable, "-m", "app", "ask", "--base-url", loopback.url + "/v1", "--model", "m",
                           *args], cwd=ROOT, env={**os.environ, **KEY_VARS}, capture_output=True, text=True,
                          timeout=90, start_new_session=True)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def test_approved_calls_run_and_json_lists_them(loopback: LoopbackServer, tmp_path: Path) -> None:
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__add", {"a": 2, "b": 3}),
                                 call("c2", "adder__env", {"name": "PARLEY_TEST_VAR"}),
                                 call("c3", "adder__cwd", {})),
                     text_reply("openai_chat", "Five.", input_tokens=40))  # fmt: skip
    mcp = config(tmp_path, adder=adder(env={"PARLEY_TEST_VAR": "from-the-file"}, cwd=str(tmp_path)))
    proc = ask(loopback, "--mcp-config", mcp, "--approve-tools", "--json", "Add 2 and 3")
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert set(out) == CONTRACT | {"tool_calls", "steps"}
    assert out["steps"] == 2 and out["text"] == "Five." and out["finish_reason"] == "stop"
    calls = out["tool_calls"]
    assert [(c["name"], c["server"], c["arguments"], c["result"], c["error"]) for c in calls] == [
        ("add", "adder", {"a": 2, "b": 3}, "5", None),
        ("env", "adder", {"name": "PARLEY_TEST_VAR"}, "from-the-file", None),  # the file's env, unchanged
        ("cwd", "adder", {}, str(tmp_path), None),  # and its cwd
    ]  # fmt: skip
    assert all(isinstance(c["ms"], float) for c in calls)
    assert out["usage"]["input_tokens"] == 5 + 40 and len(out["attempts"]) == 2
    assert "tool add on adder" in proc.stderr
    spend = subprocess.run([sys.executable, "-m", "app", "spend", "--json"], cwd=ROOT, capture_output=True,
                           text=True, timeout=60)  # fmt: skip
    assert json.loads(spend.stdout)["requests"] == 2  # one ledger row per model call


def test_without_a_terminal_nothing_runs_and_the_model_is_told(loopback: LoopbackServer, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__sleep", {"seconds": 0, "marker": str(marker)})),
                     text_reply("openai_chat", "Understood."))  # fmt: skip
    proc = ask(loopback, "--mcp-config", config(tmp_path, adder=adder()), "--json", "Nap")
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    [declined] = out["tool_calls"]
    assert declined["error"] == "The user declined to run this tool." and declined["result"] is None
    sent = [m for m in loopback.requests[1].json()["messages"] if m["role"] == "tool"]
    assert sent == [{"role": "tool", "tool_call_id": "c1", "content": "Error: The user declined to run this tool."}]
    assert "declined" in proc.stderr


def test_max_steps_ends_the_turn_and_still_exits_0(loopback: LoopbackServer, tmp_path: Path) -> None:
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__add", {"a": 1, "b": 1})))
    proc = ask(loopback, "--mcp-config", config(tmp_path, adder=adder()), "--approve-tools", "--max-steps", "1",
               "--json", "Add")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["steps"] == 1 and out["finish_reason"] == "tool_calls" and len(loopback.requests) == 1
    assert "step limit" in out["tool_calls"][0]["error"]


@pytest.mark.parametrize("steps", ["0", "101", "x"])
def test_max_steps_out_of_range_is_a_usage_error(loopback: LoopbackServer, steps: str) -> None:
    proc = ask(loopback, "--max-steps", steps, "--json", "hi")
    assert proc.returncode == 2 and last_json(proc)["error"]["kind"] == "bad_request"
    assert loopback.requests == []


def test_a_server_from_the_settings_by_name(loopback: LoopbackServer, tmp_path: Path) -> None:
    server = McpServerSettings("calc", command=sys.executable, args=[str(DATA / "adder.py")])
    save_settings(Settings(mcp=Settings().mcp.__class__(servers=[server])))
    loopback.enqueue(calls_reply("openai_chat", call("c1", "calc__add", {"a": 1, "b": 2})),
                     text_reply("openai_chat", "Three."))  # fmt: skip
    proc = ask(loopback, "--mcp", "calc", "--approve-tools", "--json", "Add")
    assert proc.returncode == 0, proc.stderr
    assert last_json(proc)["tool_calls"][0]["result"] == "3"
    unknown = ask(loopback, "--mcp", "nope", "--json", "Add")
    assert unknown.returncode == 2 and "no MCP server of that name (servers: calc)" in unknown.stderr


def test_a_preset_brings_its_tools(loopback: LoopbackServer) -> None:
    server = McpServerSettings("calc", command=sys.executable, args=[str(DATA / "adder.py")])
    preset = Preset("maths", "openai", "m", tools=["calc/add"])
    save_settings(Settings(presets=[preset], mcp=Settings().mcp.__class__(servers=[server])))
    loopback.enqueue(calls_reply("openai_chat", call("c1", "calc__add", {"a": 1, "b": 2})),
                     text_reply("openai_chat", "Three."))  # fmt: skip
    proc = ask(loopback, "--preset", "maths", "--approve-tools", "--json", "Add")
    assert proc.returncode == 0, proc.stderr
    assert [t["function"]["name"] for t in loopback.requests[0].json()["tools"]] == ["calc__add"]


def test_a_server_that_fails_to_start_is_a_warning(loopback: LoopbackServer, tmp_path: Path) -> None:
    broken = {"command": sys.executable, "args": [str(DATA / "raw_server.py"), "exit"]}
    loopback.enqueue(text_reply("openai_chat", "Fine without."))
    proc = ask(loopback, "--mcp-config", config(tmp_path, broken=broken), "--json", "Hi")
    assert proc.returncode == 0, proc.stderr
    assert "warning: MCP server 'broken'" in proc.stderr and last_json(proc)["text"] == "Fine without."
    assert "tools" not in loopback.requests[0].json()


def test_a_config_file_that_cannot_be_used(loopback: LoopbackServer, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    proc = ask(loopback, "--mcp-config", str(bad), "--json", "Hi")
    assert proc.returncode == 2 and "not valid JSON" in proc.stderr
    missing = ask(loopback, "--mcp-config", str(tmp_path / "none.json"), "Hi")
    assert missing.returncode == 2 and "cannot read it" in missing.stderr
    assert loopback.requests == []


def test_plain_output_streams_every_step(loopback: LoopbackServer, tmp_path: Path) -> None:
    first = calls_reply("cohere", call("c1", "adder__add", {"a": 2, "b": 2}))  # with a tool plan as its text
    loopback.enqueue(first, text_reply("cohere", "Four."))
    env = {**os.environ, **KEY_VARS}
    proc = subprocess.run([sys.executable, "-m", "app", "ask", "--provider", "cohere", "--base-url", loopback.url,
                           "--model", "command-r", "--mcp-config", config(tmp_path, adder=adder()), "--approve-tools",
                           "Add"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=90,
                          start_new_session=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "I will look.\n\nFour.\n"
    assert "tool add on adder" in proc.stderr and ": 4" in proc.stderr


def test_a_terminal_is_asked_y_or_n(loopback: LoopbackServer, tmp_path: Path) -> None:
    """On a terminal (a pty here): the question names the server, the tool and the arguments; "y" runs it."""
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__add", {"a": 20, "b": 22})),
                     text_reply("openai_chat", "42."))  # fmt: skip
    argv = [sys.executable, "-m", "app", "ask", "--base-url", loopback.url + "/v1", "--model", "m", "--json",
            "--mcp-config", config(tmp_path, adder=adder()), "Add"]  # fmt: skip
    master, slave = pty.openpty()
    # The child takes the pty as its controlling terminal itself (no fork in this threaded test process).
    launcher = ("import fcntl, os, sys, termios; os.setsid(); fd = os.open(sys.argv[1], os.O_RDWR); "
                "fcntl.ioctl(fd, termios.TIOCSCTTY, 0); [os.dup2(fd, n) for n in (0, 1, 2)]; "
                "os.execv(sys.argv[2], sys.argv[2:])")  # fmt: skip
    child = subprocess.Popen([sys.executable, "-c", launcher, os.ttyname(slave), *argv], cwd=ROOT,
                             env={**os.environ, **KEY_VARS}, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)  # fmt: skip
    seen = b""
    answered = False
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            seen += os.read(master, 4096)  # the slave stays open here, so this never ends in EIO
        elif child.poll() is not None:
            break
        if not answered and b"[N] no:" in seen:
            os.write(master, b"y\n")
            answered = True
    status = child.wait(timeout=30)
    os.close(master)
    os.close(slave)
    text = seen.decode("utf-8", "replace")
    assert status == 0, text
    assert "Run tool 'add' on MCP server 'adder' with these arguments?" in text and '"a": 20' in text
    out = json.loads([line for line in text.splitlines() if line.startswith("{")][-1])
    assert out["tool_calls"][0]["result"] == "42" and out["text"] == "42."


def test_a_failing_second_step_exits_1_with_the_calls_listed(loopback: LoopbackServer, tmp_path: Path) -> None:
    loopback.enqueue(calls_reply("openai_chat", call("c1", "adder__add", {"a": 1, "b": 1})),
                     error_reply(400, "Invalid tool result"))  # fmt: skip
    proc = ask(loopback, "--mcp-config", config(tmp_path, adder=adder()), "--approve-tools", "--json", "Add")
    assert proc.returncode == 1
    out = last_json(proc)
    assert out["error"]["kind"] == "bad_request" and out["finish_reason"] == "error" and out["steps"] == 2
    assert out["tool_calls"][0]["result"] == "2" and len(out["attempts"]) == 2
    assert "Invalid tool result" in proc.stderr
