"""Driving the main window's chat panel as a user does, and hearing what its controller reports."""

from __future__ import annotations

from typing import Any

from app.ui.main_window import MainWindow

from .loopback import LoopbackServer
from .waiting import wait_until


class Seen:
    """What the controller reported, collected from its signals."""

    def __init__(self, win: MainWindow) -> None:
        self.replies: list[Any] = []
        self.failures: list[tuple[str, str]] = []
        win.controller.finished.connect(self.replies.append)
        win.controller.failed.connect(lambda message, advice: self.failures.append((message, advice)))
        self.controller = win.controller

    async def replied(self, count: int = 1) -> Any:
        """Wait for the count-th reply and for the controller to be idle again; return that reply."""
        await wait_until(lambda: len(self.replies) >= count and not self.controller.busy, what=f"reply {count}")
        return self.replies[count - 1]

    async def refused(self, count: int = 1) -> tuple[str, str]:
        await wait_until(lambda: len(self.failures) >= count and not self.controller.busy, what=f"refusal {count}")
        return self.failures[count - 1]


def fill(qtbot: Any, win: MainWindow, server: LoopbackServer, prompt: str, model: str = "gpt-4o-mini") -> None:
    panel = win.chat_panel
    panel.select_provider("openai")
    panel.base_url_edit.setText(server.url + "/v1")
    panel.model_box.setEditText("")
    qtbot.keyClicks(panel.model_box.lineEdit(), model)
    panel.prompt_edit.clear()
    qtbot.keyClicks(panel.prompt_edit, prompt)
