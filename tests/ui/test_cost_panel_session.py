"""After a real session (CLI asks against loopback servers), the cost panel agrees with `spend --json`."""

from __future__ import annotations

from typing import Any

from app.core.paths import db_path
from app.core.pricing import format_usd
from app.core.settings import Settings
from app.store import open_store
from app.ui.cost_panel import CostPanel
from tests.support.cli import last_json, run_app
from tests.support.loopback import LoopbackServer
from tests.support.openai_server import stream_reply
from tests.support.runtime import runtime_with


def _cli(*args: str) -> dict[str, Any]:
    proc = run_app(*args, env={"OPENAI_API_KEY": "test-key-not-real", "GROQ_API_KEY": "test-key-not-real"})
    assert proc.returncode == 0, proc.stderr
    return last_json(proc)


async def test_panel_totals_and_splits_equal_spend_json(qtbot: Any, loopback: LoopbackServer) -> None:
    loopback.enqueue(stream_reply(["a"] * 20, prompt_tokens=900, model="gpt-4o-mini"),
                     stream_reply(["b"] * 5, prompt_tokens=300, model="gpt-4o"),
                     stream_reply(["c"] * 9, prompt_tokens=100, model="llama-3.3-70b-versatile"))  # fmt: skip
    _cli("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o-mini", "--json", "one")
    _cli("ask", "--base-url", loopback.url + "/v1", "--model", "gpt-4o", "--json", "two")
    _cli("ask", "--provider", "groq", "--base-url", loopback.url + "/v1", "--model", "llama-3.3-70b-versatile",
         "--json", "three")  # fmt: skip
    total = _cli("spend", "--json")
    by_provider = _cli("spend", "--by", "provider", "--json")
    with open_store(db_path()) as store:
        panel = CostPanel(runtime_with(store).spending, Settings())
        qtbot.addWidget(panel)
        await panel.refresh()
        assert panel.total_label.text() == format_usd(total["total_usd"])
        assert [(b.key, round(b.value, 12)) for b in panel.provider_chart.bars()] == [
            (r["key"], round(r["cost_usd"], 12)) for r in by_provider["rows"]
        ]
        assert {b.key for b in panel.provider_chart.bars()} == {"openai", "groq"}
