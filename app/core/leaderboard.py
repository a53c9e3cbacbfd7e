"""The local leaderboard: win rates per model from blind votes, and the words the panel shows for them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.words import translate

from .chat import Reply
from .compare import ranking

if TYPE_CHECKING:
    from app.store import ModelWins

LABELS = "ABCDEFGH"  # pane labels; a comparison has 2 to 8 panes


@dataclass(frozen=True, slots=True)
class Standing:
    """One (provider, model) on the board: its wins out of the voted runs it took part in."""

    provider: str
    model: str
    wins: int
    votes: int
    provider_name: str = ""  # as people read it ("OpenAI"); the id when not given

    @property
    def win_rate(self) -> float:
        return self.wins / self.votes if self.votes else 0.0

    @property
    def text(self) -> str:
        """`gpt-4o-mini (OpenAI): 2 of 3 votes won, 67%`."""
        noun = "vote" if self.votes == 1 else "votes"
        who = self.provider_name or self.provider
        return f"{self.model} ({who}): {self.wins} of {self.votes} {noun} won, {self.win_rate:.0%}"


def standings(counts: Iterable[ModelWins], name: Callable[[str], str] = lambda pid: pid) -> list[Standing]:
    """Best win rate first; among equal rates, the one with more votes (more evidence) first."""
    rows = [Standing(c.provider, c.model, c.wins, c.appearances, name(c.provider)) for c in counts
            if c.appearances > 0]  # fmt: skip
    return sorted(rows, key=lambda s: (-s.win_rate, -s.votes, s.model, s.provider))


def pane_label(position: int) -> str:
    return LABELS[position]


def target_title(provider: str, model_field: str, name: str = "") -> str:
    """`OpenAI · gpt-4o-mini`: the provider's name (or id) and the model without the base URL part of a pane's
    field (`model@http://...`)."""
    from .endpoints import parse_target

    try:
        model = parse_target(f"{provider}:{model_field.strip()}").model
    except ValueError:
        model = model_field.strip()
    return f"{name or provider} · {model}"


MEASURES: tuple[tuple[str, str, Callable[[Reply], float | None]], ...] = (
    ("ttft_ms", translate("Leaderboard", "First token"), lambda r: r.ttft_ms),
    ("tokens_per_second", translate("Leaderboard", "Fastest output"), lambda r: r.tokens_per_second),
    ("cost_usd", translate("Leaderboard", "Cheapest"), lambda r: r.cost_usd),
)


def ranking_text(replies: Sequence[Reply]) -> str:
    """`First token: B, A, C · Fastest output: A, B · Cheapest: —`, best first (core's `ranking`); a pane
    without a figure for a measure (failed, unpriced, no tokens reported) is left out of that measure."""
    order = ranking(replies)
    said: str = ""
    for key, title, value in MEASURES:  # Words all the way, so that the window says each measure in its language
        shown = [pane_label(i) for i in order[key] if replies[i].error is None and value(replies[i]) is not None]
        part = translate("Leaderboard", "{measure}: {panes}").format(measure=title,
                                                                     panes=", ".join(shown) if shown else "—")
        said = translate("Leaderboard", "{measures} · {measure}").format(measures=said, measure=part) if said else part
    return said
