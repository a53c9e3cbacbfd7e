"""The few settings the window needs before it is built (language, theme, its last size and place), read
from settings.json without loading settings.py and what it imports: the first window paints sooner."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .paths import settings_path


@dataclass(frozen=True, slots=True)
class EarlySettings:
    """What start-up reads before the window exists; settings.py reads and checks the whole file later."""

    language: str = ""  # "" follows the system
    theme: str = "system"
    geometry: str = ""  # the window's last size and place (Qt saveGeometry, base64), "" for the default


def parse_settings(raw: bytes) -> dict[str, Any] | None:
    """The file's object, or None when it is not a settings file at all."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return None
    return data


def early_settings(path: Path | None = None) -> EarlySettings:
    """The language, theme and window geometry as saved; the defaults for whatever is missing or unreadable."""
    try:
        data = parse_settings((path or settings_path()).read_bytes())
    except OSError:
        return EarlySettings()
    if not data:
        return EarlySettings()
    state = data.get("window_state")
    geometry = state.get("geometry") if isinstance(state, dict) else None
    return EarlySettings(
        language=_text(data.get("language"), ""), theme=_text(data.get("theme"), "system"), geometry=_text(geometry, "")
    )


def _text(value: object, default: str) -> str:
    return value if isinstance(value, str) else default


def saved_language(path: Path | None = None) -> str:
    """The `language` setting ("" for the system's, or when unreadable)."""
    return early_settings(path).language
