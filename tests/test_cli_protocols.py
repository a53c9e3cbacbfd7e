"""`ask --provider P --base-url LOOPBACK --json` for each native protocol, replaying real recorded traffic."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.cli import last_json, run_app
from tests.support.loopback import LoopbackServer
from tests.support.wire import cases, reply_for

KEY = "test-key-not-real"


def _first(provider: str, protocol: str, stream: bool | None = None) -> dict[str, Any]:
    for case in cases(protocol=protocol, provider=provider):
        if case["expected_error_kind"] == "none" and case["expected_text"] and stream in (None, case["stream"]):
            return case
    raise LookupError(provider)


# (parley provider, recorded provider, protocol, streamed?, base URL suffix, auth header, flags)
PROTOCOLS = [
    ("anthropic", "anthropic", "anthropic_messages", True, "", "x-api-key", []),
    ("gemini", "gemini", "gemini", True, "/v1beta", "x-goog-api-key", []),
    ("azure", "azure_openai", "openai_chat", False, "", "api-key", []),
    ("ollama", "ollama", "ollama_chat", True, "", None, []),
    ("cohere", "cohere", "cohere_v2", False, "", "authorization", []),
]


@pytest.mark.parametrize(("provider", "recorded", "protocol", "stream", "suffix", "auth", "flags"), PROTOCOLS,
                         ids=[p[0] for p in PROTOCOLS])  # fmt: skip
def test_ask_json_over_recorded_traffic(loopback: LoopbackServer, provider: str, recorded: str, protocol: str,
                                        stream: bool, suffix: str, auth: str | None, flags: list[str]) -> None:
    case = _first(recorded, protocol, stream)
    loopback.enqueue(reply_for(case))
    model = str(case["request_json"].get("model") or "m").removeprefix("models/")
    env = {"ANTHROPIC_API_KEY": KEY, "GEMINI_API_KEY": KEY, "AZURE_OPENAI_API_KEY": KEY,
           "CO_API_KEY": KEY}  # fmt: skip
    args = ["ask", "--provider", provider, "--base-url", loopback.url + suffix, "--model", model, "--json", "--no-log"]
    if not case["stream"]:
        args.append("--no-stream")
    proc = run_app(*args, "hello", env=env)
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["provider"] == provider and out["error"] is None
    assert out["text"] == case["expected_text"]
    usage = case["expected_usage"]
    assert out["usage"]["input_tokens"] == usage["input_tokens"]
    assert out["usage"]["output_tokens"] == usage["output_tokens"]
    assert out["finish_reason"] in ("stop", "length")
    [req] = loopback.requests
    if auth is None:
        assert "authorization" not in req.headers
    else:
        assert KEY in req.headers[auth]
    assert KEY not in req.path
