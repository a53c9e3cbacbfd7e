"""Budget checks: refuse, warn, allow, override, and unknown estimates."""

from __future__ import annotations

import pytest

from app.core.budgets import Spend, check_budget
from app.core.settings import Budgets, Limits

OPENAI_DAILY_5 = Budgets(per_provider={"openai": Limits(daily=5.0)})


def test_no_limits_allow_everything_quietly() -> None:
    check = check_budget(Budgets(), Spend(today=1000.0, month=1000.0), "openai", 99.0)
    assert check.allowed and check.refusal is None and check.warnings == []
    assert (check.limit_name, check.spent, check.limit, check.estimate) == (None, None, None, 99.0)


def test_refuses_when_the_estimate_would_cross_a_provider_limit() -> None:
    spend = Spend(today=4.8, today_by_provider={"openai": 4.8})
    check = check_budget(OPENAI_DAILY_5, spend, "openai", 0.42)
    assert not check.allowed
    assert check.refusal == "This request could cost up to $0.42; today's OpenAI spend is $4.80 of a $5.00 daily limit."
    assert (check.limit_name, check.spent, check.limit, check.estimate) == ("OpenAI daily", 4.8, 5.0, 0.42)


def test_override_allows_but_still_reports() -> None:
    spend = Spend(today_by_provider={"openai": 4.8})
    check = check_budget(OPENAI_DAILY_5, spend, "openai", 0.42, override=True)
    assert check.allowed
    assert check.refusal is not None and "$5.00 daily limit" in check.refusal
    assert check.warnings[0].startswith("Budget override")


def test_warns_past_the_warn_fraction() -> None:
    check = check_budget(OPENAI_DAILY_5, Spend(today_by_provider={"openai": 4.1}), "openai", 0.1)
    assert check.allowed and check.refusal is None
    assert check.warnings == [
        "Today's OpenAI spend is $4.10 of a $5.00 daily limit (82% used); this request could add up to $0.10."
    ]
    assert (check.limit_name, check.spent, check.limit) == ("OpenAI daily", 4.1, 5.0)


def test_no_warning_below_the_warn_fraction() -> None:
    check = check_budget(OPENAI_DAILY_5, Spend(today_by_provider={"openai": 1.0}), "openai", 0.1)
    assert check.allowed and check.warnings == [] and check.refusal is None
    assert check.limit_name == "OpenAI daily"


def test_warn_fraction_comes_from_settings() -> None:
    budgets = Budgets(per_provider={"openai": Limits(daily=5.0)}, warn_fraction=0.5)
    check = check_budget(budgets, Spend(today_by_provider={"openai": 2.4}), "openai", 0.2)
    assert len(check.warnings) == 1


def test_an_unknown_estimate_never_refuses_but_warns() -> None:
    check = check_budget(OPENAI_DAILY_5, Spend(today_by_provider={"openai": 4.99}), "openai", None)
    assert check.allowed and check.refusal is None
    assert "cannot be estimated" in check.warnings[0]
    assert "$4.99 of a $5.00 daily limit" in check.warnings[1]
    assert check.estimate is None


def test_an_unknown_estimate_without_any_limit_says_nothing() -> None:
    assert check_budget(Budgets(), Spend(), "my-proxy", None).warnings == []


def test_monthly_total_limit() -> None:
    budgets = Budgets(overall=Limits(monthly=50.0))
    check = check_budget(budgets, Spend(today=1.0, month=49.9), "anthropic", 0.25)
    assert not check.allowed
    assert check.refusal == (
        "This request could cost up to $0.25; this month's total spend is $49.90 of a $50.00 monthly limit."
    )
    assert check.limit_name == "total monthly"


def test_another_providers_limit_does_not_apply() -> None:
    budgets = Budgets(per_provider={"anthropic": Limits(daily=1.0)})
    check = check_budget(budgets, Spend(today_by_provider={"anthropic": 5.0}), "openai", 3.0)
    assert check.allowed and check.warnings == [] and check.limit_name is None


def test_landing_exactly_on_the_limit_is_allowed() -> None:
    check = check_budget(OPENAI_DAILY_5, Spend(today_by_provider={"openai": 4.58}), "openai", 0.42)
    assert check.allowed and check.refusal is None


def test_a_free_request_goes_through_even_past_a_limit() -> None:
    check = check_budget(OPENAI_DAILY_5, Spend(today_by_provider={"openai": 6.0}), "openai", 0.0)
    assert check.allowed and check.refusal is None
    assert "$6.00 of a $5.00 daily limit" in check.warnings[0]


def test_a_zero_limit_refuses_any_paid_request() -> None:
    budgets = Budgets(per_provider={"openai": Limits(daily=0.0)})
    check = check_budget(budgets, Spend(), "openai", 0.0001)
    assert not check.allowed


def test_the_most_specific_crossing_refuses_and_the_others_are_listed() -> None:
    budgets = Budgets(overall=Limits(daily=5.0), per_provider={"openai": Limits(daily=2.0)})
    check = check_budget(budgets, Spend(today=4.9, today_by_provider={"openai": 1.9}), "openai", 0.5)
    assert not check.allowed
    assert check.limit_name == "OpenAI daily"
    assert any("total daily" in w for w in check.warnings)


def test_custom_endpoints_are_named_by_their_id_or_the_given_name() -> None:
    budgets = Budgets(per_provider={"box": Limits(daily=1.0)})
    spend = Spend(today_by_provider={"box": 0.99})
    assert "today's box spend" in (check_budget(budgets, spend, "box", 0.5).refusal or "")
    named = check_budget(budgets, spend, "box", 0.5, provider_name="Home box")
    assert "today's Home box spend" in (named.refusal or "")


def test_a_negative_estimate_is_a_bug() -> None:
    with pytest.raises(ValueError, match="negative"):
        check_budget(Budgets(), Spend(), "openai", -1.0)
