"""One chat turn end to end over the scripted adapter: refusals, storing, stopping, fallbacks, pricing, no database."""

from __future__ import annotations

import asyncio
from datetime import datetime

import pytest

from app.core.asks import Ask
from app.core.chat_params import ChatParams
from app.core.keys import KeyStore
from app.core.runtime import Runtime
from app.core.settings import Budgets, Limits, Settings
from app.core.turn import Turn
from app.providers import Endpoint, ImagePart, Message, TextDelta, Usage, adapter_for, get_spec
from app.providers.openai_chat import OpenAIChatAdapter
from app.store import Store
from tests.support.keychain import GatedKeyring
from tests.support.keys import FAKE_KEY
from tests.support.observers import TurnEvents
from tests.support.scripted import Failure, Gate, Script, ScriptedAdapter

PNG = ImagePart("image/png", b"\x89PNG\r\n\x1a\n not really an image")
DAILY_CENT = Settings(budgets=Budgets(overall=Limits(daily=0.01)))


async def run(runtime: Runtime, ask: Ask) -> tuple[Turn, TurnEvents]:
    events = TurnEvents()
    turn = Turn(runtime, ask, events)
    await turn.run()
    return turn, events


def test_the_registry_builds_the_scripted_adapter_for_any_provider(script: Script) -> None:
    for provider in ("openai", "anthropic", "gemini", "ollama", "cohere"):
        assert isinstance(adapter_for(Endpoint(get_spec(provider), api_key=FAKE_KEY)), ScriptedAdapter)


def test_without_the_script_the_real_adapter_answers() -> None:
    assert isinstance(adapter_for(Endpoint(get_spec("openai"), api_key=FAKE_KEY)), OpenAIChatAdapter)


# -- refused: nothing sent, nothing stored ------------------------------------------------------------


@pytest.mark.parametrize(
    ("ask", "kind", "words"),
    [
        pytest.param(Ask("no-such-provider", "m", "hi"), None, "Unknown provider 'no-such-provider'",
                     id="unknown-provider"),
        pytest.param(Ask("mistral", "mistral-small-latest", "hi"), "auth", "keys set mistral", id="missing-key"),
        pytest.param(Ask("openai", "gpt-4o", "hi", params=ChatParams(max_tokens=100_000)), "budget",
                     "daily limit", id="budget"),
        pytest.param(Ask("openai", "gpt-4o-mini", "word " * 130_000), "context_length",
                     "128,000-token context window", id="context-window"),
        pytest.param(Ask("deepseek", "deepseek-chat", "what is this?", images=(PNG,)), "bad_request",
                     "cannot read images", id="image-to-text-only-model"),
    ],
)  # fmt: skip
async def test_a_refused_turn_sends_and_stores_nothing(runtime: Runtime, store: Store, script: Script, ask: Ask,
                                                       kind: str | None, words: str) -> None:  # fmt: skip
    runtime.replace_settings(DAILY_CENT)
    turn, events = await run(runtime, ask)
    assert turn.refusal is not None and words in turn.refusal.message
    assert (turn.refusal.error.kind if turn.refusal.error else None) == kind
    assert turn.refusal.overridable == (kind == "budget")
    assert events.names == ["refused"] and not turn.sent
    assert script.sent == [] and store.list_conversations() == [] and store.logged_requests() == []


async def test_a_budget_counts_what_the_ledger_already_holds(runtime: Runtime, store: Store, script: Script) -> None:
    runtime.replace_settings(DAILY_CENT)
    store.log_request(provider="openai", requested_model="gpt-4o-mini", started_at=datetime.now().astimezone(),
                      cost_usd=0.009, cost_source="catalog")  # fmt: skip
    script.reply("fits")
    fits, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "hi", params=ChatParams(max_tokens=1000)))
    assert fits.refusal is None and fits.reply.text == "fits"
    assert any("total spend" in w for w in fits.warnings)  # past 80 % of the day's limit
    over, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "hi", params=ChatParams(max_tokens=5000)))
    assert over.refusal is not None and over.refusal.overridable
    assert len(script.sent) == 1


