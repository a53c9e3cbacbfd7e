"""Suite-wide guards: no network beyond loopback, every user directory in a temp dir, no real keys."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from app.store import Store

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_local(address: object) -> bool:
    if isinstance(address, (str, bytes)):  # AF_UNIX (D-Bus, X11)
        return True
    if isinstance(address, tuple) and address:
        host = address[0]
        if host in ("localhost",):
            return True
        try:
            return ipaddress.ip_address(host).is_loopback
        except ValueError:
            return False
    return False


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")
    _real_connect(self, address)  # type: ignore[arg-type]


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_local(address):
        raise ConnectionRefusedError(f"tests may only connect to loopback, not {address!r}")
    return _real_connect_ex(self, address)  # type: ignore[arg-type]


socket.socket.connect = _guarded_connect  # type: ignore[method-assign]
socket.socket.connect_ex = _guarded_connect_ex  # type: ignore[method-assign]

def _key_variables() -> tuple[str, ...]:
    """Every variable a provider key (or an admin key) is read from, from the catalog itself: a provider added
    to the catalog can never have a developer's real key reach a test."""
    from app.core.admin_keys import ADMIN_KEYS
    from app.providers.catalog import key_variables

    return (*key_variables(), *(spec.env_var for spec in ADMIN_KEYS.values()))


_KEY_VARS = _key_variables()


@pytest.fixture(autouse=True)
def parley_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every user directory points into a temp dir; no developer key or keychain is ever touched."""
    home = tmp_path / "parley-home"
    home.mkdir()
    monkeypatch.setenv("PARLEY_HOME", str(home))
    monkeypatch.setenv("PARLEY_KEYRING", "memory")
    for var in _KEY_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.delenv("HTTPS_PROXY", raising=False)
    monkeypatch.delenv("HTTP_PROXY", raising=False)
    monkeypatch.delenv("ALL_PROXY", raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("PARLEY_LANGUAGE", "en")  # whatever the machine's language; tests that want another set it
    yield home


def must_run() -> bool:
    """In CI (PARLEY_CI=1) a test that needs Xvfb or a Secret Service must run, never skip."""
    return os.environ.get("PARLEY_CI") == "1"


@pytest.fixture
def loopback() -> Iterator[object]:
    from tests.support.loopback import LoopbackServer

    server = LoopbackServer().start()
    yield server
    server.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh database file in this test's temp dir, closed after the test."""
    from app.store import open_store

    with open_store(tmp_path / "parley.db") as opened:
        yield opened


@pytest.fixture
def secret_service(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A real Secret Service (private dbus-daemon + gnome-keyring) for this test only."""
    from tests.support.secret_service import NoSecretService, private_secret_service

    try:
        with private_secret_service(tmp_path / "keyring") as env:
            for k, v in env.items():
                monkeypatch.setenv(k, v)
            monkeypatch.delenv("PARLEY_KEYRING", raising=False)
            yield env
    except NoSecretService as exc:
        if must_run():
            pytest.fail(f"CI must run the keychain tests: {exc}")
        pytest.skip(str(exc))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI (PARLEY_CI=1, Linux) nothing may skip: a skipped Xvfb, keychain or bundle test is a failure."""
    outcome = yield
    report = outcome.get_result()
    if must_run() and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped in CI, which must run every test: {reason}"
