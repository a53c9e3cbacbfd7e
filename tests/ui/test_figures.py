"""Formulas and diagrams in the transcript: drawn as images, copied and saved as their source, in both themes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtGui import QGuiApplication, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu

from app.core import mermaid
from app.ui import figures
from app.ui.diagram_paint import DARK, LIGHT, measure_with, scene_image, scene_png, scene_svg
from app.ui.figure_view import figure_text
from app.ui.markdown_view import Entry
from app.ui.math_image import MathError, _padding, math_image, math_svg
from app.ui.theme import dark_palette
from app.ui.transcript import TranscriptView

DATA = Path(__file__).parents[1] / "data" / "render"
ANSWER = (
    "Energy $E = mc^2$ and\n\n$$\\int_0^1 x\\,dx = \\frac{1}{2}$$\n\n"
    "```mermaid\ngraph LR\n  A[Start] --> B[Stop]\n```\n"
)


def load_formulas() -> list[str]:
    text = "\n".join(line for line in (DATA / "formulas.txt").read_text().split("\n") if not line.startswith("#"))
    return [entry.strip() for entry in text.split("\n%%\n") if entry.strip()]


def diagram_corpus() -> list[str]:
    return [s for name in ("flowcharts.md", "sequences.md")
            for s in re.findall(r"```mermaid\n(.*?)```", (DATA / name).read_text(), re.S)]  # fmt: skip


@pytest.fixture
def view(qapp: QApplication) -> Iterator[TranscriptView]:
    widget = TranscriptView()
    widget.resize(800, 900)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()


def image_urls(view: TranscriptView) -> list[str]:
    names = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return names


def test_every_formula_renders_or_falls_back(view: TranscriptView) -> None:
    formulas = load_formulas()
    assert len(formulas) == 50
    drawn, fell_back = 0, []
    for tex in formulas:
        problem = figures.latex_problem(tex)
        try:
            math_svg(tex, False, "#000000", 15.0)
        except MathError:
            problem = problem or "ziamath"
        html = figures.math_html(tex, False, figures_colours())
        if problem is None:
            url = re.search(r'src="([^"]+)"', html)
            assert url is not None
            image = view.figures.image(url.group(1))
            assert image is not None and not image.isNull() and image.width() > 2
            drawn += 1
        else:
            fell_back.append(tex)
            image = math_image(tex, False, view.palette().text().color(), view.font(), 1.0)  # the source, drawn
            assert not image.isNull()
    assert drawn == 46
    assert fell_back == formulas[-4:]  # the four broken ones, and only they


def figures_colours() -> figures.Colours:
    from app.ui.markdown_view import LIGHT as MARKDOWN_LIGHT

    return MARKDOWN_LIGHT


def test_padding_puts_the_formula_baseline_on_the_line() -> None:
    for ascent, depth, half_x in ((12.0, 4.0, 3.5), (20.0, 9.0, 3.5), (5.0, 0.0, 3.5), (8.0, 8.0, 4.0)):
        top, bottom = _padding(ascent, depth, half_x)
        height = ascent + depth + top + bottom
        qt_descent = (height - half_x) / 2  # QTextDocumentLayout's rule for vertical-align: middle
        assert qt_descent == pytest.approx(depth + bottom)
        assert min(top, bottom) == 0


def test_transcript_draws_formulas_and_diagrams(view: TranscriptView) -> None:
    view.show_entries([Entry("user", "q"), Entry("assistant", ANSWER, "openai · m")])
    QApplication.processEvents()
    urls = image_urls(view)
    kinds = [figures.parse_url(u).kind for u in urls]  # type: ignore[union-attr]
    assert kinds == ["math", "math", "diagram"]
    assert not any(figures.parse_url(u.toString()) for u in view.blocked_resources)
    for url in urls:
        image = view.loadResource(2, QUrl(url))
        assert isinstance(image, QImage) and not image.isNull()


def test_copying_a_selection_gives_the_source(view: TranscriptView) -> None:
    view.show_entries([Entry("assistant", ANSWER, "openai · m")])
    view.selectAll()
    text = view.createMimeDataFromSelection().text()
    assert "$E = mc^2$" in text
    assert "$$\\int_0^1 x\\,dx = \\frac{1}{2}$$" in text
    assert "```mermaid\ngraph LR\n  A[Start] --> B[Stop]\n```" in text
    assert "\ufffc" not in text


def position_of_image(view: TranscriptView, kind: str) -> QPoint:
    document = view.document()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            figure = figures.parse_url(fmt.toImageFormat().name()) if fmt.isImageFormat() else None
            if figure is not None and figure.kind == kind:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position())
                rect = view.cursorRect(cursor)
                return QPoint(rect.x() + 4, rect.y() + rect.height() // 2)
            it += 1
        block = block.next()
    raise AssertionError(f"no {kind} image")


def test_context_menu_offers_copy_and_save(view: TranscriptView) -> None:
    view.show_entries([Entry("assistant", ANSWER, "openai · m")])
    QApplication.processEvents()
    diagram_actions = ["Copy diagram source", "Save diagram as SVG…", "Save diagram as PNG…"]
    for kind, wanted in (("math", ["Copy LaTeX"]), ("diagram", diagram_actions)):
        menu = QMenu()
        menu.addAction("Select All")
        view.figures.add_actions(menu, position_of_image(view, kind))
        names = [a.text() for a in menu.actions() if a.text()]
        assert names[: len(wanted)] == wanted
        menu.actions()[0].trigger()
        copied = QGuiApplication.clipboard().text()
        assert copied == ("$E = mc^2$" if kind == "math" else "graph LR\n  A[Start] --> B[Stop]\n")
        menu.deleteLater()


def test_diagram_links_copy_and_save(view: TranscriptView, tmp_path: Path) -> None:
    source = "sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Alice: Hi"
    data = figures.encode(source)
    messages: list[str] = []
    view.copy_done.connect(messages.append)
    view._anchor_clicked(QUrl(f"parley-figure:copy/{data}"))
    assert QGuiApplication.clipboard().text() == source
    figure = figures.Figure("diagram", source)
    svg = view.figures.save(figure, "svg", str(tmp_path / "d.svg"))
    png = view.figures.save(figure, "png", str(tmp_path / "d.png"))
    assert svg is not None and png is not None
    text = svg.read_text()
    assert "<svg" in text and "Alice" in text and "Hello" in text
    assert not QImage(str(png)).isNull()
    assert messages == ["Copied the diagram's source.", "Saved the diagram to d.svg.", "Saved the diagram to d.png."]


def test_diagram_corpus_with_qt_metrics(view: TranscriptView) -> None:
    measure = measure_with(view.font())
    sources = diagram_corpus()
    assert len(sources) == 30
    for source in sources:
        scene = mermaid.layout(source, measure)
        boxes = [b for b in scene.boxes if b.role in ("node", "participant")]
        assert not [(a.key, b.key) for i, a in enumerate(boxes) for b in boxes[i + 1 :]
                    if a.key != b.key and a.overlaps(b)]  # fmt: skip
        for colours in (LIGHT, DARK):
            image = scene_image(scene, colours, view.font(), 1.0)
            assert image.width() >= int(scene.width) and not image.isNull()
    scene = mermaid.layout(sources[0], measure)
    assert scene_svg(scene, LIGHT, view.font()).startswith(b"<?xml")
    assert scene_png(scene, DARK, view.font()).startswith(b"\x89PNG")


def test_a_diagram_that_cannot_be_drawn_shows_its_source_and_why(view: TranscriptView) -> None:
    view.show_entries([Entry("assistant", '```mermaid\npie title Pets\n  "Dogs" : 3\n```\n', "m")])
    html = view.document().toPlainText()
    assert "not drawn: pie diagrams are not drawn yet" in html
    assert "pie title Pets" in html
    assert image_urls(view) == []


def test_theme_change_draws_figures_again(view: TranscriptView, qapp: QApplication) -> None:
    view.show_entries([Entry("assistant", ANSWER, "m")])
    assert {figures.parse_url(u).dark for u in image_urls(view)} == {False}  # type: ignore[union-attr]
    view.setPalette(dark_palette())
    QApplication.processEvents()
    assert {figures.parse_url(u).dark for u in image_urls(view)} == {True}  # type: ignore[union-attr]


def test_streamed_formula_becomes_an_image_when_it_closes(view: TranscriptView) -> None:
    view.begin_answer("openai · m")
    for piece in ["The area is $\\pi r", "^2"]:
        view.append_answer(piece)
        view.flush()
    assert image_urls(view) == []
    assert "$\\pi r^2" in view.answer_text()
    view.append_answer("$ exactly.")
    view.flush()
    assert [figures.parse_url(u).source for u in image_urls(view)] == ["\\pi r^2"]  # type: ignore[union-attr]
    view.end_answer("footer")
    assert [figures.parse_url(u).source for u in image_urls(view)] == ["\\pi r^2"]  # type: ignore[union-attr]
    assert view.markdown_source() == "The area is $\\pi r^2$ exactly."


def test_figure_text() -> None:
    assert figure_text(figures.Figure("math", "x", display=True)) == "$$x$$"
    assert figure_text(figures.Figure("diagram", "graph TD\n A-->B\n")) == "```mermaid\ngraph TD\n A-->B\n```"


def test_start_up_imports_no_renderer() -> None:
    """ziamath, latex2mathml, QtSvg and the Mermaid layout load with the first formula or diagram."""
    import subprocess
    import sys

    code = ("import sys, app.main, app.ui.main_window, app.core.runtime; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('ziamath', 'latex2mathml', 'ziafont') "
            "or m in ('app.core.mermaid', 'app.ui.math_image', 'app.ui.diagram_paint', 'PySide6.QtSvg')))")  # fmt: skip
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_copying_formulas_again_and_again_does_not_crash() -> None:
    """The clipboard's data is Qt's own object: one made in Python would be freed twice (a crash at exit)."""
    import subprocess
    import sys

    code = (
        "import gc, os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication\nfrom PySide6.QtGui import QGuiApplication\n"
        "app = QApplication([])\nfrom app.ui.transcript import TranscriptView\nfrom app.ui.markdown_view import Entry\n"
        "v = TranscriptView()\nv.show_entries([Entry('assistant', 'Energy $E = mc^2$ ok', 'm')])\n"
        "for _ in range(50):\n    v.selectAll(); v.copy(); gc.collect(); app.processEvents()\n"
        "print(QGuiApplication.clipboard().mimeData().text())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "$E = mc^2$" in out.stdout
