"""The plain, frozen values the store hands out, and how timestamps are written to and read from SQLite."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timezone
from typing import Any, Literal, NamedTuple, Protocol

Role = Literal["system", "user", "assistant"]
MessageStatus = Literal["streaming", "complete", "interrupted", "error"]
FinalStatus = Literal["complete", "interrupted", "error"]
CostSource = Literal["provider", "catalog", "override", "free", "unknown"]
RequestSource = Literal["app", "cli", "compare"]
SpendBy = Literal["day", "provider", "model", "source"]  # "source": the cost source (not offered by `spend --by`)

ROLES: frozenset[str] = frozenset({"system", "user", "assistant"})
FINAL_STATUSES: frozenset[str] = frozenset({"complete", "interrupted", "error"})
COST_SOURCES: frozenset[str] = frozenset({"provider", "catalog", "override", "free", "unknown"})
REQUEST_SOURCES: frozenset[str] = frozenset({"app", "cli", "compare"})

# Timestamps are UTC text with a fixed width ("2025-01-31T23:59:59.123456Z"), so text order is time
# order and SQLite's date functions read them directly.
_STAMP = "%Y-%m-%dT%H:%M:%S.%fZ"


def now_utc() -> datetime:
    return datetime.now(timezone.utc)


def to_stamp(moment: datetime) -> str:
    """A timezone-aware datetime (naive ones are taken as local time) as stored text."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(timezone.utc).strftime(_STAMP)


def from_stamp(text: str) -> datetime:
    # fromisoformat is ~30x faster than strptime (it matters for a 2,000-message thread); the
    # trailing "Z" is cut because Python 3.10 does not read it.
    return datetime.fromisoformat(text[:-1]).replace(tzinfo=timezone.utc)


def since_stamp(since: date | datetime) -> str:
    """A `since` bound as stored text: a date means local midnight at its start, a datetime that moment."""
    if isinstance(since, datetime):
        return to_stamp(since)
    return to_stamp(datetime.combine(since, time()).astimezone())


def load_json(text: str | None, default: Any) -> Any:
    return default if not text else json.loads(text)


