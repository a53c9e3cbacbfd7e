"""The Markdown tail renderer: however a text is cut into streamed pieces, the result is the whole text's render."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextBlock, QTextCursor, QTextDocument, QTextFormat

from app.ui.final_render import OFF_THREAD_CHARS
from app.ui.markdown_view import DARK, LIGHT, Entry, MarkdownTail, plain_paragraph_html, render_markdown
from app.ui.transcript import TAIL_LIMIT, TranscriptView

pytestmark = pytest.mark.gui

# Characters that start, end or change Markdown blocks and spans, plus plain letters and line breaks.
MARKDOWN_SOUP = st.text(alphabet="ab \n\n\n*_`#>-+|1.[]()~:\\!=\t\r", max_size=160)

WORD = st.sampled_from(["alpha", "beta", "*em*", "**strong**", "`code`", "[docs](https://example.com/d)", "a|b",
                        "snake_case", "<b>raw</b>", "2.", "#tag", "x\\*y"])  # fmt: skip
LINE = st.lists(WORD, min_size=1, max_size=6).map(" ".join)


@st.composite
def blocks(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["para", "heading", "list", "ordered", "fence", "table", "quote", "hr", "indented"]))
    lines = draw(st.lists(LINE, min_size=1, max_size=4))
    if kind == "para":
        return "\n".join(lines)
    if kind == "heading":
        return "#" * draw(st.integers(1, 4)) + " " + lines[0]
    if kind == "list":
        return "\n".join(("  - " if draw(st.booleans()) and i else "- ") + x for i, x in enumerate(lines))
    if kind == "ordered":
        return "\n".join(f"{i + 1}. {x}" for i, x in enumerate(lines))
    if kind == "fence":
        lang = draw(st.sampled_from(["", "python", "js", "nosuchlang"]))
        closed = draw(st.booleans())
        return f"```{lang}\n" + "\n".join(lines) + ("\n```" if closed else "")
    if kind == "table":
        return "| a | b |\n|---|:-:|\n" + "\n".join(f"| {x} | {i} |" for i, x in enumerate(lines))
    if kind == "quote":
        return "\n".join("> " + x for x in lines)
    if kind == "hr":
        return "---"
    return "\n".join("    " + x for x in lines)


DOCUMENTS = st.lists(st.tuples(blocks(), st.sampled_from(["\n\n", "\n", "\n\n\n"])), max_size=6).map(
    lambda parts: "".join(block + gap for block, gap in parts)
)
TEXTS = st.one_of(DOCUMENTS, MARKDOWN_SOUP)
CUTS = st.lists(st.tuples(st.integers(1, 24), st.booleans()), min_size=1, max_size=40)


def pieces(text: str, cuts: list[tuple[int, bool]]) -> Iterator[tuple[str, bool]]:
    """`text` in pieces of the sizes `cuts` gives (over and over), each with whether to paint after it."""
    at, i = 0, 0
    while at < len(text):
        size, paint = cuts[i % len(cuts)]
        yield text[at : at + size], paint
        at += size
        i += 1


def stream(text: str, cuts: list[tuple[int, bool]], colours: Any = LIGHT, copy_key: str | None = None) -> str:
    """Feed `text` in pieces of the given sizes, painting (advancing) after the pieces marked True."""
    tail = MarkdownTail(colours, copy_key)
    html: list[str] = []
    for piece, paint in pieces(text, cuts):
        tail.feed(piece)
        if paint:
            html.append(tail.advance()[0])
    tail.close()
    committed, last = tail.advance()
    return "".join(html) + committed + last


@settings(max_examples=400, deadline=None)
@given(text=TEXTS, cuts=CUTS, copy_key=st.sampled_from([None, "3"]))
def test_any_split_renders_like_the_whole_text(text: str, cuts: list[tuple[int, bool]], copy_key: str | None) -> None:
    """With Copy links too: code blocks keep their numbers whichever frame finished them."""
    assert stream(text, cuts, LIGHT, copy_key) == render_markdown(text, LIGHT, copy_key)


@settings(max_examples=100, deadline=None)
@given(text=DOCUMENTS, cuts=CUTS)
def test_any_split_renders_like_the_whole_text_in_the_dark_theme(text: str, cuts: list[tuple[int, bool]]) -> None:
    assert stream(text, cuts, DARK) == render_markdown(text, DARK)


def test_finished_blocks_are_rendered_once_and_only_the_tail_again() -> None:
    tail = MarkdownTail()
    tail.feed("# Title\n\nFirst paragraph.\n\nSecond, still")
    committed, last = tail.advance()
    # The last block's first line is not whole yet ("Second" could still turn out to continue a list),
    # so the block before it stays in the tail too.
    assert committed == "<h1>Title</h1>\n" and tail.rest == "First paragraph.\n\nSecond, still"
    assert last == "<p>First paragraph.</p>\n<p>Second, still</p>\n"
    tail.feed(" going.\n\n```python\nx = 1\n")
    committed, last = tail.advance()
    assert committed == "<p>First paragraph.</p>\n<p>Second, still going.</p>\n"
    assert tail.rest == "```python\nx = 1\n" and "<pre>x = 1\n</pre>" in last  # open fence: not highlighted yet
    tail.feed("```\n")
    committed, last = tail.advance()
    assert committed == "" and "<pre" in last and "<span" in last  # closed: highlighted
    assert tail.committed_html == ["<h1>Title</h1>\n", "<p>First paragraph.</p>\n<p>Second, still going.</p>\n"]


def test_a_list_item_that_starts_late_still_joins_its_list() -> None:
    """Found by hypothesis: "1" alone is a paragraph, "1. alpha" continues the list above (now loose)."""
    text = "1. alpha\n\n1. alpha\n\n"
    assert stream(text, [(1, True)]) == render_markdown(text)
    assert "<p>alpha</p>" in render_markdown(text)


def test_a_carriage_return_split_from_its_line_feed_is_one_line_break() -> None:
    assert stream("a\r\nb\r\n\r\n- c", [(2, True), (1, True)]) == render_markdown("a\nb\n\n- c")


# Through real widgets the examples are fixed (derandomize): a rare crash inside Qt's text layout was seen twice
# under random examples and never reproduced; every run of the suite, here and in CI, now checks the same ones.
@settings(max_examples=150, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(text=DOCUMENTS, cuts=CUTS)
def test_the_painted_answer_reads_like_the_finished_render(qtbot: Any, text: str, cuts: list[tuple[int, bool]]) -> None:
    """Through the real view: pieces buffered and painted at arbitrary frames end as the whole render reads."""
    if len(text) > TAIL_LIMIT:
        return
    view = TranscriptView()
    qtbot.addWidget(view)
    view.begin_answer("model")
    for piece, paint in pieces(text, cuts):
        view.append_answer(piece)
        if paint:
            view.flush()
    view.flush()
    whole = lines(plain(render_markdown(text, LIGHT, "0")))  # the answer is message 0: its code Copy links
    assert lines(view.answer_text()) == whole
    view.end_answer("footer", text=text)
    assert lines(view.answer_text()) == whole
    assert view.toPlainText().endswith("\nfooter")  # after the answer, not inside its last table


def plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html.strip())
    return doc.toPlainText()


def lines(text: str) -> list[str]:
    """The text's lines without blank ones (Qt keeps an empty paragraph after a table, or not, by context)."""
    return [line for line in text.split("\n") if line.strip()]


