"""Where the record's post and rank at the time fall short: gaps, open items, exclusions."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ktimeline.store import dates
from ktimeline.store.asof import Life, PostFacts, RankRecord, TermFacts
from ktimeline.store.exclusions import post_exclusion, rank_exclusion
from ktimeline.store.queries import Store


@dataclass(frozen=True)
class Gap:
    """A participant shown without the post or rank the record should give."""

    event_id: str
    person_id: str
    missing: str  # "post" | "rank"


def gaps(store: Store) -> list[Gap]:
    """Participants without a post on the event date (unless the record shows they had left
    every post), and, holding a post whose holders are serving officers (``military`` posts),
    without a rank."""
    military = store.holdings.military_posts()
    found = []
    for event in store.events.listed():
        for person in event["participants"]:
            if not person["posts"] and not _left_office(store, person["person_id"],
                                                        dates.parse(event["date"])):
                found.append(Gap(event["id"], person["person_id"], "post"))
            elif not person["ranks"] and {p["post_id"] for p in person["posts"]} & military:
                found.append(Gap(event["id"], person["person_id"], "rank"))
    return found


@dataclass(frozen=True)
class Excluded:
    """A post or rank shown at an attendance that a rule of the record rules out."""

    event_id: str
    person_id: str
    item: str
    reason: str


def excluded_shown(store: Store) -> list[Excluded]:
    """Every shown post or rank that a rule of store/exclusions.py rules out on its date."""
    query = store.connection.execute
    lives = {pid: Life(dates.parse_optional(born), dates.parse_optional(died))
             for pid, born, died in query("SELECT id, born, died FROM people")}
    posts = {pid: PostFacts(bool(single), dates.parse_optional(est), dates.parse_optional(abol))
             for pid, single, est, abol in query(
                 "SELECT id, single_holder, established, abolished FROM posts")}
    terms: dict[str, list[TermFacts]] = defaultdict(list)
    for person_id, post_id, start, end in query(
            "SELECT person_id, post_id, start_date, end_date FROM post_terms ORDER BY id"):
        terms[post_id].append(TermFacts(person_id, post_id, dates.parse(start),
                                        dates.parse_optional(end)))
    ranks: dict[str, list[RankRecord]] = defaultdict(list)
    for person_id, rank_id, change, date, seniority, system in query(
            "SELECT c.person_id, c.rank_id, c.change, c.date, r.seniority, r.system_id "
            "FROM rank_changes c JOIN ranks r ON r.id = c.rank_id ORDER BY c.id"):
        ranks[person_id].append(RankRecord(rank_id, change, dates.parse(date), seniority, system))
    found = []
    for event in store.events.listed():
        when = dates.parse(event["date"])
        for person in event["participants"]:
            pid = person["person_id"]
            life = lives.get(pid, Life())
            for post in person["posts"]:
                own = [t for t in terms[post["post_id"]] if t.person_id == pid
                       and t.start.text == post["start"] and (t.end.text if t.end else None)
                       == post["end"]]
                reasons = [post_exclusion(t, when, posts, lives, terms[post["post_id"]])
                           for t in own[:1]]
                found += [Excluded(event["id"], pid, post["post_id"], r) for r in reasons if r]
            for rank in person["ranks"]:
                shown = next(r for r in ranks[pid] if r.rank_id == rank["rank_id"])
                reason = rank_exclusion(shown, when, ranks[pid], life)
                if reason:
                    found.append(Excluded(event["id"], pid, rank["rank_id"], reason))
    return found


def possible_attendances(store: Store) -> int:
    """Attendances showing at least one post or rank the record leaves open that day."""
    return sum(1 for event in store.events.listed() for person in event["participants"]
               if any(item["certainty"] == "possible"
                      for item in person["posts"] + person["ranks"]))


def attestation_counts(store: Store) -> tuple[int, int]:
    """(post terms with an unknown side, rank records that only attest a rank)."""
    query = store.connection.execute
    terms = query("SELECT count(*) FROM post_terms WHERE start_lo = ? OR "
                  "(end_date IS NOT NULL AND end_hi = ?)",
                  [dates.EARLIEST, dates.LATEST]).fetchone()[0]
    held = query("SELECT count(*) FROM rank_changes WHERE change = 'held'").fetchone()[0]
    return int(terms), int(held)


def _left_office(store: Store, person_id: str, when: dates.PartialDate) -> bool:
    """Whether the record shows the person had left every post by then (no post is then a fact,
    not a gap): they held terms, and all of them surely ended before ``when``."""
    ends = store.connection.execute(
        "SELECT count(*), max(end_hi) FROM post_terms WHERE person_id = ?", [person_id]).fetchone()
    return bool(ends[0]) and ends[1] is not None and ends[1] < when.lo
