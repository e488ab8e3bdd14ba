"""The read-only query API that the CLI and the UI share: one ``Store`` per store file, owning
its connections (one per thread) and the families of queries by concern. Results are the public
JSON shapes."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from ktimeline.store.citing import Citing
from ktimeline.store.connections import Connections
from ktimeline.store.db import open_store
from ktimeline.store.events import Events
from ktimeline.store.filters import EVERY_EVENT, EventFilter, TimelineKey
from ktimeline.store.holdings import Holdings, summary_fields
from ktimeline.store.people import People, PersonMatch, Resolution
from ktimeline.store.reading import Row
from ktimeline.store.search import SURE_NAME_SCORE, Search
from ktimeline.store.timeline import Timeline
from ktimeline.store.views import Views

__all__ = ["EVERY_EVENT", "SURE_NAME_SCORE", "EventFilter", "PersonMatch", "Resolution", "Row",
           "Store", "TimelineKey", "summary_fields"]


class Store:
    """A read-only view over one events.db.

    Ask it by concern: ``timeline`` (filters, keyset pages, positions), ``search``,
    ``events`` (an event, participants, sources), ``holdings`` (posts and ranks on a date),
    ``people`` (profiles, name matches, the resolver), ``citing`` (sources, conflicts) and
    ``views`` (the line-up on a date, a post's holders). Each thread reads on a connection of
    its own, opened on its first question.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.path = path
        self._connections = Connections(path, connection)
        self.timeline = Timeline(self)
        self.search = Search(self)
        self.events = Events(self)
        self.holdings = Holdings(self)
        self.people = People(self)
        self.citing = Citing(self)
        self.views = Views(self)

    @classmethod
    def open(cls, path: Path) -> Store:
        return cls(open_store(path), path)

    @property
    def connection(self) -> sqlite3.Connection:
        """The calling thread's connection."""
        return self._connections.current()

    def close(self) -> None:
        self._connections.close()

    def sibling(self) -> Store:
        """The same store with connections of its own that ``stop_when`` can cancel (a long
        search stopped there never stops the pages read here)."""
        assert self.path is not None
        other = Store.open(self.path)
        other.people.share_index_of(self.people)
        return other

    def stop_when(self, cancelled: Callable[[], bool]) -> None:
        """Abandon any statement (sqlite3.OperationalError "interrupted") once ``cancelled()``,
        asked in the thread running it every few thousand steps, is true."""
        self._connections.stop_when(cancelled)

    def interrupt(self) -> None:
        """Abandon what runs on any of this store's connections now (from any thread)."""
        self._connections.interrupt()
