"""A spend ledger with known rows over several days, providers, models and cost sources (cost views and panel)."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.store import Store

# A fixed local "now": mid-month, so "this month" and "30 days" cut the rows in known places.
NOW = datetime(2025, 3, 15, 12, 0).astimezone()


def fill_ledger(store: Store) -> dict[str, int]:
    """Known rows over several days, providers and models, with every cost source; returns conversation ids."""
    ids = {name: store.create_conversation(name) for name in ("Alpha", "Beta", "Gamma", "Doomed")}
    log = store.log_request
    log(
        provider="openai",
        requested_model="gpt-4o",
        served_model="gpt-4o-2024-08-06",
        started_at=NOW,
        input_tokens=100,
        output_tokens=50,
        cost_usd=0.02,
        cost_source="catalog",
        conversation_id=ids["Alpha"],
    )
    log(
        provider="openrouter",
        requested_model="openai/gpt-4o",
        started_at=NOW - timedelta(hours=1),
        input_tokens=200,
        output_tokens=80,
        cost_usd=0.05,
        cost_source="provider",
        conversation_id=ids["Beta"],
    )
    log(
        provider="ollama",
        requested_model="llama3.2",
        started_at=NOW - timedelta(hours=2),
        input_tokens=7,
        output_tokens=3,
        cost_usd=0.0,
        cost_source="free",
        conversation_id=ids["Alpha"],
    )
    log(
        provider="anthropic",
        requested_model="claude-mystery",
        started_at=NOW - timedelta(days=3),
        input_tokens=30,
        output_tokens=None,
        cost_usd=None,
        cost_source="unknown",
        error_kind="protocol",
        conversation_id=ids["Beta"],
    )
    log(
        provider="openai",
        requested_model="gpt-4o-mini",
        started_at=NOW - timedelta(days=10),
        input_tokens=1000,
        output_tokens=500,
        cost_usd=0.5,
        cost_source="override",
        conversation_id=ids["Gamma"],
    )
    log(provider="anthropic", requested_model="claude-3-5", served_model="claude-3-5-sonnet",
        started_at=NOW - timedelta(days=40), input_tokens=5000, output_tokens=900, cost_usd=1.0,
        cost_source="catalog", conversation_id=ids["Doomed"])  # fmt: skip
    store.delete_conversation(ids["Doomed"])  # its spend stays in the ledger
    return ids
