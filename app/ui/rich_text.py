"""Editing a QTextDocument at its end with HTML, around the traps of `insertHtml` (stray empty paragraphs, text
that lands in a table, margins lost) and of cursor moves that make Qt lay out the whole document at once."""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

TOP_MARGIN = re.compile(r'\s*<p style="margin-top:(\d+)px')
FIRST_TAG = re.compile(r"\s*((?:<blockquote(?:\s[^>]*)?>\s*)*<(?:p|h[1-6])(?:\s[^>]*)?>)")


def to_end(cursor: QTextCursor, mode: QTextCursor.MoveMode = QTextCursor.MoveMode.MoveAnchor) -> None:
    """To the end of the document. Not `movePosition(End)`: that lays out the block the cursor is in, and for
    the last block Qt lays out the whole document first (200 ms for 2,000 messages)."""
    cursor.setPosition(cursor.document().characterCount() - 1, mode)


def closed(html: str) -> str:
    """HTML that ends with a paragraph: after a table at the very end, Qt may leave no block outside it, and
    what is inserted next would go into the table's last cell."""
    html = html.strip()
    return html + "<p></p>" if html.endswith("</table>") else html


def fresh_block(cursor: QTextCursor, top: float = 0.0) -> None:
    """An empty, unformatted paragraph at the cursor (the one there if it is empty already), `top` pixels
    below the one before (inserted HTML keeps this block's format, so its own margin would be lost)."""
    fmt = QTextBlockFormat()
    fmt.setTopMargin(top)
    if cursor.block().length() > 1:
        cursor.insertBlock(fmt, QTextCharFormat())
    else:
        current = cursor.currentList()
        if current is not None:
            current.remove(cursor.block())
        cursor.setBlockFormat(fmt)
        cursor.setBlockCharFormat(QTextCharFormat())
        cursor.setCharFormat(QTextCharFormat())


def is_rule(block: QTextBlock) -> bool:
    """A horizontal rule: an empty block that `fresh_block` would take over (and the rule be lost)."""
    return block.blockFormat().hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)


def parsed(html: str) -> QTextDocument:
    """`html` as `put_html` would insert it, parsed ahead into a scratch document (Qt's HTML parsing needs no GUI
    thread: the transcript has a long answer's final HTML parsed in a worker). `put_html` takes it as a fragment."""
    scratch = QTextDocument()
    scratch.setUndoRedoEnabled(False)
    QTextCursor(scratch).insertHtml(closed(html))
    return scratch


def put_html(cursor: QTextCursor, html: str, top: float = 0.0, fragment: QTextDocumentFragment | None = None) -> int:
    """Insert HTML as blocks of their own at the cursor; returns where they start. Qt leaves an empty
    paragraph above a list inserted into an empty one: it is removed. (Not above a table: the start
    would then fall inside the table, and removing from there later breaks the document.) `fragment`: the
    HTML already parsed (`QTextDocumentFragment(parsed(html))`)."""
    margin = TOP_MARGIN.match(html)  # the first paragraph's own margin, which insertHtml would drop
    fresh_block(cursor, top or (float(margin.group(1)) if margin else 0.0))
    start = cursor.position()
    if fragment is not None:
        cursor.insertFragment(fragment)
    else:
        cursor.insertHtml(closed(html))
    keep_margins(cursor.document(), start, html)
    block = cursor.document().findBlock(start)
    before, after = block.previous(), block.next()
    if block.length() == 1 and before.isValid() and after.isValid() and QTextCursor(before).currentTable() is None \
            and QTextCursor(after).currentTable() is None:  # fmt: skip
        fix = QTextCursor(cursor.document())
        fix.setPosition(start - 1)
        fix.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        fix.removeSelectedText()
    return start


@lru_cache(maxsize=64)
def _margins_of(tag: str) -> tuple[float, float, float, float, int, int]:
    """(top, bottom, left, right) margins, the alignment and the heading level Qt gives a paragraph or heading
    opened by `tag`, inside any quotes it opens too (read once per distinct tag)."""
    scratch = QTextDocument()
    scratch.setHtml(f"{tag}x")
    fmt = scratch.begin().blockFormat()
    return (fmt.topMargin(), fmt.bottomMargin(), fmt.leftMargin(), fmt.rightMargin(), int(fmt.alignment().value),
            fmt.headingLevel())  # fmt: skip


