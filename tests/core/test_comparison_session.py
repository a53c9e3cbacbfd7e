"""A comparison over the scripted adapter: checks, panes failing alone (budget, key, context window), the stored
run and its ledger rows, stopping and retrying one pane, votes and rankings, and continuing as a conversation."""

from __future__ import annotations

import asyncio

import pytest

from app.core.asks import Refusal
from app.core.chat import Reply
from app.core.comparison import ComparisonSession, PaneTarget
from app.core.runtime import Runtime
from app.core.settings import Budgets, Limits, ProviderSettings, RetrySettings, Settings
from app.providers import Finish, TextDelta, Usage
from app.store import Store
from tests.support.observers import ComparisonEvents
from tests.support.scripted import Gate, Script
from tests.support.waiting import wait_until

MINI = PaneTarget("openai", "gpt-4o-mini")
LLAMA = PaneTarget("groq", "llama-3.3-70b-versatile")
USAGE = Usage(input_tokens=1000, output_tokens=500)


def session_for(runtime: Runtime, *, save: bool = True) -> tuple[ComparisonSession, ComparisonEvents]:
    events = ComparisonEvents()
    return ComparisonSession(runtime, events, save=save), events


def two_answers(script: Script) -> None:
    script.reply("from openai", provider="openai", usage=USAGE)
    script.reply("from groq", provider="groq", usage=USAGE)


def error_kinds(replies: list[Reply] | None) -> list[str | None]:
    assert replies is not None
    return [r.error.kind if r.error else None for r in replies]


@pytest.mark.parametrize(
    ("targets", "prompt", "problem"),
    [
        pytest.param([MINI], "hi", "A comparison needs 2 to 8 panes.", id="one-pane"),
        pytest.param([MINI] * 9, "hi", "A comparison needs 2 to 8 panes.", id="nine-panes"),
        pytest.param([MINI, PaneTarget("", "m")], "hi", "Choose a provider for pane 2.", id="no-provider"),
        pytest.param([PaneTarget("openai", " "), MINI], "hi", "Type a model name for pane 1.", id="no-model"),
        pytest.param([MINI, LLAMA], " \n ", "Type a prompt first.", id="blank-prompt"),
        pytest.param([MINI, PaneTarget("openai", "gpt-4o-mini", temperature=7.0)], "hi",
                     "Pane 2: temperature 7 is out of range for openai:gpt-4o-mini: it takes 0 to 2.",
                     id="bad-parameter"),
        pytest.param([MINI, PaneTarget("no-such-provider", "m")], "hi", "Unknown provider 'no-such-provider'",
                     id="unknown-provider"),
    ],
)  # fmt: skip
async def test_an_unusable_comparison_is_refused_whole(runtime: Runtime, store: Store, script: Script,
                                                       targets: list[PaneTarget], prompt: str,
                                                       problem: str) -> None:  # fmt: skip
    session, events = session_for(runtime)
    assert await session.send(targets, prompt) is None
    [refusal] = events.refusals
    assert refusal.message.startswith(problem)
    assert script.sent == [] and store.logged_requests() == [] and events.started == []


async def test_every_pane_answers_with_its_own_parameters_and_is_stored(runtime: Runtime, store: Store,
                                                                        script: Script) -> None:  # fmt: skip
    two_answers(script)
    session, events = session_for(runtime)
    targets = [PaneTarget("openai", "gpt-4o-mini", temperature=0.2), PaneTarget("groq", "llama-3.3-70b-versatile",
                                                                                  max_tokens=300)]  # fmt: skip
    replies = await session.send(targets, "  same prompt  ")
    assert replies is not None and [r.text for r in replies] == ["from openai", "from groq"]
    assert events.busy == [True, False] and events.started == [targets]
    assert sorted(events.finished) == [0, 1] and events.texts == {0: "from openai", 1: "from groq"}
    openai, groq = script.sent_to("openai")[0].request, script.sent_to("groq")[0].request
    assert (openai.temperature, openai.max_tokens, groq.temperature, groq.max_tokens) == (0.2, None, None, 300)
    assert openai.messages[-1].text == groq.messages[-1].text == "same prompt"

    assert session.run is not None
    run = store.comparison(session.run.id)
    rows = {r.id: r for r in store.logged_requests()}
    assert run.prompt == "same prompt" and [p.label for p in run.panes] == ["A", "B"]
    assert [(p.provider, p.model) for p in run.panes] == [(t.provider, t.model) for t in targets]
    assert [rows[p.request_id or 0].provider for p in run.panes] == ["openai", "groq"]
    assert {r.source for r in rows.values()} == {"compare"}
    assert [r.cost_usd for r in replies] == [pytest.approx(0.00045), pytest.approx(0.000985)]
    assert store.pane_parameters(run.id) == [{"temperature": 0.2}, {"max_tokens": 300}]
    assert store.list_conversations() == []  # a comparison is not a conversation until continued


