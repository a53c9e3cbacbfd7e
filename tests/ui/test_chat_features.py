"""The chat panel's newer parts through real widgets and loopback servers: several conversations streaming at
once, per-conversation parameters, images by button, paste and drop, presets with fallbacks, switching provider
mid-conversation."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.core.settings import Preset, ProviderSettings, RetrySettings, Settings, save_settings
from app.ui.chat_params_dialog import ChatParamsDialog
from app.ui.main_window import MainWindow
from tests.support.chat_window import Seen, fill
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import error_reply, stream_reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

# The smallest valid PNG: one transparent pixel.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)


@pytest.fixture
def key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    monkeypatch.setenv("GROQ_API_KEY", "test-key-not-real-either")


@pytest.fixture
def second_server() -> Iterator[LoopbackServer]:
    server = LoopbackServer().start()
    yield server
    server.stop()


def user_parts(body: dict[str, Any]) -> list[Any]:
    return [m["content"] for m in body["messages"] if m["role"] == "user"]


async def test_two_conversations_stream_at_once_and_stop_alone(window: MainWindow, loopback: LoopbackServer,
                                                               second_server: LoopbackServer, qtbot: Any,
                                                               key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    first = [f"a{i} " for i in range(300)]
    loopback.enqueue(stream_reply(first, pause=0.01))
    fill(qtbot, window, loopback, "first chat")
    panel.send_button.click()
    await wait_until(lambda: "a3 " in panel.transcript.answer_text(), what="the first answer streaming")
    conv_a = window.controller.conversation_id

    window.new_chat()
    assert panel.send_action.isEnabled() and not panel.stop_button.isEnabled()  # this chat is free to ask
    second = [f"b{i} " for i in range(300)]
    second_server.enqueue(stream_reply(second, pause=0.01))
    fill(qtbot, window, second_server, "second chat")
    panel.send_button.click()
    await wait_until(lambda: "b3 " in panel.transcript.answer_text(), what="the second answer streaming")
    conv_b = window.controller.conversation_id
    assert conv_a is not None and conv_b is not None and conv_a != conv_b
    assert len(window.controller.session.turns) == 2 and window.controller.streaming_conversations() == {conv_a, conv_b}
    assert "a" not in panel.transcript.answer_text().replace("ab", "")  # b's view shows b's answer only

    assert panel.stop_button.isEnabled()
    panel.stop_button.click()  # stops b, the one shown
    stopped = await wait_until_reply(seen, lambda r: r.conversation_id == conv_b)
    assert stopped.status == "interrupted" and stopped.text.startswith("b0 ")
    assert window.controller.turn_for(conv_a) is not None  # a streams on
    done = await wait_until_reply(seen, lambda r: r.conversation_id == conv_a, timeout=20)
    assert done.status == "complete" and done.text == "".join(first)

    window.open_conversation(conv_a)
    assert "a299" in panel.transcript.toPlainText() and "b0" not in panel.transcript.toPlainText()
    store = window.runtime.store
    assert store is not None and store.message(done.message_id).content == "".join(first)
    assert store.message(stopped.message_id).content == stopped.text


async def wait_until_reply(seen: Seen, match: Any, timeout: float = 10.0) -> Any:
    await wait_until(lambda: any(match(r) for r in seen.replies), timeout=timeout, what="a matching reply")
    return next(r for r in seen.replies if match(r))


async def test_a_conversation_keeps_its_parameters(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                   key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "be brief", model="gpt-4o-mini")
    panel.params_button.click()
    dialog = panel.params_dialog
    assert isinstance(dialog, ChatParamsDialog)
    assert not dialog.effort_box.isEnabled()  # gpt-4o-mini takes no reasoning effort
    dialog.system_edit.setPlainText("Answer in one word.")
    dialog.temperature_check.setChecked(True)
    dialog.temperature_spin.setValue(0.3)
    dialog.max_tokens_spin.setValue(64)
    dialog.json_check.setChecked(True)
    dialog.accept()
    assert panel.params_button.text().startswith("Parameters: system prompt, temperature 0.3")
    loopback.enqueue(stream_reply(["{}"]))
    panel.send_button.click()
    await seen.replied()

    body = loopback.requests[-1].json()
    assert body["messages"][0] == {"role": "system", "content": "Answer in one word."}
    assert body["temperature"] == 0.3 and body["response_format"] == {"type": "json_object"}
    assert body.get("max_completion_tokens", body.get("max_tokens")) == 64
    conv = window.controller.conversation_id
    assert conv is not None

    window.new_chat()  # a new chat starts from the defaults
    assert panel.params_button.text() == "Parameters…" and window.controller.params.is_default
    window.open_conversation(conv)  # and the old one has its own again
    assert window.controller.params.temperature == 0.3 and window.controller.params.system == "Answer in one word."
    loopback.enqueue(stream_reply(["{}"]))
    panel.prompt_edit.setPlainText("again")
    panel.send_button.click()
    await seen.replied(2)
    again = loopback.requests[-1].json()
    assert again["temperature"] == 0.3 and again["messages"][0]["content"] == "Answer in one word."


async def test_reasoning_effort_reaches_a_reasoning_model(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                          key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "think", model="o4-mini")
    panel.params_button.click()
    dialog = panel.params_dialog
    assert dialog.effort_box.isEnabled()
    dialog.effort_box.setCurrentIndex(dialog.effort_box.findData("high"))
    dialog.accept()
    loopback.enqueue(stream_reply(["ok"]))
    panel.send_button.click()
    await seen.replied()
    assert loopback.requests[-1].json()["reasoning_effort"] == "high"


async def test_images_by_button_paste_and_drop_reach_the_wire(window: MainWindow, loopback: LoopbackServer,
                                                              qtbot: Any, key: None, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "what is in these?", model="gpt-4o-mini")
    picture = tmp_path / "dot.png"
    picture.write_bytes(PNG)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(picture)], ""))
    panel.attach_button.click()
    pasted = QMimeData()
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    pasted.setImageData(image)
    assert panel.prompt_edit.canInsertFromMimeData(pasted)
    panel.prompt_edit.insertFromMimeData(pasted)  # what Ctrl+V does with a copied picture
    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(picture))])
    panel.prompt_edit.insertFromMimeData(dropped)  # what a drop of an image file does
    assert panel.attachment_names() == ["dot.png", "pasted image.png", "dot.png"]
    assert panel.prompt_edit.toPlainText() == "what is in these?"  # no file path typed into the prompt
    assert panel.attachments_label.text() == "Attached: dot.png, pasted image.png, dot.png"

    loopback.enqueue(stream_reply(["Dots."]))
    panel.send_button.click()
    reply = await seen.replied()
    [content] = user_parts(loopback.requests[-1].json())
    urls = [part["image_url"]["url"] for part in content if part["type"] == "image_url"]
    assert len(urls) == 3 and urls[0] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert urls[1].startswith("data:image/png;base64,iVBOR")
    assert panel.attachment_names() == []  # taken with the prompt
    store = window.runtime.store
    assert store is not None and reply.conversation_id is not None
    prompt = next(m for m in store.thread(reply.conversation_id) if m.role == "user")
    assert [a.mime_type for a in store.attachments(prompt.id)] == ["image/png"] * 3


async def test_a_file_that_is_not_an_image_is_refused_in_plain_words(window: MainWindow, qtbot: Any,
                                                                     tmp_path: Path) -> None:  # fmt: skip
    fake = tmp_path / "notes.png"
    fake.write_text("not a picture")
    dropped = QMimeData()
    dropped.setUrls([QUrl.fromLocalFile(str(fake))])
    window.chat_panel.prompt_edit.insertFromMimeData(dropped)
    assert window.chat_panel.attachment_names() == []
    assert "is not a PNG, JPEG, GIF or WebP image" in window.chat_panel.transcript.toPlainText()


async def test_a_text_only_model_refuses_images_before_sending(window: MainWindow, loopback: LoopbackServer,
                                                               qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    fill(qtbot, window, loopback, "look", model="gpt-3.5-turbo")
    panel.attach_payloads([("dot.png", PNG)])
    panel.send_button.click()
    message, _advice = await seen.refused()
    assert "cannot read images" in message and loopback.requests == []
    assert panel.prompt_edit.toPlainText() == "look" and panel.attachment_names() == ["dot.png"]  # nothing lost


async def test_a_preset_sets_the_model_parameters_and_fallback(window: MainWindow, loopback: LoopbackServer,
                                                               second_server: LoopbackServer, qtbot: Any,
                                                               key: None) -> None:  # fmt: skip
    settings = Settings(presets=[Preset(name="Careful", provider="openai", model="gpt-4o-mini", system="Be careful.",
                                        temperature=0.1, fallback=["groq:llama-3.3-70b-versatile"])])
    settings.providers["openai"] = ProviderSettings(retries=RetrySettings(max_retries=0))
    settings.providers["groq"] = ProviderSettings(base_url=second_server.url + "/openai/v1")
    save_settings(settings)
    window.runtime.replace_settings(settings)  # as the settings panel hands them over
    panel = window.chat_panel
    panel.set_presets(settings.presets)
    assert not panel.preset_box.isHidden() and panel.preset_box.count() == 2
    panel.apply_preset(settings.presets[0])
    assert (panel.current_provider(), panel.model_box.currentText()) == ("openai", "gpt-4o-mini")
    assert window.controller.fallbacks == ("groq:llama-3.3-70b-versatile",)
    panel.base_url_edit.setText(loopback.url + "/v1")
    panel.prompt_edit.setPlainText("careful now")
    loopback.enqueue(error_reply(500, "down"))
    second_server.enqueue(stream_reply(["From groq."], model="llama-3.3-70b-versatile"))
    seen = Seen(window)
    panel.send_button.click()
    reply = await seen.replied()
    assert reply.status == "complete" and reply.text == "From groq." and reply.provider == "groq"
    body = second_server.requests[-1].json()
    assert body["messages"][0] == {"role": "system", "content": "Be careful."} and body["temperature"] == 0.1


async def test_switching_provider_mid_conversation(window: MainWindow, loopback: LoopbackServer,
                                                   second_server: LoopbackServer, qtbot: Any,
                                                   key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    loopback.enqueue(stream_reply(["Bonjour."], model="gpt-4o-mini"))
    fill(qtbot, window, loopback, "say hello in French")
    panel.send_button.click()
    await seen.replied()
    conv = window.controller.conversation_id

    panel.select_provider("groq")
    panel.base_url_edit.setText(second_server.url + "/openai/v1")
    panel.model_box.setEditText("llama-3.3-70b-versatile")
    panel.prompt_edit.setPlainText("and in German?")
    second_server.enqueue(stream_reply(["Hallo."], model="llama-3.3-70b-versatile"))
    panel.send_button.click()
    reply = await seen.replied(2)
    assert reply.provider == "groq" and reply.conversation_id == conv
    sent = second_server.requests[-1].json()["messages"]
    assert [m["content"] for m in sent] == ["say hello in French", "Bonjour.", "and in German?"]
    text = panel.transcript.toPlainText()
    assert "OpenAI · gpt-4o-mini" in text and "Groq · llama-3.3-70b-versatile" in text

    window.new_chat()
    assert conv is not None
    window.open_conversation(conv)  # the conversation picks up where it left off
    assert (panel.current_provider(), panel.model_box.currentText()) == ("groq", "llama-3.3-70b-versatile")


async def test_switch_model_shortcut_opens_the_picker(window: MainWindow, qtbot: Any) -> None:
    panel = window.chat_panel
    assert panel.switch_model_action.shortcut().toString() == "Ctrl+K"
    panel.switch_model_action.trigger()
    picker = panel.model_picker
    assert picker is not None and picker.isVisible()
    await picker.fetching()  # the local servers' lists, never fetched, are asked for on opening (nothing answers)
    assert picker.notices("ollama") == [  # not running: one quiet line, not a warning
        "Not running: nothing answers at http://localhost:11434. Start it, then press Refresh."]
    picker.chosen.emit("groq", "llama-3.3-70b-versatile")
    assert (panel.current_provider(), panel.model_box.currentText()) == ("groq", "llama-3.3-70b-versatile")
    picker.close()


async def test_a_preset_with_unusable_fallbacks_says_so(window: MainWindow, qtbot: Any,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", "test-key-not-real")
    preset = Preset(name="Chain", provider="openai", model="gpt-4o-mini",
                    fallback=["groq:llama-3.3-70b-versatile", "nosuch:model", "mistral:mistral-small-latest",
                              "ollama:llama3.2"])  # fmt: skip
    settings = Settings(presets=[preset])
    settings.providers["groq"] = ProviderSettings(enabled=False)
    save_settings(settings)
    window.runtime.replace_settings(settings)
    panel = window.chat_panel
    panel.set_presets(settings.presets)
    panel.apply_preset(preset)
    await wait_until(lambda: "fallback(s) cannot be used" in panel.transcript.toPlainText(), what="the flag")
    text = panel.transcript.toPlainText()
    assert "3 fallback(s)" in text and "groq is turned off" in text and "'nosuch' is not a known provider" in text
    assert "mistral has no API key yet" in text and "ollama" not in text.split("cannot be used now.")[1]


async def test_the_sidebar_marks_conversations_that_are_answering(window: MainWindow, loopback: LoopbackServer,
                                                                  qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    loopback.enqueue(stream_reply([f"w{i} " for i in range(100)], pause=0.01))
    fill(qtbot, window, loopback, "slow one")
    window.chat_panel.send_button.click()
    box = window.sidebar.conversations
    await wait_until(lambda: box.count() == 1 and box.item(0).font().italic(), what="the answering mark")
    assert box.item(0).toolTip().startswith("Answering now")
    await seen.replied()
    # the list follows on the next turn of the event loop (the answer's end is drawn first)
    await wait_until(lambda: not box.item(0).font().italic(), what="the answering mark gone")
    assert box.item(0).text() == "slow one" and not box.item(0).toolTip().startswith("Answering now")


async def test_delete_a_message_from_the_transcript(window: MainWindow, loopback: LoopbackServer, qtbot: Any,
                                                    key: None, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    seen = Seen(window)
    for n in (1, 2):
        loopback.enqueue(stream_reply([f"answer {n}"]))
        fill(qtbot, window, loopback, f"question {n}")
        window.chat_panel.send_button.click()
        await seen.replied(n)
    store = window.runtime.store
    conv = window.controller.conversation_id
    assert store is not None and conv is not None
    second_prompt = [m for m in store.thread(conv) if m.role == "user"][1]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.chat_panel.transcript.delete_requested.emit(second_prompt.id)
    assert [m.content for m in store.thread(conv)] == ["question 1", "answer 1"]
    text = window.chat_panel.transcript.toPlainText()
    assert "question 1" in text and "question 2" not in text and "answer 2" not in text


async def test_the_theme_menu_switches_and_remembers(window: MainWindow, qtbot: Any) -> None:
    from app.core.settings import load_settings
    from app.ui.theme import is_dark

    window.theme_actions["dark"].trigger()
    assert is_dark(QApplication.palette()) and load_settings().settings.theme == "dark"
    window.theme_actions["light"].trigger()
    assert not is_dark(QApplication.palette()) and load_settings().settings.theme == "light"
    window.set_theme("system")


async def test_a_failed_answer_is_explained_inline_and_retried(window: MainWindow, loopback: LoopbackServer,
                                                               qtbot: Any, key: None) -> None:  # fmt: skip
    seen = Seen(window)
    panel = window.chat_panel
    loopback.enqueue(error_reply(400, "bad model"))
    fill(qtbot, window, loopback, "try me")
    panel.send_button.click()
    failed = await seen.replied()
    assert failed.status == "error"
    assert "bad model" in panel.transcript.toPlainText()
    button = panel.answer_bar.regenerate_button
    assert button.text() == "Retry" and button.isEnabled()
    loopback.enqueue(stream_reply(["Now it works."]))
    button.click()
    reply = await seen.replied(2)
    assert reply.status == "complete" and "Now it works." in panel.transcript.toPlainText()
    assert button.text() == "Regenerate"
    store = window.runtime.store
    assert store is not None and reply.message_id is not None and failed.message_id is not None
    assert set(store.message(reply.message_id).sibling_ids) == {failed.message_id, reply.message_id}
    assert store.message(failed.message_id).status == "error"  # kept beside the retry
