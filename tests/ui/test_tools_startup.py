"""Start-up is unchanged for users without MCP servers: the window, its Tools control and a cost estimate never
load the MCP SDK (it loads, off the loop, when a server is first used)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SDK = ("mcp", "mcp_types", "starlette", "uvicorn", "pydantic_settings", "jwt")  # (httpx2 and anyio come with
# the price catalog and httpx)

CHECK = """
import asyncio, sys
from PySide6.QtWidgets import QApplication
from app.ui.loop import ParleyLoop
app = QApplication([])
loop = ParleyLoop(app)
asyncio.set_event_loop(loop)
from app.core.runtime import Runtime
from app.ui.main_window import MainWindow

async def main():
    runtime = Runtime()
    window = MainWindow(runtime)
    window.show()
    app.processEvents()
    early = [m for m in ("app.core.mcp.service", "app.core.mcp.tools", "app.core.pricing", "httpx") if m in sys.modules]
    assert early == [], early  # nothing of it before the first paint
    await runtime.start()
    panel = window.chat_panel
    panel.tools_button.refresh()
    panel.select_provider("openai")
    panel.model_box.setEditText("gpt-4o-mini")
    estimate = await window.controller.estimate("openai", "gpt-4o-mini", "hello")
    assert estimate.tool_tokens == 0, estimate
    assert window.controller.tools.toolbox is not None and not window.controller.tools.available
    print(sorted(n for n in sys.modules if n.split(".")[0] in %r))
    window.close()
    await runtime.aclose()

loop.run_until_complete(main())
"""


def test_the_window_without_servers_never_loads_the_mcp_sdk(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PARLEY_HOME": str(tmp_path), "PARLEY_KEYRING": "memory",
           "OPENAI_API_KEY": "test-key-not-real"}  # fmt: skip
    out = subprocess.run([sys.executable, "-c", CHECK % (SDK,)], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)  # fmt: skip
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_document_tray_starts_with_core_s_size_limit() -> None:
    from app.core.documents import DEFAULT_LIMIT_MB as CORE
    from app.ui.document_tray import DEFAULT_LIMIT_MB as TRAY

    assert TRAY == CORE  # the tray keeps a copy so the window starts without core's documents (and httpx)
