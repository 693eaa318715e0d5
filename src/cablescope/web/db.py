"""Database access for the web app: readers on their own connections, one writer at a time.

Each worker thread keeps its own read-only `Store` (SQLite in WAL mode lets them all read while an
ingest writes, from this server or from `cablescope ingest` in another process). Writes go
through one lock-guarded writable `Store`, opened on first use. Every statement run for a request
is bounded by `WebConfig.query_seconds` through SQLite's progress handler.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from starlette.exceptions import HTTPException

from cablescope.store import Store
from cablescope.web.config import WebConfig

T = TypeVar("T")
log = logging.getLogger("cablescope.web")

# SQLite calls the progress handler every this many virtual-machine instructions.
_PROGRESS_STEPS = 10_000


class Database:
    """The stores one app uses; safe to share between worker threads."""

    def __init__(self, config: WebConfig) -> None:
        self.config = config
        self._local = threading.local()
        self._all: list[Store] = []
        self._all_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._writer: Store | None = None
        self._generation = 0  # bumped by close(): threads then open fresh readers

    def reader(self) -> Store:
        """This thread's read-only store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None or self._local.generation != self._generation:
            store = Store.open(self.config.db, readonly=True)
            self._limit(store)
            self._local.store = store
            self._local.generation = self._generation
            with self._all_lock:
                self._all.append(store)
        return store

    @contextmanager
    def reading(self, seconds: float | None = None) -> Iterator[Store]:
        """A reader whose statements stop after `seconds` (default `query_seconds`; a 503 says
        so). A trace passes its own `trace_seconds`: its many queries share one deadline."""
        store = self.reader()
        seconds = self.config.query_seconds if seconds is None else seconds
        self._local.deadline = time.monotonic() + seconds
        try:
            yield store
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise HTTPException(
                    503, f"the query took longer than {seconds:g} s and was "
                         "stopped: narrow it down") from exc
            raise
        finally:
            self._local.deadline = None

    @contextmanager
    def exporting(self, seconds: float = 300.0) -> Iterator[Store]:
        """A store of its own for a streamed response: the stream is iterated from changing
        worker threads, so it must not borrow a thread's reader. Bounded by `seconds`."""
        store = Store.open(self.config.db, readonly=True)
        deadline = time.monotonic() + seconds
        store.connection.set_progress_handler(lambda: int(time.monotonic() > deadline),
                                              _PROGRESS_STEPS)
        try:
            yield store
        finally:
            store.close()

    def warm(self) -> None:
        """Load or build the search columns before the first request, outside any request's time
        limit: at full size a build takes longer than the limit, and a build stopped by it would
        start again with the next search, and never end (a read-only server cannot save them)."""
        from cablescope.search.columns import columns

        store = self.reader()
        try:
            columns(store.connection)
        except sqlite3.Error as exc:  # a search will say what is wrong, with its own message
            log.warning("search columns not loaded before serving: %s", exc)

    def write(self, work: Callable[[Store], T]) -> T:
        """Run `work` on the one writable store, one write at a time."""
        with self._write_lock:
            if self._writer is None:
                self._writer = Store.open(self.config.db)
            return work(self._writer)

    def close(self) -> None:
        """Close every connection this app opened."""
        with self._all_lock:
            stores, self._all = self._all, []
            self._generation += 1
        for store in stores:
            store.close()
        with self._write_lock:
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    def _limit(self, store: Store) -> None:
        conn = _connection(store)
        local = self._local

        def over_time() -> int:
            deadline = getattr(local, "deadline", None)
            return int(deadline is not None and time.monotonic() > deadline)

        conn.set_progress_handler(over_time, _PROGRESS_STEPS)


def _connection(store: Store) -> sqlite3.Connection:
    """The store's SQLite connection, for the time limit."""
    return store.connection
