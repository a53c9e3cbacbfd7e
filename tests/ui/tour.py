"""A visual tour for people: the main window, an answer with web sources and an attached PDF, the comparison and
the cost panel, in a theme and a window size, each answered by a loopback server and grabbed to a PNG (to look
at before and after a change of look).

Usage: xvfb-run -a -s "-screen 0 1920x1200x24" python -m tests.ui.tour OUT_DIR [light|dark] [WIDTHxHEIGHT]
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.support.loopback import Recorded, Reply

ANSWER = [
    "Three things, mostly:\n\n",
    "1. Paint streamed text **once per frame**, ", "not once per token.\n",
    "2. Load heavy modules *after* the window is on screen.\n",
    "3. Never block the event loop: keychain calls and HTTP run elsewhere.\n\n",
    "For example, buffer the pieces and flush them on a timer:\n\n",
    "```python\n", "def append(self, piece: str) -> None:\n", "    self._pending.append(piece)\n",
    "    if not self._timer.isActive():\n", "        self._timer.start(16)  # one frame\n", "```\n\n",
    "| what | time |\n", "|---|---|\n", "| first paint | 200 ms |\n", "| streamed pieces | ~18,000/s |\n\n",
    "Use `QTimer`, not `time.sleep`.",
]  # fmt: skip
MODELS = ("gpt-4o-mini", "gpt-4o", "gpt-4.1", "o3-mini")
SLOW: list[bool] = []  # set while the tour stops an answer halfway
EARLIER = ["Plan a three-day trip to Lisbon", "Explain SQLite WAL mode", "Regex for ISO dates"]
SOURCED = ["The report says revenue rose **12%** in the third quarter, ", "mostly from subscriptions. ",
           "Recent coverage agrees: analysts expect the trend to hold into next year, ",
           "though two of them warn about rising cloud costs."]  # fmt: skip
CITED = [("https://www.example-news.com/markets/q3-results", "Q3 results beat expectations"),
         ("https://analysts.example.org/reports/saas-2026", "SaaS outlook 2026: subscriptions keep growing"),
         ("https://blog.example.net/cloud-costs", "Why cloud bills keep rising")]  # fmt: skip


async def _wait(predicate: object, seconds: float = 20.0) -> None:
    for _ in range(int(seconds * 100)):
        if callable(predicate) and predicate():
            return
        await asyncio.sleep(0.01)
    raise SystemExit("timed out")


async def tour(out: Path, theme: str, size: tuple[int, int]) -> None:
    from PySide6.QtWidgets import QApplication

    from app.core.comparison import PaneTarget
    from app.core.runtime import Runtime
    from app.ui.chat_controller import provider_choices
    from app.ui.main_window import MainWindow
    from tests.support.loopback import LoopbackServer

    server = LoopbackServer().start()
    server.handler = _replies
    slow = SLOW
    runtime = Runtime()
    win = MainWindow(runtime)
    win.resize(*size)
    name = f"{theme}-{size[0]}x{size[1]}"
    try:
        painted = asyncio.Event()
        win.first_painted.connect(painted.set)
        win.show()
        await asyncio.wait_for(painted.wait(), 20)
        await runtime.start()
        win.load_providers(provider_choices())
        await win.open_store()
        await win.first_run.start(ollama_url=None, lmstudio_url=None)  # the saved settings (the key: no welcome)
        welcome = win.first_run.show_welcome()  # as a new profile without keys sees it, its own server tested
        welcome.show_servers([])
        form = welcome.custom_server
        form.name_edit.setText("GPU box")
        form.url_edit.setText(server.url + "/v1")
        await win.first_run.test_custom_server(*form.fields())
        await asyncio.sleep(0.2)
        win.grab().save(str(out / f"welcome-{name}.png"))
        win.first_run.hide_welcome()
        from app.core.settings import ProviderSettings

        settings = runtime.settings()  # OpenAI at the loopback server, so the model picker lists its models
        settings.providers["openai"] = ProviderSettings(base_url=server.url + "/v1")
        for local in ("ollama", "lmstudio"):
            settings.providers[local] = ProviderSettings(enabled=False)
        for title in EARLIER:  # earlier conversations, asked through the real turn
            panel = win.chat_panel
            win.new_chat()
            panel.select_provider("openai")
            panel.base_url_edit.setText(server.url + "/v1")
            panel.model_box.setEditText("gpt-4o-mini")
            panel.prompt_edit.setPlainText(title)
            await panel.send_or_resend()
        win.new_chat()
        panel = win.chat_panel
        win.grab().save(str(out / f"main-empty-{name}.png"))
        panel.prompt_edit.setPlainText("What makes a desktop chat app feel fast?")
        await panel.send_or_resend()
        panel.prompt_edit.setPlainText("And how do you keep it light?")
        await asyncio.sleep(0.3)
        QApplication.processEvents()
        win.grab().save(str(out / f"main-{name}.png"))

        slow.append(True)  # a follow-up stopped halfway: marked as such
        task = asyncio.ensure_future(panel.send_or_resend())
        await _wait(lambda: panel.transcript.answer_text().count("word") > 40)
        panel.stop_button.click()
        await task
        await asyncio.sleep(0.2)
        win.grab().save(str(out / f"main-stopped-{name}.png"))
        slow.clear()

        await sources_tour(win, server, out, name)

        panel.choose_model()
        picker = panel.model_picker
        assert picker is not None
        await picker.fetching()
        await asyncio.sleep(0.2)
        picker.grab().save(str(out / f"picker-{name}.png"))
        picker.close()
        panel.edit_params()
        await asyncio.sleep(0.2)
        panel.params_dialog.grab().save(str(out / f"params-{name}.png"))
        panel.params_dialog.reject()

        win.open_compare()
        compare = win.compare_panel
        assert compare is not None
        compare.resize(*size)
        compare.set_targets([PaneTarget("openai", f"gpt-4o-mini@{server.url}/v1"),
                             PaneTarget("openai", f"gpt-4o@{server.url}/v1", temperature=0.2),
                             PaneTarget("groq", f"llama-3.3-70b-versatile@{server.url}/v1")])  # fmt: skip
        compare.prompt_edit.setPlainText("Explain event loops in two sentences.")
        await compare.send()
        await asyncio.sleep(0.3)
        compare.grab().save(str(out / f"compare-{name}.png"))
        compare.controller.vote(1)
        await asyncio.sleep(0.3)
        compare.grab().save(str(out / f"compare-voted-{name}.png"))
        compare.close()

        await tool_tour(win, server, out, name)

        win.open_costs()
        from app.ui.cost_panel import CostPanel

        costs = win.findChild(CostPanel, "costPanel")
        assert costs is not None
        costs.resize(*size)
        await costs.refresh()
        await asyncio.sleep(0.3)
        costs.grab().save(str(out / f"costs-{name}.png"))
        costs.close()
    finally:
        win.close()
        await runtime.aclose()
        server.stop()


def _replies(request: Recorded) -> Reply:
    """The tour's loopback answers by route: chat completions, the Responses API with web sources, Gemini with
    grounding and Google's search suggestions."""
    from tests.providers import responses_events as ev
    from tests.support import search_servers as srv
    from tests.support.loopback import Reply
    from tests.support.openai_server import stream_reply

    path = request.path
    if path.endswith("/models"):
        return Reply.json({"object": "list", "data": [{"id": m} for m in MODELS]})
    if SLOW:  # a long answer, slowly, to stop halfway
        return stream_reply([f"word{i} " for i in range(600)], pause=0.01, model="gpt-4o-mini-2024-07-18")
    if path.endswith("/responses"):
        notes = [ev.url_citation(url, title) for url, title in CITED]
        return ev.sse([*ev.created(), *ev.web_search_call(0, "q3 results subscriptions"),
                       *ev.message(1, SOURCED, notes), ev.completed()])  # fmt: skip
    if "GenerateContent" in path:
        return srv.gemini_search_stream()
    return stream_reply(ANSWER, pause=0.002, prompt_tokens=14, model="gpt-4o-mini-2024-07-18")


