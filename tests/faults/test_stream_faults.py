"""Every protocol's stream, broken the ways networks and servers break it: one case per test, one row per wire."""

from __future__ import annotations

import asyncio
import itertools
import time
import tracemalloc

import pytest

from app.core.chat import Reply as ChatReply
from app.providers import ChatRequest, Message, Timeouts
from tests.support.fault_bodies import KEY, MODEL, split_inside
from tests.support.fault_harness import ATTEMPTS, BACKOFF, TINY, Harness, assert_failed, assert_no_key, endpoint
from tests.support.loopback import Drop, Pause, Reply
from tests.support.ports import closed_port_url
from tests.support.waiting import wait_until

STALL = 30.0  # a server that stalls longer than any test lasts (the loopback cancels it at teardown)


async def test_connection_refused_on_this_machine_is_not_retried(harness: Harness) -> None:
    dead = endpoint(harness.wire, closed_port_url())
    run = await harness.run(ep=dead)
    assert_failed(run, "network", "network")
    assert harness.sleeps == []  # a local server that is not running will not start while we wait
    assert "could not connect" in run.reply.error.message  # type: ignore[union-attr]
    assert "Start the local server" in run.reply.error.advice  # type: ignore[union-attr]
    await harness.still_works()


async def test_connection_refused_elsewhere_is_retried(harness: Harness) -> None:
    """A remote refusal (a restarting load balancer) may pass. The suite's network guard refuses any address
    beyond loopback exactly as a remote host would, before a packet leaves (192.0.2.0/24 is for documentation)."""
    run = await harness.run(ep=endpoint(harness.wire, "http://192.0.2.10:9"))
    assert_failed(run, "network", "network")
    assert harness.sleeps == BACKOFF  # retried per the policy, then reported
    await harness.still_works()


async def test_stall_before_headers_times_out(harness: Harness) -> None:
    harness.use(TINY)
    harness.server.enqueue(
        *[Reply(200, {"content-type": harness.wire.content_type}, [], delay_headers=STALL) for _ in range(ATTEMPTS)]
    )
    run = await harness.run()
    assert_failed(run, "timeout", "timeout")
    assert harness.sleeps == BACKOFF and len(harness.server.requests) == ATTEMPTS
    await harness.still_works()


async def test_stall_mid_stream_times_out_keeping_text(harness: Harness) -> None:
    harness.use(TINY)
    harness.server.enqueue(harness.wire.partial(["kept ", "text"], Pause(STALL)))
    run = await harness.run()
    assert_failed(run, "timeout", "timeout", text="kept text")
    assert "middle of the answer" in run.reply.error.message  # type: ignore[union-attr]
    assert harness.sleeps == []  # never retried once text has arrived
    await harness.still_works()


async def _cancel_quickly(run_task: asyncio.Task[ChatReply]) -> float:
    """Cancel as the UI's stop button does; seconds until the run has actually stopped."""
    t0 = time.monotonic()
    run_task.cancel()
    try:
        await run_task
    except asyncio.CancelledError:
        pass
    else:
        raise AssertionError("the run finished instead of being cancelled")
    return time.monotonic() - t0


async def test_cancel_during_stall_before_headers(harness: Harness) -> None:
    harness.server.enqueue(Reply(200, {"content-type": harness.wire.content_type}, [], delay_headers=STALL))
    run = harness.chat()
    task = asyncio.create_task(run.execute())
    await wait_until(lambda: len(harness.server.requests) == 1)  # sent whole: the client waits for headers now
    assert await _cancel_quickly(task) < 0.5
    reply = run.reply
    assert reply.error is not None and (reply.error.kind, reply.error.category) == ("cancelled", "cancelled")
    assert (reply.finish_reason, reply.text) == ("cancelled", "")
    assert_no_key(run)
    await harness.still_works()


