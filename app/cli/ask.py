"""`python -m app ask`: one prompt, the answer streamed to stdout, through core's chat turn."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.core.turn import TurnObserver

from .context import Interrupt, load_images, make_runtime, open_store, read_prompt, run_async, start_http
from .output import report, stopped_before_answer
from .parser import UsageError
from .tools import open_toolbox, preset_tools, report_call, wanted

if TYPE_CHECKING:
    from app.core.asks import Ask
    from app.core.chat_params import ChatParams
    from app.core.library import Library
    from app.core.mcp.manager import McpManager
    from app.core.runtime import Runtime
    from app.core.settings import Settings
    from app.core.tool_loop import ToolCallRecord
    from app.core.turn import Turn


def run_ask(args: argparse.Namespace) -> int:
    return run_async(lambda interrupt: _ask(args, interrupt))


async def _ask(args: argparse.Namespace, interrupt: Interrupt) -> int:
    from app.core.chat_params import ChatParams
    from app.core.turn import Ask, Turn

    prompt = read_prompt(args.prompt)
    images = load_images(args.image)
    continuing = args.continue_ or args.conversation is not None
    runtime = make_runtime()
    manager: McpManager | None = None
    try:
        if continuing or not args.no_log:
            open_store(runtime, required=continuing)
        start_http(runtime)
        _apply_preset(args, runtime.settings())
        defaults = runtime.settings().defaults
        provider = args.provider or defaults.provider or "openai"
        model = args.model or (defaults.model if provider == defaults.provider else None)
        if not model:
            raise UsageError("--model is required (for example --model gpt-4o-mini)")
        params = ChatParams(system=args.system, temperature=args.temperature, max_tokens=args.max_tokens,
                            reasoning_effort=args.reasoning_effort, json_mode=args.json_mode,
                            web_search=args.web_search)  # fmt: skip
        _check_ranges(provider, model, args.fallback, params)
        toolbox = None
        if wanted(args):
            manager, toolbox = await open_toolbox(args, runtime, getattr(args, "tool_choice", None))
        ask = Ask(provider, model, prompt, images, args.base_url, params, tuple(args.fallback),
                  _conversation_to_continue(runtime.library, args) if continuing else None,
                  override_budget=args.allow_over_budget, stream=not args.no_stream, save=not args.no_log,
                  source="cli", tools=toolbox, max_steps=args.max_steps,
                  **_extras(args, runtime.settings()))  # fmt: skip
        _describe_documents(runtime, ask)
        printer = _Printer(enabled=not args.json)
        turn = Turn(runtime, ask, printer)
        interrupt.stop = turn.stop
        await turn.run()
        printer.end()
        if interrupt.fired:
            stopped_before_answer(turn.reply)
        if turn.refusal is not None and turn.refusal.error is None:
            raise UsageError(turn.refusal.problem)
        if turn.save_problem:
            print(f"warning: {turn.save_problem}; the answer above is complete but not saved", file=sys.stderr)
    finally:
        if manager is not None:
            await manager.aclose()
        await runtime.aclose()
    return report(args, turn.reply, turn.as_json())


def _extras(args: argparse.Namespace, settings: Settings) -> dict[str, Any]:
    """The Ask fields of `--api` and `--file` (documents read and checked now: a bad one sends nothing)."""
    from app.core.documents import DocumentError, load_document

    documents = []
    for path in args.file:
        try:
            documents.append(load_document(path, limit_mb=settings.document_limit_mb))
        except DocumentError as exc:
            raise UsageError(str(exc)) from None
        except OSError as exc:
            raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    return {"api": args.api, "documents": tuple(documents)}


def _describe_documents(runtime: Runtime, ask: Ask) -> None:
    """Each attached document's pages and token estimate, on stderr, before sending."""
    from app.core.documents import describe, pdf_limits

    if not ask.documents:
        return
    services = runtime.services()
    try:
        spec = services.with_api(services.spec(ask.provider), ask.model, ask.api, web_search=ask.params.web_search)
    except ValueError:
        return  # the turn says why
    native = pdf_limits(spec) is not None
    for doc in ask.documents:
        print(f"attached {describe(doc, native=native)}", file=sys.stderr)


def _apply_preset(args: argparse.Namespace, settings: Settings) -> None:
    """A preset fills in whatever the command line left unset."""
    if not args.preset:
        return
    preset = settings.preset(args.preset)
    if preset is None:
        names = ", ".join(p.name for p in settings.presets) or "none defined"
        raise UsageError(f"no preset named {args.preset!r} (presets: {names})")
    args.provider = args.provider or preset.provider
    args.model = args.model or preset.model
    for name in ("system", "temperature", "max_tokens", "reasoning_effort"):
        if getattr(args, name) is None:
            setattr(args, name, getattr(preset, name))
    args.json_mode = args.json_mode or preset.json_mode
    args.web_search = args.web_search or preset.web_search
    args.fallback = args.fallback or list(preset.fallback)
    preset_tools(args, preset, settings)


def _check_ranges(provider: str, model: str, fallbacks: list[str], params: ChatParams) -> None:
    """Every entry of the chain must take the parameters (by provider id, whatever the base URL): else exit 2,
    the range named, nothing sent."""
    from app.core.endpoints import parse_target
    from app.core.param_ranges import chain_problem

    targets = [(provider, model)]
    for text in fallbacks:
        try:
            spec = parse_target(text)
        except ValueError:
            continue  # the turn reports a malformed entry as it always has
        targets.append((spec.provider, spec.model))
    found = chain_problem(targets, temperature=params.temperature, max_tokens=params.max_tokens)
    if found is not None:
        raise UsageError(found)


def _conversation_to_continue(library: Library, args: argparse.Namespace) -> int:
    if args.conversation is not None:
        if library.conversation(args.conversation) is None:
            raise UsageError(f"no conversation {args.conversation}")
        return int(args.conversation)
    latest = library.latest()
    if latest is None:
        raise UsageError("there is no conversation to continue yet")
    return latest


class _Printer(TurnObserver):
    """The answer's text on stdout as it arrives (unless --json); retries and budget warnings on stderr."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.wrote = False
        self.closed = False

    def on_sending(self, turn: Turn) -> None:
        for warning in turn.warnings:
            print(f"warning: {warning}", file=sys.stderr)

    def on_wait(self, turn: Turn, seconds: float) -> None:
        print(f"retrying in {seconds:.1f} s...", file=sys.stderr)

    def on_tool_call(self, turn: Turn, record: ToolCallRecord) -> None:
        report_call(record)

    def on_delta(self, turn: Turn, text: str, reasoning: str) -> None:
        if self.enabled and text:
            try:
                sys.stdout.write(text)
                sys.stdout.flush()
            except BrokenPipeError:  # the reader went away (`| head`): the rest would be paid for and unread
                self.enabled, self.closed = False, True
                turn.stop()
                return
            self.wrote = True

    def end(self) -> None:
        if self.closed:
            raise BrokenPipeError  # ends the command quietly (see run_cli), after the answer is saved
        if self.wrote:
            sys.stdout.write("\n")
            sys.stdout.flush()
