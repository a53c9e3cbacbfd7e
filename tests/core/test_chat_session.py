"""The window's chat session over the scripted adapter: checks, several conversations answering at once, stops,
a budget override, parameters per conversation, the next request's estimate and the in-memory chat."""

from __future__ import annotations

import asyncio

import pytest

from app.core.asks import Ask
from app.core.chat import Reply
from app.core.chat_params import ChatParams
from app.core.chat_session import ChatSession
from app.core.runtime import Runtime
from app.core.settings import Budgets, Limits, Settings
from app.core.turn import Turn
from app.providers import Finish, ImagePart, TextDelta
from app.store import Store
from tests.support.observers import TurnEvents
from tests.support.scripted import Gate, Script

PNG = ImagePart("image/png", b"\x89PNG\r\n\x1a\n not really an image")


async def send(session: ChatSession, ask: Ask, events: TurnEvents | None = None) -> Turn:
    """As the window's controller does: start the turn, run it in a task, tell the session when it ended."""
    turn = session.start(ask, events or TurnEvents())
    try:
        await turn.run()
    finally:
        session.ended(turn)
    return turn


def started(session: ChatSession, ask: Ask) -> tuple[Turn, asyncio.Task[Reply | None]]:
    turn = session.start(ask, TurnEvents())
    task = asyncio.ensure_future(turn.run())
    task.add_done_callback(lambda _t: session.ended(turn))
    return turn, task


@pytest.mark.parametrize(
    ("provider", "model", "prompt", "images", "branches", "problem"),
    [
        pytest.param("", "m", "hi", False, False, "Choose a provider first.", id="no-provider"),
        pytest.param("openai", "  ", "hi", False, False, "Type a model name first.", id="no-model"),
        pytest.param("openai", "m", " \n\u200b", False, False, "Type a prompt first.", id="blank-prompt"),
        pytest.param("openai", "m", "", True, False, None, id="an-image-alone-is-a-prompt"),
        pytest.param("openai", "m", "hi", False, True, "Answers cannot be branched while conversations are not being "
                     "saved.", id="branch-without-saving"),
        pytest.param("openai", "m", "hi", False, False, None, id="usable"),
    ],
)  # fmt: skip
async def test_check_refuses_what_cannot_be_sent(memory_runtime: Runtime, provider: str, model: str, prompt: str,
                                                 images: bool, branches: bool,
                                                 problem: str | None) -> None:  # fmt: skip
    refusal = ChatSession(memory_runtime).check(provider, model, prompt, images=images, branches=branches)
    assert (refusal.message if refusal else None) == problem


async def test_check_refuses_parameters_out_of_the_models_range(memory_runtime: Runtime) -> None:
    session = ChatSession(memory_runtime)
    session.set_params(ChatParams(temperature=1.5))
    refusal = session.check("anthropic", "claude-sonnet-4-5", "hi")
    assert refusal is not None and "it takes 0 to 1" in refusal.message and "Parameters" in refusal.advice
    assert session.check("openai", "gpt-4o-mini", "hi") is None
    session.fallbacks = ("anthropic:claude-sonnet-4-5",)  # every entry of the chain, as `ask` checks them
    assert session.check("openai", "gpt-4o-mini", "hi") is not None


async def test_an_ask_carries_the_shown_conversations_parameters_as_the_model_takes_them(runtime: Runtime) -> None:
    session = ChatSession(runtime)
    session.set_params(ChatParams(system="Terse.", temperature=0.3, reasoning_effort="high"))
    session.fallbacks = ("groq:llama-3.3-70b-versatile",)
    plain = session.ask("openai", " gpt-4o-mini ", " ", "hi")
    assert (plain.model, plain.base_url, plain.fallbacks, plain.conversation_id) == (
        "gpt-4o-mini", None, ("groq:llama-3.3-70b-versatile",), None)  # fmt: skip
    assert plain.params == ChatParams(system="Terse.", temperature=0.3)  # gpt-4o-mini takes no reasoning effort
    assert session.ask("openai", "o3-mini", "", "hi").params.reasoning_effort == "high"


