"""Prompt sets: several prompts against several targets, a grid of results, exported as CSV or Markdown.

Qt-free. The runner holds one semaphore per provider id, so a big grid never floods one provider.
"""

from __future__ import annotations

import asyncio
import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from app.providers import STOPPED_BY_USER, ChatRequest, Message
from app.words import reason, translate

from .chat import ChatRun, NullObserver, Reply
from .resilience import Resilience, Target

if TYPE_CHECKING:
    from app.store import ComparisonRun

    from .comparison import PaneTarget
    from .runtime import Runtime
    from .turn import Refusal

EXCERPT_CHARS = 80
COLUMNS = ("prompt", "target", "status", "ttft_ms", "duration_ms", "cost_usd", "excerpt")


def parse_prompts(text: str) -> list[str]:
    """Prompts from pasted text or a file: blank-line separated blocks when there are any, else one per line."""
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return []
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
        return [b.strip() for b in blocks if b.strip()]
    return [line.strip() for line in text.split("\n") if line.strip()]


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _ms(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def _usd(value: float | None) -> str:
    return "" if value is None else f"{value:.6f}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One prompt asked of one target: what the grid shows and the exports write."""

    reply: Reply

    @property
    def status(self) -> str:
        return self.reply.status

    @property
    def excerpt(self) -> str:
        r = self.reply
        if r.error is not None and not r.text:
            return excerpt(f"[{r.status}] {r.error.describe()}")
        return excerpt(r.text)

    @property
    def latency(self) -> str:
        """`ttft / duration` in ms, for the grid."""
        return f"{_ms(self.reply.ttft_ms) or '–'} / {_ms(self.reply.duration_ms) or '–'} ms"

    @property
    def cost(self) -> str:
        return "" if self.reply.cost_usd is None else f"${self.reply.cost_usd:.6f}"

    def row(self) -> list[str]:
        r = self.reply
        return [r.status, _ms(r.ttft_ms), _ms(r.duration_ms), _usd(r.cost_usd), self.excerpt]


@dataclass
class PromptGrid:
    """Rows are prompts, columns are targets (labels like `openai:gpt-4o-mini`); a cell is empty until it ends."""

    prompts: list[str]
    targets: list[str]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.prompts), len(self.targets)

    @property
    def complete(self) -> bool:
        return len(self.cells) == len(self.prompts) * len(self.targets)

    def set(self, row: int, col: int, reply: Reply) -> Cell:
        cell = self.cells[(row, col)] = Cell(reply)
        return cell

    def cell(self, row: int, col: int) -> Cell | None:
        return self.cells.get((row, col))

    def records(self) -> list[list[str]]:
        """One record per cell, row by row: prompt, target, then `Cell.row` (blank when the cell never ran)."""
        out = []
        for r, prompt in enumerate(self.prompts):
            for c, target in enumerate(self.targets):
                cell = self.cell(r, c)
                out.append([prompt, target, *(cell.row() if cell else ["pending", "", "", "", ""])])
        return out

    def to_csv(self) -> str:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(self.records())
        return buf.getvalue()

    def to_markdown(self) -> str:
        """A table shaped like the grid: one row per prompt, one column per target."""

        def esc(s: str) -> str:
            return " ".join(s.split()).replace("|", "\\|")

        lines = ["| Prompt | " + " | ".join(esc(t) for t in self.targets) + " |",
                 "|---" * (len(self.targets) + 1) + "|"]  # fmt: skip
        for r, prompt in enumerate(self.prompts):
            row = [esc(prompt)]
            for c in range(len(self.targets)):
                cell = self.cell(r, c)
                row.append("_pending_" if cell is None else
                           esc(f"{cell.excerpt} ({cell.latency}{', ' + cell.cost if cell.cost else ''})"))  # fmt: skip
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines) + "\n"


