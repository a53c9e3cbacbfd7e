"""`python -m app ask` as a user runs it: a real process, a real socket, the JSON contract."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.support.cli import last_json, run_app
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import dropped_reply, error_reply, stream_reply
from tests.support.ports import closed_port_url

KEY = "test-key-not-real"
CONTRACT_FIELDS = {
    "provider", "requested_model", "model", "text", "reasoning", "finish_reason", "finish_reason_raw", "usage",
    "cost_usd", "cost_source", "ttft_ms", "duration_ms", "attempts", "conversation_id", "error",
}  # fmt: skip


def ask(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_app("ask", *args, env={"OPENAI_API_KEY": KEY, **(env or {})}, stdin=stdin)


def test_json_success(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["Hello", " there"], prompt_tokens=9))
    proc = ask("--provider", "openai", "--base-url", loopback.url + "/v1", "--model", "m", "--json", "hello")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 1
    out = last_json(proc)
    assert set(out) == CONTRACT_FIELDS
    assert out["text"] == "Hello there" and out["model"] == "test-model" and out["requested_model"] == "m"
    assert out["usage"]["input_tokens"] == 9 and out["usage"]["output_tokens"] == 2
    assert out["finish_reason"] == "stop" and out["error"] is None
    assert out["ttft_ms"] is not None and out["duration_ms"] >= out["ttft_ms"]
    assert out["attempts"] == [{"provider": "openai", "model": "m", "error_kind": None}]
    assert loopback.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_streams_plain_text_without_json(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["plain ", "text"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "hi")
    assert proc.returncode == 0
    assert proc.stdout == "plain text\n"


def test_prompt_from_stdin_and_flags_sent(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["ok"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "--temperature", "0", "--max-tokens", "5",
               "--system", "sys", "--json-mode", "--reasoning-effort", "low", "--json", "-",
               stdin="from stdin")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    body = loopback.requests[0].json()
    assert body["messages"] == [{"role": "system", "content": "sys"}, {"role": "user", "content": "from stdin"}]
    assert body["temperature"] == 0 and body["max_completion_tokens"] == 5  # OpenAI itself wants the new name
    assert body["response_format"] == {"type": "json_object"} and body["reasoning_effort"] == "low"


def test_wrong_key(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(401, "Incorrect API key provided", code="invalid_api_key"))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi")
    assert proc.returncode == 1
    out = last_json(proc)
    assert out["error"]["kind"] == "auth" and out["error"]["category"] == "auth" and out["error"]["status"] == 401
    assert "API key" in proc.stderr
    assert KEY not in proc.stdout + proc.stderr


def test_429_reports_retry_after(loopback: LoopbackServer) -> None:
    loopback.enqueue(error_reply(429, "Rate limit reached", headers={"retry-after": "3600"}))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi")
    assert proc.returncode == 1
    out = last_json(proc)
    assert out["error"]["category"] == "rate_limit" and out["error"]["retry_after"] == 3600


def test_server_dies_mid_answer_keeps_partial(loopback: LoopbackServer) -> None:
    loopback.enqueue(dropped_reply(["The first half"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi")
    assert proc.returncode == 1
    out = last_json(proc)
    assert out["text"] == "The first half"
    assert out["error"]["kind"] == "network" and out["finish_reason"] == "error"


def test_usage_errors_exit_2() -> None:
    assert ask("--json").returncode == 2
    proc = ask("--model", "m", "--provider", "nonsense", "hi")
    assert proc.returncode == 2 and "unknown provider" in proc.stderr
    proc = ask("--model", "m", "--base-url", "localhost:8080", "hi")
    assert proc.returncode == 2 and "http://" in proc.stderr
    proc = ask("--model", "m", "   ")
    assert proc.returncode == 2


def test_missing_key_is_a_clear_auth_error() -> None:
    proc = ask("--model", "m", "--json", "hi", env={"OPENAI_API_KEY": ""})
    assert proc.returncode == 1
    out = last_json(proc)
    assert out["error"]["kind"] == "auth" and "keys set openai" in out["error"]["message"]


def test_fallback_chain_moves_past_a_dead_provider(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["rescued"], model="backup-served"))
    proc = ask("--provider", "openai", "--base-url", closed_port_url("/v1"), "--model", "primary",
               "--fallback", f"groq:llama-3@{loopback.url}/v1", "--json", "hi",
               env={"GROQ_API_KEY": "test-key-not-real-groq"})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["text"] == "rescued" and out["provider"] == "groq" and out["model"] == "backup-served"
    assert out["attempts"] == [
        {"provider": "openai", "model": "primary", "error_kind": "network"},
        {"provider": "groq", "model": "llama-3", "error_kind": None},
    ]
    assert loopback.requests[0].headers["authorization"] == "Bearer test-key-not-real-groq"


def test_fallback_without_a_key_is_reported_and_skipped(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["second"]))
    proc = ask("--provider", "mistral", "--model", "a", "--fallback", f"openai:b@{loopback.url}/v1", "--json", "hi")
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["attempts"][0] == {"provider": "mistral", "model": "a", "error_kind": "auth"}
    assert out["text"] == "second"


def test_embed_json(loopback: LoopbackServer) -> None:
    from tests.support.loopback import Reply

    loopback.enqueue(Reply.json({"model": "emb-1", "usage": {"prompt_tokens": 4, "total_tokens": 4},
                                 "data": [{"index": 1, "embedding": [0.5, 0.25]}, {"index": 0, "embedding": [1, 0]}]}))
    proc = run_app("embed", "--provider", "openai", "--model", "emb", "--base-url", loopback.url + "/v1", "--json",
                   "first", "second", env={"OPENAI_API_KEY": KEY})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["embeddings"] == [[1.0, 0.0], [0.5, 0.25]] and out["dimensions"] == 2
    assert out["usage"]["input_tokens"] == 4
    assert loopback.requests[0].json() == {"model": "emb", "input": ["first", "second"]}


def test_cost_is_priced_by_provider_and_served_model_not_url(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["x"] * 10, prompt_tokens=1000, model="gpt-4o-mini"))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "gpt-4o-mini", "--json", "hi")
    out = last_json(proc)
    assert out["cost_source"] == "catalog"
    # gpt-4o-mini: $0.15 per million input, $0.60 per million output.
    assert abs(out["cost_usd"] - (1000 * 0.15 + 10 * 0.60) / 1e6) < 1e-9


def test_openrouter_reported_cost_wins(loopback: LoopbackServer) -> None:
    from tests.support.loopback import Reply
    from tests.support.openai_server import chunk

    usage = {"prompt_tokens": 10, "completion_tokens": 1, "cost": 0.0123}
    loopback.enqueue(Reply.sse([chunk("hi"), chunk(finish="stop"), chunk(usage=usage)]))
    proc = ask("--provider", "openrouter", "--base-url", loopback.url + "/v1", "--model", "openai/gpt-4o", "--json",
               "hi", env={"OPENROUTER_API_KEY": "test-key-not-real"})  # fmt: skip
    out = last_json(proc)
    assert (out["cost_usd"], out["cost_source"]) == (0.0123, "provider")


def test_preset_fills_in_what_flags_leave_unset(loopback: LoopbackServer, parley_home: Path) -> None:
    from app.core.settings import Preset, Settings, save_settings

    settings = Settings(presets=[Preset(name="terse", provider="groq", model="llama-preset", system="Be terse.",
                                        temperature=0.2)])  # fmt: skip
    save_settings(settings, parley_home / "config" / "settings.json")
    loopback.enqueue(stream_reply(["ok"]))
    proc = ask("--preset", "terse", "--base-url", loopback.url + "/v1", "--temperature", "0.9", "--json", "hi",
               env={"GROQ_API_KEY": "test-key-not-real"})  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    body = loopback.requests[0].json()
    assert body["model"] == "llama-preset" and body["temperature"] == 0.9
    assert body["messages"][0] == {"role": "system", "content": "Be terse."}
    assert last_json(proc)["provider"] == "groq"
    assert ask("--preset", "missing", "hi").returncode == 2


def test_env_key_with_trailing_newline_still_works(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["ok"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi", env={"OPENAI_API_KEY": KEY + "\n"})
    assert proc.returncode == 0, proc.stderr
    assert loopback.requests[0].headers["authorization"] == f"Bearer {KEY}"


def test_json_line_survives_a_narrow_stdout_encoding(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["sparkles ✨ 東京"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi", env={"PYTHONIOENCODING": "cp1252"})
    assert proc.returncode == 0, proc.stderr
    assert last_json(proc)["text"] == "sparkles ✨ 東京"


def test_usage_error_json_has_every_contract_field() -> None:
    proc = ask("--model", "m", "--provider", "nonsense", "--json", "hi")
    assert proc.returncode == 2
    out = last_json(proc)
    assert set(out) == CONTRACT_FIELDS and out["error"]["category"] == "bad_request"


def test_bad_numbers_are_usage_errors() -> None:
    for flags in (["--max-tokens", "-5"], ["--max-tokens", "ten"], ["--temperature", "nan"],
                  ["--temperature", "inf"], ["--temperature", "warm"]):  # fmt: skip
        proc = ask("--model", "m", "--no-log", *flags, "hi")
        assert proc.returncode == 2, flags
        assert "Traceback" not in proc.stderr and flags[0] in proc.stderr
