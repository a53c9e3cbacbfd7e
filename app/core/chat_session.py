"""The window's chat: the conversation shown, its parameters, and the turns streaming (one per conversation)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING, Literal

from app.words import translate

from .asks import Ask, Refusal, TurnObserver
from .chat_params import ChatParams
from .text import is_blank

if TYPE_CHECKING:
    from collections.abc import Sequence

    from app.providers import ChatRequest, DocumentPart, ImagePart, Message, ToolSpec

    from .chat import Reply
    from .chat_params import ConversationSetup
    from .history import Estimate
    from .resilience import Attempt
    from .runtime import Runtime
    from .services import Services
    from .tool_loop import ToolCallRecord
    from .turn import Turn

HistoryKey = tuple[int, int | Literal["current"]]  # a conversation, and the prompt a new one hangs from


class ChatSession:
    """Several conversations may answer at once, each into its own conversation, whatever is shown by the
    time the answer arrives. Without a database there is one unsaved conversation, kept in memory."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.turns: list[Turn] = []  # running now, oldest first
        self.conversation_id: int | None = None  # the conversation shown (None: a new one)
        self.params = ChatParams()  # the shown conversation's (a new one's until its first prompt is stored)
        self.fallbacks: tuple[str, ...] = ()  # "provider:model" entries tried in order when the first fails
        self._history: list[Message] = []  # the unsaved conversation, when there is no database
        self._history_cache: tuple[HistoryKey, tuple[Message, ...]] | None = None  # what `estimate` counts
        self._refused: Ask | None = None  # the last ask a budget refused (to send anyway, once)

    @property
    def saving(self) -> bool:
        return self.runtime.store is not None

    # -- what is running ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Some answer is streaming, in any conversation."""
        return bool(self.turns)

    def turn_for(self, conversation_id: int | None) -> Turn | None:
        return next((t for t in self.turns if t.conversation_id == conversation_id), None)

    @property
    def shown_turn(self) -> Turn | None:
        """The answer streaming into the conversation shown, if any."""
        return self.turn_for(self.conversation_id)

    @property
    def answering(self) -> bool:
        """The conversation shown is answering (another prompt there must wait)."""
        return self.shown_turn is not None

    def shown(self, turn: Turn) -> bool:
        return turn.conversation_id == self.conversation_id

    def streaming_conversations(self) -> set[int]:
        return {t.conversation_id for t in self.turns if t.conversation_id is not None}

    def stop(self) -> bool:
        """Stop the shown conversation's answer; its partial text is kept and marked stopped."""
        turn = self.shown_turn
        return turn is not None and turn.stop()

    def stop_all(self) -> int:
        """Stop every running answer (the window is closing); how many were stopped."""
        return sum(t.stop() for t in list(self.turns))

    # -- what is shown -------------------------------------------------------------------------------
    def new_conversation(self) -> bool:
        """Show a fresh conversation; running answers keep streaming into their own. Without a database
        the one conversation cannot be left while it answers."""
        if self.busy and not self.saving:
            return False
        self._history.clear()
        self.conversation_id = None
        self._refused = self._history_cache = None
        self.params = ChatParams()
        return True

    def show(self, conversation_id: int) -> ConversationSetup | None:
        """Show a stored conversation; its parameters become the ones new prompts use. Returns its setup
        (parameters, and the provider and model it last asked) when it could be read."""
        self._history.clear()
        self.conversation_id = conversation_id
        self._refused = self._history_cache = None
        setup = self.runtime.library.setup(conversation_id)
        self.params = setup.params if setup is not None else ChatParams()
        return setup

    def set_params(self, params: ChatParams) -> None:
        """The shown conversation's parameters from now on (stored with it; a new one's when it is created)."""
        self.params = params
        self._history_cache = None
        if self.conversation_id is not None:
            self.runtime.library.save_params(self.conversation_id, params)

    # -- asking ------------------------------------------------------------------------------------------
    def check(self, provider: str, model: str, prompt: str, *, images: bool = False,
              branches: bool = False) -> Refusal | None:  # fmt: skip
        """What makes an ask unusable before anything else is looked at."""
        if not provider:
            return Refusal(problem=translate("ChatSession", "choose a provider first"), hint="")
        if not model.strip():
            return Refusal(problem=translate("ChatSession", "type a model name first"), hint=translate(
                "ChatSession", "For example gpt-4o-mini for OpenAI, or the name your local server lists."))
        if is_blank(prompt) and not images:
            return Refusal(problem=translate("ChatSession", "type a prompt first"), hint="")
        if branches and not self.saving:
            return Refusal(problem=translate(
                "ChatSession", "answers cannot be branched while conversations are not being saved"), hint="")
        return self._range_refusal(provider, model.strip())

    def _range_refusal(self, provider: str, model: str) -> Refusal | None:
        """The parameters the command line would refuse for this model (or a fallback's), refused here too."""
        from .endpoints import parse_target
        from .param_ranges import chain_problem

        targets = [(provider, model)]
        for entry in self.fallbacks:
            try:
                target = parse_target(entry)
            except ValueError:
                continue  # reported when the chain reaches it
            targets.append((target.provider, target.model))
        found = chain_problem(targets, temperature=self.params.temperature, max_tokens=self.params.max_tokens)
        if not found:
            return None
        return Refusal(problem=found,
                       hint=translate("ChatSession", "Change it in the conversation's Parameters (Ctrl+Shift+P)."))

    def ask(self, provider: str, model: str, base_url: str, prompt: str = "", *, images: tuple[ImagePart, ...] = (),
            parent: int | Literal["current"] | None = "current", regenerate: int | None = None,
            override_budget: bool = False) -> Ask:  # fmt: skip
        """An ask in the conversation shown, with its parameters (as this model takes them) and fallbacks."""
        model = model.strip()
        return Ask(provider, model, prompt, images, base_url.strip() or None,
                   self.params.for_model(provider, model), self.fallbacks, self.conversation_id, parent, regenerate,
                   override_budget, history=() if self.saving else tuple(self._history))  # fmt: skip

    def start(self, ask: Ask, observer: TurnObserver) -> Turn:
        """A turn for `ask`, counted as running until it ends (run it with `await turn.run()`)."""
        from .turn import Turn  # the adapters load with it: not before the window's first paint

        self._refused = None
        turn = Turn(self.runtime, ask, _Bookkeeper(self, observer))
        self.turns.append(turn)
        return turn

    def ended(self, turn: Turn) -> None:
        """The turn's task is over (answered, refused, stopped or failed)."""
        if turn in self.turns:
            self.turns.remove(turn)

    @property
    def can_override(self) -> bool:
        """A budget refused the last prompt: `refused_ask` may be sent once regardless."""
        return self._refused is not None

    def refused_ask(self) -> Ask | None:
        """The prompt a budget just refused, marked to override the budget for this one request."""
        refused, self._refused = self._refused, None
        return replace(refused, override_budget=True) if refused is not None else None

    # -- the next request's cost ------------------------------------------------------------------------
    async def estimate(self, provider: str, model: str, prompt: str, edited_id: int | None = None,
                       tools: Sequence[ToolSpec] = (), *,
                       documents: Sequence[DocumentPart] = ()) -> Estimate:  # fmt: skip
        """The worst-case cost of sending `prompt` now: with the history that would go with it (after the
        edited prompt's parent when editing), the `documents` attached and the `tools` offered
        (`Estimate.tool_tokens`: their schemas), priced off the loop's thread (the catalog loads on first use)."""
        from app.providers import ChatRequest, Message

        parent: int | Literal["current"] | None = "current"
        if edited_id is not None:
            edited = self.runtime.library.message(edited_id)
            parent = edited.parent_id if edited is not None else "current"
        model = model.strip()
        prompted = Message("user", prompt, documents=tuple(documents))
        request = ChatRequest(model=model, messages=(*self._pending_history(parent), prompted), tools=tuple(tools))
        request = self.params.for_model(provider, model).apply(request)
        return await asyncio.to_thread(_worst_case, self.runtime.services(), provider, request, tuple(documents))

    def _pending_history(self, parent: int | Literal["current"] | None) -> tuple[Message, ...]:
        """What a new prompt in the conversation shown would be sent after (as the turn reads it)."""
        store = self.runtime.store
        if store is None:
            return tuple(self._history)
        conv = self.conversation_id
        if conv is None or parent is None:
            return ()
        key = (conv, parent)
        if self._history_cache is None or self._history_cache[0] != key:
            from .history import Conversations

            leaf = parent if isinstance(parent, int) else None
            self._history_cache = key, Conversations(store).history(conv, leaf)
        return self._history_cache[1]


