"""`ask --image`: images reach each protocol in its own shape; a text-only model is refused before sending."""

from __future__ import annotations

import base64
import json
import subprocess
from pathlib import Path

import pytest

from app.core.capabilities import supports_images
from tests.support.cli import last_json, run_app
from tests.support.loopback import LoopbackServer, Reply
from tests.support.openai_server import stream_reply

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def ask(*args: str) -> subprocess.CompletedProcess[str]:
    keys = {var: "test-key-not-real" for var in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "DEEPSEEK_API_KEY")}
    return run_app("ask", "--no-log", *args, env=keys)


@pytest.fixture
def png(tmp_path: Path) -> Path:
    path = tmp_path / "dot.png"
    path.write_bytes(PNG)
    return path


def test_openai_image_part(loopback: LoopbackServer, png: Path) -> None:
    loopback.enqueue(stream_reply(["a dot"]))
    proc = ask("--base-url", loopback.url + "/v1", "--model", "gpt-4o-mini", "--image", str(png), "--json", "what?")
    assert proc.returncode == 0, proc.stderr
    parts = loopback.requests[0].json()["messages"][-1]["content"]
    assert parts[0] == {"type": "text", "text": "what?"}
    assert parts[1]["image_url"]["url"] == "data:image/png;base64," + base64.b64encode(PNG).decode()


def test_anthropic_inline_image(loopback: LoopbackServer, png: Path) -> None:
    events = [
        ("message_start", {"type": "message_start", "message": {"id": "m", "model": "claude-sonnet-4-20250514",
                                                                "usage": {"input_tokens": 5, "output_tokens": 1}}}),
        ("content_block_delta", {"type": "content_block_delta", "index": 0,
                                 "delta": {"type": "text_delta", "text": "a dot"}}),
        ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "end_turn"},
                           "usage": {"output_tokens": 2}}),
        ("message_stop", {"type": "message_stop"}),
    ]  # fmt: skip
    body = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
    loopback.enqueue(Reply(200, {"content-type": "text/event-stream"}, [body.encode()]))
    proc = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-20250514",
               "--image", str(png), "--json", "what?")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    content = loopback.requests[0].json()["messages"][0]["content"]
    image = next(c for c in content if c["type"] == "image")
    assert image["source"] == {"type": "base64", "media_type": "image/png", "data": base64.b64encode(PNG).decode()}


def test_text_only_model_is_refused_before_sending(loopback: LoopbackServer, png: Path) -> None:
    proc = ask("--provider", "deepseek", "--base-url", loopback.url + "/v1", "--model", "deepseek-chat",
               "--image", str(png), "--json", "what?")  # fmt: skip
    assert proc.returncode == 1
    err = last_json(proc)["error"]
    assert err["category"] == "bad_request" and "cannot read images" in err["message"]
    assert loopback.requests == []


def test_not_an_image_is_a_usage_error(tmp_path: Path) -> None:
    fake = tmp_path / "notes.png"
    fake.write_text("just text")
    proc = ask("--model", "gpt-4o", "--image", str(fake), "hi")
    assert proc.returncode == 2 and "not a PNG, JPEG, GIF or WebP" in proc.stderr
    assert ask("--model", "gpt-4o", "--image", str(tmp_path / "missing.png"), "hi").returncode == 2


@pytest.mark.parametrize(("model", "expected"), [
    ("gpt-4o-mini", True), ("claude-sonnet-4-20250514", True), ("gemini-2.5-flash", True),
    ("deepseek-chat", False), ("gpt-3.5-turbo", False), ("llama-3.3-70b-versatile", False),
    ("meta-llama/llama-3.2-90b-vision-instruct", True), ("some-new-model", None),
])  # fmt: skip
def test_capability_table(model: str, expected: bool | None) -> None:
    assert supports_images("any", model) is expected
