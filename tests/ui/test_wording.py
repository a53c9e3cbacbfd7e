"""Footers and error lines for replies, in plain words (no Qt needed)."""

from __future__ import annotations

from app.core.chat import Reply
from app.providers import Usage, make_error
from app.ui.wording import cost_text, error_lines, footer_text, total_text


def _reply(**kw: object) -> Reply:
    reply = Reply(provider="openai", requested_model="gpt-4o-mini")
    for k, v in kw.items():
        setattr(reply, k, v)
    return reply


def test_a_complete_answer() -> None:
    reply = _reply(model="gpt-4o-mini-2024-07-18", finish_reason="stop", ttft_ms=310.4, duration_ms=1310.0,
                   usage=Usage(input_tokens=1234, output_tokens=100))  # fmt: skip
    assert footer_text(reply) == (
        "gpt-4o-mini-2024-07-18 · 1,234 in / 100 out tokens · first token 310 ms · 100 tok/s · 1.3 s · cost unknown"
    )
    assert error_lines(reply) is None


def test_reasoning_tokens_and_unknown_usage() -> None:
    reply = _reply(finish_reason="stop", usage=Usage(output_tokens=50, reasoning_tokens=40), duration_ms=80.0)
    assert footer_text(reply) == "gpt-4o-mini · ? in / 50 out tokens (40 reasoning) · 80 ms · cost unknown"
    assert footer_text(_reply(finish_reason="stop")) == "gpt-4o-mini · tokens not reported · cost unknown"


def test_stopped_and_failed_answers() -> None:
    stopped = _reply(text="partial", finish_reason="cancelled", error=make_error("cancelled", "stopped"))
    assert footer_text(stopped).endswith("· stopped")
    assert error_lines(stopped) is None

    err = make_error("auth", "Incorrect API key provided.", provider="openai", status=401)
    failed = _reply(finish_reason="error", error=err)
    assert footer_text(failed).endswith("· failed")
    assert error_lines(failed) == ("openai: Incorrect API key provided. (HTTP 401)", err.advice)

    cut = _reply(text="half an answer", finish_reason="error", error=make_error("network", "connection lost"))
    assert footer_text(cut).endswith("· interrupted")
    assert footer_text(_reply(text="x", finish_reason="length")).endswith("· cut off at the token limit")


def test_cost_is_labelled_with_where_it_came_from() -> None:
    priced = _reply(finish_reason="stop", cost_usd=0.0042, cost_source="catalog")
    assert footer_text(priced) == "gpt-4o-mini · tokens not reported · $0.0042 at list price"
    assert cost_text(1.5, "provider") == "$1.50 as billed by the provider"
    assert cost_text(0.0, "free") == "free"
    assert cost_text(None, "unknown") == "cost unknown"
    assert total_text((0.25, 0)) == "This conversation: $0.25"
    assert total_text((0.25, 2)) == "This conversation: $0.25 (+2 unpriced)"
    assert total_text(None) == ""
