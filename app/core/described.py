"""A setting declared once: its field carries the label, help text and range that screens build editors from.

    @dataclass
    class TimeoutSettings:
        connect: float = setting(10.0, "Connect", low=0.5, high=600, step=1, unit=" s")

`described_fields(TimeoutSettings)` then lists what a form needs, so a new setting is one declaration.
"""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")
_KEY = "parley.described"


@dataclass(frozen=True)
class Described:
    """How a numeric setting presents itself: what it is called and which values it takes."""

    label: str
    low: float
    high: float
    step: float = 1
    unit: str = ""  # shown after the value, for example " s"
    help: str = ""  # a sentence for a tooltip
    decimals: int = 1


@dataclass(frozen=True)
class DescribedField:
    name: str
    kind: type  # int or float
    about: Described


def setting(default: T, label: str, *, low: float, high: float, step: float = 1, unit: str = "", help: str = "",
            decimals: int = 1) -> T:  # fmt: skip
    """A dataclass field with its default and its description (for the type checker, just the default)."""
    return dataclasses.field(default=default, metadata={_KEY: Described(label, low, high, step, unit, help, decimals)})


def described_fields(cls: type[DataclassInstance]) -> list[DescribedField]:
    """The described fields of a settings dataclass, in declaration order."""
    hints = typing.get_type_hints(cls)
    return [DescribedField(f.name, hints[f.name], f.metadata[_KEY]) for f in dataclasses.fields(cls)
            if _KEY in f.metadata]  # fmt: skip
