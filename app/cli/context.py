"""What every command shares: the runtime the window uses too, the database, prompts read, Ctrl+C handled."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .output import DataError
from .parser import UsageError

if TYPE_CHECKING:
    from app.core.keys import KeyStore
    from app.core.runtime import Runtime
    from app.providers import ImagePart


def make_runtime(keys: KeyStore | None = None) -> Runtime:
    """Settings (warnings to stderr) and keys, as the window builds them."""
    from app.core.runtime import Runtime

    runtime = Runtime(keys)
    runtime.settings()
    for warning in runtime.settings_warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return runtime


def start_http(runtime: Runtime) -> None:
    """Create the client now, so that a CA bundle problem is said before the request."""
    runtime.http()
    if runtime.tls_problem:
        print(f"warning: {runtime.tls_problem}", file=sys.stderr)


def open_store(runtime: Runtime, *, required: bool) -> bool:
    """Open the shared database. A refused one (corrupt, newer) is explained and never touched: DataError
    when the command needs it, else a warning that nothing is saved."""
    problem = runtime.open_store_now()
    if problem and required:
        raise DataError(problem)
    if problem:
        print(f"warning: not saving this conversation: {problem}", file=sys.stderr)
    return not problem


class Interrupt:
    """What Ctrl+C does: `stop` ends the request in flight (its partial answer kept and reported); when it
    returns False, or before there is one, the command's task is cancelled. `fired`: Ctrl+C was pressed
    (the command then exits 130, as a shell expects of a command stopped by SIGINT)."""

    def __init__(self) -> None:
        self.stop: Callable[[], bool] = lambda: False
        self.fired = False


def run_async(command: Callable[[Interrupt], Coroutine[Any, Any, int]]) -> int:
    """Run a command's coroutine with Ctrl+C wired to its `Interrupt`."""
    interrupt = Interrupt()

    async def main() -> int:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()

        def on_sigint() -> None:
            interrupt.fired = True
            if not interrupt.stop() and task is not None:
                task.cancel()

        with contextlib.suppress(NotImplementedError, RuntimeError):  # no signals here (Windows, a thread)
            loop.add_signal_handler(signal.SIGINT, on_sigint)
        return await command(interrupt)

    return asyncio.run(main())


def read_prompt(prompt: str) -> str:
    """The prompt argument, or standard input for "-": UTF-8, not empty, not only invisible characters."""
    from app.core.text import is_blank

    if prompt == "-":
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise UsageError(f"standard input is not {exc.encoding} text (a bad byte at {exc.start}); "
                             "save the prompt as UTF-8") from None  # fmt: skip
        text = text.removeprefix("\ufeff")  # the mark an editor saving "UTF-8 with signature" puts first
    else:
        text = prompt
    if is_blank(text):
        raise UsageError("the prompt is empty" if not text.strip() else
                         "the prompt is empty: it holds only invisible characters (such as zero-width spaces)")
    try:  # bytes that were not UTF-8 reach us as lone surrogates (Python's surrogateescape)
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"the prompt holds bytes that are not UTF-8 text (at character {exc.start}); "
                         "save or type it as UTF-8") from None  # fmt: skip
    return text


def load_images(paths: list[str]) -> tuple[ImagePart, ...]:
    from app.core.images import load_image

    out = []
    for p in paths:
        try:
            out.append(load_image(Path(p)))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return tuple(out)
