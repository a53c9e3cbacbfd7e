"""Runs one prompt against several targets for the comparison panel: tasks, votes, ledger and "continue"."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from .services import Services

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.compare import Comparison
    from app.core.endpoints import TargetSpec
    from app.core.resilience import Attempt, Target
    from app.core.services import Services as DomainServices
    from app.providers import ChatRequest, Message
    from app.store import ComparisonRun, Store

MIN_PANES, MAX_PANES = 2, 8
STOP_RETRY_S = 0.2  # see ChatController.stop: one cancel can be swallowed by asyncio.wait_for on 3.11


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
        """The parameters this pane sets, as `app.core.compare.with_params` takes them and the store keeps them."""
        values: dict[str, object] = {"temperature": self.temperature, "max_tokens": self.max_tokens,
                                     "reasoning_effort": self.reasoning_effort, "json_mode": self.json_mode or None,
                                     "system": self.system or None, "fallbacks": list(self.fallbacks) or None}
        return {k: v for k, v in values.items() if v is not None}  # fmt: skip


async def pane_chains(domain: DomainServices, specs: Sequence[TargetSpec],
                      targets: Sequence[PaneTarget]) -> list[list[Target]]:  # fmt: skip
    """Each pane's chain: its target, then its fallbacks. A missing key fails only its own pane (lenient);
    the keychain may block, so the look-ups run off the loop. Raises ValueError for a malformed fallback."""
    chains = []
    for spec, t in zip(specs, targets, strict=True):
        if t.fallbacks:
            chains.append(await asyncio.to_thread(domain.chain, spec, list(t.fallbacks)))
        else:
            chains.append([await asyncio.to_thread(domain.target, spec, lenient=True)])
    return chains


def shuffled(count: int) -> list[int]:
    """Blind runs place the targets in random panes, so the set-up order does not give them away."""
    order = list(range(count))
    random.shuffle(order)
    return order


class CompareController(QObject):
    """One comparison at a time. `send`, `retry`, `vote` and `continue_with` are what tests drive."""

    started = Signal(list)  # the targets in pane order (blind runs are shuffled)
    pane_attempt = Signal(int, object)  # position, the Attempt starting (which provider is being asked)
    pane_delta = Signal(int, str, str)  # position, streamed text, streamed reasoning
    pane_finished = Signal(int, object)  # position, the Reply (complete, stopped or failed; priced)
    failed = Signal(str, str)  # what went wrong, what to do: nothing was sent
    busy_changed = Signal(bool)
    voted = Signal(int)  # the winning position: blind labels may be lifted
    leaderboard_changed = Signal()
    continued = Signal(int)  # a conversation made from the comparison

    def __init__(self, services: Services, store: Store | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.store = store
        self.order: Callable[[int], list[int]] = shuffled
        self.comparison: Comparison | None = None
        self.run: ComparisonRun | None = None  # the stored run (None without a store)
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
            self.failed.emit("A comparison is still running: stop it first.", "")
            return None
        problem = _check(targets, prompt)
        if problem is not None:
            self.failed.emit(*problem)
            return None
        order = self.order(len(targets)) if blind else list(range(len(targets)))
        targets = [targets[i] for i in order]
        task = asyncio.ensure_future(self._compare(targets, prompt.strip(), blind, conversation_id))
        self._tasks.add(task)
        self.busy_changed.emit(True)
        try:
            await task
        finally:
            self._tasks.discard(task)
            self.busy_changed.emit(False)
        return self.replies() if self.comparison is not None and self.finished else None

    async def _compare(self, targets: list[PaneTarget], prompt: str, blind: bool, conversation_id: int | None) -> None:
        from app.core.compare import Comparison, with_params
        from app.core.endpoints import parse_target
        from app.core.leaderboard import pane_label
        from app.core.resilience import Resilience
        from app.providers import ChatRequest, Message

        await self._services.catalog()  # the budget checks below price on this thread
        domain = self._services.domain()
        try:
            specs = [parse_target(f"{t.provider}:{t.model.strip()}") for t in targets]
            base = ChatRequest(model=specs[0].model, messages=(Message("user", prompt),))
            requests = [with_params(replace(base, model=s.model), t.params())
                        for s, t in zip(specs, targets, strict=True)]  # fmt: skip
        except ValueError as exc:
            self.failed.emit(_sentence(str(exc)), "Check each pane's provider, model and parameters.")
            return
        so_far = self._so_far(conversation_id)
        if so_far is None:
            return
        history, system, leaf = so_far
        requests = [replace(r, messages=(*history, *r.messages), system=r.system or system) for r in requests]
        try:
            chains = await pane_chains(domain, specs, targets)
        except ValueError as exc:
            self.failed.emit(_sentence(str(exc)), "Check each pane's provider, model and fallbacks.")
            return
        chains = self._preflight(domain, chains, requests)
        self.targets, self.prompt, self.blind, self.has_voted, self.ranking = targets, prompt, blind, False, []
        self.conversation_id, self.continued_into, self._leaf, self._answers = conversation_id, None, leaf, []
        self._chains = chains
        self._requests = requests
        self._stopping.clear()
        self._reported.clear()
        labels = [pane_label(i) for i in range(len(targets))]
        self.run = self.store.create_comparison(prompt, [(s.provider, s.model) for s in specs], labels=labels,
                                                params=[t.params() for t in targets],
                                                conversation_id=conversation_id) \
            if self.store is not None else None  # fmt: skip
        comparison = Comparison(Resilience(domain.client), chains, requests[0], requests=requests,
                                observer_for=lambda i: _PaneRelay(self, i))  # fmt: skip
        self.comparison = comparison
        self.started.emit(targets)
        try:
            await comparison.execute()
            await self._settle()
        except asyncio.CancelledError:
            comparison.stop_all()
            raise
        finally:
            self._sweep()

    def _preflight(self, domain: DomainServices, chains: list[list[Target]],
                   requests: list[ChatRequest]) -> list[list[Target]]:  # fmt: skip
        """Budgets and context windows, checked per pane before anything is sent, as the chat does. A pane
        that would cross a budget (counting the panes before it at their worst case) or overflow its model's
        context window fails alone, with the reason in its own words; the others go."""
        if self.store is None:
            return chains
        from app.core.budgets import Spend
        from app.core.history import Conversations, preflight, worst_case

        spend = Conversations(self.store).spend_now()
        checked = []
        for chain, request in zip(chains, requests, strict=True):
            first = chain[0]
            if first.unavailable is None:
                problem, _check = preflight(domain, spend, first.provider, request)
                if problem is not None:
                    chain = [replace(first, unavailable=problem), *chain[1:]]
                else:
                    cost = worst_case(domain, first.provider, request).cost_usd or 0.0
                    p, day, month = first.provider, spend.today_by_provider, spend.month_by_provider
                    spend = Spend(spend.today + cost, spend.month + cost, {**day, p: day.get(p, 0.0) + cost},
                                  {**month, p: month.get(p, 0.0) + cost})  # fmt: skip
            checked.append(chain)
        return checked

    def _so_far(self, conversation_id: int | None) -> tuple[tuple[Message, ...], str | None, int | None] | None:
        """The conversation's current branch (history, system prompt, last message id); None after a failure."""
        if conversation_id is None:
            return (), None, None
        if self.store is None:
            self.failed.emit("The conversation so far cannot be read: the database is not open.",
                             "Untick \u201cWith the conversation so far\u201d to send a fresh prompt.")  # fmt: skip
            return None
        from app.core.history import Conversations
        from app.store import StoreError

        try:
            conv = self.store.conversation(conversation_id)
            branch = self.store.thread(conversation_id)
            leaf = branch[-1].id if branch else None
            history = Conversations(self.store).history(conversation_id, leaf)
        except StoreError as exc:
            self.failed.emit(f"The conversation so far could not be read: {exc}.",
                             "Untick \u201cWith the conversation so far\u201d to send a fresh prompt.")  # fmt: skip
            return None
        return history, conv.system_prompt, leaf

    async def _settle(self) -> None:
        """Wait until no pane runs (a pane retried meanwhile is waited for too)."""
        c = self.comparison
        while c is not None and (running := [p.task for p in c.panes if p.task is not None and not p.task.done()]):
            await asyncio.gather(*running, return_exceptions=True)
            self._sweep()

    def stop(self, position: int) -> None:
        """Stop one pane; its partial text is kept and the others carry on."""
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
        from app.core.chat import ChatRun

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
            self.busy_changed.emit(True)
        return True

    def _retry_ended(self, waiter: asyncio.Task[None]) -> None:
        self._tasks.discard(waiter)
        if not waiter.cancelled():
            waiter.exception()
        self.busy_changed.emit(False)

    # -- a pane ended ----------------------------------------------------------------------------
    def pane_done(self, position: int, reply: Reply) -> None:
        """Price, log (source "compare") and report a pane's reply, once per run of that pane."""
        if position in self._reported:
            return
        self._reported.add(position)
        self._stopping.discard(position)
        if reply.finish_reason is None and reply.error is None:  # cancelled before it even started
            from app.providers import make_error

            reply.finish_reason = "cancelled"
            reply.error = make_error("cancelled", "stopped by the user", provider=reply.provider)
        self._services.domain().price_reply(reply)
        if self.store is not None and self.run is not None:
            from app.core.history import log_attempts

            ids = log_attempts(self.store, reply, "compare", self.conversation_id, None)
            self.store.set_pane_result(self.run.panes[position].id, request_id=ids[-1])
        self.pane_finished.emit(position, reply)

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
        self.voted.emit(position)
        self.leaderboard_changed.emit()
        return ""

    def continue_with(self, position: int) -> int | None:
        """Make this pane's answer the next message of the conversation, the others kept as its siblings.

        A run sent with the conversation so far continues that conversation (the prompt goes under the
        branch it was sent with); a fresh prompt becomes a new conversation. Continuing again with another
        pane only switches the branch to that answer."""
        if self.comparison is None or not self.finished or self.store is None or self.run is None:
            self.failed.emit("Nothing to continue yet." if self.store is not None else
                             "Conversations are not being saved: the database is not open.", "")  # fmt: skip
            return None
        from app.store import StoreError

        store = self.store
        try:
            if self.continued_into is not None:
                store.set_current_leaf(self.continued_into, self._answers[position])
                conv = self.continued_into
            else:
                conv = self._write_answers(store, position)
        except StoreError as exc:
            self.failed.emit(f"Could not continue with this answer: {exc}.", "")
            return None
        self.continued.emit(conv)
        return conv

    def _write_answers(self, store: Store, position: int) -> int:
        run = self.run
        assert run is not None
        if self.conversation_id is not None:
            conv = self.conversation_id
            store.conversation(conv)  # still there (raises NotFoundError if it was deleted meanwhile)
        else:
            conv = store.create_conversation(_title(self.prompt))
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


def _title(prompt: str, limit: int = 60) -> str:
    line = " ".join(prompt.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


class _PaneRelay:
    """The `ChatObserver` of one pane: core's callbacks become the controller's signals."""

    def __init__(self, controller: CompareController, position: int) -> None:
        self._c, self._i = controller, position

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        self._c.pane_attempt.emit(self._i, attempt)

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        self._c.pane_delta.emit(self._i, text, reasoning)
        if self._i in self._c._stopping:  # the cancel was swallowed below us (see CompareController.stop)
            raise asyncio.CancelledError

    def on_finish(self, reply: Reply) -> None:
        self._c.pane_done(self._i, reply)


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def _check(targets: Sequence[PaneTarget], prompt: str) -> tuple[str, str] | None:
    if not MIN_PANES <= len(targets) <= MAX_PANES:
        return f"A comparison needs {MIN_PANES} to {MAX_PANES} panes.", ""
    for i, t in enumerate(targets):
        if not t.provider:
            return f"Choose a provider for pane {i + 1}.", ""
        if not t.model.strip():
            return f"Type a model name for pane {i + 1}.", "For example gpt-4o-mini, or model@http://host/v1."
    if not prompt.strip():
        return "Type a prompt first.", ""
    return None
