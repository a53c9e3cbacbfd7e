"""Parley's ledger beside a provider's own account report, per UTC day and model, exact to the cent.

Pure functions over ledger rows and report lines (no HTTP, no SQL): `reconcile` builds the rows the cost
panel shows and `reconcile_json` the one line `python -m app reconcile --json` prints.

- Days are UTC, as providers report them (the spend panel's days are local; these are not).
- Money is `Decimal`: report amounts as the provider wrote them; ledger costs from their shortest repr.
  JSON numbers are rounded half-up to the micro-dollar (`diff_pct` to 0.01).
- `diff_usd` = provider_usd - parley_usd: positive means the provider billed more than Parley counted.
  `diff_pct` is that as a percentage of the provider's figure (null when the provider's figure is 0 or
  unknown).
- Model names are matched by `model_key`: lower case, spaces as hyphens, any "openai/" or "anthropic/"
  prefix, "-latest" and a trailing snapshot date ("-2024-08-06", "-20250514", "-0613") removed. So
  `gpt-4o-2024-08-06` (what the API serves and bills) and `gpt-4o` (what was asked for) are one row,
  and OpenAI's cost line item "gpt-4o-2024-08-06, input" joins them. Two snapshots of one model on one
  day are one row; the names behind a row are kept in `provider_names` and `parley_names`.
- `outside_parley`: the provider reports use that Parley has no request for: none at all on that day and
  model, or (where the report counts requests) more requests than Parley logged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from app.store import LedgerGroup, RequestRow
from app.words import translate

MICRO = Decimal("0.000001")
CENT_PERCENT = Decimal("0.01")
_DATED = re.compile(r"-(\d{4}-\d{2}-\d{2}|20\d{6})$")  # -2024-08-06 (OpenAI), -20250514 (Anthropic)
_MONTH_DAY = re.compile(r"-(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$")  # -0613, -0125 (older OpenAI snapshots)
_PREFIXES = ("openai/", "anthropic/")


def model_key(name: str) -> str:
    """The name a ledger model and a report model are matched by (see the module docstring)."""
    key = "-".join(name.strip().lower().split())
    for prefix in _PREFIXES:
        key = key.removeprefix(prefix)
    key = key.removesuffix("-latest")
    key = _DATED.sub("", key)
    return _MONTH_DAY.sub("", key) or name.strip()


class ReportLineLike(Protocol):
    """A saved or freshly parsed report line (`StoredReportLine`, `ReportLine`)."""

    @property
    def day(self) -> date: ...
    @property
    def kind(self) -> str: ...
    @property
    def line(self) -> str: ...
    @property
    def model(self) -> str | None: ...
    @property
    def amount_usd(self) -> Decimal | None: ...
    @property
    def input_tokens(self) -> int | None: ...
    @property
    def output_tokens(self) -> int | None: ...
    @property
    def requests(self) -> int | None: ...


@dataclass(frozen=True, slots=True)
class ReconcileRow:
    day: date
    model: str
    provider_usd: Decimal | None
    """The provider's figure; None when no cost report covers this day, or it has usage but no cost yet."""
    parley_usd: Decimal
    """Parley's ledger: the priced requests' costs, each the best figure known (see `parley_by_source`)."""
    diff_usd: Decimal | None
    diff_pct: Decimal | None
    outside_parley: bool
    provider_requests: int | None
    """Requests the provider counted (OpenAI's usage report); None where the report does not count them."""
    parley_requests: int
    """Billed requests in Parley's ledger (attempts that failed before any answer are not billed)."""
    unpriced_requests: int
    parley_by_source: tuple[tuple[str, Decimal], ...]
    """Parley's figure split by the label of each ledger cost: provider, catalog, override, free."""
    provider_names: tuple[str, ...]
    parley_names: tuple[str, ...]
    notes: tuple[str, ...]
    never_priced: bool = False
    """A model the provider billed that Parley's price catalog has no price for (see `notes`)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.day.isoformat(),
            "model": self.model,
            "provider_usd": usd_number(self.provider_usd),
            "parley_usd": usd_number(self.parley_usd),
            "diff_usd": usd_number(self.diff_usd),
            "diff_pct": None if self.diff_pct is None else float(self.diff_pct),
            "outside_parley": self.outside_parley,
        }


@dataclass(frozen=True, slots=True)
class Reconciliation:
    provider: str
    first_day: date
    last_day: date
    rows: tuple[ReconcileRow, ...]

    @property
    def provider_usd(self) -> Decimal:
        return sum((r.provider_usd for r in self.rows if r.provider_usd is not None), Decimal(0))

    @property
    def parley_usd(self) -> Decimal:
        return sum((r.parley_usd for r in self.rows), Decimal(0))

    @property
    def outside_parley_usd(self) -> Decimal:
        """The provider's figure on rows where Parley made no request at all."""
        return sum((r.provider_usd or Decimal(0) for r in self.rows if r.parley_requests == 0), Decimal(0))


