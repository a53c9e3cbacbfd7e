"""A turn the provider paused (Anthropic's `pause_turn` in a long run of server-side searches), continued.

The paused answer goes back as the assistant's turn, exactly as it came (the Finish carries it), to the target
that gave it, and the provider goes on where it stopped. Text and sources keep accumulating in the same reply;
each call's usage is added up, since every call is billed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from app.providers import ChatRequest, Message, SignedReasoning, Usage

if TYPE_CHECKING:
    from .chat import Reply
    from .resilience import Target

MAX_CONTINUATIONS = 5  # a provider that keeps pausing is let go after this many more calls


class PausedTurn:
    def __init__(self) -> None:
        self.pause: SignedReasoning | None = None  # set by a Finish that paused
        self.steps = 0  # continuations sent so far
        self.answering: int | None = None  # the chain entry that is answering
        self._carried = Usage()  # usage of the calls before the current one

    def next_step(self, reply: Reply, chain: Sequence[Target], request: ChatRequest) -> tuple[
            list[Target], ChatRequest] | None:  # fmt: skip
        """The chain and request that continue a paused answer, or None when it did not pause."""
        pause, self.pause = self.pause, None
        if pause is None or self.steps >= MAX_CONTINUATIONS or reply.error is not None:
            return None
        if self.answering is None or not 0 <= self.answering < len(chain):
            return None
        target = chain[self.answering]
        self.steps += 1
        self.answering = 0  # the chain is that one target from now on
        self._carried = self._carried.plus(reply.usage)
        reply.usage = Usage()
        paused = Message("assistant", reply.text, signed=(pause,))
        return [target], replace(request, model=target.model, messages=(*request.messages, paused))

    def close(self, reply: Reply) -> None:
        """The answer is over: its usage is the sum over every call."""
        if self.steps:
            reply.usage = self._carried.plus(reply.usage)
            self._carried = Usage()
            self.steps = 0
