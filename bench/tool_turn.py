"""The event loop during a two-step tool turn: `python -m bench.tool_turn [--runs N] [--loop asyncio|qasync]`.

A core `Turn` (the one the window and the CLI run) asks a scripted OpenAI-compatible server on 127.0.0.1 for an
answer that calls two tools of a real MCP server (tests/data/mcp/adder.py over stdio), runs them (approved,
concurrently), sends the results, and reads the final answer; the answer and its ledger rows are saved to a temp
database. A 5 ms heartbeat on the same loop keeps its longest gap. The first turn starts the server (and imports
the MCP SDK): reported apart as `cold`. Prints one JSON line: the worst gap of the warm turns, the cold one, the
idle loop's worst gap as a baseline, and the median turn time. Reports; never asserts.
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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.stream import Heartbeat

ROOT = Path(__file__).resolve().parents[1]
ADDER = ROOT / "tests" / "data" / "mcp" / "adder.py"
FAKE_KEY = "bench-key-not-real"


def _sse(frames: list[dict[str, Any]]) -> bytes:
    return b"".join(f"data: {json.dumps(f)}\n\n".encode() for f in frames) + b"data: [DONE]\n\n"


def _frame(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
    return {"id": "chatcmpl-b", "model": "bench", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


USAGE = {"id": "chatcmpl-b", "model": "bench", "choices": [], "usage": {"prompt_tokens": 50, "completion_tokens": 9}}
CALLS = _sse([
    _frame({"role": "assistant", "content": "Let me work that out."}),
    _frame({"tool_calls": [{"index": 0, "id": "call_a", "type": "function",
                            "function": {"name": "adder__add", "arguments": '{"a": 2, "b": 3}'}}]}),
    _frame({"tool_calls": [{"index": 1, "id": "call_b", "type": "function",
                            "function": {"name": "adder__echo", "arguments": '{"text": "hello"}'}}]}),
    _frame({}, "tool_calls"), USAGE,
])  # fmt: skip
ANSWER = _sse([*(_frame({"content": f"piece {n} "}) for n in range(200)), _frame({}, "stop"), USAGE])


class _Model(BaseHTTPRequestHandler):
    """The first request of each turn gets the tool calls; one that carries tool results gets the answer."""

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        answer = ANSWER if b'"role": "tool"' in body or b'"role":"tool"' in body else CALLS
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, format: str, *args: Any) -> None:
        pass


async def measure(runs: int, base_url: str) -> dict[str, Any]:
    from app.core.asks import Ask
    from app.core.mcp.approval import ApprovalPolicy, Decision
    from app.core.mcp.config import ServerConfig
    from app.core.mcp.manager import McpManager
    from app.core.mcp.toolbox import McpToolbox
    from app.core.runtime import Runtime
    from app.core.turn import Turn

    async def never(request: object) -> Decision:
        return Decision.DECLINE

    runtime = Runtime()
    assert runtime.open_store_now() == "", runtime.store_problem
    beat = Heartbeat().start()
    await asyncio.sleep(1.0)
    idle = await beat.stop()
    manager = McpManager([ServerConfig("adder", command=sys.executable, args=(str(ADDER),))])
    gaps: list[float] = []
    times: list[float] = []
    cold = 0.0
    try:
        for n in range(runs + 1):
            beat = Heartbeat().start()
            began = time.perf_counter()
            toolbox, errors = await McpToolbox.open(manager, ApprovalPolicy(approve_all=True), never)
            if errors:
                raise RuntimeError(errors[0].message)
            turn = Turn(runtime, Ask("openai", "bench", "Add 2 and 3", base_url=base_url, tools=toolbox))
            await turn.run()
            took = (time.perf_counter() - began) * 1000
            gap = await beat.stop()
            if turn.reply.error is not None or [r.state for r in turn.tool_calls] != ["done", "done"]:
                raise RuntimeError(f"the turn did not run as scripted: {turn.reply.error} {turn.tool_calls}")
            if n == 0:
                cold = gap
            else:
                gaps.append(gap)
                times.append(took)
    finally:
        await manager.aclose()
        await runtime.aclose()
    return {"runs": runs, "max_stall_ms": round(max(gaps), 1), "median_stall_ms": round(statistics.median(gaps), 1),
            "cold_stall_ms": round(cold, 1), "idle_stall_ms": round(idle, 1),
            "turn_ms": round(statistics.median(times), 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--loop", choices=["asyncio", "qasync"], default="qasync")
    options = parser.parse_args(argv)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Model)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    with tempfile.TemporaryDirectory() as home:
        os.environ.update(PARLEY_HOME=home, PARLEY_KEYRING="memory", OPENAI_API_KEY=FAKE_KEY,
                          NO_PROXY="127.0.0.1,localhost")  # fmt: skip
        if options.loop == "qasync":  # the window's loop (offscreen, no widgets)
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            import qasync
            from PySide6.QtWidgets import QApplication

            app = QApplication.instance() or QApplication([])
            result = qasync.run(measure(options.runs, base_url))
            del app
        else:
            result = asyncio.run(measure(options.runs, base_url))
    server.shutdown()
    print(json.dumps({"loop": options.loop, **result}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