def reconcile_json(rec: Reconciliation) -> dict[str, Any]:
    """Exactly the `reconcile --json` object of ARCHITECTURE.md."""
    return {"provider": rec.provider, "rows": [row.to_json() for row in rec.rows]}


def usd_number(amount: Decimal | None) -> float | None:
    return None if amount is None else float(amount.quantize(MICRO, rounding=ROUND_HALF_UP))


def ledger_usd(cost: float) -> Decimal:
    """A ledger cost (REAL) as the decimal it was written as: 0.1 is 0.1, not 0.1000000000000000055."""
    return Decimal(repr(cost))


@dataclass
class _Cell:
    provider_usd: Decimal | None = None
    provider_requests: int | None = None
    provider_used: bool = False
    not_a_model: bool = False
    provider_names: list[str] = field(default_factory=list)
    provider_models: list[str] = field(default_factory=list)
    parley_usd: Decimal = Decimal(0)
    parley_requests: int = 0
    unpriced: int = 0
    by_source: dict[str, Decimal] = field(default_factory=dict)
    parley_names: list[str] = field(default_factory=list)


def reconcile(
    provider: str,
    ledger: Iterable[RequestRow | LedgerGroup],
    lines: Iterable[ReportLineLike],
    *,
    first_day: date,
    last_day: date,
    covered_days: Collection[date] | None = None,
    priced: Callable[[str], bool] | None = None,
) -> Reconciliation:
    """Rows per UTC day and model for first_day..last_day, oldest day first, then by model.

    `ledger` is Parley's requests, or groups of alike requests (`Store.ledger_groups`); other providers' and
    other days' rows are ignored. `lines` the provider's report lines. `covered_days`: the days a cost report
    was fetched for (None: every day in the range), so a day never fetched reads "unknown" rather than "$0
    billed". `priced(model)` says whether Parley's price catalog knows a model, to explain report models
    Parley never priced.
    """
    cells: dict[tuple[date, str], _Cell] = {}

    def cell(day: date, name: str) -> _Cell:
        return cells.setdefault((day, model_key(name)), _Cell())

    for line in lines:
        if not first_day <= line.day <= last_day:
            continue
        c = cell(line.day, line.model or line.line)
        _add_name(c.provider_names, line.line)
        if line.model:
            _add_name(c.provider_models, line.model)
        c.not_a_model = c.not_a_model or line.model is None
        if line.kind == "cost" and line.amount_usd is not None:
            c.provider_usd = (c.provider_usd or Decimal(0)) + line.amount_usd
            c.provider_used = c.provider_used or line.amount_usd != 0
        elif line.kind == "usage":
            if line.requests is not None:
                c.provider_requests = (c.provider_requests or 0) + line.requests
            c.provider_used = c.provider_used or any(n for n in (line.requests, line.input_tokens, line.output_tokens))
    for entry in ledger:
        group = entry if isinstance(entry, LedgerGroup) else _group(entry, provider)
        if group is None or not first_day <= group.day <= last_day:
            continue
        c = cell(group.day, group.name)
        _add_name(c.parley_names, group.name)
        if not group.billed:
            continue  # failed before any answer: not billed, so not a request the provider charges for
        c.parley_requests += group.requests
        if group.cost_usd is None:
            c.unpriced += group.requests
            continue
        cost = ledger_usd(group.cost_usd) * group.requests  # exact: each request's cost as it was written
        c.parley_usd += cost
        c.by_source[group.cost_source] = c.by_source.get(group.cost_source, Decimal(0)) + cost

    rows = [_row(day, key, c, covered_days, priced) for (day, key), c in sorted(cells.items())]
    return Reconciliation(provider, first_day, last_day, tuple(rows))


