"""The comparison panel driven through its real widgets against loopback servers of different speeds."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject, Qt

from app.core.runtime import Runtime
from app.store import Store
from app.ui.compare_controller import PaneTarget
from app.ui.compare_panel import ComparePanel
from tests.support.compare_panel import shown_panel
from tests.support.loopback import LoopbackServer, Pause, Reply
from tests.support.openai_server import error_reply, stream_reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SLOW_PIECES = [f"slow{i} " for i in range(30)]


@pytest.fixture
async def panel(qtbot: Any, store: Store) -> AsyncIterator[ComparePanel]:
    widget, services = shown_panel(qtbot, store, 800)
    widget.controller.order = lambda n: list(range(n))[::-1]  # blind runs: a known shuffle (reversed)
    yield widget
    widget.controller.stop_all()
    await wait_until(lambda: not widget.controller.busy, what="the comparison to wind down")
    await services.aclose()


def target(server: LoopbackServer, model: str) -> PaneTarget:
    return PaneTarget("openai", f"{model}@{server.url}/v1")


async def send(qtbot: Any, panel: ComparePanel, prompt: str) -> None:
    panel.prompt_edit.clear()
    qtbot.keyClicks(panel.prompt_edit, prompt)
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.controller.busy, what="the comparison to start")


async def finished(panel: ComparePanel) -> None:
    await wait_until(lambda: panel.controller.finished and not panel.controller.busy, what="every pane to end")


@pytest.fixture
def gate() -> Iterator[threading.Event]:
    opened = threading.Event()
    yield opened
    opened.set()  # never leave a server thread waiting


def gated(reply: Reply, gate: threading.Event) -> Reply:
    """The first half of the stream at once, the rest only once the test opens the gate. Each loopback
    server has its own thread, so the wait holds up this server alone."""
    half = len(reply.chunks) // 2
    rest = [c for c in reply.chunks[half:] if isinstance(c, bytes)]

    def later() -> Iterator[bytes]:
        gate.wait(30)
        yield from rest

    reply.chunks, reply.more = reply.chunks[:half], later()
    return reply


async def test_four_panes_stream_at_once_and_the_stalled_one_is_stopped_alone(
    panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any, store: Store, gate: threading.Event
) -> None:
    fast, slow, failing, stalling = servers
    fast.enqueue(stream_reply(["Fast ", "answer."], model="gpt-4o-mini", prompt_tokens=7))
    slow.enqueue(gated(stream_reply(SLOW_PIECES, pause=0.01, model="slow-model", prompt_tokens=7), gate))
    failing.enqueue(error_reply(400, "Unsupported parameter: 'temperature' is not supported with this model."))
    stalled = stream_reply(["Partial ", "thought"], model="stall-model")
    stalled.chunks.insert(2, Pause(30))  # two pieces, then nothing for 30 s
    stalling.enqueue(stalled)
    panel.add_pane()
    panel.add_pane()
    panel.set_targets([target(fast, "gpt-4o-mini"), target(slow, "slow-model"), target(failing, "bad-model"),
                       target(stalling, "stall-model")])  # fmt: skip
    assert len(panel.panes) == 4
    await send(qtbot, panel, "Compare yourselves")
    views = [p.view for p in panel.panes]

    # Every pane fills at once: the slow one is half-way (held by its gate) while the stalled one shows
    # its first words and the fast and failing ones have ended.
    await wait_until(lambda: "Partial thought" in views[3].toPlainText(), what="the stalled pane's text")
    await wait_until(lambda: "slow0 slow1" in views[1].toPlainText(), what="the slow pane's first half")
    await wait_until(lambda: not panel.controller.pane_running(0) and not panel.controller.pane_running(2),
                     what="the fast and the failing pane")  # fmt: skip
    assert panel.controller.pane_running(1) and panel.controller.pane_running(3)
    assert panel.panes[3].stop_button.isEnabled() and not panel.panes[0].stop_button.isEnabled()
    qtbot.mouseClick(panel.panes[3].stop_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: not panel.controller.pane_running(3), what="the stalled pane to stop")
    assert panel.controller.pane_running(1) and panel.controller.busy  # stopping one pane left the other going
    assert "stopped" in panel.panes[3].metrics.text()
    gate.set()
    await finished(panel)

    replies = panel.controller.replies()
    assert [r.status for r in replies] == ["complete", "complete", "error", "interrupted"]
    assert replies[3].finish_reason == "cancelled" and replies[3].text == "Partial thought"
    assert views[0].answer_text() == "Fast answer."
    assert views[1].answer_text() == "".join(SLOW_PIECES).strip()
    # The figures shown are the servers' own: model names, output tokens = usage, a catalog price.
    assert replies[0].model == "gpt-4o-mini" and replies[1].model == "slow-model"
    assert replies[0].usage.output_tokens == 2 and replies[1].usage.output_tokens == len(SLOW_PIECES)
    metrics = [p.metrics.text() for p in panel.panes]
    assert "2 out tokens" in metrics[0] and f"{len(SLOW_PIECES)} out tokens" in metrics[1]
    assert metrics[0].startswith("first token ") and "tok/s" in metrics[1]
    assert "at list price" in metrics[0] and "finished: stop" in metrics[0] and "via OpenAI" in metrics[0]
    assert "slow-model" in views[1].toPlainText() and "gpt-4o-mini" in views[0].toPlainText()
    assert "stopped" in metrics[3]
    # The error in plain words, in its own pane only.
    assert "temperature' is not supported" in views[2].toPlainText() and "HTTP 400" in views[2].toPlainText()
    assert "failed" in metrics[2] and "{" not in views[2].toPlainText()
    assert "Unsupported" not in views[0].toPlainText() + views[1].toPlainText() + views[3].toPlainText()
    summary = panel.summary.text()
    assert "First token:" in summary and "C" not in summary.split("First token:")[1].split("·")[0]
    # One ledger row per pane, all from the comparison, each linked to its pane.
    rows = store.logged_requests()
    assert len(rows) == 4 and {r.source for r in rows} == {"compare"}
    assert sorted(r.requested_model for r in rows) == ["bad-model", "gpt-4o-mini", "slow-model", "stall-model"]
    run = store.comparison(panel.controller.run.id if panel.controller.run else -1)
    assert {p.request_id for p in run.panes} == {r.id for r in rows}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(ARTIFACTS / "compare-panel.png"))


async def test_blind_vote_reaches_the_leaderboard(panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any,
                                                  store: Store) -> None:  # fmt: skip
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    first, second = servers[:2]
    first.enqueue(stream_reply(["From first."], model="first-model"))
    second.enqueue(stream_reply(["From second."], model="second-model"))
    third = servers[2]
    third.enqueue(error_reply(400, "no such model"))
    panel.set_targets([target(first, "first-model"), target(second, "second-model"), target(third, "third-model")])
    panel.blind_box.setChecked(True)
    await send(qtbot, panel, "Which of you is better?")
    await finished(panel)

    # Reversed placement: pane A holds the third target (failed), B the second. No model or provider
    # name is shown before the vote, not even in the error.
    assert panel.panes[1].view.answer_text() == "From second."
    assert "no such model (HTTP 400)" in panel.panes[0].view.toPlainText()
    shown = " ".join(p.label.text() + p.view.toPlainText() + p.metrics.text() for p in panel.panes)
    assert "first-model" not in shown and "second-model" not in shown and "openai" not in shown
    assert [p.label.text() for p in panel.panes] == ["Model A", "Model B", "Model C"]
    assert not panel.panes[0].model_edit.isVisible()
    assert panel.leaderboard.item(0).text() == "No votes yet."
    assert panel.grab().save(str(ARTIFACTS / "compare-panel-blind.png"))
    qtbot.mouseClick(panel.panes[1].vote_button, Qt.MouseButton.LeftButton)

    board = [panel.leaderboard.item(i).text() for i in range(panel.leaderboard.count())]
    assert board == ["second-model (OpenAI): 1 of 1 vote won, 100%", "first-model (OpenAI): 0 of 1 vote won, 0%",
                     "third-model (OpenAI): 0 of 1 vote won, 0%"]  # fmt: skip
    assert panel.panes[1].label.text().endswith("★") and "second-model" in panel.panes[1].label.text()
    assert "third-model" in panel.panes[0].label.text()  # names are shown once the vote is in
    assert not panel.panes[0].vote_button.isEnabled()  # one vote per comparison
    wins = {w.model: (w.wins, w.appearances) for w in store.comparison_wins()}
    assert wins == {"second-model": (1, 1), "first-model": (0, 1), "third-model": (0, 1)}


async def test_continue_keeps_the_other_answers_as_siblings(panel: ComparePanel, servers: list[LoopbackServer],
                                                            qtbot: Any, store: Store) -> None:  # fmt: skip
    for i, server in enumerate(servers[:3]):
        server.enqueue(stream_reply([f"Answer {i}."], model=f"model-{i}"))
    panel.set_targets([target(s, f"model-{i}") for i, s in enumerate(servers[:3])])
    opened: list[int] = []
    panel.continued.connect(opened.append)
    await send(qtbot, panel, "Pick me")
    await finished(panel)
    qtbot.mouseClick(panel.panes[1].continue_button, Qt.MouseButton.LeftButton)

    assert len(opened) == 1
    thread = store.thread(opened[0])
    assert [(m.role, m.content) for m in thread] == [("user", "Pick me"), ("assistant", "Answer 1.")]
    assert thread[1].model == "model-1" and thread[1].status == "complete"
    siblings = {m.content for m in store.siblings(thread[1].id)}
    assert siblings == {"Answer 0.", "Answer 1.", "Answer 2."}
    assert store.conversation(opened[0]).title == "Pick me"


async def test_retry_asks_one_pane_again(panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any,
                                         store: Store) -> None:  # fmt: skip
    good, flaky = servers[:2]
    good.enqueue(stream_reply(["Steady."], model="good-model"))
    flaky.enqueue(error_reply(400, "the model is warming up"))
    panel.set_targets([target(good, "good-model"), target(flaky, "flaky-model")])
    await send(qtbot, panel, "Try")
    await finished(panel)
    assert panel.controller.replies()[1].status == "error"
    assert not panel.panes[0].stop_button.isEnabled()
    assert panel.panes[1].retry_button.isEnabled()
    flaky.enqueue(stream_reply(["Second time lucky."], model="flaky-model"))
    qtbot.mouseClick(panel.panes[1].retry_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.panes[1].view.answer_text() == "Second time lucky.", what="the retried answer")
    await finished(panel)
    assert panel.panes[0].view.answer_text() == "Steady." and len(good.requests) == 1
    assert panel.controller.replies()[1].text == "Second time lucky." and len(flaky.requests) == 2
    assert "warming up" not in panel.panes[1].view.toPlainText()
    assert len(store.logged_requests()) == 3  # the retry is a request of its own


async def test_incomplete_panes_are_refused_in_plain_words(panel: ComparePanel, qtbot: Any) -> None:
    panel.set_targets([PaneTarget("openai", "gpt-4o-mini"), PaneTarget("openai", "")])
    qtbot.keyClicks(panel.prompt_edit, "Hello")
    await panel.send()
    assert panel.status.text().startswith("Type a model name for pane 2.")
    assert panel.controller.comparison is None and panel.send_button.isEnabled()


async def test_streamed_pieces_are_painted_with_the_next_frame(panel: ComparePanel) -> None:
    view = panel.panes[0].view
    view.begin_answer("A")
    for piece in ("one ", "two ", "three"):
        panel.controller.pane_delta.emit(0, piece, "")
    assert view.answer_text() == ""  # buffered: nothing painted per piece
    await wait_until(lambda: view.answer_text() == "one two three", what="the next frame")


async def test_open_compare_panel_gives_the_window_a_ready_panel(qtbot: Any, store: Store) -> None:
    from PySide6.QtWidgets import QWidget

    from app.ui.compare_panel import open_compare_panel

    host = QWidget()
    qtbot.addWidget(host)
    services = Runtime()
    services.store = store
    panel = open_compare_panel(host, services)
    assert panel.isVisible() and panel.isWindow() and panel.parent() is host
    assert len(panel.panes) == 2 and panel.panes[0].provider_box.count() > 5
    assert panel.panes[0].provider_box.findData("openai") >= 0
    panel.close()
    await services.aclose()


async def test_changing_the_panes_after_a_run_forgets_it(panel: ComparePanel, servers: list[LoopbackServer],
                                                         qtbot: Any) -> None:  # fmt: skip
    for i, server in enumerate(servers[:2]):
        server.enqueue(stream_reply([f"Answer {i}."], model=f"model-{i}"))
    panel.set_targets([target(s, f"model-{i}") for i, s in enumerate(servers[:2])])
    await send(qtbot, panel, "Hi")
    await finished(panel)
    assert panel.panes[0].vote_button.isEnabled()
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert len(panel.panes) == 3 and panel.controller.comparison is None
    assert not any(p.vote_button.isEnabled() or p.continue_button.isEnabled() for p in panel.panes)
    assert panel.controller.vote(0) != ""


class _Resizes(QObject):
    """Every resize of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.seen.append(watched.objectName() or type(watched).__name__)
        return False


