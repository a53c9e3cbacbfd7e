"""A long answer's final drawing, made off the GUI thread: rendered and parsed in a worker, swapped in one per turn.

Most answers end where they stand (TranscriptView._finish_in_place: only the tail is drawn again). The rest, a
long one whose final drawing differs from the streamed one (reasoning shown as it came, a text replaced at
the end), are drawn again as finished Markdown: tens of milliseconds of Markdown and HTML parsing.
One worker thread does both, and only the swap of the document's text happens on the GUI thread, one answer per
event-loop turn. The worker helps less than it seems: Python hands the GIL over every 5 ms while the Markdown is
rendered, but PySide keeps it through Qt's HTML parse (measured: a 53,000-character parse in the worker held
the GUI thread's Python for 48 ms).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtGui import QTextDocument
from shiboken6 import isValid

from .markdown_view import Colours, Entry, body_html
from .rich_text import parsed

OFF_THREAD_CHARS = 16_000  # an answer at least this long is drawn again from a render made in the worker
SWAP_GAP_MS = 16  # between two swaps (and after the answers' ends): a frame, so other work gets its turn


@dataclass(slots=True)
class Ending:
    """An ended answer waiting for its final drawing: where its streamed drawing starts, and the render."""

    entry: Entry
    key: int  # its place among the transcript's messages
    head_start: int  # where its (streamed) heading starts in the document
    colours: Colours
    html: str | None = None  # its text's HTML, when the blocks rendered while it streamed give it (no parse again)
    body: tuple[str, QTextDocument] | None = None  # set by the worker: the HTML, and parsed (rich_text.parsed)


def final_body(entry: Entry, colours: Colours, key: int, gui: QThread | None = None, html: str | None = None
               ) -> tuple[str, QTextDocument]:  # fmt: skip
    """The answer's text as HTML (`html` if given) and as a scratch document parsed from it; made in a worker, the
    document is handed to the `gui` thread (a QObject belongs to the thread that made it, and Qt adds children
    to it when it is copied)."""
    html = body_html(entry, colours, str(key)) if html is None else html
    scratch = parsed(html)
    if gui is not None:
        scratch.moveToThread(gui)
    return html, scratch


class _Renders(QObject):
    """One worker thread renders; the finished renders are handed back on the GUI thread one at a time, each a
    frame after the one before, so answers ending together do not add up to one long stall."""

    rendered = Signal(object)  # (Ending, the callback that swaps it in), emitted from the worker thread

    def __init__(self) -> None:
        super().__init__()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="parley-final-render")
        self._ready: deque[tuple[Ending, Callable[[Ending], None], QObject]] = deque()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SWAP_GAP_MS)
        self._timer.timeout.connect(self._swap_one)
        self.rendered.connect(self._queue)  # queued: this object lives on the GUI thread

    def submit(self, ending: Ending, owner: QObject, swap: Callable[[Ending], None]) -> None:
        gui = self.thread()

        def work() -> None:
            try:
                ending.body = final_body(ending.entry, ending.colours, ending.key, gui, ending.html)
            finally:  # on an error the swap renders on the GUI thread, where the error reaches the crash handler
                self.rendered.emit((ending, swap, owner))

        self._pool.submit(work)

    def _queue(self, item: tuple[Ending, Callable[[Ending], None], QObject]) -> None:
        self._ready.append(item)
        if not self._timer.isActive():
            self._timer.start()

    def _swap_one(self) -> None:
        while self._ready:
            ending, swap, owner = self._ready.popleft()
            if isValid(owner):  # (a view closed meanwhile is skipped)
                swap(ending)
                break
        if self._ready:
            self._timer.start()


_renders: list[_Renders] = []


def render_later(ending: Ending, owner: QObject, swap: Callable[[Ending], None]) -> None:
    """Render `ending` in the worker, then call `swap(ending)` on the GUI thread (unless `owner` is gone)."""
    if not _renders:
        renders = _Renders()
        app = QCoreApplication.instance()
        if app is not None:
            renders.setParent(app)
        _renders.append(renders)
    _renders[0].submit(ending, owner, swap)
