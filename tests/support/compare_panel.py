"""A shown comparison panel over a store (the comparison and prompt-set tests' panels)."""

from __future__ import annotations

from typing import Any

from app.core.runtime import Runtime
from app.store import Store
from app.ui.chat_controller import provider_choices
from app.ui.compare_panel import ComparePanel
from tests.support.runtime import runtime_with


def shown_panel(qtbot: Any, store: Store, height: int) -> tuple[ComparePanel, Runtime]:
    """A real comparison panel with the provider catalog loaded, shown offscreen."""
    services = runtime_with(store)
    widget = ComparePanel(services)
    qtbot.addWidget(widget)
    widget.load_providers(provider_choices())
    widget.resize(1400, height)
    widget.show()
    return widget, services
