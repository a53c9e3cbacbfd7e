"""Documents in the window through real widgets and loopback servers: a PDF by the attach button, by drop and by
paste, shown before sending with its pages and token estimate, read off the event loop, sent on the wire and
shown as a chip in the transcript (also when the conversation is opened again); damaged, encrypted and scanned
PDFs refused in plain words with the prompt kept."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.pdfs import damaged_pdf, encrypted_pdf, image_only_pdf, text_pdf
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    monkeypatch.setenv("GROQ_API_KEY", "test-key-not-real-either")


def user_content(body: dict[str, Any]) -> list[Any]:
    [content] = [m["content"] for m in body["messages"] if m["role"] == "user"]
    assert isinstance(content, list)
    return content


def files_mime(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


async def test_a_pdf_by_the_attach_button_shows_pages_and_tokens_and_is_sent(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    tray = panel.composer.documents_tray
    fill(qtbot, window, loopback, "summarise the report", model="gpt-4o-mini")
    report = tmp_path / "report.pdf"
    report.write_bytes(text_pdf(["Quarterly revenue rose", "Costs fell sharply"]))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(report)], ""))
    panel.attach_button.click()
    # Read in a thread: the window shows it is reading, and Send waits for it.
    assert tray.reading and tray.chips() == ["Reading report.pdf…"] and not panel.send_button.isEnabled()
    await wait_until(lambda: not tray.reading, what="the PDF to be read")
    assert tray.chips() == ["report.pdf · 2 pages · ~3,000 tokens"]  # OpenAI reads PDFs itself: ~1,500 a page
    assert panel.send_button.isEnabled() and panel.prompt_edit.toPlainText() == "summarise the report"
    await wait_until(lambda: "next request" in panel.estimate_label.text(), what="the estimate")

    loopback.enqueue(stream_reply(["It rose."]))
    panel.send_button.click()
    reply = await seen.replied()
    [pdf] = [p for p in user_content(loopback.requests[-1].json()) if p["type"] == "file"]
    assert pdf["file"]["filename"] == "report.pdf"
    assert base64.b64decode(pdf["file"]["file_data"].partition(",")[2]) == report.read_bytes()
    assert tray.documents() == () and not tray.isVisible()  # taken with the prompt
    assert "report.pdf · 2 pages" in panel.transcript.toPlainText()

    # Opened again, the prompt still shows its document.
    assert reply.conversation_id is not None
    window.new_chat()
    assert "report.pdf" not in panel.transcript.toPlainText()
    panel.show_conversation(reply.conversation_id)
    assert "report.pdf · 2 pages" in panel.transcript.toPlainText()


async def test_a_text_only_model_gets_the_text_and_the_estimate_counts_it(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None, tmp_path: Path) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "what does it say?", model="gpt-4o-mini")
    panel.select_provider("groq")
    panel.base_url_edit.setText(loopback.url + "/v1")
    panel.model_box.setEditText("llama-3.3-70b-versatile")
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nThe launch moved to *Tuesday*.\n", encoding="utf-8")
    await panel.composer.attach_documents([notes])
    [chip] = panel.composer.documents_tray.chips()
    assert chip.startswith("notes.md · ~") and "page" not in chip
    loopback.enqueue(stream_reply(["Tuesday."]))
    panel.send_button.click()
    await seen.replied()
    sent = loopback.requests[-1].json()["messages"][-1]["content"]
    text = sent if isinstance(sent, str) else " ".join(p.get("text", "") for p in sent)
    assert '<document name="notes.md">' in text and "The launch moved to *Tuesday*." in text


@pytest.mark.parametrize(("make", "words"), [(damaged_pdf, "is damaged"), (encrypted_pdf, "is encrypted")],
                         ids=["damaged", "encrypted"])  # fmt: skip
async def test_a_pdf_that_cannot_be_read_is_refused_and_the_prompt_kept(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None, tmp_path: Path,
        make: Any, words: str) -> None:  # fmt: skip
    panel = window.chat_panel
    fill(qtbot, window, loopback, "read this carefully", model="gpt-4o-mini")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(make())
    problems = await panel.composer.attach_documents([bad])
    assert len(problems) == 1 and words in problems[0]
    assert f"bad.pdf {words}" in panel.transcript.toPlainText()  # said where the answer would have been
    assert panel.composer.documents() == () and not panel.composer.documents_tray.isVisible()
    assert panel.prompt_edit.toPlainText() == "read this carefully" and loopback.requests == []


async def test_a_scan_for_a_text_only_model_is_refused_before_sending(
        window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None, tmp_path: Path) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "what is on the scan?", model="gpt-4o-mini")
    panel.select_provider("groq")
    panel.base_url_edit.setText(loopback.url + "/v1")
    panel.model_box.setEditText("llama-3.3-70b-versatile")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf(3))
    await panel.composer.attach_documents([scan])
    tray = panel.composer.documents_tray
    assert tray.chips()[0].startswith("scan.pdf · 3 pages")
    [label] = [w for w in tray.findChildren(QLabel, "documentChip")]
    assert "no text found" in label.toolTip()  # said before sending, in the chip's tooltip
    panel.send_button.click()
    message, _advice = await seen.refused()
    assert message.startswith("No text found in scan.pdf") and loopback.requests == []
    assert panel.prompt_edit.toPlainText() == "what is on the scan?" and panel.composer.documents() != ()


async def test_documents_by_paste_and_by_drop_anywhere_on_the_chat(
        window: MainWindow, qtbot: Any, tmp_path: Path) -> None:  # fmt: skip
    panel = window.chat_panel
    composer = panel.composer
    first, second, third = tmp_path / "a.txt", tmp_path / "b.py", tmp_path / "c.pdf"
    first.write_text("alpha", encoding="utf-8")
    second.write_text("print('beta')\n", encoding="utf-8")
    third.write_bytes(text_pdf(["gamma"]))
    panel.prompt_edit.setPlainText("compare")

    # A file copied in a file manager is its URL on the clipboard: Ctrl+V attaches it, types nothing.
    QApplication.clipboard().setMimeData(files_mime(first))  # (the clipboard owns it)
    panel.prompt_edit.setFocus()
    qtbot.keyClick(panel.prompt_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    await wait_until(lambda: composer.documents_tray.names() == ["a.txt"], what="the pasted file")
    assert panel.prompt_edit.toPlainText() == "compare"

    # Dropped on the prompt box, and on the transcript (which takes no drops of its own).
    panel.prompt_edit.insertFromMimeData(files_mime(second))
    await wait_until(lambda: len(composer.documents()) == 2, what="the file dropped on the prompt")
    target = panel.transcript.viewport()
    actions = Qt.DropAction.CopyAction
    dragged = files_mime(third)  # (kept: the events hold it without owning it)
    enter = QDragEnterEvent(QPoint(20, 20), actions, dragged, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(20, 20), actions, dragged, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, drop)
    await wait_until(lambda: len(composer.documents()) == 3, what="the file dropped on the transcript")
    assert composer.documents_tray.names() == ["a.txt", "b.py", "c.pdf"]
    assert panel.prompt_edit.toPlainText() == "compare" and panel.transcript.toPlainText() == ""

    # Each can be removed on its own.
    remove = [b for b in composer.documents_tray.findChildren(type(panel.attach_button), "remove_document")]
    assert [b.accessibleName() for b in remove] == ["Remove a.txt", "Remove b.py", "Remove c.pdf"]
    remove[1].click()
    assert composer.documents_tray.names() == ["a.txt", "c.pdf"]

    # A folder is not a document: said so, and its path is not typed into the prompt either.
    folder = tmp_path / "drafts"
    folder.mkdir()
    panel.prompt_edit.insertFromMimeData(files_mime(folder))
    assert "drafts: a folder cannot be attached." in panel.transcript.toPlainText()
    assert panel.prompt_edit.toPlainText() == "compare" and composer.documents_tray.names() == ["a.txt", "c.pdf"]
