"""What the store covers, and where it falls short: figures for data/README.md and the tests.

Run ``python -m ktimeline.store.coverage [--db PATH]`` to print the coverage tables in Markdown.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from ktimeline.safetext import visible
from ktimeline.store import dates
from ktimeline.store.asof import Life, PostFacts, RankRecord, TermFacts
from ktimeline.store.db import resolve_path
from ktimeline.store.exclusions import post_exclusion, rank_exclusion
from ktimeline.store.queries import Store

FACT_TABLES = ("events", "participations", "post_terms", "rank_changes")


@dataclass(frozen=True)
class Gap:
    """A participant shown without the post or rank the record should give."""

    event_id: str
    person_id: str
    missing: str  # "post" | "rank"


def decade_of(date_lo: str) -> str:
    return f"{date_lo[:3]}0s"


def gaps(store: Store) -> list[Gap]:
    """Participants without a post on the event date (unless the record shows they had left
    every post), and, holding a post whose holders are serving officers (``military`` posts),
    without a rank."""
    military = store.military_posts()
    found = []
    for event in store.events():
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


def _optional(text: str | None) -> dates.PartialDate | None:
    return dates.parse(text) if text else None


def excluded_shown(store: Store) -> list[Excluded]:
    """Every shown post or rank that a rule of store/exclusions.py rules out on its date."""
    query = store.connection.execute
    lives = {pid: Life(_optional(born), _optional(died))
             for pid, born, died in query("SELECT id, born, died FROM people")}
    posts = {pid: PostFacts(bool(single), _optional(est), _optional(abol)) for pid, single, est,
             abol in query("SELECT id, single_holder, established, abolished FROM posts")}
    terms: dict[str, list[TermFacts]] = defaultdict(list)
    for person_id, post_id, start, end in query(
            "SELECT person_id, post_id, start_date, end_date FROM post_terms ORDER BY id"):
        terms[post_id].append(TermFacts(person_id, post_id, dates.parse(start), _optional(end)))
    ranks: dict[str, list[RankRecord]] = defaultdict(list)
    for person_id, rank_id, change, date, seniority, system in query(
            "SELECT c.person_id, c.rank_id, c.change, c.date, r.seniority, r.system_id "
            "FROM rank_changes c JOIN ranks r ON r.id = c.rank_id ORDER BY c.id"):
        ranks[person_id].append(RankRecord(rank_id, change, dates.parse(date), seniority, system))
    found = []
    for event in store.events():
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
    return sum(1 for event in store.events() for person in event["participants"]
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


def source_shares(store: Store) -> tuple[int, int, int]:
    """(facts citing a primary source, facts citing only encyclopedias, all facts) over events,
    attendances, post terms and rank changes."""
    rows = store.connection.execute(
        "SELECT max(s.kind = 'primary'), min(s.kind = 'reference') FROM citations c "
        "JOIN sources s ON s.id = c.source_id WHERE c.fact_table IN (?, ?, ?, ?) "
        "GROUP BY c.fact_table, c.fact_id", FACT_TABLES).fetchall()
    return sum(r[0] for r in rows), sum(r[1] for r in rows), len(rows)


def report(store: Store) -> str:
    events = store.events()
    by_decade = Counter(decade_of(dates.parse(e["date"]).lo) for e in events)
    by_kind = Counter(e["kind"] for e in events)
    count = store.connection.execute
    figures = {
        table: count(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("events", "people", "names", "post_terms", "rank_changes", "sources",
                      "participations", "conflicts")
    }
    primary_sources = count("SELECT count(*) FROM sources WHERE kind = 'primary'").fetchone()[0]
    with_primary, reference_only, facts = source_shares(store)
    missing = gaps(store)
    possible = possible_attendances(store)
    open_terms, attested_ranks = attestation_counts(store)
    excluded = excluded_shown(store)
    lines = ["| decade | events |", "|---|---|"]
    lines += [f"| {decade} | {n} |" for decade, n in sorted(by_decade.items())]
    lines += ["", "| kind | events |", "|---|---|"]
    lines += [f"| {kind} | {n} |" for kind, n in sorted(by_kind.items(), key=lambda kv: -kv[1])]
    def share(part: int) -> str:
        return percent(part, facts)

    lines += [
        "", "| measure | count |", "|---|---|",
        f"| events | {figures['events']} |",
        f"| decades with events | {len(by_decade)} |",
        f"| people | {figures['people']} (name forms: {figures['names']}) |",
        f"| attendances | {figures['participations']} |",
        f"| post terms | {figures['post_terms']} |",
        f"| rank changes | {figures['rank_changes']} |",
        f"| sources | {figures['sources']} (primary: {primary_sources}) |",
        f"| facts citing a primary source | {with_primary} of {facts} ({share(with_primary)}) |",
        f"| facts resting on encyclopedias alone | {reference_only} of {facts} "
        f"({share(reference_only)}) |",
        f"| recorded conflicts | {figures['conflicts']} |",
        f"| attendances without a post or rank at the date | {len(missing)} |",
        f"| attendances showing a possible post or rank | {possible} of "
        f"{figures['participations']} ({percent(possible, figures['participations'])}) |",
        f"| post terms with an unknown start or end (attestations) | {open_terms} of "
        f"{figures['post_terms']} |",
        f"| rank records that only attest a rank (`held`) | {attested_ranks} of "
        f"{figures['rank_changes']} |",
        f"| shown posts or ranks a rule of the record excludes | {len(excluded)} |",
    ]
    return "\n".join(lines) + "\n"


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ktimeline.store.coverage")
    parser.add_argument("--db", help="store to describe (default: the bundled one)")
    parser.add_argument("--gaps", action="store_true",
                        help="list attendances whose post or rank is missing or not certain, "
                        "and any shown item a rule excludes")
    args = parser.parse_args(argv)
    store = Store.open(Path(resolve_path(args.db)))
    if args.gaps:
        for gap in gaps(store):
            sys.stdout.write(f"{visible(gap.event_id)}\t{visible(gap.person_id)}\t"
                             f"no {visible(gap.missing)}\n")
        for event in store.events():
            for person in event["participants"]:
                for item in person["posts"] + person["ranks"]:
                    if item["certainty"] == "possible":
                        key = item.get("post_id") or item.get("rank_id")
                        sys.stdout.write(f"{visible(event['id'])}\t"
                                         f"{visible(person['person_id'])}\tpossible "
                                         f"{visible(str(key))}\n")
        for found in excluded_shown(store):
            sys.stdout.write(visible(f"{found.event_id}\t{found.person_id}\texcluded "
                                     f"{found.item}: {found.reason}", multiline=True) + "\n")
    else:
        sys.stdout.write(visible(report(store), multiline=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
