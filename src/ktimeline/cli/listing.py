"""The commands that list events: events, export, timeline."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ktimeline import safetext, textout
from ktimeline.cli.choosing import event_filter
from ktimeline.cli.output import UsageError, output_format, stream_json, write_lines
from ktimeline.store.queries import EventFilter, Store


def cmd_events(store: Store, args: argparse.Namespace) -> None:
    from ktimeline import exports  # the formats for spreadsheets: only when asked for

    where = event_filter(store, args)
    chosen = output_format(args)
    per_attendance = args.per == "attendance"
    if per_attendance and chosen not in ("csv", "md"):
        raise UsageError("--per attendance goes with --format csv or md")
    if chosen in ("json", "jsonl"):
        stream_json(store.events.each_json(where, args.search), lines=chosen == "jsonl")
    elif chosen in ("csv", "md"):
        events = (safetext.visible_tree(event) for event in store.events.each(where, args.search))
        write = exports.csv_lines if chosen == "csv" else exports.markdown_lines
        write_lines(write(events, per_attendance))
    else:
        write_lines(textout.events_lines(timeline_rows(store, where, args.search), args.ids))


def cmd_export(store: Store, args: argparse.Namespace) -> None:
    from ktimeline import exports

    lines = exports.timeline_lines(store.events.each_with_summaries(event_filter(store, args),
                                                                   args.search), args.format,
                                   args.lang)
    if args.out is None:
        write_lines(lines)
        return
    target = Path(args.out)
    try:
        exports.write_file(lines, target)
    except OSError as error:
        raise UsageError(f"{target}: cannot write ({error.strerror or error})") from None
    sys.stderr.write(f"wrote {safetext.visible(str(target))}\n")


def timeline_rows(store: Store, where: EventFilter,
                  mentioning: str | None = None) -> Iterator[dict[str, Any]]:
    """The rows a listing shows (no participants or sources: a table does not print them)."""
    pages = store.search.pages(mentioning, where) if mentioning else store.timeline.pages(where)
    for page in pages:
        yield from page


def cmd_timeline(store: Store, args: argparse.Namespace) -> None:
    write_lines(textout.events_lines(timeline_rows(store, EventFilter())))
