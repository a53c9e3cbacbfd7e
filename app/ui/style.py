"""Parley's look: a spacing scale, one accent colour, light and dark palettes, and the style sheet over Fusion.

Every colour pair a person reads (text on its background, in both palettes) has a contrast of at least 4.5:1
(WCAG AA); tests/ui/test_look.py checks them with `contrast`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

SPACE = (4, 8, 12, 16, 24)  # the spacing scale, in pixels: every margin and gap is one of these
RADIUS = 6  # controls
CARD_RADIUS = 10  # the composer and other cards
COLUMN_CHARS = 75  # the transcript's reading width, in average characters


@dataclass(frozen=True, slots=True)
class Scheme:
    """One theme's colours."""

    dark: bool
    window: str  # the window and the sidebar
    base: str  # fields, the transcript, the composer
    alt: str  # alternate rows, the prompt's band, hovered items
    text: str
    muted: str  # footers, placeholders, secondary labels
    border: str
    accent: str  # the one accent: the primary button, focus rings, selection, links
    accent_text: str  # text on the accent
    accent_soft: str  # selected rows, the user's prompt band
    error: str
    warning: str


LIGHT = Scheme(dark=False, window="#f4f5f7", base="#ffffff", alt="#f1f3f6", text="#1f2328", muted="#5c636b",
               border="#d3d8de", accent="#4a4ad6", accent_text="#ffffff", accent_soft="#e7e8fb", error="#b3261e",
               warning="#8a5300")  # fmt: skip
DARK = Scheme(dark=True, window="#18191c", base="#202125", alt="#2a2b30", text="#e6e7ea", muted="#a4a9b1",
              border="#3a3c42", accent="#8f92ff", accent_text="#14142b", accent_soft="#2e2f55", error="#ff8a80",
              warning="#ffc46b")  # fmt: skip


def scheme(dark: bool) -> Scheme:
    return DARK if dark else LIGHT


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def palette(s: Scheme) -> QPalette:
    p = QPalette()
    r = QPalette.ColorRole
    roles = {
        r.Window: s.window, r.WindowText: s.text, r.Base: s.base, r.AlternateBase: s.alt, r.Text: s.text,
        r.ToolTipBase: s.base, r.ToolTipText: s.text, r.PlaceholderText: s.muted, r.Button: s.base,
        r.ButtonText: s.text, r.BrightText: s.error, r.Highlight: s.accent, r.HighlightedText: s.accent_text,
        r.Link: s.accent, r.LinkVisited: s.accent, r.Light: s.base, r.Midlight: s.alt, r.Mid: s.border,
        r.Dark: s.border, r.Shadow: "#000000",
    }  # fmt: skip
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    faded = QColor(s.muted)
    faded.setAlphaF(0.7)
    for role in (r.WindowText, r.Text, r.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, faded)
    return p


