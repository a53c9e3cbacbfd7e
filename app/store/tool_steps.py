"""The steps of an answer that used tools: per model call, its text, the calls it asked for and their results.

An answer's own row holds the whole text the user saw; its steps say how it was reached, so that the history
sent to a model holds every call and result. Each step is written once, when its calls have their results (a
crash loses at most the step in flight). Core owns the JSON shapes (calls, results, signed reasoning); the
store keeps them as given and indexes their words for search.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .base import StoreBase
from .errors import NotFoundError
from .records import load_json, now_utc, to_stamp

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ToolStepRow:
    """One model call of an answer: its text, calls ([{id, name, arguments, ...}]), results ([{call_id, text,
    is_error, ...}]) and signed reasoning, as core wrote them."""

    message_id: int
    step: int
    text: str = ""
    calls: tuple[Json, ...] = field(default=(), repr=False)
    results: tuple[Json, ...] = field(default=(), repr=False)
    signed: tuple[Json, ...] = field(default=(), repr=False)

    def to_json(self) -> Json:
        return {"step": self.step, "text": self.text, "calls": list(self.calls), "results": list(self.results),
                "signed": list(self.signed)}  # fmt: skip


def search_text(calls: Iterable[Mapping[str, Any]], results: Iterable[Mapping[str, Any]]) -> str:
    """The words a search finds a step by: each call's name and arguments, each result's text and error."""
    words: list[str] = []
    for call in calls:
        words.append(str(call.get("name", "")))
        args = call.get("arguments")
        words.append(args if isinstance(args, str) else json.dumps(args, ensure_ascii=False))
    for result in results:
        words += [str(result.get(k) or "") for k in ("text", "error")]
    return "\n".join(w for w in words if w)


def step_from_row(row: sqlite3.Row) -> ToolStepRow:
    return ToolStepRow(row["message_id"], row["step"], row["text"], tuple(load_json(row["calls_json"], [])),
                       tuple(load_json(row["results_json"], [])), tuple(load_json(row["signed_json"], [])))  # fmt: skip


def insert_step(conn: sqlite3.Connection, message_id: int, step: ToolStepRow | Mapping[str, Any]) -> None:
    """Write one step of `message_id` inside the caller's transaction (an import uses it too)."""
    values = step.to_json() if isinstance(step, ToolStepRow) else step
    calls, results = list(values.get("calls") or []), list(values.get("results") or [])
    conn.execute(
        "INSERT INTO message_tool_steps (message_id, step, text, calls_json, results_json, signed_json, "
        "search_text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (message_id, int(values["step"]), str(values.get("text") or ""), json.dumps(calls, ensure_ascii=False),
         json.dumps(results, ensure_ascii=False), json.dumps(list(values.get("signed") or []), ensure_ascii=False),
         search_text(calls, results), to_stamp(now_utc())),
    )  # fmt: skip


class ToolStepsMixin(StoreBase):
    def add_tool_step(self, message_id: int, step: int, text: str = "", *, calls: Sequence[Json] = (),
                      results: Sequence[Json] = (), signed: Sequence[Json] = ()) -> None:  # fmt: skip
        """Record step `step` (1 for the first model call) of the answer `message_id`; a step is written once."""
        if step < 1:
            raise ValueError(f"steps count from 1, not {step}")
        row = ToolStepRow(message_id, step, text, tuple(calls), tuple(results), tuple(signed))
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM messages WHERE id = ?", (message_id,)).fetchone() is None:
                raise NotFoundError("message", message_id)
            insert_step(conn, message_id, row)

    def tool_steps(self, message_ids: Iterable[int]) -> dict[int, list[ToolStepRow]]:
        """The steps of each of these answers that has any, in step order (one query for them all)."""
        ids = sorted(set(message_ids))
        out: dict[int, list[ToolStepRow]] = {}
        for start in range(0, len(ids), 500):  # SQLite's limit on bound parameters
            chunk = ids[start : start + 500]
            rows = self._all(
                "SELECT message_id, step, text, calls_json, results_json, signed_json FROM message_tool_steps "
                f"WHERE message_id IN ({', '.join('?' * len(chunk))}) ORDER BY message_id, step",
                chunk,
            )
            for row in rows:
                out.setdefault(row["message_id"], []).append(step_from_row(row))
        return out
