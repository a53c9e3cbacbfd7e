"""Conversations kept in the store: turns, history for any protocol, and a reply saved as it streams."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from app.providers import ChatRequest, DocumentPart, ImagePart, Message, ProviderError, make_error
from app.store import Source, StoreError
from app.words import translate

from .budgets import BudgetCheck, Spend, check_budget
from .capabilities import supports_images
from .chat import ChatObserver, NullObserver, Reply
from .documents import document_tokens
from .pricing import context_window, estimate_tokens, estimate_worst_case
from .resilience import Attempt
from .sent_history import answered
from .tool_history import step_messages
from .tool_loop import tools_tokens

if TYPE_CHECKING:
    from app.store import Store

    from .services import Services

CHECKPOINT_SECONDS = 1.0  # a crash mid-stream loses about this much of the reply at most
CHECKPOINT_SPACING_SECONDS = 0.1  # answers streaming at once are checkpointed this far apart, not in one frame
_last_checkpoint_at = [0.0]  # the loop time of the latest checkpoint scheduled, by any answer


def _checkpoint_time(loop: asyncio.AbstractEventLoop) -> float:
    """When an answer's next checkpoint runs: CHECKPOINT_SECONDS from now, or later by the spacing after the last
    one scheduled. Side-by-side answers start together and would otherwise save together, every second, in the
    same turn of the loop (four long answers' saves held one turn ~40 ms while each save still re-indexed its text
    for search; m009 indexes an answer only once it ends)."""
    at = max(loop.time() + CHECKPOINT_SECONDS, _last_checkpoint_at[0] + CHECKPOINT_SPACING_SECONDS)
    _last_checkpoint_at[0] = at
    return at
DEFAULT_MAX_OUTPUT = 4096  # the worst case assumed for budgets when the request sets no max_tokens
TITLE_CHARS = 60


@dataclass(frozen=True, slots=True)
class StoredTurn:
    """Where a turn is being saved: its conversation, the prompt (None when regenerating) and the reply."""

    conversation_id: int
    user_message_id: int | None
    reply_message_id: int


@dataclass(frozen=True, slots=True)
class Turn:
    """One prompt and the reply being written for it."""

    conversation_id: int
    user_message_id: int | None
    reply_message_id: int
    request: ChatRequest


class Conversations:
    """Turns over the store. Everything here is synchronous and quick (one small transaction each)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def history(self, conversation_id: int, leaf_id: int | None = None, *, payloads: bool = True
                ) -> tuple[Message, ...]:  # fmt: skip
        """The branch as messages any protocol can take: stopped and cut-off answers as the user saw them,
        answers without text left out with their prompts (see sent_history.py), no reasoning, images
        attached. Adapters merge same-role runs as needed. `payloads=False`: the same messages without
        their images' and documents' bytes (what counts them needs no blob read)."""
        out: list[Message] = []
        rows = self.store.thread(conversation_id, leaf_id)
        steps = self.store.tool_steps(r.id for r in rows if r.role == "assistant")  # answers that used tools
        for row in rows:
            if row.role == "system" or (row.role == "user" and not (row.content or row.images or row.documents)):
                continue
            if row.id in steps:  # its calls and results, in order
                out += step_messages(steps[row.id], row.content)
                continue
            images: tuple[ImagePart, ...] = ()
            docs: tuple[DocumentPart, ...] = ()
            if payloads and row.images:
                images = tuple(ImagePart(a.mime_type, a.data) for a in self.store.attachments(row.id))
            if payloads and row.documents:
                docs = tuple(DocumentPart(d.name, d.mime_type, d.data, d.text, d.pages)
                             for d in self.store.message_documents(row.id))  # fmt: skip
            out.append(Message(row.role, row.content, images, documents=docs))
        return answered(out)

    def start_turn(
        self,
        template: ChatRequest,
        prompt: Message,
        *,
        provider: str,
        conversation_id: int | None = None,
        parent_id: int | Literal["current"] | None = "current",
    ) -> Turn:
        """Store the user's message and an empty streaming reply; return the request with its history."""
        if conversation_id is None:
            parent_id = None
        leaf = parent_id if isinstance(parent_id, int) else None
        history = self.history(conversation_id, leaf) if conversation_id is not None and parent_id is not None else ()
        ids = self.record_prompt(prompt, provider=provider, model=template.model, system=template.system,
                                 conversation_id=conversation_id, parent_id=parent_id)  # fmt: skip
        conv = self.store.conversation(ids.conversation_id)
        messages = answered((*history, prompt))
        request = replace(template, messages=messages, system=template.system or conv.system_prompt)
        return Turn(ids.conversation_id, ids.user_message_id, ids.reply_message_id, request)

    def record_prompt(self, prompt: Message, *, provider: str, model: str, system: str | None = None,
                      conversation_id: int | None = None,
                      parent_id: int | Literal["current"] | None = "current") -> StoredTurn:  # fmt: skip
        """Store the user's message (in a new conversation when `conversation_id` is None) and an empty
        streaming reply below it."""
        if conversation_id is None:
            conversation_id = self.store.create_conversation(title_for(prompt.text), system_prompt=system)
            parent_id = None
        user_id = self.store.add_message(conversation_id, "user", prompt.text, parent_id=parent_id,
                                         images=prompt.images, documents=prompt.documents)  # fmt: skip
        reply_id = self.store.add_message(conversation_id, "assistant", "", parent_id=user_id, status="streaming",
                                          provider=provider, requested_model=model)  # fmt: skip
        return StoredTurn(conversation_id, user_id, reply_id)

    def regenerate(self, template: ChatRequest, reply_message_id: int, *, provider: str) -> Turn:
        """A new answer to the same prompt, as a sibling of the old one (nothing is overwritten)."""
        old = self.store.message(reply_message_id)
        if old.parent_id is None:
            raise ValueError(translate("Preflight", "only a reply to a prompt can be regenerated"))
        history = self.history(old.conversation_id, old.parent_id)
        ids = self.record_regeneration(reply_message_id, provider=provider, model=template.model)
        conv = self.store.conversation(old.conversation_id)
        request = replace(template, messages=history, system=template.system or conv.system_prompt)
        return Turn(ids.conversation_id, None, ids.reply_message_id, request)

    def record_regeneration(self, reply_message_id: int, *, provider: str, model: str) -> StoredTurn:
        """An empty streaming reply beside `reply_message_id`, to the same prompt."""
        old = self.store.message(reply_message_id)
        if old.parent_id is None:
            raise ValueError("only a reply to a prompt can be regenerated")
        reply_id = self.store.add_message(old.conversation_id, "assistant", "", parent_id=old.parent_id,
                                          status="streaming", provider=provider, requested_model=model)  # fmt: skip
        return StoredTurn(old.conversation_id, None, reply_id)


