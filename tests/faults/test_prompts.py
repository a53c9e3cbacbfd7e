"""Prompts as users really send them: blank ones, huge ones, broken bytes, emoji and right-to-left text."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.providers import ChatRequest, Message
from tests.support.fault_bodies import KEY, MODEL, PROTOCOL_WIRES, OpenAIWire, Wire
from tests.support.fault_harness import Harness, new_client
from tests.support.loopback import LoopbackServer

ROOT = Path(__file__).resolve().parents[2]

TRICKY = (
    "Emoji 👋🏽 👨‍👩‍👧‍👦 🇺🇦 🏳️‍🌈 | Arabic: مرحبا بالعالم، كيف حالك؟ | Hebrew: שָׁלוֹם עוֹלָם | "
    "embedded \u202bمرحبا abc\u202c and \u2067עברית 123\u2069 \u200f| combining e\u0301 a\u0308 | "
    "CJK 漢字かなカナ 한국어 | 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \U0010fffd | joiners a\u200db\u200cc | quotes \" ' \\ / | "
    "separators \u2028 \u2029 | \ttab\r\nCRLF and a BOM-like \ufeff mid-text"
)
SYSTEM = "Réponds en français — ответь по-русски — أجب بالعربية 🙂"


def _cli(
    *args: str | bytes, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "OPENAI_API_KEY": KEY, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "app", "ask", *args],
        cwd=ROOT,
        env=full_env,
        input=stdin,
        capture_output=True,
        timeout=60,
    )


def _last_json(proc: subprocess.CompletedProcess[bytes]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.decode().strip().splitlines()[-1])
    return data


BLANK = [("argv", " \n\t  \r\n"), ("argv", "\u00a0\u3000\u2003"), ("stdin", "   \n\n"), ("stdin", "\ufeff \r\n\t")]


@pytest.mark.parametrize(("where", "prompt"), BLANK, ids=[f"{w}-{i}" for i, (w, _) in enumerate(BLANK)])
def test_whitespace_only_prompt_is_a_usage_error(loopback: LoopbackServer, where: str, prompt: str) -> None:
    args = ["--base-url", loopback.url + "/v1", "--model", MODEL, "--json", "--no-log"]
    proc = _cli(*args, prompt) if where == "argv" else _cli(*args, "-", stdin=prompt.encode())
    assert proc.returncode == 2, proc.stderr
    assert b"the prompt is empty" in proc.stderr and b"Traceback" not in proc.stderr
    assert _last_json(proc)["error"]["category"] == "bad_request"
    assert loopback.requests == []


@pytest.mark.parametrize("io_encoding", ["", "utf-8"], ids=["locale", "strict-utf8"])
def test_stdin_that_is_not_utf8_is_a_usage_error(loopback: LoopbackServer, io_encoding: str) -> None:
    env = {"PYTHONIOENCODING": io_encoding} if io_encoding else {}
    proc = _cli(
        "--base-url",
        loopback.url + "/v1",
        "--model",
        MODEL,
        "--json",
        "--no-log",
        "-",
        stdin=b"caf\xe9 au lait \xff\xfe",
        env=env,
    )
    assert proc.returncode == 2, proc.stderr
    assert b"UTF-8" in proc.stderr and b"Traceback" not in proc.stderr
    assert _last_json(proc)["error"]["kind"] == "bad_request"
    assert loopback.requests == []


@pytest.mark.skipif(sys.platform == "win32", reason="argv is UTF-16 on Windows: it cannot hold invalid bytes")
def test_argv_that_is_not_utf8_is_a_usage_error(loopback: LoopbackServer) -> None:
    proc = _cli("--base-url", loopback.url + "/v1", "--model", MODEL, "--json", "--no-log", b"caf\xe9 \xff")
    assert proc.returncode == 2, proc.stderr
    assert b"not UTF-8" in proc.stderr and b"Traceback" not in proc.stderr
    assert loopback.requests == []


def test_five_megabyte_prompt_via_stdin(loopback: LoopbackServer) -> None:
    """5 MB on stdin, mixed scripts included, reaches the server byte-exact; the exchange is saved as usual."""
    prompt = (TRICKY + "\n") * (5 * 1024 * 1024 // len((TRICKY + "\n").encode()) + 1)
    assert len(prompt.encode()) > 5 * 1024 * 1024
    wire = OpenAIWire()
    loopback.enqueue(wire.good(["read ", "it all ✓"]))
    proc = _cli("--base-url", loopback.url + "/v1", "--model", MODEL, "--json", "-", stdin=prompt.encode())
    assert proc.returncode == 0, proc.stderr
    out = _last_json(proc)
    assert out["error"] is None and out["text"] == "read it all ✓"
    [req] = loopback.requests
    assert wire.prompt(req.json()) == prompt


@pytest.mark.parametrize("wire", PROTOCOL_WIRES, ids=[w.name for w in PROTOCOL_WIRES])
async def test_emoji_and_rtl_round_trip(wire: Wire, loopback: LoopbackServer) -> None:
    """Exactly the same code points in the request body, and back out of the answer."""
    loopback.enqueue(wire.good([TRICKY[:61], TRICKY[61:]]))
    request = ChatRequest(model=MODEL, messages=(Message("user", TRICKY),), system=SYSTEM)
    async with new_client() as client:
        run = await Harness(wire, loopback, client).run(request)
    assert run.reply.error is None, run.reply.error
    assert run.reply.text == TRICKY
    [req] = loopback.requests
    body = req.json()
    assert wire.prompt(body) == TRICKY and wire.system(body) == SYSTEM
    assert req.body.decode("utf-8") == req.body.decode("utf-8", errors="strict")  # well-formed UTF-8 on the wire


@pytest.mark.parametrize("wire", PROTOCOL_WIRES, ids=[w.name for w in PROTOCOL_WIRES])
async def test_five_megabyte_prompt_round_trips(wire: Wire, loopback: LoopbackServer) -> None:
    prompt = (TRICKY + "\n") * (5 * 1024 * 1024 // len((TRICKY + "\n").encode()) + 1)
    loopback.enqueue(wire.good(["ok"]))
    request = ChatRequest(model=MODEL, messages=(Message("user", prompt),))
    async with new_client() as client:
        run = await Harness(wire, loopback, client).run(request)
    assert run.reply.error is None and run.reply.text == "ok"
    assert wire.prompt(loopback.requests[0].json()) == prompt


@pytest.mark.parametrize("wire", PROTOCOL_WIRES, ids=[w.name for w in PROTOCOL_WIRES])
async def test_a_lone_surrogate_is_reported_as_broken_text(wire: Wire, loopback: LoopbackServer) -> None:
    """Text that is not valid Unicode (from undecodable input) cannot be sent: say so, not "check the key"."""
    request = ChatRequest(model=MODEL, messages=(Message("user", "caf\udce9"),))
    async with new_client() as client:
        harness = Harness(wire, loopback, client)
        run = await harness.run(request)
        assert run.reply.error is not None and run.reply.error.kind == "bad_request"
        assert "broken character" in run.reply.error.message and "key" not in run.reply.error.message
        assert loopback.requests == [] and harness.sleeps == []
        await harness.still_works()