def test_a_long_code_block_streams_into_its_box(qtbot: Any) -> None:
    """Past TAIL_LIMIT the open block is drawn again only as it grows by a quarter; the text between goes
    into the code box, not under it."""
    view = TranscriptView()
    qtbot.addWidget(view)
    view.begin_answer("model")
    code = "".join(f"value_{i} = compute({i})  # line {i}\n" for i in range(200))
    view.append_answer("Here:\n\n```python\n")
    for i in range(0, len(code), 40):
        view.append_answer(code[i : i + 40])
        view.flush()
        end = view.textCursor()
        end.movePosition(QTextCursor.MoveOperation.End)
        found = view.document().find(code[: i + 40].rstrip("\n").split("\n")[-1], end,
                                     QTextDocument.FindFlag.FindBackward)  # fmt: skip
        assert not found.isNull() and found.currentTable() is not None, f"after {i + 40} characters: outside the box"
    assert len(code) > 3 * TAIL_LIMIT
    view.append_answer("```\n\nDone.")
    view.flush()
    whole = render_markdown("Here:\n\n```python\n" + code + "```\n\nDone.", LIGHT, "0")
    assert lines(view.answer_text()) == lines(plain(whole))


REASONING = st.sampled_from([("", ""), ("Thinking it over.\nStill thinking.", ""), ("", "Told only at the end."),
                             ("Streamed.", "Streamed.")])  # fmt: skip
