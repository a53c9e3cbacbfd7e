"""`ask --api chat|responses` as a user runs it: a real process, a real socket, recorded Responses traffic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.wire import cases, reply_for

ROOT = Path(__file__).resolve().parent.parent
KEY = "test-key-not-real"
RESPONSES = cases(protocol="openai_responses")


def ask(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPENAI_API_KEY": KEY, "AZURE_OPENAI_API_KEY": KEY, "GROQ_API_KEY": KEY}
    return subprocess.run([sys.executable, "-m", "app", "ask", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
def test_ask_api_responses_over_recorded_traffic(loopback: LoopbackServer, stream: bool) -> None:
    case = next(c for c in RESPONSES if c["stream"] is stream and c["expected_text"])
    loopback.enqueue(reply_for(case))
    model = case["request_json"]["model"]
    flags = [] if stream else ["--no-stream"]
    proc = ask("--provider", "openai", "--base-url", loopback.url + "/v1", "--model", model, "--api", "responses",
               "--json", "--no-log", *flags, "hello")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["error"] is None and out["text"] == case["expected_text"]
    assert out["finish_reason"] == "stop" and out["finish_reason_raw"] == "completed"
    assert out["usage"]["input_tokens"] == case["expected_usage"]["input_tokens"]
    assert out["cost_source"] == "catalog" and out["cost_usd"] > 0
    [req] = loopback.requests
    assert req.path == "/v1/responses"
    assert req.json()["store"] is False and req.json()["input"] == [{"role": "user", "content": "hello"}]


def test_a_responses_only_model_goes_there_unasked(loopback: LoopbackServer) -> None:
    case = next(c for c in RESPONSES if not c["stream"] and c["expected_text"])
    loopback.enqueue(reply_for(case))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "o3-pro", "--no-stream", "--json", "--no-log", "hi")
    assert proc.returncode == 0, proc.stderr
    assert loopback.requests[0].path == "/v1/responses"


def test_api_chat_keeps_chat_completions(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["ok"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "gpt-4o", "--api", "chat", "--json", "--no-log", "hi")
    assert proc.returncode == 0, proc.stderr
    assert loopback.requests[0].path == "/v1/chat/completions"


def test_api_responses_for_a_provider_without_it_is_a_usage_error(loopback: LoopbackServer) -> None:
    proc = ask("--provider", "groq", "--base-url", loopback.url + "/v1", "--model", "llama", "--api", "responses",
               "--json", "hi")  # fmt: skip
    assert proc.returncode == 2
    assert "does not offer the Responses API" in proc.stderr
    assert last_json(proc)["error"]["kind"] == "bad_request"
    assert loopback.requests == []


def test_azure_responses_route(loopback: LoopbackServer) -> None:
    case = next(c for c in RESPONSES if not c["stream"] and c["expected_text"])
    loopback.enqueue(reply_for(case))
    proc = ask("--provider", "azure", "--base-url", loopback.url, "--model", "my-deployment", "--api", "responses",
               "--no-stream", "--json", "--no-log", "hi")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert last_json(proc)["text"] == case["expected_text"]
    [req] = loopback.requests
    assert req.path == "/openai/v1/responses" and req.headers["api-key"] == KEY
    assert req.json()["model"] == "my-deployment"
