"""How long a provider asks us to wait: Retry-After, retry-after-ms, and Gemini's retryDelay."""

from __future__ import annotations

import email.utils
import json
import math
import re
import time
from collections.abc import Mapping
from typing import Any

_DURATION = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)s\s*$")


def retry_after_seconds(headers: Mapping[str, str], body: str = "", now: float | None = None) -> float | None:
    """Seconds to wait, or None when the response does not say."""
    ms = headers.get("retry-after-ms")
    if ms:
        try:
            return _finite(float(ms) / 1000.0)
        except ValueError:
            pass
    ra = headers.get("retry-after")
    if ra:
        try:
            return _finite(float(ra))
        except ValueError:
            when = email.utils.parsedate_to_datetime(ra) if _looks_like_date(ra) else None
            if when is not None:
                return max(0.0, when.timestamp() - (time.time() if now is None else now))
    return _gemini_retry_delay(body)


def _finite(seconds: float) -> float | None:
    """A wait a JSON line can carry: NaN or infinity from a hostile header means "not said"."""
    return max(0.0, seconds) if math.isfinite(seconds) else None


def _looks_like_date(value: str) -> bool:
    try:
        return email.utils.parsedate_to_datetime(value) is not None
    except (TypeError, ValueError):
        return False


def _gemini_retry_delay(body: str) -> float | None:
    if "retryDelay" not in body:
        return None
    try:
        data: Any = json.loads(body)
    except ValueError:
        return None
    if isinstance(data, list) and data:
        data = data[0]
    err = data.get("error") if isinstance(data, dict) else None
    details = err.get("details", []) if isinstance(err, dict) else []
    for d in details if isinstance(details, list) else []:
        if isinstance(d, dict) and isinstance(d.get("retryDelay"), str):
            m = _DURATION.match(d["retryDelay"])
            if m:
                return _finite(float(m.group(1)))
    return None