def _group(row: RequestRow, provider: str) -> LedgerGroup | None:
    """One request as a group of one (None: another provider's)."""
    if row.provider != provider:
        return None
    return LedgerGroup(row.started_at.astimezone(timezone.utc).date(), row.served_model or row.requested_model,
                       not (row.error_kind is not None and row.cost_usd == 0), row.cost_usd, row.cost_source, 1)


def _add_name(names: list[str], name: str) -> None:
    if name not in names:
        names.append(name)


def _row(
    day: date, key: str, c: _Cell, covered: Collection[date] | None, priced: Callable[[str], bool] | None
) -> ReconcileRow:
    notes: list[str] = []
    provider_usd = c.provider_usd
    if provider_usd is None:
        if covered is not None and day not in covered:
            notes.append(translate("Reconcile", "No cost report from the provider covers this day yet."))
        elif c.provider_used:
            notes.append(translate("Reconcile", "The provider reports usage but no cost for this day yet (costs "
                                                "can take hours to appear)."))  # fmt: skip
        else:
            provider_usd = Decimal(0)
            if c.parley_usd:
                notes.append(translate("Reconcile", "The provider's cost report has nothing for this model on "
                                                    "this day yet (costs can take hours to appear)."))  # fmt: skip
    diff = None if provider_usd is None else provider_usd - c.parley_usd
    pct = None
    if diff is not None and provider_usd:
        pct = (diff * 100 / provider_usd).quantize(CENT_PERCENT, ROUND_HALF_UP)
    outside = c.provider_used and (
        c.parley_requests == 0 or (c.provider_requests is not None and c.provider_requests > c.parley_requests)
    )
    if outside and c.parley_requests == 0:
        notes.append(translate("Reconcile", "Parley made no request for this: it was used outside Parley "
                                            "(another app, key or person)."))  # fmt: skip
    elif outside and c.provider_requests is not None:
        notes.append(translate("Reconcile", "The provider counted {counted} requests and Parley made {made}: "
                                            "{outside} were made outside Parley.").format(
            counted=c.provider_requests, made=c.parley_requests,
            outside=c.provider_requests - c.parley_requests))  # fmt: skip
    if c.unpriced:
        unpriced = translate("Reconcile", "{count} of Parley's requests could not be priced (no price known), so "
                                          "Parley's figure leaves them out.")  # fmt: skip
        notes.append(unpriced.format(count=c.unpriced))
    never_priced = (not (c.not_a_model and not c.parley_names) and priced is not None and not c.by_source
                    and not any(priced(m) for m in (key, *c.provider_models)))  # fmt: skip
    if c.not_a_model and not c.parley_names:
        notes.append(translate("Reconcile", "Not a model: a charge the provider lists on its own line."))
    elif never_priced:
        unknown = translate("Reconcile", "Parley has never priced {model}: its price catalog has no price for this "
                                         "model, so Parley could not have estimated it.")  # fmt: skip
        notes.append(unknown.format(model=key))
    return ReconcileRow(
        day=day, model=key, provider_usd=provider_usd, parley_usd=c.parley_usd, diff_usd=diff, diff_pct=pct,
        outside_parley=outside, provider_requests=c.provider_requests, parley_requests=c.parley_requests,
        unpriced_requests=c.unpriced, parley_by_source=tuple(sorted(c.by_source.items())),
        provider_names=tuple(c.provider_names), parley_names=tuple(c.parley_names), notes=tuple(notes),
        never_priced=never_priced,
    )  # fmt: skip
