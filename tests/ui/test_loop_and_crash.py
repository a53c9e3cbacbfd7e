"""The qasync loop's async-generator hooks, error routing from slots, and the crash dialog."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path
from typing import Any

import pytest

from app.ui.crash import CrashHandler
from app.ui.loop import spawn
from tests.support.waiting import wait_until


async def test_async_generators_left_early_are_closed_on_the_loop() -> None:
    closed: list[bool] = []

    async def numbers() -> Any:
        try:
            yield 1
            yield 2
        finally:
            await asyncio.sleep(0)  # needs the loop: without the hooks this is "ignored GeneratorExit"
            closed.append(True)

    async for _ in numbers():
        break
    await wait_until(lambda: closed, timeout=5, what="the generator's cleanup")


NESTED_EVENTS = """
import asyncio, time
from PySide6.QtWidgets import QApplication
from app.ui.loop import ParleyLoop, spawn

app = QApplication([])
loop = ParleyLoop(app)
asyncio.set_event_loop(loop)
ran = []

async def other():
    ran.append("started")
    await asyncio.sleep(0)
    ran.append("finished")

async def main():
    task = spawn(other())
    deadline = time.monotonic() + 0.2
    while time.monotonic() < deadline:  # this task's step processes events: the other's first step comes due here
        QApplication.processEvents()
    assert ran == [], ran  # not run inside this step
    done, _ = await asyncio.wait([task], timeout=5)
    print(ran, task in done)

loop.run_until_complete(main())
"""


def test_a_task_that_comes_due_while_another_processes_events_still_runs() -> None:
    """A step that processes Qt events (a dialog's exec, a wait) must not lose the steps that come due meanwhile:
    asyncio refuses to run one task inside another's step, and that task would never run (nor finish cancelling,
    which is why this runs in a process of its own: a lost step hangs the loop that tries to cancel it)."""
    import os
    import subprocess

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        out = subprocess.run([sys.executable, "-c", NESTED_EVENTS], cwd=Path(__file__).resolve().parents[2], env=env,
                             capture_output=True, text=True, timeout=60)  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("the loop hung: a task's first step was lost while another task processed events")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "['started', 'finished'] True"


async def test_a_cancelled_timeout_stops_its_timer_at_once() -> None:
    """Timeouts are set and cancelled on every read; a cancelled one must not stay (with its Qt timer) until it
    would have fired."""
    loop = asyncio.get_running_loop()
    pending = loop._timer._SimpleTimer__callbacks  # type: ignore[attr-defined]
    before = len(pending)
    ran: list[str] = []
    handles = [loop.call_later(60, ran.append, "cancelled") for _ in range(200)]
    assert len(pending) == before + 200
    for handle in handles:
        handle.cancel()
        handle.cancel()  # twice is harmless
    assert len(pending) == before
    for _ in range(50):  # what asyncio and httpx do: a deadline per read, cancelled when the data comes
        async with asyncio.timeout(120):
            await asyncio.sleep(0)
    assert len(pending) <= before + 1
    kept = loop.call_later(0.01, ran.append, "kept")
    gone = loop.call_at(loop.time() + 0.01, ran.append, "gone")
    gone.cancel()
    await wait_until(lambda: ran == ["kept"], what="the callback not cancelled")
    await asyncio.sleep(0.03)
    assert ran == ["kept"] and not kept.cancelled()


async def test_cancelling_a_callback_that_already_ran_leaves_a_reused_timer_alone() -> None:
    """Qt reuses the id of a timer that fired: cancelling the old handle afterwards (asyncio.timeout does, on
    exit) must not stop the timer now holding that id."""
    loop = asyncio.get_running_loop()
    ran: list[str] = []
    first = loop.call_later(0.001, ran.append, "first")
    await wait_until(lambda: ran == ["first"], what="the first callback")
    second = loop.call_later(0.02, ran.append, "second")
    first.timer_id = second.timer_id  # type: ignore[attr-defined]  # as if Qt had handed the id on
    first.cancel()
    await wait_until(lambda: ran == ["first", "second"], what="the second callback, its timer untouched")
    assert not second.cancelled()


async def test_a_slot_coroutine_error_reaches_the_excepthook(monkeypatch: pytest.MonkeyPatch) -> None:
    caught: list[tuple[Any, ...]] = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc_info: caught.append(exc_info))

    async def buggy() -> None:
        raise ValueError("a bug in a slot")

    task = spawn(buggy())
    await asyncio.wait([task])
    await wait_until(lambda: caught, timeout=5, what="the excepthook")
    assert caught[0][0] is ValueError and str(caught[0][1]) == "a bug in a slot"


def test_the_crash_handler_logs_the_traceback_and_explains(qtbot: Any, tmp_path: Path,
                                                           caplog: pytest.LogCaptureFixture) -> None:  # fmt: skip
    handler = CrashHandler(tmp_path / "parley.log")
    for n in (1, 2):
        try:
            raise RuntimeError(f"boom {n}")
        except RuntimeError as exc:
            handler(type(exc), exc, exc.__traceback__)
    box = handler.box
    assert box is not None and box.isVisible()
    assert "bug in Parley" in box.text()
    assert "RuntimeError: boom 2" in box.informativeText()
    assert "2 unexpected errors" in box.informativeText()  # one box, counting up
    assert str(tmp_path / "parley.log") in box.informativeText()
    assert "Traceback (most recent call last)" in box.detailedText()
    assert [r.levelname for r in caplog.records] == ["ERROR", "ERROR"]
    assert "RuntimeError: boom 1" in caplog.records[0].getMessage()
    box.close()
    assert handler.box is None


def test_garbage_is_collected_on_the_gui_thread_only(qapp: Any) -> None:
    import gc

    from app.ui.gc_guard import MainThreadGc

    was = gc.isenabled()
    guard = MainThreadGc(interval_ms=10).start()
    try:
        assert not gc.isenabled()  # worker threads never trigger a collection
        cycle: list[Any] = []
        cycle.append(cycle)
        for _ in range(gc.get_threshold()[0] + 1):
            cycle.append([])  # pass the first generation's threshold
        del cycle
        guard.check()
        assert gc.get_count()[0] < gc.get_threshold()[0]
    finally:
        guard.stop()
    assert gc.isenabled() == was
