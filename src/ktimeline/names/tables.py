"""The name tables a store carries for lookup (written by ``derive.write_rows``), without imports,
so the store's schema can include them at no cost to start-up."""

from __future__ import annotations

# What a form is found by. The spelling as typed (normalise.spelling, score 100) and the romanised
# letters (for look-alike typos) are one per form: they are columns of name_spellings, indexed.
# The other kinds, several per form, are rows of name_keys, by name_keys.kind:
NATIVE_PART = "native"  # a word of a non-Latin form, or the surname of an unspaced one: 90
WHOLE_KEY = "key"  # a phonetic key of the whole name: 95
PART_KEY = "part"  # a phonetic key of a part a person may type alone: 90
KEY_KINDS = (NATIVE_PART, WHOLE_KEY, PART_KEY)

# name_keys has one row per key, clustered on (kind, key): an exact lookup is one index seek, and
# the distinct keys the fuzzy search needs come out in order. name_ids is a JSON array of the
# names.id of every form with that key: a row per form and key would be 5 rows a form, 450,000
# for 20,000 people, several times slower to write. name_spellings also holds what the ranking
# compares a query with (the fine key is left out: only tie-breaks need it, and it is quick to
# derive then).
NAME_INDEX_DDL = """
CREATE TABLE name_keys (
    kind TEXT NOT NULL, key TEXT NOT NULL, name_ids TEXT NOT NULL,
    PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE TABLE name_spellings (
    name_id INTEGER PRIMARY KEY REFERENCES names(id), typed TEXT NOT NULL, roman TEXT NOT NULL
);
"""
# Created by derive.write_rows once the rows are in: one sort is faster than growing two indexes
# row by row.
NAME_INDEX_INDEXES = """
CREATE INDEX name_spellings_by_typed ON name_spellings (typed);
CREATE INDEX name_spellings_by_roman ON name_spellings (roman);
"""
NAME_INDEX_TABLES = ("name_keys", "name_spellings")
