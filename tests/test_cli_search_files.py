"""`ask --web-search` and `ask --file` as a user runs them: a real process, loopback servers speaking each
provider's documented search shapes, PDFs the tests make, the JSON contract and what is stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.store import open_store
from tests.providers import responses_events as ev
from tests.support import search_servers as srv
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.pdfs import encrypted_pdf, image_only_pdf, text_pdf

ROOT = Path(__file__).resolve().parent.parent
KEY = "test-key-not-real"


def ask(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **{v: KEY for v in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GEMINI_API_KEY", "GROQ_API_KEY")}}
    return subprocess.run([sys.executable, "-m", "app", "ask", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def test_anthropic_web_search_json_and_ledger(loopback: LoopbackServer, parley_home: Path) -> None:
    loopback.enqueue(srv.anthropic_search_stream())
    proc = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-5", "--web-search",
               "--json", "who won euro 2024?")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["text"] == "Let me search. Spain won."
    assert out["citations"] == [{"url": "https://example.com/euro", "title": "Euro 2024"}]
    assert out["searches"] == 1
    assert out["cost_source"] == "catalog" and out["cost_usd"] > 0.01  # tokens plus $0.01 for the search
    with open_store(parley_home / "data" / "parley.db") as store:
        [row] = store.logged_requests()
        assert (row.web_searches, row.search_cost_usd) == (1, pytest.approx(0.01))
        answer = store.thread(out["conversation_id"])[-1]
        assert [(c.url, c.title) for c in answer.citations] == [("https://example.com/euro", "Euro 2024")]


def test_pause_turn_is_continued(loopback: LoopbackServer) -> None:
    loopback.enqueue(srv.anthropic_search_stream(stop_reason="pause_turn"),
                     srv.anthropic_search_stream(lead="", answer=[" Again."], srv_id="srvtoolu_02"))  # fmt: skip
    proc = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-5", "--web-search",
               "--json", "--no-log", "q")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["text"] == "Let me search. Spain won. Again." and out["searches"] == 2
    assert len(loopback.requests) == 2 and out["finish_reason_raw"] == "end_turn"


def test_gemini_grounding_sources_are_its_redirect_links(loopback: LoopbackServer) -> None:
    loopback.enqueue(srv.gemini_search_stream(model="gemini-3-flash-preview", queries=3))
    proc = ask("--provider", "gemini", "--base-url", loopback.url, "--model", "gemini-3-flash-preview",
               "--web-search", "--json", "--no-log", "q")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert [c["url"] for c in out["citations"]] == [srv.REDIRECT + "AUZIYQE1", srv.REDIRECT + "AUZIYQF2"]
    assert out["searches"] == 3


def test_openai_web_search_goes_to_the_responses_api(loopback: LoopbackServer) -> None:
    loopback.enqueue(ev.sse([*ev.created(), *ev.web_search_call(0, "q"),
                             *ev.message(1, ["Answer."], [ev.url_citation("https://a.example/", "A")]),
                             ev.completed()]))  # fmt: skip
    proc = ask("--base-url", loopback.url + "/v1", "--model", "gpt-4.1-mini", "--web-search", "--json", "--no-log", "q")
    assert proc.returncode == 0, proc.stderr
    out = last_json(proc)
    assert out["citations"] == [{"url": "https://a.example/", "title": "A"}] and out["searches"] == 1
    [req] = loopback.requests
    assert req.path == "/v1/responses" and req.json()["tools"] == [{"type": "web_search"}]


@pytest.mark.parametrize(("args", "why"), [
    (["--model", "gpt-3.5-turbo"], "cannot search the web here; models that can: gpt-4.1-mini"),
    (["--model", "gpt-4.1-mini", "--api", "chat"], "needs the Responses API"),
    (["--provider", "groq", "--model", "llama-3.3-70b-versatile"], "cannot search the web"),
])  # fmt: skip
def test_web_search_with_a_model_that_cannot_is_a_usage_error(loopback: LoopbackServer, args: list[str],
                                                                why: str) -> None:  # fmt: skip
    proc = ask("--base-url", loopback.url + "/v1", *args, "--web-search", "--json", "q")
    assert proc.returncode == 2, proc.stderr
    assert why in proc.stderr
    assert loopback.requests == []


def test_files_go_natively_and_are_kept_with_the_conversation(loopback: LoopbackServer, tmp_path: Path,
                                                              parley_home: Path) -> None:  # fmt: skip
    pdf, notes = tmp_path / "report.pdf", tmp_path / "notes.md"
    pdf.write_bytes(text_pdf(["Revenue rose 12%", "Costs fell"]))
    notes.write_text("- check costs\n", encoding="utf-8")
    loopback.enqueue(srv.anthropic_search_stream(lead="", answer=["Revenue rose."]),
                     srv.anthropic_search_stream(lead="", answer=["Yes."]))  # fmt: skip
    proc = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-5", "--file",
               str(pdf), "--file", str(notes), "--json", "Summarise.")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "attached report.pdf: 2 pages, about 3,000 tokens" in proc.stderr  # shown before sending
    content = loopback.requests[0].json()["messages"][0]["content"]
    assert [b["type"] for b in content] == ["document", "document", "text"]
    assert content[0]["source"]["media_type"] == "application/pdf" and content[0]["title"] == "report.pdf"
    assert content[1]["source"] == {"type": "text", "media_type": "text/plain", "data": "- check costs\n"}

    again = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-5", "--continue",
                "--json", "Sure?")  # fmt: skip
    assert again.returncode == 0, again.stderr
    history = loopback.requests[1].json()["messages"]
    assert [b["type"] for b in history[0]["content"]] == ["document", "document", "text"]  # sent again, from the store
    with open_store(parley_home / "data" / "parley.db") as store:
        assert store.document_count() == 2


def test_a_pdf_goes_as_text_to_a_text_only_provider(loopback: LoopbackServer, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(text_pdf(["Revenue rose 12%"]))
    loopback.enqueue(stream_reply(["ok"]))
    proc = ask("--provider", "groq", "--base-url", loopback.url + "/v1", "--model", "llama-3.3-70b-versatile",
               "--file", str(pdf), "--no-log", "--json", "Summarise.")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    content = loopback.requests[0].json()["messages"][0]["content"]
    assert content[0] == {"type": "text", "text": '<document name="report.pdf">\nRevenue rose 12%\n</document>'}


@pytest.mark.parametrize(("make", "provider", "why"), [
    (encrypted_pdf, "anthropic", "is encrypted"),
    (lambda: b"%PDF-1.4\n garbage", "anthropic", "is damaged"),
    (lambda: image_only_pdf(2), "groq", "no text found in bad.pdf"),
    (lambda: b"\x00\x01binary", "anthropic", "is not a text file"),
])  # fmt: skip
def test_a_file_that_cannot_go_sends_nothing(loopback: LoopbackServer, tmp_path: Path, make: Any, provider: str,
                                             why: str) -> None:  # fmt: skip
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(make())
    url = loopback.url + ("/v1" if provider == "groq" else "")
    proc = ask("--provider", provider, "--base-url", url, "--model", "m", "--file", str(bad), "--json", "q")
    assert proc.returncode == 2, proc.stderr
    assert why in proc.stderr
    assert loopback.requests == []


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    proc = ask("--model", "m", "--file", str(tmp_path / "nope.txt"), "q")
    assert proc.returncode == 2 and "cannot read" in proc.stderr


def test_search_export_and_import_carry_the_sources(loopback: LoopbackServer, tmp_path: Path) -> None:
    loopback.enqueue(srv.anthropic_search_stream(results=[("https://www.uefa.com/euro/", "UEFA tournament report")]))
    proc = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-5", "--web-search",
               "--json", "who won?")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    conversation = last_json(proc)["conversation_id"]

    def app(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=60)  # fmt: skip

    found = json.loads(app("search", "tournament report", "--json").stdout.strip().splitlines()[-1])
    assert [h["conversation_id"] for h in found["hits"]] == [conversation]
    exported = app("export", str(conversation), "--format", "json")
    assert exported.returncode == 0, exported.stderr
    document = json.loads(exported.stdout)
    assert document["messages"][-1]["citations"] == [{"url": "https://www.uefa.com/euro/",
                                                      "title": "UEFA tournament report"}]  # fmt: skip
    path = tmp_path / "export.json"
    path.write_text(exported.stdout, encoding="utf-8")
    assert app("import", str(path)).returncode == 0
    again = json.loads(app("search", "tournament", "--json").stdout.strip().splitlines()[-1])
    assert len(again["hits"]) == 2  # the imported copy is found by its sources too


def test_markdown_export_lists_documents_and_sources(loopback: LoopbackServer, tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("- a note\n", encoding="utf-8")
    loopback.enqueue(srv.anthropic_search_stream())
    proc = ask("--provider", "anthropic", "--base-url", loopback.url, "--model", "claude-sonnet-4-5", "--web-search",
               "--file", str(notes), "--json", "q")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    conversation = str(last_json(proc)["conversation_id"])
    md = subprocess.run([sys.executable, "-m", "app", "export", conversation, "--format", "md"], cwd=ROOT,
                        capture_output=True, text=True, timeout=60).stdout  # fmt: skip
    assert "Attached: notes.md" in md
    assert "Sources:\n\n1. [Euro 2024](https://example.com/euro)" in md
