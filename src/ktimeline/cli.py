"""Command line: subcommands that answer in JSON (a public interface) or readable tables."""

from __future__ import annotations

import argparse
import errno
import io
import os
import shlex
import sqlite3
import sys
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from ktimeline import __version__, safetext, tables, textout
from ktimeline.personchoice import unresolved
from ktimeline.store import dates
from ktimeline.store.db import (
    MALFORMED_ERRORS,
    StoreError,
    describe_error,
    describe_malformed,
    resolve_path,
)
from ktimeline.store.people import identity
from ktimeline.store.queries import EventFilter, Store
from ktimeline.store.schema import EVENT_KINDS

EXIT_BAD_INPUT = 2
TABLE_FORMATS = ("text", "json", "jsonl", "csv", "md")


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


def error_line(message: str) -> str:
    """One line on stderr whatever the message holds: control characters from the user's input
    are shown escaped, and undecodable bytes as U+FFFD."""
    return f"ktimeline: {safetext.visible(clean(message))}\n"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # One line, not argparse's usage block: scripts read stderr too.
        self.exit(EXIT_BAD_INPUT, error_line(f"{message} (see 'ktimeline --help')"))


def clean(text: str) -> str:
    """Make terminal input printable: lone surrogates from undecodable bytes become U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def parse_date_arg(text: str, what: str) -> dates.PartialDate:
    try:
        return dates.parse(clean(text))
    except dates.DateError as error:
        raise UsageError(f"{what}: {error}") from None


def unicode_output() -> bool:
    """Whether stdout can carry Japanese, Korean and Cyrillic; if not (a Latin-1 or ASCII locale),
    make both streams escape what they cannot encode instead of failing."""
    try:
        "日本語 한국어 Русский –".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        for stream in (sys.stdout, sys.stderr):
            if isinstance(stream, io.TextIOWrapper):
                stream.reconfigure(errors="backslashreplace")
        return False
    return True


def emit(payload: Any, as_json: bool, readable: Callable[[Any], str]) -> None:
    if as_json:
        # ASCII-escaped JSON is the same JSON: scripts read it whatever the locale.
        text = safetext.json_text(payload, ensure_ascii=not unicode_output(), indent=2)
        sys.stdout.write(text + "\n")
    else:
        sys.stdout.write(textout.readable(payload, readable))


def stream_json(items: Iterator[Any], lines: bool) -> None:
    """A JSON array written element by element, or, with ``lines``, one object a line (JSON
    Lines). On a terminal the array is indented for reading, as ``emit`` prints it; into a pipe
    or a file each element is one compact line (the same objects, written several times faster:
    Python encodes indented JSON in Python, compact JSON in C). Nothing is held but the element
    being written, and a reader that leaves (| head) stops the reading."""
    ascii_only = not unicode_output()
    if lines:
        for item in items:
            sys.stdout.write(safetext.json_text(item, ensure_ascii=ascii_only) + "\n")
        return
    pretty = sys.stdout.isatty()
    opened = False
    for item in items:
        if pretty:
            text = textwrap.indent(
                safetext.json_text(item, ensure_ascii=ascii_only, indent=2), "  ")
        else:
            text = safetext.json_text(item, ensure_ascii=ascii_only)
        sys.stdout.write(("[\n" if not opened else ",\n") + text)
        opened = True
    sys.stdout.write("\n]\n" if opened else "[]\n")


def emit_as(payload: Any, form: str, readable: Callable[[Any], str], columns: list[str],
            rows_of: Callable[[Any], Iterator[dict[str, Any]]]) -> None:
    """``payload`` in the chosen format: the JSON object (``json``) or the readable text as
    always; as rows of a table (``csv``, ``md``), or one JSON object a row (``jsonl``)."""
    if form in ("json", "text"):
        emit(payload, form == "json", readable)
    elif form == "jsonl":
        ascii_only = not unicode_output()
        for row in rows_of(payload):
            sys.stdout.write(safetext.json_text(row, ensure_ascii=ascii_only) + "\n")
    else:
        from ktimeline.exports import table_lines

        rows = (list(safetext.visible_tree(row).values()) for row in rows_of(payload))
        write_lines(table_lines(columns, rows, form))


def output_format(args: argparse.Namespace) -> str:
    """``--format``, with ``--json`` kept as the alias of ``--format json``."""
    chosen: str | None = getattr(args, "format", None)
    if getattr(args, "json", False):
        if chosen not in (None, "json"):
            raise UsageError(f"--json and --format {chosen} disagree: give one")
        return "json"
    return chosen or "text"


def resolve_person(store: Store, query: str) -> str:
    """An id as given, or the one person a name matches; ambiguity is the user's to settle."""
    resolution = store.people.resolve(query)
    if resolution.person_id is None:
        raise UsageError(unresolved(
            resolution, lambda m: f"{m.person.get('name_en')} "
                                  f"({identity(m.person, m.latest_term)}) = {m.person_id}"))
    return resolution.person_id


