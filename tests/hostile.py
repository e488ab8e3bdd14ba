"""Hostile stores and text for the untrusted-text tests: escape sequences, C1 controls, bidi
overrides and markup, in every text column a store has (made in the test: ``ktimeline check``
refuses them in curated files, so they are written into a built store)."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from rich.segment import Segment

OSC52 = "\x1b]52;c;cm0gLXJmIH4K\x07"  # sets the clipboard to "rm -rf ~\n"
RETITLE = "\x1b]0;pwned\x1b\\"  # OSC ended by ST: Rich's Text strips BEL, not ESC
CLEAR = "\x1b[2J"
C1 = "\x9b2J\x9d0;x\x9c"  # CSI and OSC as C1 controls (raw in UTF-8 output)
BIDI = "\u202e\u2066"
MARKUP = "[@click=app.quit]Pak Pong Ju[/][/]"
PAYLOAD = OSC52 + RETITLE + CLEAR + C1 + BIDI + "\x7f\x00" + MARKUP

# What must never reach a terminal raw (tab and newline may: they are layout).
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                 "\u2028\u2029]")

POISONED = {
    "events": ["title_en", "title_ja", "summary_en", "summary_ja", "note", "kind"],
    "places": ["name_en", "name_ja"],
    "people": ["name_en", "name_ja", "note", "country"],
    "names": ["text", "lang", "scheme"],
    "participations": ["side", "role", "printed_title", "note"],
    "posts": ["title_en", "title_ja"],
    "ranks": ["title_en", "title_ja"],
    "organisations": ["name_en", "name_ja"],
    "sources": ["publisher", "title", "url", "author"],
    "citations": ["locator"],
    "conflicts": ["reason", "field"],
    "conflict_claims": ["value"],
}
EVIL_EVENT = "evil" + PAYLOAD


def poison(path: Path, payload: str = PAYLOAD) -> None:
    """Append ``payload`` to every text column above, and add an event whose id holds it; the
    tables derived at build time are written again from them, as a hostile build would."""
    from ktimeline.store.derived import write_derived

    with sqlite3.connect(path) as connection:
        for table, columns in POISONED.items():
            sets = ", ".join(f"{c} = coalesce({c}, '') || :p" for c in columns)
            connection.execute(f"UPDATE {table} SET {sets}", {"p": payload})
        columns = [row[1] for row in connection.execute("PRAGMA table_info(events)")]
        picked = ", ".join(":id" if c == "id" else c for c in columns)
        connection.execute(f"INSERT INTO events ({', '.join(columns)}) SELECT {picked} "
                           "FROM events ORDER BY date_lo LIMIT 1", {"id": EVIL_EVENT})
        write_derived(connection)
    connection.close()


def raw_controls(text: str) -> list[str]:
    return RAW.findall(text)


def unsafe_segments(segments: list[Segment]) -> list[str]:
    """Segments a terminal would obey: a raw control character in the text, or an action
    (``@click``) that markup from the data put in the style."""
    found = []
    for segment in segments:
        if segment.control:
            continue
        if raw_controls(segment.text):
            found.append(repr(segment.text))
        style = segment.style
        if style is not None and style.meta and "@click" in style.meta:
            found.append(f"{segment.text!r} has {style.meta}")
    return found


def loosen(path: Path) -> None:
    """Drop the store's NOT NULL constraints and column types (as a hostile store may), so that
    NULLs, integers and blobs can go where the schema expects text."""
    connection = sqlite3.connect(path)
    try:
        version = connection.execute("PRAGMA schema_version").fetchone()[0]
        connection.execute("PRAGMA writable_schema = ON")
        connection.execute(
            "UPDATE sqlite_master SET sql = replace(replace(sql, ' NOT NULL', ''), ' TEXT', '') "
            "WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' "
            "AND name NOT LIKE 'events_%'")
        connection.execute(f"PRAGMA schema_version = {version + 1}")
        connection.commit()
    finally:
        connection.close()


# Stores with values the schema does not expect: (name, SQL run on a loosened store).
MALFORMED = [
    ("null-title", "UPDATE events SET title_en = NULL, title_ja = NULL"),
    ("null-kind", "UPDATE events SET kind = NULL"),
    ("null-date", "UPDATE events SET date = NULL"),
    ("null-bounds", "UPDATE events SET date_lo = NULL, date_hi = NULL"),
    ("null-side", "UPDATE participations SET side = NULL"),
    ("null-name", "UPDATE people SET name_en = NULL, name_ja = NULL"),
    ("garbage-date", "UPDATE events SET date = 'garbage', end_date = 'garbage'"),
    ("garbage-term", "UPDATE post_terms SET start_date = 'garbage', end_date = 'x..y'"),
    ("integer-date", "UPDATE events SET date = 2019"),
    ("blob-title", "UPDATE events SET title_en = x'1b5b324a00ff', summary_en = x'ff'"),
    ("bad-name-keys", "UPDATE name_keys SET name_ids = 'not json'"),
    ("dangling-name-ids", "UPDATE name_keys SET name_ids = '[99999, 12345]'"),
    ("dangling-person", "UPDATE participations SET person_id = 'nobody'"),
    ("integer-rank-change", "UPDATE rank_changes SET change = 7, date = NULL"),
    ("markup-date", "UPDATE events SET date = '[/]' || date || '[@click=app.quit]'"),
]


def malform(path: Path, sql: str) -> None:
    loosen(path)
    with sqlite3.connect(path) as connection:
        connection.execute(sql)
    connection.close()
