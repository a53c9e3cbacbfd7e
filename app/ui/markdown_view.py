"""Finished answers as safe HTML: CommonMark and tables, code highlighted by Pygments, no raw HTML, no remote images."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # markdown-it and Pygments load after the first paint (see services.WARM_MODULES)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

CODE_STYLE = "default"
LINK_NOTE_COLOUR = "#6b6b6b"  # the same grey as MUTED


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.add_render_rule("fence", _fence)
    md.add_render_rule("code_block", _fence)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)
    md.add_render_rule("table_open", lambda *_: '<table border="1" cellspacing="0" cellpadding="4">\n')
    return md


@lru_cache(maxsize=4096)  # reopening a conversation renders nothing twice
def render_markdown(text: str) -> str:
    """HTML for QTextBrowser. Raw HTML in the text stays text; links show where they go; images are
    never fetched (they become a note with their address)."""
    return str(_parser().render(text))


def _fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    lang = token.info.strip().split(" ")[0] if token.info else ""
    code = token.content
    lexer = _lexer(lang) if lang else None
    from pygments import highlight  # type: ignore[import-untyped]

    label = f'<p style="margin:6px 0 0 0; color:{LINK_NOTE_COLOUR}; font-size:small">{html.escape(lang)}</p>' \
        if lang else ""  # fmt: skip
    body = f"<pre>{html.escape(code)}</pre>" if lexer is None else highlight(code, lexer, _formatter())
    # A one-cell table gives the block a background and a border in Qt's rich text.
    return (f'{label}<table width="100%" cellpadding="6" style="background-color:#f6f8fa; border:1px solid #d0d7de; '
            f'margin:4px 0 8px 0"><tr><td style="color:#1f2328">{body}</td></tr></table>\n')  # fmt: skip


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped]

    try:
        return get_lexer_by_name(lang)
    except ClassNotFound:
        return None


@lru_cache(maxsize=1)
def _formatter() -> Any:
    from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]

    return HtmlFormatter(style=CODE_STYLE, noclasses=True)


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    href = str(tokens[idx].attrGet("href") or "")
    env.setdefault("links", []).append(href)
    return f'<a href="{html.escape(href, quote=True)}" title="{html.escape(href, quote=True)}">'


def _link_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    links = env.get("links") or [""]
    href = links.pop()
    # The target is always visible next to the words, so a link cannot pass itself off as another.
    return f'</a><span style="color:{LINK_NOTE_COLOUR}"> ({html.escape(href)})</span>'


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    alt = html.escape(token.content or "image")
    return f'<span style="color:{LINK_NOTE_COLOUR}">[image: {alt} ({html.escape(src)}), not loaded]</span>'


@dataclass(frozen=True, slots=True)
class Entry:
    """One message as the transcript shows it once finished."""

    role: str  # "user" or "assistant"
    text: str
    label: str = ""  # the answer's heading: provider · model
    reasoning: str = ""
    footer: str = ""
    error: tuple[str, str] | None = None
    message_id: int | None = None


MUTED = "#6b6b6b"
ACCENT = "#1565c0"
ERROR = "#c62828"


def reasoning_html(reasoning: str, message_id: int | None) -> str:
    """Reasoning stays collapsed: one dimmed line, a click shows it."""
    if not reasoning.strip():
        return ""
    words = len(reasoning.split())
    href = f"parley-reasoning:{message_id if message_id is not None else 'last'}"
    return (f'<p style="margin-top:2px; color:{MUTED}; font-style:italic">'
            f'<a href="{href}" style="color:{MUTED}">▸ Reasoning ({words:,} words)</a></p>')  # fmt: skip


def plain_html(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def entry_html(entry: Entry) -> str:
    if entry.role == "user":
        return f'<p style="margin-top:14px"><b>You</b></p><p>{plain_html(entry.text)}</p>'
    parts = [
        f'<p style="margin-top:10px; color:{ACCENT}"><b>{html.escape(entry.label)}</b></p>',
        reasoning_html(entry.reasoning, entry.message_id),
        render_markdown(entry.text) if entry.text else "",
    ]
    if entry.error is not None:
        parts.append(f'<p style="margin-top:4px; color:{ERROR}"><b>{html.escape(entry.error[0])}</b></p>')
        if entry.error[1]:
            parts.append(f'<p style="color:{ERROR}">{html.escape(entry.error[1])}</p>')
    if entry.footer:
        parts.append(f'<p style="margin-top:4px; color:{MUTED}; font-size:small">{html.escape(entry.footer)}</p>')
    return "".join(parts)


def thread_html(entries: Sequence[Entry]) -> str:
    """The whole branch as one document (one setHtml, however long)."""
    return "".join(entry_html(e) for e in entries)
