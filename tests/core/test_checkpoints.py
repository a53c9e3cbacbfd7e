"""Answers streaming at once are checkpointed apart: their saves do not all land in one turn of the event loop."""

from __future__ import annotations

import asyncio
from itertools import pairwise
from pathlib import Path

import httpx
import pytest

from app.core.chat import ChatRun
from app.core.history import CHECKPOINT_SPACING_SECONDS, Conversations, Recorder
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from app.store import Store, open_store
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

ANSWERS = 4


async def test_side_by_side_answers_are_checkpointed_apart(loopback: LoopbackServer, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    saved: list[tuple[float, int]] = []  # (loop time, message id) of every checkpoint
    real = Store.checkpoint

    def checkpoint(store: Store, message_id: int, text: str, reasoning: str = "") -> bool:
        saved.append((asyncio.get_running_loop().time(), message_id))
        return real(store, message_id, text, reasoning)

    monkeypatch.setattr(Store, "checkpoint", checkpoint)
    with open_store(tmp_path / "parley.db") as store:
        turns = [Conversations(store).start_turn(ChatRequest(model=f"m{k}", messages=()), Message("user", "go"),
                                                 provider="openai") for k in range(ANSWERS)]  # fmt: skip
        for k in range(ANSWERS):  # the four answers' pieces arrive together, for 2.4 seconds
            loopback.enqueue_for(f"m{k}", stream_reply(["word "] * 80, pause=0.03))
        endpoint = Endpoint(with_base_url(get_spec("openai"), loopback.url + "/v1"), api_key="test-key-not-real")
        async with httpx.AsyncClient() as client:
            runs = [ChatRun(Resilience(client), [Target(endpoint, f"m{k}")], turn.request,
                            observer=Recorder(store, turn, lambda _r: None, source="cli"))
                    for k, turn in enumerate(turns)]  # fmt: skip
            replies = await asyncio.gather(*(run.execute() for run in runs))
        assert all(r.status == "complete" for r in replies)
        assert {m for _, m in saved} == {t.reply_message_id for t in turns}  # each answer was checkpointed
        for (a, first), (b, second) in pairwise(sorted(saved)):
            assert b - a >= CHECKPOINT_SPACING_SECONDS * 0.9, (first, second, round(b - a, 3))
        assert [store.message(t.reply_message_id).content for t in turns] == ["word " * 80] * ANSWERS
