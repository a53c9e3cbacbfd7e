"""What the one-folder bundle keeps: the Qt plugins a user needs, Qt's translations only for Parley's languages,
no orphaned libraries.

`parley.spec` calls `trim()` on PyInstaller's Analysis tables. Everything is decided by destination path
inside the bundle, so the rules read the same on every build machine; what a build machine happens to have
installed (GTK arrived with gnome-keyring, PLATFORM-NOTES) is then dropped by `orphaned_libraries`, which
follows the shared-library links of what was dropped and of what is kept (Linux, via ldd).
"""

from __future__ import annotations

import fnmatch
import sys
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath

from app.ui.desktop_check import BUNDLED_X11  # plain Python, no Qt: the one list of libraries the bundle carries

# Plugin folder -> file stems (without "lib" and the suffix) to keep; every other plugin folder goes
# (wayland*, eglfs, generic input, tls, networkinformation, xcbglintegrations, sqldrivers...).
KEEP_PLUGINS: dict[str, tuple[str, ...]] = {
    # xcb for X11 and XWayland, wayland for a Wayland session natively (app/ui/desktop_check.py picks it);
    # offscreen and minimal for headless runs and the smoke test; Windows and macOS their own.
    "platforms": ("qxcb", "qwayland", "qoffscreen", "qminimal", "qwindows", "qdirect2d", "qcocoa"),
    # Wayland: the desktop shell protocol every compositor speaks, and the title bars Qt draws itself where
    # the compositor does not (GNOME). No graphics integrations: widgets draw into shared memory.
    "wayland-shell-integration": ("xdg-shell",),
    "wayland-decoration-client": ("bradient", "adwaita"),
    "platformthemes": ("qxdgdesktopportal",),  # the desktop's light/dark theme and native file dialogs (not GTK3)
    "platforminputcontexts": ("ibusplatforminputcontextplugin", "composeplatforminputcontextplugin"),  # CJK, dead keys
    "iconengines": ("qsvgicon",),  # the app icon is an SVG
    "imageformats": ("qsvg", "qjpeg", "qgif", "qwebp", "qico"),  # attachments and pasted images
    "styles": ("*",),  # Windows 11 / Vista and macOS native styles (none on Linux)
}

# Python packages no frozen Parley imports (dev tools reached through pydantic's optional plugins, Tk,
# Qt modules the app does not use).
EXCLUDED_MODULES = [
    "tkinter", "_tkinter", "mypy", "pydantic.mypy", "hypothesis", "pytest", "_pytest", "IPython",
    "setuptools", "pip", "PySide6.QtNetwork", "PySide6.QtOpenGL", "PySide6.QtQml", "PySide6.QtQuick",
]  # fmt: skip

# Never shipped, whatever the rules above let through: the build fails if one is still there. libwayland
# comes from the system (every Wayland desktop has it, and the system's EGL links the same copy).
# Translations (*.qm) only for the languages Parley speaks: its own and Qt's for each.
FORBIDDEN = ("libgtk-3.so*", "libgdk-3.so*", "libQt6Network.so*", "*.qm", "libwayland-*.so*")

# Always shipped: the X11 libraries Qt's xcb plugin links that a fresh desktop may lack (libxcb-cursor0 is
# missing on many Ubuntu and Debian installs); the list is the start-up check's. The build fails if the
# build machine did not provide one; the frozen smoke test loads each from the bundle.
REQUIRED_X11 = BUNDLED_X11

QT_PREFIX = PurePosixPath("PySide6/Qt")
KEEP_TRANSLATIONS = ("qtbase_es.qm",)  # one per language in app/ui/i18n.py LANGUAGES besides English
ALLOWED_QM = (*KEEP_TRANSLATIONS, "parley_es.qm")


