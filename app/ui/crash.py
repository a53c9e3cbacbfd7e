"""The crash handler: unexpected errors go to the log with a traceback and to the user in plain words."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .i18n import count, translate

log = logging.getLogger("parley")

LOG_NAME = "parley.log"


def setup_logging() -> Path | None:
    """Log to a file in the data dir (stderr too); None when there is no data dir to write to."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler(sys.stderr)
    stderr.setLevel(logging.WARNING)
    stderr.setFormatter(fmt)
    stderr.addFilter(RedactSecrets())
    root.addHandler(stderr)
    try:
        from app.core.paths import data_dir

        path = data_dir() / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except (ImportError, OSError) as exc:
        log.log(logging.WARNING, "no log file (%s); logging to stderr only", exc)  # (logs stay in English)
        return None
    handler.setFormatter(fmt)
    handler.addFilter(RedactSecrets())
    root.addHandler(handler)
    return path


def _known_secrets() -> list[str]:
    from app.core.runtime import known_secrets

    return known_secrets()


def redact_report(text: str, secrets: Callable[[], Iterable[str]] = _known_secrets) -> str:
    """`text` with every key this process knows, and anything that looks like a credential, taken out."""
    try:
        from app.providers.errors import redact

        return redact(text, secrets())
    except Exception:  # a report must never fail, nor fall back to showing what it could not clean
        return "(not shown: it could not be checked for keys)"


class RedactSecrets(logging.Filter):
    """Takes keys out of every record a handler writes: the message, its arguments and the traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "app.providers" not in sys.modules:
            # Nothing has read a key before the providers are loaded (keys go through them), and loading them
            # here would put httpx on the start-up path before the window is painted.
            return True
        try:
            message = record.getMessage()
        except Exception:  # a badly formatted record: the handler reports it as logging always does
            return True
        record.msg, record.args = redact_report(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact_report(record.exc_text)
        if record.stack_info:
            record.stack_info = redact_report(record.stack_info)
        return True


class CrashHandler:
    """`sys.excepthook`: qasync hands a slot's exception here, so a bug is never silent."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None,
                 secrets: Callable[[], Iterable[str]] = _known_secrets) -> None:  # fmt: skip
        self.log_path = log_path
        self.secrets = secrets  # the keys to take out of a report (besides anything that looks like one)
        self.parent = parent
        self.box: QMessageBox | None = None
        self.count = 0

    def install(self) -> CrashHandler:
        sys.excepthook = self
        return self

    def __call__(self, etype: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(etype, KeyboardInterrupt):
            sys.__excepthook__(etype, exc, tb)
            return
        # An exception's text may quote a request (headers included): the report keeps the story, not the key.
        details = redact_report("".join(traceback.format_exception(etype, exc, tb)), self.secrets)
        log.error("unexpected error\n%s", details.rstrip())
        self.count += 1
        if QApplication.instance() is not None:
            self.show(redact_report(f"{etype.__name__}: {exc}", self.secrets), details)

    def show(self, summary: str, details: str) -> None:
        """One non-modal box at a time (a nested exec() would stall the asyncio loop); later errors count up."""
        if self.box is not None and self.box.isVisible():
            so_far = translate("CrashHandler", "{count} unexpected errors so far.").format(count=count(self.count))
            self.box.setInformativeText(f"{summary}\n\n{so_far}{self._where()}")
            return
        box = QMessageBox(QMessageBox.Icon.Critical, translate("CrashHandler", "Parley: unexpected error"),
                          translate("CrashHandler", "Something went wrong inside Parley. This is a bug in Parley, not "
                                    "something you did; your conversation and typed text are kept."),
                          QMessageBox.StandardButton.Close, self.parent)  # fmt: skip
        box.setInformativeText(summary + self._where())
        box.setDetailedText(details)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.finished.connect(self._closed)
        self.box = box
        box.show()

    def _closed(self) -> None:
        self.box = None

    def _where(self) -> str:
        if not self.log_path:
            return ""
        return "\n\n" + translate("CrashHandler", "The details were saved to {path}.").format(path=self.log_path)
