"""Math in Markdown: `$…$`, `\\(…\\)`, `$$…$$` and `\\[…\\]` found by markdown-it rules, money left as text.

Pure (no Qt). A span becomes a `math_inline` or `math_block` token whose content is the LaTeX source; how it is
drawn is the renderer's business (figures.math_html). A formula is math only once it is closed, so an answer
that is still streaming shows `$x^2` as text until its `$` arrives, and a finished answer with an unclosed one
shows it as text too.

Dollars are money unless they look like math (the rules pandoc uses, and two more):
- an opening `$` is followed by a non-space and is not preceded by a letter or digit (`US$5`, `5$, 10$`);
- a closing `$` is preceded by a non-space and not followed by a digit (`$5 and $10`, `$5-$10`);
- `$5 and you save 20$` is money: it starts with a number and has words but nothing of math (`\\ ^ _ { } =`).
A `\\$` is a dollar sign. Inside code spans and code blocks nothing is math.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

_WORD = re.compile(r"(?<![\\A-Za-z])[A-Za-z]{3,}")
_MATH_SIGNS = re.compile(r"[\\^_{}=]")
_BLOCK_OPENERS = (("$$", "$$"), ("\\[", "\\]"))


def money_like(content: str) -> bool:
    """`5 and you save 20`: a number followed by words, with nothing that only math has."""
    return content[:1].isdigit() and _WORD.search(content) is not None and _MATH_SIGNS.search(content) is None


def _closing_dollar(src: str, start: int, end: int) -> int:
    """Where the `$` closing an inline formula opened just before `start` is, or -1."""
    pos = start
    while True:
        pos = src.find("$", pos, end)
        if pos < 0:
            return -1
        if src[pos - 1] == "\\":  # an escaped dollar inside the formula
            pos += 1
            continue
        after = src[pos + 1] if pos + 1 < end else ""
        if not src[pos - 1].isspace() and not after.isdigit():
            return pos
        pos += 1


def find_inline(src: str, pos: int, end: int) -> tuple[str, bool, int] | None:
    """(LaTeX source, display?, position after the closing delimiter) of a formula opening at `pos`."""
    if src.startswith("\\(", pos) or src.startswith("\\[", pos):
        closer = "\\)" if src[pos + 1] == "(" else "\\]"
        close = src.find(closer, pos + 2, end)
        body = src[pos + 2 : close] if close >= 0 else ""
        if close < 0 or not body.strip():
            return None
        return body.strip(), closer == "\\]", close + 2
    if src[pos] != "$":
        return None
    if src.startswith("$$", pos):
        close = src.find("$$", pos + 2, end)
        body = src[pos + 2 : close] if close >= 0 else ""
        if close < 0 or not body.strip():
            return None
        return body.strip(), True, close + 2
    if pos > 0 and src[pos - 1].isalnum():
        return None
    first = src[pos + 1] if pos + 1 < end else ""
    if not first or first.isspace() or first == "$":
        return None
    close = _closing_dollar(src, pos + 1, end)
    if close < 0:
        return None
    body = src[pos + 1 : close]
    if money_like(body):
        return None
    return body, False, close + 1


def _inline_rule(state: StateInline, silent: bool) -> bool:
    found = find_inline(state.src, state.pos, state.posMax)
    if found is None:
        return False
    body, display, after = found
    if not silent:
        token = state.push("math_inline", "math", 0)
        token.content = body
        token.markup = "$$" if display else "$"
        token.meta = {"display": display}
    state.pos = after
    return True


def _block_rule(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A display formula on lines of its own: `$$ … $$` or `\\[ … \\]`, closed before a blank line."""
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    first = state.src[begin : state.eMarks[start_line]].rstrip()
    pair = next((p for p in _BLOCK_OPENERS if first.startswith(p[0])), None)
    if pair is None:
        return False
    opener, closer = pair
    rest = first[len(opener) :]
    lines = [rest]
    line = start_line
    if closer in rest:  # one line: `$$ x $$`; `$$x$$ and more` is a paragraph with inline math
        if not rest.endswith(closer):
            return False
        lines = [rest[: -len(closer)]]
    else:
        while True:
            line += 1
            if line >= end_line:
                return False
            text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
            if not text:
                return False  # display math holds no blank line: this was not one
            if text.endswith(closer):
                lines.append(text[: -len(closer)])
                break
            lines.append(text)
    body = "\n".join(lines).strip()
    if not body:
        return False
    if silent:
        return True
    state.line = line + 1
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = body
    token.markup = opener
    token.map = [start_line, state.line]
    return True


def use_math(md: MarkdownIt) -> None:
    """Add the math rules (before `escape`, so `\\(` is not read as an escaped parenthesis)."""
    md.inline.ruler.before("escape", "math_inline", _inline_rule)
    md.block.ruler.before("fence", "math_block", _block_rule, {"alt": ["paragraph", "blockquote", "list"]})