async def test_a_run_resizes_none_of_the_panes(panel: ComparePanel, servers: list[LoopbackServer], qtbot: Any) -> None:
    """A second run empties the panes and the summary line and fills them again: the panes keep their size all
    along (each resize laid all their answers out again and painted the whole window)."""
    long = [f"Line {n} of an answer longer than its pane.\n\n" for n in range(40)]
    for _ in range(2):
        for i, server in enumerate(servers[:2]):
            server.enqueue(stream_reply(long, model=f"model-{i}"))
    panel.set_targets([target(s, f"model-{i}") for i, s in enumerate(servers[:2])])
    bars = [p.view.verticalScrollBar() for p in panel.panes]
    assert all(bar.isVisible() and bar.property("idle") is True for bar in bars)  # kept, with no handle shown
    await send(qtbot, panel, "First")
    await finished(panel)
    assert "Best first" in panel.summary.text()
    assert all(bar.property("idle") is False for bar in bars)  # something to scroll: the handle shows
    resizes = _Resizes()
    for pane in panel.panes:
        for widget in (pane, pane.view.viewport()):
            widget.installEventFilter(resizes)
    await send(qtbot, panel, "Second")
    qtbot.wait(50)  # the layouts the run's start asked for
    await finished(panel)
    qtbot.wait(50)
    assert all(p.view.verticalScrollBar().maximum() > 0 for p in panel.panes)  # the answers outgrew their panes
    assert resizes.seen == []
