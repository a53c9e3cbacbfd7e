"""A comparison from start to end: one prompt to several targets, each pane checked, run, priced and saved.

The compare panel and `python -m app compare` both drive a `ComparisonSession`; neither repeats a step.
Each pane is checked as a chat turn is (key, budget counting the panes before it, context window, images)
and fails alone; votes, rankings and "continue as a conversation" are recorded here too."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from app.providers import STOPPED_BY_USER, ChatRequest, Message, make_error
from app.store import StoreError
from app.words import reason, translate

from .budgets import Spend
from .chat import ChatRun, Reply
from .compare import Comparison, with_params
from .endpoints import TargetSpec, parse_target
from .history import Conversations, log_attempts, preflight, title_for, worst_case
from .leaderboard import Standing, pane_label, standings
from .param_ranges import problem as param_problem
from .resilience import Resilience
from .sent_history import answered
from .text import is_blank
from .turn import STOP_RETRY_S, Refusal

if TYPE_CHECKING:
    from app.store import ComparisonRun, RequestSource, Store

    from .resilience import Attempt, Target
    from .runtime import Runtime
    from .services import Services

MIN_PANES, MAX_PANES = 2, 8
_SO_FAR_HINT = translate("Comparison", "Untick \u201cWith the conversation so far\u201d to send a fresh prompt.")


@dataclass(frozen=True, slots=True)
class PaneTarget:
    """What one pane asks: a provider id, the model field's text (`MODEL` or `MODEL@http://...`) and the
    pane's own parameters (None: the provider's default)."""

    provider: str
    model: str
    temperature: float | None = None
    max_tokens: int | None = None
    reasoning_effort: str | None = None
    json_mode: bool = False
    system: str | None = None  # a preset's system prompt (the conversation's own is used when this is None)
    fallbacks: tuple[str, ...] = ()  # "provider:model" entries tried in order when this target fails

    def params(self) -> dict[str, object]:
        """The parameters this pane sets, as `with_params` takes them and the store keeps them."""
        values: dict[str, object] = {"temperature": self.temperature, "max_tokens": self.max_tokens,
                                     "reasoning_effort": self.reasoning_effort, "json_mode": self.json_mode or None,
                                     "system": self.system or None, "fallbacks": list(self.fallbacks) or None}
        return {k: v for k, v in values.items() if v is not None}  # fmt: skip


def check_targets(targets: Sequence[PaneTarget], prompt: str) -> Refusal | None:
    """What makes a comparison unusable before anything is looked up."""
    if not MIN_PANES <= len(targets) <= MAX_PANES:
        return Refusal(problem=translate("Comparison", "a comparison needs {low} to {high} panes").format(
            low=MIN_PANES, high=MAX_PANES), hint="")
    for i, t in enumerate(targets):
        if not t.provider:
            return Refusal(problem=translate("Comparison", "choose a provider for pane {pane}").format(pane=i + 1),
                           hint="")
        if not t.model.strip():
            return Refusal(problem=translate("Comparison", "type a model name for pane {pane}").format(pane=i + 1),
                           hint=translate("Comparison", "For example gpt-4o-mini, or model@http://host/v1."))
    if is_blank(prompt):
        return Refusal(problem=translate("Comparison", "type a prompt first"), hint="")
    return None


def pane_requests(targets: Sequence[PaneTarget], messages: tuple[Message, ...] = ()) -> tuple[
        list[TargetSpec], list[ChatRequest]]:  # fmt: skip
    """Each pane's target and request template (its own parameters). Bad input: ValueError, in plain words."""
    specs = [parse_target(f"{t.provider}:{t.model.strip()}") for t in targets]
    for i, (spec, t) in enumerate(zip(specs, targets, strict=True)):  # every pane checked before any is sent
        if (found := param_problem(spec.provider, spec.model, temperature=t.temperature,
                                   max_tokens=t.max_tokens)) is not None:  # fmt: skip
            raise ValueError(f"pane {i + 1}: {found}")
    requests = [with_params(ChatRequest(model=s.model, messages=messages), t.params())
                for s, t in zip(specs, targets, strict=True)]  # fmt: skip
    return specs, requests