ERRORS = st.sampled_from([None, ("The connection dropped.", "Try again.")])


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(text=DOCUMENTS, repeat=st.sampled_from([1, 1, 12]), cuts=CUTS, reasoning=REASONING, error=ERRORS)
def test_an_ended_answer_is_drawn_as_if_it_had_come_in_one_piece(
    qtbot: Any, text: str, repeat: int, cuts: list[tuple[int, bool]], reasoning: tuple[str, str], error: Any
) -> None:
    """However it streamed (long blocks past TAIL_LIMIT stay plain for a while), the ended answer is the same
    document, format for format, as one drawn in one go."""
    text = (text or "Text.") * repeat  # (an answer of reasoning only is drawn again in one go anyway)
    streamed, whole = TranscriptView(), TranscriptView()
    try:
        _stream_both(streamed, whole, text, cuts, reasoning, error)
    finally:
        for view in (streamed, whole):  # (not kept for the whole test: hypothesis makes hundreds)
            view.deleteLater()


def _stream_both(streamed: TranscriptView, whole: TranscriptView, text: str, cuts: list[tuple[int, bool]],
                 reasoning: tuple[str, str], error: Any) -> None:  # fmt: skip
    for view in (streamed, whole):
        view.add_prompt("question")
        view.begin_answer("provider · model")
    if reasoning[0]:
        streamed.append_answer("", reasoning[0])
    for piece, paint in pieces(text, cuts):
        streamed.append_answer(piece)
        if paint:
            streamed.flush()
    streamed.end_answer("footer", error, text=text, reasoning=reasoning[1], message_id=7)
    whole.end_answer("footer", error, text=text, reasoning=reasoning[1] or reasoning[0], message_id=7)
    assert streamed.toHtml() == whole.toHtml()
    assert streamed.answer_text() == whole.answer_text()
    found = [view.message_at(view.viewport().rect().center()) for view in (streamed, whole)]
    assert [(key, block.blockNumber()) for key, block in filter(None, found)] * 2 == [
        (key, block.blockNumber()) for key, block in filter(None, found[::-1])] * 2  # fmt: skip


def test_a_long_paragraph_that_turns_into_a_list_is_drawn_as_one_at_once(qtbot: Any) -> None:
    """Past TAIL_LIMIT a paragraph streams as plain text; a line that starts a list ends it, and the list is
    drawn as a list straight away, not when the answer ends."""
    view = TranscriptView()
    qtbot.addWidget(view)
    view.begin_answer("model")
    text = "word " * 600 + "\n- first item\n- second item\n"
    for i in range(0, len(text), 7):
        view.append_answer(text[i : i + 7])
        view.flush()
    assert len(text) > TAIL_LIMIT
    assert lines(view.answer_text()) == lines(plain(render_markdown(text, LIGHT, "0")))
    assert "- first item" not in view.toPlainText()


