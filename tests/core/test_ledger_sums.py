"""The cost panel's figures and the reconciliation, summed by SQLite, equal the same figures summed row by row in
Python over the whole ledger (what they were before); and the ledger's rows stay out of Python."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import app.store.ledger
import app.store.provider_reports
from app.core.account_reports import _stored_outcome
from app.core.reconcile import reconcile
from app.core.spend_views import SOURCE_ORDER, TOP_CONVERSATIONS, UNPRICED_SHOWN, load_view
from app.providers.report_types import ReportLine
from app.store import RequestRow, Store, open_store

D0 = date(2025, 3, 1)
NOW = datetime(2025, 3, 4, 12, 0, tzinfo=timezone.utc)
# Costs whose sums are exact in binary floating point, so SQLite's order of adding and Python's agree to the bit;
# the reconciliation, exact in Decimal, also gets costs that are not (0.1, 0.013).
EXACT_COSTS = st.sampled_from([None, 0.0, 0.5, 0.25, 0.125, 2.0])
ANY_COSTS = st.sampled_from([None, 0.0, 0.1, 0.2, 0.013, 1e-7, 0.5, 3.0])

request = st.fixed_dictionaries({
    "provider": st.sampled_from(["openai", "anthropic", "ollama"]),
    "requested_model": st.sampled_from(["gpt-4o", "gpt-4o-mini", "claude-sonnet-4"]),
    "served_model": st.sampled_from([None, "gpt-4o-2024-08-06", "gpt-4o-mini-2024-07-18"]),
    "minutes": st.integers(min_value=-60 * 24 * 40, max_value=0),  # back from NOW, over forty days
    "cost_source": st.sampled_from(SOURCE_ORDER),
    "error_kind": st.sampled_from([None, None, "server", "protocol"]),
    "conversation": st.sampled_from([None, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
})  # fmt: skip


@pytest.fixture
def fresh() -> Iterator[Any]:
    """A function that opens a new empty database (one per hypothesis example), all closed at the end."""
    with tempfile.TemporaryDirectory(prefix="parley-ledger-") as folder:
        opened: list[Store] = []

        def make() -> Store:
            opened.append(open_store(Path(folder) / f"{len(opened)}.db"))
            return opened[-1]

        yield make
        for store in opened:
            store.close()


def fill(store: Store, requests: list[dict[str, Any]], costs: list[float | None]) -> None:
    conversations = [store.create_conversation(f"Conversation {n}") for n in range(12)]
    for r, cost in zip(requests, costs, strict=True):
        chosen = r["conversation"]
        store.log_request(provider=r["provider"], requested_model=r["requested_model"], served_model=r["served_model"],
                          started_at=NOW + timedelta(minutes=r["minutes"]), cost_usd=cost,
                          cost_source="unknown" if cost is None else r["cost_source"], error_kind=r["error_kind"],
                          conversation_id=None if chosen is None else conversations[chosen])  # fmt: skip


def row_by_row(rows: list[RequestRow], local_now: datetime) -> dict[str, Any]:
    """The panel's figures as they were summed before: every row in Python (the reference)."""
    by_source = dict.fromkeys(SOURCE_ORDER, 0.0)
    count = dict.fromkeys(SOURCE_ORDER, 0)
    sources: dict[str, dict[str, set[str]]] = {"day": {}, "provider": {}, "model": {}}
    costs: dict[int, float] = {}
    counts: dict[int, int] = {}
    by_conversation: dict[int, set[str]] = {}
    for r in rows:
        by_source[r.cost_source] += r.cost_usd or 0.0
        count[r.cost_source] += 1
        keys = {"day": r.started_at.astimezone().date().isoformat(), "provider": r.provider,
                "model": f"{r.provider}:{r.served_model or r.requested_model}"}  # fmt: skip
        for by, key in keys.items():
            sources[by].setdefault(key, set()).add(r.cost_source)
        if r.conversation_id is not None:
            c = r.conversation_id
            costs[c] = costs.get(c, 0.0) + (r.cost_usd or 0.0)
            counts[c] = counts.get(c, 0) + 1
            by_conversation.setdefault(c, set()).add(r.cost_source)
    top = sorted(costs, key=lambda c: (-costs[c], -counts[c], c))[:TOP_CONVERSATIONS]
    ordered = {by: {k: tuple(s for s in SOURCE_ORDER if s in v) for k, v in keyed.items()}
               for by, keyed in sources.items()}  # fmt: skip
    return {
        "by_source": by_source,
        "requests_by_source": count,
        "sources": ordered,
        "top": [(str(c), costs[c], counts[c], tuple(s for s in SOURCE_ORDER if s in by_conversation[c])) for c in top],
        "unpriced": [r.id for r in rows if r.cost_usd is None][:UNPRICED_SHOWN],
    }


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), requests=st.lists(request, max_size=40))
def test_the_panels_figures_are_those_of_every_row(fresh: Any, data: st.DataObject,
                                                   requests: list[dict[str, Any]]) -> None:  # fmt: skip
    store = fresh()
    fill(store, requests, [data.draw(EXACT_COSTS) for _ in requests])
    local_now = NOW.astimezone()
    view = load_view(store, local_now)
    want = row_by_row(store.logged_requests(limit=None), local_now)
    assert dict(view.by_source) == want["by_source"]
    assert dict(view.requests_by_source) == want["requests_by_source"]
    for by, splits in (("provider", view.by_provider), ("model", view.by_model), ("day", view.by_day)):
        assert {s.key: s.sources for s in splits if s.requests} == {
            k: v for k, v in want["sources"][by].items() if by != "day" or k >= view.by_day[0].key}
    assert [(s.key, s.cost_usd, s.requests, s.sources) for s in view.top_conversations] == want["top"]
    assert [s.title for s in view.top_conversations] == [f"Conversation {int(s.key) - 1}"
                                                         for s in view.top_conversations]  # fmt: skip
    assert [r.id for r in view.unpriced] == want["unpriced"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), requests=st.lists(request, max_size=40), billed=st.sampled_from(["0.40", "1.3", "0"]))