async def sources_tour(win: object, server: object, out: Path, name: str) -> None:
    """A PDF attached before sending (its chip, the search switch on, the estimate), then the answer with its
    numbered sources, then a Gemini answer with Google's search suggestions; the settings' API choice."""
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow
    from tests.support.pdfs import text_pdf

    assert isinstance(win, MainWindow)
    url = str(getattr(server, "url", ""))
    panel = win.chat_panel
    win.new_chat()
    panel.select_provider("openai")
    panel.base_url_edit.setText(url + "/v1")
    panel.model_box.setEditText("gpt-4.1-mini")
    panel.composer.search_switch.click()
    report = out / "quarterly-report.pdf"
    report.write_bytes(text_pdf([f"Page {n}: revenue, subscriptions and costs" for n in range(1, 13)]))
    await panel.composer.attach_documents([report])
    report.unlink()
    panel.prompt_edit.setPlainText("Summarise the attached report and check what analysts say about it online.")
    await asyncio.sleep(0.6)  # the estimate
    QApplication.processEvents()
    win.grab().save(str(out / f"attach-{name}.png"))
    await panel.send_or_resend()
    await asyncio.sleep(0.3)
    QApplication.processEvents()
    win.grab().save(str(out / f"sources-{name}.png"))
    panel.select_provider("gemini")
    panel.base_url_edit.setText(url)
    panel.model_box.setEditText("gemini-2.5-flash")
    panel.prompt_edit.setPlainText("Who won Euro 2024?")
    await panel.send_or_resend()
    await asyncio.sleep(0.3)
    QApplication.processEvents()
    win.grab().save(str(out / f"suggestions-{name}.png"))

    settings = win.open_settings("openai")
    await asyncio.sleep(0.5)
    QApplication.processEvents()
    settings.grab().save(str(out / f"settings-api-{name}.png"))
    settings.tabs.setCurrentWidget(settings.presets)
    settings.presets.add_preset()
    settings.presets.model_edit.setText("gpt-4.1-mini")
    QApplication.processEvents()
    settings.grab().save(str(out / f"settings-preset-{name}.png"))
    settings.close()


