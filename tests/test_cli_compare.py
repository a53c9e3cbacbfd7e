"""`python -m app compare`: panes in --target order, run concurrently, one failure never blocks the rest."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import last_json, run_app
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import error_reply, stream_reply
from tests.support.store_sql import latest_comparison_run


def test_compare_json_panes_in_target_order(loopback: LoopbackServer) -> None:
    slow, failing = LoopbackServer().start(), LoopbackServer().start()
    try:
        loopback.enqueue(stream_reply(["fast ", "one"], model="fast-served"))
        slow.enqueue(stream_reply(["slow ", "one", "!"], pause=0.4, model="slow-served"))
        failing.enqueue(error_reply(400, "bad model parameter"))
        env = {"OPENAI_API_KEY": "test-key-not-real", "GROQ_API_KEY": "test-key-not-real-2"}
        proc = run_app("compare", "--json", "--target", f"groq:slow@{slow.url}/v1", "--target",
                       f"openai:fast@{loopback.url}/v1", "--target", f"openai:broken@{failing.url}/v1", "same prompt",
                       env=env)  # fmt: skip
    finally:
        slow.stop()
        failing.stop()
    assert proc.returncode == 1  # one pane failed
    out = last_json(proc)
    panes = out["panes"]
    assert [p["requested_model"] for p in panes] == ["slow", "fast", "broken"]
    assert panes[0]["text"] == "slow one!" and panes[0]["model"] == "slow-served"
    assert panes[1]["text"] == "fast one" and panes[1]["error"] is None
    assert panes[2]["error"]["category"] == "bad_request"
    assert panes[0]["usage"]["output_tokens"] == 3 and panes[1]["usage"]["output_tokens"] == 2
    assert out["ranking"]["ttft_ms"][-1] == 2  # the failed pane ranks last
    for server in (loopback, slow):
        assert server.requests[0].json()["messages"][-1]["content"] == "same prompt"


def test_compare_run_is_stored_and_costed(loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["one"], model="gpt-4o-mini"), stream_reply(["two"], model="gpt-4o-mini"))
    env = {"OPENAI_API_KEY": "test-key-not-real"}
    proc = run_app("compare", "--json", "--target", f"openai:gpt-4o-mini@{loopback.url}/v1", "--target",
                   f"openai:gpt-4o-mini@{loopback.url}/v1", "prompt for both", env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    from app.core.paths import db_path
    from app.store import open_store

    with open_store(db_path()) as store:
        rows = store.logged_requests()
        assert len(rows) == 2 and {r.source for r in rows} == {"compare"}
        assert all(r.cost_source == "catalog" and r.cost_usd for r in rows)
        run = store.comparison(latest_comparison_run(store))
    assert run.prompt == "prompt for both"
    assert sorted(p.request_id or 0 for p in run.panes) == sorted(r.id for r in rows)  # logged as each pane ends


def test_compare_parameters_reach_every_pane_and_are_stored(loopback: LoopbackServer) -> None:
    loopback.enqueue_for("m1", stream_reply(["one"], model="m1"))
    loopback.enqueue_for("m2", stream_reply(["two"], model="m2"))
    env = {"OPENAI_API_KEY": "test-key-not-real"}
    proc = run_app("compare", "--json", "--temperature", "0.3", "--max-tokens", "40", "--reasoning-effort", "low",
                   "--json-mode", "--target", f"openai:m1@{loopback.url}/v1", "--target",
                   f"openai:m2@{loopback.url}/v1", "with parameters", env=env)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert [p["text"] for p in last_json(proc)["panes"]] == ["one", "two"]
    for req in loopback.requests:
        body = req.json()
        assert body["temperature"] == 0.3 and body.get("max_completion_tokens", body.get("max_tokens")) == 40
        assert body["reasoning_effort"] == "low" and body["response_format"] == {"type": "json_object"}
    from app.core.paths import db_path
    from app.store import open_store

    with open_store(db_path()) as store:
        params = store.pane_parameters(latest_comparison_run(store))
    expected = {"temperature": 0.3, "max_tokens": 40, "reasoning_effort": "low", "json_mode": True}
    assert params == [expected, expected]


def test_compare_checks_each_pane_against_the_budget(loopback: LoopbackServer, parley_home: Path) -> None:
    """As the window does: a pane whose worst case would cross a budget fails alone, and is never sent."""
    from app.core.settings import Budgets, Limits, Settings, save_settings

    save_settings(Settings(budgets=Budgets(per_provider={"openai": Limits(daily=0.01)})),
                  parley_home / "config" / "settings.json")  # fmt: skip
    loopback.enqueue_for("llama-3.1-8b-instant", stream_reply(["cheap ", "answer"], model="llama-3.1-8b-instant"))
    env = {"OPENAI_API_KEY": "test-key-not-real", "GROQ_API_KEY": "test-key-not-real-2"}
    # gpt-4o: $10/M out, so 100k output tokens at worst is $1, far over OpenAI's $0.01 a day; Groq has no limit.
    proc = run_app("compare", "--json", "--max-tokens", "100000", "--target", f"openai:gpt-4o@{loopback.url}/v1",
                   "--target", f"groq:llama-3.1-8b-instant@{loopback.url}/v1", "over budget?", env=env)  # fmt: skip
    assert proc.returncode == 1, proc.stderr
    refused, answered = last_json(proc)["panes"]
    assert (refused["error"]["kind"], refused["error"]["category"]) == ("budget", "budget")
    assert "daily" in refused["error"]["message"] and refused["text"] == ""
    assert answered["error"] is None and answered["text"] == "cheap answer"
    assert [r.json()["model"] for r in loopback.requests] == ["llama-3.1-8b-instant"]  # the refused pane never went
