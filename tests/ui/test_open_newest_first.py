"""A long conversation opens newest first: the last messages drawn at once, older ones inserted above them a slice
at a time, only while less than a screen of text lies above the view (the reader scrolled up to them), so that
what a conversation costs is what is looked at, not its length. The result must be the document one setHtml of
the whole would give, block for block; the view stays at the end, or on the same text if the user scrolled up;
a search hit, Select All or a theme change get what they need drawn, and a prompt, a hover or a footer's exact
cost work on what is drawn."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QTextCursor, QTextDocument

from app.ui.markdown_view import LIGHT, Entry, Notice, item_html, thread_html
from app.ui.rich_text import heading_mark, put_html_first
from app.ui.transcript import OPEN_SLICE_CHARS, TranscriptView
from tests.support.waiting import wait_until
from tests.ui.conftest import OFFSCREEN_NOISE

pytestmark = pytest.mark.gui

ANSWER = """## Step {n}

Some prose with **bold**, `code` and a [link](https://example.com/{n}).

| a | b |
|---|---|
| {n} | two |

```python
print({n})
```

- one of {n}
- two of {n}

> a quote in {n}
"""


def blocks_of(doc: QTextDocument) -> list[tuple[Any, ...]]:
    """What a reader sees of each block: its text, heading mark, margins, whether in a table or a list, and its
    first run's look."""
    out = []
    block = doc.begin()
    while block.isValid():
        fmt = block.blockFormat()
        it = block.begin()
        run = it.fragment().charFormat() if not it.atEnd() else None
        look = None if run is None else (run.fontWeight(), run.foreground().color().name(), run.anchorHref())
        out.append((block.text(), heading_mark(block), fmt.topMargin(), fmt.bottomMargin(), fmt.leftMargin(),
                    QTextCursor(block).currentTable() is not None, block.textList() is not None, look))  # fmt: skip
        block = block.next()
    return out


def conversation(kinds: list[str]) -> list[Entry | Notice]:
    items: list[Entry | Notice] = []
    for n, kind in enumerate(kinds):
        if kind == "prompt":
            items.append(Entry("user", f"Question {n}: *why*?\n\nSecond line.", message_id=1000 + n))
        elif kind == "answer":
            items.append(Entry("assistant", ANSWER.format(n=n), "OpenAI · gpt-4o-mini", footer=f"footer {n}",
                               message_id=1000 + n))  # fmt: skip
        elif kind == "table-end":
            items.append(Entry("assistant", "| x | y |\n|---|---|\n| 1 | 2 |", "Groq · llama", footer=""))
        else:
            items.append(Notice("error", f"Problem {n}", "Try again."))
    return items


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kinds=st.lists(st.sampled_from(["prompt", "answer", "table-end", "notice"]), min_size=2, max_size=9),
       data=st.data())  # fmt: skip
def test_inserting_older_messages_above_gives_the_document_drawn_in_one_go(qapp: Any, kinds: list[str],
                                                                            data: st.DataObject) -> None:  # fmt: skip
    items = conversation(kinds)
    whole = QTextDocument()
    whole.setHtml(thread_html(items, LIGHT))
    first = data.draw(st.integers(1, len(items) - 1), label="first drawn")
    doc = QTextDocument()
    doc.setHtml("".join(item_html(item, LIGHT, i) for i, item in enumerate(items[first:], start=first)))
    end = first
    while end:
        start = max(0, end - data.draw(st.integers(1, 3), label="slice"))
        put_html_first(doc, "".join(item_html(item, LIGHT, i) for i, item in enumerate(items[start:end], start=start)))
        end = start
    assert blocks_of(doc) == blocks_of(whole)


def shown_view(qtbot: Any) -> TranscriptView:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view


def long_conversation(pairs: int) -> list[Entry | Notice]:
    return conversation(["prompt", "answer"] * pairs)


def whole_text(items: list[Entry | Notice]) -> str:
    whole = QTextDocument()
    whole.setHtml(thread_html(items, LIGHT))
    return whole.toPlainText()


def due(view: TranscriptView) -> bool:
    return view.drawing_older


async def settled(view: TranscriptView) -> None:
    await wait_until(lambda: not view.drawing_older, what="the older messages due")


async def opened(qtbot: Any, pairs: int = 60) -> tuple[TranscriptView, list[Entry | Notice]]:
    """A long conversation shown in a view, with what falls due on opening drawn."""
    view = shown_view(qtbot)
    items = long_conversation(pairs)
    view.show_entries(items)  # type: ignore[arg-type]
    await settled(view)
    return view, items


async def scroll_to_the_top_until_all_drawn(view: TranscriptView) -> int:
    """As a reader pressing Ctrl+Home again and again would; returns how many slices it took."""
    slices = 0
    while view.undrawn:
        undrawn = view.undrawn
        view.verticalScrollBar().setValue(0)
        await settled(view)
        assert view.undrawn < undrawn  # at the top, a slice more
        slices += 1
    return slices


