"""The headless command line: `python -m app ask ...` and friends (a public contract, see README)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import math
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

EXIT_OK, EXIT_PROVIDER, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m app", description="Parley from the command line.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = sub.add_parser("ask", help="send one prompt and print the answer")
    ask.add_argument("prompt", help='the prompt; "-" reads it from standard input')
    ask.add_argument("--provider", default=None, help="provider id (default: openai)")
    ask.add_argument("--model", default=None)
    ask.add_argument("--base-url", default=None)
    ask.add_argument("--system", default=None)
    ask.add_argument("--temperature", type=_finite, default=None)
    ask.add_argument("--max-tokens", type=_count, default=None)
    ask.add_argument("--reasoning-effort", choices=["low", "medium", "high"], default=None)
    ask.add_argument("--json-mode", action="store_true")
    ask.add_argument("--image", action="append", default=[], metavar="FILE")
    ask.add_argument("--preset", default=None, help="a saved preset (provider, model, prompt, parameters)")
    ask.add_argument("--no-stream", action="store_true")
    ask.add_argument("--fallback", action="append", default=[], metavar="ID:MODEL",
                     help="try this provider:model[@URL] next if the first fails before answering")
    ask.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    ask.add_argument("--no-log", action="store_true", help="do not save this exchange or its cost")
    which = ask.add_mutually_exclusive_group()
    which.add_argument("--continue", dest="continue_", action="store_true",
                       help="continue the most recent conversation (any provider)")
    which.add_argument("--conversation", type=int, default=None, metavar="ID", help="continue conversation ID")
    ask.add_argument("--allow-over-budget", action="store_true",
                     help="send even if the worst-case cost would cross a budget limit (this once)")

    cmp = sub.add_parser("compare", help="one prompt to several models at once")
    cmp.add_argument("prompt", help='the prompt; "-" reads it from standard input')
    cmp.add_argument("--target", action="append", required=True, metavar="ID:MODEL[@URL]")
    cmp.add_argument("--system", default=None)
    cmp.add_argument("--temperature", type=_finite, default=None)
    cmp.add_argument("--max-tokens", type=_count, default=None)
    cmp.add_argument("--reasoning-effort", choices=["low", "medium", "high"], default=None)
    cmp.add_argument("--json-mode", action="store_true")
    cmp.add_argument("--json", action="store_true")
    cmp.add_argument("--no-log", action="store_true")

    embed = sub.add_parser("embed", help="embed texts and print the vectors")
    embed.add_argument("texts", nargs="+", metavar="TEXT")
    embed.add_argument("--provider", required=True)
    embed.add_argument("--model", required=True)
    embed.add_argument("--base-url", default=None)
    embed.add_argument("--json", action="store_true")

    from app.cli_data import add_parsers
    from app.cli_reconcile import add_parser as add_reconcile

    add_parsers(sub)
    add_reconcile(sub)

    keys = sub.add_parser("keys", help="manage API keys in the OS keychain")
    keys.add_argument("action", choices=["set", "delete", "test", "list"])
    keys.add_argument("provider", nargs="?")
    return p


def run_cli(argv: Sequence[str]) -> int:
    want_json = "--json" in argv
    for stream in (sys.stdout, sys.stderr):  # streamed text must never crash on a narrow console encoding
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    try:
        args = build_parser().parse_args(list(argv))
    except UsageError as exc:
        return _usage_failure(str(exc), want_json, argv)
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    try:
        if args.command == "ask":
            return _run_async(_ask(args))
        if args.command == "compare":
            return _run_async(_compare(args))
        if args.command == "embed":
            return _run_async(_embed(args))
        if args.command in ("spend", "search", "export", "import"):
            from app.cli_data import run_data

            return run_data(args)
        if args.command == "reconcile":
            from app.cli_reconcile import run_reconcile

            return run_reconcile(args)
        if args.command == "keys":
            from app.cli_keys import run_keys

            return run_keys(args)
    except UsageError as exc:
        return _usage_failure(str(exc), want_json, argv)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_PROVIDER
    return EXIT_USAGE


def _usage_failure(message: str, want_json: bool, argv: Sequence[str] = ()) -> int:
    """Exit 2. With --json the last line is still the contract's object, its error saying what was wrong."""
    print(message, file=sys.stderr)
    if want_json:
        from app.core.chat import Reply

        err = {"kind": "bad_request", "category": "bad_request", "message": message, "status": None,
               "retry_after": None}  # fmt: skip
        if argv[:1] == ["compare"]:
            _print_json({"panes": [], "ranking": {}, "error": err})
        else:
            blank = Reply(provider=_flag(argv, "--provider") or "", requested_model=_flag(argv, "--model") or "")
            obj = blank.as_json()
            _print_json({**obj, "finish_reason": "error", "error": err})
    return EXIT_USAGE


