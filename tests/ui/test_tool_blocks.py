"""Tool blocks drawn in the transcript: data shown as text (never markup), placed where the calls were made,
expanded and collapsed in place, images drawn from the result's own bytes, code blocks still copied right."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication

from app.store import ToolStepRow
from app.ui.markdown_view import Entry
from app.ui.tool_blocks import ToolView, from_steps
from app.ui.transcript import TranscriptView

pytestmark = pytest.mark.gui



def png(width: int = 3, height: int = 2) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage

    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(0x3366CC)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]
    return bytes(buffer.data().data())


def test_stored_steps_place_each_call_after_its_step_and_show_data_as_text(qtbot: Any) -> None:
    steps = [ToolStepRow(1, 1, "Let me look.", calls=({"id": "c1", "name": "files__read",
                                                      "arguments": {"path": "<script>alert(1)</script>"}},),
                         results=({"call_id": "c1", "server": "files", "tool": "read", "state": "done",
                                   "text": "<b>not bold</b> [x](javascript:alert(1))", "ms": 12.0,
                                   "images": [{"mime_type": "image/png", "data_base64": "iVBORw0KGgo="}]},)),
             ToolStepRow(1, 2, "```python\nprint(1)\n```\nDone.")]  # fmt: skip
    text = "Let me look.\n\n```python\nprint(1)\n```\nDone."
    tools = from_steps(steps, text)
    assert [(t.tool, t.server, t.offset, t.state) for t in tools] == [("read", "files", len("Let me look."), "done")]
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_entries([Entry("user", "Read it"), Entry("assistant", text, "Files · m", footer="m · 1 in", message_id=9,
                                                       tools=tools)])  # fmt: skip
    plain = view.toPlainText()
    assert plain.index("Let me look.") < plain.index("Tool read on files · done · 12 ms") < plain.index("Done.")
    assert "<b>not bold</b> [x](javascript:alert(1))" in plain  # the preview, as text
    assert "steps and costs" in plain
    view._anchor_clicked(QUrl("parley-tool:1/0"))
    expanded = view.toPlainText()
    assert '"path": "<script>alert(1)</script>"' in expanded and "Result" in expanded
    assert "javascript" not in "".join(view.document().toHtml().split('href="')[1:2])  # no link made from data
    view._anchor_clicked(QUrl("parley-tool:1/0"))
    assert "Result" not in view.toPlainText()  # collapsed again, in place
    view.copy_code(1, 0)
    assert QGuiApplication.clipboard().text() == "print(1)\n"  # the code block after the call keeps its number


def test_an_image_result_is_drawn_from_its_bytes(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    tool = ToolView("c1", "shots__grab", 0, "grab", "shots", state="done", result="[image]",
                    images=(("image/png", png()),), expanded=True)  # fmt: skip
    view.show_entries([Entry("user", "Grab"), Entry("assistant", "Here it is.", "Shots · m", tools=(tool,))])
    image = view.loadResource(2, QUrl("parley-tool-image:1/0/0"))
    assert image is not None and not image.isNull() and image.width() == 3
    assert view.blocked_resources == []
    missing = view.tools.image("parley-tool-image:1/0/5")
    assert missing is not None and missing.isNull()  # no such image: nothing, never a fetch
