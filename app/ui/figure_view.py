"""What a text view needs for formulas and diagrams: their images, their source when copying, their actions.

A TranscriptView owns one `FigureSupport` and calls it from four places: `loadResource` (the images that
figures.py's URLs name, drawn on first use and cached by URL, font and pixel ratio), the context menu (Copy
LaTeX, Copy diagram source, Save as SVG or PNG), `parley-figure:` links under a diagram, and copying a
selection (a formula's or diagram's image becomes its source, so a copied answer pastes as it was written).
"""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QImage, QTextCursor, QTextDocumentFragment
from PySide6.QtWidgets import QFileDialog, QMenu, QTextEdit

from . import figures
from .figures import Figure
from .i18n import problem, translate

CACHE_SIZE = 1024  # images kept (a 2,000-message conversation with 200 formulas reopens without drawing any)
OBJECT = "\ufffc"  # what QTextDocument puts in plain text for an image
_images: OrderedDict[tuple[str, str, float, int], QImage] = OrderedDict()


def cached_image(key: tuple[str, str, float, int]) -> QImage | None:
    image = _images.get(key)
    if image is not None:
        _images.move_to_end(key)
    return image


def remember(key: tuple[str, str, float, int], image: QImage) -> None:
    _images[key] = image
    while len(_images) > CACHE_SIZE:
        _images.popitem(last=False)


def figure_text(figure: Figure) -> str:
    """How a figure reads as text: LaTeX between its delimiters, a diagram as its Mermaid fence."""
    if figure.kind == "math":
        return f"$${figure.source}$$" if figure.display else f"${figure.source}$"
    return f"```mermaid\n{figure.source.rstrip()}\n```"


