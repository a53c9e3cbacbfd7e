"""Which providers refused reasoning summaries (an OpenAI organisation not verified for them), remembered.

OpenAI answers a request for reasoning summaries with a 400 until the organisation is verified. The request
is then sent again without them, and the refusal is kept in a small file in the cache folder so the next
requests do not ask (and fail) first. It is forgotten after a week: verifying the organisation brings
summaries back without the user having to do anything here.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from .paths import cache_dir

FORGET_AFTER_S = 7 * 24 * 3600
FILE_NAME = "reasoning_summaries_refused.json"


class SummaryMemory:
    def __init__(self, path: Path | None = None, clock: object = time.time) -> None:
        self._path = path
        self._clock = clock if callable(clock) else time.time

    @property
    def path(self) -> Path:
        return self._path or cache_dir() / FILE_NAME

    def _load(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: float(v) for k, v in data.items() if isinstance(k, str) and isinstance(v, (int, float))}

    def refused(self, provider: str) -> bool:
        """True when `provider` refused summaries within the last week."""
        when = self._load().get(provider)
        return when is not None and self._clock() - when < FORGET_AFTER_S

    def remember(self, provider: str) -> None:
        """Note the refusal now. A file that cannot be written only means asking again next time."""
        data = self._load()
        data[provider] = float(self._clock())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps(data), encoding="utf-8")
        except OSError:
            pass
