"""Sources and Google's search suggestions as the transcript draws them: escaped, only web links made links,
the site beside each title, Google's entry point read for its chips only (Google's recorded HTML too), and
nothing loaded when the document is laid out."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QTextDocument

from app.ui.markdown_view import DARK, LIGHT, Entry, entry_html
from app.ui.sources_view import documents_html, search_suggestions, sources_html, suggestions_html, where
from app.ui.transcript import TranscriptView

pytestmark = pytest.mark.gui

WIRE = Path(__file__).resolve().parents[1] / "data" / "wire" / "gemini"


def _rendered(node: Any) -> str | None:
    """The first searchEntryPoint.renderedContent in a recorded exchange (bodies may be JSON inside strings)."""
    if isinstance(node, dict):
        if isinstance(node.get("renderedContent"), str):
            return str(node["renderedContent"])
        return next((r for v in node.values() if (r := _rendered(v)) is not None), None)
    if isinstance(node, list):
        return next((r for v in node if (r := _rendered(v)) is not None), None)
    if isinstance(node, str) and "renderedContent" in node:
        for line in node.splitlines():
            text = line.removeprefix("data:").strip()
            if "renderedContent" in text:
                try:
                    return _rendered(json.loads(text))
                except ValueError:
                    continue
    return None


def plain(html: str) -> str:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc.toPlainText()


def test_sources_are_numbered_links_with_their_site() -> None:
    html = sources_html([("https://www.example.com/a?x=1&y=2", "A <b>bold</b> title"),
                         ("https://docs.example.org/b", "")], LIGHT)  # fmt: skip
    assert plain(html) == "Sources\n1. A <b>bold</b> title · example.com\n2. docs.example.org"
    assert 'href="https://www.example.com/a?x=1&amp;y=2"' in html and "<b>bold" not in html
    assert html.count("<p") == 3  # one block per line: the transcript counts them


def test_only_web_links_become_links() -> None:
    html = sources_html([("javascript:alert(1)", "Click me"), ("file:///etc/passwd", "Local"),
                         ("parley-delete:5", "Ours")], DARK)  # fmt: skip
    assert "<a " not in html and plain(html).splitlines()[1:] == ["1. Click me", "2. Local", "3. Ours"]
    assert sources_html([], LIGHT) == ""


def test_gemini_redirect_links_say_they_go_through_google() -> None:
    url = "https://vertexaisearch.cloud.google.com/grounding-api-redirect/AUZIYQE1"
    assert where(url) == "via Google" and where("https://WWW.Python.org/x") == "python.org"
    assert plain(sources_html([(url, "uefa.com")], LIGHT)).endswith("1. uefa.com · via Google")


def test_googles_recorded_entry_point_gives_its_chips_only() -> None:
    rendered = next(r for p in sorted(WIRE.glob("*web_search*")) if (r := _rendered(json.loads(p.read_text()))))
    assert "<style>" in rendered and "<svg" in rendered  # Google's own markup, as recorded
    chips = search_suggestions(rendered)
    assert [words for _url, words in chips] == ["weather in San Francisco today"]
    assert chips[0][0].startswith("https://vertexaisearch.cloud.google.com/grounding-api-redirect/")
    html = suggestions_html(chips, LIGHT)
    assert "style>" not in html and "svg" not in html and ".container" not in plain(html)
    assert plain(html).split() == ["Google", "Search", "suggestions", "weather", "in", "San", "Francisco", "today"]


def test_an_entry_point_with_unsafe_or_broken_markup_shows_nothing_unsafe() -> None:
    rendered = ('<style>a{}</style><a class="chip" href="javascript:evil()">bad</a><script>x()</script>'
                '<a class="chip" href="https://www.google.com/search?q=ok">ok &amp; fine</a><a href="https://x.y/">'
                '</a><div><a class="chip" href="https://www.google.com/search?q=ok">ok &amp; fine</a>')  # fmt: skip
    assert search_suggestions(rendered) == (("https://www.google.com/search?q=ok", "ok & fine"),)
    assert search_suggestions(None) == () and search_suggestions("<a href=") == ()
    assert suggestions_html((), LIGHT) == ""


def test_documents_show_as_chips_with_pages() -> None:
    html = documents_html([("report <1>.pdf", 3), ("notes.md", None), ("one.pdf", 1)], LIGHT)
    assert [chip.strip() for chip in plain(html).split("   ")] == ["report <1>.pdf · 3 pages", "notes.md",
                                                                   "one.pdf · 1 page"]  # fmt: skip
    entry = entry_html(Entry("user", "read these", documents=(("notes.md", None),)), LIGHT, 0)
    assert "read these" in plain(entry) and "notes.md" in plain(entry)


def test_the_transcript_loads_nothing_for_sources(qtbot: Any) -> None:
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_entries([Entry("assistant", "An answer.", "Anthropic · claude", footer="footer", message_id=1,
                             sources=(("https://example.com/a", "A"),),
                             suggestions=(("https://www.google.com/search?q=a", "a"),))])  # fmt: skip
    view.resize(600, 400)
    view.grab()  # laid out and painted
    assert view.blocked_resources == [] and "Sources\n1. A · example.com" in view.toPlainText()
    assert view.toPlainText().endswith("footer")  # the footer stays under the sources
    assert view.answer_text() == "An answer."  # the answer's own text is still found above them


async def test_documents_are_read_off_the_event_loop(qtbot: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    """A 50-page PDF is read in a worker thread, never on the thread that paints the window."""
    from app.core import documents
    from app.ui.document_tray import DocumentTray
    from tests.support.pdfs import text_pdf

    threads: list[threading.Thread] = []
    real = documents.load_document

    def recording(path: Any, **kw: Any) -> Any:
        threads.append(threading.current_thread())
        return real(path, **kw)

    monkeypatch.setattr(documents, "load_document", recording)
    big = tmp_path / "big.pdf"
    big.write_bytes(text_pdf([f"page {n}" for n in range(50)]))
    tray = DocumentTray()
    qtbot.addWidget(tray)
    task = tray.add_paths([big])
    assert tray.reading and tray.chips() == ["Reading big.pdf…"]  # shown at once, read meanwhile
    assert await task == []
    [chip] = tray.chips()
    assert chip.startswith("big.pdf · 50 pages · ~") and not tray.reading
    assert threads and threads[0] is not threading.main_thread()