class ImageLike(Protocol):
    """What `add_message(images=...)` accepts: `app.providers.types.ImagePart` fits, so does any such pair."""

    @property
    def mime_type(self) -> str: ...

    @property
    def data(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class NewImage:
    """An image to store with a message; `name` is the file name the user picked, if any."""

    mime_type: str
    data: bytes = field(repr=False)
    name: str | None = None


@dataclass(frozen=True, slots=True)
class ImageMeta:
    """An image attached to a message, without its bytes (fetch those with `Store.attachment`)."""

    attachment_id: int
    mime_type: str
    size: int
    name: str | None = None


class DocumentLike(Protocol):
    """What `add_message(documents=...)` accepts: `app.providers.types.DocumentPart` fits."""

    @property
    def name(self) -> str: ...

    @property
    def mime_type(self) -> str: ...

    @property
    def data(self) -> bytes: ...

    @property
    def text(self) -> str | None: ...

    @property
    def pages(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    """A document attached to a message, without its bytes (fetch those with `Store.message_documents`)."""

    document_id: int
    name: str
    mime_type: str
    size: int
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A document with its bytes and text, as kept (once per content, whatever its name on each message)."""

    name: str
    mime_type: str
    data: bytes = field(repr=False)
    text: str | None = field(default=None, repr=False)
    pages: int | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A source an answer cited (web search): its URL and title."""

    url: str
    title: str = ""


@dataclass(frozen=True, slots=True)
class Attachment:
    id: int
    message_id: int
    mime_type: str
    name: str | None
    data: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Conversation:
    id: int
    title: str
    created_at: datetime
    updated_at: datetime
    pinned: bool
    system_prompt: str | None
    settings: dict[str, Any]
    """Per-conversation parameters (provider, model, temperature, ...); a copy: change it with
    `set_conversation_settings`."""
    current_leaf_id: int | None


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    """A line of `python -m app list`: what a conversation holds and cost (`unpriced_requests`: not in the cost)."""

    id: int
    title: str
    updated_at: datetime
    messages: int
    cost_usd: float
    requests: int = 0
    unpriced_requests: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "updated_at": self.updated_at.isoformat().replace("+00:00", "Z"),
            "messages": self.messages,
            "cost_usd": self.cost_usd,
        }


@dataclass(frozen=True, slots=True)
class MessageRow:
    """One node of a conversation tree. Edits and regenerations are siblings: same parent, new row."""

    id: int
    conversation_id: int
    parent_id: int | None
    role: Role
    content: str
    reasoning: str
    status: MessageStatus
    error_kind: str | None
    error_message: str | None
    provider: str | None
    model: str | None
    """The model that actually answered (as the response named it)."""
    requested_model: str | None
    created_at: datetime
    updated_at: datetime
    images: tuple[ImageMeta, ...] = ()
    sibling_ids: tuple[int, ...] = ()
    """Every message with this one's parent (itself included), oldest first: the UI's "2 / 3"."""
    documents: tuple[DocumentMeta, ...] = ()
    citations: tuple[Source, ...] = ()


@dataclass(frozen=True, slots=True)
class RequestRow:
    """One attempt at a provider, as the spend ledger holds it."""

    id: int
    conversation_id: int | None
    message_id: int | None
    provider: str
    requested_model: str
    served_model: str | None
    started_at: datetime
    ttft_ms: int | None
    duration_ms: int | None
    input_tokens: int | None
    output_tokens: int | None
    cache_read_tokens: int | None
    cache_write_tokens: int | None
    reasoning_tokens: int | None
    cost_usd: float | None
    cost_source: CostSource
    error_kind: str | None
    error_message: str | None
    finish_reason: str | None
    fallback_of: int | None
    source: RequestSource
    web_searches: int | None = None
    search_cost_usd: float | None = None
    step: int | None = None
    """Which model call of its turn this was (1, 2...), for turns that used tools; None for others."""


class LedgerGroup(NamedTuple):
    """Ledger rows of one provider alike for reconciliation: same UTC day, model name (the served one when
    known), cost and cost source, and billed or not (an attempt that failed before any answer, at no cost, is
    not billed)."""

    day: date
    name: str
    billed: bool
    cost_usd: float | None
    cost_source: str
    requests: int


@dataclass(frozen=True, slots=True)
class SpendRow:
    key: str
    """A local day "YYYY-MM-DD", a provider id, "provider:model" (the served model when known), a cost source, or
    a conversation's id."""
    cost_usd: float
    requests: int
    input_tokens: int
    output_tokens: int
    unpriced_requests: int = 0  # not in `cost_usd` (nor in `to_json`, whose shape is the contract's)
    sources: frozenset[str] = frozenset()
    """The cost sources of the row's attempts ("catalog", "free"...; not in `to_json` either)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "cost_usd": self.cost_usd,
            "requests": self.requests,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
        }


@dataclass(frozen=True, slots=True)
class SpendReport:
    """What `python -m app spend --json` prints; `unpriced_requests` had no known cost (not in the total)."""

    total_usd: float
    requests: int
    rows: tuple[SpendRow, ...]
    unpriced_requests: int

    def to_json(self) -> dict[str, Any]:
        return {
            "total_usd": self.total_usd,
            "requests": self.requests,
            "rows": [row.to_json() for row in self.rows],
            "unpriced_requests": self.unpriced_requests,
        }


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A message matching a search. `snippet` marks each hit as «word» and cut ends with "…";
    `rank` is FTS5's bm25 score: lower (more negative) is a better match, hits come best first."""

    conversation_id: int
    message_id: int
    snippet: str
    rank: float
    conversation_title: str = ""
    role: Role = "user"
    created_at: datetime | None = None
    on_current_branch: bool | None = None
    """The message is on the branch its conversation shows (False: on another branch; None: not looked up)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "snippet": self.snippet,
            "rank": self.rank,
            "title": self.conversation_title,
        }


@dataclass(frozen=True, slots=True)
class ComparisonPane:
    id: int
    run_id: int
    position: int
    provider: str
    model: str
    label: str | None
    message_id: int | None
    request_id: int | None


@dataclass(frozen=True, slots=True)
class ComparisonVote:
    id: int
    run_id: int
    winner_pane_id: int | None
    """None with an empty ranking means "all equally bad" (a tie)."""
    ranking: tuple[int, ...]
    """Pane ids best first, when the user ranked them all."""
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ModelWins:
    """How one (provider, model) fared in voted comparisons."""

    provider: str
    model: str
    wins: int
    appearances: int


@dataclass(frozen=True, slots=True)
class ComparisonRun:
    id: int
    prompt: str
    conversation_id: int | None
    created_at: datetime
    panes: tuple[ComparisonPane, ...] = ()
    votes: tuple[ComparisonVote, ...] = ()
