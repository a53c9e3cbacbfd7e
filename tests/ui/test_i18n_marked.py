"""Every sentence app/ui puts on screen goes through Qt's translation (`translate`, `self.tr`) or `say` (core's words).

Static check per module (tests/support/ui_strings.py): a literal with words, an f-string or a `+`-built string
passed straight to a call that shows text fails here, naming the file, line and text. Modules not yet marked are
listed in PENDING and expected to fail (strict: a module that passes must leave the list).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.ui_strings import UI, unmarked

# Modules still to be marked; each leaves this list when its sentences are (strict xfail keeps the list true).
PENDING: set[str] = set()


MODULES = [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason="not marked yet")) if name in PENDING else name
    for name in sorted(p.name for p in UI.glob("*.py"))
]


@pytest.mark.parametrize("name", MODULES)
def test_every_sentence_on_screen_is_marked_for_translation(name: str) -> None:
    found = unmarked([UI / name])
    assert not found, "not marked for translation (wrap in translate(...)):\n" + "\n".join(map(str, found))


def test_the_checker_finds_an_unmarked_sentence(tmp_path: Path) -> None:
    module = tmp_path / "widget.py"
    module.write_text(
        "label.setText('Save the file')\n"
        "label.setToolTip(translate('W', 'Saved'))\n"
        "button = QPushButton(f'Delete {name}')\n"
        "label.setText('·')\n"
        "label.setText('Hello {name}'.format(name=n))\n"
        "label.setText(translate('W', 'Hi {name}').format(name=n))\n"
        "log.warning('not saved: %s', exc)\n",
        encoding="utf-8",
    )
    assert [(u.line, u.call) for u in unmarked([module])] == [(1, "setText"), (3, "QPushButton"), (5, "setText")]
