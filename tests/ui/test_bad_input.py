"""Bad input through the real chat panel: a 5 MB paste, blank prompts, emoji and right-to-left text, an image the
model cannot read, broken base URLs, and a hand-edited custom header that tries to replace the key."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QLabel

from app.core.paths import db_path, settings_path
from app.ui.main_window import MainWindow
from tests.support.cli import run_app
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import error_reply, stream_reply
from tests.support.waiting import wait_until
from tests.support.windows import opened_window

pytestmark = pytest.mark.gui

KEY = "test-key-not-real-bad-input"
UNKNOWN_MODEL = "house-model-7"  # no known context window or capabilities: the provider decides


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)


def fill(qtbot: Any, win: MainWindow, server: LoopbackServer, model: str, base_url: str | None = None) -> None:
    panel = win.chat_panel
    panel.provider_box.setCurrentIndex(panel.provider_box.findData("openai"))
    panel.base_url_edit.setText(server.url + "/v1" if base_url is None else base_url)
    panel.model_box.setEditText("")
    qtbot.keyClicks(panel.model_box.lineEdit(), model)
    panel.prompt_edit.clear()


def paste(qtbot: Any, win: MainWindow, text: str) -> None:
    """Through the clipboard and Ctrl+V, as a user pastes."""
    QApplication.clipboard().setText(text)
    win.chat_panel.prompt_edit.setFocus()
    qtbot.keyClick(win.chat_panel.prompt_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def visible_words(win: MainWindow) -> str:
    """Everything the window says: status bar, transcript, and every label shown."""
    labels = [w.text() for w in win.findChildren(QLabel) if w.isVisible()]
    return "\n".join([win.statusBar().currentMessage(), win.chat_panel.transcript.toPlainText(), *labels])


def user_message(win: MainWindow, reply: Any) -> str:
    store = win.runtime.store
    assert store is not None and reply.message_id is not None
    parent = store.message(reply.message_id).parent_id
    assert parent is not None
    content: str = store.message(parent).content
    return content


def big_prompt() -> str:
    line = "The quick brown fox jumps over the lazy dog; 0123456789 ÄÖÜ €\n"
    return line * (5 * 2**20 // len(line.encode()) + 1)


async def test_a_five_megabyte_paste_is_kept_and_sent_whole(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                            key: None) -> None:  # fmt: skip
    text = big_prompt()
    assert len(text.encode()) > 5 * 2**20
    fill(qtbot, window, loopback, UNKNOWN_MODEL)
    paste(qtbot, window, text)
    panel = window.chat_panel
    assert panel.prompt_edit.toPlainText() == text
    qtbot.keyClicks(panel.prompt_edit, "END")  # still takes typing, at the end where the paste left the cursor
    assert panel.prompt_edit.toPlainText() == text + "END"
    loopback.enqueue(stream_reply(["Read ", "it all."]))
    reply = await panel.send_or_resend()
    assert reply is not None and reply.status == "complete", visible_words(window)
    [sent] = loopback.requests
    assert sent.json()["messages"][-1]["content"] == text + "END"
    assert user_message(window, reply) == text + "END"
    assert panel.transcript.answer_text() == "Read it all."
    assert panel.prompt_edit.isEnabled() and panel.send_action.isEnabled() and not window.controller.busy


async def test_a_five_megabyte_paste_to_a_small_model_is_a_context_error(window: MainWindow, loopback: LoopbackServer,
                                                                         qtbot: Any, key: None) -> None:  # fmt: skip
    """gpt-4o-mini's window is known (128k tokens): refused before sending, or by the provider; either way in
    words about length, and the pasted text stays in the box."""
    text = big_prompt()
    fill(qtbot, window, loopback, "gpt-4o-mini")
    paste(qtbot, window, text)
    loopback.enqueue(error_reply(400, "This model's maximum context length is 128000 tokens.",
                                 code="context_length_exceeded"))  # fmt: skip
    panel = window.chat_panel
    reply = await panel.send_or_resend()
    assert reply is None or reply.error is not None
    words = visible_words(window)
    assert "context window" in words or "too long" in words, words[-500:]
    assert loopback.requests == []  # the known window: nothing paid for
    assert panel.prompt_edit.toPlainText() == text  # nothing lost
    assert panel.send_action.isEnabled() and not window.controller.busy


BLANK = [" ", " \n\t \r\n ", "\u00a0\u3000\u2003", "\u2028\u2029\n"]


@pytest.mark.parametrize("prompt", BLANK, ids=["space", "newlines-tabs", "unicode-spaces", "separators"])
async def test_a_blank_prompt_is_explained_and_not_sent(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                        key: None, prompt: str) -> None:  # fmt: skip
    fill(qtbot, window, loopback, "gpt-4o-mini")
    paste(qtbot, window, prompt)
    assert window.chat_panel.prompt_edit.toPlainText() != ""
    reply = await window.chat_panel.send_or_resend()
    assert reply is None
    assert "Type a prompt first" in visible_words(window)
    assert loopback.requests == []
    store = window.runtime.store
    assert store is not None and store.list_conversations() == []  # no empty conversation either


EMOJI_RTL = ("Emoji 👋🏽 👨‍👩‍👧‍👦 🇺🇦 🏳️‍🌈 | Arabic: مرحبا بالعالم، كيف حالك؟ | Hebrew: שָׁלוֹם עוֹלָם | "
             "mixed abc مرحبا 123 and \u2067עברית 456\u2069 | combining e\u0301 | CJK 漢字かなカナ 한국어 | 𝔘𝔫𝔦")
ANSWER = ["وعليكم ", "السلام 🌙 ", "— שלום 👋🏽"]


async def test_emoji_and_right_to_left_text_round_trip(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                       key: None) -> None:  # fmt: skip
    fill(qtbot, window, loopback, "gpt-4o-mini")
    paste(qtbot, window, EMOJI_RTL)
    panel = window.chat_panel
    assert panel.prompt_edit.toPlainText() == EMOJI_RTL
    loopback.enqueue(stream_reply(ANSWER))
    reply = await panel.send_or_resend()
    assert reply is not None and reply.status == "complete", visible_words(window)
    assert loopback.requests[0].json()["messages"][-1]["content"] == EMOJI_RTL
    assert user_message(window, reply) == EMOJI_RTL
    store = window.runtime.store
    assert store is not None and reply.message_id is not None
    assert store.message(reply.message_id).content == "".join(ANSWER)
    shown = panel.transcript.toPlainText()
    assert EMOJI_RTL in shown and "".join(ANSWER).strip() in shown
    assert "".join(ANSWER).strip() in panel.transcript.markdown_source()
    # Opened again from the store, the conversation shows the same text.
    conversation = store.list_conversations()[0].id
    window.new_chat()
    window.open_conversation(conversation)
    await wait_until(lambda: EMOJI_RTL in panel.transcript.toPlainText(), what="the conversation to open again")
    assert "".join(ANSWER).strip() in panel.transcript.toPlainText()


def paste_image(qtbot: Any, win: MainWindow) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("orange"))
    QApplication.clipboard().setImage(image)
    win.chat_panel.prompt_edit.setFocus()
    qtbot.keyClick(win.chat_panel.prompt_edit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


async def test_an_image_for_a_text_only_model_is_refused_in_words(window: MainWindow, loopback: LoopbackServer,
                                                                  qtbot: Any, key: None) -> None:  # fmt: skip
    fill(qtbot, window, loopback, "gpt-3.5-turbo")
    paste_image(qtbot, window)
    panel = window.chat_panel
    assert panel.attachment_names() != []
    qtbot.keyClicks(panel.prompt_edit, "What is in this picture?")
    reply = await panel.send_or_resend()
    assert reply is None or reply.error is not None
    assert "cannot read images" in visible_words(window)
    assert loopback.requests == []
    assert panel.prompt_edit.toPlainText() == "What is in this picture?" and panel.attachment_names() != []


async def test_an_image_for_a_text_only_model_is_refused_without_a_database(loopback: LoopbackServer, qtbot: Any,
                                                                            key: None) -> None:  # fmt: skip
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database" * 100)  # conversations are not being saved
    async with opened_window(qtbot) as win:
        assert win.runtime.store is None
        fill(qtbot, win, loopback, "gpt-3.5-turbo")
        paste_image(qtbot, win)
        qtbot.keyClicks(win.chat_panel.prompt_edit, "What is in this picture?")
        loopback.enqueue(error_reply(400, "Invalid content type. image_url is only supported by certain models."))
        await win.chat_panel.send_or_resend()
        assert loopback.requests == []
        assert "cannot read images" in visible_words(win)


BAD_URLS = [
    ("127.0.0.1:{port}/v1", "did you mean 'http://127.0.0.1:{port}/v1'"),
    ("htps://127.0.0.1:{port}/v1", "must start with http:// or https://"),
    ("https//127.0.0.1:{port}/v1", "must start with http:// or https://"),
    ("http:/127.0.0.1:{port}/v1", "has no host name"),
    ("http://127.0.0.1:{port}0000/v1", "not a valid URL"),
    ("http://127.0.0.1 :{port}/v1", "spaces or control characters"),
]


@pytest.mark.parametrize(("url", "says"), BAD_URLS, ids=[u.split("{")[0] for u, _ in BAD_URLS])
async def test_a_broken_base_url_is_explained(window: MainWindow, loopback: LoopbackServer, qtbot: Any, key: None,
                                              url: str, says: str) -> None:  # fmt: skip
    typed = url.format(port=loopback.port)
    fill(qtbot, window, loopback, "gpt-4o-mini", base_url=typed)
    qtbot.keyClicks(window.chat_panel.prompt_edit, "Hello?")
    reply = await window.chat_panel.send_or_resend()
    assert reply is None or reply.error is not None
    words = visible_words(window)
    assert says.format(port=loopback.port) in words, words
    assert "Traceback" not in words
    assert loopback.requests == []
    assert window.chat_panel.prompt_edit.toPlainText() == "Hello?"  # kept, to send again once fixed
    assert window.chat_panel.send_action.isEnabled() and not window.controller.busy


HAND_EDITED = {
    "version": 1,
    "custom_endpoints": [{
        "id": "house", "name": "House server", "base_url": "", "local": False, "keyless": True,
        "headers": {"Authorization": "Bearer stolen-by-settings", "X-Api-Key": "stolen-too", "X-Trace": "kept"},
    }],
}  # fmt: skip


@pytest.fixture
def hand_edited_settings(loopback: LoopbackServer) -> Iterator[Path]:
    path = settings_path()
    data = json.loads(json.dumps(HAND_EDITED))
    data["custom_endpoints"][0]["base_url"] = loopback.url + "/v1"
    path.write_text(json.dumps(data), encoding="utf-8")
    yield path


def test_a_custom_header_replacing_the_key_is_refused_in_words(hand_edited_settings: Path,
                                                               loopback: LoopbackServer) -> None:  # fmt: skip
    """The command line: the headers are dropped, the user is told why, and none of them goes out."""
    loopback.enqueue(stream_reply(["ok"]))
    proc = run_app("ask", "--no-log", "--provider", "house", "--model", "m", "hi", env={"PARLEY_KEYRING": "memory"})
    assert proc.returncode == 0 and proc.stdout == "ok\n", proc.stderr
    assert "Removed the 'Authorization' header" in proc.stderr and "keychain" in proc.stderr, proc.stderr
    assert "Removed the 'X-Api-Key' header" in proc.stderr
    sent = [(k.lower(), v) for k, v in loopback.requests[0].raw_headers]
    assert not any("stolen" in v for _, v in sent), sent
    assert not any(k in ("authorization", "x-api-key") for k, _ in sent), sent
    assert ("x-trace", "kept") in sent


async def test_the_window_says_it_dropped_a_custom_auth_header(hand_edited_settings: Path, window: MainWindow) -> None:
    window.runtime.services()  # the settings are read
    assert "Removed the 'Authorization' header" in visible_words(window)
