"""The cost panel over a real ledger: its figures, charts, budget editing, CSV export and screenshots."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.core.pricing import format_usd
from app.core.settings import Budgets, Limits, Settings, load_settings, save_settings
from app.store import Store, open_store
from app.ui.cost_panel import REFRESH_AFTER_MS, CostPanel, open_cost_panel, refresh_open_cost_panel
from tests.support.ledger import NOW, fill_ledger
from tests.support.runtime import runtime_with
from tests.support.waiting import wait_until
from tests.ui.conftest import OFFSCREEN_NOISE

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "parley.db") as opened:
        fill_ledger(opened)
        yield opened


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "settings.json"


@pytest.fixture
def panel(qtbot: Any, store: Store, settings_file: Path) -> CostPanel:
    settings = Settings(budgets=Budgets(overall=Limits(monthly=1.0)))
    save = lambda s: save_settings(s, settings_file)  # noqa: E731
    widget = CostPanel(runtime_with(store).spending, settings, save, now=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


async def test_panel_shows_the_spend_json_figures(panel: CostPanel, store: Store) -> None:
    await panel.refresh()
    assert panel.total_label.text() == format_usd(store.spend().to_json()["total_usd"]) == "$1.57"
    assert panel.today_label.text() == "$0.07"
    assert panel.month_label.text() == "$0.57"
    assert "6 requests logged; 1 could not be priced" in panel.status.text()
    legend = panel.legend.text()
    for label in ("provider-reported: $0.05 (1)", "catalog estimate: $1.02 (2)", "override: $0.50 (1)",
                  "free: $0.00 (1)", "unknown: not priced (1)"):  # fmt: skip
        assert label in legend


async def test_charts_hold_the_ledger_splits(panel: CostPanel, store: Store) -> None:
    view = await panel.refresh()
    assert [(b.key, b.value) for b in panel.day_chart.bars()] == [(s.key, s.cost_usd) for s in view.by_day]
    assert sum(b.value for b in panel.day_chart.bars()) == pytest.approx(0.57)
    by_provider = store.spend("provider").rows
    assert [(b.key, b.value) for b in panel.provider_chart.bars()] == [(r.key, r.cost_usd) for r in by_provider]
    labels = {b.key: b.label for b in panel.provider_chart.bars()}
    assert labels["openrouter"] == "$0.05 · provider-reported"
    assert labels["ollama"] == "$0.00 · free"
    assert "openrouter: $0.05 over 1 request (provider-reported)" in panel.provider_chart.accessibleDescription()
    assert [(b.key, b.value) for b in panel.model_chart.bars()] == [
        (r.key, r.cost_usd) for r in store.spend("model").rows
    ]


async def test_reading_the_same_figures_again_draws_no_chart_again(qtbot: Any, panel: CostPanel) -> None:
    """The panel is read again after every logged request; charts whose bars did not change are not painted."""
    from PySide6.QtCore import QEvent, QObject

    view = await panel.refresh()
    panel.show()
    qtbot.waitExposed(panel)
    charts = (panel.day_chart, panel.provider_chart, panel.model_chart)
    painted: list[QObject] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(watched)
            return False

    counter = Paints(panel)
    for chart in charts:
        chart.installEventFilter(counter)
    QApplication.processEvents()
    painted.clear()
    panel.show_view(view)
    QApplication.processEvents()
    assert painted == []
    panel.day_chart.set_bars(panel.day_chart.bars()[:-1])  # a change is drawn
    await wait_until(lambda: panel.day_chart in painted, what="the changed chart painted")


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")  # offscreen cannot raise windows
async def test_requests_logged_close_together_are_read_once(qtbot: Any, store: Store) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    panel = open_cost_panel(parent, runtime_with(store).spending, Settings, lambda _s: None)
    reads: list[int] = []
    panel.refreshed.connect(lambda: reads.append(1))
    await wait_until(lambda: reads, what="the first read of the ledger")
    for _ in range(4):  # a comparison's four answers ending together
        store.log_request(provider="openai", requested_model="gpt-4o", started_at=NOW, cost_usd=1.0,
                          cost_source="catalog")  # fmt: skip
        refresh_open_cost_panel(parent)
    await wait_until(lambda: len(reads) == 2, what="the read after the requests")
    assert panel.total_label.text() == "$5.57"
    await asyncio.sleep(3 * REFRESH_AFTER_MS / 1000)
    assert len(reads) == 2


async def test_an_empty_ledger_shows_zeros(qtbot: Any, tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as empty:
        panel = CostPanel(runtime_with(empty).spending, Settings(), lambda s: None, now=lambda: NOW)
        qtbot.addWidget(panel)
        panel.show()
        view = await panel.refresh()
        labels = (panel.today_label.text(), panel.month_label.text(), panel.total_label.text())
        assert labels == ("$0.00", "$0.00", "$0.00")
        assert [b.value for b in panel.day_chart.bars()] == [0.0] * 30
        assert panel.provider_chart.bars() == [] and panel.top_tree.topLevelItemCount() == 0
        assert view.unpriced == () and panel.status.text().startswith("Nothing spent yet")  # and what will show
        panel.grab()  # paints the empty charts


async def test_top_conversations_and_unpriced_lists(panel: CostPanel) -> None:
    await panel.refresh()
    top = panel.top_tree
    rows = [[top.topLevelItem(i).text(c) for c in range(4)] for i in range(top.topLevelItemCount())]
    assert rows == [["Gamma", "$0.50", "1", "override"], ["Beta", "$0.05", "2", "provider-reported + unknown"],
                    ["Alpha", "$0.02", "2", "catalog estimate + free"]]  # fmt: skip
    assert panel.unpriced_tree.topLevelItemCount() == 1
    item = panel.unpriced_tree.topLevelItem(0)
    assert [item.text(c) for c in range(1, 5)] == ["anthropic", "claude-mystery", "30 / ?", "protocol"]
    assert panel.unpriced_box.title().endswith("(1)")


async def test_refresh_rereads_the_ledger(panel: CostPanel, store: Store) -> None:
    await panel.refresh()
    store.log_request(provider="openai", requested_model="gpt-4o", started_at=NOW - timedelta(minutes=5),
                      cost_usd=1.0, cost_source="catalog")  # fmt: skip
    panel.start_refresh()
    await wait_until(lambda: panel.today_label.text() == "$1.07", what="the new request on screen")
    assert panel.total_label.text() == "$2.57"


async def test_budget_edit_saves_settings_and_shows_status(panel: CostPanel, settings_file: Path) -> None:
    await panel.refresh()
    editor = panel.budgets
    assert editor.row("Overall").figures["monthly"].text() == "$0.57 / $1.00 · ok"
    editor.row("Overall").fields["daily"].setText("0.05")
    editor.add_provider("openai").fields["daily"].setText("0.02")
    editor.warn.setValue(50)
    assert editor.save_button.isEnabled()
    editor.save_button.click()
    assert editor.message.text() == "Budgets saved."
    saved = load_settings(settings_file).settings.budgets
    assert saved == Budgets(overall=Limits(daily=0.05, monthly=1.0), per_provider={"openai": Limits(daily=0.02)},
                            warn_fraction=0.5)  # fmt: skip
    assert editor.row("Overall").figures["daily"].text() == "$0.07 / $0.05 · over"
    assert editor.row("Overall").figures["monthly"].text() == "$0.57 / $1.00 · near"
    assert editor.row("openai").figures["daily"].text() == "$0.02 / $0.02 · near"  # at the limit, not over it
    assert editor.row("openai").meters["daily"].state == "near"
    assert editor.row("Overall").meters["daily"].fraction == pytest.approx(1.4)


def test_bad_budget_input_is_explained_not_saved(panel: CostPanel, settings_file: Path) -> None:
    panel.budgets.row("Overall").fields["daily"].setText("lots")
    assert panel.budgets.save_budgets() is False
    assert "Overall daily limit 'lots'" in panel.budgets.message.text()
    assert not settings_file.exists()


async def test_export_ledger_and_view_as_csv(panel: CostPanel, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.csv"
    assert panel.export_ledger(ledger) == 6
    rows = list(csv.DictReader(io.StringIO(ledger.read_text(encoding="utf-8"))))
    assert len(rows) == 6
    assert {r["cost_source"] for r in rows} == {"provider-reported", "catalog estimate", "override", "free", "unknown"}
    await panel.refresh()
    shown = tmp_path / "view.csv"
    panel.export_view(shown)
    view_rows = list(csv.DictReader(io.StringIO(shown.read_text(encoding="utf-8"))))
    assert [r["key"] for r in view_rows if r["section"] == "provider"] == [b.key for b in panel.provider_chart.bars()]


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")  # offscreen cannot raise windows
async def test_open_cost_panel_reuses_one_window(qtbot: Any, store: Store) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    saved: list[Settings] = []
    first = open_cost_panel(parent, runtime_with(store).spending, Settings, saved.append)
    reads: list[int] = []
    first.refreshed.connect(lambda: reads.append(1))
    await wait_until(lambda: reads, what="the first read of the ledger")
    assert first.isWindow() and first.isVisible()
    assert first.total_label.text() == "$1.57"
    assert open_cost_panel(parent, runtime_with(store).spending, Settings, saved.append) is first
    await wait_until(lambda: len(reads) == 2, what="the second read")
    store.log_request(provider="openai", requested_model="gpt-4o", started_at=NOW, cost_usd=2.0, cost_source="catalog")
    refresh_open_cost_panel(parent)
    await wait_until(lambda: len(reads) == 3, what="the read after a new request")
    assert first.total_label.text() == "$3.57"
    first.hide()
    refresh_open_cost_panel(parent)  # a hidden panel is not re-read
    await first.refresh()  # a read of our own: had the hidden panel started one, it would be counted with it
    assert len(reads) == 4
    assert first.budgets.save_budgets() and saved and saved[0].budgets == Budgets()


@pytest.mark.parametrize("theme", ["light", "dark"])
async def test_screenshot(panel: CostPanel, theme: str) -> None:

    from app.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    panel.budgets.row("Overall").fields["daily"].setText("0.10")
    panel.budgets.add_provider("openai").fields["monthly"].setText("0.60")
    assert panel.budgets.save_budgets()
    panel.resize(1000, 1010)
    panel.show()
    await panel.refresh()
    QApplication.sendPostedEvents()  # the layout requests after the charts changed size: the grab shows the result
    QApplication.processEvents()
    image = panel.grab().toImage()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(ARTIFACTS / f"cost-panel-{theme}.png"))
    background = image.pixelColor(3, image.height() - 3)
    assert (background.lightness() < 80) == (theme == "dark")