async def test_cancel_during_stall_mid_stream_keeps_text(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.partial(["kept ", "text"], Pause(STALL)))
    run = harness.chat()
    task = asyncio.create_task(run.execute())
    await wait_until(lambda: run.reply.text == "kept text")
    assert await _cancel_quickly(task) < 0.5
    reply = run.reply
    assert reply.error is not None and reply.error.category == "cancelled"
    assert (reply.finish_reason, reply.status, reply.text) == ("cancelled", "interrupted", "kept text")
    assert_no_key(run)
    await harness.still_works()


@pytest.mark.parametrize(("ending", "kind"), [("drop", "network"), ("truncated-json-then-eof", "protocol")])
async def test_a_stream_broken_after_text_keeps_it(harness: Harness, ending: str, kind: str) -> None:
    broken = Drop() if ending == "drop" else harness.wire.cut("lost")
    harness.server.enqueue(harness.wire.partial(["kept ", "text"], broken))
    run = await harness.run()
    assert_failed(run, kind, kind, text="kept text")
    assert harness.sleeps == []  # text has arrived: no retry
    await harness.still_works()


async def test_drop_before_any_text_is_retried(harness: Harness) -> None:
    harness.server.enqueue(*[harness.wire.reply([Drop()]) for _ in range(ATTEMPTS)])
    run = await harness.run()
    assert_failed(run, "network", "network")
    assert harness.sleeps == BACKOFF
    await harness.still_works()


async def test_malformed_frame_in_the_same_chunk_as_good_ones(harness: Harness) -> None:
    """A buffering proxy delivers good frames and a broken one in one read: the good ones still count."""
    wire = harness.wire
    body = b"".join([*wire.frames(["kept ", "text"]), wire.malformed(), *wire.frames(["lost"])[-1:], *wire.end()])
    harness.server.enqueue(wire.reply([body]))
    run = await harness.run()
    assert_failed(run, "protocol", "protocol", text="kept text")
    await harness.still_works()


async def test_error_inside_the_stream_after_text(harness: Harness) -> None:
    """The server gives up mid-answer and says so in-band (quoting the key): server category, text kept."""
    harness.server.enqueue(harness.wire.partial(["kept ", "text"], harness.wire.in_band(f"overloaded, key {KEY}")))
    run = await harness.run()
    reply = run.reply
    assert reply.error is not None and reply.error.category == "server", reply.error
    assert reply.error.kind in ("server", "overloaded") and "overloaded" in reply.error.message
    assert (reply.text, reply.status, reply.finish_reason) == ("kept text", "interrupted", "error")
    assert harness.sleeps == []
    assert_no_key(run)
    await harness.still_works()


async def test_stream_ending_without_its_end(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.partial(["kept ", "text"]))
    run = await harness.run()
    assert_failed(run, "protocol", "protocol", text="kept text")
    await harness.still_works()


async def test_invalid_utf8_split_across_chunks(harness: Harness) -> None:
    """Valid characters split between chunks stay whole; invalid bytes become U+FFFD, never a failure."""
    wire = harness.wire
    good = wire.delta("héllo 東京 🎉 ")
    bad = wire.delta("bad @1@ X @2@ end").replace(b"@1@", b"\xe6\x9d").replace(b"@2@", b"\xff\xfe")
    chunks = [
        *wire.start(),
        *split_inside(good, "東".encode(), "🎉".encode()),
        *split_inside(bad, b"\xe6\x9d", b"\xff\xfe"),
        *wire.end(),
    ]
    harness.server.enqueue(wire.reply(chunks))
    run = await harness.run()
    reply = run.reply
    assert reply.error is None, reply.error
    assert reply.text == "héllo 東京 🎉 bad \ufffd X \ufffd\ufffd end"
    assert reply.finish_reason == "stop"
    await harness.still_works()