@dataclass
class PromptSetRun:
    """Asks every prompt of every chain; at most `limit` requests in flight per provider id at any moment."""

    resilience: Resilience
    chains: Sequence[Sequence[Target]]
    grid: PromptGrid
    limit: int = 2
    on_cell: Callable[[int, int, Reply], None] = lambda _r, _c, _reply: None
    price: Callable[[Reply], None] = lambda _reply: None
    templates: Sequence[ChatRequest] = ()  # per column: its parameters (temperature, max tokens...); prompts go in
    semaphores: dict[str, asyncio.Semaphore] = field(init=False, default_factory=dict)
    stopped: bool = field(init=False, default=False)
    _tasks: list[asyncio.Task[None]] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        limit = max(1, self.limit)
        for chain in self.chains:
            self.semaphores.setdefault(chain[0].provider, asyncio.Semaphore(limit))

    async def execute(self) -> PromptGrid:
        self._tasks = [asyncio.ensure_future(self._cell(r, c))
                       for r in range(len(self.grid.prompts)) for c in range(len(self.chains))]  # fmt: skip
        try:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        except asyncio.CancelledError:
            self.stop()
            await asyncio.gather(*self._tasks, return_exceptions=True)
            raise
        return self.grid

    async def _cell(self, row: int, col: int) -> None:
        chain = self.chains[col]
        messages = (Message("user", self.grid.prompts[row]),)
        template = self.templates[col] if col < len(self.templates) else None
        request = replace(template, messages=messages) if template is not None else \
            ChatRequest(model=chain[0].model, messages=messages)  # fmt: skip
        run = ChatRun(self.resilience, chain, request, NullObserver())
        try:
            async with self.semaphores[chain[0].provider]:
                await run.execute()
        except asyncio.CancelledError:
            if run.reply.error is None:
                from app.providers import make_error

                run.reply.finish_reason = "cancelled"
                run.reply.error = make_error("cancelled", STOPPED_BY_USER, provider=run.reply.provider)
            self._finish(row, col, run.reply)
            raise
        self._finish(row, col, run.reply)

    def _finish(self, row: int, col: int, reply: Reply) -> None:
        self.price(reply)
        self.grid.set(row, col, reply)
        self.on_cell(row, col, reply)

    def stop(self) -> None:
        self.stopped = True
        for task in self._tasks:
            if not task.done():
                task.cancel()


class PromptSetSession:
    """A prompt set as the compare panel runs it: the panes' targets checked and looked up as a comparison's
    are, one stored comparison run per prompt under one prompt-set key, one ledger row per cell."""

    def __init__(self, runtime: Runtime, on_cell: Callable[[int, int, Reply], None] = lambda _r, _c, _reply: None
                 ) -> None:  # fmt: skip
        self.runtime = runtime
        self.on_cell = on_cell
        self.runs: list[ComparisonRun] = []  # the stored runs of the last prompt set, one per prompt
        self.prompt_set_key: str | None = None  # what those runs share in the store
        self.run: PromptSetRun | None = None

    async def start(self, prompts: list[str], targets: Sequence[PaneTarget]) -> PromptSetRun | Refusal:
        """A run ready to `execute()`, or why it cannot go."""
        from .comparison import pane_chains, pane_requests
        from .turn import Refusal

        await self.runtime.catalog()  # cells are priced on this thread as they end
        services = self.runtime.services()
        try:
            specs, templates = pane_requests(targets)
            chains = await pane_chains(services, specs, targets)
        except ValueError as exc:
            hint = translate("Comparison", "Check each pane's provider, model and parameters.")
            return Refusal(problem=reason(exc), hint=hint)
        grid = PromptGrid(prompts, [f"{s.provider}:{s.model}" for s in specs])
        self._store_runs(prompts, [(s.provider, s.model) for s in specs], [t.params() for t in targets])
        self.run = PromptSetRun(Resilience(services.client), chains, grid, limit=services.settings.compare_concurrency,
                                on_cell=self._cell, price=services.price_reply, templates=templates)  # fmt: skip
        return self.run

    def _store_runs(self, prompts: list[str], targets: list[tuple[str, str]], params: list[dict[str, object]]) -> None:
        self.runs, self.prompt_set_key = [], None
        store = self.runtime.store
        if store is None:
            return
        import uuid

        from .leaderboard import pane_label

        key = self.prompt_set_key = uuid.uuid4().hex
        labels = [pane_label(i) for i in range(len(targets))]
        self.runs = [store.create_comparison(prompt, targets, labels=labels, params=params, prompt_set=key)
                     for prompt in prompts]  # fmt: skip

    def _cell(self, row: int, col: int, reply: Reply) -> None:
        store = self.runtime.store
        if store is not None:
            from .history import log_attempts

            ids = log_attempts(store, reply, "compare", None, None)
            if row < len(self.runs) and ids:
                store.set_pane_result(self.runs[row].panes[col].id, request_id=ids[-1])
            self.runtime.cost_lookups.answered(ids)
        self.on_cell(row, col, reply)
