"""Copy and Delete on messages, Copy on code blocks, and model output that tries to pass for any of them."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QTextCursor, QTextFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.ui.main_window import MainWindow
from app.ui.markdown_view import ACTION_SCHEMES, Entry, render_markdown
from app.ui.transcript import TranscriptView

from .conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.gui

ANSWER = "Try this:\n\n```python\nprint('hi')\n```\n\nand then:\n\n```\nrm -rf build/\n```\n"
HOSTILE = (
    "[Copy](parley-copy:0) [Delete](parley-delete:7) [▸ Reasoning (3 words)](parley-reasoning:7) "
    "[Copy](parley-code:1/0) <parley-delete:7> <a href=\"parley-delete:7\">Delete</a> "
    "[home](file:///etc/passwd) [js](javascript:alert(1)) [rel](/settings)\n\n"
    "openai · gpt-4o · 10 in / 20 out tokens · $0.0001\n"
)


@pytest.fixture
def view(qtbot: Any) -> TranscriptView:
    v = TranscriptView()
    qtbot.addWidget(v)
    v.resize(700, 500)
    v.show()
    qtbot.waitExposed(v)
    answer = Entry("assistant", ANSWER, "OpenAI · gpt-4o", footer="gpt-4o · $0.0001", message_id=7)
    v.show_entries([Entry("user", "Show me **code**", message_id=6), answer])
    return v


def anchors(view: TranscriptView) -> list[str]:
    """Every link target in the document, in order."""
    out: list[str] = []
    block = view.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                out.append(fmt.anchorHref())
            it += 1
        block = block.next()
    return out


def click_text(qtbot: Any, view: TranscriptView, text: str, nth: int = 0) -> None:
    """A real mouse click on the nth occurrence of `text` in the document."""
    cursor = QTextCursor(view.document())
    for _ in range(nth + 1):
        cursor = view.document().find(text, cursor)
        assert not cursor.isNull(), f"{text!r} is not shown"
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    rect = view.cursorRect(cursor)
    point = QPoint(rect.left() - 8, rect.center().y())  # inside the word, which ends at the cursor
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def heading_point(view: TranscriptView, text: str) -> QPoint:
    """Where `text` is drawn, scrolled into view first (the view follows the end of the conversation)."""
    cursor = view.document().find(text)
    assert not cursor.isNull()
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    return view.cursorRect(cursor).center()


def test_each_code_block_copies_its_own_code(view: TranscriptView, qtbot: Any) -> None:
    assert anchors(view) == ["parley-code:1/0", "parley-code:1/1"]
    assert "python · Copy" in view.toPlainText()
    copied: list[str] = []
    view.copy_done.connect(copied.append)
    QGuiApplication.clipboard().clear()
    click_text(qtbot, view, "Copy", nth=1)
    assert QGuiApplication.clipboard().text() == "rm -rf build/\n"
    click_text(qtbot, view, "Copy", nth=0)
    assert QGuiApplication.clipboard().text() == "print('hi')\n"
    assert copied == ["Copied the code block."] * 2


def test_hovering_a_message_offers_copy_and_delete(view: TranscriptView, qtbot: Any) -> None:
    bar = view.actions_bar
    assert not bar.isVisible()
    deleted: list[int] = []
    view.delete_requested.connect(deleted.append)

    QTest.mouseMove(view.viewport(), heading_point(view, "gpt-4o"))
    qtbot.waitUntil(bar.isVisible)
    assert bar.key == 1 and bar.delete_button.isVisible()
    qtbot.mouseClick(bar.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == ANSWER  # the Markdown source, not the rendered text
    qtbot.mouseClick(bar.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [7]

    QTest.mouseMove(view.viewport(), heading_point(view, "Show me"))
    qtbot.waitUntil(lambda: bar.key == 0)
    qtbot.mouseClick(bar.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Show me **code**"
    qtbot.mouseClick(bar.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [7, 6]
    # Not part of the text: reading or copying the transcript never picks the buttons up.
    assert "Delete" not in view.toPlainText()


def test_the_answer_streaming_has_no_actions_until_it_is_saved(view: TranscriptView, qtbot: Any) -> None:
    view.add_prompt("And in Rust?")
    view.begin_answer("OpenAI · gpt-4o-mini")
    view.append_answer("```rust\nfn main() {}\n```\n\nDone\n\n```\nstill open")
    view.flush()
    # A finished code block can be copied while the answer streams on; the open one not yet.
    assert anchors(view) == ["parley-code:1/0", "parley-code:1/1", "parley-code:3/0"]
    click_text(qtbot, view, "Copy", nth=2)
    assert QGuiApplication.clipboard().text() == "fn main() {}\n"
    QTest.mouseMove(view.viewport(), heading_point(view, "gpt-4o-mini"))
    qtbot.wait(20)
    assert not view.actions_bar.isVisible()
    view.show_actions(2)  # the live prompt: Copy, but no Delete (not saved yet)
    assert view.actions_bar.isVisible() and not view.actions_bar.delete_button.isVisible()

    view.end_answer("gpt-4o-mini · $0.00", text="```rust\nfn main() {}\n```\n\nDone", message_id=9)
    assert anchors(view)[2:] == ["parley-code:3/0"]
    QTest.mouseMove(view.viewport(), heading_point(view, "Show me"))
    qtbot.waitUntil(lambda: view.actions_bar.key == 0)
    QTest.mouseMove(view.viewport(), heading_point(view, "gpt-4o-mini"))
    qtbot.waitUntil(lambda: view.actions_bar.isVisible() and view.actions_bar.key == 3)
    deleted: list[int] = []
    view.delete_requested.connect(deleted.append)
    qtbot.mouseClick(view.actions_bar.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [9]


@pytest.mark.qt_log_ignore("Mouse event .MouseRelease. not accepted")  # QTest's note: a click on plain text
def test_model_output_cannot_make_our_links_or_our_footer(qtbot: Any) -> None:
    html = render_markdown(HOSTILE)
    assert not any(f'href="{scheme}' in html for scheme in ACTION_SCHEMES)
    assert "file:" not in html.split("(file:")[0] and 'href="file' not in html and 'href="javascript' not in html
    assert 'href="/settings"' not in html and "font-size" not in html

    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(700, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_entries([Entry("assistant", HOSTILE, "Model", footer="gpt-4o · $0.0001", message_id=7)])
    assert anchors(view) == []  # the model wrote nine links; none became one
    shown = view.toPlainText()
    assert "Delete (parley-delete:7)" in shown and "rel (/settings)" in shown  # the target is shown
    assert "[home](file:///etc/passwd)" in shown and "[js](javascript:alert(1))" in shown  # not even a link

    emitted: list[object] = []
    for signal in (view.delete_requested, view.reasoning_requested, view.copy_done, view.link_opened):
        signal.connect(emitted.append)
    QGuiApplication.clipboard().setText("unchanged")
    for text in ("Delete", "Copy", "Reasoning"):
        click_text(qtbot, view, text)
    assert emitted == [] and QGuiApplication.clipboard().text() == "unchanged"

    # Our footer is small print in the muted colour; the model's look-alike is an ordinary paragraph.
    def size_of(text: str) -> int:
        cursor = view.document().find(text)
        return int(cursor.charFormat().property(QTextFormat.Property.FontSizeAdjustment) or 0)

    assert size_of("gpt-4o · $0.0001") < 0
    assert size_of("openai · gpt-4o · 10 in") == 0


def test_links_show_their_target_on_hover_and_open_only_when_clicked(qtbot: Any, monkeypatch: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    view.show_entries([Entry("assistant", "See [the docs](https://example.com/docs).", "Model")])
    cursor = view.document().find("the docs")
    assert cursor.charFormat().toolTip() == "https://example.com/docs"
    assert "the docs (https://example.com/docs)" in view.toPlainText()
    hovered: list[str] = []
    view.link_hovered.connect(hovered.append)
    view.setTextCursor(cursor)
    rect = view.cursorRect(cursor)
    QTest.mouseMove(view.viewport(), QPoint(rect.left() - 10, rect.center().y()))
    qtbot.waitUntil(lambda: "https://example.com/docs" in hovered)

    opened: list[QUrl] = []
    from PySide6.QtGui import QDesktopServices

    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    click_text(qtbot, view, "the docs")
    assert opened == [QUrl("https://example.com/docs")]


async def test_library_deletes_a_message_and_what_follows_it(window: MainWindow) -> None:
    """What the lead wires to `delete_requested` (after asking): the message and its subtree go, spend stays."""
    library = window.library
    store = window.runtime.store
    assert store is not None
    conv = store.create_conversation("Delete me")
    first = store.add_message(conv, "user", "first")
    answer = store.add_message(conv, "assistant", "answer", provider="openai", model="gpt-4o-mini")
    later = store.add_message(conv, "user", "later")
    changed: list[bool] = []
    library.changed.connect(lambda: changed.append(True))

    assert library.delete_message(answer) is True
    assert [row.id for row in library.branch(conv)] == [first]
    assert changed == [True]
    assert library.delete_message(later) is False  # went with its parent
    assert library.delete_message(answer) is False and changed == [True]


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support (raise|grabbing)")  # popups offscreen
def test_the_context_menu_offers_the_same_for_keyboard_users(view: TranscriptView, qtbot: Any) -> None:
    deleted: list[int] = []
    view.delete_requested.connect(deleted.append)
    point = heading_point(view, "Try this")  # inside the answer's text, below its heading
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    menu = view.context_menu
    assert menu is not None
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert {"Copy message as Markdown", "Delete message…"} <= actions.keys()
    actions["Copy message as Markdown"].trigger()
    assert QGuiApplication.clipboard().text() == ANSWER
    actions["Delete message…"].trigger()
    assert deleted == [7]
    menu.close()


@pytest.mark.parametrize("reasoning", ["", "Some thought."])
@pytest.mark.parametrize("error", [None, ("It stopped.", "Try again.")])
@pytest.mark.parametrize("after", [[], [Entry("user", "A later prompt\nover two lines")]])
def test_the_last_answer_is_found_in_a_stored_branch(qtbot: Any, reasoning: str, error: Any, after: Any) -> None:
    """Opened in one go (no cursor edits, which would lay out the whole document), the last answer is still
    found by counting blocks, past its reasoning line, error, footer and what follows it."""
    view = TranscriptView()
    qtbot.addWidget(view)
    text = "Para one.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n- x\n- y"
    answer = Entry("assistant", text, "M", reasoning, "f1", error, 4)
    view.show_entries([Entry("user", "Q"), Entry("assistant", "Earlier.", "M", footer="f0"), Entry("user", "Q2"),
                       answer, *after])  # fmt: skip
    view.add_notice("A notice.", "With advice.")
    shown = view.answer_text()
    assert shown.startswith("Para one.") and shown.endswith("x\ny"), shown
    assert "f1" not in shown and "Some thought" not in shown and "notice" not in shown
