"""The GUI-thread collector: start-up objects frozen out of sight, full collections only when worth it."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from typing import Any

import pytest

from app.core import lasting
from app.ui.gc_guard import MainThreadGc


@pytest.fixture
def guard(qapp: Any) -> Iterator[MainThreadGc]:
    collector = MainThreadGc(interval_ms=3_600_000).start()  # checked by hand below, never by its timer
    try:
        yield collector
    finally:
        collector.stop()
        gc.unfreeze()


class _Node:
    me: object


def _full_collections() -> int:
    return int(gc.get_stats()[2]["collections"])


def _pass_oldest_threshold() -> None:
    for _ in range(gc.get_threshold()[2] + 1):
        gc.collect(1)  # each young collection adds one to the oldest generation's count


def test_freeze_keeps_start_up_objects_out_of_later_collections(guard: MainThreadGc) -> None:
    kept = [[i] for i in range(1000)]
    guard.freeze()
    assert gc.get_freeze_count() >= len(kept)
    assert not any(o is kept for o in gc.get_objects(generation=2))
    guard.stop()  # collection goes back to Python as it was, nothing set aside
    assert gc.get_freeze_count() == 0


def test_the_oldest_generation_is_collected_only_once_it_grew_by_a_quarter(guard: MainThreadGc) -> None:
    guard.check()
    _pass_oldest_threshold()
    guard.check()  # the first check weighs it against nothing: a full collection
    full = _full_collections()
    assert gc.get_count()[2] == 0

    _pass_oldest_threshold()
    guard.check()  # nothing new lives long: a young collection instead
    assert _full_collections() == full

    survivors = [[i] for i in range(len(gc.get_objects(generation=2)))]  # doubles the oldest generation
    gc.collect(1)  # they move to the oldest generation
    _pass_oldest_threshold()
    guard.check()
    assert _full_collections() == full + 1
    assert survivors


def test_tables_loaded_for_the_rest_of_the_run_are_set_aside_too(guard: MainThreadGc) -> None:
    """A table loaded after start-up that says it lasts (the price catalog, the math font) is frozen at the next
    check, after a full collection: later full collections skip it, and no garbage is frozen with it."""
    guard.freeze()
    table = [[i] for i in range(5000)]
    node = _Node()
    node.me = node  # a cycle: only a collection frees it
    gone = weakref.ref(node)
    del node
    gc.collect(1)  # into the oldest generation, as a real load's objects go
    frozen = gc.get_freeze_count()
    guard.check()
    assert gc.get_freeze_count() == frozen  # nothing said it lasts: nothing set aside
    lasting.loaded()
    full = _full_collections()
    guard.check()
    assert _full_collections() == full + 1
    assert gc.get_freeze_count() >= frozen + len(table)
    assert not any(o is table for o in gc.get_objects(generation=2))
    assert gone() is None  # collected first, not frozen
    guard.check()
    assert _full_collections() == full + 1  # once per load
