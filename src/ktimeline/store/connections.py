"""One read-only connection per thread to one store, opened on a thread's first question.

The explorer asks from about ten threads at once (pages, details, search, the name index): on a
shared connection each waited for whatever the others were running (a detail read sat ~0.3 s
behind a scan right after the first paint at 300k events). SQLite readers of a file never block
one another, so each thread gets its own connection.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from ktimeline.store.db import StoreError, reopen_store

# How many SQLite steps run between two asks of a ``stop_when`` predicate.
PROGRESS_STEPS = 100_000


class Connections:
    """The connections of one store, by thread; ``first`` (already checked) is the caller's."""

    def __init__(self, path: Path | None, first: sqlite3.Connection) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._local = threading.local()
        self._local.connection = first
        self._open: dict[int, tuple[threading.Thread, sqlite3.Connection]] = {
            threading.get_ident(): (threading.current_thread(), first)}
        self._stop: Callable[[], bool] | None = None
        self._closed = False

    def current(self) -> sqlite3.Connection:
        """The calling thread's connection, opened now if it has none."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._open_for_this_thread()
        return connection

    def _open_for_this_thread(self) -> sqlite3.Connection:
        if self.path is None:
            raise StoreError("this store was opened on one connection only")
        connection = reopen_store(self.path)
        with self._lock:
            if self._closed:
                connection.close()
                raise StoreError(f"{self.path}: the store was closed")
            self._close_finished_threads()
            if self._stop is not None:
                connection.set_progress_handler(self._stopper(self._stop), PROGRESS_STEPS)
            self._open[threading.get_ident()] = (threading.current_thread(), connection)
        self._local.connection = connection
        return connection

    def _close_finished_threads(self) -> None:
        # Textual's thread workers come from a pool, so few threads ever ask; one that ended
        # takes its connection with it.
        for ident, (thread, connection) in list(self._open.items()):
            if not thread.is_alive():
                connection.close()
                del self._open[ident]

    def every(self) -> list[sqlite3.Connection]:
        with self._lock:
            return [connection for _thread, connection in self._open.values()]

    def stop_when(self, cancelled: Callable[[], bool]) -> None:
        """Abandon any statement (sqlite3.OperationalError "interrupted") once ``cancelled()``,
        asked in the thread running it every few thousand steps, is true: on every connection,
        those open now and those opened later."""
        with self._lock:
            self._stop = cancelled
            for _thread, connection in self._open.values():
                connection.set_progress_handler(self._stopper(cancelled), PROGRESS_STEPS)

    @staticmethod
    def _stopper(cancelled: Callable[[], bool]) -> Callable[[], int]:
        return lambda: int(cancelled())

    def interrupt(self) -> None:
        """Abandon whatever runs on any of the connections now (from any thread)."""
        for connection in self.every():
            connection.interrupt()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for _thread, connection in self._open.values():
                connection.close()
            self._open.clear()
        self._local = threading.local()
