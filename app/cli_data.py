"""`spend`, `search`, `export` and `import`: the local database from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any


def add_parsers(sub: Any) -> None:
    spend = sub.add_parser("spend", help="what was spent, from the local ledger")
    spend.add_argument("--by", choices=["day", "provider", "model"], default=None)
    spend.add_argument("--since", default=None, metavar="YYYY-MM-DD")
    spend.add_argument("--json", action="store_true")

    search = sub.add_parser("search", help="full-text search over every conversation")
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=50)
    search.add_argument("--json", action="store_true")

    export = sub.add_parser("export", help="write a conversation as Markdown or JSON to stdout")
    export.add_argument("id", type=int)
    export.add_argument("--format", choices=["md", "json"], default="md")

    imp = sub.add_parser("import", help="import a Parley JSON export or ChatGPT's conversations.json")
    imp.add_argument("file")


def run_data(args: argparse.Namespace) -> int:
    from app.cli import UsageError, _open_store, _print_json

    store = _open_store(required=True)
    try:
        if args.command == "spend":
            since = _date(args.since) if args.since else None
            report = store.spend(args.by, since=since)
            if args.json:
                _print_json(report.to_json())
            else:
                _print_spend(report, args.by)
            return 0
        if args.command == "search":
            hits = store.search(args.query, limit=args.limit)
            if args.json:
                _print_json({"hits": [h.to_json() for h in hits]})
            else:
                for h in hits:
                    print(f"#{h.conversation_id}/{h.message_id}  {h.snippet}")
            return 0
        if args.command == "export":
            from app.store import NotFoundError

            try:
                doc = store.conversation_as_dict(args.id)
            except NotFoundError:
                raise UsageError(f"no conversation {args.id}") from None
            if args.format == "json":
                print(json.dumps(doc, ensure_ascii=False, indent=2))
            else:
                sys.stdout.write(markdown(store, args.id))
            return 0
        return _import(store, Path(args.file))
    finally:
        store.close()


def _date(text: str) -> date:
    from app.cli import UsageError

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--since wants a date like 2026-01-31, not {text!r}") from None


def _print_spend(report: Any, by: str | None) -> None:
    print(f"total ${report.total_usd:.4f} over {report.requests} requests"
          + (f" ({report.unpriced_requests} could not be priced)" if report.unpriced_requests else ""))  # fmt: skip
    for row in report.rows:
        print(f"  {row.key:40} ${row.cost_usd:10.4f}  {row.requests:6} requests  "
              f"{row.input_tokens:>9} in  {row.output_tokens:>9} out")  # fmt: skip


def markdown(store: Any, conversation_id: int) -> str:
    """The branch on show as Markdown: the title, then each turn under its speaker."""
    conv = store.conversation(conversation_id)
    lines = [f"# {conv.title or 'Conversation'}", ""]
    if conv.system_prompt:
        lines += ["> System: " + conv.system_prompt.replace("\n", "\n> "), ""]
    for row in store.thread(conversation_id):
        model = f" ({row.model})" if row.model else ""
        who = "You" if row.role == "user" else f"{row.provider or 'Assistant'}{model}"
        note = "" if row.status == "complete" else f" _({row.status})_"
        lines += [f"## {who}{note}", "", row.content, ""]
    return "\n".join(lines)


def _import(store: Any, path: Path) -> int:
    from app.cli import UsageError
    from app.core.importers import parley_documents
    from app.store import InvalidImportError

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
    ids = []
    for doc in docs:
        try:
            ids.append(store.import_conversation(doc))
        except InvalidImportError as exc:
            print(f"skipped {doc.get('title')!r}: {exc}", file=sys.stderr)
    print(f"imported {len(ids)} conversation{'s' if len(ids) != 1 else ''}: {', '.join(map(str, ids))}")
    return 0 if ids or not docs else 1
