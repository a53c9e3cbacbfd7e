"""After a conversation's document is dropped, the allocator's free pages go back to the system once, at a quiet
moment: a burst of switches shares one trim."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.core import allocator
from app.ui import memory
from app.ui.markdown_view import Entry
from app.ui.transcript import TranscriptView
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui


async def test_switching_conversations_trims_once_after_the_burst(qtbot: Any, monkeypatch: pytest.MonkeyPatch
                                                                   ) -> None:  # fmt: skip
    trims: list[float] = []

    def give_back() -> bool:
        trims.append(asyncio.get_running_loop().time())
        return True

    monkeypatch.setattr(allocator, "give_back", give_back)
    await asyncio.sleep(memory.RELEASE_AFTER_MS / 1000 + 0.1)  # one asked for by an earlier test has run
    trims.clear()
    view = TranscriptView()
    qtbot.addWidget(view)
    began = asyncio.get_running_loop().time()
    for n in range(5):
        view.show_entries([Entry("user", f"Question {n}"), Entry("assistant", f"Answer {n}", "OpenAI · gpt")])
        await asyncio.sleep(0.02)
    await wait_until(lambda: bool(trims), what="the trim")
    assert trims[0] - began >= memory.RELEASE_AFTER_MS / 1000 - 0.05
    await asyncio.sleep(memory.RELEASE_AFTER_MS / 1000 + 0.1)
    assert len(trims) == 1
    view.clear_conversation()
    await wait_until(lambda: len(trims) == 2, what="the trim after the next drop")