async def test_an_override_sends_what_a_budget_refused_once(runtime: Runtime, script: Script) -> None:
    runtime.replace_settings(DAILY_CENT)
    script.reply("sent anyway")
    ask = Ask("openai", "gpt-4o", "hi", params=ChatParams(max_tokens=100_000), override_budget=True)
    turn, events = await run(runtime, ask)
    assert turn.refusal is None and turn.reply.text == "sent anyway"
    assert turn.warnings and turn.warnings[0].startswith("Budget override")
    assert "refused" not in events.names


# -- storing ------------------------------------------------------------------------------------------


async def test_a_new_conversation_is_stored_priced_and_logged(runtime: Runtime, store: Store, script: Script) -> None:
    script.reply("Hello", " there", served="gpt-4o-mini-2024-07-18", usage=Usage(input_tokens=1000, output_tokens=500))
    params = ChatParams(system="Be brief.", temperature=0.5)
    turn, events = await run(runtime, Ask("openai", "gpt-4o-mini", "Say hello", params=params))

    assert events.names == ["stored", "sending", "attempt", "delta", "finish"]
    assert events.text == turn.reply.text == "Hello there" and turn.reply.status == "complete"
    [sent] = script.sent
    assert sent.texts == [("user", "Say hello")] and sent.api_key == FAKE_KEY
    assert (sent.request.system, sent.request.temperature, sent.request.max_tokens) == ("Be brief.", 0.5, None)

    conv = store.conversation(turn.conversation_id or 0)
    assert (conv.title, conv.system_prompt) == ("Say hello", "Be brief.")
    assert conv.settings == {"provider": "openai", "model": "gpt-4o-mini", "temperature": 0.5}
    prompt, answer = store.thread(conv.id)
    assert (prompt.id, answer.id) == (turn.prompt_id, turn.message_id) == events.stored_ids[1:]  # type: ignore[index]
    assert (prompt.role, prompt.content) == ("user", "Say hello")
    assert (answer.content, answer.status, answer.provider, answer.model, answer.requested_model) == (
        "Hello there", "complete", "openai", "gpt-4o-mini-2024-07-18", "gpt-4o-mini")  # fmt: skip

    assert turn.reply.cost_usd == pytest.approx(0.00045) and turn.reply.cost_source == "catalog"
    [row] = store.logged_requests()
    assert (row.conversation_id, row.message_id, row.source) == (conv.id, answer.id, "app")
    assert (row.provider, row.requested_model, row.served_model) == ("openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18")
    assert (row.input_tokens, row.output_tokens, row.finish_reason) == (1000, 500, "stop")
    assert row.cost_usd == pytest.approx(0.00045) and row.cost_source == "catalog"
    assert row.ttft_ms is not None and row.duration_ms is not None and row.error_kind is None


async def test_a_continued_conversation_sends_its_history_and_system_prompt(runtime: Runtime, store: Store,
                                                                            script: Script) -> None:  # fmt: skip
    script.reply("Paris").reply("About two million")
    first, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "Capital of France?",
                                      params=ChatParams(system="Answer in a few words.")))  # fmt: skip
    conv = first.conversation_id
    second, _ = await run(runtime, Ask("anthropic", "claude-sonnet-4-20250514", "Its population?",
                                       conversation_id=conv))  # fmt: skip

    assert second.conversation_id == conv
    sent = script.sent[1]
    assert sent.provider == "anthropic"  # a conversation may switch provider at any turn
    assert sent.texts == [("user", "Capital of France?"), ("assistant", "Paris"), ("user", "Its population?")]
    assert sent.request.system == "Answer in a few words."
    assert [m.content for m in store.thread(conv or 0)] == ["Capital of France?", "Paris", "Its population?",
                                                            "About two million"]  # fmt: skip
    assert store.conversation(conv or 0).settings["provider"] == "anthropic"