def test_an_answer_that_ends_with_a_rule_keeps_it_above_its_footer(qtbot: Any) -> None:
    """As when the conversation is opened again: the footer used to take over the rule's (empty) block."""
    view, opened = TranscriptView(), TranscriptView()
    qtbot.addWidget(view)
    qtbot.addWidget(opened)
    view.begin_answer("model")
    view.append_answer("Done.\n\n---\n")
    view.end_answer("footer", text="Done.\n\n---\n")
    opened.show_entries([Entry("assistant", "Done.\n\n---\n", "model", footer="footer")])
    for doc in (view.document(), opened.document()):
        rule = QTextFormat.Property.BlockTrailingHorizontalRulerWidth
        rules = [b for b in blocks_of(doc) if b.blockFormat().hasProperty(rule)]
        assert len(rules) == 1 and rules[0].next().text() == "footer"


def blocks_of(doc: QTextDocument) -> list[QTextBlock]:
    out, block = [], doc.begin()
    while block.isValid():
        out.append(block)
        block = block.next()
    return out


LONG_SECTION = """## Part {n}

Prose with *emphasis*, `code`, a formula $x^{n} + 1$ and a [link](https://example.com/{n}).

```python
def part_{n}(x):
    return [x * i for i in range({n})]
```

| part | value |
|-----:|:------|
| {n} | {n}{n} |

- first point of part {n}
- second point, with **bold**

$$\\sum_{{i=1}}^{{{n}}} i$$

"""


def _long_paragraph() -> str:
    """One paragraph of Markdown longer than OFF_THREAD_CHARS (its lines never end it)."""
    text = "".join(f"Line {n} of *one* paragraph, with `code` and **bold**.\n" for n in range(400))
    assert len(text) >= OFF_THREAD_CHARS
    return text


def _long_answer() -> str:
    text = "".join(LONG_SECTION.format(n=n) for n in range(1, 200))
    assert len(text) >= OFF_THREAD_CHARS
    return text


def _streamed_and_whole(qtbot: Any, text: str) -> tuple[TranscriptView, TranscriptView]:
    """Two views after a prompt: `text` streamed into the first in pieces (not ended); the second's answer begun."""
    streamed, whole = TranscriptView(), TranscriptView()
    qtbot.addWidget(streamed)
    qtbot.addWidget(whole)
    for view in (streamed, whole):
        view.add_prompt("question")
        view.begin_answer("provider · model")
    for i in range(0, len(text), 997):
        streamed.append_answer(text[i : i + 997])
        streamed.flush()
    return streamed, whole


def test_a_long_answer_ends_where_it_stands(qtbot: Any) -> None:
    """The parts of a long answer drawn as they finished are the final drawing's own: ending it draws only its
    tail again and puts the footer under it (no second parse, no layout of the whole answer again), and the
    document is the one drawn in one go."""
    text = _long_answer()
    streamed, whole = _streamed_and_whole(qtbot, text)
    live = streamed._live
    assert live is not None
    changed: list[int] = []
    streamed.document().contentsChange.connect(lambda position, _removed, _added: changed.append(position))
    streamed.end_answer("footer", text=text, message_id=7)
    assert streamed._ending is None  # nothing left for a worker
    assert changed and min(changed) >= live.tail_start - 1 > len(text) // 2  # nothing above the tail (its line break)
    whole.end_answer("footer", text=text, message_id=7)
    assert streamed.toHtml() == whole.toHtml()
    assert streamed.answer_text() == whole.answer_text()
    hovered = [view.message_at(view.viewport().rect().center()) for view in (streamed, whole)]
    assert [found[0] for found in hovered if found is not None] == [1, 1]  # the answer, as a finished message


