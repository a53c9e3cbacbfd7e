"""What a Mermaid diagram says (flowchart, sequence) and what its layout draws (a scene of boxes, lines, texts)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Measure = Callable[[str], tuple[float, float]]  # one line of text -> (width, height) in pixels


class DiagramError(ValueError):
    """The source is not a diagram we can draw; the message says why in one line."""


# -- flowcharts --------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Node:
    id: str
    label: str
    shape: str = "rect"  # rect, round, stadium, diamond, circle, double_circle, cylinder, hexagon, subroutine,
    # parallelogram, parallelogram_alt, trapezoid, trapezoid_alt, flag


@dataclass(frozen=True, slots=True)
class Edge:
    src: str
    dst: str
    label: str = ""
    line: str = "solid"  # solid, dotted, thick, invisible
    head: str = "arrow"  # at dst: arrow, circle, cross, none
    tail: str = "none"  # at src, same kinds


@dataclass(slots=True)
class Cluster:
    id: str
    title: str
    members: list[str] = field(default_factory=list)  # node ids, in order
    parent: str | None = None


@dataclass(slots=True)
class Flowchart:
    direction: str = "TB"  # TB, BT, LR, RL
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)


# -- sequence diagrams -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Participant:
    id: str
    label: str
    actor: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    src: str
    dst: str
    text: str
    line: str = "solid"  # solid, dotted
    head: str = "arrow"  # arrow, open, cross, async
    activate: bool = False  # `+`: the target becomes active
    deactivate: bool = False  # `-`: the source stops being active


@dataclass(frozen=True, slots=True)
class Note:
    participants: tuple[str, ...]
    side: str  # left, right, over
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """`loop`, `alt`, `opt`, `par`, `critical`, `break`, `rect` opening (`else`/`and`/`option`: kind "section")."""

    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class BlockEnd:
    pass


@dataclass(frozen=True, slots=True)
class Activation:
    participant: str
    on: bool


SequenceEvent = Message | Note | Block | BlockEnd | Activation


@dataclass(slots=True)
class Sequence:
    participants: dict[str, Participant] = field(default_factory=dict)
    events: list[SequenceEvent] = field(default_factory=list)
    autonumber: bool = False


# -- what gets drawn -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Box:
    """A shape at (x, y) (top left), `w` by `h`, with centred lines of text. `role` picks its colours."""

    x: float
    y: float
    w: float
    h: float
    shape: str
    lines: list[str] = field(default_factory=list)
    role: str = "node"  # node, cluster, participant, note, activation, block, number
    title: str = ""  # a cluster's or block's title, drawn at its top left
    key: str = ""  # the node or participant id

    def overlaps(self, other: Box, margin: float = 0.0) -> bool:
        return (self.x < other.x + other.w + margin and other.x < self.x + self.w + margin
                and self.y < other.y + other.h + margin and other.y < self.y + self.h + margin)  # fmt: skip


@dataclass(slots=True)
class Line:
    """A path through `points`; `smooth` draws it as a curve through them."""

    points: list[tuple[float, float]]
    style: str = "solid"  # solid, dotted, thick
    head: str = "arrow"  # arrow, open, circle, cross, async, none
    tail: str = "none"
    smooth: bool = False
    role: str = "edge"  # edge, message, lifeline, divider


@dataclass(slots=True)
class Text:
    """Lines of text centred on (x, y) (or starting at x with `anchor` "start"), on a backdrop if `boxed`."""

    x: float
    y: float
    lines: list[str]
    role: str = "edge"  # edge, message, title, divider
    anchor: str = "middle"
    boxed: bool = False
    w: float = 0.0  # the text's measured size
    h: float = 0.0


@dataclass(slots=True)
class Scene:
    width: float
    height: float
    boxes: list[Box] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)

    def node_boxes(self) -> list[Box]:
        return [b for b in self.boxes if b.role in ("node", "participant")]