async def test_an_edited_prompt_is_a_new_branch(runtime: Runtime, store: Store, script: Script) -> None:
    script.reply("A1").reply("A2").reply("A2 edited")
    first, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "Q1"))
    conv = first.conversation_id
    second, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "Q2", conversation_id=conv))
    edited, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "Q2, edited", conversation_id=conv,
                                       parent=first.message_id))  # fmt: skip

    assert script.sent[2].texts == [("user", "Q1"), ("assistant", "A1"), ("user", "Q2, edited")]
    assert [m.content for m in store.thread(conv or 0)] == ["Q1", "A1", "Q2, edited", "A2 edited"]
    assert [m.id for m in store.siblings(second.prompt_id or 0)] == [second.prompt_id, edited.prompt_id]
    assert store.message(second.message_id or 0).content == "A2"  # the old branch is kept


async def test_regenerate_adds_a_sibling_answer_to_the_same_prompt(runtime: Runtime, store: Store,
                                                                   script: Script) -> None:  # fmt: skip
    script.reply("first try").reply("second try")
    first, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "Tell me a joke"))
    again, events = await run(runtime, Ask("groq", "llama-3.3-70b-versatile", conversation_id=first.conversation_id,
                                           regenerate=first.message_id))  # fmt: skip

    assert script.sent[1].texts == [("user", "Tell me a joke")]  # the prompt once, without the old answer
    assert again.prompt_id is None and again.conversation_id == first.conversation_id
    assert [m.id for m in store.siblings(first.message_id or 0)] == [first.message_id, again.message_id]
    regenerated = store.message(again.message_id or 0)
    assert (regenerated.content, regenerated.provider, regenerated.parent_id) == ("second try", "groq",
                                                                                  first.prompt_id)  # fmt: skip
    assert [m.content for m in store.thread(first.conversation_id or 0)] == ["Tell me a joke", "second try"]
    assert events.names[0] == "stored"


async def test_without_saving_nothing_is_stored_but_the_answer_is_priced(runtime: Runtime, store: Store,
                                                                         script: Script) -> None:  # fmt: skip
    script.reply("off the record", usage=Usage(input_tokens=1000, output_tokens=500))
    turn, events = await run(runtime, Ask("openai", "gpt-4o-mini", "hi", save=False))
    assert turn.reply.text == "off the record" and turn.conversation_id is None
    assert "stored" not in events.names
    assert turn.reply.cost_usd == pytest.approx(0.00045)
    assert store.list_conversations() == [] and store.logged_requests() == []


# -- stopping -----------------------------------------------------------------------------------------


async def test_a_stop_before_sending_sends_and_stores_nothing(store: Store, script: Script,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    keychain = GatedKeyring()  # the keychain shows an unlock prompt: the turn waits on it
    runtime = Runtime(KeyStore(keychain))
    runtime.store = store
    events = TurnEvents()
    turn = Turn(runtime, Ask("openai", "gpt-4o-mini", "hi"), events)
    task = asyncio.ensure_future(turn.run())
    try:
        await asyncio.to_thread(keychain.asked.wait, 10)
        assert turn.stop()
        assert await task is None
        assert not turn.sent and events.names == []
        assert script.sent == [] and store.list_conversations() == [] and store.logged_requests() == []
        assert not turn.stop()  # it has ended: nothing left to stop
    finally:
        keychain.release()
        await runtime.aclose()


async def test_a_stop_mid_stream_keeps_the_partial_answer_marked(runtime: Runtime, store: Store,
                                                                 script: Script) -> None:  # fmt: skip
    gate = Gate()
    script.answer(TextDelta("partial "), TextDelta("text"), gate, TextDelta(" never sent"))
    events = TurnEvents()
    turn = Turn(runtime, Ask("openai", "gpt-4o-mini", "Write an essay"), events)
    task = asyncio.ensure_future(turn.run())
    await gate.wait_reached()
    assert turn.stop()
    reply = await task

    assert reply is not None and reply.text == "partial text"
    assert (reply.finish_reason, reply.status, reply.error.kind if reply.error else None) == (
        "cancelled", "interrupted", "cancelled")  # fmt: skip
    assert events.names[-1] == "finish" and events.names.count("finish") == 1
    assert script.closed_early == 1  # the stream was closed at once
    answer = store.message(turn.message_id or 0)
    assert (answer.content, answer.status) == ("partial text", "interrupted")
    [row] = store.logged_requests()
    assert row.finish_reason == "cancelled" and row.message_id == answer.id


async def test_a_failed_stream_keeps_its_text_and_says_why(runtime: Runtime, store: Store, script: Script) -> None:
    script.answer(TextDelta("half an "), TextDelta("answer"), Failure("server", "the provider fell over", status=500))
    turn, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "hi"))
    assert turn.reply.text == "half an answer" and turn.reply.status == "interrupted"
    answer = store.message(turn.message_id or 0)
    assert (answer.status, answer.error_kind) == ("interrupted", "server")
    assert "fell over" in (answer.error_message or "")
    assert len(script.sent) == 1  # no retry once text has arrived


