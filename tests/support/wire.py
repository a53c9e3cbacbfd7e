"""The recorded provider traffic copied from shared/wire into tests/data/wire, served as replies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .loopback import Reply

WIRE = Path(__file__).resolve().parent.parent / "data" / "wire"


def cases(protocol: str | None = None, provider: str | None = None) -> list[dict[str, Any]]:
    out = []
    for path in sorted(WIRE.glob("*/*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if protocol and case["protocol"] != protocol:
            continue
        if provider and case["provider"] != provider:
            continue
        out.append(case)
    return out


def reply_for(case: dict[str, Any], chunk_size: int = 97) -> Reply:
    """Serve the recorded body byte-exact, in small odd-sized chunks so decoders see every split."""
    body = case["response_body"].encode("utf-8")
    chunks: list[Any] = [body[i : i + chunk_size] for i in range(0, len(body), chunk_size)]
    return Reply(case["response_status"], dict(case["response_headers"]), chunks)
