"""A sequence diagram's scene: participants spread so every message and note fits between them, then the events
placed down the page (messages, self-messages, notes, activation bars, loop/alt/opt/par… frames)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .flowchart_layout import fit, text_size
from .model import Activation, Block, BlockEnd, Box, Line, Measure, Message, Note, Scene, Sequence, Text

PAD_X, PAD_Y = 14.0, 8.0
MIN_BOX_W, MIN_GAP = 80.0, 24.0
ACTOR_FIGURE = 30.0
SELF_W = 28.0
NOTE_PAD = 7.0


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else [""]


@dataclass(slots=True)
class _Frame:
    block: Block
    top: float
    sections: list[tuple[float, str]] = field(default_factory=list)
    touched: set[int] = field(default_factory=set)


def _spread(seq: Sequence, widths: list[float], index: dict[str, int], measure: Measure) -> list[float]:
    """Participants' centres: adjacent boxes apart, then every message and note given room, shortest first."""
    n = len(widths)
    gaps = [(widths[i] + widths[i + 1]) / 2 + MIN_GAP for i in range(n - 1)]
    needs: list[tuple[int, int, float]] = []  # (left, right, distance between their centres)
    for event in seq.events:
        if isinstance(event, Message):
            a, b = sorted((index[event.src], index[event.dst]))
            tw = text_size(_lines(event.text), measure)[0] + (28 if seq.autonumber else 0)
            if a == b:
                needs.append((a, a + 1, SELF_W + tw + 16 + widths[a + 1] / 2 if a + 1 < n else 0))
            else:
                needs.append((a, b, tw + 28))
        elif isinstance(event, Note):
            tw = text_size(_lines(event.text), measure)[0] + 2 * NOTE_PAD
            spots = sorted(index[p] for p in event.participants)
            if event.side == "right" and spots[-1] + 1 < n:
                needs.append((spots[-1], spots[-1] + 1, tw + 16 + widths[spots[-1] + 1] / 2))
            elif event.side == "left" and spots[0] > 0:
                needs.append((spots[0] - 1, spots[0], tw + 16 + widths[spots[0] - 1] / 2))
            elif event.side == "over" and len(spots) > 1:
                needs.append((spots[0], spots[-1], tw - 20))
    for a, b, distance in sorted(needs, key=lambda need: need[1] - need[0]):
        if b >= n or a == b:
            continue
        short = distance - sum(gaps[a:b])
        for i in range(a, b):
            gaps[i] += max(0.0, short) / (b - a)
    centres = [widths[0] / 2]
    for gap in gaps:
        centres.append(centres[-1] + gap)
    return centres


