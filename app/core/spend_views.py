"""The cost panel's figures from the spend ledger: totals, splits, top conversations, budget status, CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from app.store import NotFoundError, RequestRow, SpendReport, Store
from app.words import translate

from .budgets import Spend, check_budget
from .pricing import format_usd
from .settings import Budgets, Limits

SOURCE_LABELS: dict[str, str] = {  # Words: English for the CLI and CSV, said in the window's language
    "provider": translate("CostSource", "provider-reported"),
    "catalog": translate("CostSource", "catalog estimate"),
    "override": translate("CostSource", "override"),
    "free": translate("CostSource", "free"),
    "unknown": translate("CostSource", "unknown"),
}
SOURCE_ORDER = tuple(SOURCE_LABELS)
CHART_DAYS = 30
TOP_CONVERSATIONS = 10
UNPRICED_SHOWN = 200  # newest first; the full count is `unpriced_requests`
BudgetState = Literal["ok", "near", "over"]
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Split:
    """One bar or row: a day, a provider, "provider:model" or a conversation, with the cost sources behind it."""

    key: str
    cost_usd: float
    requests: int
    input_tokens: int = 0
    output_tokens: int = 0
    sources: tuple[str, ...] = ()
    title: str = ""

    @property
    def label(self) -> str:
        return self.title or self.key

    @property
    def source_label(self) -> str:
        return sources_label(self.sources)


@dataclass(frozen=True, slots=True)
class CostView:
    """Everything the cost panel shows; totals and splits come from `Store.spend`, as `spend --json` does."""

    today_usd: float
    month_usd: float
    total_usd: float
    requests: int
    unpriced_requests: int
    by_day: tuple[Split, ...]
    by_provider: tuple[Split, ...]
    by_model: tuple[Split, ...]
    top_conversations: tuple[Split, ...]
    unpriced: tuple[RequestRow, ...]
    by_source: Mapping[str, float]
    """USD per cost source (unknown: 0), every source present."""
    requests_by_source: Mapping[str, int]
    spend: Spend = field(default_factory=Spend)
    """Today's and this month's spend as `check_budget` takes it."""


@dataclass(frozen=True, slots=True)
class BudgetStatus:
    """One limit's standing: `state` is over (spent beyond the limit), near (past the warning share) or ok."""

    provider: str | None
    period: Literal["daily", "monthly"]
    spent: float
    limit: float
    state: BudgetState
    message: str

    @property
    def fraction(self) -> float:
        if self.limit <= 0:
            return 1.0 if self.spent > 0 else 0.0
        return self.spent / self.limit

    @property
    def text(self) -> str:
        return f"{format_usd(self.spent)} / {format_usd(self.limit)} · {self.state}"


def sources_label(sources: Iterable[str]) -> str:
    """The label of a figure's cost sources: "catalog estimate", or "catalog estimate + free" when mixed."""
    wanted = set(sources)
    labels = [SOURCE_LABELS[s] for s in SOURCE_ORDER if s in wanted]
    if not labels:
        return translate("CostSource", "none")
    said = labels[0]
    for label in labels[1:]:  # Words all the way, so that the window says each part in its language
        said = translate("CostSource", "{sources} + {source}").format(sources=said, source=label)
    return said


def _splits(report: SpendReport) -> tuple[Split, ...]:
    return tuple(Split(r.key, r.cost_usd, r.requests, r.input_tokens, r.output_tokens, _ordered(r.sources))
                 for r in report.rows)  # fmt: skip


def _ordered(sources: Iterable[str]) -> tuple[str, ...]:
    wanted = set(sources)
    return tuple(s for s in SOURCE_ORDER if s in wanted)


def _days(report: SpendReport, today: date) -> tuple[Split, ...]:
    """The last CHART_DAYS local days, oldest first; a day with no requests is a zero bar."""
    known = {s.key: s for s in _splits(report)}
    days = [(today - timedelta(days=n)).isoformat() for n in range(CHART_DAYS - 1, -1, -1)]
    return tuple(known.get(d) or Split(d, 0.0, 0) for d in days)


def top_conversations(store: Store, n: int = TOP_CONVERSATIONS) -> tuple[Split, ...]:
    """The `n` dearest conversations (cost, then requests); requests of deleted conversations are not here."""
    title = _title_lookup(store)
    return tuple(Split(r.key, r.cost_usd, r.requests, sources=_ordered(r.sources), title=title(int(r.key)))
                 for r in store.dearest_conversations(n))  # fmt: skip


def _title_lookup(store: Store) -> Callable[[int], str]:
    def title(conversation_id: int) -> str:
        try:
            return store.conversation(conversation_id).title or f"Conversation {conversation_id}"
        except NotFoundError:
            return f"Conversation {conversation_id} (deleted)"

    return title


