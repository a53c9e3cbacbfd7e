"""Comparison panes as (provider, model, parameters) targets, and prompts sent with the conversation so far.

Real widgets, real loopback servers and a real SQLite file: the request bodies the servers received are
what the assertions read.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.store import Store
from app.ui.compare_controller import PaneTarget
from app.ui.compare_panel import ComparePanel
from tests.support.compare_panel import shown_panel
from tests.support.counting import CountingServer
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import error_reply, stream_reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
async def panel(qtbot: Any, store: Store) -> AsyncIterator[ComparePanel]:
    widget, services = shown_panel(qtbot, store, 820)
    yield widget
    widget.controller.stop_all()
    widget.prompt_sets.stop()
    await wait_until(lambda: not widget.controller.busy and not widget.prompt_sets.busy, what="the panel to settle")
    await services.aclose()


def target(server: LoopbackServer, model: str, **params: Any) -> PaneTarget:
    return PaneTarget("openai", f"{model}@{server.url}/v1", **params)


async def send(qtbot: Any, panel: ComparePanel, prompt: str) -> None:
    panel.prompt_edit.clear()
    qtbot.keyClicks(panel.prompt_edit, prompt)
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.controller.busy, what="the comparison to start")
    await wait_until(lambda: panel.controller.finished and not panel.controller.busy, what="every pane to end")


def cap(body: dict[str, Any]) -> int | None:
    """The answer-length cap as sent (OpenAI itself takes `max_completion_tokens`, others `max_tokens`)."""
    value = body.get("max_completion_tokens", body.get("max_tokens"))
    return None if value is None else int(value)


def a_conversation(store: Store) -> tuple[int, int]:
    """`Plan a trip` → `Go to Tokyo.` (the current branch), with a failed answer beside it that is not sent."""
    cid = store.create_conversation("Trip planning", system_prompt="Be brief.")
    first = store.add_message(cid, "user", "Plan a trip")
    store.add_message(cid, "assistant", "", parent_id=first, status="error", error_kind="server",
                      error_message="HTTP 500")  # fmt: skip
    answer = store.add_message(cid, "assistant", "Go to Tokyo.", parent_id=first)
    return cid, answer


async def test_each_pane_sends_its_own_parameters_and_the_run_keeps_them(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any, store: Store
) -> None:
    cool, capped, thinking, failing = servers
    cool.enqueue(stream_reply(["Calm ", "answer."], model="gpt-4o-mini"))
    capped.enqueue(stream_reply(["Short"], model="gpt-4o-mini", finish="length"))
    thinking.enqueue(stream_reply(['{"a": 1}'], model="o-think", reasoning=["hmm"]))
    failing.enqueue(error_reply(400, "temperature is not supported with this model"))
    panel.add_pane()
    panel.add_pane()
    panel.set_targets([target(cool, "gpt-4o-mini"), target(capped, "gpt-4o-mini"), target(thinking, "o-think"),
                       target(failing, "strict-model")])  # fmt: skip
    # Parameters typed into each pane's own fields.
    qtbot.keyClicks(panel.panes[0].temperature_edit, "0.2")
    qtbot.keyClicks(panel.panes[1].max_tokens_edit, "300")
    qtbot.keyClicks(panel.panes[1].temperature_edit, "1,5")  # a decimal comma is understood too
    panel.panes[2].effort_box.setCurrentIndex(panel.panes[2].effort_box.findData("high"))
    qtbot.mouseClick(panel.panes[2].json_box, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.panes[3].temperature_edit, "0")
    assert panel.panes[2].json_box.isChecked()

    await send(qtbot, panel, "Same prompt, different settings")

    bodies = [s.requests[0].json() for s in servers]
    assert bodies[0]["temperature"] == 0.2 and cap(bodies[0]) is None and "reasoning_effort" not in bodies[0]
    assert bodies[1]["temperature"] == 1.5 and cap(bodies[1]) == 300
    assert "temperature" not in bodies[2] and bodies[2]["reasoning_effort"] == "high"
    assert bodies[2]["response_format"] == {"type": "json_object"} and "response_format" not in bodies[0]
    assert bodies[3]["temperature"] == 0  # a given 0 is sent as 0, not dropped as "unset"
    assert all(b["messages"] == [{"role": "user", "content": "Same prompt, different settings"}] for b in bodies)

    replies = panel.controller.replies()
    assert [r.status for r in replies] == ["complete", "complete", "complete", "error"]
    assert replies[1].finish_reason == "length" and "cut off at the token limit" in panel.panes[1].metrics.text()
    assert "temperature is not supported" in panel.panes[3].view.toPlainText()
    heading = panel.panes[1].view.toPlainText()
    assert "temperature 1.5, max 300 tokens" in heading
    assert "high effort, JSON" in panel.panes[2].view.toPlainText()
    run = panel.controller.run
    assert run is not None
    assert store.pane_parameters(run.id) == [
        {"temperature": 0.2}, {"temperature": 1.5, "max_tokens": 300},
        {"reasoning_effort": "high", "json_mode": True}, {"temperature": 0.0},
    ]  # fmt: skip
    assert store.comparison_run_prompt_set(run.id) is None
    rows = store.logged_requests()
    assert len(rows) == 4 and {r.source for r in rows} == {"compare"}
    assert {p.request_id for p in store.comparison(run.id).panes} == {r.id for r in rows}

    # Retry asks again with the pane's own parameters.
    capped.enqueue(stream_reply(["Short again"], model="gpt-4o-mini"))
    qtbot.mouseClick(panel.panes[1].retry_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: len(capped.requests) == 2 and panel.controller.finished and not panel.controller.busy,
                     what="the retried pane")  # fmt: skip
    assert cap(capped.requests[1].json()) == 300 and capped.requests[1].json()["temperature"] == 1.5

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(ARTIFACTS / "compare-panel-params.png"))


async def test_a_parameter_no_provider_takes_is_refused_before_sending(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any, store: Store
) -> None:
    panel.set_targets([target(servers[0], "a"), target(servers[1], "b")])
    qtbot.keyClicks(panel.panes[1].temperature_edit, "3")
    qtbot.keyClicks(panel.prompt_edit, "Hello")
    assert await panel.send() is None
    assert panel.status.text().startswith("Pane 2: the temperature must be a number from 0 to 2 (not “3”).")
    assert not servers[0].requests and not servers[1].requests and store.logged_requests() == []
    panel.panes[1].temperature_edit.clear()
    qtbot.keyClicks(panel.panes[1].max_tokens_edit, "0")
    assert await panel.send() is None
    assert "max tokens must be a whole number of at least 1" in panel.status.text()
    # The controller refuses the same values when driven directly.
    assert await panel.controller.send([target(servers[0], "a", temperature=2.5), target(servers[1], "b")],
                                       "Hello") is None  # fmt: skip
    assert not servers[0].requests


async def test_the_conversation_so_far_reaches_every_pane_and_continue_adds_to_it(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any, store: Store
) -> None:
    cid, tokyo = a_conversation(store)
    for i, server in enumerate(servers[:3]):
        server.enqueue(stream_reply([f"Answer {i}."], model=f"model-{i}"))
    panel.set_targets([target(s, f"model-{i}") for i, s in enumerate(servers[:3])])
    opened: list[int] = []
    panel.continued.connect(opened.append)
    panel.set_conversation(cid)
    assert panel.history_box.isVisible() and panel.history_box.isChecked()
    assert "Trip planning" in panel.history_box.text() and "2 messages" in panel.history_box.text()

    await send(qtbot, panel, "And then?")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(ARTIFACTS / "compare-panel-conversation.png"))

    expected = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Plan a trip"},
                {"role": "assistant", "content": "Go to Tokyo."}, {"role": "user", "content": "And then?"}]  # fmt: skip
    for server in servers[:3]:
        assert server.requests[0].json()["messages"] == expected
    run = panel.controller.run
    assert run is not None and store.comparison(run.id).conversation_id == cid
    assert {r.conversation_id for r in store.logged_requests()} == {cid}

    qtbot.mouseClick(panel.panes[1].continue_button, Qt.MouseButton.LeftButton)
    assert opened == [cid]  # the same conversation, not a new one
    assert not any(p.retry_button.isEnabled() for p in panel.panes)  # the answers are in the conversation now
    assert [c.id for c in store.list_conversations()] == [cid]
    thread = store.thread(cid)
    assert [(m.role, m.content) for m in thread] == [
        ("user", "Plan a trip"), ("assistant", "Go to Tokyo."), ("user", "And then?"), ("assistant", "Answer 1."),
    ]  # fmt: skip
    assert thread[2].parent_id == tokyo and thread[3].model == "model-1"
    assert {m.content for m in store.siblings(thread[3].id)} == {"Answer 0.", "Answer 1.", "Answer 2."}
    answers = [store.message(p.message_id).content for p in store.comparison(run.id).panes if p.message_id]
    assert answers == ["Answer 0.", "Answer 1.", "Answer 2."]  # each pane linked to its own answer

    # Continuing with another pane switches the branch; the prompt is not added twice.
    qtbot.mouseClick(panel.panes[2].continue_button, Qt.MouseButton.LeftButton)
    thread = store.thread(cid)
    assert [m.content for m in thread] == ["Plan a trip", "Go to Tokyo.", "And then?", "Answer 2."]
    assert len(store.siblings(thread[2].id)) == 1 and opened == [cid, cid]

    # The next comparison follows on from the continued branch.
    for i, server in enumerate(servers[:3]):
        server.enqueue(stream_reply([f"Next {i}."], model=f"model-{i}"))
    await send(qtbot, panel, "Anything else?")
    sent = [m["content"] for m in servers[0].requests[1].json()["messages"]]
    assert sent == ["Be brief.", "Plan a trip", "Go to Tokyo.", "And then?", "Answer 2.", "Anything else?"]


async def test_a_fresh_prompt_leaves_the_open_conversation_out(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any, store: Store
) -> None:
    cid, _ = a_conversation(store)
    for i, server in enumerate(servers[:2]):
        server.enqueue(stream_reply([f"Fresh {i}."], model=f"model-{i}"))
    panel.set_targets([target(s, f"model-{i}") for i, s in enumerate(servers[:2])])
    panel.set_conversation(cid)
    qtbot.mouseClick(panel.history_box, Qt.MouseButton.LeftButton)
    assert not panel.history_box.isChecked()
    opened: list[int] = []
    panel.continued.connect(opened.append)

    await send(qtbot, panel, "Unrelated question")

    for server in servers[:2]:
        assert server.requests[0].json()["messages"] == [{"role": "user", "content": "Unrelated question"}]
    qtbot.mouseClick(panel.panes[0].continue_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1 and opened[0] != cid
    assert [m.content for m in store.thread(opened[0])] == ["Unrelated question", "Fresh 0."]
    assert [m.content for m in store.thread(cid)] == ["Plan a trip", "Go to Tokyo."]  # untouched
    run = panel.controller.run
    assert run is not None and store.comparison(run.id).conversation_id == opened[0]


async def test_no_conversation_means_no_choice_to_make(panel: ComparePanel, store: Store) -> None:
    panel.set_conversation(None)
    assert not panel.history_box.isVisible() and panel.conversation_id is None
    empty = store.create_conversation("nothing yet")
    panel.set_conversation(empty)
    assert not panel.history_box.isVisible()  # nothing to send with the prompt
    panel.set_conversation(987654)  # deleted meanwhile
    assert not panel.history_box.isVisible() and panel.conversation_id is None


async def test_a_prompt_set_is_stored_as_comparison_runs_and_costed(panel: ComparePanel, qtbot: Any,
                                                                    store: Store) -> None:  # fmt: skip
    a, b = CountingServer("A").start(), CountingServer("B").start()
    try:
        panel.set_targets([PaneTarget("openai", f"gpt-4o-mini@{a.url}/v1", temperature=0.1),
                           PaneTarget("openai", f"gpt-4o-mini@{b.url}/v1", max_tokens=64)])  # fmt: skip
        view = panel.prompt_sets
        view.prompts_edit.setPlainText("First question\nSecond question")
        qtbot.mouseClick(panel.prompt_set_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: view.run_button.height() > 0, what="the prompt-set view to be laid out")
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: view.busy, what="the prompt set to start")
        await wait_until(lambda: not view.busy, what="every cell to end")
    finally:
        a.stop()
        b.stop()
    assert view.status.text() == "Done: 4 of 4 cells answered in full."
    assert all(r.json()["temperature"] == 0.1 and cap(r.json()) is None for r in a.requests)
    assert all(cap(r.json()) == 64 and "temperature" not in r.json() for r in b.requests)

    assert view.prompt_set_key is not None
    runs = store.prompt_set_runs(view.prompt_set_key)
    assert [r.prompt for r in runs] == ["First question", "Second question"]
    rows = {r.id: r for r in store.logged_requests()}
    assert len(rows) == 4 and {r.source for r in rows.values()} == {"compare"}
    for run in runs:
        assert [(p.provider, p.model, p.label) for p in run.panes] == [("openai", "gpt-4o-mini", "A"),
                                                                        ("openai", "gpt-4o-mini", "B")]  # fmt: skip
        assert store.pane_parameters(run.id) == [{"temperature": 0.1}, {"max_tokens": 64}]
        assert store.comparison_run_prompt_set(run.id) == view.prompt_set_key
        ledger = [rows[p.request_id] for p in run.panes if p.request_id is not None]
        assert len(ledger) == 2 and all(r.cost_source == "catalog" and r.cost_usd for r in ledger)
    spend = store.spend("provider")
    assert spend.requests == 4 and spend.total_usd == pytest.approx(sum(r.cost_usd or 0 for r in rows.values()))


async def test_a_preset_fills_a_pane_and_its_fallback_answers_when_the_target_fails(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any, store: Store
) -> None:
    from app.core.settings import Preset

    gone, backup, other = servers[:3]
    gone.enqueue(error_reply(404, "The model `gone` does not exist"))
    backup.enqueue(stream_reply(["Backup ", "answer."], model="backup"))
    other.enqueue(stream_reply(["Other."], model="other"))
    preset = Preset(name="Cheap with a backup", provider="openai", model=f"gone@{gone.url}/v1", temperature=0.4,
                    system="Answer in one line.", fallback=[f"openai:backup@{backup.url}/v1"])  # fmt: skip
    panel.load_presets([preset])
    pane = panel.panes[0]
    assert pane.preset_box.isVisible() and pane.preset_box.count() == 2
    pane.preset_box.setCurrentIndex(1)
    pane.preset_box.activated.emit(1)
    assert pane.model_edit.text() == f"gone@{gone.url}/v1" and pane.temperature_edit.text() == "0.4"
    assert pane.fallback_label.text() == "+1 fallback" and "backup" in pane.fallback_label.toolTip()
    panel.panes[1].set_target(target(other, "other"))

    await send(qtbot, panel, "Who answers?")

    assert gone.requests and backup.requests[0].json()["temperature"] == 0.4  # the pane's parameters go along
    assert backup.requests[0].json()["messages"][0] == {"role": "system", "content": "Answer in one line."}
    assert other.requests[0].json()["messages"] == [{"role": "user", "content": "Who answers?"}]
    reply = panel.controller.replies()[0]
    assert reply.text == "Backup answer." and reply.requested_model == "backup"
    assert "via OpenAI (OpenAI · gone failed first)" in pane.metrics.text()
    run = panel.controller.run
    assert run is not None
    assert store.pane_parameters(run.id)[0] == {"temperature": 0.4, "system": "Answer in one line.",
                                                "fallbacks": [f"openai:backup@{backup.url}/v1"]}  # fmt: skip
    ledger = store.logged_requests()
    assert sorted(r.requested_model for r in ledger) == ["backup", "gone", "other"]  # the failed try is logged too


async def test_a_streaming_pane_shows_its_figures_before_it_ends(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any
) -> None:
    from tests.support.loopback import Pause

    stalling, quick = servers[:2]
    stalled = stream_reply(["Partial ", "thought"], model="stall-model")
    stalled.chunks.insert(2, Pause(30))  # two pieces, then nothing for 30 s
    stalling.enqueue(stalled)
    quick.enqueue(stream_reply(["Done."], model="quick-model"))
    panel.set_targets([target(stalling, "stall-model"), target(quick, "quick-model")])
    panel.prompt_edit.setPlainText("Think slowly")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    metrics = panel.panes[0].metrics
    await wait_until(lambda: "so far" in metrics.text(), what="the live figures of the streaming pane")
    assert metrics.text().startswith("first token ") and "~4 tokens so far" in metrics.text()
    assert "streaming" in metrics.text() and "via OpenAI" in metrics.text()
    qtbot.mouseClick(panel.panes[0].stop_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.controller.finished and not panel.controller.busy, what="every pane to end")
    assert "so far" not in metrics.text() and "stopped" in metrics.text()


async def test_ranking_every_pane_is_stored_best_first(panel: ComparePanel, servers: list[LoopbackServer],
                                                       qtbot: Any, store: Store) -> None:  # fmt: skip
    for i, server in enumerate(servers[:3]):
        server.enqueue(stream_reply([f"Answer {i}."], model=f"model-{i}"))
    panel.set_targets([target(s, f"model-{i}") for i, s in enumerate(servers[:3])])
    await send(qtbot, panel, "Rank us")
    qtbot.mouseClick(panel.rank_box, Qt.MouseButton.LeftButton)
    assert [p.vote_button.text() for p in panel.panes] == ["Rank #1"] * 3
    qtbot.mouseClick(panel.panes[1].vote_button, Qt.MouseButton.LeftButton)
    assert panel.panes[1].vote_button.text() == "#1" and not panel.panes[1].vote_button.isEnabled()
    assert panel.panes[0].vote_button.text() == "Rank #2" and not panel.controller.has_voted
    qtbot.mouseClick(panel.panes[2].vote_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(panel.panes[0].vote_button, Qt.MouseButton.LeftButton)

    assert panel.controller.has_voted and panel.status.text() == "Ranking saved, best first: B, C, A."
    run = panel.controller.run
    assert run is not None
    vote = store.comparison(run.id).votes[0]
    ids = [p.id for p in run.panes]
    assert vote.ranking == (ids[1], ids[2], ids[0]) and vote.winner_pane_id == ids[1]
    labels = [p.label.text() for p in panel.panes]
    assert labels[1].endswith("★") and labels[2].endswith("#2") and labels[0].endswith("#3")
    assert panel.leaderboard.item(0).text() == "model-1 (OpenAI): 1 of 1 vote won, 100%"
    assert not any(p.vote_button.isEnabled() for p in panel.panes)
    assert panel.controller.rank([0, 0, 1]) != ""  # a ranking must name every pane once


async def test_a_pane_that_would_cross_a_budget_is_not_sent(qtbot: Any, servers: list[LoopbackServer],
                                                            store: Store) -> None:  # fmt: skip
    from app.core.settings import Budgets, Limits

    panel, services = shown_panel(qtbot, store, 700)
    try:
        # gpt-4o-mini's worst case (a 4,096-token answer) is about $0.0025: one pane fits today's limit, two do not.
        services.services().settings.budgets = Budgets(overall=Limits(daily=0.004))
        servers[0].enqueue(stream_reply(["Within budget."], model="gpt-4o-mini"))
        panel.set_targets([target(servers[0], "gpt-4o-mini"), target(servers[1], "gpt-4o-mini")])
        await send(qtbot, panel, "Spend carefully")
        replies = panel.controller.replies()
        assert replies[0].text == "Within budget." and replies[0].error is None
        assert replies[1].error is not None and replies[1].error.kind == "budget"
        assert len(servers[0].requests) == 1 and servers[1].requests == []  # the refused pane never went out
        assert "could cost up to" in panel.panes[1].view.toPlainText()
        assert "Within budget." not in panel.panes[1].view.toPlainText()
    finally:
        await services.aclose()
