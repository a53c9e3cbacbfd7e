"""What the command line checks and says before (or instead of) waiting: parameter ranges, no keychain, no
embeddings, a local server that is not running, a connection that dropped."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.support.loopback import LoopbackServer
from tests.support.openai_server import dropped_reply, stream_reply

ROOT = Path(__file__).resolve().parent.parent
KEYS = {"OPENAI_API_KEY": "test-key-not-real", "ANTHROPIC_API_KEY": "test-key-not-real",
        "GROQ_API_KEY": "test-key-not-real"}  # fmt: skip


def run(*args: str, env: dict[str, str] | None = None, drop: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in {**os.environ, **KEYS, **(env or {})}.items() if k not in drop}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=full, capture_output=True, text=True,
                          timeout=90)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


@pytest.mark.parametrize(("provider", "model", "temperature", "says"), [
    ("openai", "gpt-4o-mini", "2.5", "0 to 2"),
    ("anthropic", "claude-sonnet-4-20250514", "1.5", "0 to 1"),
    ("openai", "o3-mini", "0.2", "default, 1"),
    ("azure", "gpt-5", "0", "default, 1"),
])  # fmt: skip
def test_ask_checks_the_range_by_provider_whatever_the_url(provider: str, model: str, temperature: str, says: str,
                                                           loopback: LoopbackServer) -> None:  # fmt: skip
    proc = run("ask", "--provider", provider, "--base-url", loopback.url + "/v1", "--model", model,
               "--temperature", temperature, "--json", "hi")  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert says in proc.stderr and "Traceback" not in proc.stderr
    assert last_json(proc)["error"]["category"] == "bad_request" and says in last_json(proc)["error"]["message"]
    assert loopback.requests == []  # nothing sent


def test_in_range_values_go_out(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["ok"]), stream_reply(["ok"]))
    assert run("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o-mini", "--temperature", "2", "hi",
               "--no-log").returncode == 0  # fmt: skip
    assert run("ask", "--base-url", loopback.url + "/v1", "--model", "o3-mini", "--temperature", "1", "hi",
               "--no-log").returncode == 0  # fmt: skip
    assert [r.json()["temperature"] for r in loopback.requests] == [2, 1]


def test_every_fallback_is_checked_before_sending(loopback: LoopbackServer) -> None:
    proc = run("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o-mini", "--temperature", "1.5",
               "--fallback", f"anthropic:claude-3-5-haiku-latest@{loopback.url}", "hi")  # fmt: skip
    assert proc.returncode == 2 and "anthropic:claude-3-5-haiku-latest" in proc.stderr and "0 to 1" in proc.stderr
    assert loopback.requests == []


def test_compare_checks_every_target_before_any_is_sent(loopback: LoopbackServer) -> None:
    url = loopback.url + "/v1"
    proc = run("compare", "--target", f"openai:gpt-4o-mini@{url}", "--target", f"anthropic:claude-opus-4@{url}",
               "--temperature", "1.2", "--json", "hi")  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "pane 2" in proc.stderr and "0 to 1" in proc.stderr
    assert last_json(proc)["panes"] == []
    proc = run("compare", "--target", f"openai:o4-mini@{url}", "--target", f"groq:llama-3.1-8b-instant@{url}",
               "--temperature", "0.5", "hi")  # fmt: skip
    assert proc.returncode == 2 and "pane 1" in proc.stderr and "default, 1" in proc.stderr
    assert loopback.requests == []


def test_model_flag_has_help() -> None:
    proc = run("ask", "--help")
    assert proc.returncode == 0
    line = next(ln for ln in proc.stdout.splitlines() if "--model" in ln)
    assert "NAME" in line
    assert "model to ask" in proc.stdout


NO_KEYCHAIN = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # what keyring picks with no D-Bus


def test_without_a_keychain_the_message_is_short_and_names_the_variable() -> None:
    proc = run("ask", "--model", "gpt-4o-mini", "--no-log", "hi", env=NO_KEYCHAIN,
               drop=("PARLEY_KEYRING", "OPENAI_API_KEY"))  # fmt: skip
    assert proc.returncode == 1
    assert "OPENAI_API_KEY" in proc.stderr and "keychain" in proc.stderr
    assert "keys set" not in proc.stderr  # it cannot work here
    assert len(proc.stderr) < 250, proc.stderr
    keys = run("keys", "set", "openai", env=NO_KEYCHAIN, drop=("PARLEY_KEYRING",))
    assert keys.returncode == 1 and "OPENAI_API_KEY" in keys.stderr and len(keys.stderr) < 250
    assert "empty" not in keys.stderr  # said before a key is asked for


def test_embed_with_a_provider_without_embeddings_says_so_first(loopback: LoopbackServer) -> None:
    proc = run("embed", "--provider", "anthropic", "--model", "any", "--base-url", loopback.url, "hello",
               drop=("ANTHROPIC_API_KEY",))  # fmt: skip
    assert proc.returncode == 2
    assert "no embeddings" in proc.stderr and "API key" not in proc.stderr
    assert loopback.requests == []


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_a_local_server_not_running_falls_back_at_once(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["from groq"]))
    proc = run("ask", "--provider", "lmstudio", "--base-url", f"http://127.0.0.1:{_closed_port()}/v1", "--model",
               "local", "--fallback", f"groq:llama@{loopback.url}/v1", "--json", "--no-log", "hi")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["text"] == "from groq"
    assert [a["error_kind"] for a in out["attempts"]] == ["network", None]
    assert "retrying" not in proc.stderr  # the default policy would have waited 0.5 + 1 + 2 s first
    assert out["duration_ms"] < 1500


def test_a_dropped_connection_says_it_dropped(loopback: LoopbackServer) -> None:
    loopback.enqueue(dropped_reply(["half of "]))
    proc = run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--no-log", "hi")
    assert proc.returncode == 1
    assert "dropped" in proc.stderr and "base URL" not in proc.stderr
    assert proc.stdout.startswith("half of ")
