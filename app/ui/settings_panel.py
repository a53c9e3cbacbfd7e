"""Provider settings: keys (keychain), base URLs, custom endpoints, Azure, timeouts, presets and fallbacks.

Every edit goes into a draft copy of the settings; Save validates it, writes it atomically and hands it to
the running app. Keys are the exception: "Save key" writes straight to the keychain and the field is
cleared, never filled from it again.
"""

from __future__ import annotations

import asyncio
import copy
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.settings import SettingsError, validate

from .endpoints_page import EndpointsPage
from .i18n import problem, say, translate
from .loop import spawn
from .mcp_page import McpPage
from .presets_page import PresetsPage
from .providers_page import ProvidersPage
from .screen_fit import fit_to_screen
from .settings_state import PanelState
from .settings_widgets import problem_label

if TYPE_CHECKING:
    from app.core.runtime import Runtime


__all__ = ["PANEL_FIELDS", "SettingsPanel"]

# Fields the panel edits; everything else (budgets, window layout, prices...) is left as the app holds it.
PANEL_FIELDS = ("providers", "custom_endpoints", "presets", "ca_bundle", "defaults", "welcome_done", "mcp")


class NetworkPage(QWidget):
    """The Network tab: an optional CA bundle (proxies come from the environment)."""

    def __init__(self, state: PanelState) -> None:
        super().__init__()
        self.state = state
        self.ca_bundle_edit = QLineEdit(state.draft.ca_bundle or "")
        self.ca_bundle_edit.setPlaceholderText(translate("SettingsPanel", "Optional: a PEM file of extra certificate "
                                                                          "authorities"))
        browse = QPushButton(translate("SettingsPanel", "Browse…"))
        browse.clicked.connect(self._browse_ca)
        row = QHBoxLayout()
        row.addWidget(self.ca_bundle_edit, 1)
        row.addWidget(browse)
        note = QLabel(translate("SettingsPanel", "TLS certificates are always checked. A CA bundle adds the "
                                                 "certificate "
                                                 "authorities a company proxy signs with to the usual ones. Proxies "
                                                 "come "
                                                 "from HTTPS_PROXY, HTTP_PROXY and NO_PROXY."))
        note.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(translate("SettingsPanel", "CA bundle"), row)

    def commit(self) -> None:
        self.state.draft.ca_bundle = self.ca_bundle_edit.text().strip() or None

    def _browse_ca(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, translate("SettingsPanel", "CA bundle"), "",
                                                    translate("SettingsPanel", "Certificates (*.pem *.crt);;All files "
                                                                               "(*)"))
        if path:
            self.ca_bundle_edit.setText(path)


class PageTabs(QTabWidget):
    """Tabs whose pages scroll when the window is shorter than they are (a 700 px screen, a longer language); a
    page is still shown and found by itself (`setCurrentWidget(page)`, `currentWidget()`)."""

    def add_page(self, page: QWidget, label: str) -> None:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        area.setWidget(page)
        self.addTab(area, label)

    def _area(self, page: QWidget) -> QWidget:
        for index in range(self.count()):
            area = self.widget(index)
            if isinstance(area, QScrollArea) and area.widget() is page:
                return area
        return page

    def setCurrentWidget(self, page: QWidget) -> None:
        super().setCurrentWidget(self._area(page))

    def currentWidget(self) -> QWidget:
        area = super().currentWidget()
        page = area.widget() if isinstance(area, QScrollArea) else None
        return page if page is not None else area

    def indexOf(self, page: QWidget) -> int:
        return super().indexOf(self._area(page))


