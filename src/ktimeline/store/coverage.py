"""What the store covers, and where it falls short: figures for data/README.md and the tests.

Run ``python -m ktimeline.store.coverage [--db PATH]`` to print the coverage tables in Markdown.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ktimeline.safetext import visible
from ktimeline.store import dates
from ktimeline.store.db import resolve_path
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
    """Participants without a post on the event date, and, holding a post whose holders are
    serving officers (``military`` posts), without a rank."""
    military = store.military_posts()
    found = []
    for event in store.events():
        for person in event["participants"]:
            if not person["posts"]:
                found.append(Gap(event["id"], person["person_id"], "post"))
            elif not person["ranks"] and {p["post_id"] for p in person["posts"]} & military:
                found.append(Gap(event["id"], person["person_id"], "rank"))
    return found


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
    lines = ["| decade | events |", "|---|---|"]
    lines += [f"| {decade} | {n} |" for decade, n in sorted(by_decade.items())]
    lines += ["", "| kind | events |", "|---|---|"]
    lines += [f"| {kind} | {n} |" for kind, n in sorted(by_kind.items(), key=lambda kv: -kv[1])]
    def share(part: int) -> str:
        return f"{100 * part / facts:.0f}%" if facts else "n/a"

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
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ktimeline.store.coverage")
    parser.add_argument("--db", help="store to describe (default: the bundled one)")
    parser.add_argument("--gaps", action="store_true", help="list attendances lacking post/rank")
    args = parser.parse_args(argv)
    store = Store.open(Path(resolve_path(args.db)))
    if args.gaps:
        for gap in gaps(store):
            sys.stdout.write(f"{visible(gap.event_id)}\t{visible(gap.person_id)}\t"
                             f"no {visible(gap.missing)}\n")
    else:
        sys.stdout.write(visible(report(store), multiline=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
