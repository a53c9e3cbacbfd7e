"""The main window reaches the cost and comparison panels from its menus, and they see the same ledger."""

from __future__ import annotations

import pytest

from app.ui.main_window import MainWindow
from tests.support.waiting import wait_until

from .conftest import OFFSCREEN_NOISE

# Offscreen cannot raise windows; the panels raise themselves when opened.
OFFSCREEN_RAISE = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")


@OFFSCREEN_RAISE
async def test_costs_menu_opens_the_panel_on_the_shared_ledger(window: MainWindow) -> None:
    from app.ui.cost_panel import CostPanel

    store = window.runtime.store
    assert store is not None
    store.log_request(provider="openai", requested_model="gpt-4o-mini", cost_usd=0.25, cost_source="catalog")
    window.costs_action.trigger()
    panel = window.findChild(CostPanel, "costPanel")
    assert panel is not None
    await wait_until(lambda: panel.view is not None, what="the cost panel to read the ledger")
    assert panel.view is not None
    assert panel.view.total_usd == pytest.approx(store.spend().total_usd) == pytest.approx(0.25)


@OFFSCREEN_RAISE
async def test_compare_menu_opens_the_comparison_view(window: MainWindow) -> None:
    window.compare_action.trigger()
    assert window.compare_panel is not None and window.compare_panel.isVisible()
    window.compare_panel.close()


async def test_layout_round_trips(window: MainWindow, qtbot: object) -> None:
    from app.ui.main_window import MainWindow as Window

    window.resize(760, 560)  # within the offscreen screen (800x600), which restoreGeometry respects
    window.splitter.setSizes([300, 460])
    state = window.layout_state()
    other = Window(window.runtime)
    qtbot.addWidget(other)  # type: ignore[attr-defined]
    other.restore_layout(state)
    assert (other.width(), other.height()) == (760, 560)
    assert other.splitter.saveState() == window.splitter.saveState()
    other.restore_layout({"geometry": "not base64 at all", "splitter": ""})  # a damaged entry is survived


@OFFSCREEN_RAISE
async def test_the_panels_fit_a_small_screen(window: MainWindow) -> None:
    """Offscreen's screen is 800 x 600, smaller than the panels are made for: each opens inside it, its buttons
    on the screen (a 980 x 900 cost panel put its export buttons and budgets off a laptop's screen)."""
    room = window.screen().availableGeometry()
    window.open_costs()
    window.open_settings()
    window.open_compare()
    from app.ui.compare_panel import ComparePanel
    from app.ui.cost_panel import CostPanel
    from app.ui.settings_panel import SettingsPanel

    panels = [window.findChild(kind) for kind in (CostPanel, SettingsPanel, ComparePanel)]
    assert all(panels)
    for panel in panels:
        assert panel.width() <= room.width() and panel.height() <= room.height(), (type(panel).__name__,
                                                                                     panel.size(), room)