async def test_a_new_chat_gets_its_id_and_the_next_prompt_continues_it(runtime: Runtime, store: Store,
                                                                       script: Script) -> None:  # fmt: skip
    script.reply("Hi Ada").reply("Ada")
    session = ChatSession(runtime)
    first = await send(session, session.ask("openai", "gpt-4o-mini", "", "I am Ada"))
    assert session.conversation_id == first.conversation_id is not None
    second = await send(session, session.ask("openai", "gpt-4o-mini", "", "Who am I?"))
    assert second.conversation_id == first.conversation_id
    assert script.sent[1].texts == [("user", "I am Ada"), ("assistant", "Hi Ada"), ("user", "Who am I?")]
    assert [c.id for c in store.list_conversations()] == [first.conversation_id]
    assert not session.busy and session.turns == []


async def test_conversations_answer_at_once_each_into_its_own(runtime: Runtime, store: Store, script: Script) -> None:
    slow, slower = Gate(), Gate()
    script.answer(TextDelta("first "), slow, TextDelta("answer"), Finish("stop"), model="gpt-4o-mini")
    script.answer(TextDelta("second "), slower, TextDelta("never"), model="gpt-4o")
    session = ChatSession(runtime)
    one, one_task = started(session, session.ask("openai", "gpt-4o-mini", "", "first question"))
    await slow.wait_reached()
    assert session.answering and session.shown_turn is one

    assert session.new_conversation()  # saving: the first answer streams on into its own conversation
    assert not session.answering and session.busy
    two, two_task = started(session, session.ask("openai", "gpt-4o", "", "second question"))
    await slower.wait_reached()
    assert session.conversation_id == two.conversation_id != one.conversation_id
    assert session.streaming_conversations() == {one.conversation_id, two.conversation_id}

    assert session.stop()  # stops the conversation shown only
    await two_task
    assert two.reply.status == "interrupted" and not one_task.done()
    slow.open()
    await one_task
    assert one.reply.text == "first answer" and one.reply.status == "complete"
    assert [m.content for m in store.thread(one.conversation_id or 0)] == ["first question", "first answer"]
    assert [m.content for m in store.thread(two.conversation_id or 0)] == ["second question", "second "]
    assert not session.busy and not session.stop()


async def test_stop_all_stops_every_running_answer(runtime: Runtime, script: Script) -> None:
    gates = [Gate(), Gate()]
    for gate in gates:
        script.answer(TextDelta("partial"), gate)
    session = ChatSession(runtime)
    tasks = []
    for n, gate in enumerate(gates):
        session.new_conversation()
        tasks.append(started(session, session.ask("openai", "gpt-4o-mini", "", f"question {n}"))[1])
        await gate.wait_reached()
    assert session.stop_all() == 2
    await asyncio.gather(*tasks)
    assert script.closed_early == 2 and not session.busy


async def test_a_budget_refusal_may_be_sent_once_regardless(runtime: Runtime, script: Script) -> None:
    runtime.replace_settings(Settings(budgets=Budgets(overall=Limits(daily=0.01))))
    session = ChatSession(runtime)
    session.set_params(ChatParams(max_tokens=100_000))
    events = TurnEvents()
    refused = await send(session, session.ask("openai", "gpt-4o", "", "an expensive question"), events)
    assert events.names == ["refused"] and session.can_override

    script.reply("answered anyway")
    override = session.refused_ask()
    assert override is not None and override.override_budget and override.prompt == refused.ask.prompt
    assert not session.can_override and session.refused_ask() is None  # once
    sent = await send(session, override)
    assert sent.reply.text == "answered anyway" and sent.warnings[0].startswith("Budget override")


async def test_a_shown_conversation_brings_its_parameters_and_keeps_new_ones(runtime: Runtime, store: Store,
                                                                             script: Script) -> None:  # fmt: skip
    script.reply("one").reply("two")
    session = ChatSession(runtime)
    session.set_params(ChatParams(system="Be kind.", temperature=0.2))
    first = await send(session, session.ask("anthropic", "claude-sonnet-4-20250514", "", "hello"))
    conv = first.conversation_id or 0

    session.new_conversation()
    assert session.params == ChatParams() and session.conversation_id is None
    setup = session.show(conv)
    assert setup is not None and (setup.provider, setup.model) == ("anthropic", "claude-sonnet-4-20250514")
    assert session.params == ChatParams(system="Be kind.", temperature=0.2)

    session.set_params(ChatParams(system="Be kind.", temperature=0.9, max_tokens=50))
    assert store.conversation(conv).settings["temperature"] == 0.9
    await send(session, session.ask("anthropic", "claude-sonnet-4-20250514", "", "again"))
    request = script.sent[1].request
    assert (request.system, request.temperature, request.max_tokens) == ("Be kind.", 0.9, 50)


