"""Derive the posts and rank a person held on a date: terms bounded by what the record excludes.

A term is an appointment-to-departure span whose ends are partial dates. It is *certain* on the
days every reading of its dates covers (from the latest possible start to the earliest possible
end) and *possible* on the other days some reading covers, less every day a fact of the record
excludes: the post's existence, the holder's life, another certain holder of a single-holder post,
the holder's own other terms of the same post. A rank is in effect from one change to the next;
without a recorded demotion a rank never falls, so a higher rank surely reached earlier, or a
lower one surely held later, excludes it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Generic, NamedTuple, TypeVar

from ktimeline.store.dates import EARLIEST, LATEST, Certainty, PartialDate, parse

T = TypeVar("T")


class Span(NamedTuple):
    """Inclusive ISO day bounds."""

    lo: str
    hi: str

    def covers(self, when: PartialDate) -> bool:
        return self.lo <= when.lo and when.hi <= self.hi

    def meets(self, when: PartialDate) -> bool:
        return self.lo <= when.hi and when.lo <= self.hi

    def meets_span(self, other: Span) -> bool:
        return self.lo <= other.hi and other.lo <= self.hi


class Life(NamedTuple):
    born: PartialDate | None = None
    died: PartialDate | None = None

    def excludes(self, when: PartialDate) -> bool:
        return bool((self.born and when.hi < self.born.lo)
                    or (self.died and when.lo > self.died.hi))


class PostFacts(NamedTuple):
    single_holder: bool = True
    established: PartialDate | None = None
    abolished: PartialDate | None = None


class TermFacts(NamedTuple):
    """A term as curated: who held which post, from ``start`` to ``end`` (None: still held)."""

    person_id: str
    post_id: str
    start: PartialDate
    end: PartialDate | None

    @property
    def end_lo(self) -> str:
        return self.end.lo if self.end else LATEST

    @property
    def end_hi(self) -> str:
        return self.end.hi if self.end else LATEST

    @property
    def core(self) -> Span | None:
        """The days every reading of the dates covers, if any."""
        return Span(self.start.hi, self.end_lo) if self.start.hi <= self.end_lo else None


class Window(NamedTuple):
    """Where a term is certain, and where it is possible at all after the record's exclusions:
    within ``possible`` but never wholly within one of ``holes`` (another holder's certain days,
    which the term must lie before or after)."""

    certain: Span | None
    possible: Span | None
    holes: tuple[Span, ...] = ()

    def certainty_at(self, when: PartialDate) -> Certainty | None:
        if self.certain is not None and self.certain.covers(when):
            return Certainty.CERTAIN
        if self.possible is not None and self.possible.meets(when) \
                and not any(hole.covers(when) for hole in self.holes):
            return Certainty.POSSIBLE
        return None


def windows(terms: Sequence[TermFacts], posts: Mapping[str, PostFacts],
            lives: Mapping[str, Life]) -> list[Window]:
    """Each term's window, in the order given: one pass over the whole record, since another
    holder's certain days bound a term's unknown ends."""
    certain = [_clamped_core(term, posts.get(term.post_id), lives.get(term.person_id))
               for term in terms]
    by_post: dict[str, list[int]] = defaultdict(list)
    for index, term in enumerate(terms):
        by_post[term.post_id].append(index)
    result = []
    for index, term in enumerate(terms):
        post = posts.get(term.post_id) or PostFacts()
        lo, hi = _outer(term, post, lives.get(term.person_id) or Life())
        holes = []
        for other in by_post[term.post_id]:
            blocker = certain[other]
            rival = terms[other].person_id != term.person_id
            if other == index or blocker is None or (rival and not post.single_holder):
                continue
            # The term is one stretch of days sharing none with another's certain days (but a
            # handover day): it lies wholly before them or wholly after them.
            before, after = fits_before(term, blocker), fits_after(term, blocker)
            if after and not before:
                lo = max(lo, blocker.hi)
            elif before and not after:
                hi = min(hi, blocker.lo)
            elif before and after:
                hole = inner_days(blocker)
                if hole is not None:
                    holes.append(hole)
            else:
                lo, hi = LATEST, EARLIEST  # no reading fits: the check reports it
        possible = Span(lo, hi) if lo <= hi else None
        core = certain[index]
        if core is not None and possible is not None:
            core = Span(max(core.lo, lo), min(core.hi, hi))
            core = core if core.lo <= core.hi else None
        result.append(Window(core if possible else None, possible,
                             tuple(h for h in holes if possible and h.meets_span(possible))))
    return result


def fits_before(term: TermFacts, blocker: Span) -> bool:
    """Whether some reading of the term ends by the first of ``blocker``'s days."""
    return term.end_lo <= blocker.lo and term.start.lo <= blocker.lo


def fits_after(term: TermFacts, blocker: Span) -> bool:
    """Whether some reading of the term starts on or after the last of ``blocker``'s days."""
    return term.start.hi >= blocker.hi and term.end_hi >= blocker.hi