@pytest.mark.parametrize("then", ["wait", "prompt", "read"])
def test_a_long_answer_is_drawn_again_off_the_gui_thread_as_if_in_one_piece(qtbot: Any, then: str) -> None:
    """A long answer that cannot end where it stands (one long paragraph: no part of it was drawn final while it
    streamed) has its final drawing made in a worker and swapped in later; swapped in, or settled at once by
    whatever comes next (the next prompt, reading the answer), it is the document drawn in one go."""
    text = _long_paragraph()
    streamed, whole = _streamed_and_whole(qtbot, text)
    streamed.end_answer("footer", text=text, message_id=7)
    assert streamed._ending is not None  # not drawn again on the GUI thread (yet)
    whole.end_answer("footer", text=text, message_id=7)
    assert whole._ending is None  # nothing streamed: drawn in one go, as before
    if then == "wait":
        qtbot.waitUntil(lambda: streamed._ending is None, timeout=10_000)
    elif then == "prompt":
        for view in (streamed, whole):
            view.add_prompt("and then?")
    else:
        assert streamed.answer_text() == whole.answer_text()
    assert streamed._ending is None
    assert streamed.toHtml() == whole.toHtml()
    assert streamed.answer_text() == whole.answer_text()
    assert streamed.markdown_source() == whole.markdown_source()


def test_a_long_answer_waiting_for_its_drawing_is_dropped_by_a_rebuild(qtbot: Any) -> None:
    """A conversation opened (or the theme changed) while the drawing is made: the late drawing is not swapped
    into the new document."""
    view = TranscriptView()
    qtbot.addWidget(view)
    text = _long_paragraph()
    view.begin_answer("provider · model")
    view.append_answer(text)
    view.flush()
    view.end_answer("footer", text=text)
    ending = view._ending
    assert ending is not None
    view.show_entries([Entry("user", "other conversation")])
    before = view.toHtml()
    qtbot.waitUntil(lambda: ending.body is not None, timeout=10_000)
    qtbot.wait(100)  # the worker's result is handed back, and ignored
    assert view.toHtml() == before
    assert "Line 1 of" not in view.toPlainText()


@pytest.mark.parametrize("long", [False, True])
def test_an_ended_answer_is_not_parsed_again(qtbot: Any, monkeypatch: pytest.MonkeyPatch, long: bool) -> None:
    """The blocks rendered while the answer streamed, and its tail, make the finished answer's HTML: ending it
    parses no Markdown but the tail (a long answer's final drawing costs no second parse)."""
    from app.ui import markdown_view

    short = "Intro *here*.\n\n```python\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nEnd\r\n"
    text = _long_answer() if long else short
    streamed, whole = TranscriptView(), TranscriptView()
    qtbot.addWidget(streamed)
    qtbot.addWidget(whole)
    for view in (streamed, whole):
        view.begin_answer("provider · model")
    whole.end_answer("footer", text=text, message_id=3)
    for i in range(0, len(text), 37):
        streamed.append_answer(text[i : i + 37])
        streamed.flush()
    render_markdown.cache_clear()
    parsed: list[int] = []
    whole_render = markdown_view._render

    def counted(source: str, *args: Any) -> str:
        parsed.append(len(source))
        return whole_render(source, *args)

    monkeypatch.setattr(markdown_view, "_render", counted)
    streamed.end_answer("footer", text=text, message_id=3)
    qtbot.waitUntil(lambda: streamed._ending is None, timeout=10_000)
    assert streamed.toHtml() == whole.toHtml()
    assert parsed == []  # (the tail is parsed by MarkdownTail itself)


def test_a_quote_and_a_formula_look_the_same_while_streaming_as_once_finished(qtbot: Any) -> None:
    """A block that starts a newly finished part of the answer used to take the format of the empty line it went
    into: a quote drawn flush left, a display formula not centred, until the answer ended."""
    text = "Intro.\n\n> quoted text\n> goes on\n\nMiddle.\n\n$$x^2 + 1$$\n\nAfter.\n\nEnd"
    streaming, opened = TranscriptView(), TranscriptView()
    qtbot.addWidget(streaming)
    qtbot.addWidget(opened)
    streaming.begin_answer("model")
    for i in range(0, len(text), 3):
        streaming.append_answer(text[i : i + 3])
        streaming.flush()
    opened.show_entries([Entry("assistant", text, "model", footer="footer")])

    def looks(view: TranscriptView, starts: str) -> tuple[float, float, float, Any]:
        block = next(b for b in blocks_of(view.document()) if b.text().startswith(starts) or
                     (starts == "formula" and b.text() == "\ufffc"))  # fmt: skip
        fmt = block.blockFormat()
        return fmt.leftMargin(), fmt.topMargin(), fmt.bottomMargin(), fmt.alignment()

    for starts in ("quoted text", "formula", "After."):
        assert looks(streaming, starts) == looks(opened, starts), starts
    assert looks(streaming, "quoted text")[0] > 0 and looks(streaming, "formula")[3] & Qt.AlignmentFlag.AlignHCenter


