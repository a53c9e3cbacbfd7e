"""Where a failed connection's fault lies: a server on this machine that is not running, or something remote.

A connection refused by this machine (a local server such as Ollama or LM Studio that is not started) will
not change in the seconds a retry waits, so it is not retried: a fallback chain moves on at once. A refusal
from elsewhere (a load balancer restarting) may pass, and is retried like any transient network fault."""

from __future__ import annotations

import errno
import ipaddress

import httpx

_REFUSED = {errno.ECONNREFUSED, 10061}  # 10061: Windows' WSAECONNREFUSED


def refused(exc: BaseException) -> bool:
    """The connection was refused (nothing listens on that port), somewhere down the exception's causes."""
    seen: BaseException | None = exc
    for _ in range(8):  # httpx -> httpcore -> OSError("All connection attempts failed") -> ConnectionRefusedError
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError) or (isinstance(seen, OSError) and seen.errno in _REFUSED):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def on_this_machine(url: str) -> bool:
    """The URL's host is this machine: localhost, a loopback address, or the unspecified address."""
    try:
        host = httpx.URL(url).host
    except (httpx.InvalidURL, TypeError):
        return False
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