def _flag(argv: Sequence[str], name: str) -> str | None:
    args = list(argv)
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return None


def _print_json(obj: Any) -> None:
    """The one JSON line: ASCII-escaped so any stdout encoding (a Windows pipe) can carry it."""
    print(json.dumps(obj, ensure_ascii=True), flush=True)


def _run_async(coro: Any) -> int:
    """Run with Ctrl-C cancelling the request cleanly (the partial answer is still reported)."""

    async def main() -> int:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        try:
            if task is not None:
                loop.add_signal_handler(signal.SIGINT, task.cancel)
        except (NotImplementedError, RuntimeError):
            pass
        result: int = await coro
        return result

    return asyncio.run(main())


def _read_prompt(prompt: str) -> str:
    if prompt == "-":
        try:
            text = sys.stdin.read()
        except UnicodeDecodeError as exc:
            raise UsageError(f"standard input is not {exc.encoding} text (a bad byte at {exc.start}); "
                             "save the prompt as UTF-8") from None  # fmt: skip
        text = text.removeprefix("\ufeff")  # the mark an editor saving "UTF-8 with signature" puts first
    else:
        text = prompt
    from app.core.text import is_blank

    if is_blank(text):
        raise UsageError("the prompt is empty" if not text.strip() else
                         "the prompt is empty: it holds only invisible characters (such as zero-width spaces)")
    try:  # bytes that were not UTF-8 reach us as lone surrogates (Python's surrogateescape)
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UsageError(f"the prompt holds bytes that are not UTF-8 text (at character {exc.start}); "
                         "save or type it as UTF-8") from None  # fmt: skip
    return text


def _images(paths: list[str]) -> tuple[Any, ...]:
    from app.core.images import load_image

    out = []
    for p in paths:
        try:
            out.append(load_image(Path(p)))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return tuple(out)


def _client() -> Any:
    """The HTTP client for one command: proxies from the environment, TLS verified against the usual CAs plus
    the CA bundle from the settings (as the window does)."""
    import httpx

    from app.core.settings import load_settings
    from app.core.tls import tls_context

    try:
        bundle = load_settings().settings.ca_bundle
    except OSError:
        bundle = None
    context, problem = tls_context(bundle)
    if problem:
        print(f"warning: {problem}", file=sys.stderr)
    return httpx.AsyncClient(trust_env=True, verify=context)


def _services(client: Any) -> Any:
    """Settings (warnings to stderr), keys and the shared client, as the window builds them too."""
    from app.core.keys import KeyStore
    from app.core.services import Services
    from app.core.settings import load_settings

    try:
        loaded = load_settings()
    except OSError as exc:  # the config folder cannot be made (a file in its place, no permission)
        from app.core.settings import LoadResult, Settings

        loaded = LoadResult(Settings(), [f"settings folder not usable ({exc}); using defaults"], read_only=True)
    for warning in loaded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return Services(client, KeyStore(), loaded.settings)


def _apply_preset(args: argparse.Namespace, services: Any) -> None:
    """A preset fills in whatever the command line left unset."""
    if not args.preset:
        return
    preset = services.settings.preset(args.preset)
    if preset is None:
        names = ", ".join(p.name for p in services.settings.presets) or "none defined"
        raise UsageError(f"no preset named {args.preset!r} (presets: {names})")
    args.provider = args.provider or preset.provider
    args.model = args.model or preset.model
    for name in ("system", "temperature", "max_tokens", "reasoning_effort"):
        if getattr(args, name) is None:
            setattr(args, name, getattr(preset, name))
    args.json_mode = args.json_mode or preset.json_mode
    args.fallback = args.fallback or list(preset.fallback)


