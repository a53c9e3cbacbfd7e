"""Prompt sets without Qt: parsing, the grid and its CSV/Markdown exports, and the per-provider limit."""

from __future__ import annotations

import csv
import io

import httpx

from app.core.chat import Reply
from app.core.prompt_sets import PromptGrid, PromptSetRun, excerpt, parse_prompts
from app.core.resilience import Resilience, Target
from app.providers import Endpoint, get_spec, with_base_url
from tests.support.counting import CountingServer


def _target(provider: str, server: CountingServer, model: str) -> Target:
    spec = with_base_url(get_spec(provider), server.url + "/v1")
    return Target(Endpoint(spec, api_key="test-key-not-real"), model)


def test_prompts_one_per_line_or_in_blank_line_separated_blocks() -> None:
    assert parse_prompts("  one\ntwo \n") == ["one", "two"]
    assert parse_prompts("one\ntwo\n\nthree\n") == ["one\ntwo", "three"]
    assert parse_prompts("a\nb\nc") == ["a", "b", "c"]
    assert parse_prompts("first\n  \n\nsecond\r\nline") == ["first", "second\nline"]
    assert parse_prompts("\n \n") == []


def test_excerpt_is_one_short_line() -> None:
    assert excerpt("a\n b  c") == "a b c"
    long = excerpt("word " * 100, 20)
    assert len(long) == 20 and long.endswith("…")


def _grid() -> PromptGrid:
    grid = PromptGrid(["Why | pipes?", 'Say, "hi"'], ["openai:a", "groq:b"])
    for r in range(2):
        for c in range(2):
            reply = Reply(provider="openai", model="m", requested_model="m")
            reply.text, reply.ttft_ms, reply.duration_ms, reply.cost_usd = f"text {r}{c}", 10.0 + r, 20.4 + c, 0.001
            reply.finish_reason = "stop"
            grid.set(r, c, reply)
    return grid


def test_csv_has_a_record_per_cell_and_survives_quotes_and_commas() -> None:
    rows = list(csv.reader(io.StringIO(_grid().to_csv())))
    assert rows[0] == ["prompt", "target", "status", "ttft_ms", "duration_ms", "cost_usd", "excerpt"]
    assert len(rows) == 5
    assert rows[1] == ["Why | pipes?", "openai:a", "complete", "10", "20", "0.001000", "text 00"]
    assert rows[4][:2] == ['Say, "hi"', "groq:b"] and rows[4][-1] == "text 11"


def test_markdown_is_shaped_like_the_grid() -> None:
    md = _grid().to_markdown().splitlines()
    assert md[0] == "| Prompt | openai:a | groq:b |" and md[1] == "|---|---|---|"
    assert md[2].startswith("| Why \\| pipes? | text 00 (10 / 20 ms, $0.001000) | text 01")
    assert len(md) == 4
    pending = PromptGrid(["p"], ["t"]).to_markdown()
    assert "_pending_" in pending and not PromptGrid(["p"], ["t"]).complete


async def test_never_more_than_the_limit_in_flight_per_provider() -> None:
    a, b = CountingServer("A").start(), CountingServer("B").start()
    try:
        prompts = [f"p{i}" for i in range(6)]
        targets = [_target("openai", a, "m1"), _target("openai", a, "m2"), _target("groq", b, "m3")]
        grid = PromptGrid(prompts, ["openai:m1", "openai:m2", "groq:m3"])
        seen: list[tuple[int, int]] = []
        async with httpx.AsyncClient() as client:
            run = PromptSetRun(Resilience(client), [[t] for t in targets], grid, limit=2,
                               on_cell=lambda r, c, _reply: seen.append((r, c)))  # fmt: skip
            assert sorted(run.semaphores) == ["groq", "openai"]
            await run.execute()
    finally:
        a.stop()
        b.stop()
    assert grid.complete and sorted(seen) == [(r, c) for r in range(6) for c in range(3)]
    assert 1 <= a.peak <= 2 and 1 <= b.peak <= 2
    assert len(a.requests) == 12 and len(b.requests) == 6
    for r, prompt in enumerate(prompts):
        assert grid.cells[(r, 0)].reply.text == f"answer to {prompt} from A"
        assert grid.cells[(r, 2)].reply.text == f"answer to {prompt} from B"


async def test_a_limit_of_one_asks_one_at_a_time() -> None:
    a = CountingServer().start()
    try:
        grid = PromptGrid(["x", "y", "z"], ["one", "two"])
        async with httpx.AsyncClient() as client:
            run = PromptSetRun(Resilience(client), [[_target("openai", a, "m1")], [_target("openai", a, "m2")]],
                               grid, limit=1)  # fmt: skip
            await run.execute()
    finally:
        a.stop()
    assert grid.complete and a.peak == 1 and len(a.requests) == 6