def _worst_case(services: Services, provider: str, request: ChatRequest,
                documents: tuple[DocumentPart, ...]) -> Estimate:  # fmt: skip
    """`worst_case`, with the attached PDFs counted per page where the provider reads them itself (as the
    window's document chips show them; the request's own count is their text)."""
    from .documents import document_tokens, pdf_limits
    from .history import prompt_tokens, worst_case

    if not any(d.is_pdf for d in documents):
        return worst_case(services, provider, request)
    try:
        spec = services.with_api(services.spec(provider), request.model, web_search=request.web_search)
    except ValueError:
        return worst_case(services, provider, request)
    if pdf_limits(spec) is None:
        return worst_case(services, provider, request)
    pages = sum(document_tokens(d, native=True) - document_tokens(d, native=False) for d in documents)
    return worst_case(services, provider, request, prompt_tokens(request) + pages)


class _Bookkeeper(TurnObserver):
    """Keeps the session's state in step with a turn, then passes every event on."""

    def __init__(self, session: ChatSession, inner: TurnObserver) -> None:
        self._session, self._inner = session, inner

    def on_refused(self, turn: Turn, refusal: Refusal) -> None:
        if refusal.overridable and not turn.ask.override_budget and self._session.shown(turn):
            self._session._refused = turn.ask
        self._inner.on_refused(turn, refusal)

    def on_stored(self, turn: Turn) -> None:
        s = self._session
        if s.conversation_id is None and turn.ask.conversation_id is None:
            s.conversation_id = turn.conversation_id  # a new chat gets its id (unless the user moved on)
        s._history_cache = None
        self._inner.on_stored(turn)

    def on_sending(self, turn: Turn) -> None:
        self._inner.on_sending(turn)

    def on_attempt(self, turn: Turn, attempt: Attempt) -> None:
        self._inner.on_attempt(turn, attempt)

    def on_wait(self, turn: Turn, seconds: float) -> None:
        self._inner.on_wait(turn, seconds)

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        self._inner.on_delta(turn, text, reasoning)

    def on_step(self, turn: Turn, step: Reply) -> None:
        self._inner.on_step(turn, step)

    def on_tool_stream(self, turn: Turn, call_id: str, name: str, text: str) -> None:
        self._inner.on_tool_stream(turn, call_id, name, text)

    def on_tool_call(self, turn: Turn, record: ToolCallRecord) -> None:
        self._inner.on_tool_call(turn, record)

    def on_finish(self, turn: Turn) -> None:
        s = self._session
        s._history_cache = None
        if not s.saving and turn.ask.conversation_id == s.conversation_id:
            from app.providers import Message

            from .sent_history import answered

            # A stopped or failed answer is kept as shown (with its tool calls and results); one with nothing
            # in it goes with its prompt.
            ask = turn.ask
            s._history = list(answered([*s._history, Message("user", ask.prompt, ask.images),
                                        *turn.answer_messages()]))  # fmt: skip
        self._inner.on_finish(turn)
