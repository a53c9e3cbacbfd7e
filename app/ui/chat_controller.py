"""Runs chat requests for the chat panel: owns the asyncio task and turns core events into Qt signals."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from app.core.chat_params import ChatParams

from .services import Services

if TYPE_CHECKING:
    from app.core.chat import ChatObserver, Reply
    from app.core.chat_params import ConversationSetup
    from app.core.history import Estimate
    from app.core.resilience import Attempt
    from app.providers import ChatRequest, ImagePart, Message, ProviderError


@dataclass(frozen=True, slots=True)
class Ask:
    """What to send: a new prompt after the current leaf, an edited prompt as a branch, or a regenerated answer."""

    prompt: str  # "" when regenerating
    parent: int | Literal["current"] | None = "current"  # where an edited prompt hangs (None: a new first prompt)
    regenerate: int | None = None  # the answer to give a sibling
    override_budget: bool = False  # send although a budget refuses it (this once)
    images: tuple[ImagePart, ...] = ()  # attached to the prompt

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


@dataclass(eq=False, slots=True)
class Stream:
    """One answer being streamed, into the conversation it was asked in (several run at once, one per conversation)."""

    provider: str
    model: str
    conversation_id: int | None  # None until the prompt is stored (a new chat), or when nothing is saved
    branching: bool = False  # it started a new branch (the view reloads the branch)
    task: asyncio.Task[Reply | None] | None = None
    stop_requested: bool = False
    text: str = ""  # the answer so far (to show it again after switching back)
    reasoning: str = ""
    message_id: int | None = None  # the stored reply being written
    prompt_id: int | None = None  # the stored prompt it answers (None when regenerating or not saved)
    warnings: list[str] = field(default_factory=list)  # budget warnings for the request (shown with it)


class ChatController(QObject):
    """The chat panel's requests: one answer may stream in each conversation at once, saved as it goes.

    `send` is the coroutine tests await; slots only start it. Signals about the conversation shown (`delta`,
    `turn_started`, `shown_finished`, `failed`, `status_changed`) are emitted only while it is the one shown;
    `finished` and `saved` are emitted for every answer."""

    turn_started = Signal(str, str, str)  # provider id, model, prompt: the shown conversation's request goes out
    delta = Signal(str, str)  # streamed text, streamed reasoning (of the conversation shown)
    finished = Signal(object)  # the Reply of any conversation: complete, stopped or failed, partial text kept
    shown_finished = Signal(object)  # the same, when its conversation is the one shown
    failed = Signal(str, str)  # what went wrong, what to do: nothing was sent
    busy_changed = Signal(bool)  # an answer started or ended somewhere (True while any streams)
    status_changed = Signal(str)
    saved = Signal(int)  # a conversation was created or changed in the store: lists and totals refresh

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.streams: list[Stream] = []  # the answers running now, oldest first
        self._history: list[Message] = []  # used only when there is no store
        self.conversation_id: int | None = None  # the conversation shown (None: a new chat)
        self._refused: tuple[str, str, str, Ask] | None = None  # the last ask a budget refused (to override once)
        self._history_cache: tuple[HistoryKey, tuple[Message, ...]] | None = None  # what `estimate` counts
        self.params = ChatParams()  # the shown conversation's (a new chat's until its first prompt is stored)
        self.fallbacks: tuple[str, ...] = ()  # "provider:model" entries tried in order when the first fails

    @property
    def services(self) -> Services:
        return self._services

    # -- what is running ----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Some answer is streaming, in any conversation."""
        return bool(self.streams)

    @property
    def shown_stream(self) -> Stream | None:
        """The answer streaming into the conversation shown, if any."""
        return self.stream_for(self.conversation_id)

    @property
    def answering(self) -> bool:
        """The conversation shown is answering (its Stop is live; another prompt there must wait)."""
        return self.shown_stream is not None

    def stream_for(self, conversation_id: int | None) -> Stream | None:
        return next((s for s in self.streams if s.conversation_id == conversation_id), None)

    def streaming_conversations(self) -> set[int]:
        return {s.conversation_id for s in self.streams if s.conversation_id is not None}

    @property
    def stopping(self) -> bool:
        stream = self.shown_stream
        return stream is not None and stream.stop_requested

    def stop(self) -> bool:
        """Cancel the shown conversation's answer; its partial text is kept and marked stopped."""
        stream = self.shown_stream
        return stream is not None and self._stop(stream)

    def stop_all(self) -> int:
        """Cancel every running answer (the window is closing); how many were stopped."""
        return sum(self._stop(s) for s in list(self.streams))

    def _stop(self, stream: Stream) -> bool:
        task = stream.task
        if task is None or task.done():
            return False
        stream.stop_requested = True
        task.cancel()
        # Python 3.11's asyncio.wait_for (used for the between-chunks timeout) drops a cancel that lands
        # while its read completes, so a stop must not rest on one cancel: insist until the task ends,
        # and `_Relay.on_delta` ends the run at the next streamed piece.
        task.get_loop().call_later(STOP_RETRY_S, self._insist, task)
        return True

    def _insist(self, task: asyncio.Task[Reply | None]) -> None:
        if not task.done() and any(s.task is task for s in self.streams):
            task.cancel()
            task.get_loop().call_later(STOP_RETRY_S, self._insist, task)

    # -- what is shown ----------------------------------------------------------------------------------
    def new_conversation(self) -> bool:
        """Show a fresh conversation; running answers keep streaming into their own."""
        if self.busy and self._services.store is None:
            return False
        self._history.clear()
        self.conversation_id = None
        self._refused = self._history_cache = None
        self.params = ChatParams()
        return True

    def show_conversation(self, conversation_id: int) -> ConversationSetup | None:
        """Show a stored conversation; its parameters become the ones new prompts use. Returns its setup
        (parameters, and the provider and model it last asked) when it could be read."""
        from app.core.chat_params import load_setup
        from app.store import StoreError

        self._history.clear()
        self.conversation_id = conversation_id
        self._refused = self._history_cache = None
        store = self._services.store
        setup = None
        if store is not None:
            try:
                setup = load_setup(store, conversation_id)
            except StoreError:
                setup = None
        self.params = setup.params if setup is not None else ChatParams()
        return setup

    def set_params(self, params: ChatParams) -> None:
        """The shown conversation's parameters from now on (stored with it; a new chat's when it is created)."""
        from app.core.chat_params import save_setup

        self.params = params
        self._history_cache = None
        store = self._services.store
        if store is not None and self.conversation_id is not None:
            save_setup(store, self.conversation_id, params)

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
        request = self.params.for_model(provider, model.strip()).apply(request)
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

    async def send(self, provider: str, model: str, base_url: str, prompt: str,
                   images: tuple[ImagePart, ...] = ()) -> Reply | None:  # fmt: skip
        """Send a prompt (and images) and stream the answer. Returns the reply, or None when nothing was sent."""
        return await self._ask(provider, model, base_url, Ask(prompt, images=images))

    async def resend_edited(self, provider: str, model: str, base_url: str, prompt: str, edited_id: int,
                            images: tuple[ImagePart, ...] = ()) -> Reply | None:  # fmt: skip
        """Send an edited prompt as a new branch beside `edited_id` (the old prompt and answer stay)."""
        store = self._services.store
        if store is None:
            return await self.send(provider, model, base_url, prompt, images)
        parent = store.message(edited_id).parent_id
        return await self._ask(provider, model, base_url, Ask(prompt, parent=parent, images=images))

    async def regenerate(self, provider: str, model: str, base_url: str, reply_id: int) -> Reply | None:
        """A new answer to the same prompt, kept beside the old one."""
        return await self._ask(provider, model, base_url, Ask("", regenerate=reply_id))

    async def _ask(self, provider: str, model: str, base_url: str, ask: Ask) -> Reply | None:
        if self.answering or (self.busy and self._services.store is None):
            where = "" if self.answering else " in another conversation"
            self.status_changed.emit(f"Still answering{where}: stop it first (Esc).")
            return None
        self._refused = None
        problem = _check(provider, model, ask.prompt or "(regenerate)", bool(ask.images))
        if problem is None and ask.branches and self._services.store is None:
            problem = ("Answers cannot be branched while conversations are not being saved.", "")
        if problem is not None:
            self.failed.emit(*problem)
            return None
        # The answer belongs where it was asked, whatever is shown by the time it arrives.
        stream = Stream(provider, model.strip(), self.conversation_id, branching=ask.branches)
        task = asyncio.ensure_future(self._converse(stream, base_url.strip(), ask, self.params, self.fallbacks))
        stream.task = task
        self.streams.append(stream)
        self.busy_changed.emit(True)
        try:
            return await task
        finally:
            self.streams.remove(stream)
            self.busy_changed.emit(self.busy)

    def _shown(self, stream: Stream) -> bool:
        return stream.conversation_id == self.conversation_id

    def _status(self, stream: Stream, text: str) -> None:
        if self._shown(stream):
            self.status_changed.emit(text)

    def _failed(self, stream: Stream, message: str, advice: str) -> None:
        if self._shown(stream):
            self.failed.emit(message, advice)
        else:
            self.status_changed.emit(f"A request in another conversation was not sent: {message}")

    async def _converse(self, stream: Stream, base_url: str, ask: Ask, params: ChatParams,
                        fallbacks: tuple[str, ...]) -> Reply | None:  # fmt: skip
        from app.core.chat import ChatRun
        from app.core.endpoints import TargetSpec
        from app.core.resilience import Resilience
        from app.providers import ChatRequest, Message, ProviderError

        provider, model = stream.provider, stream.model
        self._status(stream, "Looking up the key…")
        try:
            # The keychain may block for a while: never on the loop.
            domain = self._services.domain()
            first = TargetSpec(provider, model, base_url or None)
            targets = await asyncio.to_thread(domain.chain, first, list(fallbacks))
            await self._services.catalog()  # budgets and the finished answer are priced on this thread
        except ValueError as exc:
            self._failed(stream, _sentence(str(exc)), "Check the provider, the model and the base URL.")
            return None
        except ProviderError as err:
            self._failed(stream, err.describe(), err.advice)
            return None
        except asyncio.CancelledError:
            if not stream.stop_requested:
                raise
            self._status(stream, "Stopped before sending.")
            return None
        prompt = ask.prompt
        messages = (*self._history, Message("user", prompt, ask.images))
        request = params.for_model(provider, model).apply(ChatRequest(model=model, messages=messages))
        observer: ChatObserver = _Relay(self, stream)
        problem = self._preflight(stream, request, ask)
        if problem is not None:
            if problem.kind == "budget" and not ask.override_budget and self._shown(stream):
                self._refused = provider, model, base_url, ask
            self._failed(stream, problem.describe(), problem.advice)
            return None
        if self._services.store is not None:
            observer, request = self._record(stream, request, observer, ask, params)
        resilience = Resilience(domain.client, sleep=lambda s: self._announced_sleep(stream, s))
        run = ChatRun(resilience, targets, request, observer=observer)
        if self._shown(stream):
            self.turn_started.emit(provider, model, prompt)
        try:
            reply = await run.execute()
        except asyncio.CancelledError:
            self._finish(stream, run.reply)
            if not stream.stop_requested:
                raise
            return run.reply
        self._finish(stream, reply)
        if reply.status == "complete" and self._services.store is None:
            self._history += [Message("user", prompt, ask.images), Message("assistant", reply.text)]
        return reply

    def _preflight(self, stream: Stream, request: ChatRequest, ask: Ask) -> ProviderError | None:
        """Images, context window and budgets, checked before anything is stored or sent (budgets need the
        ledger: without a database only what the request itself shows is checked)."""
        from app.core.history import Conversations, preflight

        store = self._services.store
        if store is None:
            problem, _check = preflight(self._services.domain(), None, stream.provider, request)
            return problem
        conversations = Conversations(store)
        conv, prompt = stream.conversation_id, request.messages[-1]
        if ask.regenerate is not None:
            old = store.message(ask.regenerate)
            request = replace(request, messages=conversations.history(old.conversation_id, old.parent_id))
        elif conv is not None and ask.parent is not None:
            leaf = ask.parent if isinstance(ask.parent, int) else None
            request = replace(request, messages=(*conversations.history(conv, leaf), prompt))
        problem, check = preflight(self._services.domain(), conversations.spend_now(), stream.provider, request,
                                   override_budget=ask.override_budget)  # fmt: skip
        stream.warnings = list(check.warnings) if check and problem is None else []
        for warning in stream.warnings:
            self._status(stream, warning)
        return problem

    def _record(self, stream: Stream, request: ChatRequest, inner: ChatObserver, ask: Ask,
                params: ChatParams) -> tuple[ChatObserver, ChatRequest]:  # fmt: skip
        """Store the prompt and an empty reply; the Recorder checkpoints, prices and logs it as the CLI does."""
        from app.core.chat_params import save_setup
        from app.core.history import Conversations, Recorder

        store = self._services.store
        assert store is not None
        conversations = Conversations(store)
        shown = self._shown(stream)
        if ask.regenerate is not None:
            turn = conversations.regenerate(request, ask.regenerate, provider=stream.provider)
        else:
            turn = conversations.start_turn(request, request.messages[-1], provider=stream.provider,
                                            conversation_id=stream.conversation_id, parent_id=ask.parent)  # fmt: skip
        # The conversation remembers its parameters and the model it last asked (a new chat gets them here).
        save_setup(store, turn.conversation_id, params, stream.provider, stream.model)
        if shown:  # a new chat gets its id (unless the user moved to another meanwhile)
            self.conversation_id = turn.conversation_id
        self._history_cache = None
        stream.conversation_id = turn.conversation_id
        stream.message_id = turn.reply_message_id
        stream.prompt_id = turn.user_message_id
        self.saved.emit(turn.conversation_id)
        recorder = Recorder(store, turn, self._services.domain().price_reply, source="app", inner=inner)
        return recorder, turn.request

    def _finish(self, stream: Stream, reply: Reply) -> None:
        words = {"complete": "Done.", "interrupted": "Stopped." if reply.finish_reason == "cancelled" else
                 "The answer was cut off.", "error": "The request failed."}  # fmt: skip
        shown = self._shown(stream)
        if shown:
            self.status_changed.emit(words.get(reply.status, ""))
        elif reply.status != "complete":
            self.status_changed.emit(f"An answer in another conversation ended: {words.get(reply.status, '')}")
        if reply.cost_source == "unknown" and reply.cost_usd is None:
            self._services.domain().price_reply(reply)
        self._history_cache = None
        self.finished.emit(reply)
        if shown:
            self.shown_finished.emit(reply)
        if stream.conversation_id is not None:
            self.saved.emit(stream.conversation_id)

    async def _announced_sleep(self, stream: Stream, seconds: float) -> None:
        self._status(stream, f"The provider is busy or unreachable; retrying in {seconds:.0f} s…")
        await asyncio.sleep(seconds)


