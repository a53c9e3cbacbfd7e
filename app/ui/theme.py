"""Light and dark themes: follow the system (settings.theme "system") or force one; Fusion's palettes where needed."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from .markdown_view import DARK, LIGHT, Colours

CHOICES = ("system", "light", "dark")


def is_dark(palette: QPalette) -> bool:
    """A palette is dark when its window is darker than its text."""
    window = palette.color(QPalette.ColorRole.Window)
    text = palette.color(QPalette.ColorRole.WindowText)
    return window.lightnessF() < text.lightnessF()


def colours_for(palette: QPalette) -> Colours:
    """The colours of what we draw ourselves (code, tables, footers, notices) for this palette."""
    return DARK if is_dark(palette) else LIGHT


def dark_palette() -> QPalette:
    """Fusion's dark palette, for systems that have no dark one of their own."""
    p = QPalette()
    window, base, alt, text = QColor("#2b2b2b"), QColor("#1f1f1f"), QColor("#2f2f2f"), QColor("#e6e6e6")
    disabled = QColor("#7f7f7f")
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.AlternateBase: alt,
        QPalette.ColorRole.ToolTipBase: QColor("#3a3a3a"), QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#9a9a9a"), QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor("#353535"), QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"), QPalette.ColorRole.Light: QColor("#4a4a4a"),
        QPalette.ColorRole.Midlight: QColor("#3e3e3e"), QPalette.ColorRole.Mid: QColor("#2a2a2a"),
        QPalette.ColorRole.Dark: QColor("#1a1a1a"), QPalette.ColorRole.Shadow: QColor("#000000"),
        QPalette.ColorRole.Highlight: QColor("#2f65ca"), QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#8ab4f8"), QPalette.ColorRole.LinkVisited: QColor("#c58af9"),
    }  # fmt: skip
    for role, colour in roles.items():
        p.setColor(role, colour)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return p


def _system_scheme(app: QGuiApplication) -> Qt.ColorScheme:
    return app.styleHints().colorScheme()


class ThemeKeeper(QObject):
    """Applies a theme choice and applies it again when the desktop switches between light and dark."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("parley_theme")
        self.app = app
        self.choice = "system"
        self.own_palette = False  # True while our Fusion palette is in use, not the system's
        self._default_style = app.style().name()
        app.styleHints().colorSchemeChanged.connect(self._system_changed)

    def apply(self, choice: str) -> None:
        app = self.app
        self.choice = choice if choice in CHOICES else "system"
        hints = app.styleHints()
        wanted = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(self.choice, Qt.ColorScheme.Unknown)
        hints.setColorScheme(wanted)  # asks the platform theme; many (Xvfb, some desktops) ignore it
        dark = self.choice == "dark" or (self.choice == "system" and _system_scheme(app) == Qt.ColorScheme.Dark)
        if self.own_palette:  # start again from the platform's palette before judging it
            self._set_style(self._default_style)
            app.setPalette(app.style().standardPalette())
            self.own_palette = False
        if dark != is_dark(app.palette()):
            self._set_style("fusion")
            app.setPalette(dark_palette() if dark else app.style().standardPalette())
            self.own_palette = True

    def _set_style(self, name: str) -> None:
        """Only when it changes: every style swap re-polishes every widget."""
        if self.app.style().name().lower() != name.lower():
            style = QStyleFactory.create(name)
            if style is not None:
                self.app.setStyle(style)

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
