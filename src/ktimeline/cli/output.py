"""Output and input shared by every command: one-line errors, JSON and tables written as they
are read, dates and text from the terminal."""

from __future__ import annotations

import io
import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ktimeline import safetext
from ktimeline.store import dates

if TYPE_CHECKING:
    import argparse

EXIT_BAD_INPUT = 2


TABLE_FORMATS = ("text", "json", "jsonl", "csv", "md")


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


def error_line(message: str) -> str:
    """One line on stderr whatever the message holds: control characters from the user's input
    are shown escaped, and undecodable bytes as U+FFFD."""
    return f"ktimeline: {safetext.visible(clean(message))}\n"


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
        from ktimeline import textout

        sys.stdout.write(textout.readable(payload, readable))


def stream_json(texts: Iterator[str], lines: bool) -> None:
    """A JSON array written element by element from compact JSON texts (as the store keeps each
    event), or, with ``lines``, one object a line (JSON Lines). Into a pipe or a file each
    element is written as it is, made safe (a control character a hostile store put in it
    \\u-escaped); on a terminal, or where the locale cannot carry Japanese, it is re-encoded
    (indented for reading, or ASCII-escaped). Nothing is held but the element being written,
    and a reader that leaves (| head) stops the reading."""
    ascii_only = not unicode_output()
    pretty = sys.stdout.isatty() and not lines

    def written(text: str) -> str:
        if pretty:
            return textwrap.indent(safetext.json_text(json.loads(text), ensure_ascii=ascii_only,
                                                      indent=2), "  ")
        if ascii_only:
            return safetext.json_text(json.loads(text), ensure_ascii=True)
        return safetext.safe_json(text)

    if lines:
        for text in texts:
            sys.stdout.write(written(text) + "\n")
        return
    opened = False
    for text in texts:
        sys.stdout.write(("[\n" if not opened else ",\n") + written(text))
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


def write_lines(lines: Iterator[str]) -> None:
    for line in lines:
        sys.stdout.write(line)
