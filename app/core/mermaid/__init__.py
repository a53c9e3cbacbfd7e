"""Mermaid diagrams without a browser: flowcharts and sequence diagrams parsed and laid out as a scene of boxes,
lines and texts (no Qt; text is measured through an injected function). app/ui/diagram_paint.py draws scenes."""

from __future__ import annotations

from .flowchart_layout import layout_flowchart
from .flowchart_parse import parse_flowchart, statements
from .model import Box, DiagramError, Flowchart, Line, Measure, Scene, Sequence, Text
from .sequence_layout import layout_sequence
from .sequence_parse import parse_sequence

__all__ = ["Box", "DiagramError", "Flowchart", "Line", "Measure", "Scene", "Sequence", "Text", "layout", "parse",
           "problem"]  # fmt: skip


def parse(source: str) -> Flowchart | Sequence:
    """The diagram `source` describes; DiagramError (one line, for the reader) if we cannot draw it."""
    lines = statements(source)
    first = lines[0].split(None, 1)[0] if lines else ""
    if first.lower() in ("flowchart", "graph"):
        return parse_flowchart(source)
    if first == "sequenceDiagram":
        return parse_sequence(source)
    if not first:
        raise DiagramError("the diagram is empty")
    if first.startswith("%%{"):
        raise DiagramError("configuration directives are not supported")
    raise DiagramError(f"{first} diagrams are not drawn yet (flowcharts and sequence diagrams are)")


def problem(source: str) -> str:
    """Why `source` cannot be drawn, in one line; "" when it can."""
    try:
        parse(source)
    except DiagramError as error:
        return str(error)
    except (ValueError, IndexError, KeyError) as error:  # our parser's own slip: still the source, never a crash
        return f"could not read the diagram ({type(error).__name__})"
    return ""


def layout(source: str, measure: Measure) -> Scene:
    chart = parse(source)
    if isinstance(chart, Flowchart):
        return layout_flowchart(chart, measure)
    return layout_sequence(chart, measure)