async def pane_chains(services: Services, specs: Sequence[TargetSpec],
                      targets: Sequence[PaneTarget]) -> list[list[Target]]:  # fmt: skip
    """Each pane's chain: its target, then its fallbacks. A missing key fails only its own pane (lenient);
    the keychain may block, so the look-ups run off the loop. Raises ValueError for a malformed fallback."""
    chains = []
    for spec, t in zip(specs, targets, strict=True):
        if t.fallbacks:
            chains.append(await asyncio.to_thread(services.chain, spec, list(t.fallbacks)))
        else:
            chains.append([await asyncio.to_thread(services.target, spec, lenient=True)])
    return chains


def shuffled(count: int) -> list[int]:
    """Blind runs place the targets in random panes, so the set-up order does not give them away."""
    order = list(range(count))
    random.shuffle(order)
    return order


class ComparisonObserver:
    """What the compare panel or the command line hears; override what you need."""

    def on_refused(self, refusal: Refusal) -> None:
        """Nothing was sent."""

    def on_busy(self, busy: bool) -> None:
        """Panes started running, or the last one ended."""

    def on_started(self, targets: list[PaneTarget]) -> None:
        """The panes go out (in pane order: a blind run is shuffled)."""

    def on_pane_attempt(self, position: int, attempt: Attempt) -> None: ...

    def on_pane_delta(self, position: int, text: str, reasoning: str) -> None: ...

    def on_pane_finished(self, position: int, reply: Reply) -> None:
        """A pane ended: complete, stopped or failed, priced and logged."""