async def test_a_long_conversation_opens_at_its_end_and_older_messages_come_as_the_reader_scrolls_up(
        qtbot: Any) -> None:  # fmt: skip
    view = shown_view(qtbot)
    items = long_conversation(60)
    assert len(thread_html(items, LIGHT)) > 3 * OPEN_SLICE_CHARS
    view.show_entries(items)  # type: ignore[arg-type]
    assert view.drawing_older
    text = view.toPlainText()
    assert "Question 118" in text and "Question 0:" not in text
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum()
    await settled(view)
    assert view.following and bar.value() == bar.maximum()
    assert bar.maximum() >= view.viewport().height()  # a screen of text and more above the view's top
    assert 0 < view.undrawn < len(items) - 4  # and no more than that: the oldest wait until they are scrolled to
    for _ in range(20):  # nothing else falls due while the reader stays at the end
        await asyncio.sleep(0.02)
    assert view.undrawn > 0 and not due(view)
    assert await scroll_to_the_top_until_all_drawn(view) > 1
    assert view.toPlainText() == whole_text(items)


async def test_a_reader_who_scrolled_up_keeps_the_same_text_in_view(qtbot: Any) -> None:
    view = shown_view(qtbot)
    view.show_entries(long_conversation(60))  # type: ignore[arg-type]
    await settled(view)
    bar = view.verticalScrollBar()
    bar.setValue(40)
    assert not view.following

    def top() -> tuple[str, int]:  # the block at the top of the view: its text and how many blocks follow it
        block = view.cursorForPosition(view.viewport().rect().topLeft()).block()
        return block.text(), view.document().blockCount() - block.blockNumber()

    seen, undrawn = top(), view.undrawn
    await settled(view)
    assert view.undrawn < undrawn
    assert bar.value() > 40  # moved down by the height drawn above
    assert top() == seen
    assert not view.following and view.jump_button.isVisibleTo(view)


async def test_a_prompt_sent_before_the_older_messages_arrive_goes_after_the_last(qtbot: Any) -> None:
    view = shown_view(qtbot)
    items = long_conversation(60)
    view.show_entries(items)  # type: ignore[arg-type]
    assert view.drawing_older
    view.add_prompt("The next question")
    lines = view.toPlainText().splitlines()
    assert lines[-1] == "The next question" and "Question 0: *why*?" not in lines
    assert view.answer_text().startswith("Step 119")  # nothing streaming: the last answer, above the prompt
    view.begin_answer("OpenAI · gpt-4o-mini")
    view.append_answer("Fine.")
    view.end_answer("footer new")
    assert view.answer_text() == "Fine."
    await scroll_to_the_top_until_all_drawn(view)  # text goes in above the answer: its place is followed
    assert view.answer_text() == "Fine."
    lines = view.toPlainText().splitlines()
    assert lines.index("Question 0: *why*?") < lines.index("Question 118: *why*?") < lines.index("The next question")


async def test_older_messages_go_in_above_an_answer_streaming_which_goes_on_where_it_is(qtbot: Any) -> None:
    items = long_conversation(60)

    async def answer_with_a_tool_call(view: TranscriptView, reader_goes_up: bool) -> list[str]:
        view.show_entries(items)  # type: ignore[arg-type]
        await settled(view)
        view.add_prompt("The next question")
        view.begin_answer("OpenAI · gpt-4o-mini")
        view.append_answer("Streaming ")
        view.tools.stream(1, "call-1", "lookup", '{"q": "cache"}')
        view.flush()
        undrawn = view.undrawn
        if reader_goes_up:  # while it streams
            view.verticalScrollBar().setValue(0)
            await settled(view)
            assert view.undrawn < undrawn
        assert view.answer_text().startswith("Streaming")
        view.append_answer("on, **after** the call.")
        view.flush()
        view.end_answer("footer new")
        text = view.answer_text()
        assert text.startswith("Streaming") and "Tool lookup" in text and text.endswith("on, after the call.")
        await scroll_to_the_top_until_all_drawn(view)
        return [text, *view.toPlainText().splitlines()]

    moved = await answer_with_a_tool_call(shown_view(qtbot), reader_goes_up=True)
    still = await answer_with_a_tool_call(shown_view(qtbot), reader_goes_up=False)
    assert moved == still
    whole = whole_text(items).splitlines()
    assert moved[1 : len(whole) + 1] == whole and moved[-1] == "footer new"


async def test_a_search_hit_is_drawn_while_an_answer_streams_below(qtbot: Any) -> None:
    view = shown_view(qtbot)
    items = long_conversation(60)
    view.show_entries(items)  # type: ignore[arg-type]
    view.begin_answer("OpenAI · gpt-4o-mini")  # a conversation opened while its answer still streams
    view.append_answer("Still ")
    view.flush()
    target = items[4]
    assert isinstance(target, Entry) and target.message_id is not None and view.undrawn > 4
    assert view.reveal(target.message_id, ["Question"])
    assert view.undrawn <= 4
    view.append_answer("writing.")
    view.end_answer("footer live")
    assert view.answer_text() == "Still writing."
    assert view.toPlainText().splitlines()[-1] == "footer live"


