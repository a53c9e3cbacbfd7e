"""The comparison view opened from the main window follows the conversation open there."""

from __future__ import annotations

import pytest

from app.ui.main_window import MainWindow

from .conftest import OFFSCREEN_NOISE

OFFSCREEN_RAISE = pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise")


@OFFSCREEN_RAISE
async def test_compare_opened_over_a_conversation_offers_it(window: MainWindow) -> None:
    store = window.runtime.store
    assert store is not None
    cid = store.create_conversation("Trip planning")
    store.add_message(cid, "user", "Plan a trip")
    store.add_message(cid, "assistant", "Go to Tokyo.")
    window.open_conversation(cid)
    window.compare_action.trigger()
    panel = window.compare_panel
    assert panel is not None and panel.conversation_id == cid
    assert panel.history_box.isVisible() and panel.history_box.isChecked()
    assert "Trip planning" in panel.history_box.text()
    panel.close()

    window.new_chat()
    window.compare_action.trigger()  # opened again over a new chat: a fresh prompt only
    assert panel.conversation_id is None and not panel.history_box.isVisible()
    panel.close()


@OFFSCREEN_RAISE
async def test_switching_between_a_new_chat_and_a_conversation_moves_no_pane(window: MainWindow) -> None:
    """The history box's row keeps its room while hidden: the panes keep their size, so their answers are not
    laid out again on every switch in the main window."""
    store = window.runtime.store
    assert store is not None
    cid = store.create_conversation("Trip planning")
    store.add_message(cid, "user", "Plan a trip")
    store.add_message(cid, "assistant", "Go to Tokyo.")
    window.new_chat()
    window.compare_action.trigger()
    panel = window.compare_panel
    assert panel is not None and not panel.history_box.isVisible()
    panel.resize(1200, 700)
    panel.layout().activate()
    before = [pane.view.size() for pane in panel.panes]
    window.open_conversation(cid)
    panel.layout().activate()
    assert panel.history_box.isVisible()
    assert [pane.view.size() for pane in panel.panes] == before
    panel.close()