def person_matches(store: Store, query: str) -> dict[str, Any]:
    """The ``person --json`` object: an id given exactly first, then the ranked name matches.

    Each match also says which stored form ``matched``, so people sharing a spelling can be told
    apart by their ``description``.
    """
    found = store.people.matches(query)
    names = store.people.names_for([match.person_id for match in found])
    matches = [{"person_id": match.person_id, "name_en": match.person.get("name_en"),
                "name_ja": match.person.get("name_ja"),
                "names": [{"text": n["text"], "script": n["script"], "lang": n["lang"],
                           "scheme": n["scheme"]} for n in names.get(match.person_id, [])],
                "score": match.score, "description": identity(match.person, match.latest_term),
                "matched": match.matched} for match in found]
    return {"query": query, "matches": matches}


# -- subcommands ---------------------------------------------------------------------------
# The explorer shows some kinds by a shorter name; the CLI takes either.
KIND_ALIASES = {"parliament": "parliamentary"}


def resolve_kind(store: Store, given: str) -> str:
    """A kind as stored, from its name or the explorer's label; else a usage error naming them."""
    kind = KIND_ALIASES.get(given.lower(), given.lower())
    if kind in EVENT_KINDS or kind in store.timeline.kinds():
        return kind
    known = [*EVENT_KINDS, *sorted(set(store.timeline.kinds()) - set(EVENT_KINDS))]
    raise UsageError(f"unknown kind {given!r}: use one of {', '.join(known)}")


def nearest_ids(given: str, ids: Sequence[str]) -> str:
    """``; did you mean A, B?`` for the ids closest to ``given`` (empty when none is close)."""
    import difflib

    def likeness(candidate: str) -> float:
        return difflib.SequenceMatcher(None, given, candidate).ratio()

    close = sorted(difflib.get_close_matches(given, ids, n=3, cutoff=0.6), key=likeness,
                   reverse=True)
    # Only those nearly as close as the closest: a far second guess is noise.
    close = [c for c in close if likeness(c) >= likeness(close[0]) - 0.1] if close else []
    return f"; did you mean {', '.join(close)}?" if close else ""


def event_filter(store: Store, args: argparse.Namespace) -> EventFilter:
    """The filter that ``--from``, ``--to``, ``--kind``, ``--person``, ``--side`` ask for."""
    where = EventFilter(
        date_from=parse_date_arg(args.date_from, "--from") if args.date_from else None,
        date_to=parse_date_arg(args.date_to, "--to") if args.date_to else None,
        kind=resolve_kind(store, clean(args.kind)) if args.kind else None,
        person_id=resolve_person(store, clean(args.person[0])) if args.person else None,
        also_present=tuple(resolve_person(store, clean(p)) for p in (args.person or [])[1:]),
        side=resolve_side(store, clean(args.side)) if args.side else None)
    if where.date_from and where.date_to and where.date_from.lo > where.date_to.hi:
        raise UsageError(f"--from {where.date_from.text} is after --to {where.date_to.text}")
    return where


