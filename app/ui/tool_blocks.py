"""Tool calls in the transcript: each call as a block (tool, server, state, time; expanded: arguments, result,
images, error), drawn as safe HTML. Arguments and results are data from a model and a server: every character
is escaped and shown as plain text, never as markup; images are drawn only from the result's own bytes."""

from __future__ import annotations

import base64
import binascii
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .i18n import QT_TRANSLATE_NOOP, count, say, translate
from .markdown_view import Colours
from .wording import duration_text

if TYPE_CHECKING:
    from app.core.tool_loop import ToolCallRecord
    from app.core.turn import Turn
    from app.store import ToolStepRow

SHOWN_CHARS = 20_000  # of a result or arguments, drawn in an expanded block (Copy gives all of it)
PREVIEW_CHARS = 70  # of a result, on the collapsed block's line
IMAGE_WIDTH = 320  # pixels at most, for an image a tool returned
STATE_WORDS = {  # in English: shown through translate("ToolBlocks", ...)
    "writing": QT_TRANSLATE_NOOP("ToolBlocks", "being written…"),
    "asked": QT_TRANSLATE_NOOP("ToolBlocks", "waiting for your approval"),
    "approved": QT_TRANSLATE_NOOP("ToolBlocks", "approved"),
    "running": QT_TRANSLATE_NOOP("ToolBlocks", "running…"),
    "done": QT_TRANSLATE_NOOP("ToolBlocks", "done"),
    "failed": QT_TRANSLATE_NOOP("ToolBlocks", "failed"),
    "declined": QT_TRANSLATE_NOOP("ToolBlocks", "declined"),
    "stopped": QT_TRANSLATE_NOOP("ToolBlocks", "stopped"),
    "skipped": QT_TRANSLATE_NOOP("ToolBlocks", "not run"),
}
ENDED = frozenset({"done", "failed", "declined", "stopped", "skipped"})


@dataclass(eq=False)
class ToolView:
    """One tool call as the transcript shows it; `offset` is where in the answer's text it was made."""

    call_id: str
    name: str  # the function name the model called
    offset: int = 0
    tool: str = ""  # the tool's own name on its server ("" until known)
    server: str = ""
    arguments: str = ""  # as the model wrote them (streamed), pretty JSON once complete
    state: str = "writing"
    result: str = ""
    images: tuple[tuple[str, bytes], ...] = ()  # (mime type, bytes) of images in the result
    error: str | None = None
    ms: float | None = None
    expanded: bool = False

    @property
    def title(self) -> str:
        return self.tool or self.name

    @property
    def ended(self) -> bool:
        return self.state in ENDED

    @property
    def failed(self) -> bool:
        return self.state in ("failed", "declined", "stopped", "skipped") or (self.state == "done" and bool(self.error))

    def html(self, colours: Colours, key: int | str, index: int) -> str:
        """This call as a block (markdown_view draws an answer's calls through it)."""
        return block_html(self, colours, key, index)

    def update(self, record: ToolCallRecord) -> None:
        """Take what the tool loop knows now (the call is complete by the time it reports)."""
        self.name, self.tool, self.server = record.call.name, record.tool, record.server
        self.arguments = arguments_text(record.call.arguments)
        self.state, self.error, self.ms = record.state, record.error, record.ms
        if record.result is not None:
            from app.core.mcp.results import ImagePart

            self.result = record.result.text()
            self.images = tuple((p.mime, p.data) for p in record.result.parts if isinstance(p, ImagePart))


def arguments_text(arguments: object) -> str:
    """Arguments as people read them: indented JSON, or the raw text the model sent when it was not JSON."""
    import json  # (only once a tool call is shown)

    if isinstance(arguments, str):
        return arguments
    return json.dumps(arguments, ensure_ascii=False, indent=2)


def from_record(record: ToolCallRecord, offset: int) -> ToolView:
    view = ToolView(record.call.id, record.call.name, offset)
    view.update(record)
    return view


def live_views(turn: Turn) -> tuple[list[ToolView], list[int]]:
    """A running turn's calls so far, each placed after the text of its step and the steps before it."""
    from app.core.tool_history import join_texts

    texts = [s.text for s in turn.steps]
    views = [from_record(r, len(join_texts(texts[: r.step]))) for r in turn.tool_calls]
    return views, [r.step for r in turn.tool_calls]


def from_steps(steps: Sequence[ToolStepRow], text: str) -> tuple[ToolView, ...]:
    """A stored answer's calls, each placed after the text of the steps before it (the answer's text is the
    steps' texts joined by blank lines)."""
    from app.core.tool_history import join_texts

    views: list[ToolView] = []
    for n, step in enumerate(steps):
        offset = min(len(join_texts([s.text for s in steps[: n + 1]])), len(text))
        results = {str(r.get("call_id")): r for r in step.results if isinstance(r, Mapping)}
        for call in step.calls:
            if isinstance(call, Mapping):
                views.append(_stored(call, results.get(str(call.get("id"))), offset))
    return tuple(views)


