"""What a message carries beside its text, in the transcript: an answer's numbered sources (web search) and
Google's search suggestions under it, and a prompt's documents as chips.

Everything here is written into the transcript's one document (no widget per message), as HTML built from
plain data and escaped. Links open only when clicked (the transcript hands http and https links to the desktop;
nothing is loaded for the document). Each block is one `<p>`: the transcript counts them to find an answer's end.

Google asks that Gemini's search entry point (`searchEntryPoint.renderedContent`: its own HTML, CSS and inline
SVG logos) be shown with a grounded answer. Qt's rich text is not a browser: that markup would come out broken,
and it is the provider's HTML, which this view never renders as given. So its suggestion chips (the queries and
their Google Search links) are read out with a parser and drawn as our own chips, under the heading "Google
Search suggestions"; anything else in it is dropped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from html.parser import HTMLParser
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .i18n import count, translate

if TYPE_CHECKING:
    from .markdown_view import Colours

Link = tuple[str, str]  # (url, title or words)
REDIRECT_HOST = "vertexaisearch.cloud.google.com"  # Gemini's sources lead through Google's redirect links
MAX_SUGGESTIONS = 8
MAX_TITLE = 120  # characters of a title shown (the rest is in the tooltip)


def _safe(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def where(url: str) -> str:
    """The site a source is on, as the line shows it beside the title: "example.com", "via Google"."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    return translate("SourcesView", "via Google") if host == REDIRECT_HOST else host


def _shorten(text: str, limit: int = MAX_TITLE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def sources_html(sources: Sequence[Link], colours: Colours) -> str:
    """"Sources" and one numbered line per source: its title as a link, and the site it is on (so a title
    cannot pass itself off as another site). A URL that is not http or https is shown as words, not a link."""
    if not sources:
        return ""
    c = colours
    heading = html.escape(translate("SourcesView", "Sources"))
    out = [f'<p style="margin-top:8px; margin-bottom:0; color:{c.muted}; font-size:small"><b>{heading}</b></p>']
    for n, (url, title) in enumerate(sources, start=1):
        site = where(url)
        words = html.escape(_shorten(title or site or url))
        quoted = html.escape(url, quote=True)
        link = f'<a href="{quoted}" title="{quoted}" style="color:{c.link}">{words}</a>' if _safe(url) else words
        beside = f' <span style="color:{c.muted}">· {html.escape(site)}</span>' if site and title else ""
        below = 6 if n == len(sources) else 0  # a little room before the footer
        out.append(f'<p style="margin-top:0; margin-bottom:{below}px; font-size:small">'
                   f'<span style="color:{c.muted}">{n}.</span>&nbsp;{link}{beside}</p>')  # fmt: skip
    return "".join(out)


class _Chips(HTMLParser):
    """The `<a>` links of Google's search entry point: (href, words), in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self._href: str | None = None
        self._words: list[str] = []
        self._skip = 0  # inside <style> or <script>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "a":
            self._href = dict(attrs).get("href") or ""
            self._words = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._href is not None:
            words = " ".join("".join(self._words).split())
            if words and _safe(self._href):
                self.links.append((self._href, words))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None and not self._skip:
            self._words.append(data)


def search_suggestions(rendered: str | None) -> tuple[Link, ...]:
    """The suggestion chips in Gemini's search entry point: (Google Search link, query), at most a few."""
    if not rendered:
        return ()
    parser = _Chips()
    try:
        parser.feed(rendered)
        parser.close()
    except (ValueError, AssertionError):  # (html.parser raises little; a broken entry shows nothing)
        return ()
    return tuple(dict.fromkeys(parser.links))[:MAX_SUGGESTIONS]


def suggestions_html(suggestions: Sequence[Link], colours: Colours) -> str:
    """Google's search suggestions as chips: each query a link to its Google Search, opened only on click."""
    if not suggestions:
        return ""
    c = colours
    tip = html.escape(translate("SourcesView", "Search Google for this"), quote=True)
    heading = html.escape(translate("SourcesView", "Google Search suggestions"))
    chips = "&nbsp; ".join(
        f'<a href="{html.escape(url, quote=True)}" title="{tip}" style="color:{c.link}; '
        f'background-color:{c.band}; text-decoration:none">&nbsp;{html.escape(_shorten(words, 60))}&nbsp;</a>'
        for url, words in suggestions)  # fmt: skip
    return (f'<p style="margin-top:6px; margin-bottom:0; font-size:small"><span style="color:{c.muted}">'
            f"<b>{heading}</b></span>&nbsp; {chips}</p>")  # fmt: skip


def _pages(pages: int) -> str:
    if pages == 1:
        return translate("SourcesView", "{count} page").format(count=count(pages))
    return translate("SourcesView", "{count} pages").format(count=count(pages))


def documents_html(documents: Sequence[tuple[str, int | None]], colours: Colours) -> str:
    """A sent prompt's documents as chips under its text: each name, and its pages for a PDF."""
    if not documents:
        return ""
    c = colours
    chips = "&nbsp; ".join(
        f'<span style="background-color:{c.inline_code_bg}; color:{c.muted}">&nbsp;{html.escape(_shorten(name, 60))}'
        + (f" · {_pages(pages)}" if pages else "") + "&nbsp;</span>"
        for name, pages in documents)  # fmt: skip
    return f'<p style="margin-top:6px; margin-bottom:0; font-size:small">{chips}</p>'