class _Relay:
    """The `ChatObserver` of one run: core's callbacks become the controller's signals."""

    def __init__(self, controller: ChatController, stream: Stream) -> None:
        self._c = controller
        self._stream = stream
        self._receiving = False

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        retry = f" (retry {attempt.retries})" if attempt.retries else ""
        self._c._status(self._stream, f"Asking {attempt.provider} for {attempt.model}{retry}…")

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        stream = self._stream
        shown = self._c._shown(stream)
        if not self._receiving:
            self._receiving = True
            if shown:
                self._c.status_changed.emit("Receiving…")
        stream.text += text
        stream.reasoning += reasoning
        if shown:
            self._c.delta.emit(text, reasoning)
        if stream.stop_requested:  # the cancel was swallowed below us (see ChatController.stop)
            raise asyncio.CancelledError

    def on_finish(self, reply: Reply) -> None:
        pass  # the controller reports the end once, after cancellation too


def _check(provider: str, model: str, prompt: str, images: bool = False) -> tuple[str, str] | None:
    if not provider:
        return "Choose a provider first.", ""
    if not model.strip():
        return "Type a model name first.", "For example gpt-4o-mini for OpenAI, or the name your local server lists."
    from app.core.text import is_blank

    if is_blank(prompt) and not images:
        return "Type a prompt first.", ""
    return None


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")
