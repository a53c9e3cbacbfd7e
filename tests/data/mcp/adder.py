"""A real MCP server for tests, written with the SDK: `python adder.py stdio`; tests serve its apps over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from pathlib import Path

from mcp.server import MCPServer
from mcp.server.mcpserver import Context, Image

mcp = MCPServer("adder")
# A 1x1 PNG.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a5f6a55b0000000049454e44ae426082"
)


@mcp.tool()
def add(a: int, b: int) -> int:
    """Add two numbers."""
    return a + b


@mcp.tool()
def echo(text: str) -> str:
    """Say the text back."""
    return text


@mcp.tool()
def env(name: str) -> str:
    """The value of an environment variable in the server, or <unset>."""
    return os.environ.get(name, "<unset>")


@mcp.tool()
def header(name: str, ctx: Context) -> str:
    """An HTTP request header as the server received it, or <unset>."""
    request = ctx.request_context.request
    headers = getattr(request, "headers", None)
    return headers.get(name, "<unset>") if headers is not None else "<not http>"


@mcp.tool()
def cwd() -> str:
    """The server's working directory."""
    return os.getcwd()


@mcp.tool()
async def sleep(seconds: float, marker: str = "") -> str:
    """Sleep; if cancelled, write "cancelled" to the marker file."""
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        if marker:  # written whole under another name, then renamed: a test never reads it half written
            Path(marker + ".part").write_text("cancelled")  # noqa: ASYNC240 - a test server, at cancellation
            os.replace(marker + ".part", marker)
        raise
    return "slept"


@mcp.tool()
def crash() -> str:
    """Exit at once with status 3, mid-call."""
    sys.stderr.write("adder: crashing on purpose\n")
    sys.stderr.flush()
    os._exit(3)


@mcp.tool()
def big(size: int) -> str:
    """A text of `size` bytes."""
    return "x" * size


@mcp.tool()
def fail() -> str:
    """A tool that fails (isError in its result)."""
    raise ValueError("the tool failed on purpose")


@mcp.tool()
def image() -> Image:
    """A 1x1 PNG."""
    return Image(data=PNG, format="png")


@mcp.tool()
def pid() -> int:
    """This server's process id."""
    return os.getpid()


@mcp.tool()
def spawn_child() -> int:
    """Start a helper process that sleeps (as `npx` leaves node behind); its pid."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    return child.pid


def extra(word: str) -> str:
    """A tool that appears after `grow`."""
    return word.upper()


@mcp.tool()
async def grow(ctx: Context) -> str:
    """Add the tool `extra` and announce the change."""
    mcp.add_tool(extra)
    await ctx.notify_tools_changed()  # 2026-07-28: subscriptions/listen
    with contextlib.suppress(Exception):  # older revisions; not every session has it
        await ctx.request_context.session.send_tool_list_changed()
    return "grown"


if __name__ == "__main__":
    sys.stderr.write("adder: starting\n")
    sys.stderr.flush()
    mcp.run()
