"""A flowchart's scene: node sizes from the measured labels, the layered layout turned to the chart's direction,
edges as curves through their dummy vertices clipped at the shapes, labels on the edges, clusters around members."""

from __future__ import annotations

import math

from .layered import Vertex, build
from .model import Box, Flowchart, Line, Measure, Node, Scene, Text

PAD_X, PAD_Y = 14.0, 8.0
RANK_GAP, NODE_GAP = 22.0, 26.0
WRAP, DIAMOND_WRAP = 200.0, 130.0
MARGIN = 8.0
CLUSTER_PAD = 12.0


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """Lines of `text` (its own breaks kept) no wider than `width` where words allow."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and measure(candidate)[0] > width:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return out


def text_size(lines: list[str], measure: Measure) -> tuple[float, float]:
    line_h = measure("Ag")[1]
    return max((measure(s)[0] for s in lines), default=0.0), line_h * max(1, len(lines))


def node_size(node: Node, measure: Measure) -> tuple[list[str], float, float]:
    lines = wrap(node.label, DIAMOND_WRAP if node.shape == "diamond" else WRAP, measure)
    tw, th = text_size(lines, measure)
    w, h = tw + 2 * PAD_X, th + 2 * PAD_Y
    shape = node.shape
    if shape == "diamond":
        w = h = tw + th + 2 * PAD_Y
    elif shape in ("circle", "double_circle"):
        w = h = math.hypot(tw, th) + PAD_Y * (2 if shape == "circle" else 3)
    elif shape == "stadium":
        w += h / 2
    elif shape in ("hexagon", "parallelogram", "parallelogram_alt", "trapezoid", "trapezoid_alt"):
        w += h
    elif shape == "flag":
        w += h / 2
    elif shape == "subroutine":
        w += 16
    elif shape == "cylinder":
        h += 16
    return lines, w, h


def _clip(box: Box, toward: tuple[float, float]) -> tuple[float, float]:
    """Where the line from the box's centre to `toward` leaves its shape."""
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    dx, dy = toward[0] - cx, toward[1] - cy
    if abs(dx) < 1e-9 and abs(dy) < 1e-9:
        return cx, cy
    hw, hh = box.w / 2 + 1, box.h / 2 + 1
    if box.shape == "diamond":
        t = 1 / (abs(dx) / hw + abs(dy) / hh)
    elif box.shape in ("circle", "double_circle"):
        t = hw / math.hypot(dx, dy)
    else:
        t = min(hw / abs(dx) if dx else math.inf, hh / abs(dy) if dy else math.inf)
    return cx + dx * t, cy + dy * t


def _outermost(chart: Flowchart) -> dict[str, str]:
    parent = {c.id: c.parent for c in chart.clusters}
    top: dict[str, str] = {}
    for cluster in chart.clusters:
        root = cluster.id
        while parent.get(root) is not None:
            root = parent[root]  # type: ignore[assignment]
        for member in cluster.members:
            top.setdefault(member, root)
    return top