def style_sheet(s: Scheme) -> str:
    """The few things Fusion's palette cannot say: rounded controls, the primary button, focus rings, the
    composer card, the sidebar, slim scroll bars."""
    pad, gap = SPACE[1], SPACE[0]
    return f"""
QPushButton, QToolButton {{ border: 1px solid {s.border}; border-radius: {RADIUS}px; padding: {gap}px {pad + 2}px;
    background: {s.base}; color: {s.text}; }}
QPushButton:hover, QToolButton:hover {{ background: {s.alt}; }}
QPushButton:pressed, QToolButton:pressed, QToolButton:checked {{ background: {s.accent_soft}; }}
QPushButton:disabled, QToolButton:disabled {{ color: {s.muted}; border-color: {s.alt}; }}
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QPlainTextEdit:focus, QComboBox:focus, QSpinBox:focus,
QDoubleSpinBox:focus, QListWidget:focus, QTreeWidget:focus, QTextBrowser:focus, QCheckBox:focus {{
    border: 2px solid {s.accent}; }}
QToolButton[flat="true"] {{ border: 1px solid transparent; background: transparent; padding: {gap}px; }}
QToolButton[flat="true"]:hover {{ background: {s.alt}; }}
QToolButton[flat="true"]:focus {{ border: 2px solid {s.accent}; }}
QPushButton[primary="true"] {{ background: {s.accent}; color: {s.accent_text}; border: 1px solid {s.accent};
    font-weight: 600; }}
QPushButton[primary="true"]:hover {{ background: {s.accent}; border: 1px solid {s.text}; }}
QPushButton[primary="true"]:disabled {{ background: {s.alt}; color: {s.muted}; border-color: {s.alt}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid {s.text}; }}
QLineEdit, QComboBox {{ border: 1px solid {s.border}; border-radius: {RADIUS}px;
    padding: {gap}px {pad}px; background: {s.base}; color: {s.text}; selection-background-color: {s.accent};
    selection-color: {s.accent_text}; }}
QComboBox {{ padding-right: 22px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right; width: 20px; border: none; }}
{_arrow_rule(s)}
QPlainTextEdit, QTextEdit {{ border: 1px solid {s.border}; border-radius: {RADIUS}px; background: {s.base};
    selection-background-color: {s.accent}; selection-color: {s.accent_text}; }}
QFrame#composer {{ border: 1px solid {s.border}; border-radius: {CARD_RADIUS}px; background: {s.base}; }}
QFrame#composer QPlainTextEdit {{ border: none; background: transparent; padding: {gap}px; }}
QFrame#composer QPlainTextEdit:focus {{ border: none; }}
QFrame#composer[focused="true"] {{ border: 2px solid {s.accent}; }}
QTextBrowser#transcript {{ border: none; background: {s.base}; }}
QTextBrowser#transcript:focus {{ border: none; }}
QWidget#chatArea {{ background: {s.base}; }}
QWidget#modelBar {{ background: {s.base}; border-bottom: 1px solid {s.border}; }}
QWidget#sidebar {{ background: {s.window}; }}
QListWidget, QTreeWidget {{ border: 1px solid {s.border}; border-radius: {RADIUS}px; background: {s.base};
    outline: 0; }}
QListWidget#conversations {{ border: none; background: {s.window}; }}
QListWidget#conversations::item {{ padding: {gap + 2}px {pad}px; border-radius: {RADIUS}px; margin: 1px 0; }}
QListWidget#conversations::item:hover {{ background: {s.alt}; }}
QListWidget#conversations::item:selected {{ background: {s.accent_soft}; color: {s.text}; }}
QListWidget#conversations:focus {{ border: 2px solid {s.accent}; }}
QLabel[muted="true"] {{ color: {s.muted}; }}
QLabel[warning="true"] {{ color: {s.warning}; }}
QLabel[pill="true"] {{ color: {s.muted}; background: {s.alt}; border-radius: {RADIUS}px; padding: 2px {pad}px; }}
QLabel[heading="true"] {{ font-weight: 600; }}
QLabel#emptyState {{ color: {s.muted}; padding: {SPACE[4]}px; }}
QSplitter::handle {{ background: {s.border}; }}
QSplitter::handle:horizontal {{ width: 1px; }}
QSplitter::handle:vertical {{ height: 1px; }}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 0; }}
QScrollBar::handle:vertical {{ background: {s.border}; border-radius: 4px; min-height: 28px; margin: 2px; }}
QScrollBar:horizontal {{ background: transparent; height: 10px; margin: 0; }}
QScrollBar::handle:horizontal {{ background: {s.border}; border-radius: 4px; min-width: 28px; margin: 2px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar[idle="true"]::handle {{ background: transparent; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: transparent; }}
QToolTip {{ color: {s.text}; background: {s.base}; border: 1px solid {s.border}; padding: {gap}px; }}
QMenu {{ background: {s.base}; border: 1px solid {s.border}; }}
QMenu::item {{ padding: {gap + 2}px {SPACE[3]}px; }}
QMenu::item:selected {{ background: {s.accent_soft}; color: {s.text}; }}
QStatusBar {{ color: {s.muted}; }}
QGroupBox {{ border: 1px solid {s.border}; border-radius: {CARD_RADIUS}px; margin-top: {SPACE[3]}px;
    padding-top: {pad}px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: {pad}px; padding: 0 {gap}px; }}
QTabWidget::pane {{ border: 1px solid {s.border}; border-radius: {RADIUS}px; }}
QTabBar::tab {{ padding: {gap + 2}px {SPACE[3]}px; border: none; }}
QTabBar::tab:selected {{ border-bottom: 2px solid {s.accent}; font-weight: 600; }}
"""


B = TypeVar("B", bound=QAbstractButton)
def _arrow_rule(s: Scheme) -> str:
    path = _arrow(s)
    return f"QComboBox::down-arrow {{ image: url({path}); width: 12px; height: 12px; }}" if path else ""


def _arrow(s: Scheme) -> str:
    """A chevron for combo boxes in the scheme's text colour, as a file (style sheets take images by path)."""
    from app.core.paths import cache_dir

    from .resources import resources_dir

    try:
        target = cache_dir() / f"chevron-down-{s.text.lstrip('#')}.svg"
    except OSError:  # no cache folder (a read-only profile): Fusion's own arrow
        return ""
    if not target.is_file():
        try:
            svg = (resources_dir() / "icons" / "chevron-down.svg").read_text(encoding="utf-8")
            target.write_text(svg.replace("currentColor", s.text), encoding="utf-8")
        except OSError:
            return ""
    return target.as_posix()


_ICONED: weakref.WeakKeyDictionary[QAbstractButton, str] = weakref.WeakKeyDictionary()


def set_icon(button: QAbstractButton, name: str) -> None:
    """Give a button a Lucide icon that follows the theme (drawn again when the palette changes)."""
    from .icons import icon, icon_size

    _ICONED[button] = name
    button.setIcon(icon(name, button.palette()))
    button.setIconSize(icon_size())


def refresh_icons() -> None:
    """After a theme change: every themed icon in the palette's new colours."""
    from .icons import icon

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    import shiboken6

    for button, name in list(_ICONED.items()):
        if shiboken6.isValid(button):
            button.setIcon(icon(name, app.palette()))
        else:  # deleted by Qt while Python still held its wrapper
            del _ICONED[button]


def flat(button: B) -> B:
    """An icon button without a frame until hovered (tool buttons in bars)."""
    button.setProperty("flat", True)
    return button


def primary(button: B) -> B:
    """The one accent-coloured button of a view (Send)."""
    button.setProperty("primary", True)
    return button
