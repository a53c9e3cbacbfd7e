"""API keys for tests: obviously fake, never shaped like a real one (see the rules in ARCHITECTURE.md)."""

from __future__ import annotations

from pathlib import Path

FAKE_KEY = "test-key-not-real"


def files_holding(root: Path, secret: str) -> list[Path]:
    """Every file below `root` whose bytes contain `secret` (a key must be on no disk but the keychain's)."""
    return [p for p in root.rglob("*") if p.is_file() and secret.encode() in p.read_bytes()]