async def test_a_stream_that_ends_without_a_finish_is_said_to_be_cut_short(runtime: Runtime, store: Store,
                                                                           script: Script) -> None:  # fmt: skip
    script.answer(TextDelta("an answer that "), TextDelta("stops"))  # no Finish: the stream just ended
    turn, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "hi"))
    assert turn.reply.text == "an answer that stops" and turn.reply.status == "interrupted"
    assert turn.reply.error is not None and turn.reply.error.kind == "protocol"
    assert "ended without the provider saying it was finished" in turn.reply.error.message
    answer = store.message(turn.message_id or 0)
    assert (answer.status, answer.error_kind, answer.content) == ("interrupted", "protocol", "an answer that stops")


# -- fallbacks and retries --------------------------------------------------------------------------


async def test_a_fallback_chain_moves_on_and_the_ledger_links_the_attempts(runtime: Runtime, store: Store,
                                                                           script: Script) -> None:  # fmt: skip
    script.fail("auth", "key revoked", provider="openai", status=401)
    script.reply("rescued", provider="groq", usage=Usage(input_tokens=1000, output_tokens=500))
    turn, events = await run(runtime, Ask("openai", "gpt-4o-mini", "hi",
                                          fallbacks=("groq:llama-3.3-70b-versatile",)))  # fmt: skip

    assert turn.reply.text == "rescued" and turn.reply.provider == "groq"
    assert events.attempts == [("openai", "gpt-4o-mini"), ("groq", "llama-3.3-70b-versatile")]
    assert [a.as_json()["error_kind"] for a in turn.reply.attempts] == ["auth", None]
    assert [s.provider for s in script.sent] == ["openai", "groq"]
    first, second = reversed(store.logged_requests())
    assert (first.provider, first.error_kind, first.cost_usd, first.cost_source) == ("openai", "auth", 0.0, "free")
    assert (second.provider, second.fallback_of, second.cost_source) == ("groq", first.id, "catalog")
    assert second.cost_usd == pytest.approx(0.000985)
    assert store.message(turn.message_id or 0).provider == "groq"


async def test_a_fallback_without_a_key_is_reported_and_passed_over(runtime: Runtime, script: Script) -> None:
    script.fail("overloaded", provider="openai", status=529, retry_after=3600)  # longer than retries may wait
    script.reply("third time lucky", provider="groq")
    turn, _ = await run(runtime, Ask("openai", "gpt-4o-mini", "hi",
                                     fallbacks=("mistral:mistral-small-latest", "groq:llama-3.3-70b-versatile")))
    assert turn.reply.text == "third time lucky"
    assert [(a.provider, a.error.kind if a.error else None) for a in turn.reply.attempts] == [
        ("openai", "overloaded"), ("mistral", "auth"), ("groq", None)]  # fmt: skip
    assert [s.provider for s in script.sent] == ["openai", "groq"]  # the keyless fallback was never sent


