"""The name tables read back: indexed SQL over the store's connection or an in-memory copy.

The store carries ``name_keys`` and ``name_spellings`` (written at build time by
``derive.write_rows``); ``in_memory`` builds the same tables from a list of forms, so the lookup
runs one path either way.
"""

from __future__ import annotations

import json
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from typing import Any

from ktimeline.names.forms import NameForm
from ktimeline.names.tables import NAME_INDEX_DDL
from ktimeline.names.writer import write_rows

# What the lookup reads of ``names``; the store's table has more columns, these are enough.
_NAMES_DDL = """
CREATE TABLE names (
    id INTEGER PRIMARY KEY, person_id TEXT NOT NULL, text TEXT NOT NULL, script TEXT NOT NULL
);
"""


def in_memory(forms: Iterable[NameForm]) -> sqlite3.Connection:
    """A private database holding the name tables of ``forms``, numbered from 1 in order."""
    # The explorer asks from worker threads; sqlite3 serialises the calls on one connection.
    connection = sqlite3.connect(":memory:", check_same_thread=False)
    connection.executescript(_NAMES_DDL + NAME_INDEX_DDL)
    numbered = list(enumerate(forms, start=1))
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?)",
                           [(n, f.person_id, f.text, f.script) for n, f in numbered])
    write_rows(connection, numbered)
    connection.commit()
    return connection


class StoredKeys:
    """Exact lookups in the name tables, each an index seek."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def _rows(self, sql: str, params: Sequence[object]) -> list[tuple[Any, ...]]:
        # A cursor of our own: the store's connection makes sqlite3.Row objects, slower to build.
        cursor = self.connection.cursor()
        cursor.row_factory = None
        try:
            return cursor.execute(sql, params).fetchall()
        finally:
            cursor.close()

    def distinct_keys(self, *kinds: str) -> list[str]:
        """Every key of these kinds, once each (the choices of the fuzzy search)."""
        return [row[0] for row in self._rows(
            " UNION ".join("SELECT key FROM name_keys WHERE kind = ?" for _ in kinds), kinds)]

    def distinct_romans(self) -> list[str]:
        """Every romanised spelling, once each (the choices of the look-alike search)."""
        return [row[0] for row in self._rows(
            "SELECT DISTINCT roman FROM name_spellings WHERE roman != ''", ())]

    def forms(self, kind: str, keys: Sequence[str]) -> list[tuple[str, list[int]]]:
        """Each of ``keys`` of ``kind`` that some form has, with the names.id of those forms."""
        if not keys:
            return []
        marks = ", ".join("?" * len(keys))
        rows = self._rows(
            f"SELECT key, name_ids FROM name_keys WHERE kind = ? AND key IN ({marks})",
            [kind, *keys])
        return [(key, json.loads(ids)) for key, ids in rows]

    def spelled(self, typed: str) -> list[int]:
        """The forms spelled ``typed`` (normalise.spelling)."""
        return [row[0] for row in self._rows(
            "SELECT name_id FROM name_spellings WHERE typed = ?", [typed])]

    def romanised(self, romans: Sequence[str]) -> list[tuple[str, list[int]]]:
        """Each of ``romans`` that some form romanises to, with those forms."""
        if not romans:
            return []
        marks = ", ".join("?" * len(romans))
        found: dict[str, list[int]] = {}
        for roman, number in self._rows(
                f"SELECT roman, name_id FROM name_spellings WHERE roman IN ({marks})", romans):
            found.setdefault(roman, []).append(number)
        return list(found.items())

    def people(self) -> tuple[list[str], array[int]]:
        """Every person id once, and for each names.id the position of its person in that list
        (held in memory: the ranking asks for the person of every form found)."""
        rows = self._rows("SELECT id, person_id FROM names ORDER BY id", ())
        people = {person_id: None for _, person_id in rows}  # in order of first form
        position = {person_id: number for number, person_id in enumerate(people)}
        person_of = array("i", bytes(4 * ((rows[-1][0] if rows else 0) + 1)))
        for number, person_id in rows:
            person_of[number] = position[person_id]
        return list(people), person_of

    def all_spellings(self) -> tuple[list[str], list[str]]:
        """Every form's typed spelling and romanised letters, indexed by names.id (held in memory:
        a surname's bearers are thousands of forms to compare with the query)."""
        rows = self._rows("SELECT name_id, typed, roman FROM name_spellings ORDER BY name_id", ())
        size = (rows[-1][0] if rows else 0) + 1
        typed, romans = [""] * size, [""] * size
        for number, spelled, roman in rows:
            typed[number] = spelled
            # A Latin form's romanised letters are often its spelling: one string serves both.
            romans[number] = spelled if roman == spelled else roman
        return typed, romans

    def texts(self, numbers: Iterable[int]) -> dict[int, tuple[str, str]]:
        """Text and script of these forms, by names.id."""
        return {number: (text, script) for number, text, script in self._rows(
            "SELECT id, text, script FROM names WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(set(numbers)))])}

    def count(self) -> int:
        return int(self._rows("SELECT count(*) FROM name_spellings", ())[0][0])