class ComparisonSession:
    """One comparison at a time: `send`, `stop`, `retry`, `vote`, `rank` and `continue_with`."""

    def __init__(self, runtime: Runtime, observer: ComparisonObserver | None = None, *, save: bool = True,
                 source: RequestSource = "compare") -> None:  # fmt: skip
        self.runtime = runtime
        self.observer = observer or ComparisonObserver()
        self.save = save
        self.source: RequestSource = source
        self.order: Callable[[int], list[int]] = shuffled
        self.comparison: Comparison | None = None
        self.run: ComparisonRun | None = None  # the stored run (None when nothing is saved)
        self.targets: list[PaneTarget] = []
        self.prompt = ""
        self.blind = False
        self.has_voted = False
        self.ranking: list[int] = []  # the positions as the user ranked them, best first (empty: only a winner)
        self.conversation_id: int | None = None  # the run went out with this conversation's branch before it
        self.continued_into: int | None = None  # the conversation "continue" wrote the answers into
        self._leaf: int | None = None  # the branch's last message when the run went out (the prompt's parent)
        self._answers: list[int] = []  # the stored answers, in pane order, once continued
        self._requests: list[ChatRequest] = []
        self._chains: list[list[Target]] = []
        self._stopping: set[int] = set()
        self._reported: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def store(self) -> Store | None:
        return self.runtime.store if self.save else None

    @property
    def saving(self) -> bool:
        return self.store is not None

    # -- state -----------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return bool(self._tasks)

    @property
    def finished(self) -> bool:
        c = self.comparison
        return c is not None and len(self._reported) == len(c.panes)

    def replies(self) -> list[Reply]:
        return [p.reply for p in self.comparison.panes] if self.comparison else []

    def pane_running(self, position: int) -> bool:
        return self.comparison is not None and position not in self._reported

    def reset(self) -> None:
        """Forget the last run (its panes changed): nothing left to stop, retry, vote on or continue."""
        if not self.busy:
            self.comparison, self.run, self.has_voted = None, None, False
            self._reported.clear()

    # -- sending ---------------------------------------------------------------------------------
    async def send(self, targets: Sequence[PaneTarget], prompt: str, *, blind: bool = False,
                   conversation_id: int | None = None) -> list[Reply] | None:  # fmt: skip
        """Ask every target at once; returns the replies once all panes ended, or None when nothing was sent.

        With `conversation_id`, every pane gets that conversation's current branch before the prompt, and
        "continue" adds the prompt and the chosen answer to it; without, the prompt goes out on its own."""
        if self.busy:
            busy = translate("Comparison", "a comparison is still running: stop it first")
            self.observer.on_refused(Refusal(problem=busy, hint=""))
            return None
        refusal = check_targets(targets, prompt)
        if refusal is not None:
            self.observer.on_refused(refusal)
            return None
        order = self.order(len(targets)) if blind else list(range(len(targets)))
        targets = [targets[i] for i in order]
        task = asyncio.ensure_future(self._compare(targets, prompt.strip(), blind, conversation_id))
        self._tasks.add(task)
        self.observer.on_busy(True)
        try:
            await task
        finally:
            self._tasks.discard(task)
            self.observer.on_busy(False)
        return self.replies() if self.comparison is not None and self.finished else None

    async def _compare(self, targets: list[PaneTarget], prompt: str, blind: bool, conversation_id: int | None) -> None:
        await self.runtime.catalog()  # the budget checks below price on this thread
        services = self.runtime.services()
        try:
            specs, requests = pane_requests(targets, (Message("user", prompt),))
        except ValueError as exc:
            hint = translate("Comparison", "Check each pane's provider, model and parameters.")
            self.observer.on_refused(Refusal(problem=reason(exc), hint=hint))
            return
        so_far = self._so_far(conversation_id)
        if so_far is None:
            return
        history, system, leaf = so_far
        requests = [replace(r, messages=answered((*history, *r.messages)), system=r.system or system)
                    for r in requests]
        try:
            chains = await pane_chains(services, specs, targets)
        except ValueError as exc:
            hint = translate("Comparison", "Check each pane's provider, model and fallbacks.")
            self.observer.on_refused(Refusal(problem=reason(exc), hint=hint))
            return
        chains = self._preflight(services, chains, requests)
        self.targets, self.prompt, self.blind, self.has_voted, self.ranking = targets, prompt, blind, False, []
        self.conversation_id, self.continued_into, self._leaf, self._answers = conversation_id, None, leaf, []
        self._chains, self._requests = chains, requests
        self._stopping.clear()
        self._reported.clear()
        self.run = self._store_run(prompt, specs, targets, conversation_id)
        comparison = Comparison(Resilience(services.client), chains, requests[0], requests=requests,
                                observer_for=lambda i: _PaneRelay(self, i))  # fmt: skip
        self.comparison = comparison
        self.observer.on_started(targets)
        try:
            await comparison.execute()
            await self._settle()
        except asyncio.CancelledError:
            comparison.stop_all()
            raise
        finally:
            self._sweep()

    def _store_run(self, prompt: str, specs: list[TargetSpec], targets: list[PaneTarget],
                   conversation_id: int | None) -> ComparisonRun | None:  # fmt: skip
        if self.store is None:
            return None
        labels = [pane_label(i) for i in range(len(targets))]
        return self.store.create_comparison(prompt, [(s.provider, s.model) for s in specs], labels=labels,
                                            params=[t.params() for t in targets],
                                            conversation_id=conversation_id)  # fmt: skip

    def _preflight(self, services: Services, chains: list[list[Target]],
                   requests: list[ChatRequest]) -> list[list[Target]]:  # fmt: skip
        """Images, context windows and budgets, checked per pane before anything is sent, as a chat turn does.
        A pane that would cross a budget (counting the panes before it at their worst case), overflow its
        model's context window or send images to a model that reads none fails alone; the others go."""
        spending = self.runtime.spending
        spend = spending.now() if spending.available else None
        checked = []
        for chain, request in zip(chains, requests, strict=True):
            first = chain[0]
            if first.unavailable is None:
                problem, _check = preflight(services, spend, first.provider, request)
                if problem is not None:
                    chain = [replace(first, unavailable=problem), *chain[1:]]
                elif spend is not None:
                    cost = worst_case(services, first.provider, request).cost_usd or 0.0
                    p, day, month = first.provider, spend.today_by_provider, spend.month_by_provider
                    spend = Spend(spend.today + cost, spend.month + cost, {**day, p: day.get(p, 0.0) + cost},
                                  {**month, p: month.get(p, 0.0) + cost})  # fmt: skip
            checked.append(chain)
        return checked

    def _so_far(self, conversation_id: int | None) -> tuple[tuple[Message, ...], str | None, int | None] | None:
        """The conversation's current branch (history, system prompt, last message id); None after a failure."""
        if conversation_id is None:
            return (), None, None
        store = self.runtime.store
        if store is None:
            self.observer.on_refused(Refusal(problem=translate(
                "Comparison", "the conversation so far cannot be read: the database is not open"), hint=_SO_FAR_HINT))
            return None
        try:
            conv = store.conversation(conversation_id)
            branch = store.thread(conversation_id)
            leaf = branch[-1].id if branch else None
            history = Conversations(store).history(conversation_id, leaf)
        except StoreError as exc:
            self.observer.on_refused(Refusal(problem=translate(
                "Comparison", "the conversation so far could not be read: {problem}").format(problem=str(exc)),
                hint=_SO_FAR_HINT))
            return None
        return history, conv.system_prompt, leaf

    async def _settle(self) -> None:
        """Wait until no pane runs (a pane retried meanwhile is waited for too)."""
        c = self.comparison
        while c is not None and (running := [p.task for p in c.panes if p.task is not None and not p.task.done()]):
            await asyncio.gather(*running, return_exceptions=True)
            self._sweep()

    def stop(self, position: int) -> None:
        """Stop one pane; its partial text is kept and the others carry on (see `Turn.stop` for why it insists)."""
        c = self.comparison
        if c is None or position in self._reported:
            return
        self._stopping.add(position)
        c.stop(position)
        task = c.panes[position].task
        if task is not None:
            task.get_loop().call_later(STOP_RETRY_S, self._insist, position, task)

    def _insist(self, position: int, task: asyncio.Task[Reply]) -> None:
        c = self.comparison
        if c is not None and not task.done() and c.panes[position].task is task and position in self._stopping:
            task.cancel()
            task.get_loop().call_later(STOP_RETRY_S, self._insist, position, task)

    def stop_all(self) -> None:
        for i in range(len(self.comparison.panes) if self.comparison else 0):
            self.stop(i)

    def retry(self, position: int) -> bool:
        """Ask one finished pane's target again (a new ledger row); the other panes are untouched."""
        c = self.comparison
        if c is None or not self._requests or position not in self._reported or self.has_voted \
                or self.continued_into is not None:  # fmt: skip
            return False
        pane = c.panes[position]
        pane.run = ChatRun(pane.run.resilience, self._chains[position], self._requests[position],
                           _PaneRelay(self, position))  # fmt: skip
        self._stopping.discard(position)
        self._reported.discard(position)
        pane.task = asyncio.ensure_future(pane.run.execute())
        if not self._tasks:  # the run had ended: this retry is waited for on its own
            waiter = asyncio.ensure_future(self._settle())
            self._tasks.add(waiter)
            waiter.add_done_callback(self._retry_ended)
            self.observer.on_busy(True)
        return True

    def _retry_ended(self, waiter: asyncio.Task[None]) -> None:
        self._tasks.discard(waiter)
        if not waiter.cancelled():
            waiter.exception()
        self.observer.on_busy(False)

    # -- a pane ended ----------------------------------------------------------------------------
    def pane_done(self, position: int, reply: Reply) -> None:
        """Price, log and report a pane's reply, once per run of that pane."""
        if position in self._reported:
            return
        self._reported.add(position)
        self._stopping.discard(position)
        if reply.finish_reason is None and reply.error is None:  # cancelled before it even started
            reply.finish_reason = "cancelled"
            reply.error = make_error("cancelled", STOPPED_BY_USER, provider=reply.provider)
        self.runtime.services().price_reply(reply)
        if self.store is not None and self.run is not None:
            ids = log_attempts(self.store, reply, self.source, self.conversation_id, None)
            self.store.set_pane_result(self.run.panes[position].id, request_id=ids[-1])
            self.runtime.cost_lookups.answered(ids)
        self.observer.on_pane_finished(position, reply)

    def _sweep(self) -> None:
        """Report panes whose task ended without telling the relay (cancelled before its first step)."""
        c = self.comparison
        for pane in c.panes if c else []:
            if pane.task is not None and pane.task.done():
                self.pane_done(pane.position, pane.reply)

    # -- verdicts --------------------------------------------------------------------------------
    def vote(self, position: int) -> str:
        """Record `position` as the best answer. Returns '' or why the vote was not taken."""
        return self._record(position, ())

    def rank(self, order: Sequence[int]) -> str:
        """Record a full ranking, best first (pane positions; the first is the winner). Returns '' or why not."""
        if sorted(order) != list(range(len(self.comparison.panes) if self.comparison else 0)):
            return "Rank every pane once, best first."
        return self._record(order[0], order)

    def _record(self, position: int, order: Sequence[int]) -> str:
        if self.comparison is None or not self.finished:
            return "Wait for every pane to finish (or stop it) before voting."
        if self.has_voted:
            return "This comparison already has your vote."
        if self.store is None or self.run is None:
            return "Votes are not being saved: the database is not open."
        panes = self.run.panes
        self.store.record_vote(self.run.id, winner_pane_id=panes[position].id, ranking=[panes[i].id for i in order])
        self.has_voted = True
        self.ranking = list(order)
        return ""

    def leaderboard(self) -> list[Standing] | None:
        """Every model's votes so far, best first; None when votes are not being saved."""
        if self.store is None:
            return None
        return standings(self.store.comparison_wins(), self.runtime.provider_name)

    def continue_with(self, position: int) -> int | Refusal:
        """Make this pane's answer the next message of the conversation, the others kept as its siblings.

        A run sent with the conversation so far continues that conversation (the prompt goes under the
        branch it was sent with); a fresh prompt becomes a new conversation. Continuing again with another
        pane only switches the branch to that answer. Returns the conversation, or why it could not."""
        store = self.store
        if self.comparison is None or not self.finished or store is None or self.run is None:
            problem = translate("Comparison", "nothing to continue yet") if store is not None else translate(
                "Comparison", "conversations are not being saved: the database is not open")
            return Refusal(problem=problem, hint="")
        try:
            if self.continued_into is not None:
                store.set_current_leaf(self.continued_into, self._answers[position])
                return self.continued_into
            return self._write_answers(store, position)
        except StoreError as exc:
            return Refusal(problem=translate("Comparison", "could not continue with this answer: {problem}").format(
                problem=str(exc)), hint="")

    def _write_answers(self, store: Store, position: int) -> int:
        run = self.run
        assert run is not None
        if self.conversation_id is not None:
            conv = self.conversation_id
            store.conversation(conv)  # still there (raises NotFoundError if it was deleted meanwhile)
        else:
            conv = store.create_conversation(title_for(self.prompt))
        user_id = store.add_message(conv, "user", self.prompt, parent_id=self._leaf)
        replies = self.replies()
        answers: dict[int, int] = {}
        for i in [position] + [j for j in range(len(replies)) if j != position]:
            r = replies[i]
            status = {"complete": "complete", "interrupted": "interrupted"}.get(r.status, "error")
            err = r.error if r.finish_reason != "cancelled" else None
            answers[i] = store.add_message(conv, "assistant", r.text, parent_id=user_id, reasoning=r.reasoning,
                                           status=status, provider=r.provider, model=r.model,  # type: ignore[arg-type]
                                           requested_model=r.requested_model, error_kind=err.kind if err else None,
                                           error_message=err.describe() if err else None,
                                           make_current=i == position)  # fmt: skip
            store.set_pane_result(run.panes[i].id, message_id=answers[i])
        if self.conversation_id is None:
            store.set_comparison_conversation(run.id, conv)
        self.continued_into = conv
        self._answers = [answers[i] for i in range(len(replies))]
        return conv


class _PaneRelay:
    """The `ChatObserver` of one pane: core's callbacks go to the session and its observer."""

    def __init__(self, session: ComparisonSession, position: int) -> None:
        self._s, self._i = session, position

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        self._s.observer.on_pane_attempt(self._i, attempt)

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        self._s.observer.on_pane_delta(self._i, text, reasoning)
        if self._i in self._s._stopping:  # the cancel was swallowed below us (see ComparisonSession.stop)
            raise asyncio.CancelledError

    def on_finish(self, reply: Reply) -> None:
        self._s.pane_done(self._i, reply)
