"""Small text rules the command line and the window share: what counts as an empty prompt, sentences."""

from __future__ import annotations

import re
import unicodedata

from app.words import Words, as_a_sentence

# Blank-looking letters (Hangul fillers) and the combining grapheme joiner: not "format" characters, but
# nothing a reader or a model would take as text either.
_BLANK_LOOKING = frozenset("\u034f\u115f\u1160\u3164\uffa0")


def is_blank(text: str) -> bool:
    """True when `text` holds nothing to read: only whitespace and invisible characters (zero-width space,
    joiners, word joiner, byte-order mark, direction marks, soft hyphen: Unicode's "format" category).

    `str.strip()` keeps zero-width characters, so a prompt of U+200B alone would otherwise be sent.
    Stops at the first visible character, so a long prompt costs next to nothing."""
    return all(ch.isspace() or ch in _BLANK_LOOKING or unicodedata.category(ch) == "Cf" for ch in text)


def sentence(text: str) -> str:
    """`text` as a sentence for a person to read: a capital first letter and a full stop at the end (core's
    translatable `Words` stay translatable)."""
    return text.sentence() if isinstance(text, Words) else as_a_sentence(text)


_MARKUP = re.compile(r"(\*\*|__|~~|`+|(?<!\S)\*(?=\S)|(?<=\S)\*(?!\S)"  # bold, strikes, code, emphasis
                     r"|^#{1,6}\s+|^>\s*|^[-*+]\s+|^\d+[.)]\s+)", re.MULTILINE)  # headings, quotes, lists
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def plain_title(text: str) -> str:
    """A conversation's title as plain words: Markdown's marks (`**bold**`, `code`, # headings, > quotes,
    list bullets, [links](url)) taken out, on one line."""
    text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return " ".join(text.split())
