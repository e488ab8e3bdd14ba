"""The read-only query API that the CLI and the UI share: one ``Store`` per store file, owning
its connections (one per thread) and the families of queries by concern. Results are the public
JSON shapes."""

from __future__ import annotations

import importlib
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ktimeline.store.connections import Connections
from ktimeline.store.db import open_store
from ktimeline.store.filters import EVERY_EVENT, EventFilter, TimelineKey
from ktimeline.store.reading import Row
from ktimeline.store.timeline import Timeline

if TYPE_CHECKING:
    from ktimeline.store.citing import Citing
    from ktimeline.store.events import Events
    from ktimeline.store.holdings import Holdings, summary_fields
    from ktimeline.store.people import People, PersonMatch, Resolution
    from ktimeline.store.search import SURE_NAME_SCORE, Search
    from ktimeline.store.views import Views

__all__ = ["EVERY_EVENT", "SURE_NAME_SCORE", "EventFilter", "PersonMatch", "Resolution", "Row",
           "Store", "TimelineKey", "summary_fields"]

# Names this module gives from the concerns' modules, imported when first asked for (the
# explorer's first frame needs the timeline only).
_LATER = {"PersonMatch": "people", "Resolution": "people", "summary_fields": "holdings",
          "SURE_NAME_SCORE": "search"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        return getattr(importlib.import_module(f"ktimeline.store.{_LATER[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
        self._concerns: dict[str, Any] = {}
        self._concerns_lock = threading.Lock()

    def _concern(self, module: str, name: str) -> Any:
        """The family of queries ``name`` of ``ktimeline.store.module``, made on first use (its
        module imported then: the explorer's first frame asks only the timeline)."""
        found = self._concerns.get(name)
        if found is None:
            with self._concerns_lock:
                found = self._concerns.get(name)
                if found is None:
                    found = getattr(importlib.import_module(f"ktimeline.store.{module}"),
                                    name)(self)
                    self._concerns[name] = found
        return found

    @property
    def search(self) -> Search:
        return self._concern("search", "Search")  # type: ignore[no-any-return]

    @property
    def events(self) -> Events:
        return self._concern("events", "Events")  # type: ignore[no-any-return]

    @property
    def holdings(self) -> Holdings:
        return self._concern("holdings", "Holdings")  # type: ignore[no-any-return]

    @property
    def people(self) -> People:
        return self._concern("people", "People")  # type: ignore[no-any-return]

    @property
    def citing(self) -> Citing:
        return self._concern("citing", "Citing")  # type: ignore[no-any-return]

    @property
    def views(self) -> Views:
        return self._concern("views", "Views")  # type: ignore[no-any-return]

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
