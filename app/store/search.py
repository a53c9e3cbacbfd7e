"""Full-text search over message content: ranked hits with marked snippets, whatever the user typed."""

from __future__ import annotations

from .base import StoreBase
from .records import SearchHit, from_stamp
from .textindex import match_expression, parse_query, snippet

# CROSS JOIN fixes the loop order: walk the FTS matches best first, then look each message up by id.
# (Left to itself the planner may scan all messages when the ORDER BY has a second term.)
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
    def search(self, query: str, limit: int = 50, *, conversation_id: int | None = None) -> list[SearchHit]:
        """Messages matching every word of `query`, best first (bm25), optionally in one conversation.

        Words match as prefixes ("pars" finds "parsing"); "quoted phrases" match exactly; case and
        Latin accents are ignored; Chinese, Japanese and Korean match inside longer text (see
        textindex.py). Anything typed is searched as text: FTS5 operators and stray quotes never
        raise. A query with nothing searchable in it returns no hits.
        """
        terms = parse_query(query)
        expression = match_expression(terms)
        if expression is None or limit <= 0:
            return []
        params = {"match": expression, "conversation": conversation_id, "limit": limit}
        rows = self._all(SEARCH_SQL, params)
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
