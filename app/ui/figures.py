"""Formulas and diagrams as HTML for the transcript: `<img>` tags the view draws, or their source when they can't be.

Pure (no Qt): the hook markdown_view calls for math tokens and `mermaid` fences. An image's URL carries everything
needed to draw it (kind, theme, the source in base64url), so the view's resource provider (figure_view) needs no
registry, its cache is keyed by source and theme, and copying a selection can give the source back.

    parley-math:il/<source>      inline formula, light theme ("d" display, "d" dark)
    parley-diagram:d/<source>    a Mermaid diagram, dark theme
    parley-figure:copy/<source>  the actions under a diagram (copy, svg, png)
"""

from __future__ import annotations

import base64
import html
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .i18n import translate

if TYPE_CHECKING:  # markdown_view imports this module
    from .markdown_view import Colours

MATH_SCHEME = "parley-math"
DIAGRAM_SCHEME = "parley-diagram"
ACTION_SCHEME = "parley-figure"
_ENV = re.compile(r"\\(begin|end)\s*\{([^}]*)\}")


@dataclass(frozen=True, slots=True)
class Figure:
    """What an image URL says: which kind, display or inline, which theme, and the source."""

    kind: str  # "math" or "diagram"
    source: str
    display: bool = False
    dark: bool = False


def encode(source: str) -> str:
    return base64.urlsafe_b64encode(source.encode()).decode().rstrip("=")


def decode(text: str) -> str:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True).decode()


def figure_url(figure: Figure) -> str:
    theme = "d" if figure.dark else "l"
    if figure.kind == "math":
        return f"{MATH_SCHEME}:{'d' if figure.display else 'i'}{theme}/{encode(figure.source)}"
    return f"{DIAGRAM_SCHEME}:{theme}/{encode(figure.source)}"


def parse_url(url: str) -> Figure | None:
    """The figure an image URL names; None for anything else (never raises)."""
    scheme, _, rest = url.partition(":")
    flags, _, data = rest.partition("/")
    try:
        source = decode(data)
    except ValueError:  # binascii.Error and UnicodeDecodeError are ValueErrors
        return None
    if not source:
        return None
    if scheme == MATH_SCHEME and len(flags) == 2:
        return Figure("math", source, display=flags[0] == "d", dark=flags[1] == "d")
    if scheme == DIAGRAM_SCHEME and len(flags) == 1:
        return Figure("diagram", source, dark=flags == "d")
    return None


def latex_problem(tex: str) -> str | None:
    """Why `tex` cannot be a formula, seen without rendering it (unbalanced braces or environments)."""
    depth = 0
    escaped = False
    for ch in tex:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth < 0:
                return "a } closes nothing"
    if depth:
        return "a { is not closed"
    envs: list[str] = []
    for kind, name in _ENV.findall(tex):
        if kind == "begin":
            envs.append(name)
        elif not envs or envs.pop() != name:
            return f"\\end{{{name}}} does not match"
    return f"\\begin{{{envs[-1]}}} is not closed" if envs else None


def math_html(tex: str, display: bool, colours: Colours) -> str:
    """An inline or display formula: an image centred on the text's middle (figure_view pads it so that its
    baseline meets the line's), its LaTeX as the tooltip; unbalanced LaTeX shows as its source."""
    opener, closer = ("$$", "$$") if display else ("$", "$")
    if latex_problem(tex) is not None:
        source = html.escape(f"{opener}{tex}{closer}")
        code = f'<code style="background-color:{colours.inline_code_bg}">{source}</code>'
        return f"<p>{code}</p>\n" if display else code
    url = figure_url(Figure("math", tex, display, colours.dark))
    title = html.escape(f"{opener}{tex}{closer}", quote=True)
    image = f'<img src="{url}" title="{title}" style="vertical-align:middle">'
    return f'<p align="center">{image}</p>\n' if display else image


def diagram_html(source: str, colours: Colours) -> str:
    """A diagram as an image with its actions underneath (copy the source, save as SVG or PNG)."""
    url = figure_url(Figure("diagram", source, dark=colours.dark))
    data = encode(source)
    link = f"color:{colours.link}"
    actions = " · ".join(f'<a href="{ACTION_SCHEME}:{action}/{data}" style="{link}">{label}</a>'
                         for action, label in (("copy", translate("Figures", "Copy source")),
                                               ("svg", translate("Figures", "Save as SVG")),
                                               ("png", translate("Figures", "Save as PNG"))))  # fmt: skip
    small = f"color:{colours.muted}; font-size:small"
    return (f'<p style="margin:6px 0 0 0; {small}">mermaid · {actions}</p>'
            f'<p style="margin:4px 0 8px 0"><img src="{url}"></p>\n')  # fmt: skip


def diagram_problem(source: str) -> str:
    """Why a `mermaid` fence cannot be drawn, in one line; "" when it can."""
    from app.core.mermaid import problem  # our own parser, loaded with the first diagram

    return problem(source)
