"""Which events a question is about (a typed filter) and where in time order it resumes (a key)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

from ktimeline.store import dates

# Events sort by (date_lo, date_hi, id) everywhere: the timeline, its pages, search stepping.
TIME_ORDER = ("e.date_lo", "e.date_hi", "e.id")


class Clause(NamedTuple):
    """A piece of an SQL condition over ``events e`` with its parameters."""

    sql: str
    params: tuple[Any, ...] = ()


class TimelineKey(NamedTuple):
    """Keyset position in the timeline: an event's place in time order."""

    date_lo: str
    date_hi: str
    id: str

    @classmethod
    def of(cls, row: dict[str, Any]) -> TimelineKey:
        return cls(row["date_lo"], row["date_hi"], row["id"])


class EventFilter(NamedTuple):
    """Events that may fall in [date_from, date_to], of a kind, with a person (and every one of
    ``also_present``) present, with a participant on a side (KP, RU, SU, other).
    ``EventFilter()`` is the empty filter: every event."""

    date_from: dates.PartialDate | None = None
    date_to: dates.PartialDate | None = None
    kind: str | None = None
    person_id: str | None = None
    side: str | None = None
    also_present: tuple[str, ...] = ()  # more people, every one of them present too

    @property
    def is_empty(self) -> bool:
        return not any((self.date_from, self.date_to, self.kind, self.person_id, self.side,
                        self.also_present))

    @property
    def active(self) -> bool:
        return not self.is_empty

    def clauses(self) -> list[Clause]:
        """The conditions this filter puts on ``events e`` (none when it is empty)."""
        found: list[Clause] = []
        if self.date_from:
            found.append(Clause("e.date_hi >= ?", (self.date_from.lo,)))
        if self.date_to:
            found.append(Clause("e.date_lo <= ?", (self.date_to.hi,)))
        if self.kind:
            found.append(Clause("e.kind = ?", (self.kind,)))
        if self.person_id:
            found.append(Clause(
                "e.id IN (SELECT event_id FROM participations WHERE person_id = ?)",
                (self.person_id,)))
        for person_id in self.also_present:
            found.append(Clause(
                "e.id IN (SELECT event_id FROM participations WHERE person_id = ?)",
                (person_id,)))
        if self.side:
            found.append(Clause(
                "e.id IN (SELECT event_id FROM participations WHERE side = ?)", (self.side,)))
        return found


EVERY_EVENT = EventFilter()


def beyond(key: TimelineKey | None, backwards: bool = False,
           inclusive: bool = False) -> list[Clause]:
    """The events after ``key`` in time order (before it, ``backwards``; ``inclusive`` takes the
    key's own event too): the one keyset condition that paging, stepping and ranking share."""
    if key is None:
        return []
    op = ("<" if backwards else ">") + ("=" if inclusive else "")
    return [Clause(f"({', '.join(TIME_ORDER)}) {op} (?, ?, ?)",
                   (key.date_lo, key.date_hi, key.id))]


def order_by(backwards: bool = False) -> str:
    direction = "DESC" if backwards else "ASC"
    return "ORDER BY " + ", ".join(f"{column} {direction}" for column in TIME_ORDER)


def where(*groups: list[Clause]) -> tuple[str, list[Any]]:
    """``WHERE a AND b`` (or nothing) and its parameters, from lists of clauses."""
    clauses = [clause for group in groups for clause in group]
    if not clauses:
        return "", []
    return ("WHERE " + " AND ".join(c.sql for c in clauses),
            [param for c in clauses for param in c.params])


def conjoin(*groups: list[Clause]) -> tuple[str, list[Any]]:
    """``AND a AND b`` to follow a condition of the caller's (or nothing)."""
    clauses = [clause for group in groups for clause in group]
    return ("".join(f" AND {c.sql}" for c in clauses),
            [param for c in clauses for param in c.params])


def keyset_pages(read: Callable[[TimelineKey | None], list[dict[str, Any]]],
                 page_size: int) -> Iterator[list[dict[str, Any]]]:
    """Pages of ``read(after)`` (at most ``page_size`` rows after a key, in time order) until one
    comes back short: the loop every whole-listing reader shares."""
    key: TimelineKey | None = None
    while True:
        page = read(key)
        if page:
            yield page
        if len(page) < page_size:
            return
        key = TimelineKey.of(page[-1])
