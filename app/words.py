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

A fragment that the command line prints as it is ("type a prompt first") and the window shows as a sentence ("Type a
prompt first.") is one source: `.sentence()` gives the sentence form, in English and, through `say`, translated.
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
    as_sentence: bool  # shown with a capital first letter and a full stop (see `sentence`)

    def __new__(cls, context: str, source: str, disambiguation: str = "", n: int = -1,
                args: Mapping[str, object] | None = None, as_sentence: bool = False) -> Words:  # fmt: skip
        args = dict(args or {})
        text = fill(source, n, args)
        self = super().__new__(cls, as_a_sentence(text) if as_sentence else text)
        self.context, self.source, self.disambiguation, self.n, self.args = context, source, disambiguation, n, args
        self.as_sentence = as_sentence
        return self

    def format(self, *positional: object, **named: object) -> Words:
        """The same sentence with its `{name}` placeholders filled (names only: translations may reorder them)."""
        if positional:
            raise TypeError("Words take named arguments only, so that a translation can move them")
        return Words(self.context, self.source, self.disambiguation, self.n, {**self.args, **named}, self.as_sentence)

    def sentence(self) -> Words:
        """The same words as a sentence: a capital first letter and a full stop (also once translated)."""
        return Words(self.context, self.source, self.disambiguation, self.n, self.args, as_sentence=True)

    def __reduce__(self) -> tuple[object, ...]:  # copies and pickles keep the translatable parts
        return (Words, self.__getnewargs__())

    def __getnewargs__(self) -> tuple[str, str, str, int, dict[str, object], bool]:  # type: ignore[override]
        return (self.context, self.source, self.disambiguation, self.n, dict(self.args), self.as_sentence)


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


def reason(exc: BaseException) -> str:
    """What an exception says, as the `Words` it was raised with when it was (`str(exc)` would drop them)."""
    said = exc.args[0] if len(exc.args) == 1 else None
    return said if isinstance(said, Words) else str(exc)


def as_a_sentence(text: str) -> str:
    """`text` for a person to read: a capital first letter and a full stop at the end (unless it ends one)."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


class _Lenient(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