async def test_the_estimate_counts_the_history_that_would_go_with_the_prompt(runtime: Runtime,
                                                                             script: Script) -> None:  # fmt: skip
    session = ChatSession(runtime)
    fresh = await session.estimate("openai", "gpt-4o-mini", "a question")
    script.reply("a long answer " * 200)
    first = await send(session, session.ask("openai", "gpt-4o-mini", "", "a question"))
    following = await session.estimate("openai", "gpt-4o-mini", "a question")
    editing_first = await session.estimate("openai", "gpt-4o-mini", "a question", edited_id=first.prompt_id)
    assert following.prompt_tokens > fresh.prompt_tokens + 500
    assert editing_first.prompt_tokens == fresh.prompt_tokens  # an edit of the first prompt goes out alone
    assert fresh.cost_usd is not None and following.cost_usd is not None and following.cost_usd > fresh.cost_usd
    assert fresh.max_output_tokens == 4096 and not fresh.free


async def test_the_estimate_counts_attached_pdfs_as_the_provider_reads_them(runtime: Runtime) -> None:
    from app.core.documents import document_from_bytes
    from tests.support.pdfs import text_pdf

    session = ChatSession(runtime)
    pdf = document_from_bytes("report.pdf", text_pdf([f"page {n}" for n in range(1, 5)]))
    notes = document_from_bytes("notes.md", b"# Notes\n\n" + b"word " * 400)
    bare = await session.estimate("openai", "gpt-4o-mini", "sum up")
    native = await session.estimate("openai", "gpt-4o-mini", "sum up", documents=[pdf, notes])
    text_only = await session.estimate("groq", "llama-3.3-70b-versatile", "sum up", documents=[pdf, notes])
    # OpenAI reads the PDF itself (about 1,500 tokens a page); Groq gets its few words of text.
    assert native.prompt_tokens >= bare.prompt_tokens + 4 * 1500 + 300
    assert bare.prompt_tokens + 300 <= text_only.prompt_tokens < bare.prompt_tokens + 1000


# -- no database: one conversation, in memory ------------------------------------------------------------


async def test_without_a_database_the_chat_remembers_its_turns_in_memory(memory_runtime: Runtime,
                                                                              script: Script) -> None:  # fmt: skip
    session = ChatSession(memory_runtime)
    assert not session.saving
    script.reply("Hello Ada")
    first = await send(session, session.ask("openai", "gpt-4o-mini", "", "I am Ada"))
    assert first.conversation_id is None and session.conversation_id is None

    gate = Gate()
    script.answer(TextDelta("cut "), gate)
    _, task = started(session, session.ask("openai", "gpt-4o-mini", "", "Tell me a story"))
    await gate.wait_reached()
    assert not session.new_conversation()  # the one conversation cannot be left while it answers
    assert session.stop()
    await task

    script.reply("You are Ada")
    await send(session, session.ask("openai", "gpt-4o-mini", "", "Who am I?"))
    # The stopped answer is part of the history, as the assistant turn the user saw (issue "everyday use", item 3).
    assert script.sent[2].texts == [("user", "I am Ada"), ("assistant", "Hello Ada"), ("user", "Tell me a story"),
                                    ("assistant", "cut "), ("user", "Who am I?")]  # fmt: skip
    estimate = await session.estimate("openai", "gpt-4o-mini", "next")
    assert estimate.prompt_tokens > (await ChatSession(memory_runtime).estimate("openai", "gpt-4o-mini",
                                                                              "next")).prompt_tokens  # fmt: skip

    assert session.new_conversation()
    script.reply("Nice to meet you")
    await send(session, session.ask("openai", "gpt-4o-mini", "", "Hello"))
    assert script.sent[3].texts == [("user", "Hello")]


async def test_an_image_to_a_text_only_model_is_refused_before_anything_is_stored(runtime: Runtime, store: Store,
                                                                                   script: Script) -> None:  # fmt: skip
    session = ChatSession(runtime)
    events = TurnEvents()
    turn = await send(session, session.ask("deepseek", "deepseek-chat", "", "what is this?", images=(PNG,)), events)
    assert turn.refusal is not None and "cannot read images" in turn.refusal.message
    assert events.names == ["refused"] and not session.can_override  # not a budget: nothing to override
    assert script.sent == [] and store.list_conversations() == [] and session.conversation_id is None
