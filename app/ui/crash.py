"""The crash handler: unexpected errors go to the log with a traceback and to the user in plain words."""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

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
    root.addHandler(stderr)
    try:
        from app.core.paths import data_dir

        path = data_dir() / LOG_NAME
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except (ImportError, OSError) as exc:
        log.warning("no log file (%s); logging to stderr only", exc)
        return None
    handler.setFormatter(fmt)
    root.addHandler(handler)
    return path


class CrashHandler:
    """`sys.excepthook`: qasync hands a slot's exception here, so a bug is never silent."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None) -> None:
        self.log_path = log_path
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
        details = "".join(traceback.format_exception(etype, exc, tb))
        log.error("unexpected error\n%s", details.rstrip())
        self.count += 1
        if QApplication.instance() is not None:
            self.show(f"{etype.__name__}: {exc}", details)

    def show(self, summary: str, details: str) -> None:
        """One non-modal box at a time (a nested exec() would stall the asyncio loop); later errors count up."""
        if self.box is not None and self.box.isVisible():
            self.box.setInformativeText(f"{summary}\n\n{self.count} unexpected errors so far.{self._where()}")
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Parley: unexpected error",
                          "Something went wrong inside Parley. This is a bug in Parley, not something you did; "
                          "your conversation and typed text are kept.", QMessageBox.StandardButton.Close,
                          self.parent)  # fmt: skip
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
        return f"\n\nThe details were saved to {self.log_path}." if self.log_path else ""
