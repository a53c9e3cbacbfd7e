"""The window's language: Qt's translators for Parley and Qt itself, the locale for numbers, and `say` for core's words.

Every sentence the window shows goes through `translate(context, source)` (Qt's lookup, under a name
`pyside6-lupdate` collects) or, when core made it, through `say` (core marks its sentences with `app.words`).
Translations live in `resources/i18n/parley_<code>.ts`, compiled to `.qm` by `scripts/i18n.py build` (set-up, CI and
packaging run it); a missing `.qm` leaves the window in English, never broken. The language follows the system
unless View > Language (the `language` setting) or `PARLEY_LANGUAGE` says otherwise. `pseudo` is a test language
that makes every sentence about 40% longer and marks it, so that clipped labels and unmarked strings show.

A count in a sentence: one source for 1 and one for the others ("1 request", "{count} requests"), chosen by the
count; Spanish counts as English does, and pyside6-lupdate collects neither `n=` nor numerus forms from Python's
`translate`.

A sentence held in a module constant cannot be translated when the module is imported (no translator is installed
yet): keep it in a small function (or a lookup) that calls `translate` when the sentence is shown.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app.words import Words, as_a_sentence, fill

from .resources import resources_dir

log = logging.getLogger(__name__)

# The languages View > Language offers, each named in itself.
LANGUAGES: Mapping[str, str] = {"en": "English", "es": "Español"}
TEST_LANGUAGES = ("pseudo",)  # chosen by PARLEY_LANGUAGE only

_installed: list[QTranslator] = []
_current = "en"


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`source` in the window's language (the name and shape `pyside6-lupdate` collects: literal strings only)."""
    return QCoreApplication.translate(context, source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """`source` as it is, marked for collection: for sentences held in constants made at import time (before the
    translator is installed), translated where they are shown with `translate(context, CONSTANT)`."""
    return source


def say(text: str) -> str:
    """A sentence from core in the window's language: `Words` are looked up and filled (their arguments too);
    any other text (a provider's own message, a file name) is shown as it is."""
    if not isinstance(text, Words):
        return text
    looked_up = QCoreApplication.translate(text.context, text.source, text.disambiguation or None, text.n)
    if looked_up == text.source and not text.args and text.n < 0:
        return str(text)
    args = {k: say(v) if isinstance(v, str) else v for k, v in text.args.items()}
    said = fill(looked_up, -1, args)  # Qt has already put the count in for %n
    return as_a_sentence(said) if text.as_sentence else said


def problem(exc: BaseException) -> str:
    """An exception's message in the window's language: core raises with `Words` (looked up by `say`); any other
    message (the operating system's, a provider's) is shown as it is."""
    if len(exc.args) == 1 and isinstance(exc.args[0], Words):
        return say(exc.args[0])
    return str(exc)


def current_language() -> str:
    return _current


def startup_language(setting: str) -> str:
    """The language to start in: PARLEY_LANGUAGE (tests, screenshots, a user trying one out) wins over the setting."""
    return os.environ.get("PARLEY_LANGUAGE") or choose_language(setting)


def choose_language(setting: str) -> str:
    """The setting, else the first of the system's languages Parley speaks, else English."""
    if setting:
        return setting
    for name in QLocale.system().uiLanguages():
        code = name.replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install(app: QApplication, language: str) -> str:
    """Load the translators for `language` (replacing earlier ones), set the default locale for numbers and dates
    and the layout direction (right to left for such languages). Returns the language in use."""
    global _current
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    system = QLocale.system()
    if language in TEST_LANGUAGES:
        locale = QLocale("en_US")
    else:  # the system's own locale when it speaks this language (es_MX writes 1,234.5; es_ES 1234,5)
        locale = system if system.name().split("_")[0] == language else QLocale(language)
    if language not in ("en", *TEST_LANGUAGES) and locale.language() == QLocale.Language.C:
        log.warning("Unknown language %r; using English", language)
        language, locale = "en", QLocale("en_US")
    QLocale.setDefault(locale)
    app.setLayoutDirection(locale.textDirection())
    if language != "en":
        ours = resources_dir() / "i18n" / f"parley_{language}.qm"
        _load(app, str(ours.parent), ours.stem, required=language in LANGUAGES or language in TEST_LANGUAGES)
        _load(app, QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{language}", required=False)
    _current = language
    return language


def _load(app: QApplication, folder: str, name: str, *, required: bool) -> None:
    translator = QTranslator(app)
    if translator.load(name, folder):
        app.installTranslator(translator)
        _installed.append(translator)
    elif required:
        log.warning("No compiled translation %s.qm in %s (run scripts/i18n.py build); showing English", name, folder)


def _locale() -> QLocale:
    """The default locale; the C locale (tests, a system without a language) writes numbers as English does."""
    locale = QLocale()
    return QLocale("en_US") if locale.language() == QLocale.Language.C else locale


def number(value: float, decimals: int = 0) -> str:
    """A number with the language's separators (1,234.5 in English, 1234,5 in Spanish)."""
    return _locale().toString(float(value), "f", decimals)


def count(value: int) -> str:
    """A whole number with the language's grouping."""
    return _locale().toString(int(value))


def money(usd: float, decimals: int = 4) -> str:
    """US dollars, always (Parley prices in dollars), with the language's separators and sign placement: $1,234.5678
    in English, 1234,5678 US$ in Spanish (where a bare "$" could be read as pesos)."""
    locale = _locale()
    symbol = "$" if locale.language() == QLocale.Language.English else "US$"
    return locale.toCurrencyString(float(usd), symbol, decimals)


def usd(amount: float | None) -> str:
    """A cost as core's `format_usd` writes it ($4.80; $0.0042 under a cent; <$0.0001), with the language's
    separators: exactly core's text in English, `money` in other languages."""
    if amount is None:
        return translate("Money", "unknown")
    decimals = 2 if amount == 0 or abs(amount) >= 0.01 else 4
    if _locale().language() == QLocale.Language.English:
        return f"${amount:,.{decimals}f}" if abs(amount) >= 0.0001 or amount == 0 else "<$0.0001"
    return money(amount, decimals) if abs(amount) >= 0.0001 or amount == 0 else "<" + money(0.0001, 4)