def inner_days(span: Span) -> Span | None:
    """The days of ``span`` but its first and last (which a handover may share)."""
    first = datetime.date.fromisoformat(span.lo) + datetime.timedelta(days=1)
    last = datetime.date.fromisoformat(span.hi) - datetime.timedelta(days=1) \
        if span.hi < LATEST else datetime.date.fromisoformat(span.hi)
    return Span(first.isoformat(), last.isoformat()) if first <= last else None


def _outer(term: TermFacts, post: PostFacts, life: Life) -> tuple[str, str]:
    lo, hi = term.start.lo, term.end_hi
    for bound in (post.established, life.born):
        if bound is not None:
            lo = max(lo, bound.lo)
    for bound in (post.abolished, life.died):
        if bound is not None:
            hi = min(hi, bound.hi)
    return lo, hi


def _clamped_core(term: TermFacts, post: PostFacts | None, life: Life | None) -> Span | None:
    core = term.core
    if core is None:
        return None
    lo, hi = _outer(term, post or PostFacts(), life or Life())
    lo, hi = max(core.lo, lo), min(core.hi, hi)
    return Span(lo, hi) if lo <= hi else None


class Term(NamedTuple):
    """A term with its window, as the query side reads it."""

    post_id: str
    start: PartialDate
    end: PartialDate | None
    window: Window


class RankRecord(NamedTuple):
    """A rank in effect from ``date`` on: a promotion, demotion, restoration, or attested holding.

    ``held`` records are written with an on-or-before date (``..2019-04-24``): the rank is known
    to be in effect at the upper bound and may have started at any time before. ``seniority``
    orders ranks of one ``system``.
    """

    rank_id: str
    change: str
    date: PartialDate
    seniority: int = 0
    system: str = ""

    @property
    def attested_from(self) -> str:
        """The earliest day the rank can be the one this record speaks of: an attested rank
        (``..2015``) is seen some time within its upper date, a change no earlier than it."""
        if self.change == "held":
            return parse(self.date.text.partition("..")[2] or self.date.text).lo
        return self.date.lo


class Held(NamedTuple, Generic[T]):
    record: T
    certainty: Certainty


def posts_at(terms: Sequence[Term], when: PartialDate) -> list[Held[Term]]:
    held = []
    for term in terms:
        certainty = term.window.certainty_at(when)
        if certainty is not None:
            held.append(Held(term, certainty))
    held.sort(key=lambda h: (h.certainty != Certainty.CERTAIN, h.record.start.lo))
    return held


def ranks_at(records: Sequence[RankRecord], when: PartialDate,
             life: Life | None = None) -> list[Held[RankRecord]]:
    """The rank in effect on ``when``: certain when the latest surely-earlier record can't have
    been overtaken before ``when``; otherwise every candidate the rank order leaves, each
    possible."""
    if life is not None and life.excludes(when):
        return []
    # The latest record surely before `when` that the rank order does not rule out (an
    # attestation of a lower rank may be dated after a promotion it must have preceded).
    surely_before = [r for r in records if r.date.hi <= when.lo
                     and not _order_excludes(r, records, when)]
    latest = max(surely_before, key=lambda r: (r.date.hi, r.date.lo), default=None)
    # Records that may or may not have happened by `when` leave the rank open.
    undecided = [
        r for r in records
        if r.date.lo <= when.hi and r.date.hi > when.lo
        and (latest is None or r.rank_id != latest.rank_id)
    ]
    candidates = ([latest] if latest is not None else []) + sorted(
        undecided, key=lambda r: (r.change == "held", r.date.lo, r.date.hi))
    candidates = [r for r in candidates if r is latest or not _order_excludes(r, records, when)]
    seen: set[str] = set()
    distinct = []
    for record in candidates:
        if record.rank_id not in seen:
            seen.add(record.rank_id)
            distinct.append(record)
    # With a record surely before `when`, the rank is one of the candidates: if the rank order
    # leaves one, it is the rank.
    if latest is not None and len(distinct) == 1:
        return [Held(distinct[0], Certainty.CERTAIN)]
    return [Held(record, Certainty.POSSIBLE) for record in distinct]


def _order_excludes(candidate: RankRecord, records: Sequence[RankRecord],
                    when: PartialDate) -> bool:
    """Whether the rank order rules ``candidate`` out on ``when``: a higher rank surely reached
    before, or a lower rank surely in effect after, with no recorded demotion in between."""
    for other in records:
        if other.system != candidate.system or other.rank_id == candidate.rank_id:
            continue
        higher_before = other.seniority > candidate.seniority and other.date.hi <= when.lo
        if higher_before and not _demotion_within(records, other.date.lo, when.hi):
            return True
        lower_after = other.seniority < candidate.seniority and other.attested_from >= when.hi
        if lower_after and not _demotion_within(records, when.lo, other.date.hi):
            return True
    return False


def _demotion_within(records: Sequence[RankRecord], lo: str, hi: str) -> bool:
    return any(r.change == "demotion" and r.date.lo <= hi and r.date.hi >= lo for r in records)
