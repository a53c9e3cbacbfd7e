"""Core's translatable sentences: English everywhere a str is used, with what a window needs to translate them."""

from __future__ import annotations

import copy
import pickle

import pytest

from app.words import Words, fill, translate


def test_words_are_their_english_text_and_keep_their_source() -> None:
    said = translate("budget", "{provider} is over its daily budget of {limit}.").format(provider="Groq",
                                                                                     limit="$1.00")  # fmt: skip
    assert said == "Groq is over its daily budget of $1.00." and isinstance(said, str)
    assert (said.context, said.source, said.args) == ("budget", "{provider} is over its daily budget of {limit}.",
                                                      {"provider": "Groq", "limit": "$1.00"})  # fmt: skip


def test_a_plural_puts_the_count_in_english() -> None:
    said = translate("costs", "%n request(s) made outside Parley", "", 3)
    assert said == "3 request(s) made outside Parley" and said.n == 3


def test_positional_arguments_are_refused_so_translations_can_reorder() -> None:
    with pytest.raises(TypeError, match="named arguments only"):
        translate("x", "{} and {}").format("a", "b")


def test_copies_and_pickles_keep_the_translatable_parts() -> None:
    said = translate("x", "Hello {name}").format(name="Ana")
    for again in (copy.deepcopy(said), pickle.loads(pickle.dumps(said))):
        assert isinstance(again, Words) and again == "Hello Ana" and again.source == "Hello {name}"


@pytest.mark.parametrize(("text", "expected"), [
    ("{missing} stays", "{missing} stays"),  # a translation that lost an argument never raises
    ("{cost:.2f} left", "{cost:.2f} left"),
    ("unbalanced { brace", "unbalanced { brace"),
    ("{n} of {m}", "1 of {m}"),
])  # fmt: skip
def test_filling_never_raises(text: str, expected: str) -> None:
    assert fill(text, -1, {"n": 1}) == expected


def test_plain_string_operations_give_plain_strings() -> None:
    said = translate("x", "Stopped")
    assert type(said + ".") is str and said.lower() == "stopped"