def cmd_events(store: Store, args: argparse.Namespace) -> None:
    from ktimeline import exports  # the formats for spreadsheets: only when asked for

    where = event_filter(store, args)
    chosen = output_format(args)
    per_attendance = args.per == "attendance"
    if per_attendance and chosen not in ("csv", "md"):
        raise UsageError("--per attendance goes with --format csv or md")
    if chosen in ("json", "jsonl"):
        stream_json(store.events.each(where, args.search), lines=chosen == "jsonl")
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


def write_lines(lines: Iterator[str]) -> None:
    for line in lines:
        sys.stdout.write(line)


def resolve_side(store: Store, given: str) -> str:
    """A side people attended on (KP, RU, SU, other), in any case."""
    return _one_of_sides(given, store.timeline.sides())


def _one_of_sides(given: str, sides: list[str]) -> str:
    """``given`` as it is spelled in ``sides``, in any case; else a usage error naming them."""
    for side in sides:
        if side.lower() == given.lower():
            return side
    raise UsageError(f"unknown side {given!r}: use one of {', '.join(sides)}")


def cmd_event(store: Store, args: argparse.Namespace) -> None:
    event = store.events.get(clean(args.id))
    if event is None:
        raise UsageError(f"no event with id {clean(args.id)!r}"
                         + nearest_ids(clean(args.id), store.timeline.event_ids()))
    emit(event, args.json, textout.event_detail)


def cmd_person(store: Store, args: argparse.Namespace) -> None:
    if args.stdin:
        for line in sys.stdin:
            query = clean(line.rstrip("\r\n"))
            sys.stdout.write(safetext.json_text(person_matches(store, query),
                                                ensure_ascii=not unicode_output()) + "\n")
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


def resolve_side_or_country(store: Store, given: str) -> str:
    """A side of the line-up (a country code of the record's organisations: KP, RU, SU, ...)."""
    return _one_of_sides(given, store.views.sides())


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


def cmd_cite(store: Store, args: argparse.Namespace) -> None:
    from ktimeline import citations

    event_id = clean(args.id)
    event = store.events.get(event_id)
    if event is None:
        raise UsageError(f"no event with id {event_id!r}"
                         + nearest_ids(event_id, store.timeline.event_ids()))
    sys.stdout.write(citations.render(safetext.visible_tree(event), args.format, args.lang))


def cmd_timeline(store: Store, args: argparse.Namespace) -> None:
    write_lines(textout.events_lines(timeline_rows(store, EventFilter())))


def cmd_check(args: argparse.Namespace) -> int:
    from ktimeline.store.build import check  # the curated files' chain: only check and build

    source = _source_dir(args.source)
    curated, problems = check(source, Path.cwd())
    for problem in problems:
        sys.stdout.write(f"{safetext.visible(problem)}\n")
    counts = {table: len(entries) for table, entries in curated.entries.items()}
    summary = ", ".join(f"{n} {table}" for table, n in counts.items() if n)
    if problems:
        sys.stderr.write(error_line(f"{len(problems)} problem(s) in {source}"))
        return 1
    sys.stdout.write(f"ok: {summary}\n")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from ktimeline.store.build import BuildError, TargetError, build

    source = _source_dir(args.source)
    target = Path(args.out)
    try:
        counts = build(source, target, Path.cwd())
    except BuildError as error:
        for problem in error.problems:
            sys.stdout.write(f"{safetext.visible(problem)}\n")
        sys.stderr.write(error_line(f"build refused, {len(error.problems)} problem(s); "
                                    f"{target} left as it was"))
        return 1
    except TargetError as error:
        sys.stderr.write(error_line(str(error)))
        return EXIT_BAD_INPUT
    built = ", ".join(f"{n} {t}" for t, n in counts.items())
    where = clean(str(target.resolve()))
    sys.stdout.write(f"built {safetext.visible(where)}: {built}\n")
    # An installed ktimeline reads the store inside its package, not this one: say how to.
    sys.stdout.write(f"open it with: ktimeline --db {safetext.visible(shlex.quote(where))}\n")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ktimeline import web  # Datasette: an optional extra, imported only here

    path = resolve_path(args.db)
    Store.open(path).close()  # a broken store is one line here, not a web server's traceback
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: give a port from 1 to 65535")
    sys.stderr.write(f"serving {safetext.visible(str(path))} read-only at "
                     f"http://{args.host}:{args.port}/ (Ctrl+C stops it)\n")
    try:
        return web.serve(path.resolve(), args.host, args.port)
    except RuntimeError as error:
        raise UsageError(str(error)) from None


