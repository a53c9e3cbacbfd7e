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
    CostSource,
    FinalStatus,
    ImageLike,
    ImageMeta,
    MessageRow,
    MessageStatus,
    ModelWins,
    NewImage,
    RequestRow,
    RequestSource,
    Role,
    SearchHit,
    SpendBy,
    SpendReport,
    SpendRow,
)
from .textindex import HIT_END, HIT_START
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
    "CostSource",
    "FinalStatus",
    "ImageLike",
    "ImageMeta",
    "InvalidImportError",
    "MessageRow",
    "MessageStatus",
    "ModelWins",
    "NewImage",
    "NotFoundError",
    "RequestRow",
    "RequestSource",
    "Role",
    "SearchHit",
    "SpendBy",
    "SpendReport",
    "SpendRow",
    "Store",
    "StoreError",
    "ToolStepRow",
    "open_store",
]
