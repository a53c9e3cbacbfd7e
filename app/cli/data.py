"""`spend`, `search`, `export` and `import`: the local database from the command line, through core."""

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
    from app.store import SpendReport


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
                for h in hits:
                    print(f"#{h.conversation_id}/{h.message_id}  {h.snippet}")
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
        print(f"  {row.key:40} ${row.cost_usd:10.4f}  {row.requests:6} requests  "
              f"{row.input_tokens:>9} in  {row.output_tokens:>9} out")  # fmt: skip


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
