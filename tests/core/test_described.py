"""Settings declared once: every timeout and retry field carries a label and a range its default fits."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from app.core.described import described_fields, setting
from app.core.settings import RetrySettings, TimeoutSettings


@pytest.mark.parametrize("kind", [TimeoutSettings, RetrySettings])
def test_every_limit_is_described_and_its_default_is_in_range(kind: type[TimeoutSettings | RetrySettings]) -> None:
    described = described_fields(kind)
    assert [f.name for f in described] == [f.name for f in dataclasses.fields(kind)]  # none left out
    defaults = kind()
    for field in described:
        value = getattr(defaults, field.name)
        assert type(value) is field.kind, field.name
        assert field.about.label and field.about.low <= value <= field.about.high, field.name


def test_a_described_field_is_an_ordinary_dataclass_field() -> None:
    @dataclass
    class Knobs:
        plain: str = "x"
        count: int = setting(2, "How many", low=0, high=5, help="Between nought and five.")

    assert Knobs() == Knobs("x", 2) and Knobs(count=4).count == 4
    assert dataclasses.asdict(Knobs()) == {"plain": "x", "count": 2}
    (count,) = described_fields(Knobs)
    assert (count.name, count.kind, count.about.label, count.about.high, count.about.help) == (
        "count", int, "How many", 5, "Between nought and five.")  # fmt: skip
