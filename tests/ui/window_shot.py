"""Run by the Xvfb test in its own process: the real window in a light or dark theme, with a few saved
conversations in the sidebar, answers one prompt (rendered as Markdown with a code block and a table,
then its footer), then is grabbed to a PNG.

Usage: python -m tests.ui.window_shot OUT.png BASE_URL [system|light|dark]   (key from OPENAI_API_KEY)
"""

from __future__ import annotations

import asyncio
import sys

from app.core.runtime import Runtime
from app.ui.chat_controller import provider_choices
from app.ui.loop import ParleyLoop
from app.ui.main_window import MainWindow
from app.ui.startup import create_application
from app.ui.theme import apply_theme
from tests.support.waiting import wait_until

PROMPT = "What makes a desktop chat app feel fast?"
EARLIER = ["Plan a three-day trip to Lisbon", "Explain SQLite WAL mode", "Regex for ISO dates"]


def seed(services: Runtime) -> None:
    """Earlier conversations, so the sidebar shows a list (one pinned)."""
    store = services.store
    assert store is not None
    for i, title in enumerate(EARLIER):
        conv = store.create_conversation(title)
        store.add_message(conv, "user", title)
        store.add_message(conv, "assistant", "(an earlier answer)", provider="openai", model="gpt-4o-mini")
        if i == 1:
            store.pin_conversation(conv)


async def answer_and_grab(win: MainWindow, services: Runtime, out: str, base_url: str) -> bool:
    painted = asyncio.Event()
    win.first_painted.connect(painted.set)
    win.show()
    await asyncio.wait_for(painted.wait(), 20)
    await services.start()
    win.load_providers(provider_choices())
    await win.open_store()
    seed(services)
    win.refresh_list()
    panel = win.chat_panel
    panel.select_provider("openai")
    panel.base_url_edit.setText(base_url)
    panel.model_box.setEditText("gpt-4o-mini")
    panel.prompt_edit.setPlainText(PROMPT)
    replies: list[object] = []
    win.controller.finished.connect(replies.append)
    panel.send_button.click()
    await wait_until(lambda: replies and not win.controller.busy, timeout=20, what="the answer")
    panel.prompt_edit.setPlainText("And how do you keep it light?")
    panel.transcript.show_actions(1)  # the answer's Copy and Delete, as when the mouse is over it
    await asyncio.sleep(0.5)  # let the last frame reach the X server
    screen = win.screen()
    ok = screen.grabWindow(win.winId()).save(out)
    await services.aclose()
    return ok


def main(argv: list[str]) -> int:
    out, base_url, *theme = argv
    app = create_application([])
    apply_theme(app, theme[0] if theme else "system")
    loop = ParleyLoop(app)
    asyncio.set_event_loop(loop)
    services = Runtime()
    win = MainWindow(services)
    try:
        ok = loop.run_until_complete(answer_and_grab(win, services, out, base_url))
    finally:
        win.close()
        loop.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
