"""An empty prompt is empty even when it holds zero-width characters: `is_blank`, and the command line with it."""

from __future__ import annotations

import subprocess

import pytest

from app.core.text import is_blank
from tests.support.cli import run_app
from tests.support.loopback import LoopbackServer

INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@pytest.mark.parametrize("text", [
    "", " ", "\n\t ", "\u00a0\u3000",  # whitespace, including no-break and ideographic spaces
    *INVISIBLE, " \u200b \n\ufeff\t", "\u200e\u200f\u00ad", "\u3164\u115f",  # marks, soft hyphen, fillers
    pytest.param("\u200b" * 100_000, id="100k zero-width spaces"),
], ids=repr)  # fmt: skip
def test_only_whitespace_and_invisible_characters_is_blank(text: str) -> None:
    assert is_blank(text)


@pytest.mark.parametrize("text", [
    "hi", " \u200b x \u200b", "\u200bhello\ufeff", "👩\u200d💻", "0", "שלום", "\u0301", ".",
    pytest.param("x" + "\u200b" * 1000, id="x then 1000 zero-width spaces"),
], ids=repr)  # fmt: skip
def test_anything_visible_is_not_blank(text: str) -> None:
    assert not is_blank(text)


def ask(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_app("ask", "--no-log", *args, env={"OPENAI_API_KEY": "test-key-not-real-text"}, stdin=stdin)


def test_ask_refuses_a_prompt_of_zero_width_characters(loopback: LoopbackServer) -> None:
    url = loopback.url + "/v1"
    proc = ask("--base-url", url, "--model", "m", " \u200b\u200c \u200d\u2060\ufeff ")
    assert proc.returncode == 2, proc.stderr
    assert "the prompt is empty" in proc.stderr and "invisible characters" in proc.stderr
    proc = ask("--base-url", url, "--model", "m", "-", stdin="\ufeff\u200b\n\u2060\n")  # from stdin too
    assert proc.returncode == 2 and "the prompt is empty" in proc.stderr, proc.stderr
    assert loopback.requests == []
