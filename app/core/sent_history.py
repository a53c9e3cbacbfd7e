"""Which earlier turns a prompt is sent after: answers as the user saw them, unanswered prompts left out.

A stopped, failed or cut-off answer that has text is sent as the assistant turn the user saw (the store
marks it interrupted; the transcript shows it so). An answer with no text at all (it failed before the
first token, or was stopped before one) is left out together with the prompt it answered, and a prompt
with no answer below it is left out too, so two user turns never follow each other, whatever the
protocol. Pure functions over `Message`s: the store's history, the window's unsaved conversation and the
command line all pass through `answered`."""

from __future__ import annotations

from collections.abc import Sequence

from app.providers import Message


def is_empty_answer(message: Message) -> bool:
    """An assistant turn that says nothing a provider could be sent: no text (blanks count as none), no tool
    calls (Anthropic refuses blank assistant text outright)."""
    return message.role == "assistant" and not message.text.strip() and not message.tool_calls


def answered(messages: Sequence[Message]) -> tuple[Message, ...]:
    """`messages` without the pairs a next request must not carry: an empty answer goes with the prompt it
    answered, and a prompt followed by another prompt (its answer is missing) goes alone. A prompt at the
    end stays: it is the one being sent, or the one being answered again."""
    out: list[Message] = []
    for message in messages:
        if is_empty_answer(message):
            if out and out[-1].role == "user":
                out.pop()
            continue
        if message.role == "user" and out and out[-1].role == "user":
            out.pop()
        out.append(message)
    return tuple(out)


def exchange(prompt: Message, answer_text: str) -> tuple[Message, ...]:
    """What one finished turn adds to an unsaved conversation's history: the prompt and the answer as
    shown, or nothing when the answer has no text."""
    answer = Message("assistant", answer_text)
    return () if is_empty_answer(answer) else (prompt, answer)