async def test_a_pane_over_budget_fails_alone_and_is_never_sent(runtime: Runtime, store: Store,
                                                                script: Script) -> None:  # fmt: skip
    runtime.replace_settings(Settings(budgets=Budgets(per_provider={"openai": Limits(daily=0.01)})))
    script.reply("cheap answer", provider="groq")
    session, _ = session_for(runtime)
    replies = await session.send([PaneTarget("openai", "gpt-4o", max_tokens=100_000), LLAMA], "over budget?")
    assert error_kinds(replies) == ["budget", None]
    assert replies is not None and replies[1].text == "cheap answer"
    assert [s.provider for s in script.sent] == ["groq"]
    refused = next(r for r in store.logged_requests() if r.provider == "openai")
    assert (refused.error_kind, refused.cost_usd, refused.cost_source) == ("budget", 0.0, "free")


async def test_the_budget_counts_the_panes_before_it(runtime: Runtime, script: Script) -> None:
    # Each pane could cost up to ~$0.003 (5,000 tokens out at $0.60/M): one fits under $0.005, two do not.
    runtime.replace_settings(Settings(budgets=Budgets(overall=Limits(daily=0.005))))
    script.reply("first", provider="openai")
    session, _ = session_for(runtime)
    pane = PaneTarget("openai", "gpt-4o-mini", max_tokens=5000)
    replies = await session.send([pane, pane], "twice")
    assert error_kinds(replies) == [None, "budget"] and len(script.sent) == 1


@pytest.mark.parametrize(
    ("refused", "kind"),
    [
        pytest.param(PaneTarget("mistral", "mistral-small-latest"), "auth", id="no-key"),
        pytest.param(PaneTarget("deepseek", "deepseek-chat"), "context_length", id="context-window"),
    ],
)
async def test_a_pane_that_cannot_be_sent_fails_alone(runtime: Runtime, script: Script, refused: PaneTarget,
                                                      kind: str) -> None:  # fmt: skip
    script.reply("a long read", provider="gemini")
    session, _ = session_for(runtime)
    # About 70,000 tokens: more than deepseek-chat's window, well within gemini-2.5-flash's million.
    replies = await session.send([refused, PaneTarget("gemini", "gemini-2.5-flash")], "word " * 70_000)
    assert error_kinds(replies) == [kind, None]
    assert [s.provider for s in script.sent] == ["gemini"]


async def test_one_pane_stops_and_keeps_its_text_while_the_other_finishes(runtime: Runtime, store: Store,
                                                                         script: Script) -> None:  # fmt: skip
    gate = Gate()
    script.answer(TextDelta("half "), gate, TextDelta("never"), Finish("stop"), provider="openai")
    script.reply("whole answer", provider="groq")
    session, _ = session_for(runtime)
    sending = asyncio.ensure_future(session.send([MINI, LLAMA], "race"))
    await gate.wait_reached()
    assert session.busy and session.pane_running(0)
    session.stop(0)
    replies = await sending
    assert replies is not None
    assert [(r.text, r.status) for r in replies] == [("half ", "interrupted"), ("whole answer", "complete")]
    assert script.closed_early == 1 and not session.busy
    assert {r.finish_reason for r in store.logged_requests()} == {"cancelled", "stop"}


async def test_a_finished_pane_may_be_retried_alone(runtime: Runtime, store: Store, script: Script) -> None:
    script.fail("server", "try again later", provider="openai", status=500)
    script.reply("from groq", provider="groq")
    runtime.replace_settings(Settings(providers={"openai": ProviderSettings(retries=RetrySettings(max_retries=0))}))
    session, events = session_for(runtime)
    replies = await session.send([MINI, LLAMA], "again?")
    assert error_kinds(replies) == ["server", None]

    script.reply("second wind", provider="openai")
    assert session.retry(0) and not session.retry(0)  # running again: not twice
    await wait_until(lambda: not session.busy, what="the retried pane to end")
    assert [r.text for r in events.finished[0]] == ["", "second wind"] and len(events.finished[1]) == 1
    assert session.replies()[0].text == "second wind"
    assert len(store.logged_requests()) == 3 and events.busy == [True, False, True, False]


async def test_a_blind_run_shuffles_the_panes(runtime: Runtime, store: Store, script: Script) -> None:
    two_answers(script)
    session, events = session_for(runtime)
    session.order = lambda n: list(range(n))[::-1]
    replies = await session.send([MINI, LLAMA], "who is who?", blind=True)
    assert events.started == [[LLAMA, MINI]] and session.blind
    assert replies is not None and [r.text for r in replies] == ["from groq", "from openai"]
    assert session.run is not None
    assert [p.provider for p in store.comparison(session.run.id).panes] == ["groq", "openai"]


