"""Decoders give the same result however a valid body is split into chunks (property-based)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.providers.decoders import DecodeError, JSONArrayDecoder, NDJSONDecoder, SSEDecoder, Utf8Stream

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
objs = st.lists(st.dictionaries(st.sampled_from(["a", "b", "text", "😀"]), texts, max_size=3), min_size=1, max_size=8)


def _split(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    out, prev = [], 0
    for p in points:
        out.append(data[prev:p])
        prev = p
    out.append(data[prev:])
    return out


def _decoded(decoder: SSEDecoder | NDJSONDecoder | JSONArrayDecoder, chunks: list[bytes]) -> list[Any]:
    """Everything `decoder` gives for a body arriving in these chunks, the end included."""
    utf8 = Utf8Stream()
    got: list[Any] = []
    for c in chunks:
        got += decoder.feed(utf8.feed(c))
    return got + decoder.feed(utf8.flush()) + decoder.flush()


def _sse(chunks: list[bytes]) -> list[tuple[str | None, str]]:
    return [(e.event, e.data) for e in _decoded(SSEDecoder(), chunks)]


@settings(max_examples=150, deadline=None)
@given(objs, st.lists(st.integers(min_value=0), max_size=12), st.sampled_from(["\n", "\r\n", "\r"]))
def test_sse_any_split(items: list[dict[str, Any]], cuts: list[int], eol: str) -> None:
    body = "".join(f": comment{eol}event: e{i}{eol}data: {json.dumps(o, ensure_ascii=False)}{eol}{eol}"
                   for i, o in enumerate(items))  # fmt: skip
    data = body.encode()
    expected = [(f"e{i}", json.dumps(o, ensure_ascii=False)) for i, o in enumerate(items)]
    assert _sse([data]) == expected
    assert _sse(_split(data, cuts)) == expected


@settings(max_examples=150, deadline=None)
@given(objs, st.lists(st.integers(min_value=0), max_size=12))
def test_ndjson_any_split(items: list[dict[str, Any]], cuts: list[int]) -> None:
    data = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in items).encode()
    assert _decoded(NDJSONDecoder(), _split(data, cuts)) == items


@settings(max_examples=150, deadline=None)
@given(objs, st.lists(st.integers(min_value=0), max_size=12), st.booleans())
def test_json_array_any_split(items: list[dict[str, Any]], cuts: list[int], pretty: bool) -> None:
    data = json.dumps(items, ensure_ascii=False, indent=2 if pretty else None).encode()
    dec = JSONArrayDecoder()
    assert _decoded(dec, _split(data, cuts)) == items and dec.complete


def test_json_array_cut_short_is_an_error() -> None:
    dec = JSONArrayDecoder()
    assert dec.feed('[{"a": 1}, {"b"') == [{"a": 1}]
    with pytest.raises(DecodeError):
        dec.flush()


def test_sse_event_size_guard() -> None:
    dec = SSEDecoder(max_event_chars=100)
    with pytest.raises(DecodeError, match="larger than"):
        dec.feed("data: " + "x" * 200)


def test_utf8_bom_and_split_characters() -> None:
    utf8 = Utf8Stream()
    data = "\ufeff東京".encode()
    assert "".join(utf8.feed(data[i : i + 1]) for i in range(len(data))) + utf8.flush() == "東京"


_sse_lines = st.one_of(
    st.builds(lambda t: f"data: {t}", st.sampled_from(['{"a":1}', "x y", "", " lead", "data: again"])),
    st.builds(lambda t: f"data:{t}", st.sampled_from(["tight", ""])),
    st.sampled_from(["id: 7", "event: delta", ": comment", "retry: 5", "data", "unknown: field"]),
)
_sse_events = st.lists(st.one_of(st.lists(_sse_lines, min_size=1, max_size=3),
                                 st.just(["data: {\"plain\":true}"])), max_size=10)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_sse_events, st.lists(st.integers(min_value=0), max_size=12), st.booleans())
def test_sse_whole_runs_of_events_read_as_line_by_line(events: list[list[str]], cuts: list[int], blank_start: bool
                                                       ) -> None:  # fmt: skip
    """The run of plain `data:` events in the middle of a read is taken in one go (SSEDecoder.feed): it must give
    what the decoder gives reading the same body one character at a time (never a whole event in one read)."""
    body = ("\n" if blank_start else "") + "".join("\n".join(lines) + "\n\n" for lines in events)
    data = body.encode()
    one_by_one = [(e.event, e.data, e.id) for e in _decoded(SSEDecoder(), [data[i : i + 1] for i in range(len(data))])]
    assert [(e.event, e.data, e.id) for e in _decoded(SSEDecoder(), _split(data, cuts))] == one_by_one
    assert [(e.event, e.data, e.id) for e in _decoded(SSEDecoder(), [data])] == one_by_one