def _open_store(*, required: bool) -> Any:
    """The shared database, or None. A refused database (corrupt, newer) is explained, never touched."""
    from app.core.paths import db_path
    from app.store import StoreError, open_store

    try:
        return open_store(db_path())
    except (StoreError, OSError) as exc:  # OSError: the data folder itself cannot be made or reached
        reason = str(exc) if isinstance(exc, StoreError) else f"the data folder is not usable ({exc})"
        if required:
            raise DataError(reason) from None
        print(f"warning: not saving this conversation: {reason}", file=sys.stderr)
        return None


class DataError(Exception):
    """The local database cannot be used for what was asked (exit 1, with the reason)."""


async def _ask(args: argparse.Namespace) -> int:

    from app.core.chat import ChatRun, Reply
    from app.core.endpoints import TargetSpec
    from app.core.history import Conversations, Recorder, preflight
    from app.core.resilience import Resilience
    from app.providers import ChatRequest, Message, ProviderError

    prompt = Message("user", _read_prompt(args.prompt), _images(args.image))
    continuing = args.continue_ or args.conversation is not None
    store = _open_store(required=continuing) if continuing or not args.no_log else None
    try:
        async with _client() as client:
            services = _services(client)
            _apply_preset(args, services)
            provider = args.provider or services.settings.defaults.provider or "openai"
            model = args.model or (services.settings.defaults.model if provider == services.settings.defaults.provider
                                   else None)  # fmt: skip
            if not model:
                raise UsageError("--model is required (for example --model gpt-4o-mini)")
            request = ChatRequest(
                model=model, messages=(prompt,), system=args.system, temperature=args.temperature,
                max_tokens=args.max_tokens, reasoning_effort=args.reasoning_effort, json_mode=args.json_mode,
                stream=not args.no_stream,
            )  # fmt: skip
            reply = Reply(provider=provider, requested_model=model)
            conv_id = _conversation_to_continue(store, args) if continuing else None
            if conv_id is not None:
                assert store is not None  # continuing opened it with required=True
                history = Conversations(store).history(conv_id)
                system = request.system or store.conversation(conv_id).system_prompt
                request = dataclasses.replace(request, messages=(*history, prompt), system=system)
            try:  # keychain lookups may block (an unlock prompt): off the loop, so Ctrl-C still works
                chain = await asyncio.to_thread(services.chain, TargetSpec(provider, model, args.base_url),
                                                args.fallback)  # fmt: skip
            except ValueError as exc:
                raise UsageError(str(exc)) from None
            except ProviderError as err:
                reply.error, reply.finish_reason = err, "error"
                return _report(args, reply)
            spend = Conversations(store).spend_now() if store is not None else None
            problem, check = preflight(services, spend, provider, request, override_budget=args.allow_over_budget)
            for warning in check.warnings if check else []:
                print(f"warning: {warning}", file=sys.stderr)
            if problem is not None:
                reply.error, reply.finish_reason = problem, "error"
                return _report(args, reply)

            printer = _StdoutPrinter(enabled=not args.json)
            observer: Any = printer
            if store is not None and not args.no_log:
                turn = Conversations(store).start_turn(request, prompt, provider=provider, conversation_id=conv_id)
                request = turn.request
                observer = Recorder(store, turn, services.price_reply, source="cli", inner=printer)
            run = ChatRun(Resilience(client, sleep=_announcing_sleep), chain, request, observer=observer)
            try:
                reply = await run.execute()
            except asyncio.CancelledError:
                reply = run.reply
            printer.end()
            if isinstance(observer, Recorder) and observer.problem:
                print(f"warning: {observer.problem}; the answer above is complete but not saved", file=sys.stderr)
            if reply.cost_source == "unknown" and reply.cost_usd is None:
                services.price_reply(reply)
    finally:
        if store is not None:
            store.close()
    return _report(args, reply)


def _conversation_to_continue(store: Any, args: argparse.Namespace) -> int:
    from app.store import NotFoundError

    if args.conversation is not None:
        try:
            return int(store.conversation(args.conversation).id)
        except NotFoundError:
            raise UsageError(f"no conversation {args.conversation}") from None
    latest = store.list_conversations(limit=1)
    if not latest:
        raise UsageError("there is no conversation to continue yet")
    return int(latest[0].id)


async def _announcing_sleep(seconds: float) -> None:
    print(f"retrying in {seconds:.1f} s...", file=sys.stderr)
    await asyncio.sleep(seconds)


