"""Mermaid flowcharts (`flowchart`/`graph`) as models write them: nodes, shapes, links with labels, subgraphs.

Styling lines (classDef, class, style, linkStyle, click) are read and ignored; anything else we can't read is a
DiagramError naming the line, so the answer shows the source with that reason.
"""

from __future__ import annotations

import html
import re

from .model import Cluster, DiagramError, Edge, Flowchart, Node

_HEADER = re.compile(r"^(?:flowchart|graph)(?:\s+(TB|TD|BT|RL|LR))?\s*;?\s*$", re.IGNORECASE)
_IGNORED = re.compile(r"^(?:classDef|class|style|linkStyle|click|direction|accTitle|accDescr)\b")
_ID = re.compile(r"[\w$][\w$]*(?:-(?![-.>])[\w$]+)*", re.UNICODE)
_CLASS_SUFFIX = re.compile(r":::[\w-]+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Openers, longest first, with their closers and shapes.
_SHAPES = (
    ("(((", (")))",), "double_circle"), ("((", ("))",), "circle"), ("([", ("])",), "stadium"),
    ("[[", ("]]",), "subroutine"), ("[(", (")]",), "cylinder"), ("{{", ("}}",), "hexagon"),
    ("[/", ("/]", "\\]"), "parallelogram"), ("[\\", ("\\]", "/]"), "parallelogram_alt"),
    ("(", (")",), "round"), ("[", ("]",), "rect"), ("{", ("}",), "diamond"), (">", ("]",), "flag"),
)  # fmt: skip
# A link with its text inside: `-- text -->`, `== text ==>`, `-. text .->`.
_TEXT_LINK = re.compile(
    r"(?P<tail>[<ox])?(?P<open>--|==|-\.)(?!-|=|>|\.)\s*(?P<label>[^|>]*?)\s*"
    r"(?P<close>-{2,}[>ox]?|={2,}[>ox]?|\.-+[>ox]?)(?=[\s\w\"(\[{]|$)"
)
_LINK = re.compile(r"(?P<tail>[<ox])?(?P<body>-{2,}|={2,}|-\.+-|~{3,})(?P<head>[>ox])?")
_PIPE_LABEL = re.compile(r"\s*\|(?P<label>[^|]*)\|")


def label_text(raw: str) -> str:
    """A label as shown: quotes and Markdown-string backticks off, `<br>` as a line break, entities decoded."""
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if len(text) >= 2 and text[0] == text[-1] == "`":
        text = text[1:-1].replace("**", "").replace("*", "")
    text = re.sub(r"#(\w+);", lambda m: f"&{m.group(1)};" if not m.group(1).isdigit() else f"&#{m.group(1)};", text)
    return html.unescape(_BR.sub("\n", text)).strip()


def statements(source: str) -> list[str]:
    """The lines of a diagram without comments and blank lines, split at `;` outside labels."""
    out: list[str] = []
    for raw in source.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line or line.startswith("%%"):
            continue
        depth, quoted, start = 0, False, 0
        for i, ch in enumerate(line):
            if ch == '"':
                quoted = not quoted
            elif not quoted and ch in "([{":
                depth += 1
            elif not quoted and ch in ")]}":
                depth = max(0, depth - 1)
            elif ch == ";" and not quoted and depth == 0:
                if line[start:i].strip():
                    out.append(line[start:i].strip())
                start = i + 1
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


class _Reader:
    def __init__(self, chart: Flowchart) -> None:
        self.chart = chart
        self.stack: list[Cluster] = []
        self.clustered: set[str] = set()

    def node(self, text: str, pos: int) -> tuple[str, int]:
        """A node reference at `pos` (its id and shape); returns (id, position after it)."""
        match = _ID.match(text, pos)
        if match is None:
            raise DiagramError(f"expected a node at “{text[pos : pos + 30]}”")
        node_id, pos = match.group(0), match.end()
        label, shape = None, None
        for opener, closers, kind in _SHAPES:
            if text.startswith(opener, pos):
                start = pos + len(opener)
                end, closer = self._close(text, start, closers)
                label, shape, pos = text[start:end], kind, end + len(closer)
                if opener in ("[/", "[\\") and closer[0] != opener[1]:  # [/ … \] and [\ … /]
                    shape = "trapezoid" if opener == "[/" else "trapezoid_alt"
                break
        suffix = _CLASS_SUFFIX.match(text, pos)
        if suffix is not None:
            pos = suffix.end()
        self._define(node_id, label, shape)
        return node_id, pos

    @staticmethod
    def _close(text: str, start: int, closers: tuple[str, ...]) -> tuple[int, str]:
        scan = start
        if text[start:].lstrip().startswith('"'):  # a quoted label may hold any bracket
            quote = text.index('"', start)
            end_quote = text.find('"', quote + 1)
            scan = end_quote + 1 if end_quote > 0 else start
        found = [(text.find(c, scan), c) for c in closers]
        found = [(i, c) for i, c in found if i >= 0]
        if not found:
            raise DiagramError(f"a node shape is not closed: “{text[start - 2 : start + 30]}”")
        return min(found)

    def _define(self, node_id: str, label: str | None, shape: str | None) -> None:
        nodes = self.chart.nodes
        if node_id not in nodes:
            nodes[node_id] = Node(node_id, node_id)
        if label is not None and shape is not None:
            nodes[node_id].label = label_text(label)
            nodes[node_id].shape = shape
        if self.stack and node_id not in self.clustered and not any(c.id == node_id for c in self.chart.clusters):
            self.stack[-1].members.append(node_id)
            self.clustered.add(node_id)

    def group(self, text: str, pos: int) -> tuple[list[str], int]:
        """`A & B & C`."""
        ids = []
        while True:
            node_id, pos = self.node(text, pos)
            ids.append(node_id)
            amp = re.compile(r"\s*&\s*").match(text, pos)
            if amp is None:
                return ids, pos
            pos = amp.end()

    def link(self, text: str, pos: int) -> tuple[Edge, int] | None:
        """The link at `pos` as an edge template (no ends yet), or None if there is none."""
        space = re.compile(r"\s*").match(text, pos)
        pos = space.end() if space else pos
        labelled = _TEXT_LINK.match(text, pos)
        if labelled is not None and labelled.group("label"):
            close = labelled.group("close")
            line = "thick" if close.startswith("=") else "dotted" if close.startswith(".") else "solid"
            head = _marker(close[-1])
            return Edge("", "", label_text(labelled.group("label")), line, head,
                        _marker(labelled.group("tail") or "")), labelled.end()  # fmt: skip
        plain = _LINK.match(text, pos)
        if plain is None:
            return None
        body = plain.group("body")
        line = "invisible" if body.startswith("~") else "thick" if body.startswith("=") else \
            "dotted" if "." in body else "solid"  # fmt: skip
        edge = Edge("", "", "", line, _marker(plain.group("head") or ""), _marker(plain.group("tail") or ""))
        pos = plain.end()
        pipe = _PIPE_LABEL.match(text, pos)
        if pipe is not None:
            edge = Edge("", "", label_text(pipe.group("label")), edge.line, edge.head, edge.tail)
            pos = pipe.end()
        return edge, pos

    def statement(self, text: str) -> None:
        sources, pos = self.group(text, 0)
        while True:
            found = self.link(text, pos)
            if found is None:
                break
            template, pos = found
            space = re.compile(r"\s*").match(text, pos)
            targets, pos = self.group(text, space.end() if space else pos)
            for src in sources:
                for dst in targets:
                    self.chart.edges.append(Edge(src, dst, template.label, template.line, template.head, template.tail))
            sources = targets
        if text[pos:].strip():
            raise DiagramError(f"cannot read “{text[pos : pos + 40].strip()}”")


def _marker(ch: str) -> str:
    return {">": "arrow", "<": "arrow", "o": "circle", "x": "cross"}.get(ch, "none")


def parse_flowchart(source: str) -> Flowchart:
    lines = statements(source)
    if not lines:
        raise DiagramError("the diagram is empty")
    header = _HEADER.match(lines[0])
    if header is None:
        raise DiagramError(f"not a flowchart: “{lines[0][:40]}”")
    direction = (header.group(1) or "TB").upper().replace("TD", "TB")
    chart = Flowchart(direction)
    reader = _Reader(chart)
    for text in lines[1:]:
        if text.startswith("%%") or _IGNORED.match(text):
            continue
        if re.match(r"^subgraph\b", text):
            reader.stack.append(_subgraph(text[len("subgraph") :].strip(), reader, chart))
            continue
        if text == "end":
            if not reader.stack:
                raise DiagramError("an `end` closes no subgraph")
            reader.stack.pop()
            continue
        reader.statement(text)
    if not chart.nodes:
        raise DiagramError("the flowchart has no nodes")
    return chart


def _subgraph(rest: str, reader: _Reader, chart: Flowchart) -> Cluster:
    match = re.match(r"^([\w$-]+)\s*\[(.*)\]\s*$", rest)
    if match is not None:
        cluster_id, title = match.group(1), label_text(match.group(2))
    else:
        title = label_text(rest) or f"subgraph {len(chart.clusters) + 1}"
        cluster_id = rest or title
    cluster = Cluster(cluster_id, title, parent=reader.stack[-1].id if reader.stack else None)
    chart.clusters.append(cluster)
    return cluster
