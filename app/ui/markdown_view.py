"""Messages as safe HTML in the theme's colours: CommonMark and tables, Pygments code, no raw HTML, no remote loads.

Model output is untrusted. Raw HTML stays text; only web and mail links become links, and their target is
printed beside them; images are never fetched; reference definitions are off. The `parley-*` links the
transcript acts on (a code block's Copy, the reasoning line) and the `parley-msg` anchors marking messages
are written by this module around the model's text and can never come out of it.
"""

from __future__ import annotations

import html
import re
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from . import figures
from .i18n import count, say, translate
from .incomplete import marker_html
from .math_markdown import use_math
from .sources_view import Link, documents_html, sources_html, suggestions_html

if TYPE_CHECKING:  # markdown-it and Pygments load after the first paint (see runtime.WARM_MODULES)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from .tool_blocks import ToolView

SAFE_LINK_SCHEMES = ("http", "https", "mailto")
ACTION_SCHEMES = (  # reserved for our own links; a model link never gets one (only SAFE_LINK_SCHEMES do)
    "parley-copy", "parley-code", "parley-delete", "parley-reasoning", "parley-figure", "parley-tool",
    "parley-steps")


@dataclass(frozen=True, slots=True)
class Colours:
    """What we draw ourselves, per theme (ordinary text takes the palette's own text colour)."""

    dark: bool
    muted: str
    accent: str
    error: str
    warning: str
    link: str
    code_style: str  # a Pygments style; the code box takes its background
    code_bg: str
    code_border: str
    code_text: str
    inline_code_bg: str
    quote: str
    table_border: str
    table_head_bg: str
    band: str  # the user's prompt's background


# The same colours as the palettes of style.py (muted, accent, error, warning), plus what only answers use.
LIGHT = Colours(dark=False, muted="#5c636b", accent="#4a4ad6", error="#b3261e", warning="#8a5300", link="#3b3bc4",
                code_style="default", code_bg="#f6f8fa", code_border="#d0d7de", code_text="#1f2328",
                inline_code_bg="#eaeef2", quote="#57606a", table_border="#d0d7de", table_head_bg="#f0f3f6",
                band="#eceefb")  # fmt: skip
DARK = Colours(dark=True, muted="#a4a9b1", accent="#8f92ff", error="#ff8a80", warning="#ffc46b", link="#a5a8ff",
               code_style="github-dark", code_bg="#0d1117", code_border="#3d444d", code_text="#e6edf3",
               inline_code_bg="#343b45", quote="#9ea7b3", table_border="#4a525c", table_head_bg="#2a3038",
               band="#2c2d45")  # fmt: skip

# Each provider's mark before its answers (a dot in a colour of its own; others by a hash of the name).
PROVIDER_MARKS = {"OpenAI": "#10a37f", "Anthropic": "#d97757", "Google Gemini": "#4285f4", "Groq": "#f55036",
                  "Mistral": "#fa7a1e", "DeepSeek": "#4d6bfe", "xAI": "#8b8f98", "OpenRouter": "#6467f2",
                  "Together AI": "#0f6fff", "Cohere": "#39a275", "Ollama": "#8b8f98",
                  "LM Studio": "#7c5cd6"}  # fmt: skip
_OTHER_MARKS = ("#3e9b8f", "#c2587a", "#5b8def", "#b08a2e", "#8e63ce", "#2f9e5a")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    # No raw HTML. No reference definitions either: a definition at the end would change how earlier,
    # already painted paragraphs render, so streamed and finished answers could differ.
    md = MarkdownIt("commonmark", {"html": False}).enable("table").disable("reference")
    use_math(md)  # formulas and diagrams are drawn by figures.py's hook
    md.add_render_rule("math_inline", _math)
    md.add_render_rule("math_block", _math)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("code_block", _fence)
    md.add_render_rule("code_inline", _code_inline)
    md.add_render_rule("link_open", _link_open)
    md.add_render_rule("link_close", _link_close)
    md.add_render_rule("image", _image)
    md.add_render_rule("table_open", _table_open)
    md.add_render_rule("th_open", _th_open)
    md.add_render_rule("blockquote_open", _blockquote_open)
    return md


