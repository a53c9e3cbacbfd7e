"""The prompt box with Send and Stop, the next request's cost, and the images attached to the prompt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QMimeData, Qt, Signal
from PySide6.QtGui import QImage, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.core.text import sentence

from .wording import estimate_text, estimate_tip

if TYPE_CHECKING:
    from app.core.history import Estimate
    from app.providers import ImagePart

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp")
IMAGE_ADVICE = "Attach PNG, JPEG, GIF or WebP images under 20 MB."


class PromptEdit(QPlainTextEdit):
    """The prompt box: Enter is a new line, Ctrl+Enter sends (even if the text editor claims the key).
    Images pasted or dropped on it are attached to the prompt instead of inserted as text."""

    submitted = Signal()
    images_received = Signal(object)  # list of (name, bytes) pasted or dropped

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return bool(_image_payloads(source, probe=True)) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:
        images = _image_payloads(source)
        if images:
            self.images_received.emit(images)
            return
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
            return [("pasted image", b"")]
        image = source.imageData()
        if isinstance(image, QImage) and not image.isNull():
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            image.save(buffer, "PNG")  # type: ignore[call-overload]  # (the stubs say bytes; it takes str)
            return [("pasted image.png", bytes(buffer.data().data()))]
    return out


class Composer(QWidget):
    """What the user writes next. Sending is the chat panel's business; this holds the text and images."""

    problem = Signal(str, str)  # what could not be attached, what to do instead
    attachments_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._attachments: list[tuple[str, ImagePart]] = []
        self.prompt_edit = PromptEdit()
        self.prompt_edit.setObjectName("prompt")
        self.prompt_edit.setPlaceholderText("Ask anything. Ctrl+Enter sends, Esc stops.")
        self.prompt_edit.setTabChangesFocus(True)
        self.prompt_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.prompt_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        self.send_button = QPushButton("Send")
        self.send_button.setObjectName("send")
        self.send_button.setToolTip("Send the prompt (Ctrl+Enter)")
        self.send_button.setDefault(True)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setObjectName("stop")
        self.stop_button.setToolTip("Stop the answer; what arrived so far is kept (Esc)")
        self.stop_button.setEnabled(False)
        self.estimate_label = QLabel("")
        self.estimate_label.setObjectName("next_request_cost")
        self.estimate_label.setToolTip(estimate_tip(None))
        self.estimate_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.estimate_label.setWordWrap(True)
        small = self.estimate_label.font()
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.88))
        self.estimate_label.setFont(small)
        self.estimate_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.attach_button = QPushButton("Attach &image…")
        self.attach_button.setObjectName("attach_image")
        self.attach_button.setToolTip("Attach PNG, JPEG, GIF or WebP images to the prompt (or paste or drop them)")
        self.attachments_label = QLabel("")
        self.attachments_label.setObjectName("attachments")
        self.remove_attachments_button = QPushButton("Remove images")
        self.remove_attachments_button.setObjectName("remove_images")
        self.params_button = QPushButton("Parameters…")
        self.params_button.setObjectName("parameters")
        self.params_button.setToolTip("This conversation's system prompt, temperature, max tokens… (Ctrl+Shift+P)")
        self._layout()
        self._show_attachments()
        self.attach_button.clicked.connect(self.choose_images)
        self.remove_attachments_button.clicked.connect(self.clear_attachments)
        self.prompt_edit.images_received.connect(self.attach_payloads)

    def _layout(self) -> None:
        buttons = QVBoxLayout()
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addWidget(self.estimate_label)
        buttons.addStretch(1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.prompt_edit, 1)
        bottom.addLayout(buttons)
        extras = QHBoxLayout()
        extras.setContentsMargins(0, 0, 0, 0)
        extras.addWidget(self.attach_button)
        extras.addWidget(self.attachments_label, 1)
        extras.addWidget(self.remove_attachments_button)
        extras.addWidget(self.params_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(bottom)
        column.addLayout(extras)

    # -- the text ---------------------------------------------------------------------------------------
    def text(self) -> str:
        return self.prompt_edit.toPlainText()

    def show_estimate(self, estimate: Estimate | None) -> None:
        self.estimate_label.setText(estimate_text(estimate))
        self.estimate_label.setToolTip(estimate_tip(estimate))

    def show_params(self, summary: str) -> None:
        """A few words on what differs from the provider's defaults (the conversation's parameters)."""
        self.params_button.setText(f"Parameters: {summary}…" if summary else "Parameters…")
        if len(summary) > 40:
            self.params_button.setText(f"Parameters: {summary[:38]}…")
        self.params_button.setToolTip((summary + "\n" if summary else "")
                                      + "This conversation's system prompt, temperature, max tokens… (Ctrl+Shift+P)")

    # -- images -------------------------------------------------------------------------------------------
    def images(self) -> tuple[ImagePart, ...]:
        return tuple(image for _name, image in self._attachments)

    def attachment_names(self) -> list[str]:
        return [name for name, _image in self._attachments]

    def choose_images(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Attach images", "",
                                                "Images (*.png *.jpg *.jpeg *.gif *.webp)")  # fmt: skip
        payloads = []
        for name in paths:
            path = Path(name)
            try:
                payloads.append((path.name, path.read_bytes()))
            except OSError as exc:
                self.problem.emit(f"Cannot read {path.name}: {exc.strerror or exc}.", IMAGE_ADVICE)
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
                problems.append(sentence(str(exc)))
        self._show_attachments()
        if problems:
            self.problem.emit(" ".join(problems), IMAGE_ADVICE)

    def clear_attachments(self) -> None:
        self._attachments.clear()
        self._show_attachments()

    def _show_attachments(self) -> None:
        names = self.attachment_names()
        self.attachments_label.setText(("Attached: " + ", ".join(names)) if names else "")
        self.remove_attachments_button.setVisible(bool(names))
        self.attachments_changed.emit()
