"""`python -m app reconcile --provider P [--since DATE] [--json]`: the ledger beside the provider's own reports.

Fetches the provider's cost and usage reports with the admin key (keychain entry "openai-admin" /
"anthropic-admin", or OPENAI_ADMIN_KEY / ANTHROPIC_ADMIN_KEY), saves them, and prints one row per UTC day
and model. `--json` prints exactly the `reconcile --json` object of ARCHITECTURE.md as the last line; when
the fetch failed it adds `error` ({kind, category, message, status, retry_after}) and the rows are those of
the reports saved before. Exit 0 reconciled, 1 the fetch failed, 2 a usage error. `--base-url` sends the
report calls elsewhere (a proxy, a test server); `--no-fetch` reconciles with the saved reports only.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from decimal import Decimal
from typing import Any

from .context import make_runtime, open_store, run_async, start_http
from .output import EXIT_OK, EXIT_PROVIDER, print_json
from .parser import REPORT_PROVIDERS, UsageError


def run_reconcile(args: argparse.Namespace) -> int:
    if args.provider not in REPORT_PROVIDERS:
        raise UsageError(f"reconcile --provider must be one of {', '.join(REPORT_PROVIDERS)}, not {args.provider!r}")
    since = _since(args.since)
    return run_async(lambda _interrupt: _reconcile(args, since))


def _since(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--since wants a UTC day like 2026-01-31, not {text!r}") from None


async def _reconcile(args: argparse.Namespace, since: date | None) -> int:
    from app.core.account_reports import reconcile_account, utc_today
    from app.core.reconcile import reconcile_json

    today = utc_today()
    if since is not None and since > today:
        raise UsageError(f"--since {since} is after today ({today}, UTC)")
    runtime = make_runtime()
    try:
        open_store(runtime, required=True)
        start_http(runtime)
        outcome = await reconcile_account(runtime, args.provider, first_day=since, last_day=today,
                                          refresh=not args.no_fetch, base_url=args.base_url)  # fmt: skip
    finally:
        await runtime.aclose()
    rec, err = outcome.reconciliation, outcome.error
    if err is not None:
        print(f"error: {err.describe()}\n{err.advice}", file=sys.stderr)
    if args.json:
        obj = reconcile_json(rec)
        if err is not None:
            obj["error"] = err.as_json()
        print_json(obj)
    else:
        _print_table(rec, outcome.last_fetched_at)
    return EXIT_PROVIDER if err else EXIT_OK


def _usd(amount: Decimal | None) -> str:
    if amount is None:
        return "unknown"
    return f"{'-' if amount < 0 else ''}${abs(amount):,.4f}"


def _print_table(rec: Any, fetched_at: Any) -> None:
    first, last = rec.first_day, rec.last_day
    when = f"; reports fetched {fetched_at:%Y-%m-%d %H:%M} UTC" if fetched_at else "; no report fetched yet"
    print(f"{rec.provider}: {first} to {last} (UTC days){when}")
    if not rec.rows:
        print("nothing spent and nothing reported in these days")
        return
    print(f"{'date':10}  {'model':32}  {'provider':>11}  {'parley':>11}  {'difference':>11}  {'%':>8}")
    for r in rec.rows:
        pct = "" if r.diff_pct is None else f"{r.diff_pct:+.2f}%"
        mark = "  outside Parley" if r.outside_parley else ""
        print(f"{r.day}  {r.model[:32]:32}  {_usd(r.provider_usd):>11}  {_usd(r.parley_usd):>11}  "
              f"{_usd(r.diff_usd):>11}  {pct:>8}{mark}")  # fmt: skip
        for note in r.notes:
            print(f"{'':12}{note}")
    print(f"total: provider {_usd(rec.provider_usd)}, Parley {_usd(rec.parley_usd)}, "
          f"difference {_usd(rec.provider_usd - rec.parley_usd)}")  # fmt: skip