def _math(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[idx]
    display = token.type == "math_block" or bool(token.meta.get("display"))
    return figures.math_html(token.content, display, env["colours"])


def _env(colours: Colours, copy_key: str | None) -> dict[str, Any]:
    return {"colours": colours, "copy_key": copy_key, "code_blocks": 0, "links": []}


RENDERED_CHARS = 8_000_000  # what the cache of rendered messages may hold: their source and HTML, in characters


class _Rendered:
    """`render_markdown`, remembering what it rendered (reopening a conversation renders nothing twice), the least
    recently used out first once it holds RENDERED_CHARS: messages differ in size a thousandfold, so a bound on
    their number alone let a day of long answers keep tens of megabytes. Called from the GUI thread and from the
    worker of final_render.py, hence the lock."""

    def __init__(self) -> None:
        self._cache: OrderedDict[tuple[str, Colours, str | None, int], str] = OrderedDict()
        self._chars = 0
        self._lock = threading.Lock()

    def __call__(self, text: str, colours: Colours = LIGHT, copy_key: str | None = None, first_code: int = 0) -> str:
        """HTML for QTextBrowser. With `copy_key`, each code block gets a Copy link `parley-code:KEY/N` (N counted
        from `first_code`: a part of an answer). A fence left open (an answer cut short) is shown plain, as it was
        while streaming."""
        key = (text, colours, copy_key, first_code)
        with self._lock:
            found = self._cache.get(key)
            if found is not None:
                self._cache.move_to_end(key)
                return found
        rendered = _render(text, colours, copy_key, first_code)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = rendered
                self._chars += len(text) + len(rendered)
            while self._chars > RENDERED_CHARS and len(self._cache) > 1:
                old, dropped = self._cache.popitem(last=False)
                self._chars -= len(old[0]) + len(dropped)
        return rendered

    def cache_clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._chars = 0

    def cache_chars(self) -> int:
        """How many characters the cache holds (sources and HTML)."""
        return self._chars


def _render(text: str, colours: Colours, copy_key: str | None, first_code: int) -> str:
    md = _parser()
    env = _env(colours, copy_key)
    env["code_blocks"] = first_code
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    env["lines"] = text.split("\n")
    return str(md.renderer.render(md.parse(text, env), md.options, env))


render_markdown = _Rendered()


def code_blocks(text: str) -> list[str]:
    """The code blocks of a message, in order (what the N of `parley-code:KEY/N` points at)."""
    return [t.content for t in _parser().parse(text) if t.type in ("fence", "code_block")]


_CLOSING_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")


def _fence_closed(token: Token, env: dict[str, Any]) -> bool:
    """markdown-it gives an unclosed fence no mark; look at its last line (the source sits in env)."""
    lines: list[str] | None = env.get("lines")
    if token.type != "fence" or token.map is None or lines is None:
        return token.type != "fence" or lines is None
    last = token.map[1] - 1
    if last <= token.map[0] or last >= len(lines):
        return False
    match = _CLOSING_FENCE.match(lines[last])
    if match is None:
        return False
    return match.group(1)[0] == token.markup[0] and len(match.group(1)) >= len(token.markup)


def _fence(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[idx]
    c: Colours = env["colours"]
    lang = token.info.strip().split(" ")[0] if token.info else ""
    n = env["code_blocks"]
    env["code_blocks"] = n + 1
    # Highlighted, and offered for copying, once the fence is closed; an open one (still streaming) stays plain.
    closed = _fence_closed(token, env)
    problem = figures.diagram_problem(token.content) if lang == "mermaid" and closed else None
    if problem == "":
        return figures.diagram_html(token.content, c)
    body = _highlight(token.content, lang, c.code_style) if lang and closed else None
    if body is None:
        body = f"<pre>{html.escape(token.content)}</pre>"
    small = f"color:{c.muted}; font-size:small"
    key = env["copy_key"]
    # (translate outside the f-strings: pyside6-lupdate does not look inside them)
    copy_word = translate("MarkdownView", "Copy")
    copy = (f'<a href="parley-code:{key}/{n}" style="color:{c.link}">{copy_word}</a>'
            if key is not None and closed else "")  # fmt: skip
    kind = lang or (translate("MarkdownView", "code") if key is not None else "")
    label = " · ".join(part for part in (html.escape(kind), copy) if part)
    if problem:
        label += " · " + html.escape(translate("MarkdownView", "not drawn: {problem}").format(problem=say(problem)))
    head = f'<p style="margin:6px 0 0 0; {small}">{label}</p>' if label else ""
    # A one-cell table gives the block a background and a border in Qt's rich text.
    return (f'{head}<table width="100%" cellpadding="6" cellspacing="0" style="background-color:{c.code_bg}; '
            f'border:1px solid {c.code_border}; margin:4px 0 8px 0"><tr><td style="color:{c.code_text}">'
            f"{body}</td></tr></table>\n")  # fmt: skip


@lru_cache(maxsize=512)
def _highlight(code: str, lang: str, style: str) -> str | None:
    lexer = _lexer(lang)
    if lexer is None:
        return None
    from pygments import highlight  # type: ignore[import-untyped]

    return str(highlight(code, lexer, _formatter(style)))


@lru_cache(maxsize=64)
def _lexer(lang: str) -> Any:
    from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped]

    try:
        return get_lexer_by_name(lang)
    except ClassNotFound:
        return None


@lru_cache(maxsize=4)
def _formatter(style: str) -> Any:
    from pygments.formatters import HtmlFormatter  # type: ignore[import-untyped]

    return HtmlFormatter(style=style, noclasses=True, nobackground=True)


def _code_inline(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    c: Colours = env["colours"]
    return f'<code style="background-color:{c.inline_code_bg}">{html.escape(tokens[idx].content)}</code>'


def _table_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    c: Colours = env["colours"]
    return (f'<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse; '
            f'border-color:{c.table_border}; border-style:solid; margin:4px 0 8px 0">\n')  # fmt: skip


def _th_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    c: Colours = env["colours"]
    align = tokens[idx].attrGet("style")
    extra = f"; {html.escape(str(align), quote=True)}" if align else ""
    return f'<th style="background-color:{c.table_head_bg}{extra}">'


def _blockquote_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    c: Colours = env["colours"]
    return f'<blockquote style="color:{c.quote}; font-style:italic">\n'


def is_safe_link(href: str) -> bool:
    scheme, colon, _ = href.partition(":")
    return bool(colon) and scheme.lower() in SAFE_LINK_SCHEMES


def _link_open(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    href = str(tokens[idx].attrGet("href") or "")
    env["links"].append(href)
    if not is_safe_link(href):  # relative, parley-*, file:, anything else: words only, never an anchor
        return "<span>"
    c: Colours = env["colours"]
    quoted = html.escape(href, quote=True)
    return f'<a href="{quoted}" title="{quoted}" style="color:{c.link}">'


def _link_close(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    href = env["links"].pop() if env["links"] else ""
    c: Colours = env["colours"]
    # The target is always visible next to the words, so a link cannot pass itself off as another.
    closing = "</a>" if is_safe_link(href) else "</span>"
    return f'{closing}<span style="color:{c.muted}"> ({html.escape(href)})</span>'


def _image(self: Any, tokens: Sequence[Token], idx: int, options: Any, env: dict[str, Any]) -> str:
    token = tokens[idx]
    c: Colours = env["colours"]
    src = str(token.attrGet("src") or "")
    alt = token.content or translate("MarkdownView", "image")
    said = translate("MarkdownView", "[image: {name} ({address}), not loaded]").format(name=alt, address=src)
    return f'<span style="color:{c.muted}">{html.escape(said)}</span>'


# A line of a paragraph with no Markdown in it (see plain_paragraph_html): it starts with a letter (or a bracket),
# holds no character that may begin inline syntax or an entity, and has no space at either end (stripped, or a hard
# break). Brackets and "!" make a link or an image only with "](" (reference links are off), so text without that
# may hold them.
_PLAIN_LINE = re.compile(r"(?:[^\W\d_]|\[)(?:[^\\`*_<>&$~|\x00-\x1f\x7f]*(?<=\S))?")


def plain_paragraph_html(text: str) -> str | None:
    """The HTML markdown-it makes of `text` when it is one paragraph of plain prose (every line _PLAIN_LINE, so no
    line can start or end a block either), made without parsing it; None for anything else. The tail of a streamed
    answer is mostly this, and was parsed again on every frame (tests/ui/test_markdown_plain.py checks it against
    markdown-it)."""
    text = text.removesuffix("\n")  # a line ended, the next not begun
    if not text or "](" in text or not all(_PLAIN_LINE.fullmatch(line) for line in text.split("\n")):
        return None
    return "<p>" + text.replace('"', "&quot;") + "</p>\n"


class MarkdownTail:
    """A streamed answer split into finished top-level blocks, rendered once, and the unfinished last block
    (the tail), rendered again on each frame. Whatever the pieces, `committed + tail` is the HTML of the
    whole text (tests/ui/test_transcript_tail.py checks it with hypothesis)."""

    def __init__(self, colours: Colours = LIGHT, copy_key: str | None = None) -> None:
        self.colours = colours
        self.copy_key = copy_key
        self.committed_html: list[str] = []
        self._code_blocks = 0  # code blocks committed so far: the tail's are numbered after them
        self.rest = ""  # the source not committed yet: the tail and what arrived since
        self.kind = ""  # the tail's first block at the last `advance`: "paragraph", "open_fence", "bullet_list", ...
        self._held_cr = False  # "\r" at the end of a piece may be half of "\r\n"
        self.source_chars = 0  # how long the source fed so far is, line breaks made "\n"

    def feed(self, piece: str) -> None:
        if self._held_cr:
            piece = "\r" + piece
        self._held_cr = piece.endswith("\r")
        if self._held_cr:
            piece = piece[:-1]
        piece = piece.replace("\r\n", "\n").replace("\r", "\n")
        self.rest += piece
        self.source_chars += len(piece)

    def close(self) -> None:
        """The stream ended: a held carriage return is a line break after all."""
        if self._held_cr:
            self._held_cr = False
            self.rest += "\n"
            self.source_chars += 1

    def whole_html(self, text: str) -> str | None:
        """Once the stream is closed: the HTML of the whole `text`, from the blocks rendered while it streamed and
        the tail, if `text` is what was fed (by its length) and so no second parse is needed; else None."""
        if self.source_chars != len(text.replace("\r\n", "\n").replace("\r", "\n")):
            return None
        _, tail = self.advance()
        return "".join(self.committed_html) + tail

    def advance(self) -> tuple[str, str]:
        """(HTML of the blocks finished since the last call, HTML of the unfinished tail)."""
        plain = plain_paragraph_html(self.rest)
        if plain is not None:  # prose, the usual tail: as markdown-it renders it, without parsing it
            self.kind = "paragraph"
            return "", plain
        md = _parser()
        env = _env(self.colours, self.copy_key)
        env["code_blocks"] = self._code_blocks
        env["lines"] = self.rest.split("\n")
        tokens = md.parse(self.rest, env)
        # A block is final once a later block has begun on a whole line: its first line alone cannot tell
        # ("1" may still become "1. item", continuing the list above).
        whole_lines = len(env["lines"]) - 1
        starts = [i for i, t in enumerate(tokens)
                  if t.level == 0 and t.nesting >= 0 and t.map is not None and t.map[0] < whole_lines]  # fmt: skip
        committed = ""
        if len(starts) >= 2:
            last = starts[-1]
            line = tokens[last].map[0]  # type: ignore[index]
            committed = str(md.renderer.render(tokens[:last], md.options, env))
            self._code_blocks = env["code_blocks"]
            cut = sum(len(x) + 1 for x in env["lines"][:line])
            self.rest = self.rest[cut:]
            self.committed_html.append(committed)
            tokens = tokens[last:]
            env["lines"] = env["lines"][line:]
            for t in tokens:  # line numbers now count from the cut
                if t.map is not None:
                    t.map = [t.map[0] - line, t.map[1] - line]
        first = tokens[0] if tokens else None
        self.kind = "" if first is None else first.type.removesuffix("_open")
        if first is not None and not _fence_closed(first, env):
            self.kind = "open_fence"
        return committed, str(md.renderer.render(tokens, md.options, env))


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
    sources: tuple[Link, ...] = ()  # an answer's web sources: (url, title), numbered under it
    suggestions: tuple[Link, ...] = ()  # Google's search suggestions with a grounded answer: (url, query)
    documents: tuple[tuple[str, int | None], ...] = ()  # a prompt's documents: (name, pages)
    marker: str = ""  # an answer that did not finish: stopped, cut off, interrupted (see incomplete.py)
    tools: tuple[ToolView, ...] = ()  # the tool calls of an answer that used tools, each where it stands in `text`


@dataclass(frozen=True, slots=True)
class Notice:
    """A line of ours between messages: a problem that stopped a prompt ("error") or a warning."""

    kind: str  # "error" or "warning"
    message: str
    advice: str = ""


def reasoning_html(reasoning: str, message_id: int | None, colours: Colours = LIGHT) -> str:
    """Reasoning stays collapsed: one dimmed line, a click shows it."""
    if not reasoning.strip():
        return ""
    words = len(reasoning.split())
    href = f"parley-reasoning:{message_id if message_id is not None else 'last'}"
    if words == 1:
        said = translate("MarkdownView", "Reasoning ({count} word)").format(count=count(words))
    else:
        said = translate("MarkdownView", "Reasoning ({count} words)").format(count=count(words))
    return (f'<p style="margin-top:2px; color:{colours.muted}; font-style:italic">'
            f'<a href="{href}" style="color:{colours.muted}">▸ {html.escape(said)}</a></p>')  # fmt: skip


def plain_html(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.split("\n"))


def provider_mark(label: str) -> str:
    """The colour of the dot before an answer by this provider ("OpenAI · gpt-4o" -> OpenAI's)."""
    name = label.partition(" · ")[0]
    if name in PROVIDER_MARKS:
        return PROVIDER_MARKS[name]
    return _OTHER_MARKS[sum(name.encode()) % len(_OTHER_MARKS)]


def heading_html(entry: Entry, colours: Colours, key: int | None) -> str:
    """"You" or the answer's provider and model. The hidden anchor `parley-msg` marks a message's heading,
    so the view can tell which message the mouse is over (for its Copy and Delete buttons); the answer streaming
    has the same mark (the view knows where it starts), so its heading need not change when it ends. One name for
    all: 2,000 distinct names would make opening 1.5x slower."""
    mark = '<a name="parley-msg"></a>'
    if entry.role == "user":
        you = html.escape(translate("MarkdownView", "You"))
        return f'<p style="margin-top:22px; color:{colours.muted}; font-size:small">{mark}{you}</p>'
    return (f'<p style="margin-top:22px">{mark}<span style="color:{provider_mark(entry.label)}">●</span>&nbsp;'
            f"<b>{html.escape(entry.label)}</b></p>")  # fmt: skip


def prompt_html(text: str, colours: Colours, below: str = "") -> str:
    """The user's prompt in a band of its own (a one-cell table: Qt's rich text pads and fills only tables),
    with `below` (its documents' chips) under the text."""
    return (f'<table width="100%" cellpadding="10" cellspacing="0" style="background-color:{colours.band}; '
            f'margin-top:4px"><tr><td>{plain_html(text)}{below}</td></tr></table>')  # fmt: skip


def entry_html(entry: Entry, colours: Colours = LIGHT, key: int | None = None) -> str:
    """One message. `key` (its place in the transcript) names it in the Copy links; None: no links."""
    head = heading_html(entry, colours, key)
    if entry.role == "user":
        return f"{head}{prompt_html(entry.text, colours, documents_html(entry.documents, colours))}"
    copy_key = str(key) if key is not None else None
    parts = [head, reasoning_html(entry.reasoning, entry.message_id, colours), body_html(entry, colours, copy_key)]
    parts.append(tail_html(entry, colours))
    return "".join(parts)


def body_html(entry: Entry, colours: Colours, copy_key: str | None) -> str:
    """An answer's text as Markdown, with its tool calls (if any) as blocks where they were made."""
    if entry.tools:
        return answer_html(entry.text, entry.tools, colours, copy_key)
    return render_markdown(entry.text, colours, copy_key) if entry.text else ""


def answer_html(text: str, views: Sequence[ToolView], colours: Colours, copy_key: str | None) -> str:
    """An answer that used tools: its text in the parts written between calls, each call where it was made
    (drawn by the call itself: tool_blocks.py). Code blocks keep the numbers they have in the whole text (what
    Copy acts on)."""
    key = copy_key if copy_key is not None else "x"
    out: list[str] = []
    pos = code = n = 0
    while n < len(views):
        offset = max(pos, min(views[n].offset, len(text)))
        end = n + 1
        while end < len(views) and max(offset, min(views[end].offset, len(text))) == offset:
            end += 1
        chunk = text[pos:offset]
        if chunk.strip():
            out.append(render_markdown(chunk, colours, copy_key, code))
            code += len(code_blocks(chunk))
        out += [views[i].html(colours, key, i) for i in range(n, end)]
        pos, n = offset, end
    rest = text[pos:]
    if rest.strip():
        out.append(render_markdown(rest, colours, copy_key, code))
    return "".join(out)


def tail_html(entry: Entry, colours: Colours) -> str:
    """Under an answer: its mark if it did not finish, the error in plain words, its sources, then the footer
    (provider, model, tokens, time, cost)."""
    parts = [marker_html(entry.marker, colours)] if entry.marker else []
    if entry.error is not None:
        parts.append(f'<p style="margin-top:4px; color:{colours.error}"><b>{html.escape(entry.error[0])}</b></p>')
        if entry.error[1]:
            parts.append(f'<p style="color:{colours.error}">{html.escape(entry.error[1])}</p>')
    parts.append(sources_html(entry.sources, colours) + suggestions_html(entry.suggestions, colours))
    if entry.footer:
        steps = ""
        if entry.tools and entry.message_id is not None:  # a turn of several model calls: each one's cost
            words = html.escape(translate("MarkdownView", "steps and costs"))
            steps = f' · <a href="parley-steps:{entry.message_id}" style="color:{colours.link}">{words}</a>'
        parts.append(f'<p style="margin-top:4px; color:{colours.muted}; font-size:small">'
                     f"{html.escape(entry.footer)}{steps}</p>")  # fmt: skip
    return "".join(parts)


def notice_html(notice: Notice, colours: Colours) -> str:
    if notice.kind == "warning":
        return (f'<p style="margin-top:4px; color:{colours.warning}; font-style:italic; font-size:small">'
                f"{html.escape(notice.message)}</p>")  # fmt: skip
    out = f'<p style="margin-top:10px; color:{colours.error}"><b>{html.escape(notice.message)}</b></p>'
    if notice.advice:
        out += f'<p style="color:{colours.error}">{html.escape(notice.advice)}</p>'
    return out


def item_html(item: Entry | Notice, colours: Colours, key: int | None) -> str:
    return notice_html(item, colours) if isinstance(item, Notice) else entry_html(item, colours, key)


def thread_html(items: Sequence[Entry | Notice], colours: Colours = LIGHT, first: int = 0, *, actions: bool = True
                ) -> str:  # fmt: skip
    """The whole branch as one document (one setHtml, however long); `items` are the branch's from its `first` on
    (the keys of their Copy links count from there)."""
    return "".join(item_html(item, colours, i if actions else None) for i, item in enumerate(items, start=first))
