"""First run: the welcome view in the chat panel's place, and what its buttons do (keys, local servers)."""

from __future__ import annotations

import asyncio
import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QStatusBar

from app.core.local_servers import LMSTUDIO_URL, OLLAMA_URL, LocalServer, detect_local_servers
from app.core.settings import Defaults, ProviderSettings, Settings
from app.providers.catalog import SPECS

from .i18n import problem, say, translate
from .loop import spawn
from .welcome import WelcomeView, should_welcome

if TYPE_CHECKING:
    from app.core.runtime import Runtime

    from .chat_panel import ChatPanel
    from .library import Library
    from .settings_panel import SettingsPanel


@dataclass
class FirstRun:
    """The parts of the main window a first run works with (the window builds it; nothing here knows the
    window itself)."""

    runtime: Runtime
    library: Library
    chat_panel: ChatPanel
    splitter: QSplitter
    status_bar: QStatusBar
    open_settings: Callable[[str], SettingsPanel]
    apply_settings: Callable[[Settings], None]

    def view(self) -> WelcomeView | None:
        """The welcome view, while it is shown."""
        view = self.splitter.findChild(WelcomeView)
        return view if isinstance(view, WelcomeView) and view.isVisibleTo(self.splitter) else None

    async def start(self, *, ollama_url: str | None = OLLAMA_URL, lmstudio_url: str | None = LMSTUDIO_URL) -> bool:
        """At start-up, after the store is open: hand the saved settings to the chat panel, and show the welcome
        view if this is a first run. True when it is shown. Local servers are probed at the given URLs."""
        settings = self.runtime.settings()
        self.apply_settings(settings)
        panel = self.chat_panel
        if settings.defaults.provider and panel.provider_box.findData(settings.defaults.provider) >= 0:
            panel.select_provider(settings.defaults.provider)
            if settings.defaults.model:
                panel.model_box.setEditText(settings.defaults.model)
        has_conversations = self.library.saving and bool(self.library.conversations())
        if not should_welcome(settings, {}, has_conversations):  # a returning user: the keychain is not asked
            return False
        from app.core.keychain_probe import probe

        keys = self.runtime.keys
        ids = [s.id for s in SPECS if not s.keyless]
        status, sources = await asyncio.to_thread(probe, keys, ids)
        if not should_welcome(settings, sources, has_conversations):
            return False
        view = self.show_welcome()
        view.show_keychain(status.available, status.explanation)
        view.add_key_requested.connect(self._add_key)
        view.local_server_chosen.connect(lambda server: spawn(self.use_local_server(server)))
        view.session_key_given.connect(self.use_session_key)
        view.dismissed.connect(self.hide_welcome)
        form = view.custom_server
        form.test_requested.connect(lambda *fields: spawn(self.test_custom_server(*fields)))
        form.use_requested.connect(lambda *fields: spawn(self.use_custom_server(*fields)))

        async def look() -> list[LocalServer]:
            view.searching()
            found = await detect_local_servers(self.runtime.http(), ollama_url=ollama_url, lmstudio_url=lmstudio_url)
            view.show_servers(found)
            return found

        view.look_again_requested.connect(lambda: spawn(look()))
        await look()
        return True

    def show_welcome(self) -> WelcomeView:
        """The welcome view in the chat panel's place (the conversation list stays)."""
        splitter = self.splitter
        view = splitter.findChild(WelcomeView)
        if not isinstance(view, WelcomeView):
            sizes = splitter.sizes()
            at = splitter.indexOf(self.chat_panel)
            view = WelcomeView()
            splitter.insertWidget(at, view)
            splitter.setSizes([*sizes[:at], sizes[at], 0, *sizes[at + 1 :]])  # the view takes the chat panel's room
        self.chat_panel.hide()
        view.show()
        self.status_bar.showMessage(translate("FirstRun", "Welcome! Add a key, pick a local server or add your own "
                                                          "server to start."))
        return view

    def hide_welcome(self) -> None:
        """Back to the normal chat panel."""
        view = self.splitter.findChild(WelcomeView)
        if isinstance(view, WelcomeView):
            view.hide()
            view.deleteLater()
        self.chat_panel.show()
        self.chat_panel.prompt_edit.setFocus()
        self.status_bar.showMessage(translate("FirstRun", "Ready."))

    def settings_applied(self, settings: Settings) -> None:
        """Settings were saved (the settings panel): a custom endpoint added there is a usable provider too."""
        if settings.custom_endpoints and self.view() is not None:
            self.hide_welcome()

    def _add_key(self, provider_id: str) -> None:
        panel = self.open_settings(provider_id)
        if not panel.property("welcome_hooked"):  # once per panel, however often the button is pressed
            panel.setProperty("welcome_hooked", True)
            panel.keys_changed.connect(lambda: spawn(self._key_added(panel.current_provider() or provider_id)))

    async def _key_added(self, provider_id: str) -> None:
        lookup = await self.runtime.keys.aget(provider_id)
        if lookup.source is not None and self.view() is not None:
            self.hide_welcome()
            self.chat_panel.select_provider(provider_id)

    def use_session_key(self, provider_id: str, key: str) -> None:
        """No keychain: keep the key in memory for this session and go to the chat."""
        self.runtime.keys.set_session(provider_id, key)
        self.hide_welcome()
        self.chat_panel.select_provider(provider_id)
        self.status_bar.showMessage(translate("FirstRun", "The key is kept for this session only; it is forgotten "
                                                          "when Parley closes."))

    async def test_custom_server(self, name: str, base_url: str, key: str, model: str) -> None:
        """The welcome form's Test: core asks the server for its models (or a one-token answer)."""
        from app.core.custom_servers import check_server

        view = self.view()
        if view is None:
            return
        view.custom_server.testing()
        check = await check_server(self.runtime.http(), base_url, key or None, model=model, name=name)
        if self.view() is view:
            view.custom_server.show_check(check)

    async def use_custom_server(self, name: str, base_url: str, key: str, model: str) -> bool:
        """The welcome form's Use: the server added as a custom endpoint and made the default (with the model),
        the welcome view closed, the chat ready. False (and said on the form) when it could not be added."""
        from app.core.custom_servers import add_server

        view = self.view()
        form = view.custom_server if view is not None else None
        models = tuple(form.model_box.itemText(i) for i in range(form.model_box.count())) if form else ()
        try:
            added = await add_server(self.runtime, name, base_url, key or None, model, models)
        except ValueError as exc:
            if form is not None:
                form.status_label.setText(translate("FirstRun", "Not added: {problem}").format(problem=problem(exc)))
            return False
        self.apply_settings(self.runtime.settings())
        self.hide_welcome()
        panel = self.chat_panel
        endpoint = added.endpoint
        for other in reversed(models):  # the listed models, to switch between from the model box
            panel.model_bar.remember_model(endpoint.id, other)
        panel.select_model(endpoint.id, added.model)  # first among them
        note = translate("FirstRun", "Using {name} at {url} with {model}. Type a message to start.").format(
            name=endpoint.name, url=endpoint.base_url, model=added.model)
        self.status_bar.showMessage(" ".join((note, *map(say, added.notes))))
        panel.prompt_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    async def use_local_server(self, server: LocalServer) -> None:
        """One click: turn the server's provider on at the address it answered, make it the default, go to chat."""
        from app.core.settings import SettingsError, save_settings

        runtime = self.runtime
        settings = copy.deepcopy(runtime.settings())
        ps = copy.deepcopy(settings.provider(server.provider)) if server.provider in settings.providers \
            else ProviderSettings()  # fmt: skip
        ps.enabled = True
        ps.base_url = server.base_url
        settings.providers[server.provider] = ps
        model = server.models[0] if server.models else None
        settings.defaults = Defaults(server.provider, model)
        settings.welcome_done = True
        try:
            await asyncio.to_thread(save_settings, settings)
        except (SettingsError, OSError) as exc:  # still usable for this session
            self.status_bar.showMessage(translate("FirstRun", "{server} is used for now, but the choice was not "
                                                              "saved: {problem}").format(server=server.name,
                                                                                         problem=problem(exc)))
        runtime.replace_settings(settings)
        self.apply_settings(runtime.settings())
        self.hide_welcome()
        panel = self.chat_panel
        panel.select_provider(server.provider)
        if server.models:
            panel.model_box.clear()
            panel.model_box.addItems(list(server.models))
            panel.model_box.setEditText(server.models[0])
        self.status_bar.showMessage(translate("FirstRun", "Using {server} at {url}. Type a message to start.").format(
            server=server.name, url=server.base_url))
        panel.prompt_edit.setFocus(Qt.FocusReason.OtherFocusReason)

