"""After a full session against servers that echo the request headers back, no file Parley wrote and nothing it
printed holds the key: keys set/list/test, ask, compare, continue, spend, search, export, import, the window."""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.core.settings import ProviderSettings, RetrySettings, Settings, save_settings
from tests.support.cli import run_app
from tests.support.loopback import LoopbackServer, Recorded, Reply
from tests.support.openai_server import chunk, stream_reply

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt makes the QApplication (crash test)

KEY = "sk-test-key-not-real-parley7Qx9ZtW"  # kept in the keychain
KEY2 = "ant-test-key-not-real-parley3Hv8RmY"  # from the environment only
NO_RETRY = RetrySettings(max_retries=0)  # a refused key is not retried anyway; a 500 would wait seconds


def needles() -> dict[str, bytes]:
    """Each key, its distinctive tail, and the forms it could take in a file (UTF-16 in Qt settings, base64)."""
    out: dict[str, bytes] = {}
    for name, key in (("keychain key", KEY), ("env key", KEY2)):
        tail = key[-10:]
        out[name] = key.encode()
        out[f"{name} tail"] = tail.encode()
        out[f"{name} tail utf-16"] = tail.encode("utf-16-le")
        for pad in range(3):  # base64 of the key at any byte offset in what was encoded
            out[f"{name} base64/{pad}"] = base64.b64encode(b"\0" * pad + key.encode())[4:-4]
    return out


def leaks(data: bytes) -> list[str]:
    return [name for name, needle in needles().items() if needle in data]


@pytest.mark.parametrize("written", [
    KEY.encode(), b"Authorization: Bearer " + KEY.encode() + b"\r\n", ("x" + KEY[-10:]).encode("utf-16-le"),
    base64.b64encode(b"Bearer " + KEY2.encode()), base64.b64encode(b"k:" + KEY.encode()), KEY2[-10:].encode(),
], ids=["raw", "header", "tail-utf16", "base64-1", "base64-2", "tail"])  # fmt: skip
def test_the_scan_finds_a_key_in_each_form(written: bytes) -> None:
    assert leaks(b"\x00SQLite page\x00" + written + b"\x00") != []


def _echo(req: Recorded) -> str:
    return "\n".join(f"{k}: {v}" for k, v in req.raw_headers)


def refused(req: Recorded) -> Reply:
    """A 401 that quotes every request header back, in the body and in its own headers."""
    auth = req.headers.get("authorization") or req.headers.get("x-api-key", "")
    body = {"error": {"message": f"Incorrect API key provided: {auth}. Your request was:\n{_echo(req)}",
                      "type": "authentication_error", "code": "invalid_api_key", "param": auth}}  # fmt: skip
    return Reply.json(body, status=401, headers={"www-authenticate": f'Bearer error="invalid_token" token="{auth}"',
                                                 "x-echo-authorization": auth})  # fmt: skip


def broken(req: Recorded) -> Reply:
    """A proxy's 500 HTML page dumping the request."""
    page = f"<html><body><h1>500 Internal Server Error</h1><pre>{_echo(req)}</pre></body></html>".encode()
    return Reply(500, {"content-type": "text/html"}, [page], chunked=False)


def dies_mid_stream(req: Recorded) -> Reply:
    """Some text, then an in-stream error quoting the credentials."""
    auth = req.headers.get("authorization", "")
    return Reply.sse([chunk("Partial "), chunk("answer"), {"error": {"message": f"upstream rejected {auth}",
                                                                    "type": "server_error"}}], done=False)  # fmt: skip


