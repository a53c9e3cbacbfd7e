"""Answers rendered as Markdown, safely: no raw HTML or scripts, no remote loads, links show their target,
no markup of the model's own (our Copy, Delete and reasoning links cannot be forged: test_transcript_actions)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument

from app.ui.main_window import MainWindow
from app.ui.markdown_view import DARK, Entry, render_markdown
from app.ui.transcript import TranscriptView
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply

pytestmark = pytest.mark.gui


def test_markdown_is_rendered_without_raw_html() -> None:
    out = render_markdown(
        "**bold** <script>alert(1)</script> <img src=x onerror=y>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert "<strong>bold</strong>" in out
    assert "<script" not in out and "&lt;script&gt;" in out and "<img" not in out
    assert "<table" in out and "<td>1</td>" in out


def test_code_is_highlighted_and_links_show_their_target() -> None:
    out = render_markdown("```python\ndef f():\n    return 1\n```\n\n[the docs](https://example.com/docs)")
    assert "<pre" in out and "style=" in out and ">def</span>" in out  # Pygments, inline styles
    assert 'href="https://example.com/docs"' in out and "(https://example.com/docs)" in out
    image = render_markdown("![chart](http://127.0.0.1:9/chart.png)")
    assert "<img" not in image and "not loaded" in image and "http://127.0.0.1:9/chart.png" in image


async def test_hostile_model_output_is_shown_as_text(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                     key: None) -> None:  # fmt: skip
    image_url = f"{loopback.url}/tracker.png"
    pieces = ["Here: <script>alert('x')</script>\n\n", f"![pixel]({image_url})\n\n",
              "See [the docs](https://example.com/docs).\n\n", "```python\nprint('hi')\n```\n"]  # fmt: skip
    loopback.enqueue(stream_reply(pieces, reasoning=["Let me ", "think it over."]))
    seen = Seen(window)
    fill(qtbot, window, loopback, "Be sneaky")
    qtbot.mouseClick(window.chat_panel.send_button, Qt.MouseButton.LeftButton)
    await seen.replied()

    transcript = window.chat_panel.transcript
    text = transcript.toPlainText()
    assert "<script>alert('x')</script>" in text  # shown as text, never run
    assert "the docs (https://example.com/docs)" in text
    assert "print('hi')" in text and "```" not in text
    assert "▸ Reasoning (5 words)" in text and "think it over" not in text  # collapsed
    assert "<img" not in transcript.toHtml()
    assert [r.path for r in loopback.requests] == ["/v1/chat/completions"]  # the image was never fetched

    # Links open only on a click, only for web and mail addresses, and only through the desktop.
    opened: list[QUrl] = []
    with pytest.MonkeyPatch.context() as monkey:
        monkey.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
        transcript.anchorClicked.emit(QUrl("javascript:alert(1)"))
        transcript.anchorClicked.emit(QUrl("file:///etc/passwd"))
        assert opened == []
        transcript.anchorClicked.emit(QUrl("https://example.com/docs"))
        assert opened == [QUrl("https://example.com/docs")]

    # The collapsed reasoning opens on request, read from the store.
    transcript.anchorClicked.emit(QUrl(f"parley-reasoning:{seen.replies[0].message_id}"))
    box = window.chat_panel.reasoning_box
    assert box is not None and box.text() == "Let me think it over."
    box.close()


def test_the_transcript_never_loads_resources(qtbot: Any, loopback: LoopbackServer) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.setHtml(f'<p>x</p><img src="{loopback.url}/remote.png"><img src="file:///etc/hostname">')
    view.resize(400, 300)
    view.show()
    qtbot.wait(50)
    assert loopback.requests == []
    assert {u.toString() for u in view.blocked_resources} >= {f"{loopback.url}/remote.png"}


HOSTILE_ALPHABET = "ab <>\"'=/:()[]!*_`#\n-|&;\\"
HOSTILE_WORDS = ["<script>", "</script>", "<img src=x>", "<a href='parley-delete:1'>", "javascript:", "parley-copy:0",
                 "parley-code:0/0", "parley-reasoning:1", "file:///etc/passwd", "https://example.com", "<style>",
                 "style=\"font-size:small\"", "data:text/html,", "<iframe>", "&lt;", "![x](", "](", "<",
                 ">"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HOSTILE_WORDS), st.text(HOSTILE_ALPHABET, max_size=8)), max_size=30))
def test_no_model_output_becomes_markup_of_its_own(parts: list[str]) -> None:
    """Whatever the model writes: no script, no image but a formula of ours, no style of its own, no link to anything
    but the web."""
    out = render_markdown("".join(parts), DARK)
    tags = re.findall(r"<[^>]*>", out)  # the model's own "<" is escaped, so every tag here is ours
    for tag in tags:
        name = tag[1:].split(" ")[0].split(">")[0].strip("/").lower()
        if name == "img":  # only a formula or diagram of ours, drawn by the view from its own scheme (\\[x\\])
            assert re.fullmatch(r'<img src="(parley-math|parley-diagram):[^"]*"( title="[^"]*")?'
                                r'( style="vertical-align:middle")?>', tag), tag  # fmt: skip
            continue
        assert name in ALLOWED_TAGS, tag
        assert "font-size" not in tag or tag.startswith('<p style="margin:6px 0 0 0;'), tag  # only a code label
        assert not tag.startswith("<a ") or tag.startswith(('<a href="http', '<a href="mailto:')), tag  # not ours
    for href in re.findall(r'href="([^"]*)"', out):
        assert href.split(":", 1)[0] in ("http", "https", "mailto"), href


ALLOWED_TAGS = {"p", "br", "em", "strong", "code", "pre", "span", "a", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                "li", "blockquote", "hr", "table", "thead", "tbody", "tr", "th", "td", "div"}  # fmt: skip


@pytest.mark.parametrize("target", ["javascript:alert(1)", "vbscript:x", "file:///etc/passwd", "data:text/html,hi",
                                    "parley-delete:1", "parley-copy:0", "parley-reasoning:1", "/relative", "#top"])
def test_only_web_and_mail_links_become_links(target: str) -> None:
    out = render_markdown(f"[click]({target}) <{target}>")
    assert "<a " not in out
    assert "click" in out


def test_remote_and_local_resources_are_never_loaded(qtbot: Any, loopback: LoopbackServer) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    for kind in (QTextDocument.ResourceType.ImageResource, QTextDocument.ResourceType.StyleSheetResource,
                 QTextDocument.ResourceType.HtmlResource):  # fmt: skip
        for url in (f"{loopback.url}/x.png", "https://example.com/x.css", "file:///etc/hostname", "data:,hi"):
            assert view.loadResource(int(kind.value), QUrl(url)) is None
    # A whole answer with images of every kind, and the document asked for nothing it got.
    view.show_entries([Entry("assistant", f"![a]({loopback.url}/a.png) ![b](file:///etc/hostname)", "Model")])
    view.resize(400, 300)
    view.show()
    qtbot.waitExposed(view)
    assert loopback.requests == [] and "<img" not in view.toHtml()
    assert f"[image: a ({loopback.url}/a.png), not loaded]" in view.toPlainText()


def test_the_cache_of_rendered_messages_is_bounded_by_what_it_holds(monkeypatch: Any) -> None:
    """Long answers do not pile up in the cache: past its budget the least recently used go first."""
    from app.ui import markdown_view

    monkeypatch.setattr(markdown_view, "RENDERED_CHARS", 50_000)
    render_markdown.cache_clear()
    texts = [f"Answer {n}: " + "word " * 2_000 for n in range(30)]
    kept = render_markdown(texts[0])
    first = {}
    for text in texts[1:]:
        render_markdown(texts[0])  # used again and again: stays
        first[text] = render_markdown(text)
    assert render_markdown.cache_chars() <= 50_000
    assert render_markdown(texts[0]) is kept  # from the cache, not rendered again
    assert render_markdown(texts[-1]) is first[texts[-1]]  # the latest is there too
    again = render_markdown(texts[1])
    assert again == first[texts[1]] and again is not first[texts[1]]  # dropped long ago: rendered anew
    render_markdown.cache_clear()
