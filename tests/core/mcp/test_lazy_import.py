"""Start-up is unchanged for users without MCP servers: settings and the manager do not load the SDK."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHECK = """
import sys
import app.core.settings
from app.core.mcp import approval, config, manager, names, results, secrets, settings, tools
m = manager.McpManager([config.ServerConfig("off", command="x", enabled=False)])
assert m.status("off") == ("stopped", "")
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("mcp", "mcp_types", "starlette", "uvicorn", "httpx2"))
print(loaded)
"""


def test_the_sdk_is_not_imported_until_a_server_is_used() -> None:
    out = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