def _plain_paragraph() -> str:
    """One paragraph of plain prose longer than OFF_THREAD_CHARS, with what plain prose may hold: quotes, brackets,
    a "!", runs of spaces, a line starting with a capital."""
    text = "".join(f'Line {n} of one "plain" paragraph [{n}], with  two spaces! And more\n' for n in range(400))
    assert len(text) >= OFF_THREAD_CHARS
    return text


@pytest.mark.parametrize("ending", ["", "\n"])
def test_a_long_paragraph_of_plain_prose_ends_where_it_stands(qtbot: Any, ending: str) -> None:
    """Plain prose streamed past TAIL_LIMIT goes in as plain lines; at its end it becomes its paragraph's one text
    where it stands (no HTML parsed again, no worker), and reads, format for format, as drawn in one go."""
    text = _plain_paragraph().rstrip("\n") + ending
    streamed, whole = _streamed_and_whole(qtbot, text)
    live = streamed._live
    assert live is not None and len(live.tail.rest) > TAIL_LIMIT
    changed: list[int] = []
    streamed.document().contentsChange.connect(lambda position, _removed, _added: changed.append(position))
    streamed.end_answer("footer", text=text, message_id=7)
    assert streamed._ending is None  # nothing left for a worker
    assert changed and min(changed) >= live.text_start  # the heading above it untouched
    whole.end_answer("footer", text=text, message_id=7)
    assert streamed.toHtml() == whole.toHtml()
    assert streamed.answer_text() == whole.answer_text()
    assert streamed.markdown_source() == whole.markdown_source()


PROSE_WORD = st.sampled_from(["Alpha", "beta", "[3]", '"quoted"', "well-known", "end.", "Wow!", "(aside)", "a  b",
                              "é", "日本", "x=1", "#tag", "note:", "*em*", "1."])  # fmt: skip
PROSE = st.lists(st.lists(PROSE_WORD, min_size=1, max_size=8).map(" ".join), min_size=1, max_size=6).map("\n".join)


@settings(max_examples=25, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(text=PROSE, repeat=st.sampled_from([1, 30, 90]), cuts=CUTS, end=st.sampled_from(["", "\n", "\n\nMore.\n"]))
def test_prose_of_any_length_ends_as_drawn_in_one_go(qtbot: Any, text: str, repeat: int, cuts: list[tuple[int, bool]],
                                                     end: str) -> None:  # fmt: skip
    """Prose (plain or not, one paragraph or with another after it), short or long past TAIL_LIMIT, in any pieces:
    the ended answer, once drawn (a long one not plain may be drawn again in a worker), is the document drawn in
    one go; plain prose ends where it stands, with nothing left for a worker (_finish_plain)."""
    text = "\n".join([text] * repeat) + end
    streamed, whole = TranscriptView(), TranscriptView()
    try:
        for view in (streamed, whole):
            view.add_prompt("question")
            view.begin_answer("provider · model")
        for piece, paint in pieces(text, [(size * 40, paint) for size, paint in cuts]):
            streamed.append_answer(piece)
            if paint:
                streamed.flush()
        streamed.end_answer("footer", text=text, message_id=7)
        if plain_paragraph_html(text.split("\n\n")[0]) is not None and len(text) > TAIL_LIMIT:
            assert streamed._ending is None
        qtbot.waitUntil(lambda: streamed._ending is None, timeout=10_000)
        whole.end_answer("footer", text=text, message_id=7)
        assert streamed.toHtml() == whole.toHtml()
        assert streamed.answer_text() == whole.answer_text()
    finally:
        for view in (streamed, whole):
            view.deleteLater()
