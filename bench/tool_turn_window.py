"""The event loop during a two-step tool turn in the window: `python -m bench.tool_turn_window [--runs N]`.

bench/tool_turn.py's scripted model and real MCP server (tests/data/mcp/adder.py over stdio), driven through the
real main window (offscreen): the chat panel sends the prompt, the approval is answered inline as a user would
(the first call "Run once", the second "Allow in chat"), the calls are drawn as blocks and the 200-piece answer
streams into the transcript. A 5 ms heartbeat keeps the loop's longest gap; the first turn (server start, SDK
import) is reported apart as `cold`. Prints one JSON line; reports, never asserts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import ThreadingHTTPServer
from typing import Any

from bench.stream import Heartbeat
from bench.tool_turn import ADDER, FAKE_KEY, _Model


async def measure(runs: int, base_url: str) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from app.core.mcp.approval import Decision
    from app.core.mcp.settings import McpServerSettings
    from app.core.runtime import Runtime
    from app.ui.chat_controller import provider_choices
    from app.ui.main_window import MainWindow

    runtime = Runtime()
    window = MainWindow(runtime)
    window.resize(1400, 900)
    window.show()
    await runtime.start()
    window.load_providers(provider_choices())
    await window.open_store()
    runtime.settings().mcp.servers = [McpServerSettings("adder", command=sys.executable, args=[str(ADDER)])]
    panel = window.chat_panel
    tools = window.controller.tools
    answers = [Decision.ONCE, Decision.CONVERSATION]

    def answer(pending: Any) -> None:  # as a user clicks, a moment after the question shows
        decision = answers[0] if pending.request.tool == "add" else answers[1]
        asyncio.get_running_loop().call_later(0.05, pending.decide, decision)

    tools.approval_asked.connect(answer)
    beat = Heartbeat().start()
    await asyncio.sleep(1.0)
    idle = await beat.stop()
    gaps: list[float] = []
    times: list[float] = []
    cold = 0.0
    try:
        for n in range(runs + 1):
            window.new_chat()
            panel.select_provider("openai")
            panel.base_url_edit.setText(base_url)
            panel.model_box.setEditText("bench")
            panel.prompt_edit.setPlainText(f"Add 2 and 3 ({n})")
            QApplication.processEvents()
            beat = Heartbeat().start()
            began = time.perf_counter()
            reply = await panel.send_or_resend()
            await asyncio.sleep(0.05)  # the last frame painted
            took = (time.perf_counter() - began) * 1000
            gap = await beat.stop()
            blocks = panel.transcript.toPlainText().count("· done")
            if reply is None or reply.status != "complete" or blocks != 2:
                raise RuntimeError(f"the turn did not run as scripted: {reply and reply.error} ({blocks} blocks)")
            if n == 0:
                cold = gap
            else:
                gaps.append(gap)
                times.append(took - 100)  # less the two simulated clicks' delay
    finally:
        window.close()
        await runtime.aclose()
    return {"runs": runs, "max_stall_ms": round(max(gaps), 1), "median_stall_ms": round(statistics.median(gaps), 1),
            "cold_stall_ms": round(cold, 1), "idle_stall_ms": round(idle, 1),
            "turn_ms": round(statistics.median(times), 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Model)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(PARLEY_HOME=home, PARLEY_KEYRING="memory", OPENAI_API_KEY=FAKE_KEY,
                          NO_PROXY="127.0.0.1,localhost")  # fmt: skip
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from app.ui.loop import ParleyLoop
        from app.ui.startup import create_application

        app = create_application([])
        loop = ParleyLoop(app)
        asyncio.set_event_loop(loop)
        try:
            result = loop.run_until_complete(measure(options.runs, base_url))
        finally:
            loop.close()
    server.shutdown()
    print(json.dumps({"where": "window", **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
