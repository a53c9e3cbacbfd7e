"""Web search, documents and sources in the chat panel: the search switch follows the model and the conversation,
documents are estimated for the provider chosen, files dropped anywhere on the chat are attached, and the estimate
and footers say what searching costs and which OpenAI API answered."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from .document_tray import FileDrop
from .i18n import say, translate
from .search_switch import cannot_search, search_fee_note

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.history import Estimate
    from app.providers import ProviderSpec

    from .chat_panel import ChatPanel
    from .sources_view import Link


class ChatExtras(QObject):
    """Owned by the chat panel; the panel calls `follow_model` when the model or the parameters change."""

    def __init__(self, panel: ChatPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        composer = panel.composer
        self.switch = composer.search_switch
        self.tray = composer.documents_tray
        runtime = panel.controller.runtime
        self.tray.limit_mb = lambda: runtime.settings().document_limit_mb
        # Files dropped on the bars or the transcript (which would take and ignore them itself) are attached.
        self.drops = [FileDrop(target, composer.attach_files) for target in (panel, panel.transcript.viewport())]
        self.switch.toggled.connect(self._toggled)
        panel.model_bar.changed.connect(self.follow_model)
        composer.attachments_changed.connect(panel.schedule_estimate)
        self.tray.changed.connect(self.follow_model)  # a document read: estimated as the chosen provider takes it

    def _fields(self) -> tuple[str, str]:
        return self.panel.current_provider(), self.panel.model_box.currentText().strip()

    def follow_model(self) -> None:
        """The switch shows whether this model can search (and the conversation wants it); documents are
        estimated as this provider takes them."""
        provider, model = self._fields()
        self.switch.show_for(provider, model, self.panel.controller.params.web_search)
        if self.tray.documents():
            self.tray.set_native(self.reads_pdfs(provider, model))

    def _toggled(self, on: bool) -> None:
        controller = self.panel.controller
        controller.set_params(replace(controller.params, web_search=on))
        self.panel.model_bar.show_params(", ".join(map(say, controller.params.parts())))
        self.follow_model()
        self.panel.schedule_estimate()
        provider, model = self._fields()
        if on:
            said = translate("ChatExtras", "Web search on for this conversation. {fee}").format(
                fee=search_fee_note(provider, model))
        else:
            said = translate("ChatExtras", "Web search off for this conversation.")
        self.panel.status_changed.emit(said)

    # -- where a request goes ---------------------------------------------------------------------------
    def route(self, provider: str, model: str, web_search: bool | None = None) -> ProviderSpec | None:
        """The provider as the request would speak to it (the Responses API where the settings, the model or
        web search take it), or None when it is not known."""
        if not provider or not model:
            return None
        services = self.panel.controller.runtime.services()
        search = self.searching(provider, model) if web_search is None else web_search
        try:
            return services.with_api(services.spec(provider), model, web_search=search)
        except ValueError:
            return None

    def searching(self, provider: str, model: str) -> bool:
        """The next request searches the web: the conversation asks for it and the model can."""
        return self.panel.controller.params.web_search and cannot_search(provider, model) is None

    def reads_pdfs(self, provider: str, model: str) -> bool:
        from app.core.documents import pdf_limits

        spec = self.route(provider, model)
        return spec is not None and pdf_limits(spec) is not None

    # -- what the panel shows ---------------------------------------------------------------------------
    def note_estimate(self, estimate: Estimate | None) -> None:
        """The estimate beside Send says when searches will cost extra (they are not in the worst case)."""
        provider, model = self._fields()
        if estimate is None or not self.searching(provider, model) or estimate.free:
            return
        label = self.panel.composer.estimate_label
        tip = label.toolTip()  # (taken first: setting the text puts it in the tooltip)
        label.setText(translate("ChatExtras", "{estimate} + searches").format(estimate=label.text()))
        label.setToolTip(translate("ChatExtras", "{estimate}. Web search is on: {fee}").format(
            estimate=tip, fee=search_fee_note(provider, model)))

    def footer(self, reply: Reply, footer: str) -> str:
        """A live answer's footer, saying when it came through OpenAI's Responses API."""
        spec = self.route(reply.provider, reply.requested_model, reply.web_search)
        if spec is not None and spec.protocol.endswith("_responses"):
            return f"{footer} · " + translate("ChatExtras", "Responses API")
        return footer

    @staticmethod
    def sources(reply: Reply) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
        """(sources, Google's search suggestions) of a finished answer, for the transcript."""
        from .sources_view import search_suggestions

        return tuple((c.url, c.title) for c in reply.citations), search_suggestions(reply.search_entry_point)
