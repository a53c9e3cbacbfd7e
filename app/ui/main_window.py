"""The main window: a conversation sidebar and the chat panel side by side."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from app.core.runtime import Runtime

from .chat_controller import ChatController, ProviderChoice
from .chat_panel import ChatPanel
from .conversation_list import ConversationList
from .i18n import say, translate
from .language_menu import LanguageMenu
from .library import Library

if TYPE_CHECKING:
    from app.core.settings import Settings

    from .compare_panel import ComparePanel
    from .first_run import FirstRun
    from .settings_panel import SettingsPanel

PRODUCT = "Parley"  # the window's title: a name, never translated


class MainWindow(QMainWindow):
    closed = Signal()  # the window was closed: main winds the app down
    first_painted = Signal()  # emitted once, just after the first frame reached the screen

    def __init__(self, runtime: Runtime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(PRODUCT)
        self.runtime = runtime
        self.controller = ChatController(runtime, self)
        self.library = Library(runtime, self)
        self.chat_panel = ChatPanel(self.controller, self.library)
        self.sidebar = ConversationList()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.chat_panel)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 880])
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        self.compare_panel: ComparePanel | None = None
        self._first_run: FirstRun | None = None
        self._build_menu()
        self.statusBar().showMessage(translate("MainWindow", "Ready."))
        self.chat_panel.status_changed.connect(self.statusBar().showMessage)
        self.sidebar.new_chat_button.clicked.connect(self.new_chat)
        self.chat_panel.tools_button.settings_requested.connect(lambda: self.open_settings().show_mcp())
        self.first_painted.connect(self.chat_panel.tools_button.refresh)
        self.controller.busy_changed.connect(self._busy_changed)
        self.controller.turn_started.connect(self._remember_choice)
        self.controller.saved.connect(self._answer_saved)
        self.controller.saved.connect(self._refresh_costs)
        self.controller.cost_reported.connect(lambda _news: self._refresh_costs())  # an estimate became exact
        self.controller.reconciled.connect(lambda _provider: self._refresh_costs())  # a scheduled report arrived
        self.library.changed.connect(self._conversations_changed)
        self.sidebar.open_requested.connect(self.open_conversation)
        self.sidebar.hit_opened.connect(self.open_hit)
        self.sidebar.rename_requested.connect(self.rename_conversation)
        self.sidebar.pin_requested.connect(self.pin_conversation)
        self.sidebar.delete_requested.connect(self.delete_conversation)
        self.sidebar.search_changed.connect(self.refresh_list)
        self.sidebar.pointer_left.connect(self._pointer_left_list)
        self._list_stale = False  # a refresh held back while the mouse was over the list
        self._list_due = False  # the list is to be refreshed on the next turn of the event loop
        self._changes_timer = QTimer(self)
        self._changes_timer.setSingleShot(True)
        self._changes_timer.setInterval(0)
        self._changes_timer.timeout.connect(self._show_changes)
        self.resize(1100, 720)
        self._painted = False
        self.chat_panel.transcript.viewport().installEventFilter(self)
        self.chat_panel.prompt_edit.setFocus()  # type straight away

    def _build_menu(self) -> None:
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        self.new_chat_action = QAction(translate("MainWindow", "&New chat"), self)
        self.new_chat_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_chat_action.triggered.connect(self.new_chat)
        file_menu.addAction(self.new_chat_action)
        self.find_action = QAction(translate("MainWindow", "&Search conversations"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        file_menu.addAction(self.find_action)
        self.settings_action = QAction(translate("MainWindow", "&Providers and keys…"), self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(lambda: self.open_settings())
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        self.quit_action = QAction(translate("MainWindow", "&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        chat_menu = self.menuBar().addMenu(translate("MainWindow", "&Chat"))
        chat_menu.addAction(self.chat_panel.send_action)
        chat_menu.addAction(self.chat_panel.stop_action)
        chat_menu.addSeparator()
        self.compare_action = QAction(translate("MainWindow", "Co&mpare models…"), self)
        self.compare_action.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.compare_action.triggered.connect(self.open_compare)
        chat_menu.addAction(self.compare_action)
        view_menu = self.menuBar().addMenu(translate("MainWindow", "&View"))
        self.costs_action = QAction(translate("MainWindow", "&Costs and budgets…"), self)
        self.costs_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.costs_action.triggered.connect(self.open_costs)
        view_menu.addAction(self.costs_action)
        theme_menu = view_menu.addMenu(translate("MainWindow", "&Theme"))
        self.theme_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for choice, text in (("system", translate("MainWindow", "Follow the &system")),
                             ("light", translate("MainWindow", "&Light")), ("dark", translate("MainWindow", "&Dark"))):
            action = QAction(text, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=choice: self.set_theme(c))
            group.addAction(action)
            theme_menu.addAction(action)
            self.theme_actions[choice] = action
        self.theme_actions["system"].setChecked(True)
        self.restart_requested = False  # View > Language > Restart now: app.main starts Parley again after closing
        self.language_menu = LanguageMenu(self.runtime, self, self.restart, self.statusBar().showMessage)
        view_menu.addMenu(self.language_menu)

    def restart(self) -> None:
        """Close the window (saving as on any close); the entry point then starts Parley again."""
        self.restart_requested = True
        self.close()

    def set_theme(self, choice: str) -> None:
        """Light, dark, or as the system says: applied at once and remembered."""
        from PySide6.QtWidgets import QApplication

        from app.core.settings import SettingsError, save_settings

        from .theme import apply_theme

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, choice)
        self.theme_actions[choice].setChecked(True)
        settings = self.runtime.settings()
        settings.theme = choice  # type: ignore[assignment]  # one of the Theme literals (the menu offers no other)
        try:
            save_settings(settings)
        except (SettingsError, OSError) as exc:
            self.statusBar().showMessage(translate(
                "MainWindow", "The theme is applied but could not be saved: {problem}").format(problem=exc))

    def _remember_choice(self, provider: str, model: str, _prompt: str) -> None:
        """The provider and model just asked are where the next start of Parley opens."""
        from app.core.last_used import remember_last_used

        from .loop import spawn

        spawn(remember_last_used(self.runtime, provider, model))

    def open_settings(self, provider_id: str | None = None) -> SettingsPanel:
        """Providers, keys, custom endpoints, presets (a window of its own, made on first use; one at a time),
        shown at `provider_id` when given."""
        from .loop import spawn
        from .settings_panel import SettingsPanel

        panel = self.findChild(SettingsPanel)
        if not isinstance(panel, SettingsPanel):
            panel = SettingsPanel(self.runtime, self)
            panel.setWindowFlag(Qt.WindowType.Window)
            panel.saved.connect(self.apply_settings)
        if panel.isVisible():  # already open somewhere behind: bring it forward
            panel.raise_()
            panel.activateWindow()
        panel.show()
        if provider_id:
            panel.select_provider(provider_id)
        spawn(panel.refresh_keys())
        return panel

    def apply_settings(self, settings: Settings) -> None:
        """Hand saved settings to the chat panel: its provider list and the presets."""
        from .chat_controller import chat_choices

        panel = self.chat_panel
        current = panel.current_provider()
        self.load_providers(chat_choices(settings))
        if self.compare_panel is not None:  # the comparison offers the same providers, custom endpoints too
            self.compare_panel.load_providers(chat_choices(settings))
        panel.select_provider(current)
        panel.set_presets(settings.presets)
        if self._first_run is not None:  # the welcome view closes once a provider is usable
            self._first_run.settings_applied(settings)
        panel.tools_button.refresh()  # MCP servers may have been added, removed or turned off

    @property
    def first_run(self) -> FirstRun:
        """The welcome view's behaviour (loaded after the first paint: it probes local servers over HTTP)."""
        if self._first_run is None:
            from .first_run import FirstRun

            self._first_run = FirstRun(self.runtime, self.library, self.chat_panel, self.splitter, self.statusBar(),
                                       lambda provider_id: self.open_settings(provider_id), self.apply_settings)
        return self._first_run

    async def show_first_run(self) -> bool:
        """Call once at start-up after `open_store`: applies the saved provider settings and presets, and shows
        the welcome view instead of the chat panel when there is no key, no local server chosen and no
        conversation yet. True when the welcome view is shown."""
        return await self.first_run.start()

    def open_costs(self) -> None:
        """The cost panel over the spend ledger (a window of its own; one at a time)."""
        from .cost_panel import open_cost_panel  # loaded on first use: keeps start-up light

        if not self.runtime.spending.available:
            self.statusBar().showMessage(say(self.library.problem or translate("MainWindow",
                                                                                "The spend ledger is not open yet.")))
            return
        panel = open_cost_panel(self, self.runtime.spending, lambda: self.runtime.services().settings)
        panel.names = self.runtime.provider_name

    def _refresh_costs(self, _conversation_id: int = 0) -> None:
        """Keep an open cost panel current when a request is saved."""
        if "app.ui.cost_panel" in sys.modules:
            from .cost_panel import refresh_open_cost_panel

            refresh_open_cost_panel(self)

    def open_compare(self) -> None:
        """The comparison view; "continue with this answer" opens the result here."""
        from .compare_panel import open_compare_panel

        if self.compare_panel is None:
            self.compare_panel = open_compare_panel(self, self.runtime)
            self.compare_panel.continued.connect(self._compare_continued)
            self._seed_compare(self.compare_panel)
        self.compare_panel.set_conversation(self.controller.conversation_id)
        self.compare_panel.show()
        self.compare_panel.raise_()
        self.compare_panel.activateWindow()

    def _seed_compare(self, compare: ComparePanel) -> None:
        """A new comparison starts from the model in use (and another one of that provider used before), not
        from empty panes on a provider the user may not have."""
        from app.core.comparison import PaneTarget

        provider, model = self.chat_panel.current_provider(), self.chat_panel.model_box.currentText().strip()
        if not provider or not model:
            return
        url = self.chat_panel.base_url_edit.text().strip()
        at = f"@{url}" if url else ""  # the server the chat uses, when not the provider's own
        others = [m for p, m in self.chat_panel.model_bar.recent_models() if p == provider and m != model]
        compare.set_targets([PaneTarget(provider, model + at), PaneTarget(provider, others[0] + at if others else "")])

    def _compare_continued(self, conversation_id: int) -> None:
        self._conversations_changed()
        self.open_conversation(conversation_id)

    def load_providers(self, choices: Sequence[ProviderChoice]) -> None:
        self.chat_panel.set_providers(choices)

    async def open_store(self) -> None:
        """Open the saved conversations (off the loop); a refused database is explained, the app runs on."""
        await self.library.open()
        problem = self.library.problem
        self.sidebar.show_problem(problem)
        if problem:
            self.statusBar().showMessage(say(problem))
        self._show_settings_warnings()
        if action := self.theme_actions.get(self.runtime.settings().theme):
            action.setChecked(True)

    def _show_settings_warnings(self) -> None:
        """What reading settings.json dropped or ignored (e.g. a custom endpoint's auth header): said at start."""
        self.runtime.settings()  # read once; it keeps the warnings
        if said := " ".join(map(say, self.runtime.settings_warnings)):
            current = self.statusBar().currentMessage()
            settings = translate("MainWindow", "Settings: {warnings}").format(warnings=said)
            self.statusBar().showMessage(f"{current}  {settings}" if current else settings)

    def new_chat(self) -> None:
        if self.chat_panel.new_chat():
            self.sidebar.select(None)
            self._compare_follows()
            self.statusBar().showMessage(translate("MainWindow", "New chat."))

    def focus_search(self) -> None:
        self.sidebar.search_edit.setFocus()
        self.sidebar.search_edit.selectAll()

    def open_conversation(self, conversation_id: int) -> None:
        self.chat_panel.show_conversation(conversation_id)
        self.sidebar.select(conversation_id)
        self._compare_follows()

    def open_hit(self, conversation_id: int, message_id: int) -> None:
        """A search hit: its conversation opened at the matching message (on its branch, switched to when
        another one was shown), the match highlighted."""
        library = self.library.core
        message = library.message(message_id)
        if message is None:
            self.open_conversation(conversation_id)
            return
        if message_id not in {row.id for row in library.branch(conversation_id)}:
            library.switch_branch(conversation_id, message_id)
        self.open_conversation(conversation_id)
        query = self.sidebar.search_edit.text()
        words = [message.content[start:end] for start, end in library.highlights(message.content, query)]
        if not self.chat_panel.transcript.reveal(message_id, words):
            self.statusBar().showMessage(
                translate("MainWindow", "The matching message is no longer in this conversation."))

    def _compare_follows(self) -> None:
        """An open comparison offers the conversation shown ("with the conversation so far")."""
        if self.compare_panel is not None:
            self.compare_panel.set_conversation(self.controller.conversation_id)

    def rename_conversation(self, conversation_id: int, title: str) -> None:
        self.library.rename(conversation_id, title)
        self.refresh_list()  # asked for from the list itself: shown at once, even with the pointer on the list

    def pin_conversation(self, conversation_id: int, pinned: bool) -> None:
        self.library.pin(conversation_id, pinned)
        self.refresh_list()

    def delete_conversation(self, conversation_id: int) -> None:
        if self.controller.turn_for(conversation_id) is not None:
            self.statusBar().showMessage(
                translate("MainWindow", "That conversation is still answering: stop it first (Esc)."))
            return
        self.library.delete(conversation_id)
        if self.controller.conversation_id == conversation_id:
            self.new_chat()
        self.refresh_list()

    def refresh_list(self) -> None:
        self._list_stale = False
        query = self.sidebar.search_edit.text()
        if query.strip():
            self.sidebar.show_hits(self.library.search(query))
        else:
            self.sidebar.show_conversations(self.library.conversations(), self.controller.conversation_id,
                                            self.controller.streaming_conversations(),
                                            self.library.conversations)  # fmt: skip

    def _conversations_changed(self) -> None:
        """A conversation was changed (renamed, pinned, deleted, ...). While the mouse is over the list it is
        not reordered under the pointer (an answer finishing in the background would move rows away from a
        click): it is refreshed once the mouse leaves."""
        self._refresh_when_free()
        self.chat_panel.show_total()

    def _answer_saved(self, _conversation_id: int = 0) -> None:
        """A prompt or an answer was saved: the list and the conversation's total follow on the next turn of the
        event loop (the answer's end is drawn first; whatever changed meanwhile is shown in one go)."""
        self._list_due = True
        self._changes_timer.start()

    def _show_changes(self) -> None:
        if self._list_due:
            self._list_due = False
            self._conversations_changed()

    def _refresh_when_free(self) -> None:
        if self.sidebar.pointer_inside and not self.sidebar.searching:
            self._list_stale = True
        else:
            self.refresh_list()

    def _pointer_left_list(self) -> None:
        if self._list_stale:
            self._list_stale = False
            self.refresh_list()

    def _busy_changed(self, busy: bool) -> None:
        # With a store, other conversations stay usable while one answers (the stream goes on in its own).
        usable = not busy or self.library.saving
        self.new_chat_action.setEnabled(usable)
        self.sidebar.new_chat_button.setEnabled(usable)
        if self.library.saving and not self.sidebar.searching:
            self._answer_saved()  # the answering marks come or go

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            # After this paint is flushed; the context object drops the call if the window is gone by then.
            QTimer.singleShot(0, self, self.first_painted.emit)
        return super().eventFilter(watched, event)

    def restore_layout(self, state: dict[str, str]) -> None:
        """Window geometry and splitter sizes as the user left them (ignored if unreadable)."""
        from PySide6.QtCore import QByteArray

        if state.get("geometry"):
            self.restoreGeometry(QByteArray.fromBase64(state["geometry"].encode("ascii")))
        if state.get("splitter"):
            self.splitter.restoreState(QByteArray.fromBase64(state["splitter"].encode("ascii")))

    def layout_state(self) -> dict[str, str]:
        return {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            "splitter": bytes(self.splitter.saveState().toBase64().data()).decode("ascii"),
        }

    def _save_layout(self) -> None:
        """Remember the layout in the settings file (never fatal: a read-only profile just forgets it)."""
        from app.core.settings import SettingsError, save_settings

        try:
            settings = self.runtime.services().settings
            settings.window_state.update(self.layout_state())
            save_settings(settings)
        except (SettingsError, OSError, RuntimeError) as exc:
            import logging

            logging.getLogger("parley").warning("window layout not saved: %s", exc)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self._save_layout()
            self.closed.emit()
