"""Gemini's Grounding with Google Search: the tool, its sources, its queries and Google's search suggestions.

The sources Google returns (`groundingChunks[].web.uri`) are redirect links through vertexaisearch.cloud.google
.com that lead to the page; they are kept as given (Google asks that they be used as they are). Google's terms
also ask that the search entry point (`searchEntryPoint.renderedContent`, HTML and CSS) be shown with a grounded
answer: it is passed on as its own event. Billing counts differ by model (per grounded prompt on 2.x, per search
query on 3.x), so the adapter reports the queries and pricing applies the rule.
"""

from __future__ import annotations

from typing import Any

from .types import Citation, SearchEntryPoint, StreamEvent, Usage, UsageUpdate

SEARCH_TOOL: dict[str, Any] = {"google_search": {}}


class Grounding:
    """groundingMetadata of one answer's chunks (it may be repeated or grow): each source and the entry point
    once, and the number of queries whenever it changes."""

    def __init__(self) -> None:
        self._cited: set[str] = set()
        self._entry = False
        self._queries = -1

    def events(self, metadata: Any) -> list[StreamEvent]:
        if not isinstance(metadata, dict):
            return []
        out: list[StreamEvent] = []
        chunks = metadata.get("groundingChunks")
        for chunk in chunks if isinstance(chunks, list) else []:
            web = chunk.get("web") if isinstance(chunk, dict) else None
            uri = web.get("uri") if isinstance(web, dict) else None
            if isinstance(uri, str) and uri and uri not in self._cited:
                self._cited.add(uri)
                title = web.get("title") if isinstance(web, dict) else None
                out.append(Citation(uri, title if isinstance(title, str) else ""))
        entry = metadata.get("searchEntryPoint")
        html = entry.get("renderedContent") if isinstance(entry, dict) else None
        if isinstance(html, str) and html and not self._entry:
            self._entry = True
            out.append(SearchEntryPoint(html))
        queries = metadata.get("webSearchQueries")
        count = len([q for q in queries if isinstance(q, str)]) if isinstance(queries, list) else 0
        if count > self._queries:
            self._queries = count
            out.append(UsageUpdate(Usage(web_searches=count)))
        return out