def title_for(text: str) -> str:
    """A new conversation's title: its first prompt as plain words on one line, cut at 60 characters."""
    from .text import plain_title

    line = plain_title(text) or " ".join(text.split())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1].rstrip() + "…"


def prompt_tokens(request: ChatRequest) -> int:
    """An estimate of what the request sends (text, documents' text and the tools' schemas; images are not
    counted)."""
    documents = sum(document_tokens(d, native=False) for m in request.messages for d in m.documents)
    text = sum(estimate_tokens(m.text) + 4 for m in request.messages)
    return estimate_tokens(request.system or "") + text + documents + tools_tokens(request.tools)


@dataclass(frozen=True, slots=True)
class Estimate:
    """The most a request could cost before it is sent: its prompt uncached, plus a full-length answer."""

    prompt_tokens: int
    max_output_tokens: int
    cost_usd: float | None  # None: no price is known for the model
    free: bool  # a local provider with no price override
    tool_tokens: int = 0  # of `prompt_tokens`, what the tools' schemas add to every request (an estimate)


def worst_case(services: Services, provider: str, request: ChatRequest, tokens: int | None = None) -> Estimate:
    """The worst-case cost of `request` as budgets see it. The first call loads the price catalog
    (~300 ms): from the UI, call it off the loop's thread."""
    tokens = prompt_tokens(request) if tokens is None else tokens
    max_output = request.max_tokens or DEFAULT_MAX_OUTPUT
    local = services.is_local(provider)
    cost = estimate_worst_case(provider, request.model, tokens, max_output, local=local,
                               overrides=services.settings.override_map())  # fmt: skip
    return Estimate(tokens, max_output, cost, local and cost == 0.0, tools_tokens(request.tools))


