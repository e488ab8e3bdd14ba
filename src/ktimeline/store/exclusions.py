"""The record's exclusion rules, asked one date at a time: an independent check of what is shown.

``store/asof.py`` derives windows once for the whole record; this module asks, for one shown post
or rank on one date, whether any rule rules it out, and says which. Coverage reports how many
shown items it finds (none, when the derivation keeps its promise), and the property tests hold
the two against each other over generated careers.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence

from ktimeline.store.asof import Life, PostFacts, RankRecord, TermFacts
from ktimeline.store.dates import LATEST, PartialDate


def post_exclusion(term: TermFacts, when: PartialDate, posts: Mapping[str, PostFacts],
                   lives: Mapping[str, Life], same_post: Sequence[TermFacts]) -> str | None:
    """The first rule that rules ``term`` out on every day of ``when``; ``same_post`` holds
    every term of the post (the term itself is skipped)."""
    post = posts.get(term.post_id) or PostFacts()
    life = lives.get(term.person_id) or Life()
    if life.excludes(when):
        return "outside the holder's life"
    if post.established and when.hi < post.established.lo:
        return "before the post existed"
    if post.abolished and when.lo > post.abolished.hi:
        return "after the post was abolished"
    days = _days(max(when.lo, term.start.lo), min(when.hi, term.end_hi))
    if not days:
        return "outside the term's own dates"
    for other in same_post:
        if other is term or (other.person_id != term.person_id and not post.single_holder):
            continue
        certain = _certain_days(other, post, lives.get(other.person_id) or Life())
        if certain is not None and not any(_reading_avoids(term, day, certain) for day in days):
            return "another holder's certain tenure leaves no reading"
    return None


def _days(lo: str, hi: str) -> list[str]:
    if lo > hi:
        return []
    first, last = datetime.date.fromisoformat(lo), datetime.date.fromisoformat(min(hi, LATEST))
    return [(first + datetime.timedelta(days=n)).isoformat()
            for n in range((last - first).days + 1)]


def _certain_days(term: TermFacts, post: PostFacts, life: Life) -> tuple[str, str] | None:
    lo, hi = term.start.hi, term.end_lo
    for bound in (post.established, life.born):
        lo = max(lo, bound.lo) if bound else lo
    for bound in (post.abolished, life.died):
        hi = min(hi, bound.hi) if bound else hi
    return (lo, hi) if lo <= hi else None


def _reading_avoids(term: TermFacts, day: str, certain: tuple[str, str]) -> bool:
    """Whether some reading of ``term`` (start s, end e) covers ``day`` and lies wholly before
    or wholly after the ``certain`` days (sharing at most a handover day)."""
    first, last = certain
    start_lo, start_hi, end_lo, end_hi = term.start.lo, term.start.hi, term.end_lo, term.end_hi
    if day <= first and start_lo <= day and max(day, end_lo) <= min(end_hi, first):
        return True
    return day >= last and max(start_lo, last) <= min(start_hi, day) and end_hi >= day


def rank_exclusion(shown: RankRecord, when: PartialDate, records: Sequence[RankRecord],
                   life: Life) -> str | None:
    """The first rule that rules out ``shown``'s rank on ``when``."""
    if life.excludes(when):
        return "outside the holder's life"

    def demoted(lo: str, hi: str) -> bool:
        return any(r.change == "demotion" and r.date.lo <= hi and lo <= r.date.hi
                   for r in records)

    for other in records:
        if other.system != shown.system or other.rank_id == shown.rank_id:
            continue
        higher_before = other.seniority > shown.seniority and other.date.hi <= when.lo
        if higher_before and not demoted(other.date.lo, when.hi):
            return f"{other.rank_id} was reached before, with no demotion since"
        lower_after = other.seniority < shown.seniority and other.attested_from >= when.hi
        if lower_after and not demoted(when.lo, other.date.hi):
            return f"{other.rank_id} is held later, with no demotion between"
    return None
