"""The cost panel's figures, from a real ledger: totals as `spend --json` gives them, splits, labels, CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from app.core.budgets import Spend
from app.core.settings import Budgets, Limits
from app.core.spend_views import (
    CHART_DAYS,
    LEDGER_COLUMNS,
    CostView,
    budget_statuses,
    ledger_csv,
    load_view,
    sources_label,
    view_csv,
)
from app.store import Store
from tests.support.ledger import NOW, fill_ledger


@pytest.fixture
def view(store: Store) -> CostView:
    fill_ledger(store)
    return load_view(store, NOW)


def test_totals_are_the_spend_json_figures(store: Store, view: CostView) -> None:
    report = store.spend().to_json()
    assert view.total_usd == report["total_usd"] == pytest.approx(1.57)
    assert view.requests == report["requests"] == 6
    assert view.unpriced_requests == report["unpriced_requests"] == 1
    assert view.today_usd == pytest.approx(0.07)
    assert view.month_usd == pytest.approx(0.57)


def test_splits_match_the_grouped_spend_report(store: Store, view: CostView) -> None:
    by_provider = store.spend("provider").to_json()["rows"]
    assert [(s.key, s.cost_usd, s.requests) for s in view.by_provider] == [
        (r["key"], r["cost_usd"], r["requests"]) for r in by_provider
    ]
    assert [s.key for s in view.by_provider] == ["anthropic", "openai", "openrouter", "ollama"]
    by_model = {s.key: s.cost_usd for s in view.by_model}
    assert by_model["openai:gpt-4o-2024-08-06"] == pytest.approx(0.02)  # the served model names the row
    assert by_model["anthropic:claude-3-5-sonnet"] == pytest.approx(1.0)
    assert by_model["anthropic:claude-mystery"] == 0.0


def test_chart_days_cover_thirty_days_with_zero_bars(view: CostView) -> None:
    assert len(view.by_day) == CHART_DAYS
    assert view.by_day[-1].key == NOW.date().isoformat()
    assert view.by_day[0].key == (NOW.date() - timedelta(days=CHART_DAYS - 1)).isoformat()
    costs = {s.key: s.cost_usd for s in view.by_day if s.requests}
    assert costs == {
        NOW.date().isoformat(): pytest.approx(0.07),
        (NOW.date() - timedelta(days=3)).isoformat(): 0.0,
        (NOW.date() - timedelta(days=10)).isoformat(): pytest.approx(0.5),
    }
    assert sum(s.cost_usd for s in view.by_day) == pytest.approx(0.57)  # the 40-day-old row is outside


def test_every_figure_names_its_cost_source(view: CostView) -> None:
    labels = {s.key: s.source_label for s in view.by_provider}
    assert labels == {"openai": "catalog estimate + override", "openrouter": "provider-reported",
                      "ollama": "free", "anthropic": "catalog estimate + unknown"}  # fmt: skip
    assert view.by_source["provider"] == pytest.approx(0.05)
    assert view.by_source["free"] == 0.0
    assert view.requests_by_source == {"provider": 1, "catalog": 2, "override": 1, "free": 1, "unknown": 1}
    assert sources_label([]) == "none"


def test_top_conversations_and_unpriced_requests(store: Store) -> None:
    ids = fill_ledger(store)
    view = load_view(store, NOW)
    top = [(s.title, s.cost_usd, s.requests, s.source_label) for s in view.top_conversations]
    assert top == [
        ("Gamma", pytest.approx(0.5), 1, "override"),
        ("Beta", pytest.approx(0.05), 2, "provider-reported + unknown"),
        ("Alpha", pytest.approx(0.02), 2, "catalog estimate + free"),
    ]
    assert view.top_conversations[0].key == str(ids["Gamma"])
    assert [(r.provider, r.requested_model, r.error_kind) for r in view.unpriced] == [
        ("anthropic", "claude-mystery", "protocol")
    ]


def test_budget_status_over_near_and_ok() -> None:
    spend = Spend(today=0.9, month=5.0, today_by_provider={"openai": 0.9}, month_by_provider={"openai": 5.0})
    budgets = Budgets(overall=Limits(daily=1.0, monthly=100.0), per_provider={"openai": Limits(monthly=4.0)},
                      warn_fraction=0.8)  # fmt: skip
    statuses = budget_statuses(budgets, spend)
    assert [(s.provider, s.period, s.state) for s in statuses] == [
        (None, "daily", "near"),
        (None, "monthly", "ok"),
        ("openai", "monthly", "over"),
    ]
    assert statuses[0].text == "$0.90 / $1.00 · near"
    assert statuses[2].fraction == pytest.approx(1.25)
    assert budget_statuses(Budgets(), spend) == []


def test_ledger_csv_has_one_row_per_request(store: Store) -> None:
    fill_ledger(store)
    rows = list(csv.DictReader(io.StringIO(ledger_csv(store.logged_requests(limit=None)))))
    assert tuple(rows[0]) == LEDGER_COLUMNS
    assert len(rows) == 6
    assert rows[0]["requested_model"] == "claude-3-5" and rows[0]["conversation_id"] == ""  # oldest; deleted chat
    unpriced = next(r for r in rows if r["requested_model"] == "claude-mystery")
    assert (unpriced["cost_usd"], unpriced["cost_source"], unpriced["error_kind"]) == ("", "unknown", "protocol")
    newest = rows[-1]
    assert (newest["served_model"], newest["input_tokens"], newest["cost_usd"], newest["cost_source"]) == (
        "gpt-4o-2024-08-06",
        "100",
        "0.02",
        "catalog estimate",
    )


def test_view_csv_holds_what_the_panel_shows(view: CostView) -> None:
    rows = list(csv.DictReader(io.StringIO(view_csv(view))))
    totals = {r["key"]: r for r in rows if r["section"] == "total"}
    assert float(totals["all_time"]["cost_usd"]) == view.total_usd
    assert totals["unpriced"]["requests"] == "1"
    assert len([r for r in rows if r["section"] == "day"]) == CHART_DAYS
    providers = [(r["key"], r["source"]) for r in rows if r["section"] == "provider"]
    assert providers[0] == ("anthropic", "catalog estimate + unknown")
    assert [r["label"] for r in rows if r["section"] == "conversation"] == ["Gamma", "Beta", "Alpha"]
