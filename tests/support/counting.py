"""A loopback server that counts the requests it is answering at once (its peak is what tests check)."""

from __future__ import annotations

import asyncio
import json

from .loopback import LoopbackServer, Recorded, Reply
from .openai_server import stream_reply


class CountingServer(LoopbackServer):
    """Answers every chat request with `answer to <prompt>` (streamed, paused between pieces so requests
    overlap) and records the most requests ever in flight together. Its own loop thread does all counting."""

    def __init__(self, name: str = "", pause: float = 0.02) -> None:
        super().__init__()
        self.in_flight = 0
        self.peak = 0
        self.name = name
        self.pause = pause
        self.handler = self._answer

    def _answer(self, req: Recorded) -> Reply:
        body = json.loads(req.body)
        prompt = body["messages"][-1]["content"]
        return stream_reply(["answer ", f"to {prompt}", f" from {self.name or body['model']}"], pause=self.pause,
                            model=body["model"], prompt_tokens=3)  # fmt: skip

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.in_flight += 1
        self.peak = max(self.peak, self.in_flight)
        try:
            await super()._serve(reader, writer)
        finally:
            self.in_flight -= 1