def layout_flowchart(chart: Flowchart, measure: Measure) -> Scene:
    across = chart.direction in ("TB", "BT")  # ranks run down the page
    sizes = {key: node_size(node, measure) for key, node in chart.nodes.items()}
    clusters = _outermost(chart)
    vertices = [Vertex(key, w if across else h, h if across else w, clusters.get(key))
                for key, (_, w, h) in sizes.items()]  # fmt: skip
    labels: dict[int, tuple[float, float]] = {}
    label_lines: dict[int, list[str]] = {}
    for i, edge in enumerate(chart.edges):
        if edge.label:
            lines = wrap(edge.label, WRAP * 0.8, measure)
            tw, th = text_size(lines, measure)
            label_lines[i] = lines
            labels[i] = (tw + 8, th + 4) if across else (th + 4, tw + 8)
    pairs = [(e.src, e.dst) for e in chart.edges]
    title_h = measure("Ag")[1] + 6
    margin = (CLUSTER_PAD, CLUSTER_PAD)  # along the ranks; a title needs room above its cluster
    if across:
        margin = (
            (CLUSTER_PAD, CLUSTER_PAD + title_h) if chart.direction == "BT" else (CLUSTER_PAD + title_h, CLUSTER_PAD)
        )
    layered = build(vertices, pairs, labels, RANK_GAP, NODE_GAP, margin)
    depth = max((top + size for top, size in zip(layered.rank_top, layered.rank_size, strict=True)), default=0.0)

    def place(v: Vertex) -> tuple[float, float]:
        along = layered.rank_top[v.rank] + layered.rank_size[v.rank] / 2
        if not across:
            return (depth - along if chart.direction == "RL" else along), v.pos
        return v.pos, (depth - along if chart.direction == "BT" else along)

    scene = Scene(0, 0)
    boxes: dict[str, Box] = {}
    for key, (lines, w, h) in sizes.items():
        cx, cy = place(layered.vertices[key])
        node = chart.nodes[key]
        boxes[key] = Box(cx - w / 2, cy - h / 2, w, h, node.shape, lines, "node", key=key)
    for chain in layered.chains:
        edge = chart.edges[chain.index]
        middle = [place(layered.vertices[k]) for k in chain.path[1:-1]]
        first, last = boxes[chain.path[0]], boxes[chain.path[-1]]
        start = _clip(first, middle[0] if middle else (last.x + last.w / 2, last.y + last.h / 2))
        end = _clip(last, middle[-1] if middle else (first.x + first.w / 2, first.y + first.h / 2))
        points = [start, *middle, end]
        if chain.reversed:
            points.reverse()
        if edge.line != "invisible":
            scene.lines.append(Line(points, edge.line, edge.head, edge.tail, smooth=True))
        if chain.label_vertex is not None:
            x, y = place(layered.vertices[chain.label_vertex])
            tw, th = text_size(label_lines[chain.index], measure)
            scene.texts.append(Text(x, y, label_lines[chain.index], "edge", boxed=True, w=tw, h=th))
    for edge in chart.edges:
        if edge.src == edge.dst:
            _self_loop(scene, boxes[edge.src], edge.label, measure, edge.head)
    for cluster in reversed(chart.clusters):  # inner ones are drawn over outer ones
        members = [boxes[m] for m in _members(chart, cluster.id) if m in boxes]
        if not members:
            continue
        x0 = min(b.x for b in members) - CLUSTER_PAD
        y0 = min(b.y for b in members) - CLUSTER_PAD - title_h
        x1 = max(b.x + b.w for b in members) + CLUSTER_PAD
        y1 = max(b.y + b.h for b in members) + CLUSTER_PAD
        x1 = max(x1, x0 + measure(cluster.title)[0] + 2 * CLUSTER_PAD)
        scene.boxes.append(Box(x0, y0, x1 - x0, y1 - y0, "rect", [], "cluster", cluster.title, cluster.id))
    scene.boxes.reverse()  # clusters under nodes
    scene.boxes.extend(boxes.values())
    fit(scene)
    return scene


def _members(chart: Flowchart, cluster_id: str) -> list[str]:
    out: list[str] = []
    for cluster in chart.clusters:
        if cluster.id == cluster_id:
            out.extend(cluster.members)
        elif cluster.parent == cluster_id:
            out.extend(_members(chart, cluster.id))
    return out


def _self_loop(scene: Scene, box: Box, label: str, measure: Measure, head: str) -> None:
    right, top = box.x + box.w, box.y + box.h * 0.3
    bottom = box.y + box.h * 0.7
    points = [(right, top), (right + 22, top - 6), (right + 22, bottom + 6), (right, bottom)]
    scene.lines.append(Line(points, "solid", head, smooth=True))
    if label:
        tw, th = measure(label)
        scene.texts.append(Text(right + 26 + tw / 2, box.y + box.h / 2, [label], "edge", boxed=True, w=tw, h=th))


def fit(scene: Scene) -> None:
    """Move everything to start at the margin and size the scene to hold it all."""
    xs: list[float] = []
    ys: list[float] = []
    for b in scene.boxes:
        xs += [b.x, b.x + b.w]
        ys += [b.y, b.y + b.h]
    for line in scene.lines:
        xs += [p[0] for p in line.points]
        ys += [p[1] for p in line.points]
    for t in scene.texts:
        left = t.x if t.anchor == "start" else t.x - t.w / 2
        xs += [left, left + t.w]
        ys += [t.y - t.h / 2, t.y + t.h / 2]
    dx, dy = MARGIN - min(xs, default=0.0), MARGIN - min(ys, default=0.0)
    for b in scene.boxes:
        b.x += dx
        b.y += dy
    for line in scene.lines:
        line.points = [(x + dx, y + dy) for x, y in line.points]
    for t in scene.texts:
        t.x += dx
        t.y += dy
    scene.width = max(xs, default=0.0) + dx + MARGIN
    scene.height = max(ys, default=0.0) + dy + MARGIN
