"""Searching events: what a typed text finds (words of the events, and the meetings of a person
it surely names), listed, counted and stepped through in time order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ktimeline.store import fulltext
from ktimeline.store.filters import (
    EVERY_EVENT,
    Clause,
    EventFilter,
    TimelineKey,
    beyond,
    conjoin,
    keyset_pages,
    order_by,
)
from ktimeline.store.reading import EVENT_COLUMNS, Reading, Row

if TYPE_CHECKING:
    from ktimeline.store.queries import Store

# A search that names a person this surely (95: their whole name, in any spelling system) finds
# their meetings too; a surname alone (90) names too many people to mean their meetings.
SURE_NAME_SCORE = 95


class Search(Reading):
    """Events matching a text, in time order."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self._sure: dict[str, tuple[str, ...]] = {}
        self._sure_lock = threading.Lock()

    def sure_people(self, text: str) -> tuple[str, ...]:
        """The people a search surely names (the same spelling or whole-name key as one of their
        forms), whose meetings the search finds too; remembered per text (a search asks on
        every page of the timeline)."""
        found = self._sure.get(text)
        if found is None:
            matches = self.store.people.name_index().find(text, limit=5) if text.strip() else []
            found = tuple(m.person_id for m in matches if m.score >= SURE_NAME_SCORE)
            with self._sure_lock:
                if len(self._sure) > 64:
                    self._sure.clear()
                self._sure[text] = found
        return found

    def _match(self, text: str) -> fulltext.Match | None:
        """The events that mention ``text`` or that a person it surely names attended."""
        return fulltext.match_or_attended(text, self.sure_people(text))

    def events(self, text: str, limit: int = 50) -> list[Row]:
        """Events whose titles, summaries or place mention ``text``, in time order."""
        found = self._match(text)
        if found is None:
            return []
        return self.all(
            f"SELECT {EVENT_COLUMNS} FROM {found.source} "
            f"LEFT JOIN places p ON p.id = e.place_id WHERE {found.condition} "
            f"ORDER BY {found.in_time_order} LIMIT ?", [*found.params, limit])

    def pages(self, text: str, matching: EventFilter = EVERY_EVENT,
              page_size: int = 500) -> Iterator[list[Row]]:
        """Every event that mentions ``text`` and matches the filter, in time order, a page at a
        time (what the explorer's search walks with n/N, whole: for an export)."""
        found = self._match(text)
        if found is None:
            return iter(())

        def read(after: TimelineKey | None) -> list[Row]:
            condition, params = conjoin(matching.clauses(), beyond(after))
            return self.all(
                f"SELECT {EVENT_COLUMNS} FROM {found.source} "
                f"LEFT JOIN places p ON p.id = e.place_id WHERE {found.condition}{condition} "
                f"{order_by()} LIMIT ?", [*found.params, *params, page_size])

        return keyset_pages(read, page_size)

    def count(self, text: str, cap: int = fulltext.COUNT_CAP) -> int:
        """How many events match ``text``, counting no further than ``cap``."""
        found = self._match(text)
        if found is None:
            return 0
        return int(self.scalar(
            f"SELECT count(*) FROM (SELECT 1 FROM {found.source} WHERE {found.condition} "
            "LIMIT ?)", [*found.params, cap]))

    def step(self, text: str, after: TimelineKey | None, matching: EventFilter = EVERY_EVENT,
             backwards: bool = False) -> Row | None:
        """The next (or previous) event after ``after`` that mentions ``text`` and matches."""
        found = self._match(text)
        if found is None:
            return None
        condition, params = conjoin(matching.clauses(), beyond(after, backwards))
        return self.one(
            f"SELECT e.id, e.date_lo, e.date_hi FROM {found.source} "
            f"WHERE {found.condition}{condition} {order_by(backwards)} LIMIT 1",
            [*found.params, *params])

    def hits(self, text: str, event_ids: list[str]) -> set[str]:
        """Which of ``event_ids`` mention ``text`` (to mark matches on a page of the timeline)."""
        found = self._match(text)
        if found is None or not event_ids:
            return set()
        among = Clause(f"e.id IN ({', '.join('?' * len(event_ids))})", tuple(event_ids))
        condition, params = conjoin([among])
        return {r["id"] for r in self.all(
            f"SELECT e.id FROM {found.source} WHERE {found.condition}{condition}",
            [*found.params, *params])}

    def rank(self, text: str, key: TimelineKey) -> int:
        """The place (1-based) of the event at ``key`` among all the events that mention
        ``text``, in time order: the k of "k of N"."""
        found = self._match(text)
        if found is None:
            return 0
        condition, params = conjoin(beyond(key, backwards=True, inclusive=True))
        return int(self.scalar(
            f"SELECT count(*) FROM {found.source} WHERE {found.condition}{condition}",
            [*found.params, *params]))
