"""One chat turn, start to end: keys, fallback chain, checks, storing the prompt, streaming, pricing, saving,
and with tools the loop of model calls (steps) and the approved tool calls between them (tool_loop.py).

The window's chat controller and `python -m app ask` both build an `Ask`, start a `Turn` and show what its
observer hears; neither repeats a step of it. A turn never raises for a provider's or the user's mistake:
it ends refused (nothing sent, `refusal` says why) or with a reply (complete, stopped or failed)."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from app.providers import STOPPED_BY_USER, ChatRequest, Message, ProviderError, make_error
from app.store import StoreError
from app.words import reason, translate

from .asks import Ask, Refusal, TurnObserver
from .chat import ChatObserver, ChatRun, Reply
from .chat_params import save_setup
from .endpoints import TargetSpec
from .history import Conversations, StoredTurn, preflight
from .input_checks import check_inputs
from .resilience import Resilience
from .sent_history import answered
from .summaries import SummaryMemory
from .tool_loop import CallRunner, ToolCallRecord, ToolRef, offered, step_limit_note
from .turn_steps import StepRecorder, assistant_message, step_text, summarize

if TYPE_CHECKING:
    from app.providers import ToolSpec

    from .mcp.results import ToolResult
    from .resilience import Attempt, Target
    from .runtime import Runtime
    from .tool_loop import Toolbox

__all__ = ["STOP_RETRY_S", "Ask", "Refusal", "Turn", "TurnObserver"]

STOP_RETRY_S = 0.2  # see `Turn.stop`


class Turn:
    """One ask, run once. `run()` is awaited in a task of its own; `stop()` may be called from anywhere."""

    def __init__(self, runtime: Runtime, ask: Ask, observer: TurnObserver | None = None) -> None:
        self.runtime = runtime
        self.ask = ask
        self.observer = observer or TurnObserver()
        self.reply = Reply(provider=ask.provider, requested_model=ask.model)
        self.refusal: Refusal | None = None
        self.conversation_id = ask.conversation_id
        self.prompt_id: int | None = None  # the stored prompt (None when regenerating or nothing is saved)
        self.message_id: int | None = None  # the stored answer being written
        self.warnings: list[str] = []  # budget warnings for the request
        self.save_problem: str | None = None  # why the answer could not be saved (it still streamed in full)
        self.sent = False  # the request went out (a stop before then sends nothing)
        self.stop_requested = False
        self.running = False
        self._task: asyncio.Task[object] | None = None
        self.steps: list[Reply] = []  # one per model call; `reply` sums them
        self.tool_calls: list[ToolCallRecord] = []  # every call the model asked for, in order, whatever became of it
        self.max_steps = ask.max_steps or runtime.settings().mcp.max_steps
        self._halted: ProviderError | None = None  # why a later model call of the turn was not sent

    @property
    def provider(self) -> str:
        return self.ask.provider

    @property
    def model(self) -> str:
        return self.ask.model

    # -- running -------------------------------------------------------------------------------------
    async def run(self) -> Reply | None:
        """The whole turn. Returns the reply, or None when nothing was sent (refused, or stopped first).
        A cancellation that is not a `stop()` (the app closing) still saves the partial answer, then raises."""
        self._task = asyncio.current_task()
        self.running = True
        try:
            return await self._run()
        except asyncio.CancelledError:
            if not self.stop_requested:
                raise
            return self.reply if self.sent else None
        finally:
            self.running = False

    async def _run(self) -> Reply | None:
        ask, services = self.ask, self.runtime.services()
        try:
            # The keychain may block for a while (an unlock prompt): never on the loop.
            first = TargetSpec(ask.provider, ask.model, ask.base_url, ask.api, web_search=ask.params.web_search)
            chain = await asyncio.to_thread(services.chain, first, list(ask.fallbacks))
            await self.runtime.catalog()  # budgets and the finished answer are priced on this thread
        except ValueError as exc:
            self._refuse(Refusal(problem=reason(exc)))
            return None
        except ProviderError as err:
            self._refuse(Refusal(err))
            return None
        try:
            request = self._with_tools(self._request())
        except (StoreError, ValueError) as exc:
            self._refuse(Refusal(problem=translate("Turn", "the conversation could not be read: {problem}").format(
                problem=reason(exc))))
            return None
        problem = self._preflight(request)
        if problem is not None:
            self._refuse(Refusal(problem))
            return None
        unusable = check_inputs(chain[0].endpoint.spec, request) if chain else None  # web search, documents
        if unusable is not None:
            self._refuse(Refusal(problem=unusable))
            return None
        recorder: StepRecorder | None = None
        if self.runtime.store is not None and ask.save:
            try:
                recorder = self._store(services.price_reply, _Relay(self))
            except (StoreError, sqlite3.Error, ValueError) as exc:
                self._refuse(Refusal(problem=translate("Turn", "the prompt could not be saved: {problem}").format(
                    problem=reason(exc))))
                return None
        self.sent = True
        self.observer.on_sending(self)
        started = time.monotonic()
        try:
            resilience = Resilience(services.client, sleep=self._wait, summaries=SummaryMemory())
            await self._steps(resilience, chain, request, recorder)
        except asyncio.CancelledError:
            self._finish(recorder, started, cancelled=True)
            raise
        self._finish(recorder, started)
        return self.reply

    def _with_tools(self, request: ChatRequest) -> ChatRequest:
        """The request offering the ask's tools (what preflight counts, too)."""
        specs: Sequence[ToolSpec] = self.ask.tools.specs() if self.ask.tools is not None else ()
        tools, choice = offered(specs, request.messages)
        return replace(request, tools=tools, tool_choice=choice) if tools else request

    async def _steps(self, resilience: Resilience, chain: Sequence[Target], request: ChatRequest,
                     recorder: StepRecorder | None) -> None:  # fmt: skip
        """Model call after model call: each answer's tool calls run (once approved) and their results go back,
        until an answer asks for none, fails, is stopped, or the step limit is reached."""
        toolbox: Toolbox = self.ask.tools if self.ask.tools is not None else _NoTools()
        if self.ask.tools is None:  # calls to tools of earlier turns are answered once, not paid for ten times
            self.max_steps = min(self.max_steps, 2)
        for step in range(1, self.max_steps + 1):
            if step > 1 and (problem := self._preflight(request)) is not None:  # spent more, or grew too long
                self._halted = problem
                break
            run = ChatRun(resilience, chain, request, observer=recorder or _Relay(self), tool_stream=self._tool_stream)
            self.steps.append(run.reply)
            if recorder is not None:
                recorder.step = step
            runner: CallRunner | None = None
            try:
                await run.execute()
                reply = run.reply
                if not reply.tool_calls:
                    break
                runner = CallRunner(toolbox, step, reply.tool_calls, self._tool_event, self.conversation_id)
                self.tool_calls += runner.records
                if reply.error is not None or reply.finish_reason == "cancelled":
                    runner.skip_all("The call was not run: the answer ended before it was complete.")
                    break
                if step == self.max_steps:
                    runner.skip_all(step_limit_note(self.max_steps))
                    break
                await runner.run()
            except asyncio.CancelledError:
                if run.reply.tool_calls and runner is None:  # stopped while the answer was asking for tools
                    runner = CallRunner(toolbox, step, run.reply.tool_calls, self._tool_event, self.conversation_id)
                    self.tool_calls += runner.records
                if runner is not None:
                    runner.stop_all()
                raise
            finally:
                self._end_step(run.reply, runner, recorder)
            results = tuple(r.message() for r in runner.records)
            request = replace(request, messages=(*request.messages, assistant_message(run.reply), *results))

    def _end_step(self, reply: Reply, runner: CallRunner | None, recorder: StepRecorder | None) -> None:
        """A model call is over (and its calls, if any, have results): price it, store it, tell the observer."""
        if recorder is None:
            self.runtime.services().price_reply(reply)
        elif runner is not None or recorder.stepped:  # a turn that used tools keeps every step
            recorder.save_step(reply, runner.records if runner is not None else ())
        summarize(self.reply, self.steps)
        self.observer.on_step(self, reply)

    def answer_messages(self) -> list[Message]:
        """The answer as history messages: each step that called tools with its results, then the last text
        (what an unsaved conversation keeps; a saved one reads the same back from the store)."""
        out: list[Message] = []
        for n, step in enumerate(self.steps, start=1):
            records = [r for r in self.tool_calls if r.step == n]
            if step.text or records:
                out.append(assistant_message(step) if records else Message("assistant", step.text))
            out += [r.message() for r in records]
        return out

    def _tool_event(self, record: ToolCallRecord) -> None:
        self.observer.on_tool_call(self, record)

    def _tool_stream(self, call_id: str, name: str, text: str) -> None:
        self.observer.on_tool_stream(self, call_id, name, text)

    def as_json(self) -> dict[str, Any]:
        """The `--json` object: the reply's fields, and with tools `tool_calls` and `steps` (model calls)."""
        out = self.reply.as_json()
        if self.ask.tools is not None or self.tool_calls:
            out["tool_calls"] = [r.as_json() for r in self.tool_calls]
            out["steps"] = len(self.steps)
        return out

    def _request(self) -> ChatRequest:
        """The request with the history it goes after (from the store, or `Ask.history` when nothing is saved)."""
        ask, store = self.ask, self.runtime.store
        prompt = Message("user", ask.prompt, ask.images, documents=ask.documents)
        history: tuple[Message, ...] = ask.history
        system: str | None = None
        if store is not None:
            conversations = Conversations(store)
            if ask.regenerate is not None:
                old = store.message(ask.regenerate)
                history = conversations.history(old.conversation_id, old.parent_id)
                system = store.conversation(old.conversation_id).system_prompt
            elif ask.conversation_id is not None:
                leaf = ask.parent if isinstance(ask.parent, int) else None
                history = conversations.history(ask.conversation_id, leaf) if ask.parent is not None else ()
                system = store.conversation(ask.conversation_id).system_prompt
        messages = answered(history if ask.regenerate is not None else (*history, prompt))
        request = ask.params.apply(ChatRequest(model=ask.model, messages=messages, stream=ask.stream))
        return request if request.system or not system else replace(request, system=system)

    def _preflight(self, request: ChatRequest) -> ProviderError | None:
        """Images, context window and budgets, before anything is stored or sent (budgets need the ledger:
        without a database only what the request itself shows is checked)."""
        spending = self.runtime.spending
        spend = spending.now() if spending.available else None
        problem, check = preflight(self.runtime.services(), spend, self.ask.provider, request,
                                   override_budget=self.ask.override_budget)  # fmt: skip
        self.warnings = list(check.warnings) if check and problem is None else []
        return problem

    def _store(self, price: Callable[[Reply], None], inner: ChatObserver) -> StepRecorder:
        """Store the prompt and an empty answer; the recorder checkpoints, prices, logs and saves the answer."""
        ask, store = self.ask, self.runtime.store
        assert store is not None
        conversations = Conversations(store)
        if ask.regenerate is not None:
            ids = conversations.record_regeneration(ask.regenerate, provider=ask.provider, model=ask.model)
        else:
            prompt = Message("user", ask.prompt, ask.images, documents=ask.documents)
            ids = conversations.record_prompt(prompt, provider=ask.provider, model=ask.model, system=ask.params.system,
                                              conversation_id=ask.conversation_id, parent_id=ask.parent)  # fmt: skip
        # The conversation remembers its parameters and the model it last asked (a new one gets them here).
        save_setup(store, ids.conversation_id, ask.params, ask.provider, ask.model)
        self._stored(ids)
        recorder = StepRecorder(store, ids, price, self.reply, source=ask.source, inner=inner)
        recorder.logged = self.runtime.cost_lookups.answered  # the window looks exact costs up; the CLI queues
        return recorder

    def _stored(self, ids: StoredTurn) -> None:
        self.conversation_id = ids.conversation_id
        self.prompt_id = ids.user_message_id
        self.message_id = ids.reply_message_id
        self.observer.on_stored(self)

    def _finish(self, recorder: StepRecorder | None, started: float, cancelled: bool = False) -> None:
        summarize(self.reply, self.steps)
        if cancelled and self.reply.finish_reason != "cancelled":  # stopped between model calls (a tool ran)
            self.reply.finish_reason, self.reply.finish_reason_raw = "cancelled", None
            self.reply.error = make_error("cancelled", STOPPED_BY_USER, provider=self.reply.provider)
        elif self._halted is not None:  # the next model call would cross a budget or the context window
            self.reply.finish_reason, self.reply.finish_reason_raw, self.reply.error = "error", None, self._halted
        self.reply.duration_ms = (time.monotonic() - started) * 1000.0  # the whole turn, tools included
        if recorder is not None:
            recorder.close(self.reply)
            self.save_problem = recorder.problem
        self.observer.on_finish(self)

    def _refuse(self, refusal: Refusal) -> None:
        self.refusal = refusal
        if refusal.error is not None:
            self.reply.error, self.reply.finish_reason = refusal.error, "error"
        self.observer.on_refused(self, refusal)

    async def _wait(self, seconds: float) -> None:
        self.observer.on_wait(self, seconds)
        await asyncio.sleep(seconds)

    # -- stopping ------------------------------------------------------------------------------------
    def stop(self) -> bool:
        """Stop the turn; an answer's partial text is kept and marked stopped. False if it was not running.

        Python 3.11's asyncio.wait_for (used for the between-chunks timeout) drops a cancel that lands while
        its read completes, so a stop does not rest on one cancel: it insists until the turn ends, and the
        relay ends the run at the next streamed piece."""
        task = self._task
        if task is None or task.done() or not self.running:
            return False
        self.stop_requested = True
        task.cancel()
        task.get_loop().call_later(STOP_RETRY_S, self._insist, task)
        return True

    def _insist(self, task: asyncio.Task[object]) -> None:
        if self.running and not task.done():
            task.cancel()
            task.get_loop().call_later(STOP_RETRY_S, self._insist, task)


class _Relay:
    """The run's `ChatObserver`: core's callbacks go to the turn's observer."""

    def __init__(self, turn: Turn) -> None:
        self._turn = turn

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        self._turn.observer.on_attempt(self._turn, attempt)

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        text, reasoning = step_text(self._turn.reply, reply, text, reasoning)  # the turn's text grows too
        self._turn.observer.on_delta(self._turn, text, reasoning)
        if self._turn.stop_requested:  # the cancel was swallowed below us (see Turn.stop)
            raise asyncio.CancelledError

    def on_finish(self, reply: Reply) -> None:
        pass  # the turn reports the end once, after pricing and saving


class _NoTools:
    """No tools offered: a call the model makes anyway (to a tool of earlier turns) is told so, never run."""

    def specs(self) -> tuple[ToolSpec, ...]:
        return ()

    def find(self, function_name: str) -> ToolRef | None:
        return None

    async def approve(self, ref: ToolRef, arguments: dict[str, Any], conversation_id: int | None) -> bool:
        return False

    async def call(self, ref: ToolRef, arguments: dict[str, Any]) -> ToolResult:
        raise AssertionError("no tool is ever run without a toolbox")
