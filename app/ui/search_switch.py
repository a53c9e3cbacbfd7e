"""The "search the web" switch of a conversation (the composer's globe), and what searching costs, in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton, QWidget

from .i18n import QT_TRANSLATE_NOOP, money, translate
from .style import flat, set_icon

if TYPE_CHECKING:
    from app.providers import ProviderSpec

OFF_TIP = QT_TRANSLATE_NOOP("SearchSwitch", "Search the web: {why}")  # in English; off_tip() translates it



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
        return translate("SearchSwitch", "Search fees are not known for this model.")
    name = spec.name if spec is not None else provider
    fee = money(entry.usd_per_unit, 3)
    if entry.unit == "grounded_prompt":
        return translate("SearchSwitch", "Each grounded prompt (however many searches) costs {fee} on top of tokens "
                         "({service}'s rate since {since}).").format(fee=fee, service=name, since=entry.since)
    return translate("SearchSwitch", "Each search costs {fee} on top of tokens ({service}'s rate since "
                     "{since}).").format(fee=fee, service=name, since=entry.since)


def off_tip(why: str) -> str:
    """The switch's tooltip when the model cannot search: why, in the window's language."""
    return translate("SearchSwitch", OFF_TIP).format(why=why)


def cannot_search(provider: str, model: str) -> str | None:
    """Why this model cannot search the web here (plain words), or None when it can."""
    from app.core.capabilities import WEB_SEARCH_EXAMPLES, supports_web_search

    if not model.strip():
        return translate("SearchSwitch", "type a model name first")
    if supports_web_search(provider, model):
        return None
    return translate("SearchSwitch", "{model} cannot search the web with its provider's own tool; models that can: "
                     "{examples}").format(model=model.strip(), examples=WEB_SEARCH_EXAMPLES)


class SearchSwitch(QToolButton):
    """A checkable globe: on, the conversation's next prompts may search the web. Enabled only for models that
    can (core's table); for others it is off and its tooltip says why, and the conversation's wish is kept for
    when a model that can is chosen again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        flat(self)
        self.setObjectName("web_search")
        self.setCheckable(True)
        self.setText(translate("SearchSwitch", "Web search"))
        self.setAccessibleName(translate("SearchSwitch", "Search the web"))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        set_icon(self, "globe")
        self.why_not: str | None = translate("SearchSwitch", "type a model name first")
        self.setToolTip(off_tip(self.why_not))

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
            self.setToolTip(off_tip(self.why_not))
        else:
            spec = _spec(provider)
            state = translate("SearchSwitch", "On.") if self.isChecked() else translate("SearchSwitch", "Off.")
            said = translate("SearchSwitch", "Search the web: the model may search with {service}'s own search tool "
                             "and cite its sources under the answer (links open only when you click them).").format(
                service=spec.name if spec else provider)
            self.setToolTip(f"{state} {said} {search_fee_note(provider, model)}")
