"""The "search the web" switch of a conversation (the composer's globe), and what searching costs, in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget

from .style import flat, set_icon

if TYPE_CHECKING:
    from app.providers import ProviderSpec

ON_TIP = ("Search the web: the model may search with {provider}'s own search tool and cite its sources under the "
          "answer (links open only when you click them). {fee}")  # fmt: skip
OFF_TIP = "Search the web: {why}"


def _spec(provider: str) -> ProviderSpec | None:
    from app.providers.catalog import get_spec  # the adapters' package: loaded by the time a model is chosen

    try:
        return get_spec(provider)
    except KeyError:
        return None


def search_fee_note(provider: str, model: str) -> str:
    """"Each search costs $0.010 on top of tokens (OpenAI's rate since 2025-03-11)." or ''."""
    from app.core.search_prices import search_price

    spec = _spec(provider)
    entry = search_price((spec.price_provider or spec.id) if spec is not None else provider, model)
    if entry is None:
        return "Search fees are not known for this model."
    unit = "grounded prompt (however many searches)" if entry.unit == "grounded_prompt" else "search"
    name = spec.name if spec is not None else provider
    return f"Each {unit} costs ${entry.usd_per_unit:.3f} on top of tokens ({name}'s rate since {entry.since})."


def cannot_search(provider: str, model: str) -> str | None:
    """Why this model cannot search the web here (plain words), or None when it can."""
    from app.core.capabilities import WEB_SEARCH_EXAMPLES, supports_web_search

    if not model.strip():
        return "type a model name first"
    if supports_web_search(provider, model):
        return None
    return f"{model.strip()} cannot search the web with its provider's own tool; models that can: {WEB_SEARCH_EXAMPLES}"


class SearchSwitch(QToolButton):
    """A checkable globe: on, the conversation's next prompts may search the web. Enabled only for models that
    can (core's table); for others it is off and its tooltip says why, and the conversation's wish is kept for
    when a model that can is chosen again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        flat(self)
        self.setObjectName("web_search")
        self.setCheckable(True)
        self.setText("Web search")
        self.setAccessibleName("Search the web")
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        set_icon(self, "globe")
        self.setToolTip(OFF_TIP.format(why="type a model name first"))
        self.why_not: str | None = "type a model name first"

    def show_for(self, provider: str, model: str, wanted: bool) -> None:
        """Show the switch for this model: checked when the conversation wants search and the model can."""
        self.why_not = cannot_search(provider, model)
        self.setEnabled(self.why_not is None)
        self.blockSignals(True)
        self.setChecked(wanted and self.why_not is None)
        self.blockSignals(False)
        on = self.isChecked()
        # On, it says so in words and in a framed, tinted button; off, it is a bare globe like the other tools.
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon if on
                                else Qt.ToolButtonStyle.ToolButtonIconOnly)  # fmt: skip
        if self.property("flat") == on:
            self.setProperty("flat", not on)
            self.style().unpolish(self)
            self.style().polish(self)
        if self.why_not is not None:
            self.setToolTip(OFF_TIP.format(why=self.why_not))
        else:
            spec = _spec(provider)
            state = "On" if self.isChecked() else "Off"
            self.setToolTip(f"{state}. " + ON_TIP.format(provider=spec.name if spec else provider,
                                                         fee=search_fee_note(provider, model)))  # fmt: skip
