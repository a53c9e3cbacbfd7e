"""View > Language: follow the system or pick one Parley speaks; remembered, and applied by restarting the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from app.core.runtime import Runtime

from .i18n import LANGUAGES, choose_language, current_language, translate


class LanguageMenu(QMenu):
    """One checkable action per choice; choosing saves the setting and offers to restart now."""

    def __init__(self, runtime: Runtime, parent: QWidget, restart: Callable[[], None],
                 say_status: Callable[[str], None]) -> None:  # fmt: skip
        super().__init__(translate("LanguageMenu", "&Language"), parent)
        self.runtime, self._restart, self._say_status = runtime, restart, say_status
        self.actions_by_code: dict[str, QAction] = {}
        self.restart_box: QMessageBox | None = None  # the open "Restart now?" question, if any
        group = QActionGroup(self)
        for code, label in (("", self._system_label()), *LANGUAGES.items()):
            action = QAction(label, self, checkable=True)
            action.triggered.connect(lambda _checked=False, c=code: self.choose(c))
            group.addAction(action)
            self.addAction(action)
            self.actions_by_code[code] = action
        self.show_saved()

    @staticmethod
    def _system_label() -> str:
        system = LANGUAGES.get(choose_language(""), "English")
        return translate("LanguageMenu", "Follow the &system ({language})").format(language=system)

    def show_saved(self) -> None:
        saved = self.runtime.settings().language
        (self.actions_by_code.get(saved) or self.actions_by_code[""]).setChecked(True)

    def choose(self, code: str) -> bool:
        """Save the choice; when it changes the language in use, offer a restart. True when saved."""
        from app.core.settings import SettingsError, save_settings

        settings = self.runtime.settings()
        settings.language = code
        self.actions_by_code[code].setChecked(True)
        try:
            save_settings(settings)
        except (SettingsError, OSError) as exc:
            self._say_status(translate("LanguageMenu", "The language could not be saved: {problem}").format(
                problem=exc))  # fmt: skip
            return False
        if choose_language(code) == current_language():
            return True
        name = LANGUAGES.get(choose_language(code), code)
        box = QMessageBox(QMessageBox.Icon.Question, translate("LanguageMenu", "Change the language"),
                          translate("LanguageMenu", "Parley will speak {language} from its next start.").format(
                              language=name), parent=self.parentWidget())  # fmt: skip
        now = box.addButton(translate("LanguageMenu", "Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("LanguageMenu", "Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(now)
        box.buttonClicked.connect(lambda button: self._restart() if button is now else None)
        box.finished.connect(box.deleteLater)
        self.restart_box = box
        box.open()  # not exec(): a nested event loop would stall the asyncio loop
        return True
