"""Builders for OpenAI-compatible replies: text split into chunks, usage, faults."""

from __future__ import annotations

from typing import Any

from .loopback import Drop, Pause, Reply


def chunk(text: str | None = None, *, reasoning: str | None = None, finish: str | None = None,
          model: str = "test-model", usage: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    delta: dict[str, Any] = {}
    if text is not None:
        delta["content"] = text
    if reasoning is not None:
        delta["reasoning_content"] = reasoning
    frame: dict[str, Any] = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "model": model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    if usage is not None:
        frame["choices"] = []
        frame["usage"] = usage
    return frame


def stream_reply(pieces: list[str], *, pause: float = 0.0, prompt_tokens: int = 5, model: str = "test-model",
                 reasoning: list[str] | None = None, finish: str = "stop") -> Reply:  # fmt: skip
    events: list[Any] = [chunk(reasoning=r, model=model) for r in (reasoning or [])]
    events += [chunk(p, model=model) for p in pieces]
    events.append(chunk(finish=finish, model=model))
    events.append(chunk(usage={"prompt_tokens": prompt_tokens, "completion_tokens": len(pieces),
                               "total_tokens": prompt_tokens + len(pieces)}, model=model))  # fmt: skip
    return Reply.sse(events, pause=pause)


def dropped_reply(pieces: list[str]) -> Reply:
    reply = Reply.sse([chunk(p) for p in pieces], done=False)
    reply.chunks.append(Drop())
    return reply


def error_reply(status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None) -> Reply:
    return Reply.json({"error": {"message": message, "type": "error", "code": code}}, status=status, headers=headers)


__all__ = ["Drop", "Pause", "Reply", "chunk", "dropped_reply", "error_reply", "stream_reply"]
