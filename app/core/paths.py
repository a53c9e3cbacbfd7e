"""Where Parley keeps its files: platformdirs per user, or everything under `$PARLEY_HOME`."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "parley"
HOME_ENV = "PARLEY_HOME"  # one directory for everything: tests, portable installs, a second profile


def _home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def _ensure(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Settings (never keys). Created on demand."""
    home = _home()
    return _ensure(home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)))


def data_dir() -> Path:
    """The conversation database and anything else worth backing up. Created on demand."""
    home = _home()
    return _ensure(home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)))


def cache_dir() -> Path:
    """Disposable files, such as fetched model lists. Created on demand."""
    home = _home()
    return _ensure(home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)))


def db_path() -> Path:
    return data_dir() / "parley.db"


def settings_path() -> Path:
    return config_dir() / "settings.json"
