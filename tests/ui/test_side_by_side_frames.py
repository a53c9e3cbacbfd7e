"""Answers streaming side by side draw their frames in turns: two views never lay out and paint in one turn."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from app.ui import transcript
from app.ui.transcript import MAX_PUT_OFF, TranscriptView

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def new_turn(qapp: QApplication) -> None:
    """Each test starts in a turn of the loop in which no view drew: the clear a test's last frame posted has run
    (else it would clear a flag a later test set, or leave the next test's first frame put off)."""
    QApplication.processEvents()
    transcript._drawn_this_turn[0] = False


def streaming(qtbot: Any, text: str) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.begin_answer("model")
    view.append_answer(text)
    return view


def test_a_frame_due_with_another_views_is_drawn_a_turn_later(qtbot: Any) -> None:
    left, right = streaming(qtbot, "Left answer."), streaming(qtbot, "Right answer.")
    left._frame_due()  # their frames fall due in the same turn of the loop
    right._frame_due()
    assert "Left answer." in left.toPlainText()
    assert "Right answer." not in right.toPlainText()  # not in the same turn as the left one
    qtbot.waitUntil(lambda: "Right answer." in right.toPlainText(), timeout=2000)  # the next turn


def test_a_long_frame_still_puts_off_the_next_view_in_its_turn(qtbot: Any) -> None:
    """However long a frame took, another view's frame falling due in the same turn waits for the next one (the
    paint of the first comes between); once the loop has turned, a frame is drawn at once."""
    left, right = streaming(qtbot, "Left answer."), streaming(qtbot, "Right answer.")
    left._frame_due()
    time.sleep(0.02)  # a long frame: a rich first frame took ~17 ms in the day of use
    right._frame_due()
    assert "Right answer." not in right.toPlainText()
    qtbot.waitUntil(lambda: "Right answer." in right.toPlainText(), timeout=2000)
    QApplication.processEvents()  # the turn after the right one's frame
    left.append_answer(" More.")
    left._frame_due()
    assert "More." in left.toPlainText()  # nobody else drew in this turn


def test_a_frame_is_put_off_only_so_often(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    view = streaming(qtbot, "Always late.")
    monkeypatch.setattr(transcript, "_drawn_this_turn", [True])  # as if another view drew every turn
    for _ in range(MAX_PUT_OFF):
        view._frame_due()
        assert "Always late." not in view.toPlainText()
    view._frame_due()
    assert "Always late." in view.toPlainText()  # drawn all the same: never starved by its neighbours
    # a flag whose clear was lost is cleared after all (once the frames still due have been drawn)
    qtbot.waitUntil(lambda: transcript._drawn_this_turn == [False], timeout=1000)


def test_views_streaming_at_once_share_the_windows_frames(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """One or two views draw a frame every FRAME_MS; more streaming at once space theirs out so that together they
    draw about STREAM_FRAMES_PER_S a second; a view that stopped drawing a while ago no longer counts."""
    monkeypatch.setattr(transcript, "_frames_at", {})
    views = [streaming(qtbot, f"Answer {n}.") for n in range(4)]
    # (each drawn now, not put off a turn: a view's first text may already have drawn in this turn)
    monkeypatch.setattr(transcript, "_drawn_this_turn", [False])
    views[0]._frame_due()
    assert transcript._frame_interval(transcript._frames_at[id(views[0])]) == transcript.FRAME_MS
    for view in views[1:]:
        monkeypatch.setattr(transcript, "_drawn_this_turn", [False])  # (each drawn now, not put off a turn)
        view._frame_due()
    now = max(transcript._frames_at.values())
    assert transcript._frame_interval(now) == round(4 * 1000 / transcript.STREAM_FRAMES_PER_S)  # ~30 frames/s each
    assert transcript._frame_interval(now + transcript.STREAMING_S + 0.01) == transcript.FRAME_MS  # all stopped
    assert transcript._frames_at == {}
    views[0].append_answer(" More.")  # a frame falls due: its timer is set to the shared interval
    assert views[0]._flush_timer.interval() == transcript.FRAME_MS