def test_the_reconciliation_of_groups_is_that_of_every_row(
        fresh: Any, data: st.DataObject, requests: list[dict[str, Any]], billed: str) -> None:
    store = fresh()
    fill(store, requests, [data.draw(ANY_COSTS) for _ in requests])
    first, last = D0, NOW.date()
    lines = [ReportLine(first, "cost", "gpt-4o-2024-08-06, input", "gpt-4o-2024-08-06", amount_usd=Decimal(billed)),
             ReportLine(last, "usage", "gpt-4o-mini", "gpt-4o-mini", input_tokens=1, output_tokens=1, requests=2)]
    for provider in ("openai", "anthropic"):
        grouped = reconcile(provider, store.ledger_groups(provider, first, last), lines, first_day=first, last_day=last)
        rows = reconcile(provider, store.requests_on_days(provider, first, last), lines, first_day=first,
                         last_day=last)  # fmt: skip
        assert grouped == rows
        assert sum(g.requests for g in store.ledger_groups(provider, first, last)) == len(
            store.requests_on_days(provider, first, last))


def test_a_years_ledger_stays_in_sqlite(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refreshed after every request while the panel is open: the figures come summed, and only the few unpriced
    requests it lists become rows in Python (they were every row of the ledger, twice)."""
    conversation = store.create_conversation("Busy")
    for n in range(600):
        store.log_request(provider="openai", requested_model="gpt-4o", started_at=NOW - timedelta(minutes=n),
                          cost_usd=None if n % 200 == 0 else 0.001, cost_source="catalog",
                          conversation_id=conversation)  # fmt: skip
    made: list[int] = []
    real = app.store.ledger.request_from_row
    for module in (app.store.ledger, app.store.provider_reports):
        monkeypatch.setattr(module, "request_from_row", lambda row: made.append(row["id"]) or real(row))
    view = load_view(store, NOW.astimezone())
    assert view.requests == 600 and view.unpriced_requests == 3
    assert len(made) == 3
    made.clear()
    outcome = _stored_outcome(store, "openai", NOW.date() - timedelta(days=29), NOW.date(), None, None, None)
    assert sum(r.parley_requests for r in outcome.reconciliation.rows) == 600
    assert made == []
