"""Runs chat requests for the chat panel: owns the asyncio task and turns core events into Qt signals."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from .services import Services

if TYPE_CHECKING:
    from app.core.chat import ChatObserver, Reply
    from app.core.history import Estimate
    from app.core.resilience import Attempt
    from app.providers import ChatRequest, Message, ProviderError


@dataclass(frozen=True, slots=True)
class Ask:
    """What to send: a new prompt after the current leaf, an edited prompt as a branch, or a regenerated answer."""

    prompt: str  # "" when regenerating
    parent: int | Literal["current"] | None = "current"  # where an edited prompt hangs (None: a new first prompt)
    regenerate: int | None = None  # the answer to give a sibling
    override_budget: bool = False  # send although a budget refuses it (this once)

    @property
    def branches(self) -> bool:
        return self.regenerate is not None or self.parent != "current"


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
HistoryKey = tuple[int, int | Literal["current"]]  # a conversation, and the prompt a new one hangs from


class ChatController(QObject):
    """One conversation's requests. `send` is the coroutine tests await; slots only start it."""

    turn_started = Signal(str, str, str)  # provider id, model, prompt: the request is about to go out
    delta = Signal(str, str)  # streamed text, streamed reasoning
    finished = Signal(object)  # the Reply: complete, stopped or failed, partial text kept
    failed = Signal(str, str)  # what went wrong, what to do: nothing was sent
    busy_changed = Signal(bool)
    status_changed = Signal(str)
    saved = Signal(int)  # a conversation was created or changed in the store: lists and totals refresh

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._task: asyncio.Task[Reply | None] | None = None
        self._stop_requested = False
        self._history: list[Message] = []  # used only when there is no store
        self.conversation_id: int | None = None  # the conversation shown (None: a new chat)
        self.streaming_conversation: int | None = None  # where the running answer is being saved
        self.streamed_text = ""  # the running answer so far (to show it again after switching back)
        self.streamed_reasoning = ""
        self.streaming_message_id: int | None = None  # the stored reply being written
        self.streaming_label = ""  # its heading, as the panel drew it
        self.branching = False  # the running answer started a new branch (the view reloads the branch)
        self.warnings: list[str] = []  # budget warnings for the request going out (shown with it)
        self._refused: tuple[str, str, str, Ask] | None = None  # the last ask a budget refused (to override once)
        self._history_cache: tuple[HistoryKey, tuple[Message, ...]] | None = None  # what `estimate` counts

    @property
    def shows_stream(self) -> bool:
        """The running answer belongs to the conversation shown (switching away detaches the view)."""
        return self.streaming_conversation == self.conversation_id

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
        """Show a fresh conversation; a running answer keeps streaming into its own."""
        if self.busy and self._services.store is None:
            return False
        self._history.clear()
        self.conversation_id = None
        self._refused = self._history_cache = None
        return True

    def show_conversation(self, conversation_id: int) -> None:
        self._history.clear()
        self.conversation_id = conversation_id
        self._refused = self._history_cache = None

    @property
    def can_override(self) -> bool:
        """A budget refused the last prompt: `send_anyway` may send it once regardless."""
        return self._refused is not None

    async def send_anyway(self) -> Reply | None:
        """Send the prompt a budget just refused, overriding the budget for this one request."""
        refused = self._refused
        if refused is None:
            return None
        provider, model, base_url, ask = refused
        return await self._ask(provider, model, base_url, replace(ask, override_budget=True))

    async def estimate(self, provider: str, model: str, prompt: str, edited_id: int | None = None) -> Estimate:
        """The worst-case cost of sending `prompt` now: with the history that would go with it (after the
        edited prompt's parent when editing), priced off the loop's thread (the catalog loads on first use)."""
        from app.core.history import worst_case
        from app.providers import ChatRequest, Message

        parent: int | Literal["current"] | None = "current"
        store = self._services.store
        if edited_id is not None and store is not None:
            parent = store.message(edited_id).parent_id
        request = ChatRequest(model=model.strip(), messages=(*self._pending_history(parent), Message("user", prompt)))
        return await asyncio.to_thread(worst_case, self._services.domain(), provider, request)

    def _pending_history(self, parent: int | Literal["current"] | None) -> tuple[Message, ...]:
        """What a new prompt in the conversation shown would be sent after (as `_preflight` counts it)."""
        store = self._services.store
        if store is None:
            return tuple(self._history)
        conv = self.conversation_id
        if conv is None or parent is None:
            return ()
        key = (conv, parent)
        if self._history_cache is None or self._history_cache[0] != key:
            from app.core.history import Conversations

            leaf = parent if isinstance(parent, int) else None
            self._history_cache = key, Conversations(store).history(conv, leaf)
        return self._history_cache[1]

    async def send(self, provider: str, model: str, base_url: str, prompt: str) -> Reply | None:
        """Send a prompt and stream the answer. Returns the reply, or None when nothing was sent."""
        return await self._ask(provider, model, base_url, Ask(prompt))

    async def resend_edited(self, provider: str, model: str, base_url: str, prompt: str,
                            edited_id: int) -> Reply | None:  # fmt: skip
        """Send an edited prompt as a new branch beside `edited_id` (the old prompt and answer stay)."""
        store = self._services.store
        if store is None:
            return await self.send(provider, model, base_url, prompt)
        return await self._ask(provider, model, base_url, Ask(prompt, parent=store.message(edited_id).parent_id))

    async def regenerate(self, provider: str, model: str, base_url: str, reply_id: int) -> Reply | None:
        """A new answer to the same prompt, kept beside the old one."""
        return await self._ask(provider, model, base_url, Ask("", regenerate=reply_id))

    async def _ask(self, provider: str, model: str, base_url: str, ask: Ask) -> Reply | None:
        if self.busy:
            where = "" if self.shows_stream else " in another conversation"
            self.status_changed.emit(f"Still answering{where}: stop it first (Esc).")
            return None
        self._refused = None
        problem = _check(provider, model, ask.prompt or "(regenerate)")
        if problem is None and ask.branches and self._services.store is None:
            problem = ("Answers cannot be branched while conversations are not being saved.", "")
        if problem is not None:
            self.failed.emit(*problem)
            return None
        self._stop_requested = False
        self.branching = ask.branches
        self.streaming_conversation = self.conversation_id  # the answer belongs where it was asked
        task = asyncio.ensure_future(self._converse(provider, model.strip(), base_url.strip(), ask))
        self._task = task
        self.busy_changed.emit(True)
        try:
            return await task
        finally:
            self._task = None
            self.streaming_conversation = self.streaming_message_id = None
            self.busy_changed.emit(False)

    async def _converse(self, provider: str, model: str, base_url: str, ask: Ask) -> Reply | None:
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
        prompt = ask.prompt
        request = ChatRequest(model=model, messages=(*self._history, Message("user", prompt)))
        observer: ChatObserver = _Relay(self)
        if self._services.store is not None:
            problem = self._preflight(provider, request, ask)
            if problem is not None:
                if problem.kind == "budget" and not ask.override_budget:
                    self._refused = provider, model, base_url, ask
                self.failed.emit(problem.describe(), problem.advice)
                return None
            observer, request = self._record(provider, request, observer, ask)
        resilience = Resilience(domain.client, sleep=self._announced_sleep)
        run = ChatRun(resilience, [target], request, observer=observer)
        self.streamed_text = self.streamed_reasoning = ""
        self.turn_started.emit(provider, model, prompt)
        try:
            reply = await run.execute()
        except asyncio.CancelledError:
            self._finish(run.reply)
            if not self._stop_requested:
                raise
            return run.reply
        self._finish(reply)
        if reply.status == "complete" and self._services.store is None:
            self._history += [Message("user", prompt), Message("assistant", reply.text)]
        return reply

    def _preflight(self, provider: str, request: ChatRequest, ask: Ask) -> ProviderError | None:
        """Context window and budgets, checked before anything is stored or sent."""
        from app.core.history import Conversations, preflight

        store = self._services.store
        assert store is not None
        conversations = Conversations(store)
        conv, prompt = self.streaming_conversation, request.messages[-1]
        if ask.regenerate is not None:
            old = store.message(ask.regenerate)
            request = replace(request, messages=conversations.history(old.conversation_id, old.parent_id))
        elif conv is not None and ask.parent is not None:
            leaf = ask.parent if isinstance(ask.parent, int) else None
            request = replace(request, messages=(*conversations.history(conv, leaf), prompt))
        problem, check = preflight(self._services.domain(), conversations.spend_now(), provider, request,
                                   override_budget=ask.override_budget)  # fmt: skip
        self.warnings = list(check.warnings) if check and problem is None else []
        for warning in self.warnings:
            self.status_changed.emit(warning)
        return problem

    def _record(self, provider: str, request: ChatRequest, inner: ChatObserver,
                ask: Ask) -> tuple[ChatObserver, ChatRequest]:  # fmt: skip
        """Store the prompt and an empty reply; the Recorder checkpoints, prices and logs it as the CLI does."""
        from app.core.history import Conversations, Recorder

        store = self._services.store
        assert store is not None
        conversations = Conversations(store)
        if ask.regenerate is not None:
            turn = conversations.regenerate(request, ask.regenerate, provider=provider)
        else:
            conv = self.streaming_conversation
            turn = conversations.start_turn(request, request.messages[-1], provider=provider,
                                            conversation_id=conv, parent_id=ask.parent)  # fmt: skip
        if self.shows_stream:  # a new chat gets its id (unless the user moved to another meanwhile)
            self.conversation_id = turn.conversation_id
        self._history_cache = None
        self.streaming_conversation = turn.conversation_id
        self.streaming_message_id = turn.reply_message_id
        self.saved.emit(turn.conversation_id)
        recorder = Recorder(store, turn, self._services.domain().price_reply, source="app", inner=inner)
        return recorder, turn.request

    def _finish(self, reply: Reply) -> None:
        words = {"complete": "Done.", "interrupted": "Stopped." if reply.finish_reason == "cancelled" else
                 "The answer was cut off.", "error": "The request failed."}  # fmt: skip
        self.status_changed.emit(words.get(reply.status, ""))
        if reply.cost_source == "unknown" and reply.cost_usd is None:
            self._services.domain().price_reply(reply)
        self._history_cache = None
        self.finished.emit(reply)
        if self.streaming_conversation is not None:
            self.saved.emit(self.streaming_conversation)

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
        self._c.streamed_text += text
        self._c.streamed_reasoning += reasoning
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
