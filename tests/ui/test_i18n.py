"""The window's language: Qt translators for Parley's own sentences and core's `Words`, the locale's numbers and
money, right-to-left layouts, and View > Language."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from app.core.settings import load_settings
from app.ui import i18n
from app.ui.main_window import MainWindow
from app.words import translate as mark
from tests.support.waiting import wait_until

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context><name>test</name>
<message><source>{provider} has no API key yet.</source>
<translation>{provider} aún no tiene clave de API.</translation></message>
<message numerus="yes"><source>%n request(s)</source>
<translation><numerusform>%n solicitud</numerusform><numerusform>%n solicitudes</numerusform></translation>
</message>
<message><source>the keychain</source><translation>el llavero</translation></message>
</context>
</TS>
"""


@pytest.fixture
def spanish_words(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    ts = tmp_path / "t.ts"
    ts.write_text(TS, encoding="utf-8")
    lrelease = Path(sys.executable).parent / "pyside6-lrelease"
    subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(tmp_path / "t.qm")], check=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "t.qm"))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


@pytest.fixture
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    i18n.install(qapp, "en")


def test_core_words_are_said_in_the_window_language_with_their_arguments(spanish_words: None) -> None:
    said = mark("test", "{provider} has no API key yet.").format(provider="Groq")
    assert said == "Groq has no API key yet."  # what the CLI and the log see
    assert i18n.say(said) == "Groq aún no tiene clave de API."
    assert i18n.say(mark("test", "%n request(s)", "", 1)) == "1 solicitud"
    assert i18n.say(mark("test", "%n request(s)", "", 4)) == "4 solicitudes"
    nested = mark("test", "{provider} has no API key yet.").format(provider=mark("test", "the keychain"))
    assert i18n.say(nested) == "el llavero aún no tiene clave de API."
    assert i18n.say("Incorrect API key provided") == "Incorrect API key provided"  # a provider's own words


def test_window_sentences_go_through_qt(spanish_words: None) -> None:
    assert i18n.translate("test", "the keychain") == "el llavero"
    assert i18n.translate("test", "not translated") == "not translated"


def test_spanish_numbers_and_money_use_the_locale_but_stay_in_dollars(qapp: QApplication,
                                                                     back_to_english: None) -> None:  # fmt: skip
    i18n.install(qapp, "es")
    assert QLocale().language() == QLocale.Language.Spanish
    separator = QLocale().decimalPoint()
    assert i18n.money(0.5) == f"0{separator}5000\u00a0US$" or i18n.money(0.5).startswith("US$")
    assert "US$" in i18n.money(1234.5) and "$" not in i18n.money(1234.5).replace("US$", "")
    i18n.install(qapp, "en")
    assert i18n.money(1234.5) == "$1,234.5000" and i18n.count(12345) == "12,345"


async def test_a_right_to_left_language_mirrors_the_window(qapp: QApplication, back_to_english: None,
                                                           window: MainWindow) -> None:  # fmt: skip
    memory_window = window
    i18n.install(qapp, "ar")  # no Parley translation: English words, but the layout mirrors
    assert qapp.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert memory_window.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def x_of(widget: QWidget) -> int:
        return widget.mapTo(memory_window, widget.rect().topLeft()).x()

    await wait_until(lambda: x_of(memory_window.sidebar) > x_of(memory_window.chat_panel), what="the list on the right")
    i18n.install(qapp, "en")
    assert qapp.layoutDirection() == Qt.LayoutDirection.LeftToRight


