"""Every protocol's HTTP-level failures: 429 storms, 5xx, proxies' HTML pages. Retries run on a fake clock."""

from __future__ import annotations

import pytest

from tests.support.fault_bodies import KEY, html_page
from tests.support.fault_harness import ATTEMPTS, BACKOFF, POLICY, Harness, assert_failed
from tests.support.loopback import Reply

QUOTING_THE_KEY = f"slow down, requests from key {KEY} are over the limit"  # bodies that echo the key back


async def test_401_quoting_the_key_is_auth_and_not_retried(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.error(401, f"Incorrect API key provided: {KEY}"))
    run = await harness.run()
    assert_failed(run, "auth", "auth")
    assert harness.sleeps == [] and len(harness.server.requests) == 1
    await harness.still_works()


async def test_429_storm_with_retry_after(harness: Harness) -> None:
    harness.server.enqueue(*[harness.wire.error(429, QUOTING_THE_KEY, retry_after=3) for _ in range(ATTEMPTS)])
    run = await harness.run()
    assert_failed(run, "rate_limit", "rate_limit")
    assert harness.sleeps == [3.0] * POLICY.max_retries  # the server's wait, not our backoff
    assert len(harness.server.requests) == ATTEMPTS
    assert run.reply.error.retry_after == 3.0  # type: ignore[union-attr]
    assert run.reply.as_json()["error"]["retry_after"] == 3.0
    assert run.reply.attempts[0].retries == POLICY.max_retries
    await harness.still_works()


async def test_429_storm_without_retry_after(harness: Harness) -> None:
    harness.server.enqueue(*[harness.wire.error(429, QUOTING_THE_KEY) for _ in range(ATTEMPTS)])
    run = await harness.run()
    assert_failed(run, "rate_limit", "rate_limit")
    assert harness.sleeps == BACKOFF
    assert run.reply.error.retry_after is None and run.reply.error.status == 429  # type: ignore[union-attr]
    await harness.still_works()


async def test_429_asking_longer_than_the_budget_fails_at_once(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.error(429, QUOTING_THE_KEY, retry_after=POLICY.total_budget + 30))
    run = await harness.run()
    assert_failed(run, "rate_limit", "rate_limit")
    assert harness.sleeps == [] and len(harness.server.requests) == 1
    assert run.reply.error.retry_after == POLICY.total_budget + 30  # type: ignore[union-attr]
    await harness.still_works()


async def test_429_then_an_answer(harness: Harness) -> None:
    harness.server.enqueue(
        harness.wire.error(429, QUOTING_THE_KEY, retry_after=2), harness.wire.good(["after ", "waiting"])
    )
    run = await harness.run()
    assert run.reply.error is None and run.reply.text == "after waiting"
    assert harness.sleeps == [2.0]
    assert [a.as_json()["error_kind"] for a in run.reply.attempts] == ["rate_limit"]  # the attempt that answered
    await harness.still_works()


@pytest.mark.parametrize(
    ("status", "kind"), [(500, "server"), (502, "server"), (503, "overloaded"), (529, "overloaded")]
)
async def test_server_errors_are_retried_then_reported(harness: Harness, status: int, kind: str) -> None:
    harness.server.enqueue(*[harness.wire.error(status, f"internal trouble ({KEY})") for _ in range(ATTEMPTS)])
    run = await harness.run()
    assert_failed(run, kind, "server")
    assert run.reply.error.status == status  # type: ignore[union-attr]
    assert harness.sleeps == BACKOFF and len(harness.server.requests) == ATTEMPTS
    await harness.still_works()


async def test_html_502_from_a_proxy(harness: Harness) -> None:
    page = Reply(502, {"content-type": "text/html"}, [html_page(502)])
    harness.server.enqueue(*[page for _ in range(ATTEMPTS)])
    run = await harness.run()
    assert_failed(run, "server", "server")
    assert "HTML page" in run.reply.error.message and "<html" not in run.reply.error.message  # type: ignore[union-attr]
    assert harness.sleeps == BACKOFF
    await harness.still_works()


@pytest.mark.parametrize("content_type", ["text/html; charset=utf-8", "application/json"],
                         ids=["captive-portal", "labelled-as-json"])  # fmt: skip
async def test_an_html_page_with_200_is_a_protocol_error(harness: Harness, content_type: str) -> None:
    harness.server.enqueue(Reply(200, {"content-type": content_type}, [html_page(200)]))
    run = await harness.run()
    assert_failed(run, "protocol", "protocol")
    assert "HTML page" in run.reply.error.message  # type: ignore[union-attr]
    assert harness.sleeps == []  # a page instead of an answer will not fix itself by retrying
    await harness.still_works()


async def test_error_json_labelled_text_plain(harness: Harness) -> None:
    err = harness.wire.error(503, f"busy ({KEY})")
    err.headers["content-type"] = "text/plain"
    harness.server.enqueue(*[err for _ in range(ATTEMPTS)])
    run = await harness.run()
    assert_failed(run, "overloaded", "server")
    assert "busy" in run.reply.error.message  # type: ignore[union-attr]
    await harness.still_works()


async def test_error_status_with_an_endless_body(harness: Harness) -> None:
    """A 500 whose body never ends is still classified by its status, without reading it all."""
    harness.use(max_response_bytes=1024 * 1024)
    page = Reply(500, {"content-type": "text/html"}, [b"<html><body>"])
    page.more = iter(lambda: b"<p>trace</p>" * 1000, None)  # never exhausted
    harness.server.enqueue(page, *[harness.wire.error(500, "again") for _ in range(ATTEMPTS - 1)])
    run = await harness.run()
    assert_failed(run, "server", "server")
    await harness.still_works()
