"""The settings pages' shared parts: the list-and-form helper, the key states, and pages keeping each other's edits."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QListWidgetItem

from app.core.keys import SERVICE, KeyStore
from app.core.runtime import Runtime
from app.core.settings import load_settings
from app.ui.list_form import ListForm
from app.ui.main_window import MainWindow
from app.ui.settings_state import PanelState

from .conftest import wait_until
from .test_settings_panel import make_window, opened

pytestmark = pytest.mark.gui

FAKE = "test-key-not-real-pages-4d1e"


class Names:
    """The smallest page: a list of names, and a form that is one line edit."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.edit = QLineEdit()

    def list_items(self) -> list[QListWidgetItem]:
        return [QListWidgetItem(name) for name in self.names]

    def show_row(self, row: int | None) -> None:
        self.edit.setText("" if row is None else self.names[row])

    def commit_row(self, row: int) -> None:
        self.names[row] = self.edit.text()


def test_the_list_form_commits_the_shown_row_and_never_a_removed_one(qtbot: Any) -> None:
    page = Names(["a", "b", "c"])
    rows = ListForm(page, page.edit, add_text="Add")
    qtbot.addWidget(rows)
    rows.refill()
    assert rows.shown is None and not page.edit.isEnabled() and not rows.remove_button.isEnabled()
    rows.select(0)
    assert page.edit.isEnabled() and rows.remove_button.isEnabled() and page.edit.text() == "a"
    page.edit.setText("A")
    rows.list.setCurrentRow(1)  # a click on another row: what was typed goes into the draft first
    assert page.names == ["A", "b", "c"] and page.edit.text() == "b" and rows.shown == 1
    page.edit.setText("typed into a row about to go")
    removed = rows.take_shown()
    assert removed == 1
    page.names.pop(removed)
    rows.refill(min(removed, len(page.names) - 1))
    assert page.names == ["A", "c"]  # the removed row's form went nowhere
    assert [rows.list.item(i).text() for i in range(rows.list.count())] == ["A", "c"]
    assert rows.shown == 1 and page.edit.text() == "c"
    page.edit.setText("C")
    rows.commit()
    rows.relabel(1, "C")
    assert page.names == ["A", "C"] and rows.list.item(1).text() == "C"


class SlowFirstRead:
    """A keyring whose first read answers with what it held when asked, but only once released."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str], str] = {}
        self.held = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._first = True

    def get_password(self, service: str, username: str) -> str | None:
        value = self.data.get((service, username))
        with self._lock:
            first, self._first = self._first, False
        if first:
            self.held.set()
            self.release.wait(10)
        return value

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.data[(service, username)]


async def test_a_stale_key_read_never_overwrites_a_newer_one() -> None:
    backend = SlowFirstRead()
    state = PanelState(Runtime(keys=KeyStore(backend)))
    read = []
    state.keys_read.connect(lambda: read.append(state.key("openai")))
    stale = asyncio.ensure_future(state.refresh_keys())  # started before the key is saved
    await wait_until(backend.held.is_set, what="the first read to start")
    backend.data[(SERVICE, "openai")] = FAKE  # a key saved meanwhile
    await state.refresh_keys()
    assert state.has_key("openai") and state.key_refreshes == 1
    backend.release.set()
    await stale
    assert state.key("openai") == ("keychain", None) and state.key_refreshes == 1  # the stale "no key" was dropped
    assert read == [("keychain", None)]


@pytest.fixture
async def memory_window(qtbot: Any) -> AsyncIterator[MainWindow]:
    async for win in make_window(qtbot, Runtime()):
        yield win


async def test_what_was_typed_for_a_provider_survives_custom_endpoints_changing(memory_window: MainWindow,
                                                                               parley_home: Path) -> None:  # fmt: skip
    panel = await opened(memory_window, "groq")
    providers = panel.providers
    providers.base_url_edit.setText("https://typed.example/v1")
    providers.limits.spins["max_retries"].setValue(1)
    panel.tabs.setCurrentIndex(1)
    panel.endpoints.add_endpoint()  # the provider list is built again, with the new endpoint in it
    assert providers.provider_item("custom-1") is not None
    assert panel.current_provider() == "groq" and providers.base_url_edit.text() == "https://typed.example/v1"
    panel.endpoints.remove_endpoint()
    assert providers.provider_item("custom-1") is None
    assert panel.current_provider() == "groq" and providers.base_url_edit.text() == "https://typed.example/v1"
    assert await panel.save(), panel.problems_label.text()
    saved = load_settings().settings.providers["groq"]
    assert (saved.base_url, saved.retries.max_retries) == ("https://typed.example/v1", 1)


async def test_turning_a_provider_off_flags_the_fallbacks_that_use_it(memory_window: MainWindow) -> None:
    panel = await opened(memory_window)
    panel.providers.key_edit.setText(FAKE)
    assert await panel.providers.save_key("groq", panel.providers.key_edit)
    presets = panel.presets
    presets.add_preset()
    presets.fallback_edit.setText("groq:llama-3.3-70b")
    presets.add_fallback()
    assert presets.flagged_fallbacks() == []
    item = panel.providers.provider_item("groq")
    assert item is not None
    item.setCheckState(Qt.CheckState.Unchecked)  # on the Providers page; the Presets page hears of it
    assert presets.flagged_fallbacks() == ["⚠ groq:llama-3.3-70b — groq is turned off in the provider settings."]
    item.setCheckState(Qt.CheckState.Checked)
    assert presets.flagged_fallbacks() == []


async def test_a_removed_endpoint_leaves_no_header_problem_behind(memory_window: MainWindow) -> None:
    panel = await opened(memory_window)
    endpoints = panel.endpoints
    endpoints.add_endpoint()
    endpoints.name_edit.setText("Box")
    endpoints.url_edit.setText("http://127.0.0.1:9/v1")
    endpoints.headers_edit.setPlainText("Authorization: Bearer nope")
    assert not await panel.save()
    assert "'Authorization' is refused" in panel.problems_label.text()
    endpoints.remove_endpoint()
    assert await panel.save(), panel.problems_label.text()
    assert load_settings().settings.custom_endpoints == []
