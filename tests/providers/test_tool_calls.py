"""The shared tool-call helpers: argument parsing, call ids, and the streamed-call buffer."""

from __future__ import annotations

import re

import pytest

from app.providers import SignedReasoning, ToolCall, ToolCallDelta, ToolCallEnd, ToolCallStart, tool_result
from app.providers.tool_calls import (
    CallBuffer,
    arguments_object,
    arguments_text,
    new_call_id,
    nine_char_id,
    parse_arguments,
    safe_id,
    short_id,
)


@pytest.mark.parametrize(("text", "args", "flagged"), [
    ("", {}, False), ("  ", {}, False), ("null", {}, False), ("{}", {}, False),
    ('{"a": [1, {"b": null}]}', {"a": [1, {"b": None}]}, False),
    ('{"a": 1', '{"a": 1', True), ("[1, 2]", "[1, 2]", True), ('"text"', '"text"', True), ("42", "42", True),
    ("{'a': 1}", "{'a': 1}", True),
])  # fmt: skip
def test_parse_arguments(text: str, args: object, flagged: bool) -> None:
    got, error = parse_arguments(text)
    assert got == args
    assert (error is not None) is flagged


def test_arguments_go_back_as_they_came() -> None:
    assert arguments_text({"city": "Zürich"}) == '{"city": "Zürich"}'
    assert arguments_text('{"broken') == '{"broken'  # raw text the model wrote is returned unchanged
    assert arguments_object({"a": 1}) == {"a": 1}
    assert arguments_object('{"broken') == {"_raw_arguments": '{"broken'}  # object-only protocols: wrapped, not lost


def test_ids_for_calls_without_one() -> None:
    a, b = new_call_id("resp-1", 0, "f"), new_call_id("resp-1", 1, "f")
    assert a == new_call_id("resp-1", 0, "f") and a != b  # stable, and distinct per position
    assert new_call_id("resp-2", 0, "f") != a
    assert new_call_id("", 0, "f") != new_call_id("", 0, "f")  # nothing to derive from: random
    assert all(re.fullmatch(r"call_[0-9a-f]{24}", x) for x in (a, b, new_call_id("", 0, "f")))


@pytest.mark.parametrize("call_id", ["toolu_01A09q90qw90lq917835lq9", "call_abc-DEF_123", "x"])
def test_safe_ids_keep_what_already_fits(call_id: str) -> None:
    assert safe_id(call_id) == call_id


@pytest.mark.parametrize("call_id", ["functions.get_weather:0", "call/with spaces", "é", "", "a" * 65])
def test_safe_ids_rewrite_stably_and_distinctly(call_id: str) -> None:
    out = safe_id(call_id)
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,64}", out)
    assert out == safe_id(call_id)
    assert out != safe_id(call_id + "x")


def test_short_and_nine_char_ids() -> None:
    long = "tool_insert_level_with_spaces_3ZiChYzj8xER8HixJe7W"
    assert len(short_id(long)) == 40 and short_id(long) == short_id(long) and short_id("call_1") == "call_1"
    assert short_id(long) != short_id(long + "2")
    assert nine_char_id("FI5qQGzDE") == "FI5qQGzDE"
    for other in ("call_abc", "toolu_01A09q90qw90lq917835lq9", "abc-12345"):
        out = nine_char_id(other)
        assert re.fullmatch(r"[A-Za-z0-9]{9}", out) and out == nine_char_id(other)
    assert nine_char_id("call_1") != nine_char_id("call_2")


def test_buffer_holds_arguments_that_come_before_the_name() -> None:
    buf = CallBuffer()
    assert buf.delta(0, '{"a"', "call_gen") == []  # not named yet: held
    assert buf.start(0, "call_gen", "f") == [ToolCallStart("call_gen", "f"), ToolCallDelta("call_gen", '{"a"')]
    assert buf.delta(0, ": 1}") == [ToolCallDelta("call_gen", ": 1}")]
    assert buf.end(0) == [ToolCallEnd("call_gen", {"a": 1}, None, "f")]
    assert buf.end(0) == []  # once
    assert buf.delta(5, "stray") == []  # text for a block that is not a call of ours


def test_buffer_ends_every_open_call_in_order() -> None:
    buf = CallBuffer()
    for i in range(3):
        buf.start(i, f"c{i}", f"f{i}")
    buf.delta(1, "{oops")
    ends = buf.end_all()
    assert [e.id for e in ends if isinstance(e, ToolCallEnd)] == ["c0", "c1", "c2"]
    bad = next(e for e in ends if isinstance(e, ToolCallEnd) and e.id == "c1")
    assert bad.arguments == "{oops" and bad.arguments_error
    assert buf.called


def test_call_end_carries_the_whole_call() -> None:
    signed = SignedReasoning("gemini", {"thoughtSignature": "c2ln"})
    end = ToolCallEnd("c1", {"a": 1}, None, "f", signed)
    assert end.call() == ToolCall("c1", "f", {"a": 1}, None, signed)
    result = tool_result(end.call(), "done", is_error=True)
    assert (result.role, result.tool_call_id, result.tool_name, result.is_error) == ("tool", "c1", "f", True)


def test_signed_reasoning_goes_only_where_it_came_from() -> None:
    anywhere = SignedReasoning("openai_chat", {"x": 1})
    deepseek_only = SignedReasoning("openai_chat", {"reasoning_content": "..."}, "deepseek")
    assert anywhere.usable_by("openai_chat", "groq") and not anywhere.usable_by("anthropic", "anthropic")
    assert deepseek_only.usable_by("openai_chat", "deepseek") and not deepseek_only.usable_by("openai_chat", "groq")
