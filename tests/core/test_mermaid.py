"""Mermaid without a browser: every corpus diagram parses and lays out with all labels and no overlapping boxes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app.core import mermaid
from app.core.mermaid import DiagramError, Flowchart, Scene, Sequence
from app.core.mermaid.flowchart_parse import label_text
from app.core.mermaid.layered import _isotonic

DATA = Path(__file__).parents[1] / "data" / "render"


def corpus(name: str) -> list[str]:
    return re.findall(r"```mermaid\n(.*?)```", (DATA / name).read_text(), re.S)


FLOWCHARTS = corpus("flowcharts.md")
SEQUENCES = corpus("sequences.md")


def measure(text: str) -> tuple[float, float]:
    """About DejaVu Sans at 13 px: wide enough that crowding would show."""
    return 7.5 * len(text), 17.0


def scene_words(scene: Scene) -> str:
    parts = [line for box in scene.boxes for line in box.lines] + [box.title for box in scene.boxes]
    parts += [line for text in scene.texts for line in text.lines]
    return " ".join(" ".join(parts).split())


def overlapping(scene: Scene) -> list[tuple[str, str]]:
    boxes = [b for b in scene.boxes if b.role == "node"] + [b for b in scene.boxes if b.role == "participant"]
    return [(a.key, b.key) for i, a in enumerate(boxes) for b in boxes[i + 1 :] if a.key != b.key and a.overlaps(b)]


def mermaid_members(chart: Flowchart, cluster_id: str) -> list[str]:
    out: list[str] = []
    for cluster in chart.clusters:
        if cluster.id == cluster_id:
            out += cluster.members
        elif cluster.parent == cluster_id:
            out += mermaid_members(chart, cluster.id)
    return out


def test_corpus_sizes() -> None:
    assert len(FLOWCHARTS) == 20
    assert len(SEQUENCES) == 10


@pytest.mark.parametrize("source", FLOWCHARTS, ids=[f"flowchart{i}" for i in range(len(FLOWCHARTS))])
def test_flowchart_lays_out_with_every_label_and_no_overlap(source: str) -> None:
    chart = mermaid.parse(source)
    assert isinstance(chart, Flowchart)
    scene = mermaid.layout(source, measure)
    words = scene_words(scene)
    for node in chart.nodes.values():
        assert " ".join(node.label.split()) in words, node.label
    for edge in chart.edges:
        if edge.label:
            assert " ".join(edge.label.split()) in words, edge.label
    for cluster in chart.clusters:
        assert cluster.title in words
    assert overlapping(scene) == []
    node_boxes = [b for b in scene.boxes if b.role == "node"]
    clusters = {b.key: b for b in scene.boxes if b.role == "cluster"}
    for cluster in chart.clusters:  # a cluster's box holds its own nodes and no one else's
        members = set(mermaid_members(chart, cluster.id))
        box = clusters[cluster.id]
        for node in node_boxes:
            inside = box.x <= node.x and node.x + node.w <= box.x + box.w and box.y <= node.y and \
                node.y + node.h <= box.y + box.h  # fmt: skip
            assert inside == (node.key in members) or not box.overlaps(node), (cluster.id, node.key)
    tops = [c for c in chart.clusters if c.parent is None]
    for i, a in enumerate(tops):
        for b in tops[i + 1 :]:
            assert not clusters[a.id].overlaps(clusters[b.id]), (a.id, b.id)
    assert len(node_boxes) == len(chart.nodes)
    for box in scene.boxes:  # everything inside the picture
        assert box.x >= 0 and box.y >= 0 and box.x + box.w <= scene.width and box.y + box.h <= scene.height
    for text in scene.texts:  # edge labels sit clear of the node boxes
        if text.role == "edge":
            label = mermaid.Box(text.x - text.w / 2, text.y - text.h / 2, text.w, text.h, "rect")
            assert not any(label.overlaps(b) for b in node_boxes), text.lines


@pytest.mark.parametrize("source", SEQUENCES, ids=[f"sequence{i}" for i in range(len(SEQUENCES))])
def test_sequence_lays_out_with_every_label_and_no_overlap(source: str) -> None:
    seq = mermaid.parse(source)
    assert isinstance(seq, Sequence)
    scene = mermaid.layout(source, measure)
    words = scene_words(scene)
    for person in seq.participants.values():
        assert person.label in words
    for event in seq.events:
        text = getattr(event, "text", "")
        if text:
            assert " ".join(text.split()) in words, text
    assert overlapping(scene) == []
    heads = [b for b in scene.boxes if b.role == "participant"]
    tops = sorted((b for b in heads if b.y == min(h.y for h in heads)), key=lambda b: b.x)
    assert [b.key for b in tops] == list(seq.participants)
    messages = [t for t in scene.texts if t.role == "message" and t.anchor == "middle"]
    for text in messages:  # a message's text fits between the lifelines it joins
        assert text.w <= scene.width


def test_flowchart_syntax() -> None:
    chart = mermaid.parse("graph LR\n  A[Start] -->|go| B(Round) -.-> C{Choice}\n  C == yes ==> D[(DB)]\n"
                          "  C -- no --- E((Circle))\n  A & B --> F>Flag]\n  F --o G[[Sub]]\n  G <--> H{{Hex}}\n"
                          "  classDef x fill:#fff\n  class A x\n  style B fill:#f00\n")  # fmt: skip
    assert isinstance(chart, Flowchart)
    assert chart.direction == "LR"
    shapes = {k: n.shape for k, n in chart.nodes.items()}
    assert shapes == {"A": "rect", "B": "round", "C": "diamond", "D": "cylinder", "E": "circle", "F": "flag",
                      "G": "subroutine", "H": "hexagon"}  # fmt: skip
    edges = [(e.src, e.dst, e.label, e.line, e.head, e.tail) for e in chart.edges]
    assert edges == [
        ("A", "B", "go", "solid", "arrow", "none"), ("B", "C", "", "dotted", "arrow", "none"),
        ("C", "D", "yes", "thick", "arrow", "none"), ("C", "E", "no", "solid", "none", "none"),
        ("A", "F", "", "solid", "arrow", "none"), ("B", "F", "", "solid", "arrow", "none"),
        ("F", "G", "", "solid", "circle", "none"), ("G", "H", "", "solid", "arrow", "arrow"),
    ]  # fmt: skip


def test_subgraphs_and_labels() -> None:
    chart = mermaid.parse('flowchart TD\n subgraph one [First part]\n  a1["x (y) [z]"] --> a2\n end\n'
                          " subgraph Two\n  b1 --> b2\n end\n a2 --> b1\n")  # fmt: skip
    assert isinstance(chart, Flowchart)
    assert [(c.id, c.title, c.members) for c in chart.clusters] == [("one", "First part", ["a1", "a2"]),
                                                                   ("Two", "Two", ["b1", "b2"])]  # fmt: skip
    assert chart.nodes["a1"].label == "x (y) [z]"
    assert label_text('"a<br/>b #amp; c"') == "a\nb & c"


def test_sequence_syntax() -> None:
    seq = mermaid.parse("sequenceDiagram\n autonumber\n actor U as User\n participant S\n U->>+S: hi\n"
                        " S-->>-U: ok\n S-)U: later\n U-xS: stop\n Note over U,S: both\n loop Every s\n"
                        "  S->>S: tick\n end\n")  # fmt: skip
    assert isinstance(seq, Sequence)
    assert seq.autonumber
    assert [(p.id, p.label, p.actor) for p in seq.participants.values()] == [("U", "User", True), ("S", "S", False)]
    messages = [e for e in seq.events if isinstance(e, mermaid.model.Message)]
    assert [(m.src, m.dst, m.line, m.head, m.activate, m.deactivate) for m in messages] == [
        ("U", "S", "solid", "arrow", True, False), ("S", "U", "dotted", "arrow", False, True),
        ("S", "U", "solid", "async", False, False), ("U", "S", "solid", "cross", False, False),
        ("S", "S", "solid", "arrow", False, False),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "reason"),
    [("pie title Pets\n \"Dogs\" : 3", "pie diagrams are not drawn yet"), ("", "empty"),
     ("flowchart TD\n A[unclosed --> B", "not closed"), ("flowchart TD\n A --> B\n end", "closes no subgraph"),
     ("sequenceDiagram\n A->>B: x\n loop forever\n A->>B: y", "not closed"),
     ("graph TD\n A --> %%%", "expected a node"),
     ("flowchart TD\n", "no nodes")],
)  # fmt: skip
def test_problems_are_one_line_reasons(source: str, reason: str) -> None:
    found = mermaid.problem(source)
    assert reason in found, found
    assert "\n" not in found
    with pytest.raises(DiagramError):
        mermaid.parse(source)


def test_cycles_and_self_loops_lay_out() -> None:
    scene = mermaid.layout("graph TD\n A --> B --> C --> A\n B --> B\n C --> D", measure)
    assert overlapping(scene) == []
    assert len([line for line in scene.lines if line.role == "edge"]) == 5


def test_isotonic_keeps_order_and_gaps() -> None:
    placed = _isotonic([10.0, 0.0, 5.0], [4.0, 4.0])
    assert placed[1] - placed[0] >= 4 - 1e-9 and placed[2] - placed[1] >= 4 - 1e-9
    assert _isotonic([0.0, 10.0], [4.0]) == [0.0, 10.0]
