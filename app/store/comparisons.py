"""Comparison runs: one prompt sent to several (provider, model) panes, and the user's votes.

A natural way for core to keep the answers: the run's prompt is a user message and each pane's
answer an assistant child of it, so the panes are siblings in one conversation and "continue with
this one" is `set_current_leaf`. The run, its panes and its votes outlive that conversation.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from .base import StoreBase
from .errors import NotFoundError
from .records import ComparisonPane, ComparisonRun, ComparisonVote, ModelWins, from_stamp, now_utc, to_stamp

_PANE_COLUMNS = "id, run_id, position, provider, model, label, message_id, request_id"


def _pane(row: sqlite3.Row) -> ComparisonPane:
    return ComparisonPane(**dict(row))


def _vote(row: sqlite3.Row) -> ComparisonVote:
    return ComparisonVote(
        id=row["id"],
        run_id=row["run_id"],
        winner_pane_id=row["winner_pane_id"],
        ranking=tuple(json.loads(row["ranking_json"])),
        created_at=from_stamp(row["created_at"]),
    )


class ComparisonsMixin(StoreBase):
    def create_comparison(
        self, prompt: str, targets: Sequence[tuple[str, str]], *, conversation_id: int | None = None,
        labels: Sequence[str | None] = (), params: Sequence[Mapping[str, object]] = (),
        prompt_set: str | None = None,
    ) -> ComparisonRun:  # fmt: skip
        """A run with one pane per (provider, model) target, in order (position 0, 1, ...).

        `params`: each pane's request parameters (JSON-able, e.g. `{"temperature": 0.2}`), read back with
        `pane_parameters`. `prompt_set`: a key shared by the runs of one prompt-set run (one run per prompt).
        """
        stamp = to_stamp(now_utc())
        with self._write() as conn:
            cursor = conn.execute(
                "INSERT INTO comparison_runs (prompt, conversation_id, created_at, prompt_set) VALUES (?, ?, ?, ?)",
                (prompt, conversation_id, stamp, prompt_set),
            )
            run_id = cursor.lastrowid
            for position, (provider, model) in enumerate(targets):
                label = labels[position] if position < len(labels) else None
                pane_params = dict(params[position]) if position < len(params) else {}
                conn.execute(
                    "INSERT INTO comparison_panes (run_id, position, provider, model, label, params_json) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (run_id, position, provider, model, label, json.dumps(pane_params, sort_keys=True)),
                )
        assert run_id is not None
        return self.comparison(run_id)

    def set_pane_result(self, pane_id: int, *, message_id: int | None = None, request_id: int | None = None) -> None:
        """Link a pane to the message holding its answer and the request that produced it."""
        if not self._run(
            "UPDATE comparison_panes SET message_id = COALESCE(?, message_id), "
            "request_id = COALESCE(?, request_id) WHERE id = ?",
            (message_id, request_id, pane_id),
        ):
            raise NotFoundError("comparison pane", pane_id)

    def set_comparison_conversation(self, run_id: int, conversation_id: int) -> None:
        """The conversation a run was continued into (a fresh-prompt run gets one only then)."""
        if not self._run("UPDATE comparison_runs SET conversation_id = ? WHERE id = ?", (conversation_id, run_id)):
            raise NotFoundError("comparison run", run_id)

    def record_vote(self, run_id: int, *, winner_pane_id: int | None = None, ranking: Sequence[int] = ()) -> int:
        """Record the user's verdict: a winner, a full ranking of pane ids (best first), or neither (a tie)."""
        with self._write() as conn:
            panes = {r[0] for r in conn.execute("SELECT id FROM comparison_panes WHERE run_id = ?", (run_id,))}
            if not panes and conn.execute("SELECT 1 FROM comparison_runs WHERE id = ?", (run_id,)).fetchone() is None:
                raise NotFoundError("comparison run", run_id)
            strangers = {p for p in (winner_pane_id, *ranking) if p is not None} - panes
            if strangers:
                raise ValueError(f"panes {sorted(strangers)} are not part of comparison run {run_id}")
            if winner_pane_id is None and ranking:
                winner_pane_id = ranking[0]
            cursor = conn.execute(
                "INSERT INTO comparison_votes (run_id, winner_pane_id, ranking_json, created_at) VALUES (?, ?, ?, ?)",
                (run_id, winner_pane_id, json.dumps(list(ranking)), to_stamp(now_utc())),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def comparison(self, run_id: int) -> ComparisonRun:
        with self._snapshot() as conn:
            run = conn.execute(
                "SELECT id, prompt, conversation_id, created_at FROM comparison_runs WHERE id = ?", (run_id,)
            ).fetchone()
            if run is None:
                raise NotFoundError("comparison run", run_id)
            panes = conn.execute(
                f"SELECT {_PANE_COLUMNS} FROM comparison_panes WHERE run_id = ? ORDER BY position", (run_id,)
            ).fetchall()
            votes = conn.execute(
                "SELECT id, run_id, winner_pane_id, ranking_json, created_at FROM comparison_votes "
                "WHERE run_id = ? ORDER BY id",
                (run_id,),
            ).fetchall()
        return ComparisonRun(
            id=run["id"],
            prompt=run["prompt"],
            conversation_id=run["conversation_id"],
            created_at=from_stamp(run["created_at"]),
            panes=tuple(_pane(p) for p in panes),
            votes=tuple(_vote(v) for v in votes),
        )

    def pane_parameters(self, run_id: int) -> list[dict[str, object]]:
        """Each pane's request parameters, in pane order (`{}` for a pane that used the defaults)."""
        rows = self._all(
            "SELECT params_json FROM comparison_panes WHERE run_id = ? ORDER BY position", (run_id,)
        )
        if not rows and not self._all("SELECT 1 FROM comparison_runs WHERE id = ?", (run_id,)):
            raise NotFoundError("comparison run", run_id)
        return [dict(json.loads(r[0])) for r in rows]

    def prompt_set_runs(self, prompt_set: str) -> list[ComparisonRun]:
        """The runs of one prompt-set run (one per prompt), in the order they were created."""
        ids = [r[0] for r in self._all(
            "SELECT id FROM comparison_runs WHERE prompt_set = ? ORDER BY id", (prompt_set,)
        )]  # fmt: skip
        return [self.comparison(i) for i in ids]

    def comparison_run_prompt_set(self, run_id: int) -> str | None:
        """The prompt-set key of a run (None for a single comparison)."""
        row = self._one("SELECT prompt_set FROM comparison_runs WHERE id = ?", (run_id,))
        if row is None:
            raise NotFoundError("comparison run", run_id)
        return str(row[0]) if row[0] is not None else None

    def comparison_wins(self) -> list[ModelWins]:
        """Wins and appearances (in voted runs) of every pane target, most wins first."""
        rows = self._all(
            """SELECT p.provider, p.model,
                   SUM(CASE WHEN v.winner_pane_id = p.id THEN 1 ELSE 0 END) AS wins, COUNT(*) AS appearances
               FROM comparison_votes v JOIN comparison_panes p ON p.run_id = v.run_id
               GROUP BY p.provider, p.model ORDER BY wins DESC, appearances DESC, p.provider, p.model"""
        )
        return [ModelWins(r[0], r[1], r[2], r[3]) for r in rows]
