"""The model picker through its real widgets: a seeded cache, typing to filter, keys, refreshes from loopback."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.core.model_lists import ModelList, ModelListCache
from app.core.runtime import Runtime
from app.core.settings import PriceOverride, ProviderSettings, Settings, save_settings
from app.providers import ModelInfo
from app.ui.model_picker import ModelPicker
from tests.support.loopback import LoopbackServer, Reply
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

FAKE_KEY = "test-key-not-real-picker-7311"
OPENAI_URL = "https://api.openai.com/v1"
OPENROUTER_URL = "https://openrouter.ai/api/v1"


def seed_cache(fetched_at: datetime | None = None) -> None:
    at = fetched_at or datetime.now(timezone.utc) - timedelta(minutes=5, seconds=5)
    cache = ModelListCache()
    openai = (ModelInfo("gpt-4o"), ModelInfo("gpt-4o-mini"), ModelInfo("o3-mini"))
    cache.put(ModelList("openai", OPENAI_URL, at, openai))
    cache.put(ModelList("openrouter", OPENROUTER_URL, at, (
        ModelInfo("openai/gpt-4o-mini", name="OpenAI: GPT-4o-mini", context_window=128_000),
        ModelInfo("meta-llama/llama-3.3-70b-instruct", name="Meta: Llama 3.3 70B Instruct", context_window=131_072),
        ModelInfo("google/gemini-2.5-flash", name="Google: Gemini 2.5 Flash", context_window=1_048_576),
    )))  # fmt: skip


@pytest.fixture
async def services() -> AsyncIterator[Runtime]:
    s = Runtime()
    yield s
    await s.aclose()


async def open_picker(qtbot: Any, services: Runtime, current: tuple[str, str] | None = None,
                      recent: tuple[tuple[str, str], ...] = (), *,
                      fetch_missing: bool = False) -> ModelPicker:  # fmt: skip
    """The picker as opened, its lists loaded (lists never fetched are fetched only with `fetch_missing`: most tests
    here look at the rows before any fetch)."""
    picker = ModelPicker(services, current, recent, fetch_missing=fetch_missing)
    qtbot.addWidget(picker)
    picker.show()
    await picker.ready()
    return picker


def cells(picker: ModelPicker, provider: str, model: str) -> list[str]:
    """The texts of a shown model row, column by column."""
    index = dict(zip(picker.shown_pairs(), picker.model_rows(), strict=True))[(provider, model)]
    return [index.siblingAtColumn(c).data() or "" for c in range(4)]


async def test_typing_filters_and_enter_chooses(qtbot: Any, services: Runtime) -> None:
    seed_cache()
    picker = await open_picker(qtbot, services, recent=(("openai", "ft:gpt-4o-mini:my-org"),))

    assert picker.focusWidget() is picker.search
    shown = picker.shown_pairs()
    assert ("openai", "ft:gpt-4o-mini:my-org") in shown  # typed before, not in any list: still choosable
    assert {("openai", "gpt-4o"), ("openrouter", "google/gemini-2.5-flash")} <= set(shown)
    assert "OpenAI · fetched 5 min ago · 3 models" in picker.header_text("openai")
    assert cells(picker, "openai", "gpt-4o-mini") == ["gpt-4o-mini", "$0.15", "$0.60", "128k"]
    assert cells(picker, "openrouter", "google/gemini-2.5-flash")[3] == "1.05M"  # the list's own context size

    qtbot.keyClicks(picker.search, "MINI OPENAI")
    assert picker.shown_pairs() == [("openai", "ft:gpt-4o-mini:my-org"), ("openai", "gpt-4o-mini"),
                                    ("openai", "o3-mini"), ("openrouter", "openai/gpt-4o-mini")]  # fmt: skip
    picker.search.clear()
    qtbot.keyClicks(picker.search, "meta: 70B")  # words of the display name match too ("meta:" is only there)
    assert picker.shown_pairs() == [("openrouter", "meta-llama/llama-3.3-70b-instruct")]
    assert picker.refresh_button("openai") is None  # no OpenAI model matches: its group is hidden
    picker.search.clear()
    qtbot.keyClicks(picker.search, "lm studio")  # a provider's name: its group shows, to refresh it
    assert picker.shown_pairs() == [] and picker.refresh_button("lmstudio") is not None
    assert "LM Studio (local) · never fetched" in picker.header_text("lmstudio")
    picker.search.clear()
    qtbot.keyClicks(picker.search, "4o mini")
    assert picker.shown_pairs() == [("openai", "ft:gpt-4o-mini:my-org"), ("openai", "gpt-4o-mini"),
                                    ("openrouter", "openai/gpt-4o-mini")]  # fmt: skip
    assert picker.current_pair() == ("openai", "ft:gpt-4o-mini:my-org")  # the first match is highlighted

    qtbot.keyClick(picker.search, Qt.Key.Key_Down)  # moves in the list while typing goes on in the field
    with qtbot.waitSignal(picker.chosen, timeout=5000) as chosen:
        qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert chosen.args == ["openai", "gpt-4o-mini"]
    assert not picker.isVisible()


async def test_keys_and_double_click(qtbot: Any, services: Runtime) -> None:
    seed_cache()
    picker = await open_picker(qtbot, services, current=("openrouter", "meta-llama/llama-3.3-70b-instruct"))
    assert picker.current_pair() == ("openrouter", "meta-llama/llama-3.3-70b-instruct")  # opens on the current one

    qtbot.keyClick(picker.search, Qt.Key.Key_Up)
    assert picker.current_pair() == ("openrouter", "openai/gpt-4o-mini")
    qtbot.keyClick(picker.search, Qt.Key.Key_Up)  # past the OpenRouter header, to OpenAI's last model
    assert picker.current_pair() == ("openai", "o3-mini")
    qtbot.keyClick(picker.search, Qt.Key.Key_PageUp)
    assert picker.current_pair() == ("openai", "gpt-4o")
    qtbot.keyClicks(picker.search, "no model is called this")
    assert picker.shown_pairs() == [] and picker.current_pair() is None
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.isVisible()  # nothing to choose: stays open
    picker.search.clear()

    spy: list[tuple[str, str]] = []
    picker.chosen.connect(lambda p, m: spy.append((p, m)))
    index = picker.model_rows()[1]
    rect = picker.view.visualRect(index)
    qtbot.mouseClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double
    qtbot.mouseDClick(picker.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # click starts so
    assert spy == [("openai", "gpt-4o-mini")] and not picker.isVisible()

    again = await open_picker(qtbot, services)
    again.chosen.connect(lambda p, m: spy.append((p, m)))
    qtbot.keyClick(again.search, Qt.Key.Key_Escape)
    assert not again.isVisible() and len(spy) == 1


async def test_enter_in_the_list_chooses_once(qtbot: Any, services: Runtime) -> None:
    seed_cache()
    picker = await open_picker(qtbot, services, current=("openai", "o3-mini"))
    spy: list[tuple[str, str]] = []
    picker.chosen.connect(lambda p, m: spy.append((p, m)))
    picker.view.setFocus()
    qtbot.keyClick(picker.view, Qt.Key.Key_Down)  # the list's own keys move too
    qtbot.keyClick(picker.view, Qt.Key.Key_Return)
    assert spy == [("openrouter", "openai/gpt-4o-mini")] and not picker.isVisible()


async def test_refresh_fetches_the_list_and_updates_rows(qtbot: Any, services: Runtime,
                                                         loopback: LoopbackServer) -> None:  # fmt: skip
    overrides = [PriceOverride("openai", "my-org-finetune", 2.0, 4.0)]
    save_settings(Settings(providers={"openai": ProviderSettings(base_url=loopback.url + "/v1")},
                           price_overrides=overrides))  # fmt: skip
    picker = await open_picker(qtbot, services, recent=(("openai", "ft:gpt-4o-mini:my-org"),))
    assert "never fetched" in picker.header_text("openai")  # a base URL of the user's: offered without a key
    assert [p for p in picker.shown_pairs() if p[0] == "openai"] == [("openai", "ft:gpt-4o-mini:my-org")]

    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model"},
                                                            {"id": "my-org-finetune", "object": "model"}]}))
    button = picker.refresh_button("openai")
    assert button is not None and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: "fetched just now" in picker.header_text("openai"), what="the fetched label")

    assert loopback.requests[-1].path == "/v1/models"
    assert picker.header_text("openai") == "OpenAI · fetched just now · 2 models"
    assert picker.notices("openai") == []
    assert [p for p in picker.shown_pairs() if p[0] == "openai"] == [
        ("openai", "ft:gpt-4o-mini:my-org"), ("openai", "gpt-4o-mini"), ("openai", "my-org-finetune")]  # fmt: skip
    assert cells(picker, "openai", "my-org-finetune") == ["my-org-finetune", "$2.00 (override)", "$4.00 (override)",
                                                          "—"]  # fmt: skip
    refreshed = picker.refresh_button("openai")  # the row was rebuilt: a new button, enabled again
    assert refreshed is not None and refreshed.isEnabled()
    assert ModelListCache().get("openai", loopback.url + "/v1") is not None  # cached for next time

    # A filter in place while the list changes applies to the new rows too.
    qtbot.keyClicks(picker.search, "finetune")
    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "my-org-finetune-v2", "object": "model"},
                                                            {"id": "gpt-4.1", "object": "model"}]}))
    await picker.refresh("openai")
    assert picker.shown_pairs() == [("openai", "my-org-finetune-v2")]


async def test_a_failed_refresh_is_shown_in_plain_words(qtbot: Any, services: Runtime, loopback: LoopbackServer,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    save_settings(Settings(providers={"openai": ProviderSettings(base_url=loopback.url + "/v1")}))
    seed_cache()
    ModelListCache().put(ModelList("openai", loopback.url + "/v1", datetime.now(timezone.utc) - timedelta(hours=2),
                                   (ModelInfo("gpt-4o-mini"),)))  # fmt: skip
    picker = await open_picker(qtbot, services)
    loopback.enqueue(Reply.json({"error": {"message": f"Incorrect API key provided: {FAKE_KEY}.",
                                           "type": "invalid_request_error", "code": "invalid_api_key"}}, status=401))

    await picker.refresh("openai")

    what, advice = picker.notices("openai")
    assert what.startswith("Could not fetch the model list: openai: Incorrect API key provided")
    assert advice.startswith("Check the API key")
    assert FAKE_KEY not in what + advice
    assert FAKE_KEY not in "".join(str(picker.source.item(r, 0).data(Qt.ItemDataRole.ToolTipRole) or "")
                                   for r in range(picker.source.rowCount()))  # fmt: skip
    assert picker.header_text("openai") == "OpenAI · fetched 2 h ago · 1 model"  # the old list stays
    assert ("openai", "gpt-4o-mini") in picker.shown_pairs()
    button = picker.refresh_button("openai")
    assert button is not None and button.isEnabled()  # try again

    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "gpt-4o-mini"}, {"id": "gpt-4o"}]}))
    await picker.refresh("openai")
    assert picker.notices("openai") == []
    assert picker.header_text("openai") == "OpenAI · fetched just now · 2 models"


async def test_closing_during_a_refresh_is_safe(qtbot: Any, services: Runtime, loopback: LoopbackServer) -> None:
    save_settings(Settings(providers={"openai": ProviderSettings(base_url=loopback.url + "/v1")}))
    host = QWidget()  # another window stays open, as the main window does: the loop keeps running
    qtbot.addWidget(host)
    host.show()
    picker = ModelPicker(services, None, parent=host, fetch_missing=False)
    picker.show()
    await picker.ready()
    assert picker.notices("openai") == ["Not fetched yet: press Refresh to list this provider's models."]
    loopback.enqueue(Reply(200, {"content-type": "application/json"}, [b'{"data": [{"id": "late-model"}]}'],
                           delay_headers=0.3, chunked=False))  # fmt: skip
    task = asyncio.ensure_future(picker.refresh("openai"))
    await wait_until(lambda: loopback.requests, what="the request to arrive")
    assert picker.header_text("openai") == "OpenAI · fetching the model list…"
    button = picker.refresh_button("openai")
    assert button is not None and not button.isEnabled()  # one fetch at a time
    picker.reject()
    shiboken6.delete(picker)  # the dialog is gone (its parent closed, say) while its fetch is pending
    assert not shiboken6.isValid(picker)
    await task  # finishes without touching the deleted widgets
    assert ModelListCache().get("openai", loopback.url + "/v1") is not None


async def test_thousands_of_models(qtbot: Any, services: Runtime) -> None:
    at = datetime.now(timezone.utc)
    ModelListCache().put(ModelList("together", "https://api.together.xyz/v1", at,
                                   tuple(ModelInfo(f"vendor{n % 40}/model-{n}", name=f"Vendor {n % 40} Model {n}")
                                         for n in range(3000))))  # fmt: skip
    picker = await open_picker(qtbot, services)
    assert len(picker.shown_pairs()) == 3000
    qtbot.keyClicks(picker.search, "vendor7/ 12")
    expected = [("together", f"vendor7/model-{n}") for n in range(3000) if n % 40 == 7 and "12" in str(n)]
    assert picker.shown_pairs() == expected and len(expected) > 1
    assert picker.status_label.text().startswith(f"{len(expected)} of 3000 models")
    qtbot.keyClick(picker.search, Qt.Key.Key_End)
    qtbot.keyClicks(picker.search, "7")  # "vendor7/ 127": narrower still
    assert picker.shown_pairs() == [p for p in expected if "127" in p[1]]


def _only_openai_at(url: str) -> None:
    """OpenAI pointed at a loopback server; the local servers (probed at their usual ports otherwise) turned off."""
    save_settings(Settings(providers={"openai": ProviderSettings(base_url=url),
                                      "ollama": ProviderSettings(enabled=False),
                                      "lmstudio": ProviderSettings(enabled=False)}))  # fmt: skip


async def test_a_list_never_fetched_is_fetched_when_the_picker_opens(qtbot: Any, services: Runtime,
                                                                    loopback: LoopbackServer) -> None:  # fmt: skip
    _only_openai_at(loopback.url + "/v1")
    loopback.enqueue(Reply(200, {"content-type": "application/json"},
                           [b'{"data": [{"id": "gpt-4o-mini"}, {"id": "gpt-4.1"}]}'], delay_headers=0.4,
                           chunked=False))  # fmt: skip
    picker = await open_picker(qtbot, services, fetch_missing=True)
    await wait_until(lambda: loopback.requests, what="the list asked for without pressing anything")
    (notice,) = picker.notices("openai")
    assert notice.endswith("Fetching models…") and notice[0] in "◐◓◑◒"  # a spinner, not "never fetched"
    assert "never fetched" not in picker.header_text("openai")
    button = picker.refresh_button("openai")
    assert button is not None and not button.isEnabled()
    await wait_until(lambda: picker.notices("openai") != [notice], timeout=2, what="the spinner to turn")
    await picker.fetching()
    assert picker.header_text("openai") == "OpenAI · fetched just now · 2 models"
    assert picker.notices("openai") == [] and ("openai", "gpt-4.1") in picker.shown_pairs()
    assert [r.path for r in loopback.requests] == ["/v1/models"]  # once
    assert not picker._spin_timer.isActive()

    again = await open_picker(qtbot, services, fetch_missing=True)  # fetched before: the cached list, no request
    await again.fetching()
    assert len(loopback.requests) == 1 and ("openai", "gpt-4.1") in again.shown_pairs()


async def test_a_fetch_on_opening_that_fails_says_why_and_refresh_tries_again(
        qtbot: Any, services: Runtime, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("OPENAI_API_KEY", FAKE_KEY)
    _only_openai_at(loopback.url + "/v1")
    loopback.enqueue(Reply.json({"error": {"message": "Incorrect API key provided.", "type": "invalid_request_error",
                                           "code": "invalid_api_key"}}, status=401))  # fmt: skip
    picker = await open_picker(qtbot, services, fetch_missing=True)
    await picker.fetching()
    what, advice = picker.notices("openai")
    assert what.startswith("Could not fetch the model list") and advice.startswith("Check the API key")
    button = picker.refresh_button("openai")
    assert button is not None and button.isEnabled()
    loopback.enqueue(Reply.json({"object": "list", "data": [{"id": "gpt-4o-mini"}]}))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    await wait_until(lambda: ("openai", "gpt-4o-mini") in picker.shown_pairs(), what="the list after Refresh")
    assert picker.notices("openai") == [] and len(loopback.requests) == 2


async def test_refresh_is_a_real_button(qtbot: Any, services: Runtime) -> None:
    seed_cache()
    picker = await open_picker(qtbot, services)
    button = picker.refresh_button("openrouter")
    assert button is not None and button.text() == "Refresh" and not button.icon().isNull()
    assert not button.autoRaise()  # framed like a button, not a bare word
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    assert button.toolTip() == "Fetch OpenRouter's model list again"
    assert button.accessibleName() == "Refresh OpenRouter's models"
    column = picker.view.header().sectionSize(4)
    assert column >= button.sizeHint().width()  # the whole word shows, not "R…h"
