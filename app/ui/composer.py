"""The prompt box with Send and Stop, the next request's cost, the web search switch, and the images and
documents attached to the prompt."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.text import is_blank, sentence

from .document_tray import IMAGE_SUFFIXES, DocumentTray, local_files, split_files
from .elided import ElidedLabel
from .i18n import problem, translate
from .search_switch import SearchSwitch
from .style import SPACE, flat, primary, set_icon
from .wording import estimate_text, estimate_tip

if TYPE_CHECKING:
    from app.core.history import Estimate
    from app.providers import DocumentPart, ImagePart

DOCUMENT_PATTERNS = ("*.png *.jpg *.jpeg *.gif *.webp *.pdf *.txt *.md *.csv *.json *.py *.js *.ts *.html *.css *.xml "
                     "*.yaml *.yml *.toml *.rs *.go *.java *.c *.h *.cpp *.sh *.sql *.log")  # fmt: skip


def image_advice() -> str:
    return translate("Composer", "Attach PNG, JPEG, GIF or WebP images under 20 MB.")


def file_filters() -> str:
    """The attach dialog's file types, named in the window's language."""
    return ";;".join((translate("Composer", "Images and documents ({patterns})").format(patterns=DOCUMENT_PATTERNS),
                      translate("Composer", "Images ({patterns})").format(patterns="*.png *.jpg *.jpeg *.gif *.webp"),
                      translate("Composer", "PDF documents ({patterns})").format(patterns="*.pdf"),
                      translate("Composer", "All files ({patterns})").format(patterns="*")))


class PromptEdit(QPlainTextEdit):
    """The prompt box: Enter is a new line, Ctrl+Enter sends (even if the text editor claims the key).
    Images and files pasted or dropped on it are attached to the prompt instead of inserted as text."""

    submitted = Signal()
    images_received = Signal(object)  # list of (name, bytes) pasted or dropped
    documents_received = Signal(object)  # list of Paths of other files pasted or dropped (text, code, PDF, folders)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(local_files(source) or _image_payloads(source, probe=True)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        documents = [p for p in local_files(source) if p.suffix.lower() not in IMAGE_SUFFIXES]
        images = _image_payloads(source)
        if images:
            self.images_received.emit(images)
        if documents:
            self.documents_received.emit(documents)
        if not images and not documents:
            super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        send_keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if event.key() in send_keys and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


def _image_payloads(source: QMimeData, probe: bool = False) -> list[tuple[str, bytes]]:
    """Images in pasted or dropped data: local image files (by extension, checked by content later), or a
    copied picture (encoded as PNG). With `probe`, a cheap look that reads no file."""
    out: list[tuple[str, bytes]] = []
    if source.hasUrls():
        for url in source.urls():
            path = Path(url.toLocalFile()) if url.isLocalFile() else None
            if path is None or path.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            if probe:
                return [(path.name, b"")]
            try:
                out.append((path.name, path.read_bytes()))
            except OSError:
                out.append((path.name, b""))  # reported as unreadable when attached
        if out:
            return out
    if source.hasImage():
        if probe:
            return [(translate("Composer", "pasted image"), b"")]
        image = source.imageData()
        if isinstance(image, QImage) and not image.isNull():
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")  # type: ignore[call-overload]  # (the stubs say bytes; it takes str)
            return [(translate("Composer", "pasted image") + ".png", bytes(buffer.data().data()))]
    return out


class Composer(QFrame):
    """What the user writes next, in a card: the prompt, its documents, then a row of attach, search the web,
    the cost of sending it, Stop and Send. Sending is the chat panel's business; this holds the text, images and
    documents."""

    problem = Signal(str, str)  # what could not be attached, what to do instead
    attachments_changed = Signal()
    sendable_changed = Signal(bool)  # there is something to send (text that is not blank, images or documents)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self._attachments: list[tuple[str, ImagePart]] = []
        self._sendable = False
        self.prompt_edit = PromptEdit()
        self.prompt_edit.setObjectName("prompt")
        self.prompt_edit.setAccessibleName(translate("Composer", "Prompt"))
        self.prompt_edit.setPlaceholderText(translate("Composer", "Ask anything. Ctrl+Enter sends, Esc stops."))
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.prompt_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + SPACE[3])
        self.send_button = primary(QPushButton(translate("Composer", "Send")))
        self.send_button.setObjectName("send")
        self.send_button.setToolTip(translate("Composer", "Send the prompt (Ctrl+Enter)"))
        self.send_button.setAccessibleName(translate("Composer", "Send"))
        self.send_button.setDefault(True)
        set_icon(self.send_button, "send")
        self.stop_button = QPushButton(translate("Composer", "Stop"))
        self.stop_button.setObjectName("stop")
        self.stop_button.setToolTip(translate("Composer", "Stop the answer; what arrived so far is kept (Esc)"))
        self.stop_button.setAccessibleName(translate("Composer", "Stop"))
        self.stop_button.setEnabled(False)
        set_icon(self.stop_button, "circle-stop")
        self.estimate_label = ElidedLabel("", least=72)  # gives up width to the buttons in a narrow window
        self.estimate_label.setObjectName("next_request_cost")
        self.estimate_label.setProperty("muted", True)
        self.estimate_label.setToolTip(estimate_tip(None))
        self.estimate_label.setAccessibleName(translate("Composer", "Cost of the next request"))
        self.attach_button = flat(QToolButton())
        self.attach_button.setObjectName("attach_image")
        self.attach_button.setText(translate("Composer", "Attach…"))
        self.attach_button.setAccessibleName(translate("Composer", "Attach images or documents"))
        self.attach_button.setToolTip(translate("Composer", "Attach images (PNG, JPEG, GIF, WebP), text or code "
                                                "files and PDFs to the prompt, or paste or drop them "
                                                "(Ctrl+Shift+I)"))  # fmt: skip
        set_icon(self.attach_button, "paperclip")
        self.attachments_label = QLabel("")
        self.attachments_label.setObjectName("attachments")
        self.attachments_label.setProperty("muted", True)
        self.remove_attachments_button = flat(QToolButton())
        self.remove_attachments_button.setObjectName("remove_images")
        self.remove_attachments_button.setText(translate("Composer", "Remove images"))
        self.remove_attachments_button.setAccessibleName(translate("Composer", "Remove the attached images"))
        self.remove_attachments_button.setToolTip(translate("Composer", "Remove the attached images"))
        set_icon(self.remove_attachments_button, "x")
        self.documents_tray = DocumentTray()
        self.search_switch = SearchSwitch()
        self._layout()
        self._show_attachments()
        self.attach_button.clicked.connect(self.choose_images)
        self.remove_attachments_button.clicked.connect(self.clear_images)
        self.prompt_edit.images_received.connect(self.attach_payloads)
        self.prompt_edit.documents_received.connect(self.attach_files)
        self.documents_tray.changed.connect(self._documents_changed)
        self.documents_tray.problem.connect(self.problem)
        self.prompt_edit.textChanged.connect(self._text_changed)
        self.prompt_edit.installEventFilter(self)

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SPACE[1])
        row.addWidget(self.attach_button)
        row.addWidget(self.search_switch)
        row.addWidget(self.attachments_label, 1)
        row.addWidget(self.remove_attachments_button)
        row.addWidget(self.estimate_label)
        row.addWidget(self.stop_button)
        row.addWidget(self.send_button)
        self.row = row  # the chat panel adds its Tools control here
        column = QVBoxLayout(self)
        column.setContentsMargins(SPACE[1], SPACE[1], SPACE[1], SPACE[1])
        column.setSpacing(SPACE[0])
        column.addWidget(self.prompt_edit)
        column.addWidget(self.documents_tray)
        column.addLayout(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The card shows the focus ring while the prompt has the focus (the prompt itself draws none)."""
        if watched is self.prompt_edit and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setProperty("focused", event.type() == QEvent.Type.FocusIn)
            self.style().unpolish(self)
            self.style().polish(self)
        return super().eventFilter(watched, event)

    # -- the text ---------------------------------------------------------------------------------------
    def text(self) -> str:
        return self.prompt_edit.toPlainText()

    @property
    def sendable(self) -> bool:
        """Something to send: text that is not blank, or an image (an empty prompt never goes out)."""
        return self._sendable

    def _text_changed(self) -> None:
        self._update_sendable()

    def _update_sendable(self) -> None:
        """Not while a document is still being read: it would go missing from the prompt."""
        attached = bool(self._attachments or self.documents_tray.documents())
        sendable = (attached or not is_blank(self.prompt_edit.toPlainText())) and not self.documents_tray.reading
        if sendable != self._sendable:
            self._sendable = sendable
            self.sendable_changed.emit(sendable)

    def show_estimate(self, estimate: Estimate | None) -> None:
        text = estimate_text(estimate)
        self.estimate_label.setText(text)
        self.estimate_label.setToolTip(f"{text}\n{estimate_tip(estimate)}" if text else estimate_tip(estimate))

    # -- images -------------------------------------------------------------------------------------------
    def images(self) -> tuple[ImagePart, ...]:
        return tuple(image for _name, image in self._attachments)

    def attachment_names(self) -> list[str]:
        return [name for name, _image in self._attachments]

    def choose_images(self) -> None:
        """The attach button: images and documents (text, code and PDF files) from a file dialog."""
        names, _ = QFileDialog.getOpenFileNames(self, translate("Composer", "Attach images or documents"), "",
                                                file_filters())
        self.attach_files([Path(name) for name in names])

    def attach_files(self, paths: list[Path]) -> None:
        """Files chosen, dropped or pasted: images attached at once, documents read in the background."""
        images, documents = split_files(paths)
        if documents:
            self.attach_documents(documents)
        folders = [p.name or str(p) for p in paths if p.is_dir()]
        if folders:
            self.problem.emit(translate("Composer", "{folders}: a folder cannot be attached.").format(
                folders=", ".join(folders)), translate("Composer", "Attach the files in it instead."))
        payloads = []
        for path in images:
            try:
                payloads.append((path.name, path.read_bytes()))
            except OSError as exc:
                self.problem.emit(translate("Composer", "Cannot read {name}: {problem}.").format(
                    name=path.name, problem=exc.strerror or exc), image_advice())
        if payloads:
            self.attach_payloads(payloads)

    def attach_payloads(self, payloads: list[tuple[str, bytes]]) -> None:
        """Attach images (checked by content and size); what cannot be attached is said, the rest kept."""
        from app.core.images import image_from_bytes

        problems = []
        for name, data in payloads:
            try:
                self._attachments.append((name, image_from_bytes(data, name)))
            except ValueError as exc:
                problems.append(sentence(problem(exc)))
        self._show_attachments()
        if problems:
            self.problem.emit(" ".join(problems), image_advice())

    def clear_images(self) -> None:
        self._attachments.clear()
        self._show_attachments()

    def clear_attachments(self) -> None:
        """Images and documents (the prompt was taken)."""
        self.documents_tray.clear()
        self.clear_images()

    # -- documents ----------------------------------------------------------------------------------------
    def documents(self) -> tuple[DocumentPart, ...]:
        return self.documents_tray.documents()

    def attach_documents(self, paths: list[Path]) -> asyncio.Task[list[str]]:
        """Read the files off the event loop; each shows as a chip once read (or its problem is said)."""
        return self.documents_tray.add_paths(paths)

    def _documents_changed(self) -> None:
        self._update_sendable()
        self.attachments_changed.emit()

    def _show_attachments(self) -> None:
        names = self.attachment_names()
        self.attachments_label.setText(translate("Composer", "Attached: {names}").format(names=", ".join(names))
                                       if names else "")
        self.remove_attachments_button.setVisible(bool(names))
        self._update_sendable()
        self.attachments_changed.emit()
