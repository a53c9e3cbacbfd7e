"""`python -m app compare`: one prompt to several targets at once, through core's comparison."""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from app.core.comparison import ComparisonObserver

from .context import Interrupt, make_runtime, open_store, read_prompt, run_async, start_http
from .output import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROVIDER, print_json
from .parser import UsageError

if TYPE_CHECKING:
    from app.core.comparison import PaneTarget
    from app.core.turn import Refusal


def run_compare(args: argparse.Namespace) -> int:
    return run_async(lambda interrupt: _compare(args, interrupt))


def _targets(args: argparse.Namespace) -> list[PaneTarget]:
    """One pane per `--target ID:MODEL[@URL]`, each with the command's parameters."""
    from app.core.comparison import PaneTarget
    from app.core.endpoints import parse_target

    targets = []
    for text in args.target:
        try:
            parse_target(text)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        provider, _, model_field = text.partition(":")
        targets.append(PaneTarget(provider, model_field, temperature=args.temperature, max_tokens=args.max_tokens,
                                  reasoning_effort=args.reasoning_effort, json_mode=args.json_mode,
                                  system=args.system))  # fmt: skip
    return targets


async def _compare(args: argparse.Namespace, interrupt: Interrupt) -> int:
    from app.core.compare import panes_json
    from app.core.comparison import ComparisonSession

    if len(args.target) < 2:
        raise UsageError("compare needs at least two --target PROVIDER:MODEL")
    prompt = read_prompt(args.prompt)
    targets = _targets(args)
    runtime = make_runtime()
    refusals = _Refusals()
    session = ComparisonSession(runtime, refusals, save=not args.no_log)
    try:
        if not args.no_log:
            open_store(runtime, required=False)
        start_http(runtime)

        def stop() -> bool:
            if session.comparison is None:
                return False
            session.stop_all()
            return True

        interrupt.stop = stop
        try:
            replies = await session.send(targets, prompt)
        except asyncio.CancelledError:  # Ctrl+C before any pane was sent
            replies = session.replies()
        if replies is None and refusals.last is not None:
            raise UsageError(refusals.last.problem or refusals.last.message)
        replies = replies or []
    finally:
        await runtime.aclose()
    if args.json:
        print_json(panes_json(replies))
    else:
        panes = session.comparison.panes if session.comparison is not None else []
        for pane, reply in zip(panes, replies, strict=True):
            print(f"=== {pane.label}: {reply.provider}:{reply.requested_model}")
            print(reply.text)
            if reply.error is not None:
                print(f"[error: {reply.error.describe()}]")
            print()
    if interrupt.fired:
        return EXIT_INTERRUPTED
    return EXIT_OK if replies and all(r.error is None for r in replies) else EXIT_PROVIDER


class _Refusals(ComparisonObserver):
    def __init__(self) -> None:
        self.last: Refusal | None = None

    def on_refused(self, refusal: Refusal) -> None:
        self.last = refusal
