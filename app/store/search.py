"""Full-text search over message content: ranked hits with marked snippets, whatever the user typed."""

from __future__ import annotations

import json
from typing import Any

from .base import StoreBase
from .records import SearchHit, from_stamp
from .textindex import QueryTerm, match_expression, parse_query, snippet

RANKED_WINDOW = 1000  # how many of the newest matches are ranked: bm25 over every match of "the" takes seconds

# The newest matches with their bm25 rank, walking the index from the newest message back: it stops after
# `window` rows, where `ORDER BY rank` would score every match first.
NEWEST_SQL = """SELECT rowid, rank FROM messages_fts WHERE messages_fts MATCH :match ORDER BY rowid DESC
LIMIT :window"""

# The chosen hits' messages and titles, each looked up by id.
HITS_SQL = """SELECT m.id, m.conversation_id, m.role, m.content, m.created_at, c.title
FROM messages m CROSS JOIN conversations c ON c.id = m.conversation_id
WHERE m.id IN (SELECT value FROM json_each(:ids))"""

# Within one conversation: CROSS JOIN fixes the loop order: walk the FTS matches best first, then look each
# message up by id. (Left to itself the planner may scan all messages when the ORDER BY has a second term.)
SEARCH_SQL = """SELECT m.id, m.conversation_id, m.role, m.content, m.created_at, c.title, messages_fts.rank AS rank
FROM messages_fts
CROSS JOIN messages m ON m.id = messages_fts.rowid
CROSS JOIN conversations c ON c.id = m.conversation_id
WHERE messages_fts MATCH :match AND (:conversation IS NULL OR m.conversation_id = :conversation)
ORDER BY messages_fts.rank
LIMIT :limit"""

# The same over tool calls' arguments and results (a hit names the answer whose step holds them).
TOOL_SEARCH_SQL = """SELECT m.id, m.conversation_id, m.role, s.search_text AS content, m.created_at, c.title,
    tool_steps_fts.rank AS rank
FROM tool_steps_fts
CROSS JOIN message_tool_steps s ON s.id = tool_steps_fts.rowid
CROSS JOIN messages m ON m.id = s.message_id
CROSS JOIN conversations c ON c.id = m.conversation_id
WHERE tool_steps_fts MATCH :match AND (:conversation IS NULL OR m.conversation_id = :conversation)
ORDER BY tool_steps_fts.rank
LIMIT :limit"""


class SearchMixin(StoreBase):
    ranked_window = RANKED_WINDOW

    def search(self, query: str, limit: int = 50, *, conversation_id: int | None = None) -> list[SearchHit]:
        """Messages matching every word of `query`, best first (bm25), optionally in one conversation.

        Words match as prefixes ("pars" finds "parsing"); "quoted phrases" match exactly; case and
        Latin accents are ignored; Chinese, Japanese and Korean match inside longer text (see
        textindex.py). Anything typed is searched as text: FTS5 operators and stray quotes never
        raise. A query with nothing searchable in it returns no hits.

        Over every conversation, only the newest `ranked_window` matches are ranked, so a word found in
        nearly every message costs what a rare one does: the best of the recent ones come first. When the
        words as typed already match that many messages, they are not also searched as prefixes (their
        longer forms could not make the window any fuller, and merging every "the..." word costs seconds).
        """
        terms = parse_query(query)
        expression = match_expression(terms)
        if expression is None or limit <= 0:
            return []
        params = {"match": expression, "conversation": conversation_id, "limit": limit}
        rows = self._all(SEARCH_SQL, params) if conversation_id is not None else self._best_newest(terms, limit)
        seen = {row["id"] for row in rows}
        tool_rows = [row for row in self._all(TOOL_SEARCH_SQL, params) if row["id"] not in seen]
        if tool_rows:  # an answer found through its tool calls too: best first, one hit per message
            rows = sorted([*rows, *{row["id"]: row for row in reversed(tool_rows)}.values()],
                          key=lambda row: row["rank"])[:limit]  # fmt: skip
        return [
            SearchHit(
                conversation_id=row["conversation_id"],
                message_id=row["id"],
                snippet=snippet(row["content"], terms),
                rank=row["rank"],
                conversation_title=row["title"],
                role=row["role"],
                created_at=from_stamp(row["created_at"]),
            )
            for row in rows
        ]

    def _best_newest(self, terms: list[QueryTerm], limit: int) -> list[dict[str, Any]]:
        """The best `limit` of the newest `ranked_window` matches, best first (ties: the newer first), as rows."""
        window = self.ranked_window
        as_typed = match_expression(terms, prefixes=False)
        newest = self._all(NEWEST_SQL, {"match": as_typed, "window": window})
        if len(newest) < window and (with_prefixes := match_expression(terms)) != as_typed:
            newest = self._all(NEWEST_SQL, {"match": with_prefixes, "window": window})
        best = sorted(newest, key=lambda row: (row["rank"], -row["rowid"]))[:limit]
        rank = {row["rowid"]: row["rank"] for row in best}
        found = {row["id"]: row for row in self._all(HITS_SQL, {"ids": json.dumps(list(rank))})}
        return [{**found[i], "rank": rank[i]} for i in rank if i in found]
