"""The local-data contract end to end: ask logs, spend adds up, search finds, budgets refuse, nothing leaks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from app.core.paths import db_path
from app.store import open_store
from tests.support.cli import ROOT, last_json, run_app
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import chunk, stream_reply
from tests.support.waiting import wait_until_sync

KEY = "test-key-not-real-9f8e7d6c5b4a"
GROQ_KEY = "test-key-not-real-groq-1a2b3c"


def run(*args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return run_app(*args, env={"OPENAI_API_KEY": KEY, "GROQ_API_KEY": GROQ_KEY, **(env or {})}, stdin=stdin,
                   timeout=90)  # fmt: skip


def test_spend_totals_equal_the_priced_requests(loopback: LoopbackServer) -> None:
    costs = []
    for prompt_tokens, n, model in ((1200, 30, "gpt-4o-mini"), (800, 12, "gpt-4o"), (50, 3, "gpt-4o-mini")):
        loopback.enqueue(stream_reply(["w"] * n, prompt_tokens=prompt_tokens, model=model))
        out = last_json(run("ask", "--base-url", loopback.url + "/v1", "--model", model, "--json", "hello"))
        assert out["cost_source"] == "catalog" and out["conversation_id"] is not None
        costs.append(out["cost_usd"])
    loopback.enqueue(stream_reply(["free"], model="llama3"))  # a local custom-free provider costs nothing
    out = last_json(run("ask", "--provider", "lmstudio", "--base-url", loopback.url + "/v1", "--model", "llama3",
                        "--json", "hi"))  # fmt: skip
    assert (out["cost_usd"], out["cost_source"]) == (0.0, "free")
    report = last_json(run("spend", "--by", "model", "--json"))
    assert report["requests"] == 4 and report["unpriced_requests"] == 0
    assert round(report["total_usd"], 2) == round(sum(costs), 2)
    assert abs(report["total_usd"] - sum(costs)) < 1e-9
    by_model = {r["key"]: r for r in report["rows"]}
    assert by_model["openai:gpt-4o-mini"]["requests"] == 2 and by_model["openai:gpt-4o-mini"]["input_tokens"] == 1250
    assert last_json(run("spend", "--by", "provider", "--since", "2000-01-01", "--json"))["total_usd"] == \
        report["total_usd"]  # fmt: skip


def test_no_log_leaves_no_trace(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["secret plans"]))
    out = last_json(run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--json", "--no-log", "hi"))
    assert out["conversation_id"] is None
    assert last_json(run("search", "plans", "--json"))["hits"] == []


def test_sigkill_mid_stream_keeps_the_partial_answer(loopback: LoopbackServer, parley_home: Path) -> None:
    reply = Reply.sse([chunk("zebrafish "), chunk("migrate "), chunk("at dawn")], done=False)
    reply.chunks.insert(1, Pause(0.3))
    reply.chunks.append(Pause(60))
    loopback.enqueue(reply)
    full = {**os.environ, "OPENAI_API_KEY": KEY}
    proc = subprocess.Popen([sys.executable, "-m", "app", "ask", "--base-url", loopback.url + "/v1", "--model",
                             "m", "tell me"], cwd=ROOT, env=full, stdout=subprocess.PIPE, text=True)  # fmt: skip
    assert proc.stdout is not None
    seen = ""
    while "dawn" not in seen:
        seen += proc.stdout.read(1)
    with open_store(db_path(), recover=False) as watcher:  # a reader beside the CLI, as the window would be

        def checkpointed() -> bool:  # (a streaming answer is searchable once it ends: read its row)
            return any("dawn" in m.content for c in watcher.list_conversations() for m in watcher.thread(c.id))

        wait_until_sync(checkpointed, timeout=30, what="the checkpoint of the whole answer")
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    hits = last_json(run("search", "zebrafish", "--json"))["hits"]
    assert len(hits) == 1 and "zebrafish" in hits[0]["snippet"]
    doc = json.loads(run("export", str(hits[0]["conversation_id"]), "--format", "json").stdout)
    answer = next(m for m in doc["messages"] if m["role"] == "assistant")
    assert answer["content"] == "zebrafish migrate at dawn"
    assert answer["status"] == "interrupted"


def test_budget_refuses_the_request_that_would_cross_it(loopback: LoopbackServer, parley_home: Path) -> None:
    from app.core.settings import Budgets, Limits, Settings, save_settings

    save_settings(Settings(budgets=Budgets(overall=Limits(daily=0.01))), parley_home / "config" / "settings.json")
    loopback.enqueue(stream_reply(["x"] * 5, prompt_tokens=1000, model="gpt-4o"))
    first = run("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o", "--max-tokens", "100", "--json", "a")
    assert first.returncode == 0, first.stderr
    # gpt-4o: $2.50/M in, $10/M out; 100k output tokens worst case is $1: far over the $0.01 day.
    refused = run("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o", "--max-tokens", "100000",
                  "--json", "b")  # fmt: skip
    assert refused.returncode == 1
    err = last_json(refused)["error"]
    assert (err["kind"], err["category"]) == ("budget", "budget")
    assert "$" in err["message"] and "daily" in err["message"]
    assert len(loopback.requests) == 1  # nothing was sent
    loopback.enqueue(stream_reply(["y"]))
    allowed = run("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o", "--max-tokens", "100000",
                  "--allow-over-budget", "--json", "c")  # fmt: skip
    assert allowed.returncode == 0 and "budget" in allowed.stderr.lower()


def test_continue_with_another_provider_converts_history(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["Paris."]))
    run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--system", "Be brief.", "Capital of France?")
    loopback.enqueue(stream_reply(["About 2 million."]))
    out = last_json(run("ask", "--provider", "groq", "--base-url", loopback.url + "/v1", "--model", "llama",
                        "--continue", "--json", "Population?"))  # fmt: skip
    assert out["text"] == "About 2 million."
    body = loopback.requests[1].json()
    assert body["messages"] == [
        {"role": "system", "content": "Be brief."},
        {"role": "user", "content": "Capital of France?"},
        {"role": "assistant", "content": "Paris."},
        {"role": "user", "content": "Population?"},
    ]
    assert loopback.requests[1].headers["authorization"] == f"Bearer {GROQ_KEY}"
    md = run("export", str(out["conversation_id"]), "--format", "md").stdout
    assert "Capital of France?" in md and "About 2 million." in md and "groq" in md
    bad = run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--conversation", "999", "hi")
    assert bad.returncode == 2 and "no conversation 999" in bad.stderr


def test_history_longer_than_the_context_window_is_reported_before_sending(loopback: LoopbackServer) -> None:
    huge = "word " * 140_000  # ~140k tokens, over gpt-4o-mini's 128k window
    proc = run("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o-mini", "--json", "-", stdin=huge)
    err = last_json(proc)["error"]
    assert err["kind"] == "context_length" and "128,000" in err["message"]
    assert loopback.requests == []


def test_import_chatgpt_export_with_branches(tmp_path: Path) -> None:
    mapping = {
        "root": {"id": "root", "message": None, "parent": None, "children": ["sys"]},
        "sys": {"id": "sys", "parent": "root", "children": ["u1"],
                "message": {"author": {"role": "system"}, "content": {"content_type": "text", "parts": [""]}}},
        "u1": {"id": "u1", "parent": "sys", "children": ["a1", "a2"],
               "message": {"author": {"role": "user"}, "create_time": 1700000000,
                           "content": {"content_type": "text", "parts": ["What is a quokka?"]}}},
        "a1": {"id": "a1", "parent": "u1", "children": [],
               "message": {"author": {"role": "assistant"}, "metadata": {"model_slug": "gpt-4o"},
                           "content": {"content_type": "text", "parts": ["A small marsupial."]}}},
        "a2": {"id": "a2", "parent": "u1", "children": ["tool"],
               "message": {"author": {"role": "assistant"},
                           "content": {"content_type": "text", "parts": ["A wallaby relative."]}}},
        "tool": {"id": "tool", "parent": "a2", "children": ["u2"],
                 "message": {"author": {"role": "tool"}, "content": {"content_type": "execution_output"}}},
        "u2": {"id": "u2", "parent": "tool", "children": [],
               "message": {"author": {"role": "user"},
                           "content": {"content_type": "multimodal_text",
                                       "parts": [{"content_type": "image_asset_pointer"}, "And this photo?"]}}},
    }  # fmt: skip
    path = tmp_path / "conversations.json"
    path.write_text(json.dumps([{"title": "Quokkas", "create_time": 1700000000, "mapping": mapping,
                                 "current_node": "u2"}]))  # fmt: skip
    proc = run("import", str(path))
    assert proc.returncode == 0, proc.stderr
    conv_id = proc.stdout.strip().split(": ")[-1]
    doc = json.loads(run("export", conv_id, "--format", "json").stdout)
    by_text = {m["content"]: m for m in doc["messages"]}
    assert set(by_text) == {"What is a quokka?", "A small marsupial.", "A wallaby relative.",
                            "[image not imported]\nAnd this photo?"}  # fmt: skip
    user = by_text["What is a quokka?"]
    assert by_text["A small marsupial."]["parent"] == user["id"] == by_text["A wallaby relative."]["parent"]
    assert by_text["[image not imported]\nAnd this photo?"]["parent"] == by_text["A wallaby relative."]["id"]
    assert doc["title"] == "Quokkas"
    assert "And this photo?" in run("export", conv_id).stdout  # the current branch is the one with the photo
    assert run("import", str(tmp_path / "missing.json")).returncode == 2


def test_search_tolerates_fts_syntax(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["我住在东京，每天坐地铁"]))
    run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "Where do you live?")
    assert last_json(run("search", "东京", "--json"))["hits"][0]["snippet"].count("«") >= 1
    for query in ('"unbalanced', "AND OR", "*", "NEAR("):
        proc = run("search", query, "--json")
        assert proc.returncode == 0 and "hits" in last_json(proc)


def test_no_file_written_by_the_app_contains_a_key(loopback: LoopbackServer, parley_home: Path) -> None:
    from tests.support.openai_server import error_reply

    loopback.enqueue(stream_reply(["ok"]), error_reply(401, f"Incorrect API key provided: {KEY}"),
                     stream_reply(["fallback"]))  # fmt: skip
    run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "hi")
    run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--fallback", f"groq:g@{loopback.url}/v1", "yo")
    run("export", "1", "--format", "json")
    run("spend", "--json")
    written = [p for p in parley_home.rglob("*") if p.is_file()]
    assert any(p.name.endswith(".db") for p in written)
    for path in written:
        data = path.read_bytes()
        for secret in (KEY, GROQ_KEY):
            assert secret.encode() not in data, f"{secret} found in {path}"


def test_corrupt_database_is_explained_and_left_alone(loopback: LoopbackServer, parley_home: Path) -> None:
    db = parley_home / "data" / "parley.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    proc = run("spend", "--json")
    assert proc.returncode == 1 and "not an SQLite database" in proc.stderr
    loopback.enqueue(stream_reply(["still answers"]))
    proc = run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi")
    assert proc.returncode == 0 and last_json(proc)["text"] == "still answers"
    assert "not saving this conversation" in proc.stderr
    assert db.read_bytes() == before


def test_unusable_data_folder_is_explained(loopback: LoopbackServer, parley_home: Path) -> None:
    (parley_home / "data").write_text("a file where the data folder should be")
    proc = run("spend", "--json")
    assert proc.returncode == 1 and "data folder is not usable" in proc.stderr and "Traceback" not in proc.stderr
    loopback.enqueue(stream_reply(["answered anyway"]))
    proc = run("ask", "--base-url", loopback.url + "/v1", "--model", "m", "--json", "hi")
    assert proc.returncode == 0 and last_json(proc)["text"] == "answered anyway"
    assert "not saving this conversation" in proc.stderr
