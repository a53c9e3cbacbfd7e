"""Mermaid sequence diagrams as models write them: participants and actors, messages, notes, blocks, activations."""

from __future__ import annotations

import re

from .flowchart_parse import label_text, statements
from .model import Activation, Block, BlockEnd, DiagramError, Message, Note, Participant, Sequence

_PARTICIPANT = re.compile(r"^(participant|actor)\s+(.+?)(?:\s+as\s+(.+))?$")
_MESSAGE = re.compile(r"^(?P<src>[^-+:>]+?)\s*(?P<arrow>-->>|->>|-->|->|--x|-x|--\)|-\))\s*(?P<mod>[+-]?)"
                      r"\s*(?P<dst>[^:]+?)\s*:\s?(?P<text>.*)$")  # fmt: skip
_NOTE = re.compile(r"^note\s+(left of|right of|over)\s+([^:]+?)\s*:\s?(.*)$", re.IGNORECASE)
_BLOCKS = ("loop", "alt", "opt", "par", "critical", "break", "rect")
_SECTIONS = ("else", "and", "option")
_IGNORED = re.compile(r"^(?:title|accTitle|accDescr|link|links|properties|details|create|destroy)\b")


def parse_sequence(source: str) -> Sequence:
    lines = statements(source)
    if not lines or lines[0].strip() != "sequenceDiagram":
        raise DiagramError("not a sequence diagram")
    seq = Sequence()
    open_blocks: list[str] = []  # kinds of the blocks open (a `box` groups participants and draws nothing)
    for text in lines[1:]:
        word = text.split(None, 1)[0]
        rest = text[len(word) :].strip()
        if word == "autonumber":
            seq.autonumber = True
        elif word == "end":
            if not open_blocks:
                raise DiagramError("an `end` closes no block")
            if open_blocks.pop() != "box":
                seq.events.append(BlockEnd())
        elif word == "box":
            open_blocks.append("box")
        elif word in _BLOCKS:
            open_blocks.append(word)
            seq.events.append(Block(word, "" if word == "rect" else label_text(rest)))
        elif word in _SECTIONS:
            if not open_blocks:
                raise DiagramError(f"`{word}` outside a block")
            seq.events.append(Block("section", label_text(rest)))
        elif word in ("activate", "deactivate"):
            seq.events.append(Activation(_known(seq, rest), word == "activate"))
        elif (participant := _PARTICIPANT.match(text)) is not None:
            pid = participant.group(2).strip()
            label = label_text(participant.group(3) or pid)
            seq.participants[pid] = Participant(pid, label, participant.group(1) == "actor")
        elif (note := _NOTE.match(text)) is not None:
            who = tuple(_known(seq, p.strip()) for p in note.group(2).split(","))
            side = note.group(1).lower().split()[0]
            seq.events.append(Note(who, side, label_text(note.group(3))))
        elif (message := _MESSAGE.match(text)) is not None:
            arrow = message.group("arrow")
            head = "cross" if arrow.endswith("x") else "async" if arrow.endswith(")") else \
                "arrow" if arrow.endswith(">>") else "open"  # fmt: skip
            mod = message.group("mod")
            line = "dotted" if arrow.startswith("--") else "solid"
            src, dst = _known(seq, message.group("src")), _known(seq, message.group("dst"))
            text = label_text(message.group("text"))
            seq.events.append(Message(src, dst, text, line, head, activate=mod == "+", deactivate=mod == "-"))
        elif _IGNORED.match(text) is None:
            raise DiagramError(f"cannot read “{text[:40]}”")
    if open_blocks:
        raise DiagramError("a block is not closed with `end`")
    if not seq.participants:
        raise DiagramError("the sequence diagram has no participants")
    return seq


def _known(seq: Sequence, pid: str) -> str:
    """A participant named for the first time joins, in that order."""
    pid = pid.strip()
    if not pid:
        raise DiagramError("a message names no participant")
    if pid not in seq.participants:
        seq.participants[pid] = Participant(pid, label_text(pid))
    return pid
