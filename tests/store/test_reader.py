"""The store's second connection for long reads in another thread: the loop's writes never wait for it."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from app.store import Store, StoreError


def test_the_reader_sees_what_was_written_and_writes_nothing(store: Store) -> None:
    reader = store.reader()
    assert reader is store.reader() and reader.reader() is reader  # one, made on first use
    store.log_request(provider="openai", requested_model="gpt-4o-mini", cost_usd=0.25, input_tokens=10)
    assert reader.spend().requests == 1 and reader.spend().total_usd == pytest.approx(0.25)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.log_request(provider="openai", requested_model="gpt-4o-mini")


def test_a_long_read_in_a_thread_does_not_hold_up_a_write(store: Store) -> None:
    reader = store.reader()
    reading, done = threading.Event(), threading.Event()

    def long_read() -> None:
        with reader._snapshot() as conn:  # a read transaction held open, as a month of the ledger would
            conn.execute("SELECT COUNT(*) FROM requests").fetchone()
            reading.set()
            done.wait(10)

    worker = threading.Thread(target=long_read)
    worker.start()
    try:
        assert reading.wait(10)
        began = time.monotonic()
        store.log_request(provider="openai", requested_model="gpt-4o-mini", cost_usd=0.5)  # on the other connection
        waited = time.monotonic() - began
        assert waited < 5  # not held up until the read ends (it would wait the whole 10 s on one connection)
        assert store.spend().requests == 1
    finally:
        done.set()
        worker.join()
    assert reader.spend().requests == 1  # the next read sees it


def test_the_reader_closes_with_the_store(store: Store) -> None:
    reader = store.reader()
    store.close()
    with pytest.raises(sqlite3.ProgrammingError):
        reader.spend()
    with pytest.raises(StoreError, match="closed"):
        store.reader()


def test_without_a_second_connection_reads_go_through_the_first(store: Store, monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:  # fmt: skip
    from app.store import db

    def refused(_path: object) -> sqlite3.Connection:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(db, "_connect", refused)
    store.log_request(provider="openai", requested_model="gpt-4o-mini", cost_usd=0.25)
    assert store.reader() is store  # the cost panel still reads, through the one connection
    assert store.reader().spend().requests == 1
