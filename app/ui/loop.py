"""The qasync event loop Parley runs on, and how slots start coroutines without losing errors."""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import qasync
from PySide6.QtWidgets import QApplication

T = TypeVar("T")

NESTED_RETRY_S = 0.004  # how soon a callback that came due inside a task step is tried again
_running: set[asyncio.Task[Any]] = set()  # asyncio keeps only weak references to tasks


class ParleyLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop plus what a plain asyncio loop does in `run_forever` and qasync skips.

    It installs the async-generator hooks, so leaving `aiter_lines()` early closes the generator on this
    loop instead of printing "async generator ignored GeneratorExit", and it uses a small plain thread
    pool for `asyncio.to_thread` (keychain calls) instead of starting ten QThreads.
    """

    def __init__(self, app: QApplication | None = None, **kwargs: Any) -> None:
        super().__init__(app or QApplication.instance(), **kwargs)
        self.set_default_executor(ThreadPoolExecutor(max_workers=4, thread_name_prefix="parley-worker"))
        self._timer = _LoopTimer(self)  # qasync's own, made in its __init__, has run no callback yet

    def call_later(self, delay: float, callback: Any, *args: Any, context: Any = None) -> asyncio.Handle:
        """As qasync's, but cancelling the handle also stops its Qt timer (see _TimedHandle)."""
        if delay <= 0:
            return super().call_later(delay, callback, *args, context=context)  # type: ignore[no-any-return]
        if inspect.iscoroutinefunction(callback) or not callable(callback):
            raise TypeError(f"a plain callable is needed, not {type(callback).__name__}")
        return self._timer.add_callback(_TimedHandle(callback, args, self, context), delay)

    def run_forever(self) -> Any:
        old = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook, finalizer=self._asyncgen_finalizer_hook)
        try:
            return super().run_forever()
        finally:
            sys.set_asyncgen_hooks(*old)


class _LoopTimer(qasync._SimpleTimer):  # type: ignore[misc]
    """qasync runs each scheduled callback from a Qt timer event. Two things go wrong there, fixed here:

    - Qt delivers timer events whenever events are processed, also between two `run_until_complete` calls (a
      window closing, a test tearing down): a task step run then found no running loop (`asyncio.to_thread`
      raised "no running event loop"); here it finds the loop that scheduled it.
    - A task step that processes Qt events (a modal dialog's exec, `processEvents`, a test waiting) lets Qt
      fire the timers of other callbacks inside it. asyncio refuses to step a task while another one is
      executing, and qasync only logged that refusal: the other task's step was lost, it never ran, and
      cancelling it waited forever. Here a callback that comes due inside a task step waits until that step
      is over (retried every few milliseconds). qasync also forgot a timer only after running its callback,
      so a timer id Qt reused meanwhile lost its callback; here it is forgotten first.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self._loop = loop

    def add_callback(self, handle: asyncio.Handle, delay: float = 0) -> asyncio.Handle:
        timer_id = self.startTimer(int(max(0, delay) * 1000))
        self._SimpleTimer__callbacks[timer_id] = handle
        if isinstance(handle, _TimedHandle):
            handle.timer_id = timer_id
        return handle

    def forget(self, handle: _TimedHandle) -> None:
        """A cancelled callback's timer, stopped and dropped now rather than when it would have fired. Only if the
        timer is still this handle's: once fired, Qt may have given its id to another timer."""
        timer_id, handle.timer_id = handle.timer_id, None
        if timer_id is not None and self._SimpleTimer__callbacks.get(timer_id) is handle:
            del self._SimpleTimer__callbacks[timer_id]
            self.killTimer(timer_id)

    def timerEvent(self, event: Any) -> None:
        timer_id = event.timerId()
        self.killTimer(timer_id)
        handle = self._SimpleTimer__callbacks.pop(timer_id, None)
        if handle is None or handle._cancelled or self._stopped:
            return
        if _inside_a_step(self._loop):  # another task's step is processing events: after it
            self.add_callback(handle, NESTED_RETRY_S)
            return
        if asyncio._get_running_loop() is not None:
            handle._run()
            return
        asyncio._set_running_loop(self._loop)
        try:
            handle._run()
        finally:
            asyncio._set_running_loop(None)


class _TimedHandle(asyncio.Handle):
    """A callback due after a delay. Timeouts are set and cancelled all the time (httpcore's per request, the
    transport's per chunk read, most for 60-120 s); qasync kept a cancelled one, and its Qt timer, until the timer
    fired: thousands alive at once over a day of streaming, every one scanned by each full garbage collection.
    Cancelling this one stops its timer at once."""

    __slots__ = ("timer_id",)

    def __init__(self, callback: Any, args: tuple[Any, ...], loop: ParleyLoop, context: Any = None) -> None:
        super().__init__(callback, args, loop, context)
        self.timer_id: int | None = None

    def cancel(self) -> None:
        if not self._cancelled and self.timer_id is not None:
            timer = self._loop._timer  # type: ignore[attr-defined]
            if isinstance(timer, _LoopTimer):
                timer.forget(self)
        super().cancel()


def _inside_a_step(loop: asyncio.AbstractEventLoop) -> bool:
    """Whether a task's coroutine is executing right now (its step processes Qt events further up the stack)."""
    task = asyncio.current_task(loop)
    if task is None:
        return False
    coro = task.get_coro()
    return bool(getattr(coro, "cr_running", False) or getattr(coro, "gi_running", False))


def spawn(coro: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
    """Start a coroutine from a slot. Its unexpected exception reaches `sys.excepthook` (the crash dialog)."""
    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task[Any]) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    exc = task.exception()
    if exc is not None:
        sys.excepthook(type(exc), exc, exc.__traceback__)


async def cancel_pending(timeout: float = 5.0) -> None:
    """Cancel every other task on the running loop and wait (bounded) for them to wind down."""
    me = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not me and not t.done()]
    for t in tasks:
        t.cancel()
    if not tasks:
        return
    done, _ = await asyncio.wait(tasks, timeout=timeout)
    for t in done:  # retrieve outcomes, so none is reported later as "never retrieved"
        if not t.cancelled():
            t.exception()