# -- verdicts ---------------------------------------------------------------------------------------------


async def test_a_vote_is_taken_once_and_fills_the_leaderboard(runtime: Runtime, store: Store, script: Script) -> None:
    session, _ = session_for(runtime)
    assert session.vote(0) == "Wait for every pane to finish (or stop it) before voting."
    two_answers(script)
    await session.send([MINI, LLAMA], "vote on this")
    assert session.vote(1) == ""
    assert session.vote(0) == "This comparison already has your vote."
    assert session.run is not None
    run = store.comparison(session.run.id)
    [vote] = run.votes
    assert vote.winner_pane_id == run.panes[1].id and vote.ranking == ()
    board = session.leaderboard()
    assert board is not None and [(s.provider, s.wins, s.votes) for s in board] == [("groq", 1, 1), ("openai", 0, 1)]
    assert not session.retry(0)  # voted on: the answers stand


async def test_a_ranking_names_every_pane_once(runtime: Runtime, store: Store, script: Script) -> None:
    two_answers(script)
    session, _ = session_for(runtime)
    await session.send([MINI, LLAMA], "rank these")
    assert session.rank([1]) == "Rank every pane once, best first."
    assert session.rank([1, 1]) == "Rank every pane once, best first."
    assert session.rank([1, 0]) == "" and session.ranking == [1, 0]
    assert session.run is not None
    run = store.comparison(session.run.id)
    assert run.votes[0].ranking == (run.panes[1].id, run.panes[0].id)


async def test_without_saving_nothing_is_stored_and_verdicts_say_why(runtime: Runtime, store: Store,
                                                                     script: Script) -> None:  # fmt: skip
    two_answers(script)
    session, _ = session_for(runtime, save=False)
    replies = await session.send([MINI, LLAMA], "off the record")
    assert replies is not None and [r.text for r in replies] == ["from openai", "from groq"]
    assert replies[0].cost_usd == pytest.approx(0.00045)  # priced all the same
    assert session.vote(0) == "Votes are not being saved: the database is not open."
    refusal = session.continue_with(0)
    assert isinstance(refusal, Refusal) and "not being saved" in refusal.message
    assert session.leaderboard() is None
    assert store.logged_requests() == [] and session.run is None


# -- continuing as a conversation --------------------------------------------------------------------------


async def test_continue_makes_the_chosen_answer_current_and_keeps_the_others(runtime: Runtime, store: Store,
                                                                             script: Script) -> None:  # fmt: skip
    two_answers(script)
    session, _ = session_for(runtime)
    refusal = session.continue_with(0)
    assert isinstance(refusal, Refusal) and refusal.message == "Nothing to continue yet."
    await session.send([MINI, LLAMA], "Which is better?")
    conv = session.continue_with(1)
    assert isinstance(conv, int)
    prompt, chosen = store.thread(conv)
    assert (prompt.content, chosen.content, chosen.provider) == ("Which is better?", "from groq", "groq")
    assert [store.message(i).content for i in chosen.sibling_ids] == ["from groq", "from openai"]
    assert store.conversation(conv).title == "Which is better?"
    assert session.run is not None
    run = store.comparison(session.run.id)
    assert run.conversation_id == conv and [p.message_id for p in run.panes] == [chosen.sibling_ids[1],
                                                                                 chosen.sibling_ids[0]]  # fmt: skip
    assert session.continue_with(0) == conv  # again: only the branch switches
    assert store.thread(conv)[-1].content == "from openai"
    assert len(store.list_conversations()) == 1 and not session.retry(0)


async def test_a_run_with_the_conversation_so_far_continues_that_conversation(runtime: Runtime, store: Store,
                                                                             script: Script) -> None:  # fmt: skip
    conv = store.create_conversation("Trip", system_prompt="Plan trips.")
    q = store.add_message(conv, "user", "Where to?")
    store.add_message(conv, "assistant", "Lisbon", parent_id=q)
    two_answers(script)
    session, _ = session_for(runtime)
    await session.send([MINI, LLAMA], "And when?", conversation_id=conv)
    for sent in script.sent:
        assert sent.texts == [("user", "Where to?"), ("assistant", "Lisbon"), ("user", "And when?")]
        assert sent.request.system == "Plan trips."
    assert session.continue_with(0) == conv
    assert [m.content for m in store.thread(conv)] == ["Where to?", "Lisbon", "And when?", "from openai"]
    assert session.run is not None and store.comparison(session.run.id).conversation_id == conv


async def test_the_conversation_so_far_needs_a_database(memory_runtime: Runtime, script: Script) -> None:
    session, events = session_for(memory_runtime)
    assert await session.send([MINI, LLAMA], "And when?", conversation_id=1) is None
    [refusal] = events.refusals
    assert "database is not open" in refusal.message and "so far" in refusal.advice
    assert script.sent == []