def preflight(services: Services, spend: Spend | None, provider: str, request: ChatRequest, *,
              override_budget: bool = False) -> tuple[ProviderError | None, BudgetCheck | None]:  # fmt: skip
    """Problems known before sending: a history longer than the model's known context window, and a
    worst-case cost that would cross a budget. Returns (error to report, budget check)."""
    if any(m.images for m in request.messages) and supports_images(provider, request.model) is False:
        return make_error("bad_request", translate(
            "Preflight", "{model} cannot read images; remove the image or pick a model that can (for example "
            "gpt-4o-mini, claude-sonnet-4 or gemini-2.5-flash)").format(model=request.model),
            provider=provider), None  # fmt: skip
    tokens = prompt_tokens(request)
    window = context_window(provider, request.model)
    if window is not None and tokens > window:
        return make_error("context_length", translate(
            "Preflight", "the conversation is about {tokens} tokens, more than the {window}-token context window of "
            "{model}; shorten it or pick a larger model").format(tokens=f"{tokens:,}", window=f"{window:,}",
                                                                 model=request.model),
            provider=provider), None  # fmt: skip
    if spend is None:
        return None, None
    estimate = worst_case(services, provider, request, tokens).cost_usd
    check = check_budget(services.settings.budgets, spend, provider, estimate, override=override_budget)
    if not check.allowed and check.refusal:
        return make_error("budget", check.refusal, provider=provider), check
    return None, check


class Recorder:
    """Saves a streaming reply: a checkpoint at most once a second, then the final message and one
    ledger row per attempt (fallback attempts linked). Wraps another observer (the UI or stdout)."""

    def __init__(self, store: Store, turn: StoredTurn | Turn, price: Callable[[Reply], None], *, source: str = "app",
                 inner: ChatObserver | None = None) -> None:  # fmt: skip
        self.store, self.turn, self.price, self.source = store, turn, price, source
        self.inner = inner or NullObserver()
        self._timer: asyncio.TimerHandle | None = None
        self._reply: Reply | None = None
        self.problem: str | None = None  # why saving failed (disk full, database gone): the answer goes on
        self.logged: Callable[[list[int]], object] = list  # hears the ledger rows of each reply once logged

    def _save(self, what: str, action: Callable[[], object]) -> None:
        """A store write that must never end the answer: a failure is remembered and reported once."""
        if self.problem is not None:
            return
        try:
            action()
        except (sqlite3.Error, StoreError, OSError) as exc:
            self.problem = f"could not save the {what}: {exc}"

    def on_attempt(self, reply: Reply, attempt: Attempt) -> None:
        self.inner.on_attempt(reply, attempt)

    def on_delta(self, reply: Reply, text: str, reasoning: str) -> None:
        """Text arrived: make sure a checkpoint follows within a second, even if the stream then stalls."""
        self.inner.on_delta(reply, text, reasoning)
        self._reply = reply
        if self._timer is None:
            loop = asyncio.get_running_loop()
            self._timer = loop.call_at(_checkpoint_time(loop), self._checkpoint)

    def _checkpoint(self) -> None:
        self._timer = None
        reply = self._reply
        if reply is not None:
            self._save("answer", lambda: self.store.checkpoint(self.turn.reply_message_id, reply.text, reply.reasoning))

    def on_finish(self, reply: Reply) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        self.price(reply)
        reply.conversation_id = self.turn.conversation_id
        reply.message_id = self.turn.reply_message_id
        err = reply.error
        status = {"complete": "complete", "interrupted": "interrupted"}.get(reply.status, "error")
        self.problem = None  # the final write is worth trying even after a failed checkpoint
        self._save("answer", lambda: self.store.finish_message(
            self.turn.reply_message_id, status, reply.text, reply.reasoning,  # type: ignore[arg-type]
            error_kind=err.kind if err else None, error_message=err.describe() if err else None,
            model=reply.model, provider=reply.provider))  # fmt: skip
        if reply.citations:
            self._save("sources", lambda: self.store.set_citations(
                self.turn.reply_message_id, [Source(c.url, c.title) for c in reply.citations]))  # fmt: skip
        self._save("cost of this request", lambda: self.logged(log_attempts(
            self.store, reply, self.source, self.turn.conversation_id, self.turn.reply_message_id)))  # fmt: skip
        self.inner.on_finish(reply)