class SettingsPanel(QDialog):
    """A window of its own; `saved` carries the settings the app now uses. It owns the draft the pages edit
    (`state`), the tabs, and Save: validate, write atomically, hand over."""

    saved = Signal(object)
    keys_changed = Signal()

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("SettingsPanel", "Providers and keys"))
        self.setModal(False)
        self._runtime = runtime
        self._saving = False
        self.state = PanelState(runtime, self)
        self.providers = ProvidersPage(self.state, self.commit)
        self.providers.keys_changed.connect(self.keys_changed)
        self.endpoints = EndpointsPage(self.state, self.providers.save_key)
        self.presets = PresetsPage(self.state)
        self.network = NetworkPage(self.state)
        self.mcp = McpPage(self.state)
        self.saved.connect(lambda _settings: self.mcp.saved())
        self.tabs = PageTabs()
        self.tabs.add_page(self.providers, translate("SettingsPanel", "&Providers"))
        self.tabs.add_page(self.endpoints, translate("SettingsPanel", "&Custom endpoints"))
        self.tabs.add_page(self.presets, translate("SettingsPanel", "Pre&sets"))
        self.tabs.add_page(self.network, translate("SettingsPanel", "&Network"))
        self.tabs.add_page(self.mcp, translate("SettingsPanel", "&MCP servers"))
        self.problems_label = problem_label()
        self.status_label = QLabel()
        self.save_button = QPushButton(translate("SettingsPanel", "&Save"))
        self.save_button.clicked.connect(lambda: spawn(self.save()))
        close = QPushButton(translate("SettingsPanel", "Close"))
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems_label)
        layout.addLayout(buttons)
        fit_to_screen(self, 900, 720)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Return belongs to the field it was typed in (a fallback entry is added with it), never "Save".
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def current_provider(self) -> str:
        return self.providers.current_provider()

    def show_mcp(self) -> None:
        """The MCP servers tab (the composer's Tools control leads here)."""
        self.tabs.setCurrentWidget(self.mcp)

    def select_provider(self, provider_id: str) -> None:
        """Show one provider's settings (the welcome view's "Add a key…" lands here)."""
        self.tabs.setCurrentIndex(0)
        self.providers.select_provider(provider_id)

    async def refresh_keys(self) -> None:
        """Read which providers have a key again (the main window asks each time the panel is shown)."""
        await self.state.refresh_keys()

    # -- saving --------------------------------------------------------------------------------------
    def commit(self) -> None:
        """Every page's form into the draft (before anything reads it)."""
        for page in (self.providers, self.endpoints, self.presets, self.network, self.mcp):
            page.commit()

    def problems(self) -> list[str]:
        from app.core.endpoints import check_base_url

        problems = list(self.endpoints.header_problems) + self.mcp.problems
        for ep in self.state.draft.custom_endpoints:
            if not ep.name:
                problems.append(translate("SettingsPanel", "Custom endpoint {id} needs a name.").format(id=repr(ep.id)))
        for pid, ps in self.state.draft.providers.items():
            if ps.base_url:
                try:
                    check_base_url(ps.base_url)
                except ValueError as exc:
                    problems.append(f"{pid}: {problem(exc)}.")
        problems += [say(p) for p in validate(self.state.draft) if p not in " ".join(problems)]
        return problems

    async def save(self) -> bool:
        """Validate and write the draft atomically; the running app uses it at once. Nothing typed is lost."""
        from app.core.settings import save_settings

        if self._saving:
            return False
        self.commit()
        problems = self.problems()
        if problems:
            self.problems_label.setText(translate("SettingsPanel", "Not saved:") + "\n" + "\n".join(
                f"• {say(p)}" for p in problems))
            self.status_label.setText(translate("SettingsPanel", "Fix the problems below, then save again."))
            return False
        merged = copy.deepcopy(self._runtime.settings())
        for name in PANEL_FIELDS:
            setattr(merged, name, copy.deepcopy(getattr(self.state.draft, name)))
        self._saving = True
        try:
            await asyncio.to_thread(save_settings, merged)
        except (SettingsError, OSError) as exc:
            self.problems_label.setText(translate("SettingsPanel", "Not saved: {problem}").format(problem=problem(exc)))
            return False
        finally:
            self._saving = False
        self._runtime.replace_settings(merged)
        self.problems_label.clear()
        self.status_label.setText(translate("SettingsPanel", "Saved."))
        self.saved.emit(self._runtime.settings())
        return True
