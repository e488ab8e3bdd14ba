"""What the store covers, and where it falls short: figures for data/README.md and the tests.

Run ``python -m ktimeline.store.coverage [--db PATH]`` to print the coverage tables in Markdown.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from ktimeline.safetext import visible
from ktimeline.store import dates
from ktimeline.store.audit import (
    attestation_counts,
    excluded_shown,
    gaps,
    possible_attendances,
)
from ktimeline.store.db import resolve_path
from ktimeline.store.queries import Store

FACT_TABLES = ("events", "participations", "post_terms", "rank_changes")


def decade_of(date_lo: str) -> str:
    return f"{date_lo[:3]}0s"


def source_shares(store: Store) -> tuple[int, int, int, int]:
    """(facts citing a primary source, facts citing only encyclopedias, facts resting on leads
    alone, all facts) over events, attendances, post terms and rank changes."""
    rows = store.connection.execute(
        "SELECT max(s.kind = 'primary'), min(s.kind = 'reference'), min(s.status = 'lead') "
        "FROM citations c JOIN sources s ON s.id = c.source_id "
        "WHERE c.fact_table IN (?, ?, ?, ?) GROUP BY c.fact_table, c.fact_id",
        FACT_TABLES).fetchall()
    return (sum(r[0] for r in rows), sum(r[1] for r in rows), sum(r[2] for r in rows),
            len(rows))


def people_table(store: Store) -> list[str]:
    """People by side and by the decade of their first recorded meeting."""
    rows = store.connection.execute(
        "SELECT p.country, (SELECT min(e.date_lo) FROM participations pa JOIN events e "
        "ON e.id = pa.event_id WHERE pa.person_id = p.id) FROM people p").fetchall()
    counts = Counter((country, decade_of(first) if first else "no meeting")
                     for country, first in rows)
    decades = sorted({decade for _, decade in counts})
    sides = sorted({country for country, _ in counts})
    lines = ["| side | " + " | ".join(decades) + " | all |",
             "|---|" + "---|" * (len(decades) + 1)]
    for side in sides:
        cells = [str(counts.get((side, d), 0)) for d in decades]
        lines.append(f"| {side} | " + " | ".join(cells) + f" | {sum(map(int, cells))} |")
    return lines


def posts_table(store: Store) -> list[str]:
    rows = store.connection.execute(
        "SELECT coalesce(o.country, 'other'), count(*) FROM posts p "
        "JOIN organisations o ON o.id = p.organisation_id GROUP BY 1 ORDER BY 2 DESC").fetchall()
    return ["| side | posts |", "|---|---|"] + [f"| {side} | {n} |" for side, n in rows]


def report(store: Store) -> str:
    events = store.events.listed()
    by_decade = Counter(decade_of(dates.parse(e["date"]).lo) for e in events)
    by_kind = Counter(e["kind"] for e in events)
    count = store.connection.execute
    figures = {
        table: count(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("events", "people", "names", "post_terms", "rank_changes", "sources",
                      "participations", "conflicts")
    }
    primary_sources = count("SELECT count(*) FROM sources WHERE kind = 'primary'").fetchone()[0]
    with_primary, reference_only, lead_only, facts = source_shares(store)
    attendances = [p for e in events for p in e["participants"]]
    certain_post = sum(1 for p in attendances
                       if any(x["certainty"] == "certain" for x in p["posts"]))
    no_japanese = count("SELECT count(*) FROM people WHERE name_ja IS NULL").fetchone()[0]
    missing = gaps(store)
    possible = possible_attendances(store)
    open_terms, attested_ranks = attestation_counts(store)
    excluded = excluded_shown(store)
    lines = ["| decade | events |", "|---|---|"]
    lines += [f"| {decade} | {n} |" for decade, n in sorted(by_decade.items())]
    lines += ["", "| kind | events |", "|---|---|"]
    lines += [f"| {kind} | {n} |" for kind, n in sorted(by_kind.items(), key=lambda kv: -kv[1])]
    lines += ["", "People by side and decade of first recorded meeting:", ""]
    lines += people_table(store)
    lines += ["", *posts_table(store)]
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
        f"| facts resting on `lead` sources alone | {lead_only} of {facts} "
        f"({share(lead_only)}) |",
        f"| recorded conflicts | {figures['conflicts']} |",
        f"| attendances without a post or rank at the date | {len(missing)} |",
        f"| attendances with a certain post | {certain_post} of {len(attendances)} "
        f"({percent(certain_post, len(attendances))}) |",
        f"| people without a Japanese name form | {no_japanese} |",
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
        for event in store.events.listed():
            for person in event["participants"]:
                for item in person["posts"] + person["ranks"]:
                    if item["certainty"] == "possible":
                        key = item.get("post_id") or item.get("rank_id")
                        sys.stdout.write(f"{visible(event['id'])}\t"
                                         f"{visible(person['person_id'])}\tpossible "
                                         f"{visible(str(key))}\n")
        for person_id, name in store.connection.execute(
                "SELECT id, name_en FROM people WHERE name_ja IS NULL ORDER BY id"):
            sys.stdout.write(f"{visible(person_id)}\t{visible(name)}\tno Japanese name form\n")
        for found in excluded_shown(store):
            sys.stdout.write(visible(f"{found.event_id}\t{found.person_id}\texcluded "
                                     f"{found.item}: {found.reason}", multiline=True) + "\n")
    else:
        sys.stdout.write(visible(report(store), multiline=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