def log_attempts(store: Store, reply: Reply, source: str, conversation_id: int | None,
                 message_id: int | None, step: int | None = None) -> list[int]:  # fmt: skip
    """One ledger row per attempt (of model call `step` of its turn). Attempts that failed before any token
    were not billed (0, free)."""
    ids: list[int] = []
    started = datetime.fromtimestamp(reply.started_at, timezone.utc)
    attempts: Sequence[Attempt] = reply.attempts or [Attempt(reply.provider, reply.requested_model, reply.error)]
    for i, attempt in enumerate(attempts):
        last = i == len(attempts) - 1
        common = dict(provider=attempt.provider, requested_model=attempt.model, started_at=started,
                      conversation_id=conversation_id, message_id=message_id, source=source,
                      fallback_of=ids[-1] if ids else None, step=step)  # fmt: skip
        if not last:
            err = attempt.error
            ids.append(store.log_request(**common, error_kind=err.kind if err else None,  # type: ignore[arg-type]
                                         error_message=err.describe() if err else None, cost_usd=0.0,
                                         cost_source="free", finish_reason="error"))  # fmt: skip
            continue
        u = reply.usage
        err = reply.error
        # Failed before producing anything: not billed. Otherwise the priced (or honestly unknown) cost.
        unbilled = err is not None and not (reply.text or reply.reasoning) and not u.output_tokens
        cost, source_label = (0.0, "free") if unbilled else (reply.cost_usd, reply.cost_source)
        ids.append(store.log_request(
            **common,  # type: ignore[arg-type]
            served_model=reply.model, ttft_ms=_ms(reply.ttft_ms), duration_ms=_ms(reply.duration_ms),
            input_tokens=u.input_tokens, output_tokens=u.output_tokens, cache_read_tokens=u.cache_read_tokens,
            cache_write_tokens=u.cache_write_tokens, reasoning_tokens=u.reasoning_tokens,
            cost_usd=cost, cost_source=source_label,  # type: ignore[arg-type]
            error_kind=err.kind if err else None, error_message=err.describe() if err else None,
            finish_reason=reply.finish_reason, web_searches=u.web_searches, search_cost_usd=reply.search_cost_usd,
        ))  # fmt: skip
        if not unbilled:
            queue_lookup(store, ids[-1], attempt.provider, reply)
    return ids


def queue_lookup(store: Store, request_id: int, provider: str, reply: Reply) -> None:
    """Where the stream carried no cost and the provider reports it afterwards (OpenRouter), queue the
    lookup beside the ledger row: whoever runs lookups (the window) replaces the estimate with it later."""
    from .generation_costs import wants_lookup

    if reply.cost_source != "provider" and wants_lookup(provider, reply.response_id):
        store.queue_cost_lookup(request_id, provider, reply.response_id or "")


def _ms(value: float | None) -> int | None:
    return None if value is None else round(value)
