"""A long conversation opens newest first: the last messages drawn at once, older ones inserted above them a slice
per event-loop turn. The result must be the document one setHtml of the whole would give, block for block; the
view stays at the end, or on the same text if the user scrolled up; anything that needs the whole document
(a prompt sent, a hover, a search hit) gets it drawn first."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QTextCursor, QTextDocument

from app.ui.markdown_view import LIGHT, Entry, Notice, item_html, thread_html
from app.ui.rich_text import heading_mark, put_html_first
from app.ui.transcript import OPEN_SLICE_CHARS, TranscriptView
from tests.support.waiting import wait_until

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
            items.append(Entry("user", f"Question {n}: *why*?\n\nSecond line."))
        elif kind == "answer":
            items.append(Entry("assistant", ANSWER.format(n=n), "OpenAI · gpt-4o-mini", footer=f"footer {n}"))
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


async def test_a_long_conversation_shows_its_end_at_once_and_the_rest_arrives_above(qtbot: Any) -> None:
    view = shown_view(qtbot)
    items = long_conversation(60)
    assert len(thread_html(items, LIGHT)) > 3 * OPEN_SLICE_CHARS
    view.show_entries(items)  # type: ignore[arg-type]
    assert view.drawing_older
    text = view.toPlainText()
    assert "Question 118" in text and "Question 0:" not in text
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum()
    await wait_until(lambda: not view.drawing_older, what="the older messages")
    assert view.following and bar.value() == bar.maximum() > 0
    whole = QTextDocument()
    whole.setHtml(thread_html(items, LIGHT))
    assert view.toPlainText() == whole.toPlainText()


async def test_a_reader_who_scrolled_up_keeps_the_same_text_in_view(qtbot: Any) -> None:
    view = shown_view(qtbot)
    view.show_entries(long_conversation(60))  # type: ignore[arg-type]
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum() - 700)
    assert not view.following

    def top() -> tuple[str, int]:  # the block at the top of the view: its text and how many blocks follow it
        block = view.cursorForPosition(view.viewport().rect().topLeft()).block()
        return block.text(), view.document().blockCount() - block.blockNumber()

    seen = top()
    value = bar.value()
    await wait_until(lambda: not view.drawing_older, what="the older messages")
    assert bar.value() > value  # moved down by the height drawn above
    assert top() == seen
    assert not view.following and view.jump_button.isVisibleTo(view)


async def test_a_prompt_sent_before_the_older_messages_arrive_goes_after_the_last(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_entries(long_conversation(60))  # type: ignore[arg-type]
    assert view.drawing_older
    view.add_prompt("The next question")
    assert not view.drawing_older
    lines = view.toPlainText().splitlines()
    assert lines[-1] == "The next question" and lines.index("Question 0: *why*?") < lines.index("Question 118: *why*?")
    assert view.answer_text().startswith("Step 119")  # nothing streaming: the last answer, above the prompt
    view.begin_answer("OpenAI · gpt-4o-mini")
    view.append_answer("Fine.")
    view.end_answer("footer new")
    assert view.answer_text() == "Fine."


async def test_hovering_while_older_messages_arrive_names_the_right_message(qtbot: Any) -> None:
    view = shown_view(qtbot)
    items = long_conversation(60)
    view.show_entries(items)  # type: ignore[arg-type]
    assert view.drawing_older
    found = view.message_at(view.viewport().rect().center())
    assert not view.drawing_older and found is not None
    key, block = found
    assert isinstance(items[key], Entry)
    assert key >= len(items) - 4  # one of the last messages, as the view is at the end
    assert heading_mark(block) == "msg"
