"""`list`, `search` and `spend` as a user reads them: ids for export, titles, "no matches", "unpriced"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

ROOT = Path(__file__).resolve().parent.parent
KEY = "test-key-not-real"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env={**os.environ, "OPENAI_API_KEY": KEY},
                          capture_output=True, text=True, timeout=90)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def _ask(loopback: LoopbackServer, prompt: str, answer: str, model: str = "gpt-4o-mini") -> int:
    loopback.enqueue(stream_reply([answer], prompt_tokens=100, model=model))
    proc = run("ask", "--base-url", loopback.url + "/v1", "--model", model, "--json", prompt)
    assert proc.returncode == 0, proc.stderr
    return int(last_json(proc)["conversation_id"])


def test_list_json_gives_ids_newest_first_for_export(loopback: LoopbackServer) -> None:
    older = _ask(loopback, "Where do penguins live?", "Mostly in the southern hemisphere.")
    newer = _ask(loopback, "Name a fjord", "Geirangerfjord.")
    proc = run("list", "--json")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 1
    listing = last_json(proc)
    assert set(listing) == {"conversations"}
    rows = listing["conversations"]
    assert [r["id"] for r in rows] == [newer, older]
    assert set(rows[0]) == {"id", "title", "updated_at", "messages", "cost_usd"}
    assert rows[1]["title"] == "Where do penguins live?" and rows[1]["messages"] == 2
    assert rows[1]["cost_usd"] > 0 and rows[0]["updated_at"] >= rows[1]["updated_at"]
    exported = run("export", str(rows[1]["id"]))
    assert "southern hemisphere" in exported.stdout
    plain = run("list")
    assert plain.returncode == 0 and plain.stdout.index("Name a fjord") < plain.stdout.index("penguins")


def test_list_with_nothing_saved_says_so() -> None:
    proc = run("list")
    assert proc.returncode == 0 and proc.stdout == "" and "no conversations" in proc.stderr
    assert last_json(run("list", "--json")) == {"conversations": []}


def test_search_shows_titles_and_says_when_nothing_matched(loopback: LoopbackServer) -> None:
    cid = _ask(loopback, "Tell me about axolotls", "Axolotls regrow their limbs.")
    proc = run("search", "regrow")
    assert proc.returncode == 0, proc.stderr
    assert "Tell me about axolotls" in proc.stdout and f"#{cid}" in proc.stdout and "«regrow»" in proc.stdout
    hits = last_json(run("search", "regrow", "--json"))["hits"]
    assert hits[0]["title"] == "Tell me about axolotls" and hits[0]["conversation_id"] == cid
    none = run("search", "zzyzx")
    assert none.returncode == 0 and none.stdout == "" and "no matches for 'zzyzx'" in none.stderr
    assert last_json(run("search", "zzyzx", "--json")) == {"hits": []}


def test_spend_says_unpriced_never_zero(loopback: LoopbackServer) -> None:
    _ask(loopback, "priced", "yes")  # gpt-4o-mini is in the catalog
    _ask(loopback, "not priced", "who knows", model="my-own-finetune")
    proc = run("spend", "--by", "model")
    assert proc.returncode == 0, proc.stderr
    line = next(ln for ln in proc.stdout.splitlines() if "my-own-finetune" in ln)
    assert "unpriced" in line and "$" not in line
    priced = next(ln for ln in proc.stdout.splitlines() if "gpt-4o-mini" in ln)
    assert "$" in priced and "unpriced" not in priced  # a real, tiny figure stays a figure
    assert "1 could not be priced" in proc.stdout.splitlines()[0]
