"""The mark on an answer that did not finish (stopped, cut off, interrupted): what happened and what it means.

A stopped or cut-off answer with text stays in the conversation and is sent as the assistant turn of the next
prompt's history; one without any text is left out (with its prompt). The mark says which, on the message
itself, live and when the conversation is opened again. Plain text in the transcript's document, so a screen
reader reads it with the message.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from .i18n import QT_TRANSLATE_NOOP, translate

if TYPE_CHECKING:
    from app.core.chat import Reply
    from app.store import MessageRow, RequestRow

    from .markdown_view import Colours

# The marks, in English; marked for collection here and translated where they are drawn (marker_html).
STOPPED = QT_TRANSLATE_NOOP("Incomplete", "Stopped — this partial answer is part of the history")
STOPPED_EMPTY = QT_TRANSLATE_NOOP("Incomplete", "Stopped before any answer — this turn is left out of the history")
CUT_OFF = QT_TRANSLATE_NOOP("Incomplete", "Cut off (max tokens) — the answer reached its token limit; raise Max "
                            "output tokens in Parameters")
FILTERED = QT_TRANSLATE_NOOP("Incomplete", "Stopped by the provider's content filter — this partial answer is part "
                             "of the history")
INTERRUPTED = QT_TRANSLATE_NOOP("Incomplete", "Incomplete — this partial answer is part of the history")


def marker(*, stopped: bool, failed: bool, finish_reason: str | None, has_text: bool) -> str:
    """The mark for an answer that ended this way; '' for one that finished normally or failed without text
    (its error says all there is)."""
    if stopped:
        return STOPPED if has_text else STOPPED_EMPTY
    if failed:
        return INTERRUPTED if has_text else ""
    if finish_reason == "length":
        return CUT_OFF
    if finish_reason == "content_filter":
        return FILTERED if has_text else ""
    return ""


def reply_marker(reply: Reply) -> str:
    """The mark of an answer that just ended."""
    return marker(stopped=reply.finish_reason == "cancelled", failed=reply.error is not None,
                  finish_reason=reply.finish_reason, has_text=bool(reply.text.strip()))  # fmt: skip


def stored_marker(row: MessageRow, attempt: RequestRow | None) -> str:
    """The mark of a saved answer, from its status and its ledger row's finish reason."""
    finish = attempt.finish_reason if attempt is not None else None
    return marker(stopped=row.status == "interrupted", failed=row.status == "error", finish_reason=finish,
                  has_text=bool(row.content.strip()))  # fmt: skip


def marker_html(text: str, colours: Colours) -> str:
    """The mark (one of the English marks above) as one paragraph under the answer's text, in the warning colour
    and the window's language."""
    if not text:
        return ""
    return (f'<p style="margin-top:6px; color:{colours.warning}; font-size:small"><b>■ '
            f"{html.escape(translate('Incomplete', text))}</b></p>")  # fmt: skip