def plugin_stem(name: str) -> str:
    stem = name.split(".")[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_file(dest: str) -> bool:
    """Whether a file under PySide6/Qt/ (a plugin, a translation, a library) belongs in the bundle."""
    path = PurePosixPath(dest.replace("\\", "/"))
    if not path.is_relative_to(QT_PREFIX):
        return True
    rest = path.relative_to(QT_PREFIX).parts
    if rest[:1] == ("translations",):  # only Qt's own words for the languages Parley speaks (its dialogs' buttons)
        return any(fnmatch.fnmatchcase(rest[-1], pattern) for pattern in KEEP_TRANSLATIONS)
    if rest[:1] == ("plugins",) and len(rest) >= 3:
        wanted = KEEP_PLUGINS.get(rest[1], ())
        return any(fnmatch.fnmatchcase(plugin_stem(rest[-1]), pattern) for pattern in wanted)
    return True


def is_plain_library(dest: str) -> bool:
    """A shared library pulled in as a dependency (not a Python extension, not libpython, not a plugin)."""
    path = PurePosixPath(dest.replace("\\", "/"))
    name = path.name
    if "plugins" in path.parts or ".cpython-" in name or ".abi3." in name or name.startswith("libpython"):
        return False
    return name.startswith("lib") and (".so" in name or name.endswith(".dylib"))


def orphaned_libraries(kept: Iterable[tuple[str, str]], dropped: Iterable[tuple[str, str]],
                       imports: Callable[[str], set[str]]) -> set[str]:  # fmt: skip
    """Library names that only dropped binaries need. `kept`/`dropped` are (dest, src) pairs; `imports(src)`
    gives every library a binary loads, transitively (ldd's answer)."""
    needed: set[str] = set()
    for dest, src in kept:
        if not is_plain_library(dest):
            needed |= imports(src)
    orphans: set[str] = set()
    for dest, src in dropped:
        orphans |= imports(src)
        if is_plain_library(dest):
            orphans.add(PurePosixPath(dest).name)
    return orphans - needed


def ldd_imports(src: str) -> set[str]:
    from PyInstaller.depend.bindepend import get_imports

    names: set[str] = set()
    for name, path in get_imports(src):
        names.add(Path(name).name)
        if path:
            names.add(Path(path).name)
    return names


def trim(binaries: list[tuple[str, str, str]], datas: list[tuple[str, str, str]]
         ) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]], list[str]]:  # fmt: skip
    """Apply the rules to Analysis' binaries and datas; returns both trimmed and the names dropped."""
    kept_bins = [e for e in binaries if keep_qt_file(e[0])]
    dropped_bins = [e for e in binaries if not keep_qt_file(e[0])]
    orphans: set[str] = set()
    if sys.platform.startswith("linux"):
        orphans = orphaned_libraries([(d, s) for d, s, _ in kept_bins], [(d, s) for d, s, _ in dropped_bins],
                                     ldd_imports)  # fmt: skip
    final_bins = [e for e in kept_bins if not (is_plain_library(e[0]) and PurePosixPath(e[0]).name in orphans)]
    gone = {e[0] for e in binaries} - {e[0] for e in final_bins}
    final_datas = [e for e in datas if keep_qt_file(e[0]) and not _dangling(e, gone)]
    gone |= {e[0] for e in datas} - {e[0] for e in final_datas}
    return final_bins, final_datas, sorted(gone)


def _dangling(entry: tuple[str, str, str], gone: set[str]) -> bool:
    """A symlink (PyInstaller puts Qt libraries' links at the top level) whose target was dropped."""
    dest, target, kind = entry
    if kind != "SYMLINK":
        return False
    resolved = PurePosixPath(dest.replace("\\", "/")).parent / target.replace("\\", "/")
    return str(resolved) in gone


def drop_forbidden(entries: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The entries without system-only libraries (libwayland-*) that PyInstaller collected as dependencies."""
    return [e for e in entries if not fnmatch.fnmatchcase(PurePosixPath(e[0]).name, "libwayland-*.so*")]


def required_missing(binaries: Iterable[tuple[str, str, str]]) -> list[str]:
    """REQUIRED_X11 libraries that are not among the bundle's top-level binaries."""
    names = {PurePosixPath(e[0].replace("\\", "/")).name for e in binaries}
    return [name for name in REQUIRED_X11 if name not in names]


def forbidden_left(entries: Iterable[tuple[str, str, str]]) -> list[str]:
    names = ((e[0], PurePosixPath(e[0]).name) for e in entries)
    return sorted(dest for dest, name in names
                  if name not in ALLOWED_QM and any(fnmatch.fnmatchcase(name, p) for p in FORBIDDEN))  # fmt: skip
