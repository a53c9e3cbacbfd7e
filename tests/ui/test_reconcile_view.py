"""The cost panel's reconciliation and the admin key fields, over a real ledger and loopback servers that speak the
providers' report shapes; and an OpenRouter answer whose footer estimate is replaced by the provider's figure."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app.core.pricing import format_usd
from app.core.runtime import Runtime
from app.core.settings import ProviderSettings, Settings
from app.store import Store, open_store
from app.ui.cost_panel import CostPanel
from app.ui.main_window import MainWindow
from app.ui.reconcile_view import ReconcileView
from tests.support.loopback import LoopbackServer, Recorded, Reply
from tests.support.openai_server import stream_reply
from tests.support.report_servers import (
    ADMIN_KEY,
    OpenAIAdmin,
    OpenRouterGenerations,
    generation,
    openai_bucket,
    openai_cost,
    openai_usage,
)
from tests.support.runtime import runtime_with
from tests.support.screenshots import shoot
from tests.support.waiting import wait_until

pytestmark = pytest.mark.gui

TODAY = datetime.now(timezone.utc).date()
YESTERDAY = TODAY - timedelta(days=1)


def at(day: Any, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """Yesterday: two gpt-4o requests (one estimated, one at the user's price); today: one gpt-4o-mini request."""
    with open_store(tmp_path / "parley.db") as opened:
        log = opened.log_request
        log(provider="openai", requested_model="gpt-4o", served_model="gpt-4o-2024-08-06", started_at=at(YESTERDAY),
            input_tokens=1000, output_tokens=500, cost_usd=0.0075, cost_source="catalog")  # fmt: skip
        log(provider="openai", requested_model="gpt-4o", served_model="gpt-4o-2024-08-06",
            started_at=at(YESTERDAY, 13), input_tokens=1000, output_tokens=500, cost_usd=0.0025,
            cost_source="override")  # fmt: skip
        log(provider="openai", requested_model="gpt-4o-mini", started_at=at(TODAY, 0), input_tokens=100,
            output_tokens=50, cost_usd=0.00005, cost_source="catalog")  # fmt: skip
        yield opened


@pytest.fixture
def admin() -> OpenAIAdmin:
    """OpenAI's reports: gpt-4o billed a little more than Parley counted; a model Parley never priced, used
    outside Parley; today's cost not in yet."""
    return OpenAIAdmin(
        costs=[openai_bucket(YESTERDAY, [openai_cost("0.0080", "gpt-4o-2024-08-06, input"),
                                         openai_cost("0.0040", "gpt-4o-2024-08-06, output"),
                                         openai_cost("0.90", "o9-secret-preview, input")])],
        usage=[openai_bucket(YESTERDAY, [openai_usage("gpt-4o-2024-08-06", 2000, 1000, 2),
                                         openai_usage("o9-secret-preview", 9000, 0, 3)]),
               openai_bucket(TODAY, [openai_usage("gpt-4o-mini", 100, 50, 1)])],
    )  # fmt: skip


@pytest.fixture
def runtime(store: Store, loopback: LoopbackServer, admin: OpenAIAdmin,
            monkeypatch: pytest.MonkeyPatch) -> Runtime:  # fmt: skip
    monkeypatch.setenv("OPENAI_ADMIN_KEY", ADMIN_KEY)
    loopback.handler = admin
    made = runtime_with(store)
    made.replace_settings(Settings(providers={"openai": ProviderSettings(base_url=loopback.url + "/v1")}))
    return made


@pytest.fixture
def view(qtbot: Any, runtime: Runtime) -> ReconcileView:
    widget = ReconcileView(runtime.spending)
    widget.set_names(runtime.provider_name)
    qtbot.addWidget(widget)
    return widget


def rows(view: ReconcileView) -> dict[tuple[str, str], list[str]]:
    tree = view.tree
    out = {}
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        assert item is not None
        texts = [item.text(c) for c in range(tree.columnCount())]
        out[(texts[0], texts[1])] = texts
    return out


async def test_check_now_shows_each_day_and_model_with_both_figures_and_the_difference(
    view: ReconcileView, store: Store, loopback: LoopbackServer
) -> None:
    assert view.provider_box.currentText() == "OpenAI"
    await view.load(refresh=True)
    shown = rows(view)
    day = YESTERDAY.isoformat()
    _, _, parley, provider, diff, pct, notes = shown[(day, "gpt-4o")]
    assert (parley, provider, diff, pct) == ("$0.0100 · estimated", "$0.0120", "+$0.0020", "+16.67%")
    assert notes == ""
    outside = shown[(day, "o9-secret-preview")]
    assert outside[2:6] == ["$0.0000", "$0.9000", "+$0.9000", "+100.00%"]
    assert "made outside Parley" in outside[6] and "never priced by Parley" in outside[6]
    today = shown[(TODAY.isoformat(), "gpt-4o-mini")]
    assert today[3] == "—" and "no report yet" in today[6]
    view.tree.setCurrentItem(view.tree.topLevelItem(list(shown).index((day, "o9-secret-preview"))))
    assert "used outside Parley" in view.details.text() and "never priced o9-secret-preview" in view.details.text()
    assert "difference +$0.9020" in view.summary.text() and "$0.9000 was used outside Parley" in view.summary.text()
    assert not view.fault.isVisible() and "reports read" in view.status.text()
    assert {r.method for r in loopback.requests} == {"GET"}  # read only
    assert len(store.logged_requests()) == 3  # the ledger is read, never written


async def test_reading_the_same_rows_again_keeps_the_row_picked(view: ReconcileView, store: Store) -> None:
    """The cost panel reads the reconciliation again after every logged request: rows that did not change stay
    as they are, the row the user is reading included."""
    await view.load(refresh=True)
    picked = view.tree.topLevelItem(2)
    assert picked is not None
    view.tree.setCurrentItem(picked)
    details, today = view.details.text(), rows(view)[(TODAY.isoformat(), "gpt-4o-mini")]
    await view.load(refresh=False)  # the same reports, the same ledger
    assert view.tree.currentItem() is picked and view.details.text() == details
    store.log_request(provider="openai", requested_model="gpt-4o-mini", started_at=at(TODAY, 1), input_tokens=10,
                      output_tokens=5, cost_usd=0.002, cost_source="catalog")  # fmt: skip
    await view.load(refresh=False)  # today's row changed: listed afresh
    assert view.tree.currentItem() is not picked
    assert rows(view)[(TODAY.isoformat(), "gpt-4o-mini")][2] != today[2] == "<$0.0001 · estimated"


async def test_a_rejected_admin_key_is_explained_and_the_last_report_is_kept(
    view: ReconcileView, store: Store, admin: OpenAIAdmin
) -> None:
    await view.load(refresh=True)
    before = rows(view)
    spent = store.spend().total_usd
    admin.key = "some-other-admin-key"
    await view.load(refresh=True)
    assert view.fault.isVisibleTo(view) and "rejected the admin key" in view.fault.text()
    assert "Nothing in the ledger changed" in view.fault.text()
    assert rows(view) == before and store.spend().total_usd == spent and len(store.logged_requests()) == 3


async def test_a_provider_that_is_down_is_explained(view: ReconcileView, runtime: Runtime) -> None:
    down = LoopbackServer().start()
    url = down.url
    down.stop()
    runtime.replace_settings(Settings(providers={"openai": ProviderSettings(base_url=url + "/v1")}))
    await view.load(refresh=True)
    assert "Could not reach OpenAI" in view.fault.text() and view.fault.isVisibleTo(view)
    assert "No report from OpenAI has been read yet" in view.status.text()


async def test_without_an_admin_key_nothing_is_asked_and_the_way_to_add_one_is_said(
    view: ReconcileView, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_ADMIN_KEY")
    await view.load(refresh=True)
    assert loopback.requests == []
    assert "No admin key for OpenAI" in view.fault.text() and "Settings › Providers" in view.fault.text()


async def test_without_an_admin_key_the_view_says_so_before_check_now(
    view: ReconcileView, loopback: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("OPENAI_ADMIN_KEY")
    await view.load(refresh=False)  # the panel opening: no report read yet, and none can be without a key
    assert loopback.requests == []
    assert "No admin key for OpenAI" in view.status.text() and not view.fault.isVisible()


async def test_the_admin_key_fields_save_to_the_keychain_and_show_only_for_providers_with_reports(
    qtbot: Any, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.ui.providers_page import ProvidersPage
    from app.ui.settings_state import PanelState

    monkeypatch.delenv("OPENAI_ADMIN_KEY")
    state = PanelState(runtime)
    page = ProvidersPage(state, lambda: None)
    qtbot.addWidget(page)
    page.show()
    page.select_provider("groq")
    assert not page.admin_key.isVisibleTo(page)
    page.select_provider("openai")
    row = page.admin_key
    assert row.isVisibleTo(page) and "read only" in row.explain.text() and "admin-keys" in row.explain.text()
    await wait_until(lambda: "No admin key" in row.status.text(), what="the admin key state")
    qtbot.keyClicks(row.edit, "test-admin-key-not-real")
    assert await row.save()
    assert row.edit.text() == "" and "saved" in row.status.text()
    assert (await runtime.keys.aget("openai-admin")).value == "test-admin-key-not-real"
    assert (await runtime.keys.aget("openai")).value is None  # the chat key is another entry
    row.schedule.setCurrentIndex(row.schedule.findData("weekly"))
    assert state.draft.reconcile_schedule == "weekly" and runtime.settings().reconcile_schedule == "off"
    await row.remove()
    assert (await runtime.keys.aget("openai-admin")).value is None and "removed" in row.status.text()


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", [(1600, 1000), (860, 700)])
async def test_screenshot_of_the_reconciliation(qtbot: Any, runtime: Runtime, theme: str,
                                                size: tuple[int, int]) -> None:  # fmt: skip
    from PySide6.QtWidgets import QApplication, QScrollArea

    from app.ui.theme import apply_theme

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme)
    panel = CostPanel(runtime.spending, runtime.settings(), lambda _s: None)
    panel.names = runtime.provider_name
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    await panel.refresh()
    await panel.reconcile.load(refresh=True)
    scroll = panel.findChild(QScrollArea)
    assert scroll is not None
    scroll.ensureWidgetVisible(panel.reconcile)
    name = f"reconcile-{size[0]}x{size[1]}-{theme}.png"
    shoot(panel, name)
    assert panel.reconcile.tree.topLevelItemCount() == 3


async def test_a_scheduled_lookup_replaces_the_estimate_in_the_footer(
    window: MainWindow, loopback: LoopbackServer, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENROUTER_API_KEY", "test-key-not-real")
    runtime = window.runtime
    runtime.replace_settings(Settings(providers={"openrouter": ProviderSettings(base_url=loopback.url + "/api/v1")}))
    loopback.enqueue(stream_reply(["Fine", "."], model="openai/gpt-4o-mini", prompt_tokens=4000))
    generations = OpenRouterGenerations(known={"chatcmpl-test": generation("chatcmpl-test", 0.0123)})
    seen_estimate = threading.Event()

    def after_the_estimate(req: Recorded) -> Reply:
        # The lookup is due at once; the provider answers only once the test has seen the estimate, so a fast
        # lookup cannot replace the footer before the first check reads it.
        seen_estimate.wait(timeout=30)
        return generations(req)

    loopback.handler = after_the_estimate
    runtime.cost_lookups.waits = (0.0,)
    runtime.cost_lookups.start(every=3600)
    heard: list[object] = []
    window.controller.cost_reported.connect(heard.append)
    panel = window.chat_panel
    panel.select_provider("openrouter")
    panel.model_box.setEditText("")
    qtbot.keyClicks(panel.model_box.lineEdit(), "openai/gpt-4o-mini")
    qtbot.keyClicks(panel.prompt_edit, "Well?")
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    try:
        await wait_until(lambda: "at list price" in panel.transcript.toPlainText(), what="the estimated footer")
    finally:
        seen_estimate.set()
    await wait_until(lambda: heard, what="the provider's figure")
    footer = panel.transcript.toPlainText().splitlines()[-1]
    assert f"{format_usd(0.0123)} as billed by the provider" in footer and "at list price" not in footer
    assert footer.startswith("openai/gpt-4o-mini · 4,000 in / 2 out tokens")
    assert format_usd(0.0123) in panel.total_label.text()
