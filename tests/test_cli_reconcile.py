"""`python -m app reconcile` end to end: a real process, a loopback server speaking OpenAI's report shapes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from app.cli.parser import REPORT_PROVIDERS
from app.core.account_reports import REPORT_PROVIDERS as CORE_PROVIDERS
from app.core.paths import db_path
from app.store import open_store
from tests.support.loopback import LoopbackServer
from tests.support.report_servers import ADMIN_KEY, OpenAIAdmin, openai_bucket, openai_cost, openai_usage

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.now(timezone.utc).date()
D1, D2 = TODAY - timedelta(days=2), TODAY - timedelta(days=1)


def run(*args: str, key: str | None = ADMIN_KEY) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"OPENAI_ADMIN_KEY": key} if key else {})}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=90)  # fmt: skip


def last_json(proc: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return data


def seed_ledger() -> None:
    with open_store(db_path()) as store:
        for day, cost in ((D1, 0.12), (D1, 0.21), (D2, 0.05)):
            store.log_request(provider="openai", requested_model="gpt-4o", served_model="gpt-4o-2024-08-06",
                              cost_usd=cost, cost_source="catalog", source="cli",
                              started_at=datetime.combine(day, time(12), timezone.utc))  # fmt: skip


def server() -> OpenAIAdmin:
    return OpenAIAdmin(
        costs=[openai_bucket(D1, [openai_cost(0.15, "gpt-4o-2024-08-06, input"),
                                  openai_cost(0.25, "gpt-4o-2024-08-06, output")]),
               openai_bucket(D2, [openai_cost(0.05, "gpt-4o-2024-08-06, input"),
                                  openai_cost(2.5, "o3-2025-04-16, output")])],
        usage=[openai_bucket(D1, [openai_usage("gpt-4o-2024-08-06", 10, 10, requests=2)])],
    )  # fmt: skip


def test_reconcile_json_is_the_contract_object_per_utc_day_and_model(loopback: LoopbackServer) -> None:
    seed_ledger()
    loopback.handler = server()
    proc = run("reconcile", "--provider", "openai", "--since", D1.isoformat(), "--json",
               "--base-url", loopback.url + "/v1")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert last_json(proc) == {"provider": "openai", "rows": [
        {"date": D1.isoformat(), "model": "gpt-4o", "provider_usd": 0.4, "parley_usd": 0.33, "diff_usd": 0.07,
         "diff_pct": 17.5, "outside_parley": False},
        {"date": D2.isoformat(), "model": "gpt-4o", "provider_usd": 0.05, "parley_usd": 0.05, "diff_usd": 0.0,
         "diff_pct": 0.0, "outside_parley": False},
        {"date": D2.isoformat(), "model": "o3", "provider_usd": 2.5, "parley_usd": 0.0, "diff_usd": 2.5,
         "diff_pct": 100.0, "outside_parley": True},
    ]}  # fmt: skip
    first = loopback.requests[0]
    assert first.headers["authorization"] == f"Bearer {ADMIN_KEY}"
    assert f"start_time={int(datetime.combine(D1, time(), timezone.utc).timestamp())}" in first.path
    assert ADMIN_KEY not in proc.stdout + proc.stderr

    table = run("reconcile", "--provider", "openai", "--since", D1.isoformat(), "--no-fetch")
    assert table.returncode == 0, table.stderr
    assert "outside Parley" in table.stdout and "$2.5000" in table.stdout and "+17.50%" in table.stdout
    assert len(loopback.requests) == 2  # one page of each report; --no-fetch sent nothing


def test_a_rejected_admin_key_exits_1_with_the_error_and_the_saved_rows(loopback: LoopbackServer) -> None:
    seed_ledger()
    loopback.handler = server()
    args = ("reconcile", "--provider", "openai", "--since", D1.isoformat(), "--json", "--base-url",
            loopback.url + "/v1")  # fmt: skip
    good = last_json(run(*args))
    bad = run(*args, key="test-wrong-admin-key-not-real")
    assert bad.returncode == 1
    out = last_json(bad)
    assert out["rows"] == good["rows"] and out["provider"] == "openai"
    assert (out["error"]["kind"], out["error"]["category"], out["error"]["status"]) == ("auth", "auth", 401)
    assert "admin key was refused" in bad.stderr and "test-wrong-admin-key-not-real" not in bad.stdout + bad.stderr


def test_without_an_admin_key_nothing_is_sent_and_the_reason_is_given(loopback: LoopbackServer) -> None:
    loopback.handler = server()
    proc = run("reconcile", "--provider", "openai", "--base-url", loopback.url + "/v1", key=None)
    assert proc.returncode == 1 and loopback.requests == []
    assert "No admin key for openai" in proc.stderr and "OPENAI_ADMIN_KEY" in proc.stderr


def test_usage_errors_exit_2() -> None:
    assert run("reconcile", "--provider", "groq").returncode == 2
    bad_day = run("reconcile", "--provider", "openai", "--since", "last week")
    assert bad_day.returncode == 2 and "--since wants a UTC day" in bad_day.stderr
    future = run("reconcile", "--provider", "openai", "--since", (TODAY + timedelta(days=2)).isoformat())
    assert future.returncode == 2 and "after today" in future.stderr
    assert run("reconcile").returncode == 2


def test_the_cli_names_the_same_providers_as_core() -> None:
    assert REPORT_PROVIDERS == CORE_PROVIDERS
    assert date.fromisoformat(D1.isoformat()) == D1


def test_keys_set_and_delete_an_admin_key(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from app import cli
    from app.core import keys as keys_module
    from app.core.admin_keys import admin_key

    shared = keys_module._MemoryKeyring()
    monkeypatch.setattr(keys_module, "_default_backend", lambda: shared)
    monkeypatch.setattr(sys, "stdin", io.StringIO(ADMIN_KEY + "\n"))
    assert cli.run_cli(["keys", "set", "openai-admin"]) == 0
    found = admin_key(keys_module.KeyStore(), "openai")
    assert (found.value, found.source) == (ADMIN_KEY, "keychain")
    assert keys_module.KeyStore().get("openai").value is None  # the chat key is untouched
    assert cli.run_cli(["keys", "delete", "openai-admin"]) == 0
    assert admin_key(keys_module.KeyStore(), "openai").value is None
    assert cli.run_cli(["keys", "set", "groq-admin"]) == 2
    assert ADMIN_KEY not in capsys.readouterr().out
