"""Everything Parley keeps, in one SQLite file: conversations as message trees, the spend ledger,
comparison runs and votes, and full-text search. Qt-free; open it with `open_store(path)`."""

from __future__ import annotations

from .db import Store, open_store
from .errors import InvalidImportError, NotFoundError, StoreError
from .migrations import MIGRATIONS
from .records import (
    Attachment,
    ComparisonPane,
    ComparisonRun,
    ComparisonVote,
    Conversation,
    ConversationSummary,
    CostSource,
    DocumentMeta,
    FinalStatus,
    ImageLike,
    ImageMeta,
    LedgerGroup,
    MessageRow,
    MessageStatus,
    ModelWins,
    NewImage,
    RequestRow,
    RequestSource,
    Role,
    SearchHit,
    Source,
    SpendBy,
    SpendReport,
    SpendRow,
    StoredDocument,
)
from .textindex import HIT_END, HIT_START, match_spans
from .tool_steps import ToolStepRow
from .transfer import EXPORT_FORMAT, EXPORT_VERSION

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "HIT_END",
    "HIT_START",
    "MIGRATIONS",
    "Attachment",
    "ComparisonPane",
    "ComparisonRun",
    "ComparisonVote",
    "Conversation",
    "ConversationSummary",
    "CostSource",
    "DocumentMeta",
    "FinalStatus",
    "ImageLike",
    "ImageMeta",
    "InvalidImportError",
    "LedgerGroup",
    "MessageRow",
    "MessageStatus",
    "ModelWins",
    "NewImage",
    "NotFoundError",
    "RequestRow",
    "RequestSource",
    "Role",
    "SearchHit",
    "Source",
    "SpendBy",
    "SpendReport",
    "SpendRow",
    "Store",
    "StoreError",
    "StoredDocument",
    "ToolStepRow",
    "match_spans",
    "open_store",
]
