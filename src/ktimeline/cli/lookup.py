"""The commands that look one thing up: an event, a person, a date, a search, a citation, a
line-up, a post."""

from __future__ import annotations

import argparse
import sys
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any

from ktimeline import safetext, tables, textout
from ktimeline.cli.choosing import (
    nearest_ids,
    person_matches,
    resolve_person,
    resolve_side_or_country,
)
from ktimeline.cli.output import (
    UsageError,
    clean,
    emit,
    emit_as,
    output_format,
    parse_date_arg,
    unicode_output,
)
from ktimeline.store.queries import Store


def cmd_event(store: Store, args: argparse.Namespace) -> None:
    event = store.events.get(clean(args.id))
    if event is None:
        raise UsageError(f"no event with id {clean(args.id)!r}"
                         + nearest_ids(clean(args.id), store.timeline.event_ids()))
    emit(event, args.json, textout.event_detail)


# Names a reconciliation list repeats are answered once: the store does not change while the
# command reads it, so the same line always gets the same answer.
REMEMBERED_LINES = 4096


def answer_lines(store: Store, lines: Iterable[str]) -> None:
    """One JSON line out for each name in, in order."""
    ascii_only = not unicode_output()
    answered: OrderedDict[str, str] = OrderedDict()
    for line in lines:
        query = clean(line.rstrip("\r\n"))
        answer = answered.get(query)
        if answer is None:
            answer = safetext.json_text(person_matches(store, query), ensure_ascii=ascii_only)
            answered[query] = answer
            if len(answered) > REMEMBERED_LINES:
                answered.popitem(last=False)
        else:
            answered.move_to_end(query)
        sys.stdout.write(answer + "\n")


def cmd_person(store: Store, args: argparse.Namespace) -> None:
    if args.stdin:
        answer_lines(store, sys.stdin)
        return
    if args.query is None:
        raise UsageError("person: give a QUERY or --stdin")
    query = clean(args.query)
    form = output_format(args)
    if args.profile:
        person_id = resolve_person(store, query)
        profile = store.people.profile(person_id)
        emit_as(profile, form, textout.profile, tables.PROFILE_COLUMNS,
                lambda p: tables.profile_rows(p, store.people.events_of(person_id)))
        return
    if form not in ("json", "text"):
        raise UsageError(f"--format {form} goes with --profile (a person's career and meetings)"
                         "; the matches of a name are --json")
    emit(person_matches(store, query), form == "json", textout.matches)


def cmd_asof(store: Store, args: argparse.Namespace) -> None:
    when = parse_date_arg(args.date, "DATE")
    emit_as(store.holdings.at(resolve_person(store, clean(args.person)), when),
            output_format(args), textout.holdings, tables.ASOF_COLUMNS, tables.asof_rows)


def cmd_search(store: Store, args: argparse.Namespace) -> None:
    query = clean(args.query)
    payload = person_matches(store, query)
    payload["events"] = store.search.events(query)
    emit_as(payload, output_format(args), textout.search_results, tables.SEARCH_COLUMNS,
            tables.search_rows)


def cmd_cite(store: Store, args: argparse.Namespace) -> None:
    from ktimeline import citations

    event_id = clean(args.id)
    event = store.events.get(event_id)
    if event is None:
        raise UsageError(f"no event with id {event_id!r}"
                         + nearest_ids(event_id, store.timeline.event_ids()))
    sys.stdout.write(citations.render(safetext.visible_tree(event), args.format, args.lang))


def cmd_lineup(store: Store, args: argparse.Namespace) -> None:
    from ktimeline import viewsout

    when = parse_date_arg(args.date, "DATE")
    side = resolve_side_or_country(store, clean(args.side)) if args.side else None
    payload = store.views.lineup(when, side)
    if args.compare:
        later = store.views.lineup(parse_date_arg(args.compare, "--compare"), side)
        holders_then = {post["post_id"]: post["holders"] for post in later["posts"]}
        changed = []
        for post in payload["posts"]:
            then = holders_then.get(post["post_id"], [])
            if _holder_keys(post["holders"]) != _holder_keys(then):
                changed.append({**post, "compare_holders": then})
        payload = {"date": payload["date"], "compare_date": later["date"], "posts": changed}
    emit(payload, output_format(args) == "json", viewsout.lineup)


def _holder_keys(holders: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return sorted((h["person_id"], h["certainty"]) for h in holders)


def cmd_post(store: Store, args: argparse.Namespace) -> None:
    query = clean(args.post)
    found = store.views.find_posts(query)
    if not found:
        raise UsageError(f"no post matches {query!r}")
    if len(found) > 1:
        listed = "; ".join(f"{p['title_en']} ({p['side']}) = {p['post_id']}" for p in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise UsageError(f"{query!r} names more than one post: {listed}{more}; give an id")
    from ktimeline import viewsout

    emit(store.views.post(found[0]["post_id"]), output_format(args) == "json",
         viewsout.post_history)
