"""A full disk while an answer streams: the answer completes, the problem is reported, nothing crashes."""

from __future__ import annotations

from pathlib import Path

import httpx

from app.core.chat import ChatRun
from app.core.history import Conversations, Recorder
from app.core.resilience import Resilience, Target
from app.providers import ChatRequest, Endpoint, Message, get_spec, with_base_url
from app.store import open_store
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.store_sql import disk_full


async def test_disk_full_mid_stream_keeps_the_answer(loopback: LoopbackServer, tmp_path: Path) -> None:
    with open_store(tmp_path / "parley.db") as store:
        request = ChatRequest(model="m", messages=())
        turn = Conversations(store).start_turn(request, Message("user", "write a lot"), provider="openai")
        with disk_full(store):
            loopback.enqueue(stream_reply(["x" * 4000] * 40, pause=0.03))
            recorder = Recorder(store, turn, lambda _r: None, source="cli")
            target = Target(Endpoint(with_base_url(get_spec("openai"), loopback.url + "/v1"),
                                     api_key="test-key-not-real"), "m")  # fmt: skip
            async with httpx.AsyncClient() as client:
                reply = await ChatRun(Resilience(client), [target], turn.request, observer=recorder).execute()
    assert reply.error is None and reply.status == "complete"
    assert len(reply.text) == 4000 * 40
    assert recorder.problem is not None and "full" in recorder.problem