def keep_margins(doc: QTextDocument, start: int, html: str) -> None:
    """The first block of HTML inserted into an existing block takes that block's format and so loses its own
    margins: a paragraph streamed in would sit closer to the one above it than the same paragraph drawn in one
    go, a quote its indent, a formula its centring, a heading its level. Give the block at `start` the margins,
    alignment and level its own tags ask for."""
    match = FIRST_TAG.match(html)
    if match is None:
        return
    block = doc.findBlock(start)
    if not block.isValid() or block.textList() is not None or QTextCursor(block).currentTable() is not None:
        return
    top, bottom, left, right, align, level = _margins_of(re.sub(r"\s+(?=<)", "", match.group(1)))
    fmt = block.blockFormat()
    if (fmt.topMargin(), fmt.bottomMargin(), fmt.leftMargin(), fmt.rightMargin(), int(fmt.alignment().value),
            fmt.headingLevel()) == (top, bottom, left, right, align, level):  # fmt: skip
        return
    fmt.setTopMargin(top)
    fmt.setBottomMargin(bottom)
    fmt.setLeftMargin(left)
    fmt.setRightMargin(right)
    fmt.setAlignment(Qt.AlignmentFlag(align))
    fmt.setHeadingLevel(level)
    QTextCursor(block).setBlockFormat(fmt)


def insert_blocks(cursor: QTextCursor, html: str, final: bool = False) -> None:
    """HTML blocks into the empty block at the cursor, which stays where they start: a plain block, never
    a place inside a table (removing from there to the end later would break the table)."""
    start = cursor.position()
    # The leading empty paragraph merges into the empty block, so the fragment's blocks follow it cleanly.
    cursor.insertHtml("<p></p>" + closed(html))
    doc = cursor.document()
    first = doc.findBlock(start)
    if first.length() == 1:  # the empty lead paragraph stayed a block of its own: the fragment starts after it
        first = first.next()
    if first.isValid():
        keep_margins(doc, first.position(), html)
    block = doc.findBlock(start)
    if block.length() > 1 or not block.next().isValid():
        return
    above = block.previous()
    if final and above.isValid() and QTextCursor(above).currentTable() is None \
            and QTextCursor(block.next()).currentTable() is not None:  # fmt: skip
        # For good (never removed and drawn again): the empty line above a table goes, merged into the block
        # before, as in the same HTML drawn in one go.
        fix = QTextCursor(doc)
        fix.setPosition(start - 1)
        fix.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        fix.removeSelectedText()
    elif QTextCursor(block.next()).currentTable() is not None:  # an empty line above a table: made flat
        flat = QTextBlockFormat()
        flat.setLineHeight(0, QTextBlockFormat.LineHeightTypes.FixedHeight.value)
        QTextCursor(block).setBlockFormat(flat)
    elif above.isValid() and QTextCursor(above).currentTable() is None:
        fix = QTextCursor(doc)  # an empty line above a list: merged into the block before
        fix.setPosition(start - 1)
        fix.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        fix.removeSelectedText()


def put_html_first(doc: QTextDocument, html: str) -> None:
    """Insert whole messages' HTML at the very start of `doc`, above what is there, so that the document reads
    block for block as if it had all been set in one go (a conversation drawn newest first, older messages
    above it later). The first block keeps its format; a table at the end of `html` gets no extra empty line."""
    cursor = QTextCursor(doc)
    first = cursor.blockFormat()
    cursor.insertBlock(first, cursor.blockCharFormat())  # what was there moves down a block, as it was
    old = QTextCursor(doc)
    old.setPosition(1)  # follows that block as text goes in above it
    cursor.setPosition(0)
    put_html(cursor, html)
    while True:  # after a table Qt keeps one empty block; inserting before a block leaves another: removed
        block = old.block()
        above = block.previous()
        if not (_empty(above) and _empty(above.previous()) and QTextCursor(above.previous().previous()).currentTable()
                is not None):  # fmt: skip
            break
        fix = QTextCursor(doc)
        fix.setPosition(above.position())
        fix.setPosition(block.position(), QTextCursor.MoveMode.KeepAnchor)
        fix.removeSelectedText()
        fix.setBlockFormat(first)


def _empty(block: QTextBlock) -> bool:
    return block.isValid() and block.length() == 1 and QTextCursor(block).currentTable() is None


def heading_mark(block: QTextBlock) -> str | None:
    """"msg" if the block is a message's heading (the answer streaming too), else None."""
    it = block.begin()
    if it.atEnd():
        return None
    for name in it.fragment().charFormat().anchorNames():  # the mark opens the heading
        if name == "parley-msg":
            return name.removeprefix("parley-")
    return None