class _StdoutPrinter:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.wrote = False

    def on_attempt(self, reply: Any, attempt: Any) -> None:
        pass

    def on_delta(self, reply: Any, text: str, reasoning: str) -> None:
        if self.enabled and text:
            sys.stdout.write(text)
            sys.stdout.flush()
            self.wrote = True

    def on_finish(self, reply: Any) -> None:
        pass

    def end(self) -> None:
        if self.wrote:
            sys.stdout.write("\n")
            sys.stdout.flush()


def _report(args: argparse.Namespace, reply: Any) -> int:
    if reply.error is not None:
        err = reply.error
        print(f"error: {err.describe()}\n{err.advice}", file=sys.stderr)
    if args.json:
        _print_json(reply.as_json())
    return EXIT_OK if reply.error is None else EXIT_PROVIDER


async def _embed(args: argparse.Namespace) -> int:

    from app.core.endpoints import TargetSpec
    from app.providers import ProviderError, adapter_for

    out: dict[str, Any] = {"provider": args.provider, "model": args.model, "embeddings": [], "dimensions": None,
                           "usage": None, "error": None}  # fmt: skip
    try:
        async with _client() as client:
            target = _services(client).target(TargetSpec(args.provider, args.model, args.base_url))
            result = await adapter_for(target.endpoint).embed(client, args.model, list(args.texts))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    except ProviderError as err:
        print(f"error: {err.describe()}\n{err.advice}", file=sys.stderr)
        out["error"] = err.as_json()
        if args.json:
            _print_json(out)
        return EXIT_PROVIDER
    out["embeddings"] = [list(v) for v in result.vectors]
    out["dimensions"] = len(result.vectors[0]) if result.vectors else 0
    out["model"] = result.model or args.model
    out["usage"] = result.usage.as_json() if result.usage else None
    if args.json:
        _print_json(out)
    else:
        for text, vec in zip(args.texts, result.vectors, strict=False):
            head = ", ".join(f"{x:.4f}" for x in vec[:4])
            print(f"{len(vec)} dims [{head}, ...]  {text[:60]}")
    return EXIT_OK


async def _compare(args: argparse.Namespace) -> int:

    from app.core.compare import Comparison, panes_json, params_of
    from app.core.endpoints import parse_target
    from app.core.resilience import Resilience
    from app.providers import ChatRequest, Message

    if len(args.target) < 2:
        raise UsageError("compare needs at least two --target PROVIDER:MODEL")
    prompt = _read_prompt(args.prompt)
    async with _client() as client:
        services = _services(client)
        try:
            chains = [[services.target(parse_target(t), lenient=True)] for t in args.target]
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        request = ChatRequest(model=chains[0][0].model, messages=(Message("user", prompt),), system=args.system,
                              temperature=args.temperature, max_tokens=args.max_tokens,
                              reasoning_effort=args.reasoning_effort, json_mode=args.json_mode)  # fmt: skip
        comparison = Comparison(Resilience(client), chains, request)
        try:
            replies = await comparison.execute()
        except asyncio.CancelledError:
            comparison.stop_all()
            replies = [p.reply for p in comparison.panes]
        for reply in replies:
            services.price_reply(reply)
        if not args.no_log:
            _log_comparison(prompt, chains, replies, params_of(request))
    if args.json:
        _print_json(panes_json(replies))
    else:
        for pane, reply in zip(comparison.panes, replies, strict=True):
            print(f"=== {pane.label}: {reply.provider}:{reply.requested_model}")
            print(reply.text)
            if reply.error is not None:
                print(f"[error: {reply.error.describe()}]")
            print()
    return EXIT_OK if all(r.error is None for r in replies) else EXIT_PROVIDER


def _log_comparison(prompt: str, chains: Any, replies: Any, params: dict[str, object]) -> None:
    """Store the run and its panes, and one ledger row per pane attempt (source "compare")."""
    from app.core.history import log_attempts

    store = _open_store(required=False)
    if store is None:
        return
    try:
        run = store.create_comparison(prompt, [(chain[0].provider, chain[0].model) for chain in chains],
                                      params=[params] * len(chains))  # fmt: skip
        for pane, reply in zip(run.panes, replies, strict=True):
            ids = log_attempts(store, reply, "compare", None, None)
            store.set_pane_result(pane.id, request_id=ids[-1] if ids else None)
    finally:
        store.close()
