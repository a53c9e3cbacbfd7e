"""Sentences for people that the window can translate, made by Qt-free code: English text that remembers its source.

The domain (providers, core, store) never imports Qt, yet what it says to the user (a refusal, an error's advice, a
budget warning) must reach the window in the user's language. So it marks each sentence with `translate(context,
source)`, the call Qt's `pyside6-lupdate` collects from Python sources (plain positional string literals only: no
keywords, no f-strings), and fills it with `.format(name=value)`. The result is a `Words`: a `str` holding the
English text, which is all the command line, the logs and the tests ever see, that also carries its context,
source, plural count and arguments, so that `app.ui.i18n.say` can look it up in the user's language and fill it
there. Arguments may themselves be `Words`; they are translated too.

Plurals follow Qt: the source holds `%n` and the count is the fourth argument (`translate("budget", "%n request(s)",
"", count)`); in English `%n` becomes the number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import SupportsIndex


class Words(str):
    """English text (the `str` itself) plus what a translator needs: context, source, plural count, arguments."""

    context: str
    source: str
    disambiguation: str
    n: int
    args: Mapping[str, object]

    def __new__(cls, context: str, source: str, disambiguation: str = "", n: int = -1,
                args: Mapping[str, object] | None = None) -> Words:  # fmt: skip
        args = dict(args or {})
        self = super().__new__(cls, fill(source, n, args))
        self.context, self.source, self.disambiguation, self.n, self.args = context, source, disambiguation, n, args
        return self

    def format(self, *positional: object, **named: object) -> Words:
        """The same sentence with its `{name}` placeholders filled (names only: translations may reorder them)."""
        if positional:
            raise TypeError("Words take named arguments only, so that a translation can move them")
        return Words(self.context, self.source, self.disambiguation, self.n, {**self.args, **named})

    def __reduce__(self) -> tuple[object, ...]:  # copies and pickles keep the translatable parts
        return (Words, (self.context, self.source, self.disambiguation, self.n, dict(self.args)))

    def __getnewargs__(self) -> tuple[str, str, str, int, dict[str, object]]:  # type: ignore[override]
        return (self.context, self.source, self.disambiguation, self.n, dict(self.args))


def translate(context: str, source: str, disambiguation: str = "", n: SupportsIndex = -1) -> Words:
    """Mark `source` for translation in `context` (the name and shape `pyside6-lupdate` looks for)."""
    return Words(context, source, disambiguation, int(n))


def fill(text: str, n: int, args: Mapping[str, object]) -> str:
    """`text` with `%n` as the count and `{name}` placeholders filled; a placeholder without a value stays as it is
    (a translation that lost or misspelt one must never raise in front of the user)."""
    if n >= 0:
        text = text.replace("%n", str(n))
    if not args and "{" not in text:
        return text
    try:
        return text.format_map(_Lenient(args))
    except (ValueError, IndexError, AttributeError, TypeError):  # a malformed brace in a translation
        return text


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