def _source_dir(text: str) -> Path:
    path = Path(text)
    if not path.is_dir():
        raise UsageError(f"{path}: no such directory of curated files "
                         "(run from the repository root or pass --source)")
    return path


STORE_COMMANDS: dict[str, Callable[[Store, argparse.Namespace], None]] = {
    "events": cmd_events, "event": cmd_event, "person": cmd_person, "asof": cmd_asof,
    "search": cmd_search, "timeline": cmd_timeline, "lineup": cmd_lineup, "post": cmd_post,
    "cite": cmd_cite, "export": cmd_export,
}


def make_parser() -> _Parser:
    parser = _Parser(prog="ktimeline", description="Explore North Korea–USSR/Russia contacts.")
    parser.add_argument("--version", action="version", version=f"ktimeline {__version__}")
    parser.add_argument("--db", help="store to read (default: $KTIMELINE_DB or the bundled one)")
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


def interactive() -> bool:
    """Both ends are a terminal that can draw: plain ``ktimeline`` opens the explorer. A dumb
    terminal (TERM=dumb: no cursor movement) gets the printed timeline, as when piped."""
    return sys.stdin.isatty() and sys.stdout.isatty() and os.environ.get("TERM") != "dumb"


def run_app(path: Path) -> int:
    from ktimeline.tui.app import make_app  # Textual is imported only when it is needed

    app = make_app(path)
    # The explorer draws on stderr (Textual's choice). In a locale that cannot encode a line or
    # a kanji (Latin-1, EUC-JP), each such character is one "?", not an escape six cells wide
    # that would break every line's width.
    if isinstance(sys.__stderr__, io.TextIOWrapper):
        sys.__stderr__.reconfigure(errors="replace")
    try:
        app.run()
    finally:
        app.store.close()
    return app.return_code or 0  # a crash (Textual prints it) is not a success


EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
_WRITE_ERRORS = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; a closed or full output and an interrupt end in one line, never a
    traceback."""
    if sys.stderr is None:  # started with 2>&-
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 (for the life of the process)
    if sys.stdout is None:  # started with >&-
        sys.stderr.write(error_line("standard output is closed"))
        return EXIT_BAD_INPUT
    try:
        code = _main(argv)
        sys.stdout.flush()
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader left (| head): nothing more to say
        _silence_stdout()
        return 0
    except OSError as error:
        _silence_stdout()
        what = "cannot write the output" if error.errno in _WRITE_ERRORS else "cannot go on"
        sys.stderr.write(error_line(f"{what} ({error.strerror or error})"))
        return EXIT_BAD_INPUT
    return code


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no file descriptor: a test's StringIO
        pass


def _main(argv: Sequence[str] | None) -> int:
    unicode_output()  # before anything is printed, argparse's own messages included
    args = make_parser().parse_args(argv)
    command = args.command or "timeline"
    try:
        if args.command is None and interactive():
            return run_app(resolve_path(args.db))
        if command == "check":
            return cmd_check(args)
        if command == "build":
            return cmd_build(args)
        if command == "serve":
            return cmd_serve(args)
        path = resolve_path(args.db)
        store = Store.open(path)
        try:
            STORE_COMMANDS[command](store, args)
        except MALFORMED_ERRORS as error:
            raise StoreError(describe_malformed(path, error)) from None
        finally:
            store.close()
    except (UsageError, StoreError) as error:
        sys.stderr.write(error_line(str(error)))
        return EXIT_BAD_INPUT
    except sqlite3.DatabaseError as error:
        sys.stderr.write(error_line(describe_error(resolve_path(args.db), error)))
        return EXIT_BAD_INPUT
    return 0