class Session:
    """Runs Parley's commands as a user would, keeping everything they printed."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.printed: list[tuple[str, str, str]] = []  # (command, stdout, stderr)

    def run(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None,
            codes: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:  # fmt: skip
        proc = run_app(*args, env={"ANTHROPIC_API_KEY": KEY2, **(env or {})}, stdin=stdin, timeout=120)
        command = " ".join(args)[:80]
        self.printed.append((command, proc.stdout, proc.stderr))
        assert proc.returncode in codes, f"{command}: exit {proc.returncode}\n{proc.stderr}"
        assert "Traceback" not in proc.stderr, f"{command}\n{proc.stderr}"
        return proc

    def save_to(self, name: str, text: str) -> Path:
        """What a user does with `export ... > file`: the file lands in the profile, and is scanned too."""
        path = self.home / "exports" / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path


def answers(req: Recorded) -> Reply:
    if req.path.endswith("/models"):
        return Reply.json({"object": "list", "data": [{"id": "house-model", "object": "model"}]})
    return stream_reply(["A fine ", "answer."], prompt_tokens=7)


async def fetch_model_list() -> None:
    """The window's model picker fetches and caches a provider's models (into the cache folder)."""
    import httpx
    from keyring.backends.SecretService import Keyring

    from app.core.keys import KeyStore
    from app.core.model_lists import fetch_models
    from app.core.services import Services
    from app.core.settings import load_settings

    keys = KeyStore(Keyring())  # type: ignore[no-untyped-call]
    async with httpx.AsyncClient() as client:
        listing = await fetch_models(Services(client, keys, load_settings().settings), "groq")
    assert [m.id for m in listing.models] == ["house-model"]


@pytest.fixture
def good() -> Iterator[LoopbackServer]:
    server = LoopbackServer().start()
    server.handler = answers
    yield server
    server.stop()


@pytest.fixture
def hostile() -> Iterator[LoopbackServer]:
    server = LoopbackServer().start()
    server.handler = refused
    yield server
    server.stop()


@pytest.fixture
def log_file(parley_home: Path) -> Iterator[Path]:
    """The app's own logging set-up (file in the data dir), taken down again after the test."""
    from app.ui.crash import setup_logging

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    path = setup_logging()
    assert path is not None and path.is_relative_to(parley_home)
    yield path
    for handler in root.handlers[:]:
        if handler not in before:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


async def crash_on_a_refused_key(server: LoopbackServer, log: Path) -> None:
    """A bug lets the provider's error (the 401 echoing our headers) escape a slot: the crash handler reports it."""
    import httpx

    from app.providers import ChatRequest, Message, ProviderError, adapter_for, get_spec, with_base_url
    from app.providers.base import Endpoint
    from app.ui.crash import CrashHandler

    handler = CrashHandler(log)
    adapter = adapter_for(Endpoint(with_base_url(get_spec("openai"), server.url + "/v1"), api_key=KEY))
    async with httpx.AsyncClient() as client:
        try:
            async for _event in adapter.chat(client, ChatRequest(model="m", messages=(Message("user", "hi"),))):
                pass
        except ProviderError as exc:
            handler(type(exc), exc, exc.__traceback__)
    assert handler.count == 1 and handler.box is not None
    shown = handler.box.text() + handler.box.informativeText() + handler.box.detailedText()
    assert "Incorrect API key provided" in shown and leaks(shown.encode()) == []
    handler.box.close()


