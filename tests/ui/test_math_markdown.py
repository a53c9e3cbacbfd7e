"""Math spans in Markdown: the four delimiters, money left as text, formulas only once closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.ui import figures
from app.ui.markdown_view import DARK, LIGHT, MarkdownTail, render_markdown
from app.ui.math_markdown import find_inline, money_like

DATA = Path(__file__).parents[1] / "data" / "render"


def formulas(html: str) -> list[figures.Figure]:
    found = []
    for part in html.split('src="')[1:]:
        figure = figures.parse_url(part.split('"', 1)[0])
        if figure is not None:
            found.append(figure)
    return found


@pytest.mark.parametrize(
    ("text", "tex", "display"),
    [
        ("So $x^2 + 1$ is positive.", "x^2 + 1", False),
        (r"Inline \(e^{i\pi} + 1 = 0\) here.", r"e^{i\pi} + 1 = 0", False),
        ("$$\\int_0^1 x\\,dx = \\frac12$$", "\\int_0^1 x\\,dx = \\frac12", True),
        ("\\[\nE = mc^2\n\\]", "E = mc^2", True),
        ("The sum\n$$\n\\sum_{k=1}^n k\n$$\nis known.", "\\sum_{k=1}^n k", True),
        ("Text then \\[ a^2 + b^2 = c^2 \\] inline display.", "a^2 + b^2 = c^2", True),
        ("- item with $\\alpha_1$", "\\alpha_1", False),
        ("$2x + 1 = 5$ gives $x = 2$.", "2x + 1 = 5", False),
    ],
)
def test_each_delimiter_makes_a_formula(text: str, tex: str, display: bool) -> None:
    found = formulas(render_markdown(text, LIGHT))
    assert found, render_markdown(text, LIGHT)
    assert found[0].source == tex
    assert found[0].display is display
    assert found[0].dark is False


def test_the_theme_is_part_of_the_url() -> None:
    light, dark = formulas(render_markdown("$x$", LIGHT)), formulas(render_markdown("$x$", DARK))
    assert light[0].source == dark[0].source == "x"
    assert (light[0].dark, dark[0].dark) == (False, True)


def test_math_content_is_not_markdown() -> None:
    html = render_markdown("Here $a_1 * b_2 * c_3$ and *emphasis*.", LIGHT)
    assert formulas(html)[0].source == "a_1 * b_2 * c_3"
    assert "<em>emphasis</em>" in html


def test_code_is_never_math() -> None:
    html = render_markdown("Run `echo $x$` and\n\n```\n$y^2$\n```\n", LIGHT)
    assert formulas(html) == []


def test_money_corpus_stays_text() -> None:
    text = (DATA / "money.md").read_text()
    assert formulas(render_markdown(text, LIGHT)) == []
    for paragraph in text.split("\n\n"):
        html = render_markdown(paragraph, LIGHT)
        assert formulas(html) == [], paragraph
        assert html.count("$") == paragraph.count("$"), paragraph  # every dollar sign still there, as text


def test_money_amounts_keep_their_dollar_signs() -> None:
    html = render_markdown("It costs $5 and $10, or $3.50 each.", LIGHT)
    assert "It costs $5 and $10, or $3.50 each." in html


@pytest.mark.parametrize(
    ("src", "found"),
    [("$5 and $10", False), ("$x$", True), ("US$5 and US$10", False), ("5$, 10$", False), ("$ x$", False),
     ("$x $", False), ("$5-$10", False), ("$\\$5$", True)],
)  # fmt: skip
def test_dollar_rules(src: str, found: bool) -> None:
    hit = any(find_inline(src, i, len(src)) is not None for i, ch in enumerate(src) if ch in "$\\")
    assert hit is found


def test_money_like() -> None:
    assert money_like("5 and you save 20")
    assert not money_like("2x + 1")
    assert not money_like("10 \\text{ apples}")


def test_bad_latex_shows_its_source() -> None:
    html = render_markdown("Broken $\\frac{1}{2$ here and $$\\begin{pmatrix} a$$.", LIGHT)
    assert formulas(html) == []
    assert "$\\frac{1}{2$" in html
    assert "$$\\begin{pmatrix} a$$" in html


def test_latex_problem() -> None:
    assert figures.latex_problem("\\frac{1}{2}") is None
    assert figures.latex_problem("\\frac{1}{") == "a { is not closed"
    assert figures.latex_problem("x}") == "a } closes nothing"
    assert figures.latex_problem("\\{ x \\}") is None
    assert figures.latex_problem("\\begin{cases} x \\end{matrix}") is not None


def test_streamed_formula_renders_once_closed() -> None:
    tail = MarkdownTail(LIGHT)
    shown = []
    for piece in ["The area is $", "\\pi r", "^2", "$ for a circle", ", and \\[ C = 2", "\\pi r \\]", " too."]:
        tail.feed(piece)
        _committed, rest = tail.advance()
        shown.append(formulas("".join(tail.committed_html) + rest))
    assert shown[0] == shown[1] == shown[2] == []
    assert [f.source for f in shown[3]] == ["\\pi r^2"]
    assert [f.source for f in shown[4]] == ["\\pi r^2"]
    assert [f.source for f in shown[5]] == ["\\pi r^2", "C = 2\\pi r"]


def test_unclosed_display_block_stays_text_until_closed() -> None:
    tail = MarkdownTail(LIGHT)
    tail.feed("Result:\n\n$$\nx = ")
    assert formulas("".join(tail.committed_html) + tail.advance()[1]) == []
    tail.feed("1\n$$\n\nDone.\n")
    _committed, rest = tail.advance()
    assert [f.source for f in formulas("".join(tail.committed_html) + rest)] == ["x = 1"]


def test_url_round_trip() -> None:
    figure = figures.Figure("math", "\\frac{a}{b} % ünïcode / + =", display=True, dark=True)
    assert figures.parse_url(figures.figure_url(figure)) == figure
    diagram = figures.Figure("diagram", "graph TD\n A-->B", dark=False)
    assert figures.parse_url(figures.figure_url(diagram)) == diagram
    assert figures.parse_url("parley-math:il/%%%") is None
    assert figures.parse_url("https://example.com/x.png") is None
