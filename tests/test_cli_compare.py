"""`python -m app compare`: panes in --target order, run concurrently, one failure never blocks the rest."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.loopback import LoopbackServer
from tests.support.openai_server import error_reply, stream_reply

ROOT = Path(__file__).resolve().parent.parent


def test_compare_json_panes_in_target_order(loopback: LoopbackServer) -> None:
    slow, failing = LoopbackServer().start(), LoopbackServer().start()
    try:
        loopback.enqueue(stream_reply(["fast ", "one"], model="fast-served"))
        slow.enqueue(stream_reply(["slow ", "one", "!"], pause=0.4, model="slow-served"))
        failing.enqueue(error_reply(400, "bad model parameter"))
        env = {**os.environ, "OPENAI_API_KEY": "test-key-not-real", "GROQ_API_KEY": "test-key-not-real-2"}
        proc = subprocess.run(
            [sys.executable, "-m", "app", "compare", "--json",
             "--target", f"groq:slow@{slow.url}/v1",
             "--target", f"openai:fast@{loopback.url}/v1",
             "--target", f"openai:broken@{failing.url}/v1", "same prompt"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    finally:
        slow.stop()
        failing.stop()
    assert proc.returncode == 1  # one pane failed
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    panes = out["panes"]
    assert [p["requested_model"] for p in panes] == ["slow", "fast", "broken"]
    assert panes[0]["text"] == "slow one!" and panes[0]["model"] == "slow-served"
    assert panes[1]["text"] == "fast one" and panes[1]["error"] is None
    assert panes[2]["error"]["category"] == "bad_request"
    assert panes[0]["usage"]["output_tokens"] == 3 and panes[1]["usage"]["output_tokens"] == 2
    assert out["ranking"]["ttft_ms"][-1] == 2  # the failed pane ranks last
    for server in (loopback, slow):
        assert server.requests[0].json()["messages"][-1]["content"] == "same prompt"
