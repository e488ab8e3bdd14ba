"""The command line's grammar: every subcommand and option."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from ktimeline import __version__
from ktimeline.cli import explorer_store
from ktimeline.cli.output import EXIT_BAD_INPUT, TABLE_FORMATS, clean, error_line
from ktimeline.store.schema import EVENT_KINDS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts read stderr too.
        self.exit(EXIT_BAD_INPUT, error_line(f"{message} (see 'ktimeline --help')"))


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    """The arguments. Plain ``ktimeline`` (or with ``--db`` only: printed when piped) is read
    without building every subcommand's grammar (~10 ms)."""
    given = list(sys.argv[1:] if argv is None else argv)
    if explorer_store(given)[0]:
        parser = _global_options()
        args = parser.parse_args(given)
        args.command = None
        return args
    return make_parser().parse_args(given)


def _global_options() -> _Parser:
    parser = _Parser(prog="ktimeline", description="Explore North Korea–USSR/Russia contacts.")
    parser.add_argument("--version", action="version", version=f"ktimeline {__version__}")
    parser.add_argument("--db", help="store to read (default: $KTIMELINE_DB or the bundled one)")
    return parser


def make_parser() -> _Parser:
    parser = _global_options()
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    def add(name: str, help_text: str, json_flag: bool = True) -> _Parser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        if json_flag:
            command.add_argument("--json", action="store_true", help="print JSON")
        return command

    def filters(command: _Parser) -> None:
        command.add_argument("--from", dest="date_from", metavar="DATE")
        command.add_argument("--to", dest="date_to", metavar="DATE")
        command.add_argument("--person", metavar="ID_OR_NAME", action="append",
                             help="a person present (give it twice: meetings where both were)")
        command.add_argument("--kind", metavar="KIND",
                             help=f"one of: {', '.join(EVENT_KINDS)} (or 'parliament')")
        command.add_argument("--side", metavar="SIDE",
                             help="a participant on this side (KP, RU, SU, other)")
        command.add_argument("--search", metavar="TEXT", type=clean,
                             help="only the events a search for TEXT finds (as the explorer's "
                                  "/ does: titles, summaries, places, a person's meetings)")

    events = add("events", "List events in time order.")
    filters(events)
    events.add_argument("--ids", action="store_true", help="add an ID column (for 'event ID')")
    events.add_argument("--format", choices=("text", "json", "jsonl", "csv", "md"),
                        help="text (the default), a JSON array (as --json), JSON Lines, CSV "
                             "for spreadsheets, or a Markdown table")
    events.add_argument("--per", choices=("event", "attendance"), default="event",
                        help="csv and md: a row per event (the default) or per person present")
    export = add("export", "Write the (filtered) timeline for publishing or a spreadsheet.",
                 json_flag=False)
    filters(export)
    export.add_argument("--format", choices=("timelinejs", "csv", "json", "md"),
                        default="timelinejs", help="timelinejs (the default): the JSON that "
                        "TimelineJS reads; json: JSON Lines with summaries")
    export.add_argument("--out", metavar="FILE", help="write to FILE (default: standard output)")
    export.add_argument("--lang", choices=("en", "ja"), default="en",
                        help="timelinejs: headlines, summaries, people and sources in English "
                             "(the default) or Japanese")
    add("event", "Show one event with its summary.").add_argument("id")
    person = add("person", "Find a person by any name form, or show a profile.")
    person.add_argument("query", nargs="?")
    person.add_argument("--profile", action="store_true", help="names, career and events")
    person.add_argument("--stdin", action="store_true",
                        help="one name per input line, one JSON line out per line")
    asof = add("asof", "Posts and rank a person held on a date.")
    asof.add_argument("person")
    asof.add_argument("date")
    search = add("search", "Search people and events.")
    search.add_argument("query")
    for command, rows in ((person, "with --profile: a row per post term, rank change and "
                                   "meeting"),
                          (asof, "a row per post and rank"),
                          (search, "a row per person matched, then per event found")):
        command.add_argument("--format", choices=TABLE_FORMATS,
                             help=f"text (the default), JSON (as --json), or {rows}: JSON "
                                  "Lines, CSV for spreadsheets or a Markdown table")
    cite = add("cite", "An event's sources as citations.", json_flag=False)
    cite.add_argument("id", metavar="EVENT_ID")
    cite.add_argument("--format", choices=("text", "md", "paragraph", "csl-json", "bibtex"),
                      default="text", help="text and md: the sources in a news style; "
                      "paragraph: the event in one paragraph with the people present, their post "
                      "and rank that day, and the sources; csl-json for Zotero; bibtex")
    cite.add_argument("--lang", choices=("en", "ja"), default="en")
    lineup = add("lineup", "Every post and its holders on a date, certain or possible.")
    lineup.add_argument("date")
    lineup.add_argument("--side", metavar="SIDE", help="only this side's posts (KP, RU, SU, ...)")
    lineup.add_argument("--compare", metavar="DATE2", help="only the posts whose holders differ")
    add("post", "A post and every holder in time order.").add_argument(
        "post", metavar="POST_ID_OR_TITLE")
    add("timeline", "Print the whole timeline.", json_flag=False)
    serve = add("serve", "Publish the store as a read-only web page (Datasette).",
                json_flag=False)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: "
                       "this machine only)")
    serve.add_argument("--port", type=int, default=8001)
    for name, help_text in (("check", "Validate the curated files without writing."),
                            ("build", "Validate the curated files and write the store.")):
        command = add(name, help_text, json_flag=False)
        command.add_argument("--source", default="data/curated", help="curated files directory")
        if name == "build":
            command.add_argument("--out", default="data/events.db", help="store to write")
    return parser
