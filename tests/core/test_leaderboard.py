"""The local leaderboard's order and words, and the ranking line under the comparison panes."""

from __future__ import annotations

from pathlib import Path

from app.core.chat import Reply
from app.core.leaderboard import pane_label, ranking_text, standings
from app.providers import Usage, make_error
from app.store import ModelWins, open_store


def test_best_rate_first_and_more_votes_break_ties() -> None:
    board = standings([ModelWins("openai", "a", 1, 2), ModelWins("groq", "b", 3, 3), ModelWins("x-ai", "c", 1, 1),
                       ModelWins("openai", "d", 2, 4), ModelWins("openai", "never", 0, 0)])  # fmt: skip
    assert [s.model for s in board] == ["b", "c", "d", "a"]  # unvoted targets are left out
    assert board[0].text == "b (groq): 3 of 3 votes won, 100%"
    assert board[1].text == "c (x-ai): 1 of 1 vote won, 100%"
    assert board[2].win_rate == 0.5


def test_votes_from_the_store_become_standings(tmp_path: Path) -> None:
    store = open_store(tmp_path / "votes.db")
    try:
        for winner in (0, 0, 1):
            run = store.create_comparison("q", [("openai", "gpt-4o-mini"), ("anthropic", "claude")])
            store.record_vote(run.id, winner_pane_id=run.panes[winner].id)
        board = standings(store.comparison_wins())
    finally:
        store.close()
    assert [(s.model, s.wins, s.votes) for s in board] == [("gpt-4o-mini", 2, 3), ("claude", 1, 3)]


def _reply(ttft: float | None, duration: float | None, out: int | None, cost: float | None,
           failed: bool = False) -> Reply:  # fmt: skip
    r = Reply("openai", "m", ttft_ms=ttft, duration_ms=duration, usage=Usage(output_tokens=out), cost_usd=cost)
    if failed:
        r.error = make_error("bad_request", "no", provider="openai")
    return r


def test_ranking_line_leaves_out_panes_without_a_figure() -> None:
    replies = [_reply(300, 1300, 100, 0.002), _reply(100, 2100, 100, None), _reply(None, 50, None, None, True),
               _reply(200, 700, 100, 0.001)]  # fmt: skip
    assert ranking_text(replies) == "First token: B, D, A · Fastest output: D, A, B · Cheapest: D, A"
    assert pane_label(7) == "H"


def test_a_pane_title_leaves_the_base_url_out() -> None:
    from app.core.leaderboard import target_title

    assert target_title("openai", "gpt-4o-mini@http://127.0.0.1:8080/v1") == "openai · gpt-4o-mini"
    assert target_title("ollama", " llama3.2:1b ") == "ollama · llama3.2:1b"
