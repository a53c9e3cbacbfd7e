"""Where the app's icon and other bundled files live, in a checkout and in a frozen build."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks bundled data here
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def app_icon() -> QIcon:
    path = resources_dir() / "parley.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()
