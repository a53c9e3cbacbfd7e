"""Mermaid scenes drawn with QPainter: onto an image for the transcript, into SVG (QSvgGenerator) or PNG to save.

The layout (app/core/mermaid) measures text with this module's `measure_with`, so the boxes fit the font drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QImage, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtSvg import QSvgGenerator

from app.core.mermaid import Box, Line, Measure, Scene, Text


@dataclass(frozen=True, slots=True)
class DiagramColours:
    background: str
    text: str
    node_fill: str
    node_stroke: str
    edge: str
    label_bg: str
    cluster_fill: str
    cluster_stroke: str
    note_fill: str
    note_stroke: str
    activation: str
    block: str


LIGHT = DiagramColours(background="#ffffff", text="#1f2328", node_fill="#eef3fc", node_stroke="#5b7fc7",
                       edge="#57606a", label_bg="#ffffff", cluster_fill="#f6f8fa", cluster_stroke="#afb8c1",
                       note_fill="#fff8c5", note_stroke="#d4a72c", activation="#dde6f5", block="#8c959f")  # fmt: skip
DARK = DiagramColours(background="#1f1f1f", text="#e6edf3", node_fill="#1d2a40", node_stroke="#6d94dc",
                      edge="#9ea7b3", label_bg="#1f1f1f", cluster_fill="#262b33", cluster_stroke="#4a525c",
                      note_fill="#3a3320", note_stroke="#a68a3a", activation="#2c3a52", block="#7d8590")  # fmt: skip


def measure_with(font: QFont) -> Measure:
    metrics = QFontMetricsF(font)
    height = metrics.height()

    @lru_cache(maxsize=4096)
    def measure(text: str) -> tuple[float, float]:
        return metrics.horizontalAdvance(text), height

    return measure


def _pen(colour: str, width: float = 1.2, style: str = "solid") -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    if style == "dotted":
        pen.setDashPattern([3.0, 3.0])
    return pen


def _shape_path(box: Box) -> QPainterPath:
    x, y, w, h = box.x, box.y, box.w, box.h
    path = QPainterPath()
    shape = box.shape
    if shape == "diamond":
        path.addPolygon(QPolygonF([QPointF(x + w / 2, y), QPointF(x + w, y + h / 2), QPointF(x + w / 2, y + h),
                                   QPointF(x, y + h / 2), QPointF(x + w / 2, y)]))  # fmt: skip
    elif shape in ("circle", "double_circle"):
        path.addEllipse(QRectF(x, y, w, h))
        if shape == "double_circle":
            path.addEllipse(QRectF(x + 4, y + 4, w - 8, h - 8))
    elif shape == "stadium":
        path.addRoundedRect(QRectF(x, y, w, h), h / 2, h / 2)
    elif shape == "round":
        path.addRoundedRect(QRectF(x, y, w, h), 8, 8)
    elif shape in ("hexagon", "parallelogram", "parallelogram_alt", "trapezoid", "trapezoid_alt", "flag"):
        s = h / 2
        points = {
            "hexagon": [(x + s, y), (x + w - s, y), (x + w, y + h / 2), (x + w - s, y + h), (x + s, y + h),
                        (x, y + h / 2)],
            "parallelogram": [(x + s, y), (x + w, y), (x + w - s, y + h), (x, y + h)],
            "parallelogram_alt": [(x, y), (x + w - s, y), (x + w, y + h), (x + s, y + h)],
            "trapezoid": [(x + s, y), (x + w - s, y), (x + w, y + h), (x, y + h)],
            "trapezoid_alt": [(x, y), (x + w, y), (x + w - s, y + h), (x + s, y + h)],
            "flag": [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x + s, y + h / 2)],
        }[shape]  # fmt: skip
        path.addPolygon(QPolygonF([QPointF(px, py) for px, py in [*points, points[0]]]))
    elif shape == "cylinder":
        r = 7.0
        path.moveTo(x, y + r)
        path.arcTo(QRectF(x, y, w, 2 * r), 180, -180)
        path.lineTo(x + w, y + h - r)
        path.arcTo(QRectF(x, y + h - 2 * r, w, 2 * r), 0, -180)
        path.closeSubpath()
        path.moveTo(x, y + r)
        path.arcTo(QRectF(x, y, w, 2 * r), 180, 180)
    else:
        path.addRoundedRect(QRectF(x, y, w, h), 3, 3)
        if shape == "subroutine":
            path.moveTo(x + 8, y)
            path.lineTo(x + 8, y + h)
            path.moveTo(x + w - 8, y)
            path.lineTo(x + w - 8, y + h)
    return path


def _draw_lines(painter: QPainter, lines: list[str], rect: QRectF, line_h: float) -> None:
    top = rect.center().y() - line_h * len(lines) / 2
    for i, text in enumerate(lines):
        painter.drawText(QRectF(rect.x(), top + i * line_h, rect.width(), line_h), Qt.AlignmentFlag.AlignCenter, text)


def _draw_box(painter: QPainter, box: Box, c: DiagramColours, line_h: float) -> None:
    rect = QRectF(box.x, box.y, box.w, box.h)
    if box.role == "cluster":
        painter.setPen(_pen(c.cluster_stroke))
        painter.setBrush(QColor(c.cluster_fill))
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(QColor(c.text))
        painter.drawText(QRectF(box.x + 8, box.y + 3, box.w - 16, line_h), Qt.AlignmentFlag.AlignLeft, box.title)
        return
    if box.role in ("block", "rect"):
        painter.setPen(_pen(c.block, 1.0, "dotted" if box.role == "block" else "solid"))
        painter.setBrush(Qt.BrushStyle.NoBrush if box.role == "block" else QBrush(QColor(c.cluster_fill)))
        painter.drawRect(rect)
        if box.title:
            metrics = painter.fontMetrics()
            tab = QRectF(box.x, box.y, metrics.horizontalAdvance(box.title) + 14, line_h + 4)
            painter.setPen(_pen(c.block, 1.0))
            painter.setBrush(QColor(c.cluster_fill))
            painter.drawRect(tab)
            painter.setPen(QColor(c.text))
            painter.drawText(tab, Qt.AlignmentFlag.AlignCenter, box.title)
            if box.lines:
                painter.drawText(QRectF(tab.right() + 8, box.y + 2, box.w - tab.width() - 16, line_h),
                                 Qt.AlignmentFlag.AlignLeft, box.lines[0])  # fmt: skip
        return
    fill, stroke = {"note": (c.note_fill, c.note_stroke), "activation": (c.activation, c.node_stroke),
                    "number": (c.node_stroke, c.node_stroke)}.get(box.role, (c.node_fill, c.node_stroke))  # fmt: skip
    painter.setPen(_pen(stroke))
    painter.setBrush(QColor(fill))
    if box.shape == "actor":
        _draw_actor(painter, box, line_h)
        painter.setPen(QColor(c.text))
        _draw_lines(painter, box.lines, QRectF(box.x, box.y + box.h - line_h * len(box.lines) - 6, box.w,
                                               line_h * len(box.lines)), line_h)  # fmt: skip
        return
    painter.drawPath(_shape_path(box))
    painter.setPen(QColor(c.background if box.role == "number" else c.text))
    _draw_lines(painter, box.lines, rect, line_h)


def _draw_actor(painter: QPainter, box: Box, line_h: float) -> None:
    cx = box.x + box.w / 2
    top = box.y + 2
    painter.drawEllipse(QPointF(cx, top + 5), 5, 5)
    painter.drawLine(QPointF(cx, top + 10), QPointF(cx, top + 20))
    painter.drawLine(QPointF(cx - 9, top + 14), QPointF(cx + 9, top + 14))
    painter.drawLine(QPointF(cx, top + 20), QPointF(cx - 7, top + 29))
    painter.drawLine(QPointF(cx, top + 20), QPointF(cx + 7, top + 29))


def _curve(points: list[tuple[float, float]], smooth: bool) -> QPainterPath:
    path = QPainterPath(QPointF(*points[0]))
    if not smooth or len(points) < 3:
        for p in points[1:]:
            path.lineTo(QPointF(*p))
        return path
    for i in range(1, len(points)):  # Catmull-Rom through the points, as cubic Béziers
        p0 = points[max(0, i - 2)]
        p1, p2 = points[i - 1], points[i]
        p3 = points[min(len(points) - 1, i + 1)]
        c1 = QPointF(p1[0] + (p2[0] - p0[0]) / 6, p1[1] + (p2[1] - p0[1]) / 6)
        c2 = QPointF(p2[0] - (p3[0] - p1[0]) / 6, p2[1] - (p3[1] - p1[1]) / 6)
        path.cubicTo(c1, c2, QPointF(*p2))
    return path


def _marker(painter: QPainter, tip: tuple[float, float], before: tuple[float, float], kind: str, colour: str) -> None:
    angle = math.atan2(tip[1] - before[1], tip[0] - before[0])
    ux, uy = math.cos(angle), math.sin(angle)
    x, y = tip
    if kind in ("arrow", "async"):
        size = 9.0
        left = QPointF(x - size * ux + size * 0.45 * uy, y - size * uy - size * 0.45 * ux)
        right = QPointF(x - size * ux - size * 0.45 * uy, y - size * uy + size * 0.45 * ux)
        if kind == "async":
            painter.setPen(_pen(colour, 1.4))
            painter.drawLine(left, QPointF(x, y))
            painter.drawLine(right, QPointF(x, y))
            return
        painter.setPen(_pen(colour, 1.0))
        painter.setBrush(QColor(colour))
        painter.drawPolygon(QPolygonF([QPointF(x, y), left, right]))
    elif kind == "circle":
        painter.setPen(_pen(colour, 1.2))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QPointF(x - 4 * ux, y - 4 * uy), 4, 4)
    elif kind == "cross":
        painter.setPen(_pen(colour, 1.6))
        cx, cy, s = x - 5 * ux, y - 5 * uy, 4.0
        painter.drawLine(QPointF(cx - s, cy - s), QPointF(cx + s, cy + s))
        painter.drawLine(QPointF(cx - s, cy + s), QPointF(cx + s, cy - s))


def _draw_line(painter: QPainter, line: Line, c: DiagramColours) -> None:
    colour = c.edge if line.role != "divider" else c.block
    width = 2.6 if line.style == "thick" else 1.0 if line.role in ("lifeline", "divider") else 1.3
    points = list(line.points)
    if line.head in ("arrow", "circle", "cross") and len(points) >= 2:  # the line stops where the head begins
        (x1, y1), (x0, y0) = points[-1], points[-2]
        d = math.hypot(x1 - x0, y1 - y0) or 1.0
        cut = min(6.0, d / 2)
        points[-1] = (x1 - (x1 - x0) / d * cut, y1 - (y1 - y0) / d * cut)
    painter.setPen(_pen(colour, width, line.style))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(_curve(points, line.smooth))
    if len(line.points) >= 2:
        _marker(painter, line.points[-1], line.points[-2], line.head, colour)
        _marker(painter, line.points[0], line.points[1], line.tail, colour)


def _draw_text(painter: QPainter, text: Text, c: DiagramColours, line_h: float) -> None:
    width = max(text.w, 1.0)
    height = line_h * len(text.lines)
    left = text.x if text.anchor == "start" else text.x - width / 2
    rect = QRectF(left, text.y - height / 2, width, height)
    if text.boxed:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(c.label_bg))
        painter.drawRoundedRect(rect.adjusted(-4, -1, 4, 1), 3, 3)
    painter.setPen(QColor(c.text))
    for i, line in enumerate(text.lines):
        align = Qt.AlignmentFlag.AlignLeft if text.anchor == "start" else Qt.AlignmentFlag.AlignHCenter
        painter.drawText(QRectF(left - 2, rect.top() + i * line_h, width + 4, line_h),
                         align | Qt.AlignmentFlag.AlignVCenter, line)  # fmt: skip


def paint_scene(painter: QPainter, scene: Scene, colours: DiagramColours, font: QFont) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    line_h = QFontMetricsF(font).height()
    for box in scene.boxes:
        if box.role in ("cluster", "block", "rect"):
            _draw_box(painter, box, colours, line_h)
    for line in scene.lines:
        _draw_line(painter, line, colours)
    for box in scene.boxes:
        if box.role not in ("cluster", "block", "rect"):
            _draw_box(painter, box, colours, line_h)
    for text in scene.texts:
        _draw_text(painter, text, colours, line_h)


def scene_image(scene: Scene, colours: DiagramColours, font: QFont, dpr: float, max_width: float = 0.0,
                background: bool = False) -> QImage:  # fmt: skip
    """The scene as an image (scaled down to `max_width` logical pixels if wider), transparent unless asked."""
    scale = min(1.0, max_width / scene.width) if max_width > 0 else 1.0
    width, height = math.ceil(scene.width * scale), math.ceil(scene.height * scale)
    image = QImage(max(1, math.ceil(width * dpr)), max(1, math.ceil(height * dpr)),
                   QImage.Format.Format_ARGB32_Premultiplied)  # fmt: skip
    image.setDevicePixelRatio(dpr)
    image.fill(QColor(colours.background) if background else Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.scale(scale, scale)
    paint_scene(painter, scene, colours, font)
    painter.end()
    return image


def scene_svg(scene: Scene, colours: DiagramColours, font: QFont, title: str = "Mermaid diagram") -> bytes:
    """The scene as an SVG document (on the theme's background, text as text)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(math.ceil(scene.width), math.ceil(scene.height))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor(colours.background))
    paint_scene(painter, scene, colours, font)
    painter.end()
    buffer.close()
    return bytes(data.data())


def scene_png(scene: Scene, colours: DiagramColours, font: QFont, dpr: float = 2.0) -> bytes:
    image = scene_image(scene, colours, font, dpr, background=True)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stub says bytes, PySide wants str
    buffer.close()
    return bytes(data.data())