async def test_a_busy_provider_is_retried_and_the_observer_hears_the_wait(runtime: Runtime, script: Script) -> None:
    script.fail("rate_limit", "slow down", status=429, retry_after=0.01)
    script.reply("after a pause")
    turn, events = await run(runtime, Ask("openai", "gpt-4o-mini", "hi"))
    assert turn.reply.text == "after a pause"
    assert events.waits == [0.01] and events.names.index("wait") < events.names.index("delta")
    assert len(script.sent) == 2 and turn.reply.attempts[0].retries == 1


# -- pricing ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("provider", "model", "usage", "cost", "source"),
    [
        pytest.param("openai", "gpt-4o-mini", Usage(input_tokens=1000, output_tokens=500), 0.00045, "catalog",
                     id="catalog"),
        pytest.param("openrouter", "x/y", Usage(input_tokens=10, output_tokens=5, provider_cost_usd=0.0123), 0.0123,
                     "provider", id="provider-reported"),
        pytest.param("ollama", "llama3.2", Usage(input_tokens=10, output_tokens=5), 0.0, "free", id="local"),
        pytest.param("openai", "no-such-model", Usage(input_tokens=10, output_tokens=5), None, "unknown",
                     id="unknown-model"),
        pytest.param("openai", "gpt-4o-mini", None, None, "unknown", id="no-usage-reported"),
    ],
)  # fmt: skip
async def test_the_answer_and_its_ledger_row_carry_one_price(runtime: Runtime, store: Store, script: Script,
                                                             provider: str, model: str, usage: Usage | None,
                                                             cost: float | None, source: str) -> None:  # fmt: skip
    script.reply("priced", usage=usage)
    turn, _ = await run(runtime, Ask(provider, model, "hi"))
    [row] = store.logged_requests()
    assert (turn.reply.cost_source, row.cost_source) == (source, source)
    assert turn.reply.cost_usd == row.cost_usd == (pytest.approx(cost) if cost is not None else None)


# -- no database --------------------------------------------------------------------------------------


async def test_without_a_database_the_history_comes_from_the_ask(memory_runtime: Runtime, script: Script) -> None:
    script.reply("Nice to meet you, Ada", usage=Usage(input_tokens=30, output_tokens=6))
    history = (Message("user", "My name is Ada"), Message("assistant", "Hello Ada"))
    turn, events = await run(memory_runtime, Ask("openai", "gpt-4o-mini", "What is my name?", history=history))
    assert turn.reply.text == "Nice to meet you, Ada" and turn.conversation_id is None
    assert "stored" not in events.names and turn.reply.cost_source == "catalog"
    assert script.sent[0].texts == [("user", "My name is Ada"), ("assistant", "Hello Ada"),
                                    ("user", "What is my name?")]  # fmt: skip


async def test_without_a_database_budgets_are_not_counted_but_windows_are(memory_runtime: Runtime,
                                                                          script: Script) -> None:  # fmt: skip
    memory_runtime.replace_settings(DAILY_CENT)
    script.reply("no ledger to count")
    sent, _ = await run(memory_runtime, Ask("openai", "gpt-4o", "hi", params=ChatParams(max_tokens=100_000)))
    assert sent.refusal is None and sent.reply.text == "no ledger to count"
    too_long, _ = await run(memory_runtime, Ask("openai", "gpt-4o-mini", "word " * 130_000))
    assert too_long.refusal is not None and too_long.refusal.error is not None
    assert too_long.refusal.error.kind == "context_length" and len(script.sent) == 1


async def test_an_unscripted_request_is_a_loud_failure(memory_runtime: Runtime, script: Script,
                                                       caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    turn, _ = await run(memory_runtime, Ask("openai", "gpt-4o-mini", "hi"))
    assert turn.reply.error is not None and turn.reply.error.kind == "protocol"
    assert "no scripted answer for openai:gpt-4o-mini" in caplog.text  # logged with its traceback, as our bug
