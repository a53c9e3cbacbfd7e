"""A turn Anthropic pauses (`pause_turn`) is continued by core: the message so far goes back verbatim, to the
target that paused, and the answer, its sources and its usage add up over the calls."""

from __future__ import annotations

import httpx

from app.core.chat import ChatRun
from app.core.paused import MAX_CONTINUATIONS
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Citation, Endpoint, Message, get_spec, with_base_url
from tests.support import search_servers as srv
from tests.support.loopback import LoopbackServer

KEY = "test-key-not-real"
REQUEST = ChatRequest("claude-sonnet-4-5", (Message("user", "who won euro 2024 and 2020?"),), web_search=True)


def _target(loopback: LoopbackServer, provider: str = "anthropic") -> Target:
    return Target(Endpoint(with_base_url(get_spec(provider), loopback.url), api_key=KEY), "claude-sonnet-4-5")


async def _run(chain: list[Target]) -> ChatRun:
    async with httpx.AsyncClient() as client:
        run = ChatRun(Resilience(client), chain, REQUEST)
        await run.execute()
    return run


async def test_a_paused_turn_goes_on_where_it_stopped(loopback: LoopbackServer) -> None:
    loopback.enqueue(
        srv.anthropic_search_stream(msg_id="msg_a", stop_reason="pause_turn", answer=["Spain won 2024. "]),
        srv.anthropic_search_stream(msg_id="msg_b", lead="", query="euro 2020 winner", srv_id="srvtoolu_02",
                                    results=[("https://example.com/2020", "Euro 2020")], answer=["Italy won 2020."],
                                    searches=2),
    )  # fmt: skip
    run = await _run([_target(loopback)])
    reply = run.reply
    assert reply.error is None, reply.error
    assert reply.text == "Let me search. Spain won 2024. Italy won 2020."
    assert (reply.finish_reason, reply.finish_reason_raw) == ("stop", "end_turn")
    assert reply.citations == [Citation("https://example.com/euro", "Euro 2024"),
                               Citation("https://example.com/2020", "Euro 2020")]  # fmt: skip
    assert reply.usage.web_searches == 3  # both calls were billed
    assert reply.usage.input_tokens == 4000 and reply.usage.output_tokens == 80
    assert len(reply.attempts) == 1  # one answer, not a retry

    first, second = (r.json() for r in loopback.requests)
    assert first["messages"] == [{"role": "user", "content": "who won euro 2024 and 2020?"}]
    user, paused = second["messages"]
    assert user == first["messages"][0]
    assert paused["role"] == "assistant"
    assert [b["type"] for b in paused["content"]] == ["text", "server_tool_use", "web_search_tool_result", "text"]
    assert paused["content"][1]["input"] == {"query": "euro 2024 winner"}
    assert paused["content"][2]["content"][0]["encrypted_content"]  # the results go back as they came
    assert second["tools"] == first["tools"]


async def test_the_continuation_goes_to_the_target_that_paused(loopback: LoopbackServer) -> None:
    from app.providers import ProviderError

    down = Target(Endpoint(with_base_url(get_spec("anthropic"), "http://127.0.0.1:9"), api_key=KEY),
                  "claude-sonnet-4-5", unavailable=ProviderError("no key", provider="anthropic", kind="auth"))
    loopback.enqueue(srv.anthropic_search_stream(stop_reason="pause_turn"), srv.anthropic_search_stream(lead=""))
    run = await _run([down, _target(loopback)])
    assert run.reply.error is None and len(loopback.requests) == 2


async def test_a_provider_that_keeps_pausing_is_let_go(loopback: LoopbackServer) -> None:
    loopback.enqueue(*[srv.anthropic_search_stream(stop_reason="pause_turn") for _ in range(MAX_CONTINUATIONS + 3)])
    run = await _run([_target(loopback)])
    assert len(loopback.requests) == MAX_CONTINUATIONS + 1
    assert run.reply.finish_reason_raw == "pause_turn" and run.reply.error is None
    assert run.reply.usage.web_searches == MAX_CONTINUATIONS + 1


async def test_a_failed_continuation_keeps_what_came_before(loopback: LoopbackServer) -> None:
    from tests.support.loopback import Reply

    loopback.enqueue(srv.anthropic_search_stream(stop_reason="pause_turn"),
                     Reply.json({"type": "error", "error": {"type": "invalid_request_error", "message": "bad"}},
                                status=400))  # fmt: skip
    run = await _run([_target(loopback)])
    assert run.reply.text == "Let me search. Spain won."
    assert run.reply.error is not None and run.reply.error.kind == "bad_request"
    assert run.reply.usage.web_searches == 1
