"""The chat panel follows a provider's exact figure when it replaces an estimate: the answer's footer and the
conversation's running total change in place, with the same footer code that drew them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .library import entries
from .wording import footer_text

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.core.cost_lookups import Reported

    from .chat_panel import ChatPanel

KEEP = 50  # answers of this session whose live footer can be drawn again


class ExactCosts:
    def __init__(self, panel: ChatPanel) -> None:
        self.panel = panel
        self._replies: dict[int, Reply] = {}
        panel.controller.cost_reported.connect(self.reported)

    def finished(self, reply: Reply) -> None:
        """An answer was drawn live: its footer is drawn again from this reply if its cost changes."""
        if reply.message_id is None:
            return
        self._replies[reply.message_id] = reply
        while len(self._replies) > KEEP:
            del self._replies[next(iter(self._replies))]

    def reported(self, news: Reported) -> None:
        panel = self.panel
        shown = panel.controller.conversation_id
        if news.conversation_id is None or news.conversation_id != shown:
            return  # drawn from the ledger when that conversation is opened
        if news.message_id is not None:
            footer = self.footer(shown, news.message_id)
            if footer:
                panel.transcript.replace_footer(news.message_id, footer)
        panel.show_total()

    def footer(self, conversation_id: int, message_id: int) -> str:
        """The answer's footer with its cost as the ledger now holds it."""
        panel = self.panel
        reply = self._replies.get(message_id)
        if reply is not None:
            cost = panel.controller.runtime.cost_lookups.answer_cost(message_id)
            if cost is not None:
                reply.cost_usd, reply.cost_source = cost.cost_usd, cost.source
            return panel.extras.footer(reply, footer_text(reply))
        library = panel.library
        rows = [r for r in library.branch(conversation_id) if r.id == message_id]
        drawn = entries(rows, panel.label, None, library.attempts(conversation_id))
        return drawn[0].footer if drawn else ""
