"""Documents attached to the next prompt: read off the event loop, each shown before sending as a chip with its
name, pages and token estimate, removable one by one; and files dropped anywhere on the chat."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QMimeData, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from .i18n import QT_TRANSLATE_NOOP, count, problem, say, translate
from .loop import spawn
from .style import SPACE, flat, set_icon

DEFAULT_LIMIT_MB = 32.0  # app.core.documents' default, kept here so the window starts without loading it (and httpx)

if TYPE_CHECKING:
    from app.providers import DocumentPart

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
DOCUMENT_ADVICE = QT_TRANSLATE_NOOP("DocumentTray", "Attach UTF-8 text or code files and PDFs (without a password) "
                                    "under the size limit.")  # in English: shown through translate()
MAX_NAME = 32  # characters of a name on a chip (the whole name is in its tooltip)


def stopped(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def local_files(source: QMimeData) -> list[Path]:
    """The local files in pasted or dropped data (a file manager's copy or drag puts their URLs there)."""
    if not source.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in source.urls() if url.isLocalFile() and url.toLocalFile()]


def split_files(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """(images, documents): pictures by their extension (checked by content later), anything else a document
    (text or PDF, told apart by content when read). Folders are neither."""
    images = [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]
    documents = [p for p in paths if p.suffix.lower() not in IMAGE_SUFFIXES and not p.is_dir()]
    return images, documents


def chip_text(doc: DocumentPart, *, native: bool) -> str:
    """"report.pdf · 3 pages · ~4,500 tokens": what a document will cost, shown before sending."""
    from app.core.documents import document_tokens

    name = doc.name if len(doc.name) <= MAX_NAME else doc.name[: MAX_NAME - 1] + "…"
    parts = [name]
    if doc.pages:
        parts.append(translate("DocumentTray", "{count} page").format(count=count(doc.pages)) if doc.pages == 1
                     else translate("DocumentTray", "{count} pages").format(count=count(doc.pages)))  # fmt: skip
    tokens = count(document_tokens(doc, native=native))
    parts.append(translate("DocumentTray", "~{tokens} tokens").format(tokens=tokens))
    return " · ".join(parts)


def chip_tip(doc: DocumentPart, *, native: bool) -> str:
    from app.core.documents import describe

    if doc.is_pdf:
        how = (translate("DocumentTray", "read by the model itself (text and page images)") if native
               else translate("DocumentTray", "sent as its text"))  # fmt: skip
        if not native and not (doc.text or "").strip():
            how = translate("DocumentTray", "no text found in it (a scan?): only models that read PDFs can take it")
    else:
        how = translate("DocumentTray", "sent as text")
    return f"{say(describe(doc, native=native))}; {how}"


class DocumentTray(QWidget):
    """A row of chips under the prompt, one per document (and one per file still being read). Reading runs in a
    thread: a 50-page PDF does not freeze the window. What cannot be attached is said by `problem`."""

    changed = Signal()  # a document was added or removed, or reading one ended
    problem = Signal(str, str)  # what could not be attached, what to do instead

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documents")
        self._docs: list[DocumentPart] = []
        self._reading: list[str] = []  # names of files being read now
        self._native = False
        self.limit_mb: Callable[[], float] = lambda: DEFAULT_LIMIT_MB  # the settings' document size limit
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(SPACE[1], 0, SPACE[1], 0)
        self._row.setSpacing(SPACE[1])
        self._show()

    # -- what is attached -------------------------------------------------------------------------------
    def documents(self) -> tuple[DocumentPart, ...]:
        return tuple(self._docs)

    def names(self) -> list[str]:
        return [d.name for d in self._docs]

    @property
    def reading(self) -> bool:
        """A file is still being read (the prompt waits for it)."""
        return bool(self._reading)

    def chips(self) -> list[str]:
        """The chips' texts as shown (tests and the screenshot tour read them)."""
        return [label.text() for label in self.findChildren(QLabel, "documentChip")]

    def set_native(self, native: bool) -> None:
        """Whether the chosen provider reads PDFs itself (their estimate is per page then)."""
        if native != self._native:
            self._native = native
            self._show()

    def remove(self, index: int) -> None:
        if 0 <= index < len(self._docs):
            del self._docs[index]
            self._show()

    def clear(self) -> None:
        self._docs.clear()
        self._show()

    # -- reading ----------------------------------------------------------------------------------------
    def add_paths(self, paths: Sequence[Path]) -> asyncio.Task[list[str]]:
        """Read the files in a thread (shown as being read at once) and attach those that can be sent. The task
        gives the problems, also said by `problem` (too large, not text, not UTF-8, encrypted or damaged PDF,
        unreadable)."""
        self._reading += [p.name for p in paths]
        self._show()
        return spawn(self._read(list(paths)))

    async def _read(self, paths: list[Path]) -> list[str]:
        from app.core.documents import DocumentError, load_document

        problems: list[str] = []
        for path in paths:
            try:
                doc = await asyncio.to_thread(load_document, path, limit_mb=self.limit_mb())
            except DocumentError as exc:
                problems.append(stopped(problem(exc)))  # (not `sentence`: it starts with a file name, as spelt)
            except OSError as exc:
                problems.append(translate("DocumentTray", "Cannot read {name}: {problem}.").format(
                    name=path.name, problem=exc.strerror or exc))
            else:
                self._docs.append(doc)
            finally:
                self._reading.remove(path.name)
            if not shiboken6.isValid(self):  # the window closed while reading
                return problems
            self._show()
        if problems:
            self.problem.emit(" ".join(problems), translate("DocumentTray", DOCUMENT_ADVICE))
        return problems

    # -- drawing ----------------------------------------------------------------------------------------
    def _show(self) -> None:
        while self._row.count():
            item = self._row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, doc in enumerate(self._docs):
            self._row.addWidget(self._chip(chip_text(doc, native=self._native), chip_tip(doc, native=self._native)))
            remove = flat(QToolButton())
            remove.setObjectName("remove_document")
            remove.setAccessibleName(translate("DocumentTray", "Remove {name}").format(name=doc.name))
            remove.setToolTip(translate("DocumentTray", "Remove {name} from the prompt").format(name=doc.name))
            set_icon(remove, "x")
            remove.clicked.connect(lambda _=False, i=index: self.remove(i))
            self._row.addWidget(remove)
        for name in self._reading:
            self._row.addWidget(self._chip(translate("DocumentTray", "Reading {name}…").format(name=name),
                                           translate("DocumentTray", "Reading the file in the background")))
        self._row.addStretch(1)
        self.setVisible(bool(self._docs or self._reading))
        self.changed.emit()

    def _chip(self, text: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("documentChip")
        label.setProperty("pill", True)
        label.setToolTip(tip)
        return label


class FileDrop(QObject):
    """Files dropped anywhere on a widget (the chat panel: transcript, bars) go to `received`; the prompt box
    handles its own drops (and pastes) the same way."""

    def __init__(self, target: QWidget, received: Callable[[list[Path]], None]) -> None:
        super().__init__(target)
        self._received = received
        target.setAcceptDrops(True)
        target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, (QDragEnterEvent, QDragMoveEvent)):
            mime = event.mimeData()
            if mime is not None and local_files(mime):
                event.acceptProposedAction()
                return True
        elif isinstance(event, QDropEvent):
            mime = event.mimeData()
            files = local_files(mime) if mime is not None else []
            if files:
                event.acceptProposedAction()
                self._received(files)
                return True
        return super().eventFilter(watched, event)
