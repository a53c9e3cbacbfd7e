"""Loopback ports where nothing listens: connecting to them is refused at once (a local server not running)."""

from __future__ import annotations

import socket


def closed_port() -> int:
    """A loopback port that was free a moment ago and that nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def closed_port_url(path: str = "") -> str:
    """`http://127.0.0.1:PORT` plus `path` (such as "/v1"), at a closed port."""
    return f"http://127.0.0.1:{closed_port()}{path}"
