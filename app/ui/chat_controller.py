"""Drives core's chat turns for the chat panel: a task per turn, and core's events as Qt signals."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, Signal

from app.core.asks import TurnObserver
from app.core.chat_session import ChatSession

from .i18n import number, say, translate
from .tool_session import ToolSession

if TYPE_CHECKING:
    from app.core.asks import Ask, Refusal
    from app.core.chat import Reply
    from app.core.chat_params import ChatParams, ConversationSetup
    from app.core.history import Estimate
    from app.core.resilience import Attempt
    from app.core.runtime import Runtime
    from app.core.settings import Settings
    from app.core.tool_loop import ToolCallRecord
    from app.core.turn import Turn
    from app.providers import DocumentPart, ImagePart


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


def chat_choices(settings: Settings) -> list[ProviderChoice]:
    """The providers a person can pick (the chat, compare panes): enabled catalog providers, then enabled custom
    endpoints, each by its name."""
    from app.providers.catalog import SPECS

    from .settings_state import spec_for

    choices = []
    for pid in settings.enabled_providers(s.id for s in SPECS):
        spec = spec_for(settings, pid)
        choices.append(ProviderChoice(spec.id, spec.name, spec.base_url, spec.keyless or spec.local))
    return choices


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
    tool_stream = Signal(int, str, str, str)  # step, call id, name (at its start), argument text: being written
    tool_call = Signal(object)  # a ToolCallRecord of the conversation shown changed state
    cost_reported = Signal(object)  # a core `Reported`: a provider's exact figure replaced a request's estimate
    reconciled = Signal(str)  # a provider's account reports were fetched on the user's schedule

    def __init__(self, runtime: Runtime, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runtime = runtime
        self.session = ChatSession(runtime)
        self.tools = ToolSession(runtime, self)  # MCP tools: the conversation's choice, toolboxes, approvals
        self._preparing: dict[int | None, asyncio.Task[Reply | None]] = {}  # turns starting their MCP servers
        runtime.cost_lookups.on_reported(self.cost_reported.emit)  # heard on the loop's thread, the GUI thread
        runtime.cost_lookups.on_reconciled(lambda provider, _outcome: self.reconciled.emit(provider))

    # -- the session's state, as the panel reads it --------------------------------------------------
    @property
    def conversation_id(self) -> int | None:
        return self.session.conversation_id

    @property
    def params(self) -> ChatParams:
        return self.session.params

    @property
    def fallbacks(self) -> tuple[str, ...]:
        return self.session.fallbacks

    @fallbacks.setter
    def fallbacks(self, value: tuple[str, ...]) -> None:
        self.session.fallbacks = value

    @property
    def busy(self) -> bool:
        return self.session.busy

    @property
    def answering(self) -> bool:
        return self.session.answering

    @property
    def shown_turn(self) -> Turn | None:
        return self.session.shown_turn

    @property
    def stopping(self) -> bool:
        turn = self.session.shown_turn
        return turn is not None and turn.stop_requested

    @property
    def can_override(self) -> bool:
        return self.session.can_override

    def turn_for(self, conversation_id: int | None) -> Turn | None:
        return self.session.turn_for(conversation_id)

    def streaming_conversations(self) -> set[int]:
        return self.session.streaming_conversations()

    def stop(self) -> bool:
        preparing = self._preparing.get(self.session.conversation_id)
        if preparing is not None and not preparing.done():  # still starting its MCP servers: nothing sent yet
            preparing.cancel()
            return True
        return self.session.stop()

    def stop_all(self) -> int:
        return self.session.stop_all()

    def new_conversation(self) -> bool:
        return self.session.new_conversation()

    def show_conversation(self, conversation_id: int) -> ConversationSetup | None:
        return self.session.show(conversation_id)

    def set_params(self, params: ChatParams) -> None:
        self.session.set_params(params)

    async def estimate(self, provider: str, model: str, prompt: str, edited_id: int | None = None, *,
                       documents: tuple[DocumentPart, ...] = ()) -> Estimate:  # fmt: skip
        return await self.session.estimate(provider, model, prompt, edited_id, documents=documents,
                                           tools=self.tools.specs())  # fmt: skip

    # -- asking ----------------------------------------------------------------------------------------
    async def send(self, provider: str, model: str, base_url: str, prompt: str, images: tuple[ImagePart, ...] = (),
                   *, documents: tuple[DocumentPart, ...] = ()) -> Reply | None:  # fmt: skip
        """Send a prompt (and images and documents) and stream the answer. Returns the reply, or None when nothing
        was sent."""
        return await self._ask(provider, model, base_url, prompt, images=images, documents=documents)

    async def resend_edited(self, provider: str, model: str, base_url: str, prompt: str, edited_id: int,
                            images: tuple[ImagePart, ...] = (), *,
                            documents: tuple[DocumentPart, ...] = ()) -> Reply | None:  # fmt: skip
        """Send an edited prompt as a new branch beside `edited_id` (the old prompt and answer stay)."""
        edited = self.runtime.library.message(edited_id)
        if edited is None:
            return await self.send(provider, model, base_url, prompt, images, documents=documents)
        return await self._ask(provider, model, base_url, prompt, images=images, parent=edited.parent_id,
                               documents=documents)  # fmt: skip

    async def regenerate(self, provider: str, model: str, base_url: str, reply_id: int) -> Reply | None:
        """A new answer to the same prompt, kept beside the old one."""
        return await self._ask(provider, model, base_url, "", regenerate=reply_id)

    async def send_anyway(self) -> Reply | None:
        """Send the prompt a budget just refused, overriding the budget for this one request."""
        ask = self.session.refused_ask()
        return await self._start(ask) if ask is not None else None

    async def _ask(self, provider: str, model: str, base_url: str, prompt: str, *, images: tuple[ImagePart, ...] = (),
                   parent: int | Literal["current"] | None = "current", regenerate: int | None = None,
                   documents: tuple[DocumentPart, ...] = ()) -> Reply | None:  # fmt: skip
        s = self.session
        if s.answering or (s.busy and not s.saving):
            self.status_changed.emit(translate("ChatController", "Still answering: stop it first (Esc).") if s.answering
                                     else translate("ChatController", "Still answering in another conversation: stop "
                                                    "it first (Esc)."))  # fmt: skip
            return None
        branches = regenerate is not None or parent != "current"
        refusal = s.check(provider, model, prompt or "(regenerate)", images=bool(images or documents),
                          branches=branches)  # fmt: skip
        if refusal is not None:
            self.failed.emit(say(refusal.message), say(refusal.advice))
            return None
        ask = s.ask(provider, model, base_url, prompt, images=images, parent=parent, regenerate=regenerate)
        return await self._start(with_extras(ask, documents))

    async def _start(self, ask: Ask) -> Reply | None:
        choice = self.tools.choice  # the conversation shown's tools, as chosen when the prompt was sent
        turn = self.session.start(ask, _Relay(self))
        self._status(turn, translate("ChatController", "Looking up the key…"))
        task = asyncio.ensure_future(self._run(turn, choice))
        self.busy_changed.emit(True)
        stopped = False
        try:
            reply = await task
        except asyncio.CancelledError:
            if not task.cancelled():
                raise
            reply, stopped = None, True  # Stop while its MCP servers were starting
        finally:
            self._preparing.pop(ask.conversation_id, None)
            self.session.ended(turn)
            self.busy_changed.emit(self.busy)
        if reply is None and (stopped or turn.stop_requested) and not turn.sent:
            self._status(turn, translate("ChatController", "Stopped before sending."))
        return reply

    async def _run(self, turn: Turn, choice: list[str] | None) -> Reply | None:
        """The turn, with the tools its conversation offers (their servers started first, as needed)."""
        if turn.ask.tools is None and self.tools.available and choice != []:
            task = asyncio.current_task()
            if task is not None:
                self._preparing[turn.ask.conversation_id] = task
            self._status(turn, translate("ChatController", "Starting the MCP servers…"))
            toolbox = await self.tools.toolbox(choice)
            self._preparing.pop(turn.ask.conversation_id, None)
            if toolbox is not None:
                turn.ask = replace(turn.ask, tools=toolbox)
        return await turn.run()

    # -- what the panel hears ----------------------------------------------------------------------------
    def _shown(self, turn: Turn) -> bool:
        return self.session.shown(turn)

    def _status(self, turn: Turn, text: str) -> None:
        if self._shown(turn):
            self.status_changed.emit(text)


def with_extras(ask: Ask, documents: tuple[DocumentPart, ...]) -> Ask:
    """The ask with its documents; the conversation's web search only where the model can search (the window's
    switch is off for other models, and shows why)."""
    from dataclasses import replace

    from app.core.capabilities import supports_web_search

    if ask.params.web_search and not supports_web_search(ask.provider, ask.model):
        ask = replace(ask, params=replace(ask.params, web_search=False))
    return replace(ask, documents=documents) if documents else ask


def _ending(reply: Reply) -> str:
    """How an answer ended, for the status bar."""
    if reply.status == "interrupted":
        if reply.finish_reason == "cancelled":
            return translate("ChatController", "Stopped.")
        return translate("ChatController", "The answer was cut off.")
    if reply.status == "complete":
        return translate("ChatController", "Done.")
    if reply.status == "error":
        return translate("ChatController", "The request failed.")
    return ""


class _Relay(TurnObserver):
    """One turn's events as the controller's signals (most only while its conversation is shown)."""

    def __init__(self, controller: ChatController) -> None:
        self._c = controller
        self._receiving = False

    def on_refused(self, turn: Turn, refusal: Refusal) -> None:
        c = self._c
        if c._shown(turn):
            c.failed.emit(say(refusal.message), say(refusal.advice))
        else:
            c.status_changed.emit(translate("ChatController", "A request in another conversation was not sent: "
                                            "{problem}").format(problem=say(refusal.message)))

    def on_stored(self, turn: Turn) -> None:
        if turn.conversation_id is not None:
            if turn.ask.conversation_id is None and self._c._shown(turn):
                self._c.tools.stored(turn.conversation_id)  # a new chat's tool choice is kept with it
            self._c.saved.emit(turn.conversation_id)

    def on_tool_stream(self, turn: Turn, call_id: str, name: str, text: str) -> None:
        if self._c._shown(turn):
            self._c.tool_stream.emit(len(turn.steps), call_id, name, text)

    def on_tool_call(self, turn: Turn, record: ToolCallRecord) -> None:
        c = self._c
        if c._shown(turn):
            c.tool_call.emit(record)
            if record.state == "running":
                c.status_changed.emit(translate("ChatController", "Running {tool} on {server}…").format(
                    tool=record.tool, server=record.server))

    def on_sending(self, turn: Turn) -> None:
        for warning in turn.warnings:
            self._c._status(turn, say(warning))
        if self._c._shown(turn):
            self._c.turn_started.emit(turn.provider, turn.model, turn.ask.prompt)

    def on_attempt(self, turn: Turn, attempt: Attempt) -> None:
        name = self._c.runtime.provider_name(attempt.provider)
        if attempt.retries:
            said = translate("ChatController", "Asking {service} for {model} (retry {retry})…").format(
                service=name, model=attempt.model, retry=attempt.retries)
        else:
            said = translate("ChatController", "Asking {service} for {model}…").format(service=name,
                                                                                        model=attempt.model)
        self._c._status(turn, said)

    def on_wait(self, turn: Turn, seconds: float) -> None:
        self._c._status(turn, translate("ChatController", "The provider is busy or unreachable; retrying in "
                                        "{seconds} s…").format(seconds=number(seconds)))

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        c = self._c
        shown = c._shown(turn)
        if not self._receiving:
            self._receiving = True
            if shown:
                c.status_changed.emit(translate("ChatController", "Receiving…"))
        if shown:
            c.delta.emit(text, reasoning)

    def on_finish(self, turn: Turn) -> None:
        c, reply = self._c, turn.reply
        word = _ending(reply)
        shown = c._shown(turn)
        if shown:
            c.status_changed.emit(word)
        elif reply.status != "complete":
            c.status_changed.emit(translate("ChatController", "An answer in another conversation ended: {how}").format(
                how=word))
        if turn.save_problem:
            c._status(turn, translate("ChatController", "The answer is complete but not saved: {problem}.").format(
                problem=say(turn.save_problem)))
        c.finished.emit(reply)
        if shown:
            c.shown_finished.emit(reply)
        if turn.conversation_id is not None:
            c.saved.emit(turn.conversation_id)