class FigureSupport(QObject):
    """Images, copying and actions for the figures in one view's document."""

    copied = Signal(str)  # what went to the clipboard or a file, in words for the status bar

    def __init__(self, view: QTextEdit) -> None:
        super().__init__(view)
        self.view = view
        self.save_dir = Path.home()

    # -- images ------------------------------------------------------------------------------------------
    def image(self, url: QUrl | str) -> QImage | None:
        """The image a `parley-math:` or `parley-diagram:` URL names; None for any other URL."""
        name = url.toString() if isinstance(url, QUrl) else url
        figure = figures.parse_url(name)
        if figure is None:
            return None
        view = self.view
        dpr = max(1.0, view.devicePixelRatioF())
        width = view.viewport().width() - 40 if figure.kind == "diagram" else 0
        key = (name, view.font().key(), dpr, max(width, 0) // 100)
        image = cached_image(key)
        if image is None:
            image = self._draw(figure, dpr, width)
            remember(key, image)
        return image

    def _draw(self, figure: Figure, dpr: float, width: int) -> QImage:
        colour = self.view.palette().text().color()
        if figure.kind == "math":
            from .math_image import math_image  # ziamath loads with the first formula, not at start-up

            return math_image(figure.source, figure.display, colour, self.view.font(), dpr)
        from app.core.mermaid import DiagramError, layout

        from .diagram_paint import DARK, LIGHT, measure_with, scene_image

        try:
            scene = layout(figure.source, measure_with(self.view.font()))
        except (DiagramError, ValueError, IndexError, KeyError) as error:  # figures.py checked it parses
            from .math_image import source_image

            said_here = translate("FigureView", "Diagram not drawn: {problem}").format(problem=problem(error))
            return source_image(said_here, colour, self.view.font(), dpr)
        return scene_image(scene, DARK if figure.dark else LIGHT, self.view.font(), dpr, max(width, 320))

    # -- what is under the mouse ---------------------------------------------------------------------------
    def figure_at(self, pos: QPoint) -> Figure | None:
        """The formula or diagram drawn at viewport point `pos`."""
        document = self.view.document()
        position = document.documentLayout().hitTest(pos + self._scroll(), Qt.HitTestAccuracy.FuzzyHit)
        if position < 0:
            return None
        for at in (position, position - 1):
            cursor = QTextCursor(document)
            cursor.setPosition(max(0, at))
            cursor.setPosition(max(0, at) + 1, QTextCursor.MoveMode.KeepAnchor)
            fmt = cursor.charFormat()
            if fmt.isImageFormat():
                found = figures.parse_url(fmt.toImageFormat().name())
                if found is not None:
                    return found
        return None

    def _scroll(self) -> QPoint:
        return QPoint(self.view.horizontalScrollBar().value(), self.view.verticalScrollBar().value())

    def add_actions(self, menu: QMenu, pos: QPoint) -> None:
        """Copy and save actions at the top of `menu` for the figure at `pos`, if any."""
        figure = self.figure_at(pos)
        if figure is None:
            return
        first = menu.actions()[0] if menu.actions() else None
        if figure.kind == "math":
            action = menu.addAction(translate("FigureView", "Copy LaTeX"))
            action.triggered.connect(lambda: self.copy_source(figure))
            items = [action]
        else:
            items = [menu.addAction(translate("FigureView", "Copy diagram source")),
                     menu.addAction(translate("FigureView", "Save diagram as SVG…")),
                     menu.addAction(translate("FigureView", "Save diagram as PNG…"))]  # fmt: skip
            items[0].triggered.connect(lambda: self.copy_source(figure))
            items[1].triggered.connect(lambda: self.save(figure, "svg"))
            items[2].triggered.connect(lambda: self.save(figure, "png"))
        if first is not None:
            for action in items:
                menu.removeAction(action)
            menu.insertActions(first, items)
            menu.insertSeparator(first)

    # -- actions ---------------------------------------------------------------------------------------------
    def act(self, url: QUrl) -> None:
        """A `parley-figure:ACTION/SOURCE` link under a diagram."""
        action, _, data = url.toString().partition(":")[2].partition("/")
        try:
            figure = Figure("diagram", figures.decode(data))
        except ValueError:
            return
        if action == "copy":
            self.copy_source(figure)
        elif action in ("svg", "png"):
            self.save(figure, action)

    def copy_source(self, figure: Figure) -> None:
        QGuiApplication.clipboard().setText(figure.source if figure.kind == "diagram" else figure_text(figure))
        self.copied.emit(translate("FigureView", "Copied the LaTeX.") if figure.kind == "math"
                         else translate("FigureView", "Copied the diagram's source."))

    def file_bytes(self, figure: Figure, kind: str) -> bytes:
        """The diagram as an SVG or PNG file, in the view's theme."""
        from app.core.mermaid import layout

        from .diagram_paint import DARK, LIGHT, measure_with, scene_png, scene_svg
        from .theme import is_dark

        scene = layout(figure.source, measure_with(self.view.font()))
        colours = DARK if is_dark(self.view.palette()) else LIGHT
        if kind == "svg":
            return scene_svg(scene, colours, self.view.font())
        return scene_png(scene, colours, self.view.font())

    def save(self, figure: Figure, kind: str, path: str | None = None) -> Path | None:
        """Ask where (unless `path` is given) and write the diagram there."""
        if path is None:
            suggested = str(self.save_dir / f"diagram.{kind}")
            path, _ = QFileDialog.getSaveFileName(
                self.view, translate("FigureView", "Save diagram as {format}").format(format=kind.upper()), suggested,
                translate("FigureView", "{format} image ({patterns})").format(format=kind.upper(),
                                                                              patterns=f"*.{kind}"))
        if not path:
            return None
        target = Path(path)
        try:
            target.write_bytes(self.file_bytes(figure, kind))
        except OSError as error:
            self.copied.emit(translate("FigureView", "Could not save the diagram: {problem}").format(
                problem=error.strerror or error))
            return None
        self.save_dir = target.parent
        self.copied.emit(translate("FigureView", "Saved the diagram to {name}.").format(name=target.name))
        return target

    # -- copying a selection ---------------------------------------------------------------------------------
    def selection_mime(self, made: QMimeData) -> QMimeData:
        """The selection with every formula and diagram as its source in the plain text (Qt's HTML kept).
        Qt's own object, returned to Qt (one made here would be freed twice); it fills its data in lazily, so it
        is made to do that first, and our text then replaces its plain text."""
        cursor = self.view.textCursor()
        text = selection_text(cursor) if cursor.hasSelection() else None
        if text is not None:
            made.formats()
            made.text()  # QTextEditMimeData fills in text and HTML now, once, and keeps what is set after
            made.setText(text)
        return made


def selection_text(cursor: QTextCursor) -> str | None:
    """The selected text with our images replaced by their source; None if it holds none of them."""
    plain = QTextDocumentFragment(cursor).toPlainText()
    if OBJECT not in plain:
        return None
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    document = cursor.document()
    sources: list[str] = []
    block = document.findBlock(start)
    while block.isValid() and block.position() < end:
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if start <= fragment.position() < end and fragment.charFormat().isImageFormat():
                figure = figures.parse_url(fragment.charFormat().toImageFormat().name())
                for _ in range(fragment.length()):
                    sources.append(figure_text(figure) if figure is not None else "")
            it += 1
        block = block.next()
    pieces = plain.split(OBJECT)
    out = [pieces[0]]
    for i, piece in enumerate(pieces[1:]):
        out.append(sources[i] if i < len(sources) else "")
        out.append(piece)
    return "".join(out)
