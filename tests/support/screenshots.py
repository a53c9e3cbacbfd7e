"""Screenshots a test saves for people to look at (artifacts/screenshots), of what the next frame would show."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def shoot(widget: QWidget, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    QApplication.sendPostedEvents()  # pending layout requests: the grab shows what the next frame would
    QApplication.processEvents()
    assert widget.grab().save(str(path))
    return path