def _stored(call: Mapping[str, Any], result: Mapping[str, Any] | None, offset: int) -> ToolView:
    from app.core.tool_loop import STOPPED

    view = ToolView(str(call.get("id") or ""), str(call.get("name") or ""), offset,
                    arguments=arguments_text(call.get("arguments", {})))  # fmt: skip
    if result is None:  # the app ended mid-call: the model was told it was stopped
        view.state, view.error = "stopped", STOPPED
        return view
    view.tool, view.server = str(result.get("tool") or ""), str(result.get("server") or "")
    view.state = str(result.get("state") or "done")
    error = result.get("error")
    view.error = str(error) if error else None
    view.result = str(result.get("text") or "") if view.state == "done" else ""
    ms = result.get("ms")
    view.ms = float(ms) if isinstance(ms, (int, float)) and not isinstance(ms, bool) else None
    images: list[tuple[str, bytes]] = []
    for image in result.get("images") or []:
        try:
            images.append((str(image["mime_type"]), base64.b64decode(image["data_base64"], validate=True)))
        except (TypeError, KeyError, binascii.Error):
            continue
    view.images = tuple(images)
    return view


# Drawing.


def block_html(view: ToolView, colours: Colours, key: int | str, index: int) -> str:
    """One call in a box of its own; its first line is the link that expands or collapses it."""
    c = colours
    muted = f"color:{c.muted}"
    took = f" · {duration_text(view.ms)}" if view.ms is not None else ""
    where = " " + html.escape(translate("ToolBlocks", "on {server}").format(server=view.server)) if view.server else ""
    state = translate("ToolBlocks", STATE_WORDS[view.state]) if view.state in STATE_WORDS else view.state
    tool = html.escape(translate("ToolBlocks", "Tool"))
    state_style = f"color:{c.error}" if view.failed else muted
    arrow = "▾" if view.expanded else "▸"
    href = f"parley-tool:{key}/{index}"
    line = (f'<a href="{href}" style="color:{c.code_text}; text-decoration:none">{arrow} {tool} '
            f"<b>{html.escape(view.title)}</b></a>"
            f'<span style="{muted}">{where} · </span><span style="{state_style}">{html.escape(state)}</span>'
            f'<span style="{muted}">{took}</span>')  # fmt: skip
    if not view.expanded:
        preview = _preview(view)
        if preview:
            line += f'<br><span style="{muted}">{html.escape(preview)}</span>'
        return _box(line, c)
    parts = [line]
    label = f'<p style="margin-top:6px; {muted}; font-size:small">'
    # (translated outside the f-strings: pyside6-lupdate does not look inside them)
    arguments, result = translate("ToolBlocks", "Arguments"), translate("ToolBlocks", "Result")
    if view.arguments or view.state != "writing":
        parts.append(f"{label}{html.escape(arguments)}</p>{_pre(view.arguments or '{}')}")
    if view.result:
        parts.append(f"{label}{html.escape(result)}</p>{_pre(view.result)}")
    for n, (_mime, _data) in enumerate(view.images):
        parts.append(f'<p><img src="parley-tool-image:{key}/{index}/{n}" width="{IMAGE_WIDTH}"></p>')
    if view.error:
        parts.append(f'<p style="margin-top:6px; color:{c.error}">{html.escape(say(view.error))}</p>')
    if view.result:
        copy = html.escape(translate("ToolBlocks", "Copy result"))
        parts.append(f'<p style="{muted}; font-size:small"><a href="parley-tool-copy:{key}/{index}" '
                     f'style="color:{c.link}">{copy}</a></p>')
    return _box("".join(parts), c)


def _box(inner: str, c: Colours) -> str:
    return (f'<table width="100%" cellpadding="6" cellspacing="0" style="background-color:{c.code_bg}; '
            f'border:1px solid {c.code_border}; margin:4px 0 6px 0"><tr><td style="color:{c.code_text}">'
            f"{inner}</td></tr></table>")  # fmt: skip


def _pre(text: str) -> str:
    more = len(text) - SHOWN_CHARS
    if more <= 0:
        shown = text
    else:
        shown = text[:SHOWN_CHARS] + "\n… " + translate("ToolBlocks", "({count} more characters)").format(
            count=count(more))
    return f"<pre>{html.escape(shown)}</pre>"


def _preview(view: ToolView) -> str:
    """The collapsed block's second line: the start of the result, or why there is none."""
    if view.state == "writing":
        text = view.arguments
    elif view.error:
        text = say(view.error)
    else:
        text = view.result
    text = " ".join(text.split())
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 1] + "…"


def blocks_html(views: Sequence[ToolView], colours: Colours, key: int | str, first: int) -> str:
    return "".join(block_html(v, colours, key, first + n) for n, v in enumerate(views))