def layout_sequence(seq: Sequence, measure: Measure) -> Scene:
    people = list(seq.participants.values())
    index = {p.id: i for i, p in enumerate(people)}
    line_h = measure("Ag")[1]
    labels = [_lines(p.label) for p in people]
    sizes = [text_size(lines, measure) for lines in labels]
    widths = [max(MIN_BOX_W, w + 2 * PAD_X) for w, _ in sizes]
    head_h = max(h for _, h in sizes) + 2 * PAD_Y + (ACTOR_FIGURE if any(p.actor for p in people) else 0)
    xs = _spread(seq, widths, index, measure)
    scene = Scene(0, 0)
    y = head_h + 16
    active: dict[int, list[float]] = {}
    frames: list[_Frame] = []
    number = 0

    def bar_x(i: int) -> float:
        return xs[i] + 4 * max(0, len(active.get(i, [])) - 1)

    def activate(i: int, at: float) -> None:
        active.setdefault(i, []).append(at)

    def deactivate(i: int, at: float) -> None:
        starts = active.get(i)
        if starts:
            depth = len(starts) - 1
            top = starts.pop()
            scene.boxes.append(Box(xs[i] - 5 + 4 * depth, top, 10, max(at - top, 8), "rect", [], "activation"))

    for event in seq.events:
        if isinstance(event, Message):
            a, b = index[event.src], index[event.dst]
            for frame in frames:
                frame.touched.update((a, b))
            lines = _lines(event.text)
            tw, th = text_size(lines, measure)
            number += 1
            if a == b:
                x = bar_x(a) + 5
                scene.texts.append(Text(x + SELF_W + 6, y + th / 2, lines, "message", "start", w=tw, h=th))
                top = y + th / 2 - 6
                scene.lines.append(Line([(x, top), (x + SELF_W, top), (x + SELF_W, top + 18), (x, top + 18)],
                                        event.line, event.head, role="message"))  # fmt: skip
                arrow_y = top
                y += max(th, 18) + 18
            else:
                arrow_y = y + th + 4
                x1 = bar_x(a) + (5 if b > a else -5) * bool(active.get(a))
                x2 = xs[b] + (-5 if b > a else 5) * bool(active.get(b))
                scene.texts.append(Text((xs[a] + xs[b]) / 2, y + th / 2, lines, "message", w=tw, h=th))
                scene.lines.append(Line([(x1, arrow_y), (x2, arrow_y)], event.line, event.head, role="message"))
                y = arrow_y + 14
            if seq.autonumber:
                scene.boxes.append(Box(bar_x(a) - 9, arrow_y - 9, 18, 18, "circle", [str(number)], "number"))
            if event.activate:
                activate(b, arrow_y)
            if event.deactivate:
                deactivate(a, arrow_y)
        elif isinstance(event, Activation):
            i = index[event.participant]
            activate(i, y - 6) if event.on else deactivate(i, y - 6)
        elif isinstance(event, Note):
            spots = sorted(index[p] for p in event.participants)
            for frame in frames:
                frame.touched.update(spots)
            lines = _lines(event.text)
            tw, th = text_size(lines, measure)
            w, h = tw + 2 * NOTE_PAD, th + 2 * NOTE_PAD
            if event.side == "right":
                x = xs[spots[-1]] + 10
            elif event.side == "left":
                x = xs[spots[0]] - 10 - w
            else:
                left, right = xs[spots[0]], xs[spots[-1]]
                w = max(w, right - left + 40)
                x = (left + right) / 2 - w / 2
            scene.boxes.append(Box(x, y, w, h, "rect", lines, "note"))
            y += h + 12
        elif isinstance(event, Block) and event.kind != "section":
            frames.append(_Frame(event, y))
            y += line_h + 14
        elif isinstance(event, Block):
            if frames:
                frames[-1].sections.append((y, event.label))
            y += line_h + 12
        elif isinstance(event, BlockEnd) and frames:
            frame = frames.pop()
            if frames:
                frames[-1].touched |= frame.touched
            _frame(scene, frame, xs, widths, y, len(frames), measure)
            y += 12
    for i in list(active):
        while active[i]:
            deactivate(i, y)
    bottom = y + 8
    for i, person in enumerate(people):
        shape = "actor" if person.actor else "rect"
        for top in (0.0, bottom):
            scene.boxes.append(Box(xs[i] - widths[i] / 2, top, widths[i], head_h, shape, labels[i], "participant",
                                   key=person.id))  # fmt: skip
        scene.lines.insert(0, Line([(xs[i], head_h), (xs[i], bottom)], "dotted", "none", role="lifeline"))
    fit(scene)
    return scene


def _frame(scene: Scene, frame: _Frame, xs: list[float], widths: list[float], bottom: float, depth: int,
           measure: Measure) -> None:  # fmt: skip
    touched = sorted(frame.touched) or list(range(len(xs)))
    inset = 10.0 * depth
    left = xs[touched[0]] - min(widths[touched[0]] / 2, 60) - 4 + inset
    right = xs[touched[-1]] + min(widths[touched[-1]] / 2, 60) + 4 - inset
    kind = frame.block.kind
    label = f"[{frame.block.label}]" if frame.block.label else ""
    right = max(right, left + measure(kind)[0] + measure(label)[0] + 40)
    role = "rect" if kind == "rect" else "block"
    scene.boxes.insert(0, Box(left, frame.top, right - left, bottom - frame.top, "rect", [label] if label else [],
                              role, "" if kind == "rect" else kind))  # fmt: skip
    for y, text in frame.sections:
        scene.lines.append(Line([(left, y), (right, y)], "dotted", "none", role="divider"))
        if text:
            tw, th = measure(f"[{text}]")
            scene.texts.append(Text((left + right) / 2, y + th / 2 + 3, [f"[{text}]"], "divider", w=tw, h=th))