async def test_gigantic_single_frame_is_stopped_by_the_size_guard(harness: Harness) -> None:
    """20 MB of one event / line / element: stopped at 1 MB as a protocol error, in bounded memory."""
    harness.use(max_response_bytes=1024 * 1024)
    harness.server.enqueue(harness.wire.gigantic(["kept ", "text"], 20 * 1024 * 1024))
    tracemalloc.start()
    try:
        run = await harness.run()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_failed(run, "protocol", "protocol", text="kept text")
    assert "larger than 1 MB" in run.reply.error.message  # type: ignore[union-attr]
    assert peak < 12 * 1024 * 1024, f"peak {peak / 2**20:.1f} MB"
    await harness.still_works()


async def test_endless_stream_is_stopped_by_the_size_guard(harness: Harness) -> None:
    harness.use(max_response_bytes=256 * 1024)
    harness.server.enqueue(harness.wire.endless(["kept ", "text "]))
    run = await harness.run()
    reply = run.reply
    assert reply.error is not None and (reply.error.kind, reply.error.category) == ("protocol", "protocol")
    assert "larger than 256 KB" in reply.error.message
    assert reply.text.startswith("kept text again again ") and len(reply.text) > 1000
    assert reply.status == "interrupted" and harness.sleeps == []
    assert_no_key(run)
    await harness.still_works()


async def test_stream_labelled_application_json_is_sniffed(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.good(["right ", "text"], content_type="application/json"))
    run = await harness.run()
    assert run.reply.error is None, run.reply.error
    assert (run.reply.text, run.reply.finish_reason) == ("right text", "stop")
    await harness.still_works()


async def test_stream_labelled_text_plain_is_sniffed(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.good(["right ", "text"], content_type="text/plain; charset=utf-8"))
    run = await harness.run()
    assert run.reply.error is None, run.reply.error
    assert run.reply.text == "right text"
    await harness.still_works()


async def test_stream_without_content_type_is_sniffed(harness: Harness) -> None:
    reply = harness.wire.good(["right ", "text"])
    reply.headers = {}
    harness.server.enqueue(reply)
    run = await harness.run()
    assert run.reply.error is None, run.reply.error
    assert run.reply.text == "right text"
    await harness.still_works()


NO_STREAM = ChatRequest(model=MODEL, messages=(Message("user", "hi"),), stream=False)


async def test_whole_json_answer_labelled_text_plain(harness: Harness) -> None:
    harness.server.enqueue(harness.wire.whole_reply("whole answer ✓", content_type="text/plain"))
    run = await harness.run(NO_STREAM)
    assert run.reply.error is None, run.reply.error
    assert (run.reply.text, run.reply.finish_reason) == ("whole answer ✓", "stop")
    await harness.still_works()


async def test_gigantic_whole_json_answer_is_stopped_by_the_size_guard(harness: Harness) -> None:
    """A non-streamed answer whose one JSON object runs on for 20 MB: the size guard ends it."""
    harness.use(max_response_bytes=4 * 1024 * 1024)
    head = harness.wire.whole_reply("")
    body = head.chunks[0]
    assert isinstance(body, bytes)
    opened = body[: body.index(b'""') + 1]  # the answer's text string opened, never closed
    reply = Reply(200, {"content-type": "application/json"}, [opened])
    reply.more = itertools.repeat(b"y" * 16 * 1024, 20 * 64)  # 20 MB
    harness.server.enqueue(reply)
    run = await harness.run(NO_STREAM)
    assert_failed(run, "protocol", "protocol")
    assert "larger than 4 MB" in run.reply.error.message  # type: ignore[union-attr]
    await harness.still_works()


async def test_tiny_timeouts_do_not_break_a_healthy_stream(harness: Harness) -> None:
    harness.use(Timeouts(connect=1.0, first_byte=0.5, between_chunks=0.5))
    harness.server.enqueue(
        harness.wire.partial(["a", "b"], Pause(0.1), *harness.wire.frames(["c"])[-1:], *harness.wire.end())
    )
    run = await harness.run()
    assert run.reply.error is None and run.reply.text == "abc"
    await harness.still_works()
