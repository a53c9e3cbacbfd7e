"""Rules the test suite keeps for itself, so a newcomer's test follows them too."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
PRIVATE_CONNECTION = re.compile(r"\._conn\b")


def test_only_store_sql_reaches_into_a_stores_connection() -> None:
    """Tests use the Store's methods; what none shows (counts, pragmas, plans, a crash) is in support/store_sql.py."""
    allowed = {TESTS / "support" / "store_sql.py", Path(__file__).resolve()}
    offenders = [str(p.relative_to(TESTS)) for p in sorted(TESTS.rglob("*.py"))
                 if p not in allowed and PRIVATE_CONNECTION.search(p.read_text(encoding="utf-8"))]  # fmt: skip
    assert offenders == []