def test_the_language_follows_the_system_unless_told(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARLEY_LANGUAGE")
    assert i18n.startup_language("es") == i18n.choose_language("es") == "es"
    monkeypatch.setenv("PARLEY_LANGUAGE", "pseudo")
    assert i18n.startup_language("es") == "pseudo" and i18n.choose_language("es") == "es"
    assert i18n.choose_language("") in ("en", *i18n.LANGUAGES)  # the system's, when Parley speaks it


async def test_view_language_saves_the_choice_and_offers_a_restart(window: MainWindow) -> None:
    menu = window.language_menu
    restarts: list[bool] = []
    menu._restart = lambda: restarts.append(True)
    assert [a.text() for a in menu.actions()][1:] == ["English", "Español"]
    menu.actions_by_code["es"].trigger()
    assert load_settings().settings.language == "es"
    box = menu.restart_box
    assert box is not None and box.isVisible() and "Español" in box.text()
    (restart_now,) = [b for b in box.buttons() if b.text() == "Restart now"]
    restart_now.click()
    assert restarts == [True]
    menu.actions_by_code["en"].trigger()  # the language in use: saved, nothing to restart for
    assert load_settings().settings.language == "en" and restarts == [True]


def test_pseudo_translation_lengthens_and_keeps_placeholders() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    try:
        import i18n as tool  # scripts/i18n.py
    finally:
        sys.path.pop(0)
    said = tool.pseudo("Send to {provider} with &Enter <b>now</b> %n")
    for kept in ("{provider}", "&", "<b>", "</b>", "%n"):
        assert kept in said
    assert len(said) >= len("Send to {provider} with &Enter <b>now</b> %n") * 1.3 and said.startswith("⟦")


def test_qt_translate_is_what_the_window_uses(qapp: QApplication) -> None:
    assert QCoreApplication.translate("nothing", "Plain") == i18n.translate("nothing", "Plain") == "Plain"


def test_core_refusals_advice_and_budget_warnings_reach_the_window_in_spanish(qapp: QApplication,
                                                                              back_to_english: None) -> None:
    """Core's real sentences, with the shipped Spanish: the command line's English is unchanged."""
    from app.core.asks import Refusal
    from app.core.budgets import Spend, check_budget
    from app.core.settings import Budgets, Limits
    from app.providers import make_error

    refusal = Refusal(problem=mark("ChatSession", "type a prompt first"), hint="")
    error = make_error("auth", "Incorrect API key provided", provider="groq", status=401)
    check = check_budget(Budgets(overall=Limits(daily=1.0)), Spend(today=0.95), "groq", 0.2)
    assert (refusal.problem, refusal.message) == ("type a prompt first", "Type a prompt first.")
    assert error.advice.startswith("Check the API key")
    assert error.describe() == "groq: Incorrect API key provided (HTTP 401)"
    assert check.refusal == "This request could cost up to $0.20; today's total spend is $0.95 of a $1.00 daily limit."
    i18n.install(qapp, "es")
    assert i18n.say(refusal.message) == "Escribe primero un mensaje."
    assert i18n.say(error.advice).startswith("Revisa la clave de API")
    assert i18n.say(error.describe()) == "groq: Incorrect API key provided (HTTP 401)"  # the provider's own words
    assert i18n.say(check.refusal or "").startswith("Esta solicitud podría costar hasta $0.20; el gasto total de hoy")


def _shot(widget: QWidget, name: str) -> None:
    """A screenshot to look at (not compared): /tmp/rtl/NAME."""
    out = Path("/tmp/rtl")
    out.mkdir(exist_ok=True)
    widget.grab().save(str(out / name))


async def test_right_to_left_mirrors_the_composer_and_the_painted_charts(qapp: QApplication, qtbot: Any,
                                                                         back_to_english: None,
                                                                         window: MainWindow) -> None:  # fmt: skip
    """In a right-to-left language the send button sits left of the attach button (under the prompt), and the
    cost charts (painted by hand, not laid out by Qt) draw their bars from the right; screenshots go to /tmp/rtl."""
    from app.ui.charts import Bar, BreakdownChart, Meter

    def x_of(widget: QWidget) -> int:
        return widget.mapTo(window, widget.rect().topLeft()).x()

    composer = window.chat_panel.composer
    assert x_of(composer.send_button) > x_of(composer.attach_button)
    i18n.install(qapp, "ar")
    await wait_until(lambda: x_of(composer.send_button) < x_of(composer.attach_button), what="send on the left")

    def bar_columns(widget: QWidget) -> tuple[int, int]:
        """The leftmost and rightmost x of the bar's colour on the first row."""
        image = widget.grab().toImage()
        y = 3 + BreakdownChart.ROW // 2
        xs = [x for x in range(image.width()) if image.pixelColor(x, y).name() == "#ff0000"]
        assert xs, "no bar painted"
        return xs[0], xs[-1]

    chart, meter = BreakdownChart(), Meter()
    for w in (chart, meter):
        qtbot.addWidget(w)
        w.resize(400, 40)
    chart.set_bars([Bar("openai", 2.0, "$2.00", color="#ff0000", name="OpenAI"), Bar("groq", 1.0, "$1.00")])
    meter.set_value(0.25, "ok")
    assert chart.layoutDirection() == Qt.LayoutDirection.RightToLeft
    right_to_left = bar_columns(chart)
    window.resize(1200, 800)
    _shot(chart, "breakdown-rtl.png")
    _shot(window, "main-rtl.png")
    chart.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    left_to_right = bar_columns(chart)
    assert abs(right_to_left[1] - (chart.width() - 1 - left_to_right[0])) <= 1  # the bar mirrored
    assert abs(right_to_left[0] - (chart.width() - 1 - left_to_right[1])) <= 1
    meter_image = meter.grab().toImage()
    filled = meter.palette().color(meter.palette().ColorRole.Base)
    assert meter_image.pixelColor(meter.width() - 4, 5) != filled  # the meter fills from the right
    assert meter_image.pixelColor(4, 5) == filled


def test_core_labels_the_walk_found_in_english_are_said_in_spanish(qapp: QApplication, back_to_english: None) -> None:
    """Settings' labels, cost sources, the comparison's ranking, a chat's parameters and the base URL check: English
    for the command line as before, Spanish in the window."""
    from app.core.chat_params import describe_params
    from app.core.described import described_fields
    from app.core.endpoints import check_base_url
    from app.core.settings import TimeoutSettings
    from app.core.spend_views import sources_label

    label = described_fields(TimeoutSettings)[0].about.label
    mixed = sources_label(["catalog", "free"])
    params = describe_params(temperature=0.2, max_tokens=300, reasoning_effort="low")
    with pytest.raises(ValueError) as bad_url:
        check_base_url("localhost:1")
    assert (label, mixed, params) == ("Connect", "catalog estimate + free", ["temperature 0.2", "max 300 tokens",
                                                                             "low effort"])  # fmt: skip
    assert str(bad_url.value) == ("the base URL 'localhost:1' must start with http:// or https:// "
                                  "(did you mean 'http://localhost:1'?)")
    i18n.install(qapp, "es")
    assert i18n.say(label) == "Conexión"
    assert i18n.say(mixed) == "estimación del catálogo + gratis"
    assert [i18n.say(p) for p in params] == ["temperatura 0.2", "máx. 300 tokens", "esfuerzo bajo"]
    assert i18n.problem(bad_url.value).startswith("la URL base 'localhost:1' debe empezar por http:// o https://")


def test_an_answers_finish_reason_is_said_in_spanish(qapp: QApplication, back_to_english: None) -> None:
    from app.core.chat import Reply
    from app.ui.compare_panel import metrics_text

    reply = Reply(provider="openai", requested_model="gpt-4o-mini", finish_reason="stop")
    assert "finished: stop" in metrics_text(reply)
    i18n.install(qapp, "es")
    said = metrics_text(reply)
    assert "terminada: fin normal" in said and "stop" not in said


def test_keychain_settings_file_and_model_list_problems_are_said_in_spanish(qapp: QApplication,
                                                                            back_to_english: None) -> None:  # fmt: skip
    """What core reports about the keychain, a hand-edited settings file and a failed model list: English for the
    command line as before, Spanish in the window."""
    from app.core.keys import NO_KEYCHAIN_HELP
    from app.core.model_lists import error_lines
    from app.core.settings import decode
    from app.providers import make_error

    warnings: list[str] = []
    decode({"no_such_setting": 1}, warnings)
    failed, _advice = error_lines(make_error("network", "connection refused", provider="Groq"))
    assert warnings == ["Ignored unknown setting no_such_setting."]
    assert failed == "Could not fetch the model list: Groq: connection refused."
    assert NO_KEYCHAIN_HELP.startswith("No usable system keychain was found")
    i18n.install(qapp, "es")
    assert i18n.say(warnings[0]) == "Se ignoró el ajuste desconocido no_such_setting."
    assert i18n.say(failed).startswith("No se pudo obtener la lista de modelos: ")
    assert i18n.say(NO_KEYCHAIN_HELP).startswith("No se encontró ningún llavero del sistema")
