"""Account reports fetched over real sockets from loopback servers speaking each documented shape, saved,
and reconciled with the ledger; and the faults: a rejected admin key, an API that is down, a malformed report."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from app.core.account_reports import (
    catalog_prices,
    covered_days,
    default_range,
    refresh_account_report,
    report_due,
    run_reconcile,
)
from app.core.admin_keys import admin_key
from app.core.keys import KeyStore
from app.core.reconcile import reconcile_json
from app.store import Store, open_store
from app.store.provider_reports import ReportFetch
from tests.support.loopback import LoopbackServer, Reply
from tests.support.report_servers import (
    ADMIN_KEY,
    AnthropicAdmin,
    OpenAIAdmin,
    anthropic_bucket,
    anthropic_cost,
    anthropic_usage,
    openai_bucket,
    openai_cost,
    openai_usage,
)

D1, D2, D3 = date(2025, 3, 1), date(2025, 3, 2), date(2025, 3, 3)
NOW = datetime(2025, 3, 3, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "parley.db") as opened:
        yield opened


@pytest.fixture
def keys() -> KeyStore:
    keys = KeyStore()
    keys.set("openai-admin", ADMIN_KEY)
    keys.set("anthropic-admin", ADMIN_KEY)
    return keys


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def log(store: Store, provider: str, day: date, model: str, cost: float | None, served: str | None = None) -> int:
    return store.log_request(provider=provider, requested_model=model, served_model=served, cost_usd=cost,
                             cost_source="catalog" if cost is not None else "unknown",
                             started_at=datetime(day.year, day.month, day.day, 10, tzinfo=timezone.utc))  # fmt: skip


def openai_server() -> OpenAIAdmin:
    return OpenAIAdmin(
        costs=[
            openai_bucket(D1, [openai_cost(0.15, "gpt-4o-2024-08-06, input"),
                               openai_cost(0.25, "gpt-4o-2024-08-06, output")]),
            openai_bucket(D2, [openai_cost(0.1, "gpt-4o-mini-2024-07-18, input"),
                               openai_cost(0.2, "gpt-4o-mini-2024-07-18, output")]),
            openai_bucket(D3, [openai_cost(1.5, "o1-2024-12-17, output")]),
        ],
        usage=[
            openai_bucket(D1, [openai_usage("gpt-4o-2024-08-06", 1000, 200, requests=2)]),
            openai_bucket(D2, [openai_usage("gpt-4o-mini-2024-07-18", 500, 50, requests=4)]),
            openai_bucket(D3, [openai_usage("o1-2024-12-17", 100, 900, requests=1)]),
        ],
        per_page=2,
    )  # fmt: skip


async def test_openai_reports_page_by_page_then_reconcile_to_the_cent(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = openai_server()
    log(store, "openai", D1, "gpt-4o", 0.12, "gpt-4o-2024-08-06")
    log(store, "openai", D1, "gpt-4o", 0.21, "gpt-4o-2024-08-06")
    log(store, "openai", D2, "gpt-4o-mini", 0.3, "gpt-4o-mini-2024-07-18")
    log(store, "anthropic", D2, "claude-sonnet-4", 9.0)
    base = loopback.url + "/v1"

    outcome = await run_reconcile(store, client, keys, "openai", first_day=D1, last_day=D3, base_url=base, now=NOW)
    assert outcome.error is None and outcome.fetched_lines == 8 and outcome.last_fetched_at == NOW
    paths = [r.path.split("?")[0] for r in loopback.requests]
    assert paths == ["/v1/organization/costs"] * 2 + ["/v1/organization/usage/completions"] * 2
    assert "page=page_1" in loopback.requests[1].path and "page=" not in loopback.requests[0].path
    assert all(r.method == "GET" and r.headers["authorization"] == f"Bearer {ADMIN_KEY}" for r in loopback.requests)

    got = [(r.day, r.model, r.provider_usd, r.parley_usd, r.diff_usd, r.diff_pct, r.outside_parley)
           for r in outcome.reconciliation.rows]  # fmt: skip
    assert got == [
        (D1, "gpt-4o", Decimal("0.40"), Decimal("0.33"), Decimal("0.07"), Decimal("17.50"), False),
        (D2, "gpt-4o-mini", Decimal("0.3"), Decimal("0.3"), Decimal("0.0"), Decimal("0.00"), True),  # 4 vs 1 request
        (D3, "o1", Decimal("1.5"), Decimal(0), Decimal("1.5"), Decimal("100.00"), True),
    ]
    # Fetching again replaces the saved report: nothing is counted twice, the ledger is untouched.
    again = await run_reconcile(store, client, keys, "openai", first_day=D1, last_day=D3, base_url=base, now=NOW)
    assert reconcile_json(again.reconciliation) == reconcile_json(outcome.reconciliation)
    assert len(store.report_lines("openai")) == 8 and store.spend().requests == 4
    assert store.spend().total_usd == pytest.approx(9.63)


async def test_anthropic_reports_with_cents_and_pagination(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = AnthropicAdmin(
        costs=[
            anthropic_bucket(D1, [anthropic_cost("12.5", "claude-sonnet-4-20250514"),
                                  anthropic_cost("40", "claude-sonnet-4-20250514", "output_tokens")]),
            anthropic_bucket(D2, [anthropic_cost("3", None, description="Web Search Usage", cost_type="web_search")]),
            anthropic_bucket(D3, [anthropic_cost("7.25", "claude-3-5-haiku-20241022")]),
        ],
        usage=[anthropic_bucket(D1, [anthropic_usage("claude-sonnet-4-20250514", 1000, 300, cache_5m=10)]),
               anthropic_bucket(D3, [anthropic_usage("claude-3-5-haiku-20241022", 20, 5)])],
        per_page=1,
    )  # fmt: skip
    log(store, "anthropic", D1, "claude-sonnet-4-20250514", 0.5)
    log(store, "anthropic", D3, "claude-3-5-haiku-latest", 0.08, "claude-3-5-haiku-20241022")

    outcome = await run_reconcile(store, client, keys, "anthropic", first_day=D1, last_day=D3,
                                  base_url=loopback.url, now=NOW)  # fmt: skip
    assert outcome.error is None
    assert len(loopback.requests) == 5  # three cost pages, two usage pages
    assert all(r.headers["x-api-key"] == ADMIN_KEY for r in loopback.requests)
    rows = {(r.day, r.model): r for r in outcome.reconciliation.rows}
    sonnet = rows[(D1, "claude-sonnet-4")]
    assert (sonnet.provider_usd, sonnet.parley_usd, sonnet.diff_usd, sonnet.diff_pct) == (
        Decimal("0.525"), Decimal("0.5"), Decimal("0.025"), Decimal("4.76"))  # fmt: skip
    haiku = rows[(D3, "claude-3-5-haiku")]
    assert (haiku.provider_usd, haiku.diff_usd) == (Decimal("0.0725"), Decimal("-0.0075"))
    assert rows[(D2, "web-search-usage")].outside_parley


async def test_a_rejected_admin_key_is_explained_and_changes_nothing(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = openai_server()
    base = loopback.url + "/v1"
    first = await run_reconcile(store, client, keys, "openai", first_day=D1, last_day=D3, base_url=base, now=NOW)
    wrong = "test-wrong-admin-key-not-real"
    keys.set("openai-admin", wrong)
    later = NOW + timedelta(hours=1)
    outcome = await run_reconcile(store, client, keys, "openai", first_day=D1, last_day=D3, base_url=base, now=later)
    err = outcome.error
    assert err is not None and (err.kind, err.status, err.retryable) == ("auth", 401, False)
    assert "admin key was refused" in err.message and "openai-admin" in err.advice
    assert "OPENAI_ADMIN_KEY" in err.advice and "Nothing in Parley's ledger was changed" in err.advice
    assert wrong not in err.describe() and ADMIN_KEY not in err.describe()
    # The last good report is still shown, and said to be from the first fetch.
    assert reconcile_json(outcome.reconciliation) == reconcile_json(first.reconciliation)
    assert outcome.last_fetched_at == NOW
    assert store.report_fetches("openai")[0].error_kind == "auth"


@pytest.mark.parametrize("status", [500, 503, 529])
async def test_a_provider_api_that_is_down_is_retried_later_and_keeps_the_saved_report(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient, status: int
) -> None:
    loopback.handler = openai_server()
    base = loopback.url + "/v1"
    await refresh_account_report(store, client, keys, "openai", D1, D3, base_url=base, now=NOW)
    loopback.handler = lambda req: Reply.json({"error": {"message": "The server is overloaded"}}, status=status)
    saved, err = await refresh_account_report(store, client, keys, "openai", D1, D3, base_url=base,
                                              now=NOW + timedelta(hours=1))  # fmt: skip
    assert saved is None and err is not None and err.category == "server" and err.retryable
    assert "try again later" in err.advice
    assert len(store.report_lines("openai")) == 8
    fetches = store.report_fetches("openai")
    assert report_due(fetches, timedelta(days=1), NOW + timedelta(hours=1, minutes=29)) is False
    assert report_due(fetches, timedelta(days=1), NOW + timedelta(hours=1, minutes=30)) is True


async def test_an_unreachable_provider_is_a_network_error(store: Store, keys: KeyStore,
                                                          client: httpx.AsyncClient) -> None:  # fmt: skip
    server = LoopbackServer().start()
    url = server.url + "/v1"
    server.stop()  # nothing listens there now
    saved, err = await refresh_account_report(store, client, keys, "openai", D1, D1, base_url=url, now=NOW)
    assert saved is None and err is not None and err.kind == "network"
    assert store.report_fetches("openai")[0].error_kind == "network" and store.report_lines("openai") == []


async def test_a_malformed_page_saves_nothing_from_that_fetch(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    good = openai_server()
    calls = 0

    def second_page_broken(req):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls == 2:
            return Reply.json({"object": "page", "data": [{"object": "bucket", "start_time": "soon", "results": []}],
                               "has_more": False})  # fmt: skip
        return good(req)

    loopback.handler = second_page_broken
    saved, err = await refresh_account_report(store, client, keys, "openai", D1, D3, base_url=loopback.url + "/v1",
                                              now=NOW)  # fmt: skip
    assert saved is None and err is not None and err.kind == "protocol"
    assert "OpenAI cost report is malformed" in err.message and "start_time" in err.message
    assert store.report_lines("openai") == []


async def test_a_report_that_pages_forever_is_malformed(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = lambda req: Reply.json({"data": [], "has_more": True, "next_page": "page_same"})
    _, err = await refresh_account_report(store, client, keys, "openai", D1, D1, base_url=loopback.url + "/v1")
    assert err is not None and err.kind == "protocol" and "same next_page twice" in err.message
    assert len(loopback.requests) == 2


async def test_an_html_page_instead_of_a_report_is_a_protocol_error(
    loopback: LoopbackServer, store: Store, keys: KeyStore, client: httpx.AsyncClient
) -> None:
    loopback.handler = lambda req: Reply(200, {"content-type": "text/html"}, [b"<html>login</html>"], chunked=False)
    _, err = await refresh_account_report(store, client, keys, "anthropic", D1, D1, base_url=loopback.url)
    assert err is not None and err.kind == "protocol" and "HTML page" in err.message


async def test_without_an_admin_key_nothing_is_asked_and_the_reason_is_given(
    loopback: LoopbackServer, store: Store, client: httpx.AsyncClient
) -> None:
    loopback.handler = openai_server()
    outcome = await run_reconcile(store, client, KeyStore(), "openai", first_day=D1, last_day=D1,
                                  base_url=loopback.url + "/v1", now=NOW)  # fmt: skip
    err = outcome.error
    assert err is not None and err.kind == "auth" and "No admin key for openai" in err.message
    assert "OPENAI_ADMIN_KEY" in err.message and loopback.requests == []
    assert outcome.reconciliation.rows == () and store.report_fetches("openai") == []
    with pytest.raises(ValueError, match="account reports"):
        await run_reconcile(store, client, KeyStore(), "groq")


async def test_the_admin_key_falls_back_to_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = KeyStore()
    assert admin_key(keys, "anthropic").value is None
    monkeypatch.setenv("ANTHROPIC_ADMIN_KEY", " env-admin-key-not-real ")
    found = admin_key(keys, "anthropic")
    assert (found.value, found.source, found.env_var) == ("env-admin-key-not-real", "env", "ANTHROPIC_ADMIN_KEY")
    keys.set("anthropic-admin", ADMIN_KEY)
    assert admin_key(keys, "anthropic").source == "keychain" and admin_key(keys, "anthropic").value == ADMIN_KEY
    assert keys.get("anthropic").value is None  # the chat key's entry is a different one


def test_the_schedule_and_the_days_fetched() -> None:
    def fetch(hours_ago: float, error: str | None = None, first: date = D1, last: date = D2) -> ReportFetch:
        return ReportFetch("openai", first, last, NOW - timedelta(hours=hours_ago), 0, error, None)

    day = timedelta(days=1)
    assert report_due([], None, NOW) is False  # on demand only
    assert report_due([], day, NOW) is True
    assert report_due([fetch(23)], day, NOW) is False and report_due([fetch(24)], day, NOW) is True
    assert report_due([fetch(1, "auth")], day, NOW) is False  # a refused key waits for the schedule
    assert report_due([fetch(1, "network")], day, NOW) is True
    assert covered_days([fetch(1, first=D1, last=D1), fetch(2, "server", first=D2, last=D3)], D1, D3) == {D1}
    assert default_range(NOW) == (date(2025, 2, 2), D3)


def test_the_price_catalog_says_which_report_models_parley_can_price() -> None:
    priced = catalog_prices("openai")
    assert priced("gpt-4o") and priced("gpt-4o-mini-2024-07-18")
    assert not priced("gpt-99-omega") and not priced("dall-e-3")
