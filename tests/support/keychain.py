"""A keychain backend that holds every look-up until the test lets it go, as one showing an unlock prompt does."""

from __future__ import annotations

import threading

WAIT_S = 10.0


class GatedKeyring:
    """A keyring backend (for `KeyStore(backend=...)`): `asked` is set when a look-up starts, which then waits
    for `release()`. It holds no keys: lookups fall through to session keys and environment variables."""

    priority = 1

    def __init__(self) -> None:
        self.asked = threading.Event()
        self._released = threading.Event()

    def release(self) -> None:
        self._released.set()

    def get_password(self, service: str, username: str) -> str | None:
        self.asked.set()
        if not self._released.wait(WAIT_S):
            raise RuntimeError("the gated keychain was never released")
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise RuntimeError("the gated keychain keeps nothing")

    def delete_password(self, service: str, username: str) -> None:
        raise RuntimeError("the gated keychain keeps nothing")
