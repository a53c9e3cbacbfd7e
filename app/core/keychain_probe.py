"""Whether the keychain works and which providers have a key, asked from a child process at start-up.

Loading the keychain library and finding a backend (D-Bus, Secret Service) costs ~100 ms and ~10 MB that stay
for the whole session; the window needs the answer only on a first run, to decide on the welcome view and say
whether keys can be stored. A child (`parley --keychain-probe`, or `python -m app --keychain-probe`) asks the
keychain and prints one JSON line: the keychain's status and, per provider, where its key lives — never a key.
When this process has its keychain loaded already (or tests use the in-memory one), it is asked here instead.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

from .keys import KeychainStatus, KeySource, KeyStore

PROBE_ARG = "--keychain-probe"
_SOURCES = ("keychain", "env", "session")
log = logging.getLogger("parley")


def probe(keys: KeyStore, provider_ids: Sequence[str]) -> tuple[KeychainStatus, dict[str, KeySource | None]]:
    """The keychain's status and where each provider's key is (blocking: call it off the event loop)."""
    if keys.backend_loaded or os.environ.get("PARLEY_KEYRING") == "memory":
        return keys.status(), keys.sources(list(provider_ids))
    try:
        return _in_child(provider_ids)
    except (OSError, ValueError, KeyError, subprocess.SubprocessError) as exc:
        log.warning("keychain probe in a child process failed (%s); asking here", exc)
        return keys.status(), keys.sources(list(provider_ids))


def _command() -> list[str]:
    if getattr(sys, "frozen", False):  # the bundle's executable is the app itself
        return [sys.executable, PROBE_ARG]
    return [sys.executable, "-m", "app", PROBE_ARG]


def _in_child(provider_ids: Sequence[str]) -> tuple[KeychainStatus, dict[str, KeySource | None]]:
    done = subprocess.run([*_command(), *provider_ids], capture_output=True, text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    status = KeychainStatus(bool(found["available"]), str(found["backend"]), str(found["explanation"]))
    sources: dict[str, KeySource | None] = {}
    for pid in provider_ids:
        source = found["sources"].get(pid)
        if source is not None and source not in _SOURCES:
            raise ValueError(f"unknown key source {source!r}")
        sources[pid] = source
    return status, sources


def run_probe(provider_ids: Sequence[str]) -> int:
    """The child's side: one JSON line with the status and the sources (no key), exit 0."""
    keys = KeyStore()
    status = keys.status()
    print(json.dumps({"available": status.available, "backend": status.backend, "explanation": status.explanation,
                      "sources": keys.sources(list(provider_ids))}), flush=True)  # fmt: skip
    return 0
