"""A stand-in for Parley in the orphan tests: starts MCP servers, prints their pids as JSON, waits to be killed.

python -m tests.support.mcp_parent GUARD   (GUARD 1: servers behind the guard, 0: as the SDK starts them)
"""

from __future__ import annotations

import asyncio
import json
import sys

from app.core.mcp.manager import McpManager
from tests.support.mcp_servers import stdio_server


async def main(guard: bool) -> None:
    manager = McpManager([stdio_server("adder", "adder.py"), stdio_server("stubborn", "raw_server.py", "stubborn")],
                         guard=guard)  # fmt: skip
    await manager.tools()
    pids = {
        "adder": int((await manager.call("adder__pid", {})).text()),
        "helper": int((await manager.call("adder__spawn_child", {})).text()),
        "stubborn": int((await manager.call("stubborn__ping", {})).text().split()[1]),
    }
    print(json.dumps(pids), flush=True)
    await asyncio.sleep(600)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] == "1"))