async def tool_tour(win: object, server: object, out: Path, name: str) -> None:
    """A turn with tools: the call asked inline, run, shown as blocks; the Tools menu, the steps, the settings."""
    import sys as _sys

    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QApplication

    from app.core.mcp.settings import McpServerSettings
    from app.ui.main_window import MainWindow
    from tests.support.loopback import LoopbackServer
    from tests.support.mcp_servers import DATA
    from tests.support.openai_server import stream_reply
    from tests.support.tool_turns import call, calls_reply

    assert isinstance(win, MainWindow) and isinstance(server, LoopbackServer)
    win.runtime.settings().mcp.servers = [McpServerSettings("adder", command=_sys.executable,
                                                            args=[str(DATA / "adder.py")])]  # fmt: skip
    old = server.handler

    def answer(req: Recorded) -> Reply:
        body = req.json()
        if any(m.get("role") == "tool" for m in body["messages"]):
            return stream_reply(["Both are done: 2 + 3 = **5**, and the echo came back unchanged."], prompt_tokens=180)
        return calls_reply("openai_chat", call("call_1", "adder__add", {"a": 2, "b": 3}),
                           call("call_2", "adder__echo", {"text": "Parley <b>never</b> renders this"}))

    server.handler = answer
    win.new_chat()
    panel = win.chat_panel
    panel.select_provider("openai")  # (the sources tour left Gemini chosen)
    panel.base_url_edit.setText(server.url + "/v1")
    panel.model_box.setEditText("gpt-4o-mini")
    panel.tools_button.refresh()
    panel.prompt_edit.setPlainText("Add 2 and 3 with the adder, and echo a phrase.")
    sending = asyncio.ensure_future(panel.send_or_resend())
    await _wait(lambda: panel.approval.pending is not None, 60)
    await asyncio.sleep(0.3)
    QApplication.processEvents()
    win.grab().save(str(out / f"tools-approval-{name}.png"))
    panel.approval.always_button.click()
    await _wait(lambda: panel.approval.pending is not None or sending.done(), 20)
    if panel.approval.pending is not None:
        panel.approval.once_button.click()
    await sending
    view = panel.transcript
    view._anchor_clicked(QUrl(f"parley-tool:{len(view._items) - 1}/1"))  # the echo, expanded
    await asyncio.sleep(0.3)
    QApplication.processEvents()
    win.grab().save(str(out / f"tools-turn-{name}.png"))
    popup = panel.tools_button.open_popup()
    await asyncio.sleep(0.5)
    QApplication.processEvents()
    shot = win.grab()
    popup_shot = popup.grab()
    from PySide6.QtGui import QPainter

    painter = QPainter(shot)
    painter.drawPixmap(popup.mapTo(win, popup.rect().topLeft()) if popup.parent() is None else
                       win.mapFromGlobal(popup.pos()), popup_shot)  # fmt: skip
    painter.end()
    shot.save(str(out / f"tools-menu-{name}.png"))
    popup.hide()
    reply_id = view._items[-1].message_id if hasattr(view._items[-1], "message_id") else None
    if reply_id is not None:
        view.steps_requested.emit(reply_id)
        from app.ui.turn_steps_view import TurnSteps

        steps = win.findChild(TurnSteps, "turnSteps")
        await asyncio.sleep(0.5)
        if steps is not None:
            steps.grab().save(str(out / f"tools-steps-{name}.png"))
            steps.close()
    settings = win.open_settings()
    settings.show_mcp()
    settings.resize(min(1000, win.width()), min(760, win.height()))
    await asyncio.sleep(0.5)
    QApplication.processEvents()
    settings.grab().save(str(out / f"tools-settings-{name}.png"))
    settings.close()
    server.handler = old


def main(argv: list[str]) -> int:
    out = Path(argv[0])
    theme = argv[1] if len(argv) > 1 else "light"
    width, height = (int(v) for v in (argv[2] if len(argv) > 2 else "1600x1000").split("x"))
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="parley-tour-")
    os.environ.update({"PARLEY_HOME": home, "PARLEY_KEYRING": "memory", "OPENAI_API_KEY": "tour-key-not-real",
                       "GROQ_API_KEY": "tour-key-not-real", "GEMINI_API_KEY": "tour-key-not-real",
                       "NO_PROXY": "127.0.0.1,localhost"})  # fmt: skip
    from app.ui.loop import ParleyLoop
    from app.ui.startup import create_application
    from app.ui.theme import apply_theme

    app = create_application([])
    apply_theme(app, theme)
    loop = ParleyLoop(app)
    asyncio.set_event_loop(loop)
    try:
        loop.run_until_complete(tour(out, theme, (width, height)))
    finally:
        loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
