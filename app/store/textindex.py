"""How message text is indexed and searched: CJK runs as bigrams, user input as quoted FTS5 terms, snippets.

The FTS5 table uses the `unicode61` tokenizer, which splits on spaces and punctuation; Chinese and
Japanese (and Korean particles glued to nouns) have no spaces, so a whole sentence would be one
token and "东京" could never be found inside "我下周去东京出差". Before indexing, every run of CJK
characters is therefore rewritten as its overlapping bigrams followed by its last character:

    "我住在东京"  ->  "我住 住在 在东 东京 京"

A query run of two or more characters becomes the phrase of its bigrams ("东京" -> "东京",
"京附近" -> "京附 附近"), which only matches consecutive bigrams; a one-character query becomes a
prefix query ("东"*), which matches every bigram starting with it and the final single character,
so every position of a run is reachable. The trailing single character is what lets a CJK run be
followed by a Latin word in the same phrase ("東京iPhone").

`index_text_v1` runs inside SQLite triggers (registered on every connection by the store) and its
output must never change: the FTS table is contentless, so deleting a row re-tokenizes the old text
and must produce exactly the tokens that were indexed. To index differently, add
`index_text_v2` and a migration that rebuilds the table; never edit v1 (a test pins its output).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

HIT_START = "«"
HIT_END = "»"
ELLIPSIS = "…"

# Fixed code point ranges, not unicodedata (which changes with the Python version): Hangul jamo,
# 々〆〇, hiragana, katakana (without the ゠ and ・ punctuation), Hangul compatibility jamo,
# katakana extensions, CJK ext A, CJK unified, Hangul jamo ext A, Hangul syllables and jamo ext B,
# CJK compatibility ideographs, half-width katakana, CJK ext B and later planes.
_CJK = (
    "\u1100-\u11ff\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff"
    "\u3131-\u318e\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97c\uac00-\ud7a3"
    "\ud7b0-\ud7fb\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003ffff"
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_IS_CJK = re.compile(f"[{_CJK}]")
_PIECE = re.compile(f"[{_CJK}]+|[^\\W_]+")
_FULLWIDTH_ASCII = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}  # ＡＩ -> AI

_WORD = f"(?:(?![{_CJK}])[^\\W_])"
_WORD_START = f"(?:(?<![^\\W_])|(?<=[{_CJK}]))"
_WORD_END = f"(?:(?![^\\W_])|(?=[{_CJK}]))"

SNIPPET_CHARS = 160


def _bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _index_run(match: re.Match[str]) -> str:
    run = match.group()
    tokens = [*_bigrams(run), run[-1]] if len(run) > 1 else [run]
    return " " + " ".join(tokens) + " "


def index_text_v1(text: object) -> str:
    """The text the FTS table indexes for a message. Frozen: see the module docstring."""
    if not isinstance(text, str) or not text:
        return ""
    return _CJK_RUN.sub(_index_run, text.translate(_FULLWIDTH_ASCII))


@dataclass(frozen=True, slots=True)
class QueryTerm:
    """One thing the user typed: a word, or a "quoted phrase" (`exact`: no prefix matching)."""

    text: str
    exact: bool = False


def parse_query(query: str) -> list[QueryTerm]:
    """Whitespace-separated words and balanced "quoted phrases"; terms with nothing searchable are dropped.

    Everything else (FTS5 operators, stray quotes, parentheses, `*`, `NEAR(`) is plain text here.
    NUL is dropped: FTS5 would read it as the end of the query string.
    """
    terms = []
    for match in re.finditer(r'"([^"]*)"|(\S+)', query.replace("\x00", " ")):
        phrase, word = match.group(1), match.group(2)
        term = QueryTerm(phrase, exact=True) if phrase is not None else QueryTerm(word)
        if any(ch.isalnum() for ch in term.text):
            terms.append(term)
    return terms


def _query_text(text: str) -> tuple[str, bool]:
    """A term rewritten like indexed text; also whether it ends in a lone CJK character."""
    pieces: list[str] = []
    position = 0
    ends_single = False
    for match in _CJK_RUN.finditer(text):
        run = match.group()
        followed = any(ch.isalnum() for ch in text[match.end() :])
        tokens = _bigrams(run)
        if followed or len(run) == 1:
            tokens.append(run[-1])
        ends_single = not followed and len(run) == 1
        pieces += [text[position : match.start()], " ", " ".join(tokens), " "]
        position = match.end()
    pieces.append(text[position:])
    return "".join(pieces), ends_single


def match_expression(terms: Sequence[QueryTerm], *, prefixes: bool = True) -> str | None:
    """An FTS5 MATCH string that cannot be a syntax error: every term is a quoted string, ANDed.

    Unquoted words match as prefixes ("pars" finds "parsing") unless `prefixes` is False (then they match
    only as typed); a lone CJK character always does.
    """
    parts = []
    for term in terms:
        text, ends_single = _query_text(term.text.translate(_FULLWIDTH_ASCII))
        literal = '"' + text.replace('"', '""') + '"'
        parts.append(literal + "*" if (prefixes and not term.exact) or ends_single else literal)
    return " ".join(parts) if parts else None


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    ch = ch.translate(_FULLWIDTH_ASCII)
    decomposed = unicodedata.normalize("NFKD", ch)
    if decomposed and decomposed[0] < "\u0370":  # Latin, like unicode61's remove_diacritics
        ch = "".join(c for c in decomposed if not unicodedata.combining(c))
    return ch.casefold()


def _fold(text: str) -> tuple[str, list[int] | None]:
    """Case- and accent-folded text, with the original index of every folded character (None: same)."""
    if text.isascii():
        return text.lower(), None
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        chars.append(folded)
        origin.extend([i] * len(folded))
    return "".join(chars), origin


def _hit_patterns(terms: Sequence[QueryTerm]) -> list[re.Pattern[str]]:
    patterns = []
    for term in terms:
        text = term.text.translate(_FULLWIDTH_ASCII)
        pieces = list(_PIECE.finditer(text))
        for n, piece in enumerate(pieces):
            folded = "".join(_fold_char(ch) for ch in piece.group())
            if _IS_CJK.match(piece.group()):
                patterns.append(re.compile(re.escape(folded)))
                continue
            prefix = not term.exact and n == len(pieces) - 1
            tail = f"{_WORD}*" if prefix else _WORD_END
            patterns.append(re.compile(_WORD_START + re.escape(folded) + tail))
    return patterns


def _spans(content: str, terms: Sequence[QueryTerm]) -> list[tuple[int, int]]:
    folded, origin = _fold(content)
    found: list[tuple[int, int]] = []
    for pattern in _hit_patterns(terms):
        for match in pattern.finditer(folded):
            if match.end() > match.start():
                found.append((match.start(), match.end()))
    if origin is not None:
        found = [(origin[start], origin[end - 1] + 1) for start, end in found]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def match_spans(content: str, query: str) -> list[tuple[int, int]]:
    """Where `query` matches in `content`, as search finds it (prefixes, phrases, case, accents, CJK): sorted,
    non-overlapping (start, end) character offsets, for highlighting the match in the message itself."""
    return _spans(content, parse_query(query))


def snippet(content: str, terms: Sequence[QueryTerm], width: int = SNIPPET_CHARS) -> str:
    """One line of `content` centred on its first hit, hits marked «like this», cut ends marked "…"."""
    spans = _spans(content, terms)
    start = 0
    if spans:
        centre = (spans[0][0] + spans[0][1]) // 2
        start = max(0, min(centre - width // 2, len(content) - width, spans[0][0]))
        if start and not content[start - 1].isspace() and (space := content.find(" ", start, spans[0][0])) != -1 \
                and space < start + 12:  # fmt: skip
            start = space + 1  # begin on a word when one is near (forward, so a match at the end stays in)
    end = min(len(content), start + width)
    out = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        out += [content[cursor:span_start], HIT_START, content[span_start:span_end], HIT_END]
        cursor = span_end
    out.append(content[cursor:end])
    if end < len(content):
        out.append(ELLIPSIS)
    return re.sub(r"\s+", " ", "".join(out)).strip()
