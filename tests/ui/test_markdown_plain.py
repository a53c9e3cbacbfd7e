"""A streamed answer's tail that is plain prose is drawn without parsing it: the HTML made for it must be exactly
markdown-it's (and the tail's kind the same), or None so that markdown-it makes it."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from app.ui import markdown_view
from app.ui.markdown_view import MarkdownTail, plain_paragraph_html

# Words, spaces and line ends, with every character Markdown may read as syntax at a line's start or inside it.
_TEXT = st.lists(st.one_of(st.sampled_from(["ab", "Zé", "x", "日本", " ", "\n", "[", "]", "(", "!"]),
                           st.sampled_from([*list("19.)-=#>*_`[]!<>&$~|:\\\"'\t\r("), "\u2028", "\x00", "  \n"])),
                 max_size=14).map("".join)  # fmt: skip


def _parsed(text: str) -> tuple[tuple[str, str], str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markdown_view, "plain_paragraph_html", lambda text: None)
        tail = MarkdownTail()
        tail.feed(text)
        return tail.advance(), tail.kind


def _fast(text: str) -> tuple[tuple[str, str], str]:
    tail = MarkdownTail()
    tail.feed(text)
    return tail.advance(), tail.kind


@settings(max_examples=600, deadline=None)
@given(_TEXT)
@example("Plain prose, with \"quotes\" and a colon: here.\nA second line")
@example("Title\n===")
@example("Words\n1. a list")
@example("Two spaces  \nmake a break")
@example("a\n")
def test_plain_prose_is_drawn_as_markdown_it_draws_it(text: str) -> None:
    assert _fast(text) == _parsed(text)


@pytest.mark.parametrize("text", ["Hello world", "Plain prose, with \"quotes\" (and a colon: here).\nNext line.",
                                  "é and 日本 too\n", "Wow! A [bracket] and [t=1.5] too",
                                  "[t=2.5] ab ab\n[1] a note"])  # fmt: skip
def test_prose_takes_the_fast_path(text: str) -> None:
    assert plain_paragraph_html(text) is not None


@pytest.mark.parametrize("text", ["", "1. one", "- item", "a *b*", "x\n\ny", " lead", "trail ", "a\tb", "`c`",
                                  "a & b", "Title\n---", "a_b", "a [link](x)", "an ![image](x)"])  # fmt: skip
def test_anything_else_is_parsed(text: str) -> None:
    assert plain_paragraph_html(text) is None


@pytest.mark.parametrize("mark", [*list('*_`[]!<>&$~|\\"'), "  \n", "\t", "\r"])
def test_each_mark_inside_prose_is_drawn_as_markdown_it_draws_it(mark: str) -> None:
    for text in (f"ab{mark}cd{mark} ef", f"ab {mark}cd{mark}", f"[ab]{mark}(cd)", f"ab\n{mark}cd{mark}"):
        assert _fast(text) == _parsed(text)
