"""Budget checks before sending: pure functions over the budget settings and the ledger's spend figures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.words import Words, translate

from .pricing import format_usd
from .settings import Budgets, Limits

_EPSILON = 1e-9  # float sums of ledger rows must not refuse a request that lands exactly on a limit


@dataclass(frozen=True, slots=True)
class Spend:
    """What the ledger says has been spent, in USD (today and this month are the caller's local periods)."""

    today: float = 0.0
    month: float = 0.0
    today_by_provider: Mapping[str, float] = field(default_factory=dict)
    month_by_provider: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class BudgetCheck:
    """The verdict. `refusal` is set whenever a limit would be crossed, even when an override allows it.

    `limit_name`, `spent` and `limit` describe the limit that refused, or else the one closest to its end;
    all None when no limit applies.
    """

    allowed: bool
    warnings: list[str]
    refusal: str | None
    limit_name: str | None
    spent: float | None
    limit: float | None
    estimate: float | None


@dataclass(frozen=True, slots=True)
class _Applicable:
    name: str  # "OpenAI daily", "total monthly"
    provider: str | None  # "OpenAI"; None for the total limits
    period: str  # "daily"
    spent: float
    limit: float


def check_budget(
    budgets: Budgets,
    spend: Spend,
    provider_id: str,
    estimate: float | None,
    *,
    override: bool = False,
    provider_name: str | None = None,
) -> BudgetCheck:
    """May a request that could cost up to `estimate` (None: unknown) go to `provider_id`?

    Refuses when spent + estimate would cross any applicable limit (the provider's daily and monthly,
    then the total daily and monthly); warns past `warn_fraction` of a limit; `override=True` allows a
    refused request but still reports the refusal. An unknown estimate never refuses: it warns instead.
    """
    if estimate is not None and estimate < 0:
        raise ValueError(f"a cost estimate cannot be negative: {estimate}")
    limits = _applicable(budgets, spend, provider_id, provider_name or _display_name(provider_id))
    if not limits:
        return BudgetCheck(True, [], None, None, None, None, estimate)

    warnings: list[str] = []
    if estimate is None:
        warnings.append(translate("Budget", "This request's cost cannot be estimated (no price is known for this "
                                            "model), so budget limits cannot be checked for it."))  # fmt: skip
    added = estimate or 0.0
    crossed = [a for a in limits if added > 0 and a.spent + added > a.limit + _EPSILON]
    refusal = None
    if crossed:
        first = crossed[0]
        refusal = translate("Budget", "This request could cost up to {estimate}; {status}.").format(
            estimate=format_usd(estimate), status=_status(first))
        warnings += [translate("Budget", "It would also cross the {limit} limit: {status}.").format(
            limit=_limit_name(a), status=_status(a)) for a in crossed[1:]]
        if override:
            warnings.insert(0, translate("Budget", "Budget override: sending although {status}.").format(
                status=_status(first)))
        shown = first
    else:
        shown = max(limits, key=lambda a: (a.spent + added) / a.limit if a.limit > 0 else float("inf"))

    for a in limits:
        if a in crossed:
            continue
        projected = a.spent + added
        if projected > 0 and projected >= budgets.warn_fraction * a.limit:
            warnings.append(_near(a, estimate))

    return BudgetCheck(
        allowed=not crossed or override,
        warnings=warnings,
        refusal=refusal,
        limit_name=shown.name,
        spent=shown.spent,
        limit=shown.limit,
        estimate=estimate,
    )


def _status(a: _Applicable, *, first: bool = False) -> Words:
    """`today's OpenAI spend is $1.20 of a $2.00 daily limit` (`first`: starting a sentence, "Today's ...")."""
    said = {
        (False, "daily", False): translate("Budget", "today's {provider} spend is {spent} of a {limit} daily limit"),
        (False, "daily", True): translate("Budget", "Today's {provider} spend is {spent} of a {limit} daily limit"),
        (False, "monthly", False): translate("Budget",
                                             "this month's {provider} spend is {spent} of a {limit} monthly limit"),
        (False, "monthly", True): translate("Budget",
                                            "This month's {provider} spend is {spent} of a {limit} monthly limit"),
        (True, "daily", False): translate("Budget", "today's total spend is {spent} of a {limit} daily limit"),
        (True, "daily", True): translate("Budget", "Today's total spend is {spent} of a {limit} daily limit"),
        (True, "monthly", False): translate("Budget", "this month's total spend is {spent} of a {limit} monthly limit"),
        (True, "monthly", True): translate("Budget", "This month's total spend is {spent} of a {limit} monthly limit"),
    }[(a.provider is None, a.period, first)]  # fmt: skip
    return said.format(provider=a.provider, spent=format_usd(a.spent), limit=format_usd(a.limit))


def _limit_name(a: _Applicable) -> Words:
    if a.provider is None:
        return translate("Budget", "total daily") if a.period == "daily" else translate("Budget", "total monthly")
    said = translate("Budget", "{provider} daily") if a.period == "daily" else translate("Budget", "{provider} monthly")
    return said.format(provider=a.provider)


def _near(a: _Applicable, estimate: float | None) -> Words:
    """The warning for a limit nearly reached: its status as a sentence, how much is used, what this request adds."""
    status = _status(a, first=True)
    if a.limit > 0 and estimate:
        said = translate("Budget", "{status} ({share} used); this request could add up to {estimate}.")
    elif a.limit > 0:
        said = translate("Budget", "{status} ({share} used).")
    elif estimate:
        said = translate("Budget", "{status}; this request could add up to {estimate}.")
    else:
        said = translate("Budget", "{status}.")
    share = f"{a.spent / a.limit:.0%}" if a.limit > 0 else ""
    return said.format(status=status, share=share, estimate=format_usd(estimate) if estimate else "")


def _applicable(budgets: Budgets, spend: Spend, provider_id: str, name: str) -> list[_Applicable]:
    own = budgets.per_provider.get(provider_id) or Limits()
    candidates = [
        (f"{name} daily", name, "daily", spend.today_by_provider.get(provider_id, 0.0), own.daily),
        (f"{name} monthly", name, "monthly", spend.month_by_provider.get(provider_id, 0.0), own.monthly),
        ("total daily", None, "daily", spend.today, budgets.overall.daily),
        ("total monthly", None, "monthly", spend.month, budgets.overall.monthly),
    ]  # fmt: skip
    return [_Applicable(n, w, p, s, lim) for n, w, p, s, lim in candidates if lim is not None]


def _display_name(provider_id: str) -> str:
    from app.providers.catalog import get_spec

    try:
        return get_spec(provider_id).name
    except KeyError:
        return provider_id  # a custom endpoint: its id is the name the user chose