async def test_hovering_before_older_messages_arrive_names_the_right_message(qtbot: Any) -> None:
    view = shown_view(qtbot)
    items = long_conversation(60)
    view.show_entries(items)  # type: ignore[arg-type]
    assert view.drawing_older
    found = view.message_at(view.viewport().rect().center())
    assert found is not None
    key, block = found
    assert isinstance(items[key], Entry)
    assert key >= len(items) - 4  # one of the last messages, as the view is at the end
    assert heading_mark(block) == "msg"
    await scroll_to_the_top_until_all_drawn(view)
    view.verticalScrollBar().setValue(0)  # (the last slice kept the reader's text in view, below it)
    found = view.message_at(view.viewport().rect().topLeft())
    assert found is not None and found[0] <= 1  # the first messages, now drawn at the top


async def test_a_search_hit_among_the_undrawn_messages_is_drawn_and_shown(qtbot: Any) -> None:
    view, items = await opened(qtbot)
    target = items[6]
    assert isinstance(target, Entry) and target.message_id is not None and view.undrawn > 6
    assert view.reveal(target.message_id, ["Question"])
    assert view.undrawn <= 6
    top = view.cursorForPosition(view.viewport().rect().topLeft()).block()
    assert heading_mark(top) == "msg" or top.next().text().startswith("Question 6")
    marked = [mark.cursor.block().text() for mark in view.extraSelections()]
    assert marked and all(text.startswith("Question 6") for text in marked)
    assert not view.reveal(99_999, ["Question"])  # not in this conversation


async def test_an_undrawn_answer_is_drawn_with_its_exact_footer(qtbot: Any) -> None:
    view, items = await opened(qtbot)
    answer = items[1]
    assert isinstance(answer, Entry) and answer.message_id is not None and view.undrawn > 1
    assert view.replace_footer(answer.message_id, "exactly $0.0042")
    assert view.replace_footer(items[-1].message_id, "exactly $0.0099")  # type: ignore[union-attr, arg-type]
    await scroll_to_the_top_until_all_drawn(view)
    lines = view.toPlainText().splitlines()
    assert "exactly $0.0042" in lines and "footer 1" not in lines
    assert lines[-1] == "exactly $0.0099"


async def test_select_all_draws_the_whole_conversation_first(qtbot: Any) -> None:
    view, items = await opened(qtbot)
    assert view.undrawn
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert view.undrawn == 0
    assert view.textCursor().selection().toPlainText() == whole_text(items)


async def test_a_theme_change_draws_again_only_what_was_drawn(qtbot: Any) -> None:
    view, items = await opened(qtbot)
    undrawn, text = view.undrawn, view.toPlainText()
    view.rerender()
    assert view.undrawn == undrawn and view.toPlainText() == text
    await scroll_to_the_top_until_all_drawn(view)
    assert view.toPlainText() == whole_text(items)


@pytest.mark.parametrize("modifier", [Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier])
async def test_ctrl_home_goes_to_the_start_of_the_conversation(qtbot: Any, modifier: Qt.KeyboardModifier) -> None:
    view, items = await opened(qtbot)
    assert view.undrawn > 0 and view.following
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, modifier)
    await wait_until(lambda: not view.undrawn, what="every older slice")
    await settled(view)
    assert view.verticalScrollBar().value() == 0
    top = view.cursorForPosition(view.viewport().rect().topLeft()).block()
    assert top.blockNumber() <= 2 and "Question 0" in view.toPlainText().split("Question 1:")[0]
    assert view.toPlainText() == whole_text(items)


@pytest.mark.qt_log_ignore(OFFSCREEN_NOISE, "This plugin does not support raise", "does not support grabbing")
async def test_the_context_menus_select_all_draws_the_whole_conversation_first(qtbot: Any) -> None:
    view, items = await opened(qtbot)
    assert view.undrawn > 0
    centre = view.viewport().rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, centre, view.viewport().mapToGlobal(centre))
    view.contextMenuEvent(event)
    menu = view.context_menu
    assert menu is not None
    select_all = menu.findChild(QAction, "select-all")
    assert select_all is not None
    menu.hide()
    select_all.trigger()
    assert view.undrawn == 0
    assert view.textCursor().selection().toPlainText() == whole_text(items)


async def test_switching_between_long_conversations_lays_the_text_out_at_one_width(qtbot: Any) -> None:
    """The scroll bar stays while the next conversation goes in: the text's width never changes on the way, so the
    new document is laid out once, not at a width without the bar and again with it."""
    view, _items = await opened(qtbot)
    widths: list[int] = []

    class Watch(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Resize:
                widths.append(view.viewport().width())
            return False

    watch = Watch()
    view.viewport().installEventFilter(watch)
    view.show_entries(long_conversation(40))  # type: ignore[arg-type]
    await settled(view)
    assert view.verticalScrollBar().isVisible()
    assert widths == []
    view.show_entries(conversation(["prompt"]))  # type: ignore[arg-type]  (a short one: the bar goes, once)
    await wait_until(lambda: not view.verticalScrollBar().isVisible(), what="the bar gone")
    assert len(widths) == 1
    view.viewport().removeEventFilter(watch)
