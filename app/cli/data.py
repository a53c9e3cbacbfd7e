"""`spend`, `search`, `list`, `export` and `import`: the local database from the command line, through core."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .context import make_runtime, open_store
from .output import print_json
from .parser import UsageError

if TYPE_CHECKING:
    from app.core.runtime import Runtime
    from app.store import ConversationSummary, SearchHit, SpendReport


def run_data(args: argparse.Namespace) -> int:
    runtime = make_runtime()
    open_store(runtime, required=True)
    try:
        if args.command == "spend":
            report = runtime.spending.report(args.by, since=_date(args.since) if args.since else None)
            if args.json:
                print_json(report.to_json())
            else:
                _print_spend(report)
            return 0
        if args.command == "search":
            hits = runtime.library.search(args.query, limit=args.limit)
            if args.json:
                print_json({"hits": [h.to_json() for h in hits]})
            else:
                _print_hits(hits, args.query)
            return 0
        if args.command == "list":
            summaries = runtime.library.summaries()
            if args.json:
                print_json({"conversations": [c.to_json() for c in summaries]})
            else:
                _print_list(summaries)
            return 0
        if args.command == "export":
            return _export(runtime, args.id, args.format)
        return _import(runtime, Path(args.file))
    finally:
        runtime.close_store()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--since wants a date like 2026-01-31, not {text!r}") from None


def _print_spend(report: SpendReport) -> None:
    print(f"total ${report.total_usd:.4f} over {report.requests} requests"
          + (f" ({report.unpriced_requests} could not be priced)" if report.unpriced_requests else ""))  # fmt: skip
    for row in report.rows:
        print(f"  {row.key:40} {_cost(row.cost_usd, row.requests, row.unpriced_requests):>11}  {row.requests:6} "
              f"requests  {row.input_tokens:>9} in  {row.output_tokens:>9} out")  # fmt: skip


def _cost(usd: float, requests: int, unpriced: int) -> str:
    """A cost as the ledger knows it: "unpriced" when none of its requests could be priced (never $0.0000), a
    "+" when some could not, "-" with no request at all (an imported conversation)."""
    if not requests:
        return "-"
    if unpriced >= requests:
        return "unpriced"
    return f"${usd:.4f}" + ("+" if unpriced else "")


def _print_hits(hits: list[SearchHit], query: str) -> None:
    if not hits:
        print(f"no matches for {query!r}", file=sys.stderr)
        return
    for h in hits:
        where = "" if h.on_current_branch is not False else "  (on another branch)"
        print(f"#{h.conversation_id} {h.conversation_title or '(untitled)'}  [message {h.message_id}]{where}")
        print(f"    {h.snippet}")


def _print_list(summaries: list[ConversationSummary]) -> None:
    if not summaries:
        print("no conversations yet", file=sys.stderr)
        return
    for c in summaries:
        when = c.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
        cost = _cost(c.cost_usd, c.requests, c.unpriced_requests)
        print(f"{c.id:>6}  {when}  {c.messages:>5} messages  {cost:>10}  {c.title or '(untitled)'}")


def _export(runtime: Runtime, conversation_id: int, fmt: str) -> int:
    library = runtime.library
    if library.conversation(conversation_id) is None:
        raise UsageError(f"no conversation {conversation_id}")
    if fmt == "json":
        print(json.dumps(library.export_json(conversation_id), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(library.export_markdown(conversation_id))
    return 0


def _import(runtime: Runtime, path: Path) -> int:
    from app.core.importers import parley_documents

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read {str(path)!r}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise UsageError(f"{str(path)!r} is not valid JSON: {exc}") from None
    try:
        docs = parley_documents(data)
    except ValueError as exc:
        raise UsageError(f"{str(path)!r}: {exc}") from None
    ids, skipped = runtime.library.import_documents(docs)
    for line in skipped:
        print(line, file=sys.stderr)
    print(f"imported {len(ids)} conversation{'s' if len(ids) != 1 else ''}: {', '.join(map(str, ids))}")
    return 0 if ids or not docs else 1
