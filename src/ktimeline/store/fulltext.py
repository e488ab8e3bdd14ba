"""Full-text search over events: how their text is indexed and how a typed needle is matched.

Two FTS5 indexes, both with rowids in time order (so a match list needs no sorting):
- ``events_fts`` (trigram) finds any substring of three characters or more, in any script;
- ``events_short`` (one token per CJK character, Latin words whole) serves one- and
  two-character needles as you type: 平壌 as the phrase 平 壌, "fi" as the word prefix fi*.
A needle is always bound as a quoted phrase: FTS syntax typed by a user (AND, NEAR(, *, quotes)
is only text.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ktimeline.names.normalise import MAX_QUERY

# Ideographs, kana and hangul: scripts written without spaces between words.
_CJK = re.compile(r"([\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
                  r"\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\uff66-\uff9f])")
_WORD = re.compile(r"\w+")

FILL = """
INSERT INTO {table} (rowid, title_en, title_ja, summary_en, summary_ja, place_en, place_ja)
SELECT e.rowid, e.title_en, {wrap}(e.title_ja), e.summary_en, {wrap}(e.summary_ja),
       p.name_en, {wrap}(p.name_ja)
FROM events e LEFT JOIN places p ON p.id = e.place_id
"""
SHORT_LIMIT = 2  # needles up to this many characters use events_short
COUNT_CAP = 10_000


def spaced(text: str | None) -> str | None:
    """Text with every CJK character standing as its own word (a typed needle)."""
    if text is None:
        return None
    return _CJK.sub(r" \1 ", text)


def characters(text: str | None) -> str | None:
    """Every character a word of its own: how the Japanese columns enter the short index.
    (Cheaper than ``spaced`` at build time, and the English columns keep Latin words whole.)"""
    return " ".join(text) if text else text


def fill_indexes(connection: sqlite3.Connection) -> None:
    """Index every event's text; call once the events and places are written."""
    connection.create_function("ktimeline_characters", 1, characters, deterministic=True)
    connection.execute(FILL.format(table="events_fts", wrap=""))
    connection.execute(FILL.format(table="events_short", wrap="ktimeline_characters"))


INSERT = """
INSERT INTO {table} (rowid, title_en, title_ja, summary_en, summary_ja, place_en, place_ja)
VALUES (?, ?, ?, ?, ?, ?, ?)
"""
TextRow = tuple[int, str | None, str | None, str | None, str | None, str | None, str | None]


def fill_from_rows(connection: sqlite3.Connection, rows: Iterable[TextRow],
                   batch: int = 20_000) -> None:
    """Index rows given directly as (rowid, title_en, title_ja, summary_en, summary_ja,
    place_en, place_ja): the same text ``fill_indexes`` reads from the tables, for a writer
    that has the text at hand (the synthetic generator, in a process of its own)."""
    chunk: list[TextRow] = []
    for row in itertools.chain(rows, [None]):
        if row is not None:
            chunk.append(row)
            if len(chunk) < batch:
                continue
        connection.executemany(INSERT.format(table="events_fts"), chunk)
        connection.executemany(INSERT.format(table="events_short"), [
            (r[0], r[1], characters(r[2]), r[3], characters(r[4]), r[5], characters(r[6]))
            for r in chunk])
        chunk = []


def clean_needle(text: str) -> str:
    """What the user typed, without control characters or lone surrogates, NFKC-folded."""
    printable = "".join(c for c in text[:MAX_QUERY]
                        if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF)
    return unicodedata.normalize("NFKC", printable).strip()


@dataclass(frozen=True)
class Match:
    """SQL parts that find a needle: ``source`` joins the FTS table (as ``f``) to events (as
    ``e``); ``condition`` and ``params`` go in the WHERE clause."""

    source: str
    condition: str
    params: list[Any]

    @property
    def in_time_order(self) -> str:
        """The ORDER BY that lists matches in time order (event rowids are in time order):
        the full-text table's own rowid when it is joined, which FTS5 yields in order, where
        ordering by the event's rowid would sort every match first (150 ms for a common word
        at a million events)."""
        return "f.rowid" if " f " in f" {self.source} " else "e.rowid"


def match(text: str) -> Match | None:
    """How to find ``text`` among events; None when nothing searchable was typed."""
    needle = clean_needle(text)
    if not needle:
        return None
    if len(needle) > SHORT_LIMIT:
        phrase = '"' + needle.replace('"', '""') + '"'
        table = "events_fts"
    else:
        tokens = _WORD.findall(spaced(needle) or "")
        if not tokens:
            return None
        # The last token is a prefix as you type: "fi" finds "fisheries".
        phrase = '"' + " ".join(tokens) + '"' + ("" if _CJK.match(needle[-1]) else "*")
        table = "events_short"
    return Match(f"{table} f JOIN events e ON e.rowid = f.rowid", f"{table} MATCH ?", [phrase])


def match_or_attended(text: str, person_ids: Sequence[str]) -> Match | None:
    """``match``, widened to the events any of ``person_ids`` attended: a person's name finds
    their meetings too (李永吉 finds the meetings Ri Yong Gil attended, whatever their text)."""
    found = match(text)
    if not person_ids:
        return found
    marks = ", ".join("?" * len(person_ids))
    attended = f"e.id IN (SELECT event_id FROM participations WHERE person_id IN ({marks}))"
    if found is None:
        return Match("events e", attended, list(person_ids))
    table = found.source.split()[0]
    return Match("events e",
                 f"(e.rowid IN (SELECT rowid FROM {table} WHERE {found.condition}) OR {attended})",
                 [*found.params, *person_ids])
