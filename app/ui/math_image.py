"""LaTeX to an image for the transcript: ziamath (pure Python, its own STIX Two Math font) draws SVG, QtSvg
rasterises it at the screen's pixel ratio, padded so that an inline formula's baseline meets the text's.

ziamath loads on the first formula (about 100 ms), never at start-up. Qt lays an image with
`vertical-align: middle` so that its middle sits half an x-height above the baseline (QTextDocumentLayout::
resizeInlineObject); padding the top or the bottom by the difference between the formula's depth and height
puts the formula's own baseline there instead.
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from app.core import lasting

SCALE = 1.15  # STIX Two Math looks smaller than the sans-serif text at the same pixel size
_MATRIX_POWER = re.compile(r"(\\begin\{(\w*matrix)\}.*?\\end\{\2\})(?=\s*[\^_])", re.S)
_UNKNOWN = re.compile(r"<m[io][^>]*>\\[A-Za-z]+</m[io]>")


class MathError(ValueError):
    """ziamath could not draw the formula (unknown command, unsupported construct, or its own error)."""


@dataclass(frozen=True, slots=True)
class MathSvg:
    svg: str
    width: float
    ascent: float  # above the baseline
    depth: float  # below it


def normalised(tex: str) -> str:
    """Work around what ziamath trips on: a matrix environment with a power (`\\end{pmatrix}^{-1}`)."""
    return _MATRIX_POWER.sub(r"{\1}", tex)


_font_loaded = [False]


@lru_cache(maxsize=2048)
def math_svg(tex: str, display: bool, colour: str, size: float) -> MathSvg:
    """The formula as SVG in `colour` at `size` pixels; MathError if it cannot be drawn."""
    import latex2mathml.converter

    with warnings.catch_warnings():  # ziamath 0.13 finds its font with importlib.resources.path (deprecated)
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath
    from ziamath.config import config

    config.svg2 = False  # QtSvg draws SVG Tiny 1.2: plain <path>s, not SVG 2 <symbol>s
    source = normalised(tex)
    try:
        mathml = latex2mathml.converter.convert(source)
        if _UNKNOWN.search(mathml):  # latex2mathml keeps an unknown \command as text
            raise MathError("unknown command")
        drawn = ziamath.zmath.Latex(source, size=size, color=colour, inline=not display, margin=1)
        svg = drawn.svg()
        box = drawn.node.bbox
    except MathError:
        raise
    except Exception as error:  # ziamath and latex2mathml raise many kinds (AssertionError, IndexError, their own)
        raise MathError(f"{type(error).__name__}: {error}") from error
    if not _font_loaded[0]:
        _font_loaded[0] = True
        lasting.loaded()  # the font's tables, read with the first formula, stay for the whole run
    return MathSvg(svg, box.xmax - box.xmin + 2, box.ymax + 1, -box.ymin + 1)


def _padding(ascent: float, depth: float, half_x: float) -> tuple[float, float]:
    """(top, bottom) padding that makes Qt's middle alignment put the formula's baseline on the line's."""
    difference = depth - ascent + half_x  # top - bottom
    return (difference, 0.0) if difference > 0 else (0.0, -difference)


def math_image(tex: str, display: bool, colour: QColor, font: QFont, dpr: float) -> QImage:
    """The formula as an image for a QTextDocument (`vertical-align: middle` for inline ones); if ziamath can't
    draw it, its source in the text's font, so that the reader still sees what the model wrote."""
    metrics = QFontMetricsF(font)
    size = (font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72) * SCALE
    try:
        drawn = math_svg(tex, display, colour.name(), round(size, 1))
    except MathError:
        return source_image(f"$${tex}$$" if display else f"${tex}$", colour, font, dpr)
    top, bottom = (0.0, 0.0) if display else _padding(drawn.ascent, drawn.depth, metrics.xHeight() / 2)
    width = math.ceil(drawn.width)
    height = drawn.ascent + drawn.depth + top + bottom
    slack = math.ceil(height) - height  # whole logical pixels, the slack shared so top - bottom holds
    top, height = top + slack / 2, math.ceil(height)
    image = _blank(width, height, dpr)
    renderer = QSvgRenderer(QByteArray(drawn.svg.encode()))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, top, drawn.width, drawn.ascent + drawn.depth))
    painter.end()
    return image


def source_image(text: str, colour: QColor, font: QFont, dpr: float) -> QImage:
    """`text` drawn in one line (a formula that could not be drawn), the baseline where the line's would be."""
    metrics = QFontMetricsF(font)
    width = math.ceil(metrics.horizontalAdvance(text)) + 2
    top, bottom = _padding(metrics.ascent(), metrics.descent(), metrics.xHeight() / 2)
    height = math.ceil(metrics.ascent() + metrics.descent() + top + bottom)
    image = _blank(width, height, dpr)
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QRectF(1, top, width, height), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
    painter.end()
    return image


def _blank(width: float, height: float, dpr: float) -> QImage:
    image = QImage(max(1, math.ceil(width * dpr)), max(1, math.ceil(height * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    return image
