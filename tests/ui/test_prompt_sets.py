"""Prompt-set mode of the comparison panel, through its real widgets against loopback servers."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.store import Store
from app.ui.compare_controller import PaneTarget
from app.ui.compare_panel import ComparePanel
from tests.support.compare_panel import shown_panel
from tests.support.counting import CountingServer
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

PROMPTS = ["What is 2+2?", "Name a colour,\nthen a shape.", "Say | hi"]


@pytest.fixture
def servers() -> Iterator[list[CountingServer]]:
    started = [CountingServer("A").start(), CountingServer("B").start()]
    yield started
    for server in started:
        server.stop()


@pytest.fixture
async def panel(qtbot: Any, store: Store) -> AsyncIterator[ComparePanel]:
    widget, services = shown_panel(qtbot, store, 900)
    yield widget
    widget.prompt_sets.stop()
    await wait_until(lambda: not widget.prompt_sets.busy, what="the prompt set to wind down")
    await services.aclose()


async def run_set(qtbot: Any, panel: ComparePanel, servers: list[CountingServer]) -> None:
    a, b = servers
    panel.set_targets([PaneTarget("openai", f"model-a@{a.url}/v1"), PaneTarget("openai", f"model-b@{b.url}/v1")])
    qtbot.mouseClick(panel.prompt_set_button, Qt.MouseButton.LeftButton)
    assert panel.prompt_sets.isVisible()
    await wait_until(lambda: panel.prompt_sets.run_button.height() > 0, what="the prompt-set view to be laid out")
    qtbot.mouseClick(panel.prompt_sets.run_button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: panel.prompt_sets.busy, what="the prompt set to start")
    assert not panel.send_button.isEnabled() and not panel.add_button.isEnabled()
    await wait_until(lambda: not panel.prompt_sets.busy, what="every cell to end")


async def test_three_prompts_by_two_targets_fill_the_grid_and_export(
    panel: ComparePanel, servers: list[CountingServer], qtbot: Any, tmp_path: Path, store: Store
) -> None:
    view = panel.prompt_sets
    blank_line_separated = tmp_path / "prompts.txt"
    blank_line_separated.write_text("\n\n".join(PROMPTS) + "\n", "utf-8")
    view.load_file(blank_line_separated)
    assert "3 prompts" in view.status.text()

    await run_set(qtbot, panel, servers)

    table = view.table
    assert (table.rowCount(), table.columnCount()) == (3, 2)
    assert [table.horizontalHeaderItem(c).text() for c in range(2)] == ["openai:model-a", "openai:model-b"]
    for r, prompt in enumerate(PROMPTS):
        for c, name in enumerate("AB"):
            sent = f"answer to {prompt} from {name}"
            assert table.item(r, c).toolTip() == sent
            first, figures = table.item(r, c).text().split("\n")
            assert first == " ".join(sent.split())
            assert figures.endswith(" ms") or " ms · $" in figures
    assert all(len(s.requests) == 3 for s in servers)
    assert all(1 <= s.peak <= 2 for s in servers)  # the default per-provider limit
    assert view.status.text() == "Done: 6 of 6 cells answered in full."
    assert panel.send_button.isEnabled() and view.csv_button.isEnabled()

    csv_path, md_path = tmp_path / "grid.csv", tmp_path / "grid.md"
    view.export_csv(csv_path)
    view.export_markdown(md_path)
    records = list(csv.reader(io.StringIO(csv_path.read_text("utf-8"))))[1:]
    assert len(records) == 6
    cells = {(rec[0], rec[1]): rec for rec in records}
    markdown = md_path.read_text("utf-8")
    for prompt in PROMPTS:
        for name, model in (("A", "model-a"), ("B", "model-b")):
            rec = cells[(prompt, f"openai:{model}")]
            sent = " ".join(f"answer to {prompt} from {name}".split())
            assert rec[2] == "complete" and rec[-1] == sent and rec[3] and rec[4]
            assert sent.replace("|", "\\|") in markdown
    assert len(markdown.splitlines()) == 2 + 3


async def test_without_prompts_nothing_is_sent(panel: ComparePanel, servers: list[CountingServer], qtbot: Any) -> None:
    a, b = servers
    panel.set_targets([PaneTarget("openai", f"m@{a.url}/v1"), PaneTarget("openai", f"m@{b.url}/v1")])
    assert await panel.prompt_sets.run() is None
    assert "prompts" in panel.prompt_sets.status.text()
    assert not a.requests and not b.requests and not panel.prompt_sets.csv_button.isEnabled()


async def test_scroll_together_moves_every_pane(panel: ComparePanel, qtbot: Any) -> None:
    for pane in panel.panes:
        pane.view.setPlainText("\n".join(f"line {i}" for i in range(400)))
    bars = [p.view.verticalScrollBar() for p in panel.panes]
    await wait_until(lambda: all(b.maximum() > 0 for b in bars), what="the panes to overflow")
    before = bars[1].value()
    bars[0].setValue(0)  # (the panes follow their ends: away from it)
    assert bars[0].value() == 0 and bars[1].value() == before  # off by default
    qtbot.mouseClick(panel.sync_scroll_box, Qt.MouseButton.LeftButton)
    bars[0].setValue(bars[0].maximum() // 2)
    assert abs(bars[1].value() - bars[1].maximum() // 2) <= 1


async def test_stop_ends_the_run_and_keeps_the_finished_cells(panel: ComparePanel, qtbot: Any) -> None:
    slow = CountingServer("S", pause=30).start()  # each answer stalls after its first piece
    try:
        panel.set_targets([PaneTarget("openai", f"a@{slow.url}/v1"), PaneTarget("openai", f"b@{slow.url}/v1")])
        panel.prompt_sets.prompts_edit.setPlainText("one\ntwo")
        qtbot.mouseClick(panel.prompt_set_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: panel.prompt_sets.stop_button.height() > 0, what="the prompt-set view")
        qtbot.mouseClick(panel.prompt_sets.run_button, Qt.MouseButton.LeftButton)
        # Connections count as in flight before their request is read: wait for both requests too.
        await wait_until(lambda: slow.peak == 2 and len(slow.requests) == 2, what="two requests in flight")
        assert panel.prompt_sets.stop_button.isEnabled()
        qtbot.mouseClick(panel.prompt_sets.stop_button, Qt.MouseButton.LeftButton)
        await wait_until(lambda: not panel.prompt_sets.busy, what="the run to stop")
    finally:
        slow.stop()
    view = panel.prompt_sets
    assert view.status.text().startswith("Stopped") and len(slow.requests) == 2  # the queued cells never went
    assert view.grid is not None and view.grid.complete  # every cell says how it ended
    assert {c.status for c in view.grid.cells.values()} <= {"interrupted", "error"}
    assert panel.send_button.isEnabled()
