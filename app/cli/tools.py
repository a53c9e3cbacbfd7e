"""MCP tools for `ask`: `--mcp-config FILE`, `--mcp NAME`, `--approve-tools`, y/N on the terminal, and the
calls reported on stderr as they happen (stdout stays the answer, or the one `--json` line)."""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .parser import UsageError

if TYPE_CHECKING:
    from app.core.mcp.approval import ApprovalRequest, Decision
    from app.core.mcp.config import ServerConfig
    from app.core.mcp.manager import McpManager
    from app.core.mcp.toolbox import McpToolbox
    from app.core.runtime import Runtime
    from app.core.settings import Preset, Settings
    from app.core.tool_loop import ToolCallRecord

RESULT_SHOWN = 200  # characters of a result echoed on stderr


def wanted(args: argparse.Namespace) -> bool:
    return bool(args.mcp_config or args.mcp)


async def open_toolbox(args: argparse.Namespace, runtime: Runtime,
                       choice: list[str] | None = None) -> tuple[McpManager, McpToolbox]:  # fmt: skip
    """Start the servers asked for and offer their tools. A server that cannot start is a warning (its tools are
    not offered; the others are); a file or a server name that cannot be used is a usage error."""
    from app.core.mcp.approval import ApprovalPolicy
    from app.core.mcp.manager import McpManager
    from app.core.mcp.toolbox import McpToolbox
    from app.core.tls import tls_context

    servers = _from_file(args.mcp_config) if args.mcp_config else []
    servers += await _from_settings(args.mcp, runtime, {s.name for s in servers})
    settings = runtime.settings()
    manager = McpManager(servers, keys=runtime.keys, keep_tokens=not args.mcp_config,
                         verify=tls_context(settings.ca_bundle)[0])  # fmt: skip
    if args.approve_tools:
        policy = ApprovalPolicy(approve_all=True)
    else:
        policy = ApprovalPolicy(settings.mcp.always_allowed, on_always=lambda key: _remember(runtime, key))
    try:
        toolbox, errors = await McpToolbox.open(manager, policy, TerminalApprover(), choice=choice)
    except BaseException:
        await manager.aclose()
        raise
    for err in errors:
        print(f"warning: {err.message} Its tools are not offered.", file=sys.stderr)
    return manager, toolbox


def _from_file(path: str) -> list[ServerConfig]:
    """Every server of an mcpServers file, enabled for this call, its env, cwd and headers as written."""
    from app.core.mcp.config import McpConfigError, parse_mcp_json

    try:
        text = Path(path).expanduser().read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"--mcp-config {path}: cannot read it ({exc})") from None
    try:
        parsed = parse_mcp_json(text)
    except McpConfigError as exc:
        raise UsageError(f"--mcp-config {path}: {exc}") from None
    for problem in parsed.problems:
        print(f"warning: {problem}", file=sys.stderr)
    if not parsed.servers:
        raise UsageError(f"--mcp-config {path}: no usable MCP server in it")
    return [replace(s, enabled=True) for s in parsed.servers]


async def _from_settings(names: list[str], runtime: Runtime, taken: set[str]) -> list[ServerConfig]:
    from app.core.mcp.secrets import MissingSecret, resolve

    mcp = runtime.settings().mcp
    out: list[ServerConfig] = []
    for name in dict.fromkeys(names):
        server = mcp.server(name)
        if server is None:
            known = ", ".join(s.name for s in mcp.servers) or "none in the settings"
            raise UsageError(f"--mcp {name}: no MCP server of that name (servers: {known})")
        if name in taken:
            raise UsageError(f"--mcp {name}: the --mcp-config file has a server of that name too")
        try:  # the keychain may block (an unlock prompt): never on the loop
            config = await asyncio.to_thread(resolve, server, mcp, runtime.keys)
        except MissingSecret as exc:
            raise UsageError(str(exc)) from None
        out.append(replace(config, enabled=True))  # asked for by name: on for this call
    return out


def _remember(runtime: Runtime, key: str) -> None:
    """[a]lways: the tool runs unasked from now on, in the window too."""
    from app.core.settings import SettingsError, save_settings

    settings = runtime.settings()
    if key not in settings.mcp.always_allowed:
        settings.mcp.always_allowed.append(key)
    try:
        save_settings(settings)
    except (SettingsError, OSError) as exc:
        print(f"warning: could not remember that choice ({exc})", file=sys.stderr)


class TerminalApprover:
    """y/N on /dev/tty (see app.core.mcp.approval.TerminalApprover), read in a daemon thread: Ctrl+C while the
    question waits ends the command at once, instead of waiting for a line that may never come."""

    def __init__(self, tty_path: str = "/dev/tty") -> None:
        from app.core.mcp.approval import TerminalApprover as Asker

        self._asker = Asker(tty_path)

    async def __call__(self, request: ApprovalRequest) -> Decision:
        from app.core.mcp.approval import Decision

        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Decision] = loop.create_future()

        def settle(decision: Decision) -> None:
            if not answer.done():
                answer.set_result(decision)

        def ask() -> None:
            try:
                decision = self._asker._ask(request)
            except Exception:  # a terminal that breaks mid-question: nothing runs
                decision = Decision.DECLINE
            loop.call_soon_threadsafe(settle, decision)

        threading.Thread(target=ask, name="tool-approval", daemon=True).start()
        return await answer


def report_call(record: ToolCallRecord) -> None:
    """One line on stderr when a call ends: which tool, and its result or why it did not run."""
    from app.core.mcp.approval import safe_text

    if not record.ended:
        return
    where = f"{record.tool} on {record.server}" if record.server else record.tool
    took = f" ({record.ms:.0f} ms)" if record.ms is not None else ""
    if record.state == "done" and record.error is None:
        text = " ".join((record.result.text() if record.result is not None else "").split())
        if len(text) > RESULT_SHOWN:
            text = text[: RESULT_SHOWN - 1] + "…"
        line = f"tool {where}{took}: {text}"
    else:
        line = f"tool {where}{took}: {record.state}: {record.error or ''}".rstrip(": ")
    print(safe_text(line), file=sys.stderr, flush=True)


def preset_tools(args: argparse.Namespace, preset: Preset, settings: Settings) -> None:
    """A preset's tools, unless the command line chose servers itself: its servers on, only its tools offered."""
    if args.mcp or args.mcp_config or not preset.tools:
        return
    servers = [s.name for s in settings.mcp.servers]
    args.mcp = list(dict.fromkeys(n for t in preset.tools for n in servers if t == n or t.startswith(n + "/")))
    args.tool_choice = list(preset.tools)
