"""Derive the posts and rank a person held on a date from dated terms and rank changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from ktimeline.store.dates import Certainty, PartialDate, holds_at

T = TypeVar("T")


@dataclass(frozen=True)
class Term:
    post_id: str
    start: PartialDate
    end: PartialDate | None


@dataclass(frozen=True)
class RankRecord:
    """A rank in effect from ``date`` on: a promotion, demotion, restoration, or attested holding.

    ``held`` records are written with an on-or-before date (``..2019-04-24``): the rank is known
    to be in effect at the upper bound and may have started at any time before.
    """

    rank_id: str
    change: str
    date: PartialDate


@dataclass(frozen=True)
class Held(Generic[T]):
    record: T
    certainty: Certainty


def posts_at(terms: list[Term], when: PartialDate) -> list[Held[Term]]:
    held = []
    for term in terms:
        certainty = holds_at(term.start, term.end, when)
        if certainty is not None:
            held.append(Held(term, certainty))
    held.sort(key=lambda h: (h.certainty != Certainty.CERTAIN, h.record.start.lo))
    return held


def ranks_at(records: list[RankRecord], when: PartialDate) -> list[Held[RankRecord]]:
    """The rank in effect on ``when``: certain when the latest surely-earlier record can't have
    been overtaken by another before ``when``; otherwise every candidate, each possible."""
    surely_before = [r for r in records if r.date.hi <= when.lo]
    latest = max(surely_before, key=lambda r: (r.date.hi, r.date.lo), default=None)
    # Records that may or may not have happened by `when` leave the rank open.
    undecided = [
        r for r in records
        if r.date.lo <= when.hi and r.date.hi > when.lo
        and (latest is None or r.rank_id != latest.rank_id)
    ]
    if latest is not None and not undecided:
        return [Held(latest, Certainty.CERTAIN)]
    candidates = ([latest] if latest is not None else []) + sorted(
        undecided, key=lambda r: (r.change == "held", r.date.lo, r.date.hi))
    seen: set[str] = set()
    result = []
    for record in candidates:
        if record.rank_id not in seen:
            seen.add(record.rank_id)
            result.append(Held(record, Certainty.POSSIBLE))
    return result
