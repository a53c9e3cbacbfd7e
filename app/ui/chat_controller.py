"""Runs chat requests for the chat panel: owns the asyncio task and turns core events into Qt signals."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .services import Services

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.resilience import Attempt
    from app.providers import Message


@dataclass(frozen=True, slots=True)
class ProviderChoice:
    """A provider as the picker shows it."""

    id: str
    name: str
    base_url: str  # the default, shown as the base URL field's placeholder
    keyless: bool = False


def provider_choices() -> list[ProviderChoice]:
    """Every provider in the catalog, in catalog order (imports the adapters' package: call after first paint)."""
    from app.providers.catalog import SPECS

    return [ProviderChoice(s.id, s.name, s.base_url, s.keyless) for s in SPECS]


STOP_RETRY_S = 0.2


class ChatController(QObject):
    """One conversation's requests. `send` is the coroutine tests await; slots only start it."""

    turn_started = Signal(str, str, str)  # provider id, model, prompt: the request is about to go out
    delta = Signal(str, str)  # streamed text, streamed reasoning
    finished = Signal(object)  # the Reply: complete, stopped or failed, partial text kept
    failed = Signal(str, str)  # what went wrong, what to do: nothing was sent
    busy_changed = Signal(bool)
    status_changed = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._task: asyncio.Task[Reply | None] | None = None
        self._stop_requested = False
        self._history: list[Message] = []

    @property
    def busy(self) -> bool:
        return self._task is not None

    @property
    def stopping(self) -> bool:
        return self._task is not None and self._stop_requested

    def stop(self) -> bool:
        """Cancel the running request; its partial answer is kept and marked stopped."""
        task = self._task
        if task is None or task.done():
            return False
        self._stop_requested = True
        task.cancel()
        # Python 3.11's asyncio.wait_for (used for the between-chunks timeout) drops a cancel that lands
        # while its read completes, so a stop must not rest on one cancel: insist until the task ends,
        # and `_Relay.on_delta` ends the run at the next streamed piece.
        task.get_loop().call_later(STOP_RETRY_S, self._insist, task)
        return True

    def _insist(self, task: asyncio.Task[Reply | None]) -> None:
        if not task.done() and task is self._task:
            task.cancel()
            task.get_loop().call_later(STOP_RETRY_S, self._insist, task)

    def new_conversation(self) -> bool:
        """Forget the history (refused while an answer is streaming)."""
        if self.busy:
            return False
        self._history.clear()
        return True

    async def send(self, provider: str, model: str, base_url: str, prompt: str) -> Reply | None:
        """Send a prompt and stream the answer. Returns the reply, or None when nothing was sent."""
        if self.busy:
            self.status_changed.emit("Still answering: stop it first (Esc).")
            return None
        problem = _check(provider, model, prompt)
        if problem is not None:
            self.failed.emit(*problem)
            return None
        self._stop_requested = False
        task = asyncio.ensure_future(self._converse(provider, model.strip(), base_url.strip(), prompt))
        self._task = task
        self.busy_changed.emit(True)
        try:
            return await task
        finally:
            self._task = None
            self.busy_changed.emit(False)

    async def _converse(self, provider: str, model: str, base_url: str, prompt: str) -> Reply | None:
        from app.core.chat import ChatRun
        from app.core.endpoints import TargetSpec
        from app.core.resilience import Resilience
        from app.providers import ChatRequest, Message, ProviderError

        self.status_changed.emit("Looking up the key…")
        try:
            # The keychain may block for a while: never on the loop.
            domain = self._services.domain()
            target = await asyncio.to_thread(domain.target, TargetSpec(provider, model, base_url or None))
        except ValueError as exc:
            self.failed.emit(_sentence(str(exc)), "Check the provider and the base URL.")
            return None
        except ProviderError as err:
            self.failed.emit(err.describe(), err.advice)
            return None
        except asyncio.CancelledError:
            if not self._stop_requested:
                raise
            self.status_changed.emit("Stopped before sending.")
            return None
        request = ChatRequest(model=model, messages=(*self._history, Message("user", prompt)))
        resilience = Resilience(domain.client, sleep=self._announced_sleep)
        run = ChatRun(resilience, [target], request, observer=_Relay(self))
        self.turn_started.emit(provider, model, prompt)
        try:
            reply = await run.execute()
        except asyncio.CancelledError:
            self._finish(run.reply)
            if not self._stop_requested:
                raise
            return run.reply
        self._finish(reply)
        if reply.status == "complete":
            self._history += [Message("user", prompt), Message("assistant", reply.text)]
        return reply

    def _finish(self, reply: Reply) -> None:
        words = {"complete": "Done.", "interrupted": "Stopped." if reply.finish_reason == "cancelled" else
                 "The answer was cut off.", "error": "The request failed."}  # fmt: skip
        self.status_changed.emit(words.get(reply.status, ""))
        self.finished.emit(reply)

    async def _announced_sleep(self, seconds: float) -> None:
        self.status_changed.emit(f"The provider is busy or unreachable; retrying in {seconds:.0f} s…")
        await asyncio.sleep(seconds)


class _Relay:
    """The `ChatObserver` of one run: core's callbacks become the controller's signals."""

    def __init__(self, controller: ChatController) -> None:
        self._c = controller
        self._receiving = False

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        retry = f" (retry {attempt.retries})" if attempt.retries else ""
        self._c.status_changed.emit(f"Asking {attempt.provider} for {attempt.model}{retry}…")

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        if not self._receiving:
            self._receiving = True
            self._c.status_changed.emit("Receiving…")
        self._c.delta.emit(text, reasoning)
        if self._c.stopping:  # the cancel was swallowed below us (see ChatController.stop)
            raise asyncio.CancelledError

    def on_finish(self, reply: Reply) -> None:
        pass  # the controller reports the end once, after cancellation too


def _check(provider: str, model: str, prompt: str) -> tuple[str, str] | None:
    if not provider:
        return "Choose a provider first.", ""
    if not model.strip():
        return "Type a model name first.", "For example gpt-4o-mini for OpenAI, or the name your local server lists."
    if not prompt.strip():
        return "Type a prompt first.", ""
    return None


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
