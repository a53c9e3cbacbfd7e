"""Every command and flag of the command line (the contract in ARCHITECTURE.md: extend it, never break it)."""

from __future__ import annotations

import argparse
import math
from typing import Any, NoReturn

# As app.core.account_reports.REPORT_PROVIDERS (a test checks); not imported, since that module loads httpx.
REPORT_PROVIDERS = ("openai", "anthropic")
MAX_STEPS = 100  # as app.core.mcp.settings.MAX_STEPS_LIMIT


class UsageError(Exception):
    """The command line is wrong (exit 2); the message says what to type instead."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


def count(text: str) -> int:
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
    _ask(sub)
    _compare(sub)
    _embed(sub)
    _data(sub)
    _reconcile(sub)
    keys = sub.add_parser("keys", help="manage API keys in the OS keychain")
    keys.add_argument("action", choices=["set", "delete", "test", "list"])
    keys.add_argument("provider", nargs="?")
    return p


def _parameters(cmd: argparse.ArgumentParser) -> None:
    """The request parameters `ask` and `compare` share."""
    cmd.add_argument("--system", default=None)
    cmd.add_argument("--temperature", type=finite, default=None)
    cmd.add_argument("--max-tokens", type=count, default=None)
    cmd.add_argument("--reasoning-effort", choices=["low", "medium", "high"], default=None)
    cmd.add_argument("--json-mode", action="store_true")


def _ask(sub: Any) -> None:
    ask = sub.add_parser("ask", help="send one prompt and print the answer")
    ask.add_argument("prompt", help='the prompt; "-" reads it from standard input')
    ask.add_argument("--provider", default=None, help="provider id (default: openai)")
    ask.add_argument("--model", default=None, metavar="NAME",
                     help="the model to ask, as the provider names it (e.g. gpt-4o-mini); default: the saved default")
    ask.add_argument("--base-url", default=None)
    _parameters(ask)
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
    _ask_extras(ask)
    _tools(ask)


def _ask_extras(ask: argparse.ArgumentParser) -> None:
    """The API, web search and documents (the Responses API, web search with sources, documents as input)."""
    ask.add_argument("--api", choices=["chat", "responses"], default=None,
                     help="OpenAI's chat completions or Responses API (openai, azure; default: the provider's setting)")
    ask.add_argument("--web-search", action="store_true",
                     help="let the model search the web with its provider's own search tool; sources are listed")
    ask.add_argument("--file", action="append", default=[], metavar="PATH",
                     help="attach a text, code or PDF file (repeatable)")


def steps(text: str) -> int:
    value = count(text)
    if not 1 <= value <= MAX_STEPS:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of model calls from 1 to {MAX_STEPS}")
    return value


def _tools(ask: argparse.ArgumentParser) -> None:
    """MCP tools for one `ask` (ARCHITECTURE.md, the command line's extensions)."""
    ask.add_argument("--mcp-config", default=None, metavar="FILE",
                     help="an mcpServers JSON file (Claude Desktop, Cursor, VS Code); all its servers are enabled")
    ask.add_argument("--mcp", action="append", default=[], metavar="NAME",
                     help="enable an MCP server from the settings (repeatable)")
    ask.add_argument("--approve-tools", action="store_true",
                     help="run the model's tool calls without asking (otherwise y/N on the terminal)")
    ask.add_argument("--max-steps", type=steps, default=None, metavar="N",
                     help="model calls in this turn at most (default: the setting, 10)")


def _compare(sub: Any) -> None:
    cmp = sub.add_parser("compare", help="one prompt to several models at once")
    cmp.add_argument("prompt", help='the prompt; "-" reads it from standard input')
    cmp.add_argument("--target", action="append", required=True, metavar="ID:MODEL[@URL]")
    _parameters(cmp)
    cmp.add_argument("--json", action="store_true")
    cmp.add_argument("--no-log", action="store_true")


def _embed(sub: Any) -> None:
    embed = sub.add_parser("embed", help="embed texts and print the vectors")
    embed.add_argument("texts", nargs="+", metavar="TEXT")
    embed.add_argument("--provider", required=True)
    embed.add_argument("--model", required=True, metavar="NAME",
                       help="the embedding model (e.g. text-embedding-3-small)")
    embed.add_argument("--base-url", default=None)
    embed.add_argument("--json", action="store_true")


def _reconcile(sub: Any) -> None:
    rec = sub.add_parser("reconcile", help="compare the local ledger with the provider's own account reports")
    rec.add_argument("--provider", required=True, help=f"one of: {', '.join(REPORT_PROVIDERS)}")
    rec.add_argument("--since", default=None, metavar="YYYY-MM-DD", help="first UTC day (default: 30 days ago)")
    rec.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    rec.add_argument("--base-url", default=None, help="where to send the report calls (default: the provider's)")
    rec.add_argument("--no-fetch", action="store_true", help="use the reports saved before; send nothing")




def _data(sub: Any) -> None:
    spend = sub.add_parser("spend", help="what was spent, from the local ledger")
    spend.add_argument("--by", choices=["day", "provider", "model"], default=None)
    spend.add_argument("--since", default=None, metavar="YYYY-MM-DD")
    spend.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help="full-text search over every conversation")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")

    listing = sub.add_parser("list", help="the saved conversations, newest first (ids for export)")
    listing.add_argument("--json", action="store_true", help="print one JSON object as the last line")

    export = sub.add_parser("export", help="write a conversation as Markdown or JSON to stdout")
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=["md", "json"], default="md")

    imp = sub.add_parser("import", help="import a Parley JSON export or ChatGPT's conversations.json")
    imp.add_argument("file")
