"""The parameter values a provider and model take, checked before anything is sent.

Ranges go by provider id, whatever base URL the request goes to (a loopback proxy for OpenAI still takes
OpenAI's range), and then by model where the family is known to differ: OpenAI's reasoning models (o1, o3,
o4-mini, gpt-5) take no temperature but the default, 1. Providers not listed take the generic 0 to 2.
One function for the command line's `ask` and `compare` and the window's parameter dialogs: `problem`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.words import translate


@dataclass(frozen=True, slots=True)
class Range:
    """Closed interval of accepted values."""

    low: float
    high: float

    def __contains__(self, value: float) -> bool:
        return self.low <= value <= self.high

    def describe(self) -> str:
        if self.low == self.high:
            return translate("ParamRanges", "only {value}").format(value=f"{self.low:g}")
        return translate("ParamRanges", "{low} to {high}").format(low=f"{self.low:g}", high=f"{self.high:g}")


GENERIC_TEMPERATURE = Range(0.0, 2.0)
# As each provider's API reference states it. Custom endpoints and unlisted providers: GENERIC_TEMPERATURE.
TEMPERATURE_BY_PROVIDER: dict[str, Range] = {
    "openai": Range(0.0, 2.0),
    "azure": Range(0.0, 2.0),
    "anthropic": Range(0.0, 1.0),
    "gemini": Range(0.0, 2.0),
}
# Models that refuse any temperature but their default (OpenAI answers 400 "Only the default (1) value is
# supported"), where the provider serves them as OpenAI does; routers such as OpenRouter adjust it themselves.
_DEFAULT_ONLY = re.compile(r"^(o1|o3|o4)(-|$)|^gpt-5(?!-chat)", re.IGNORECASE)
_DEFAULT_ONLY_PROVIDERS = frozenset({"openai", "azure"})
NO_TEMPERATURE = Range(1.0, 1.0)


def temperature_range(provider: str, model: str) -> Range:
    """What `model` at `provider` accepts as a temperature."""
    if provider in _DEFAULT_ONLY_PROVIDERS and _DEFAULT_ONLY.search(model.rsplit("/", 1)[-1].strip()):
        return NO_TEMPERATURE
    return TEMPERATURE_BY_PROVIDER.get(provider, GENERIC_TEMPERATURE)


def problem(provider: str, model: str, *, temperature: float | None = None,
            max_tokens: int | None = None) -> str | None:  # fmt: skip
    """Why these parameters cannot go to this model, naming the range it takes; None when they can (or are
    unset: the provider's default is always fine)."""
    if temperature is not None:
        allowed = temperature_range(provider, model)
        if temperature not in allowed:
            if allowed == NO_TEMPERATURE:
                return translate("ParamRanges", "{target} takes no temperature but the default, 1 (not {temperature}); "
                                 "leave the temperature unset").format(target=f"{provider}:{model}",
                                                                       temperature=f"{temperature:g}")  # fmt: skip
            return translate("ParamRanges", "temperature {temperature} is out of range for {target}: it takes "
                             "{allowed}").format(temperature=f"{temperature:g}", target=f"{provider}:{model}",
                                                 allowed=allowed.describe())  # fmt: skip
    if max_tokens is not None and max_tokens < 1:
        return translate("ParamRanges", "max tokens must be at least 1 for {target}, not {max_tokens}").format(
            target=f"{provider}:{model}", max_tokens=max_tokens)
    return None


def chain_problem(targets: Sequence[tuple[str, str]], *, temperature: float | None = None,
                  max_tokens: int | None = None) -> str | None:  # fmt: skip
    """The first (provider, model) of a chain (or a comparison's panes) that cannot take these parameters."""
    for provider, model in targets:
        found = problem(provider, model, temperature=temperature, max_tokens=max_tokens)
        if found is not None:
            return found
    return None
