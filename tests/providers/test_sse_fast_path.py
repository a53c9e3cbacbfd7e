"""The SSE decoder's fast path (LF line ends) and the general one give the same events, mixed in one stream;
one read's deltas go up as one merged delta per run."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from app.providers.decoders import SSEDecoder, SSEEvent
from app.providers.openai_chat import OpenAIStreamParser
from app.providers.transport import _sse_batch
from app.providers.types import Finish, ReasoningDelta, TextDelta


def _events(*chunks: str) -> list[tuple[str | None, str, str | None]]:
    dec = SSEDecoder()
    out: list[SSEEvent] = []
    for chunk in chunks:
        out += dec.feed(chunk)
    out += dec.flush()
    return [(e.event, e.data, e.id) for e in out]


def test_line_ends_may_change_between_reads() -> None:
    assert _events("data: a\n\n", "data: b\r\n\r\n", "data: c\n", "\n", "data: d\r", "\n\r\n") == [
        (None, "a", None), (None, "b", None), (None, "c", None), (None, "d", None)]  # fmt: skip


def test_fields_split_anywhere_across_reads() -> None:
    assert _events("id: 7\nev", "ent: delta\nda", "ta:x\ndata:  y\n", ": a comment\n", "\n") == [
        ("delta", "x\n y", "7")]  # fmt: skip


def test_a_final_event_without_its_blank_line_still_counts() -> None:
    assert _events("data: 1\n\ndata: 2") == [(None, "1", None), (None, "2", None)]


def _frame(text: str) -> SSEEvent:
    return SSEEvent(None, json.dumps({"choices": [{"index": 0, "delta": {"content": text}}]}))


def test_a_read_goes_up_as_one_delta_per_run_of_the_same_kind() -> None:
    parser = OpenAIStreamParser("openai")
    reasoning = SSEEvent(None, '{"choices":[{"index":0,"delta":{"reasoning_content":"hm"}}]}')
    finish = SSEEvent(None, '{"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}')
    events, error = _sse_batch(parser, [reasoning, reasoning, _frame("a"), _frame("b"), finish, _frame("c")])
    assert error is None
    assert events == [ReasoningDelta("hmhm"), TextDelta("ab"), Finish("stop", "stop"), TextDelta("c")]


def test_an_in_stream_error_keeps_the_text_before_it() -> None:
    parser = OpenAIStreamParser("openrouter")
    error = SSEEvent(None, '{"error":{"message":"upstream failed","code":502}}')
    events, err = _sse_batch(parser, [_frame("a"), _frame("b"), error, _frame("c")])
    assert events == [TextDelta("ab")]
    assert err is not None and "upstream failed" in err.message


async def test_a_large_read_is_parsed_in_slices_with_loop_turns_between() -> None:
    import asyncio
    from collections.abc import AsyncGenerator

    from app.providers import transport

    frames = 3 * transport.FRAMES_PER_TURN + 1
    body = "".join(f"data: {json.dumps({'choices': [{'index': 0, 'delta': {'content': str(i % 10)}}]})}\n\n"
                   for i in range(frames))  # fmt: skip
    end = json.dumps({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    body_bytes = (body + f"data: {end}\n\ndata: [DONE]\n\n").encode()

    async def one_read() -> AsyncGenerator[bytes, None]:
        yield body_bytes

    class Adapter:
        provider = "openai"

    turns = 0

    async def count_turns() -> None:
        nonlocal turns
        while True:
            await asyncio.sleep(0)
            turns += 1

    counter = asyncio.ensure_future(count_turns())
    await asyncio.sleep(0)
    seen = []
    async for ev in transport._decode(Adapter(), "sse", one_read(), OpenAIStreamParser("openai")):  # type: ignore[arg-type]
        seen.append((ev, turns))
    counter.cancel()
    texts = [(ev, turn) for ev, turn in seen if isinstance(ev, TextDelta)]
    assert "".join(ev.text for ev, _ in texts) == "".join(str(i % 10) for i in range(frames))
    assert len(texts) == 4  # one merged delta per slice
    assert texts[-1][1] - texts[0][1] >= 3  # the loop ran other tasks between the slices
    assert seen[-1][0] == Finish("stop", "stop")


class _FeedOnly(OpenAIStreamParser):
    """Every frame through `feed`: what the fast path must agree with."""

    def text_only(self, frame: dict[str, object]) -> str | None:
        return None


_deltas = st.one_of(
    st.fixed_dictionaries({"content": st.sampled_from(["", "a", "bc", " \n"])}),
    st.fixed_dictionaries({"role": st.just("assistant"), "content": st.sampled_from(["", "a"])}),
    st.fixed_dictionaries({"content": st.sampled_from(["", "a"]),
                           "reasoning_content": st.sampled_from([None, "", "hm", 3]),
                           "tool_calls": st.sampled_from([None, [], [{"index": 0, "id": "c", "type": "function",
                                                                    "function": {"name": "f", "arguments": ""}}]]),
                           "refusal": st.sampled_from([None, "no"])}),
    st.fixed_dictionaries({"reasoning_content": st.just("hm")}),
    st.fixed_dictionaries({"content": st.none()}),
    st.fixed_dictionaries({"content": st.just([{"type": "text", "text": "typed"}])}),
    st.fixed_dictionaries({"tool_calls": st.just([{"index": 0, "id": "call_1", "type": "function",
                                                   "function": {"name": "f", "arguments": "{}"}}])}),
    st.just({}),
)
_choices = st.fixed_dictionaries(
    {"delta": _deltas},
    optional={"index": st.sampled_from([0, 1]), "finish_reason": st.sampled_from([None, "stop", "length"])})
_frames = st.fixed_dictionaries(
    {"choices": st.one_of(st.lists(_choices, max_size=2), st.none(), st.just("no"))},
    optional={"model": st.sampled_from(["m1", "m2", None]), "id": st.sampled_from(["c1", "c2"]),
              "usage": st.just({"prompt_tokens": 3, "completion_tokens": 4}), "x_groq": st.just({"id": "g"}),
              "error": st.sampled_from([None, {"message": "upstream failed"}])})  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_frames, max_size=12))
def test_text_frames_taken_on_the_fast_path_give_what_feed_gives(frames: list[dict[str, object]]) -> None:
    events = [SSEEvent(None, json.dumps(frame)) for frame in frames]
    fast, fast_error = _sse_batch(OpenAIStreamParser("groq"), events)
    slow, slow_error = _sse_batch(_FeedOnly("groq"), events)
    assert fast == slow
    assert (fast_error is None) == (slow_error is None)


def test_the_fast_path_leaves_a_new_model_or_a_finish_to_feed() -> None:
    parser = OpenAIStreamParser("openai")
    assert parser.text_only({"choices": [{"index": 0, "delta": {"content": "a"}}]}) == "a"
    assert parser.text_only({"model": "m", "choices": [{"index": 0, "delta": {"content": "a"}}]}) is None
    assert parser.text_only({"choices": [{"index": 0, "delta": {"content": "a"}, "finish_reason": "stop"}]}) is None
    parser.feed({"model": "m", "choices": []})
    assert parser.text_only({"model": "m", "choices": [{"index": 0, "delta": {"content": "a"}}]}) == "a"