@pytest.mark.keychain
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen's, not Parley's
def test_no_key_anywhere_after_a_full_session(parley_home: Path, secret_service: dict[str, str],
                                              good: LoopbackServer, hostile: LoopbackServer, qtbot: Any,
                                              log_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    save_settings(Settings(providers={
        "openai": ProviderSettings(base_url=hostile.url + "/v1", retries=NO_RETRY),
        "anthropic": ProviderSettings(base_url=hostile.url, retries=NO_RETRY),
        "groq": ProviderSettings(base_url=good.url + "/v1"),
    }))  # fmt: skip
    s = Session(parley_home)
    s.run("keys", "set", "openai", stdin=KEY + "\n")
    assert "openai" in s.run("keys", "list").stdout
    assert "rejected" in s.run("keys", "test", "openai", codes=(1,)).stderr  # the hostile 401, headers echoed

    s.run("ask", "--base-url", good.url + "/v1", "--model", "gpt-4o-mini", "Hello there")
    s.run("ask", "--continue", "--base-url", good.url + "/v1", "--model", "gpt-4o-mini", "And more")
    out = json.loads(s.run("ask", "--json", "--model", "gpt-4o-mini", "Refused?", codes=(1,)).stdout.splitlines()[-1])
    assert out["error"]["category"] == "auth"
    hostile.handler = broken
    s.run("ask", "--model", "gpt-4o-mini", "Broken?", codes=(1,))
    hostile.handler = dies_mid_stream
    s.run("ask", "--json", "--model", "gpt-4o-mini", "Cut off?", codes=(1,))
    s.run("ask", "--no-stream", "--model", "gpt-4o-mini", "Cut off again?", codes=(1,))
    hostile.handler = refused
    compared = s.run("compare", "--json", "--target", f"openai:gpt-4o-mini@{good.url}/v1",
                     "--target", "anthropic:claude-3-5-haiku-latest", "Compare us", codes=(0, 1))  # fmt: skip
    panes = json.loads(compared.stdout.splitlines()[-1])["panes"]
    assert [p["error"] and p["error"]["category"] for p in panes] == [None, "auth"]
    assert any(KEY in r.headers.get("authorization", "") for r in hostile.requests)  # the key was really sent
    assert any(r.headers.get("x-api-key") == KEY2 for r in hostile.requests)

    s.run("spend")
    s.run("spend", "--json", "--by", "provider")
    hits = json.loads(s.run("search", "--json", "answer").stdout.splitlines()[-1])["hits"]
    conversation = hits[0]["conversation_id"]
    exported = s.save_to("conversation.json", s.run("export", str(conversation), "--format", "json").stdout)
    s.save_to("conversation.md", s.run("export", str(conversation), "--format", "md").stdout)
    s.run("import", str(exported))
    monkeypatch.setenv("GROQ_API_KEY", KEY2)
    asyncio.run(fetch_model_list())
    assert any(r.headers.get("authorization") == f"Bearer {KEY2}" for r in good.requests)
    asyncio.run(crash_on_a_refused_key(hostile, log_file))
    window = s.run(env={"PARLEY_EXIT_AFTER_SHOW": "1", "QT_QPA_PLATFORM": "offscreen"})
    assert json.loads(window.stdout.splitlines()[-1])["painted"] is True

    for h in logging.getLogger().handlers:
        h.flush()
    assert "unexpected error" in log_file.read_text(encoding="utf-8")  # the crash report is among the files
    files = sorted(p for p in parley_home.rglob("*") if p.is_file())
    names = {p.relative_to(parley_home).as_posix() for p in files}
    assert {"data/parley.db", "config/settings.json", "data/parley.log", "exports/conversation.json"} <= names, names
    assert any(name.startswith("cache/") for name in names), names
    found = {p.relative_to(parley_home).as_posix(): leaks(p.read_bytes()) for p in files}
    assert {path: what for path, what in found.items() if what} == {}
    printed = {cmd: leaks((stdout + stderr).encode()) for cmd, stdout, stderr in s.printed}
    assert {cmd: what for cmd, what in printed.items() if what} == {}
    # The scan can see: the echoed headers did reach Parley, and the errors it kept say what went wrong.
    assert "Incorrect API key provided" in "".join(stderr for _, _, stderr in s.printed)


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen's, not Parley's
def test_a_crash_report_holds_no_key(qtbot: Any, log_file: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A bug whose exception quotes the request it was handling: the report keeps the story, not the key."""
    from app.providers import get_spec, with_base_url
    from app.providers.base import Endpoint
    from app.ui.crash import CrashHandler

    endpoint = Endpoint(with_base_url(get_spec("openai"), "http://127.0.0.1:9/v1"), api_key=KEY)
    handler = CrashHandler(log_file)
    try:
        raise RuntimeError(f"unexpected reply to a request with headers {endpoint.headers()}")
    except RuntimeError as exc:
        handler(type(exc), exc, exc.__traceback__)
    box = handler.box
    assert box is not None
    for h in logging.getLogger().handlers:
        h.flush()
    report = log_file.read_bytes()
    assert b"unexpected reply to a request with headers" in report  # the crash was reported
    shown = (box.text() + box.informativeText() + box.detailedText()).encode()
    assert leaks(report) == [] and leaks(shown) == []
    box.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")  # offscreen's, not Parley's
def test_a_bare_key_the_app_knows_is_kept_out_of_reports_and_logs(qtbot: Any, log_file: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """No "Bearer" before it to give it away: a key looked up (or set in the environment) is still taken out."""
    from app.core.runtime import Runtime
    from app.ui.crash import CrashHandler

    monkeypatch.setenv("ANTHROPIC_API_KEY", KEY2)
    services = Runtime()
    services.keys.set_session("openai", KEY)
    assert services.keys.get("openai").value == KEY
    handler = CrashHandler(log_file)
    try:
        raise RuntimeError(f"a value where a name belongs: {KEY} / {KEY2}")
    except RuntimeError as exc:
        handler(type(exc), exc, exc.__traceback__)
    logging.getLogger("parley").warning("a bug logs a key: %s", KEY)
    box = handler.box
    assert box is not None
    for h in logging.getLogger().handlers:
        h.flush()
    report = log_file.read_bytes()
    assert b"a value where a name belongs" in report and b"a bug logs a key: [redacted]" in report
    shown = (box.text() + box.informativeText() + box.detailedText()).encode()
    assert leaks(report) == [] and leaks(shown) == []
    box.close()
