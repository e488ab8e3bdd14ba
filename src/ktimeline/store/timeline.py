"""The timeline: events in time order under a filter, by keyset pages, counts and positions."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from ktimeline.store import dates
from ktimeline.store.filters import (
    EVERY_EVENT,
    EventFilter,
    TimelineKey,
    beyond,
    keyset_pages,
    order_by,
    where,
)
from ktimeline.store.reading import EVENT_COLUMNS, Reading, Row

_FROM_EVENTS = "FROM events e LEFT JOIN places p ON p.id = e.place_id"


class Timeline(Reading):
    """Events in time order: (date_lo, date_hi, id)."""

    _positions: bool | None = None

    def page(self, after: TimelineKey | None = None, limit: int = 100,
             matching: EventFilter = EVERY_EVENT, backwards: bool = False) -> list[Row]:
        """Up to ``limit`` events after (or, backwards, before) ``after``, in time order."""
        condition, params = where(matching.clauses(), beyond(after, backwards))
        rows = self.all(f"SELECT {EVENT_COLUMNS} {_FROM_EVENTS} {condition} "
                        f"{order_by(backwards)} LIMIT ?", [*params, limit])
        return rows[::-1] if backwards else rows

    def pages(self, matching: EventFilter = EVERY_EVENT,
              page_size: int = 500) -> Iterator[list[Row]]:
        """Every matching event in time order, ``page_size`` at a time, read as they are asked
        for: memory does not grow with the number of events."""
        return keyset_pages(lambda after: self.page(after, page_size, matching), page_size)

    def count(self, matching: EventFilter = EVERY_EVENT) -> int:
        if matching.is_empty and self.rowids_are_positions():
            return self._last_rowid()  # count(*) reads every row: ~0.3 s at 1M events
        condition, params = where(matching.clauses())
        return int(self.scalar(f"SELECT count(*) FROM events e {condition}", params))

    def kinds(self) -> list[str]:
        """Every kind, in order: one seek of events_by_kind per kind (DISTINCT would read the
        whole index, ~30 MB at 1M events)."""
        kinds: list[str] = []
        while True:
            sql = "SELECT min(kind) FROM events" + (" WHERE kind > ?" if kinds else "")
            kind = self.scalar(sql, kinds[-1:])
            if kind is None:
                return kinds
            kinds.append(str(kind))

    def sides(self) -> list[str]:
        """The sides people attended meetings on (derived at build time: no scan)."""
        return [str(r["side"]) for r in self.all(
            "SELECT side FROM participant_sides ORDER BY side")]

    def year_counts(self, matching: EventFilter = EVERY_EVENT) -> list[tuple[str, int]]:
        """(year of date_lo, number of events) in time order, for year headings."""
        if matching.is_empty and self.rowids_are_positions():
            return self._year_counts_by_seek()
        condition, params = where(matching.clauses())
        return [(str(r[0]), int(r[1])) for r in self.connection.execute(
            f"SELECT substr(e.date_lo, 1, 4) AS year, count(*) FROM events e {condition} "
            "GROUP BY year ORDER BY year", params)]

    def _year_counts_by_seek(self) -> list[tuple[str, int]]:
        """Year counts with one index seek per year: the first event of each year and its
        position (rowid - 1); a year's count is the gap to the next year's first event."""
        firsts: list[tuple[str, int]] = []
        after = ""
        while True:
            row = self.connection.execute(
                "SELECT date_lo, rowid FROM events WHERE date_lo >= ? "
                "ORDER BY date_lo, date_hi, id LIMIT 1", [after]).fetchone()
            if row is None:
                break
            year = str(row[0])[:4]
            firsts.append((year, int(row[1])))
            after = f"{int(year) + 1:04d}" if year.isdigit() else year + "\uffff"
        ends = [rowid for _year, rowid in firsts[1:]] + [self._last_rowid() + 1]
        return [(year, end - rowid) for (year, rowid), end in zip(firsts, ends, strict=True)]

    def key_of(self, event_id: str) -> TimelineKey | None:
        row = self.one("SELECT date_lo, date_hi, id FROM events WHERE id = ?", [event_id])
        return TimelineKey.of(row) if row else None

    def rank(self, key: TimelineKey, matching: EventFilter = EVERY_EVENT) -> int:
        """How many matching events sort before ``key`` (its 0-based position in the timeline)."""
        if matching.is_empty and self.rowids_are_positions():
            return self._position_at_or_after(key)  # an index seek, not a count
        condition, params = where(matching.clauses(), beyond(key, backwards=True))
        return int(self.scalar(f"SELECT count(*) FROM events e {condition}", params))

    def nearest(self, when: dates.PartialDate,
                matching: EventFilter = EVERY_EVENT) -> Row | None:
        """The matching event nearest ``when``: the first inside it, else the closer neighbour."""
        start = TimelineKey(when.lo, "", "")
        after = self.page(start, 1, matching)
        before = self.page(start, 1, matching, backwards=True)
        if after and after[0]["date_lo"] <= when.hi:
            return after[0]
        if not after or not before:
            found = after or before
            return found[0] if found else None
        gap_after = _days_between(when.hi, after[0]["date_lo"])
        gap_before = _days_between(before[0]["date_hi"], when.lo)
        return after[0] if gap_after <= gap_before else before[0]

    def matches(self, event_id: str, matching: EventFilter = EVERY_EVENT) -> bool:
        condition, params = where(matching.clauses())
        condition = f"{condition} AND e.id = ?" if condition else "WHERE e.id = ?"
        return self.scalar(f"SELECT 1 FROM events e {condition}", [*params, event_id]) is not None

    def event_ids(self) -> list[str]:
        """Every event id (to suggest the nearest ones for a mistyped id)."""
        return [str(r[0]) for r in self.connection.execute("SELECT id FROM events")]

    # -- positions --------------------------------------------------------------------------
    # build.py and synthetic.py insert events in time order into a fresh table, so event rowids
    # are 1..N in (date_lo, date_hi, id) order: the unfiltered position of an event is its rowid
    # minus one. That turns counts over the whole timeline (O(N)) into index seeks (O(log N)).
    def rowids_are_positions(self) -> bool:
        """Whether rowid - 1 is an event's position in the unfiltered timeline.

        Checked once, cheaply: the first event in time order has rowid 1 and the last has the
        largest rowid. (A store is written once by our builders and never edited, so the ends
        agreeing means the builder kept the order.)
        """
        if self._positions is None:
            first = self.scalar("SELECT rowid FROM events ORDER BY date_lo, date_hi, id LIMIT 1")
            last = self.scalar("SELECT rowid FROM events "
                               "ORDER BY date_lo DESC, date_hi DESC, id DESC LIMIT 1")
            self._positions = first is None or (first == 1 and last == self._last_rowid())
        return self._positions

    def _last_rowid(self) -> int:
        return int(self.scalar("SELECT coalesce(max(rowid), 0) FROM events"))

    def _position_at_or_after(self, key: TimelineKey) -> int:
        """Unfiltered position of the first event at or after ``key`` (N when none is)."""
        rowid = self.scalar(
            "SELECT rowid FROM events WHERE (date_lo, date_hi, id) >= (?, ?, ?) "
            "ORDER BY date_lo, date_hi, id LIMIT 1", [key.date_lo, key.date_hi, key.id])
        return int(rowid) - 1 if rowid is not None else self._last_rowid()

    def key_at(self, position: int, matching: EventFilter = EVERY_EVENT) -> TimelineKey | None:
        """The key of the event at ``position`` of the unfiltered timeline, found by rowid;
        None when filtered or when rowids are not positions (then walk by keyset instead)."""
        if not matching.is_empty or not self.rowids_are_positions():
            return None
        row = self.one("SELECT date_lo, date_hi, id FROM events WHERE rowid = ?", [position + 1])
        return TimelineKey.of(row) if row else None


def _days_between(earlier: str, later: str) -> int:
    try:
        return abs((datetime.date.fromisoformat(later) - datetime.date.fromisoformat(earlier)).days)
    except ValueError:
        return 10**9
