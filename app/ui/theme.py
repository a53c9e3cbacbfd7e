"""Light and dark themes: follow the system (settings.theme "system") or force one (see style.py for the look)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

if TYPE_CHECKING:
    from .markdown_view import Colours

CHOICES = ("system", "light", "dark")


def is_dark(palette: QPalette) -> bool:
    """A palette is dark when its window is darker than its text."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightnessF() < text.lightnessF()


def colours_for(palette: QPalette) -> Colours:
    """The colours of what we draw ourselves (code, tables, footers, notices) for this palette."""
    from .markdown_view import DARK, LIGHT  # not at import: the theme is set before the first paint

    return DARK if is_dark(palette) else LIGHT


def _system_scheme(app: QGuiApplication) -> Qt.ColorScheme:
    return app.styleHints().colorScheme()


class ThemeKeeper(QObject):
    """Applies a theme choice (Fusion, our light or dark palette, our style sheet) and applies it again when
    the desktop switches between light and dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("parley_theme")
        self.app = app
        self.choice = "system"
        self.dark: bool | None = None  # the palette in use (None: none applied yet)
        self._fusion = False
        self._system_dark = is_dark(app.palette())  # what the platform's own palette says, before ours
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def apply(self, choice: str) -> None:
        from .style import palette, refresh_icons, scheme, style_sheet

        app = self.app
        self.choice = choice if choice in CHOICES else "system"
        hints = app.styleHints()
        wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(self.choice, Qt.ColorScheme.Unknown)
        hints.setColorScheme(wanted)  # asks the platform theme; many (Xvfb, some desktops) ignore it
        system = _system_scheme(app)
        system_dark = system == Qt.ColorScheme.Dark or (system == Qt.ColorScheme.Unknown and self._system_dark)
        dark = self.choice == "dark" or (self.choice == "system" and system_dark)
        if dark == self.dark:
            return
        self.dark = dark
        if not self._fusion:  # one look everywhere (once: every style swap re-polishes every widget)
            if app.style().name().lower() != "fusion":  # (often Qt's default already: a new one costs ~6 ms)
                style = QStyleFactory.create("fusion")
                if style is not None:
                    app.setStyle(style)
            self._fusion = True
        chosen = scheme(dark)
        app.setPalette(palette(chosen))
        app.setStyleSheet(style_sheet(chosen))
        refresh_icons()

    def _system_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.choice == "system":
            self.apply("system")


def apply_theme(app: QApplication, choice: str) -> ThemeKeeper:
    """Light, dark or the system's; views that draw their own colours repaint on the palette change."""
    keeper = app.findChild(ThemeKeeper, "parley_theme")
    if keeper is None:
        keeper = ThemeKeeper(app)
    keeper.apply(choice)
    return keeper


def apply_saved_theme(app: QApplication) -> None:
    """The theme from the settings file (a damaged file means the system's theme)."""
    from app.core.settings import load_settings

    try:
        choice = load_settings().settings.theme
    except OSError:
        choice = "system"
    apply_theme(app, choice)


def dark_palette() -> QPalette:
    """Parley's dark palette (tests and tools that draw offscreen in the dark theme)."""
    from .style import DARK, palette

    return palette(DARK)