def load_view(store: Store, now: datetime | None = None) -> CostView:
    """Read the ledger (blocking SQL: call it off the event loop) and build the panel's figures. SQLite sums every
    figure: only the sums and the newest unpriced rows come into Python, so the panel, refreshed after every
    request while it is open, costs the same with a year of requests as with a day's."""
    local = (now or datetime.now()).astimezone()
    today = local.date()
    month_start = date(today.year, today.month, 1)
    total = store.spend("provider")
    today_report = store.spend("provider", since=today)
    month_report = store.spend("provider", since=month_start)
    days = store.spend("day", since=today - timedelta(days=CHART_DAYS - 1))
    models = store.spend("model")
    sources = {r.key: r for r in store.spend("source").rows}
    by_source = {s: sources[s].cost_usd if s in sources else 0.0 for s in SOURCE_ORDER}
    requests_by_source = {s: sources[s].requests if s in sources else 0 for s in SOURCE_ORDER}
    spend = Spend(
        today=today_report.total_usd,
        month=month_report.total_usd,
        today_by_provider={r.key: r.cost_usd for r in today_report.rows},
        month_by_provider={r.key: r.cost_usd for r in month_report.rows},
    )
    return CostView(
        today_usd=today_report.total_usd,
        month_usd=month_report.total_usd,
        total_usd=total.total_usd,
        requests=total.requests,
        unpriced_requests=total.unpriced_requests,
        by_day=_days(days, today),
        by_provider=_splits(total),
        by_model=_splits(models),
        top_conversations=top_conversations(store),
        unpriced=tuple(store.logged_requests(unpriced=True, limit=UNPRICED_SHOWN)),
        by_source=by_source,
        requests_by_source=requests_by_source,
        spend=spend,
    )


def budget_statuses(budgets: Budgets, spend: Spend) -> list[BudgetStatus]:
    """Every set limit, overall first, then per provider (sorted), each checked with `check_budget`."""
    out: list[BudgetStatus] = []
    owners: list[tuple[str | None, Limits]] = [(None, budgets.overall), *sorted(budgets.per_provider.items())]
    for provider, limits in owners:
        for period in ("daily", "monthly"):
            limit = limits.daily if period == "daily" else limits.monthly
            if limit is None:
                continue
            only = Limits(daily=limit) if period == "daily" else Limits(monthly=limit)
            single = Budgets(warn_fraction=budgets.warn_fraction)
            if provider is None:
                single.overall = only
            else:
                single.per_provider = {provider: only}
            check = check_budget(single, spend, provider or "", 0.0, provider_name=provider or "total")
            spent = check.spent or 0.0
            over = spent > limit + _EPSILON or (limit == 0 and spent > 0)
            state: BudgetState = "over" if over else "near" if check.warnings else "ok"
            message = " ".join(check.warnings) or f"{format_usd(spent)} of {format_usd(limit)} spent."
            out.append(BudgetStatus(provider, period, spent, limit, state, message))
    return out


LEDGER_COLUMNS = ("time", "provider", "requested_model", "served_model", "input_tokens", "output_tokens",
                  "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "cost_usd", "cost_source",
                  "error_kind", "conversation_id")  # fmt: skip


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def ledger_csv(rows: Iterable[RequestRow]) -> str:
    """One line per logged request, oldest first; an unpriced request has an empty cost."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEDGER_COLUMNS)
    for r in sorted(rows, key=lambda r: (r.started_at, r.id)):
        writer.writerow([r.started_at.isoformat(), r.provider, r.requested_model, _cell(r.served_model),
                         _cell(r.input_tokens), _cell(r.output_tokens), _cell(r.cache_read_tokens),
                         _cell(r.cache_write_tokens), _cell(r.reasoning_tokens), _cell(r.cost_usd),
                         SOURCE_LABELS[r.cost_source], _cell(r.error_kind), _cell(r.conversation_id)])  # fmt: skip
    return out.getvalue()


VIEW_COLUMNS = ("section", "key", "label", "cost_usd", "requests", "input_tokens", "output_tokens", "source")


def view_csv(view: CostView) -> str:
    """What the panel shows, one section per figure group (totals, day, provider, model, conversation, source)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(VIEW_COLUMNS)
    for key, usd in (("today", view.today_usd), ("month", view.month_usd), ("all_time", view.total_usd)):
        writer.writerow(["total", key, key.replace("_", " "), usd, "", "", "", ""])
    writer.writerow(["total", "unpriced", "could not be priced", "", view.unpriced_requests, "", "", "unknown"])
    for section, splits in (("day", view.by_day), ("provider", view.by_provider), ("model", view.by_model),
                            ("conversation", view.top_conversations)):  # fmt: skip
        for s in splits:
            writer.writerow([section, s.key, s.label, s.cost_usd, s.requests, s.input_tokens, s.output_tokens,
                             s.source_label])  # fmt: skip
    for source in SOURCE_ORDER:
        writer.writerow(["source", source, SOURCE_LABELS[source], view.by_source[source],
                         view.requests_by_source[source], "", "", SOURCE_LABELS[source]])  # fmt: skip
    return out.getvalue()
