"""What a name form is looked up by: its keys, derived once, stored in the store's name tables.

``derive`` is the one derivation: the store build, the synthetic generator and the in-memory
index (``NameIndex(forms)``) all write its rows with ``write_rows``, and the lookup reads them back
with the same SQL whichever connection holds them.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sqlite3
import tempfile
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

from ktimeline.names import keys as phonetic_keys
from ktimeline.names.forms import NameForm
from ktimeline.names.normalise import (
    HIRAGANA_TO_KATAKANA,
    MAX_QUERY_CHARS,
    clean,
    spelling_of_clean,
    split_tokens,
)
from ktimeline.names.romanise import romanise_word
from ktimeline.names.tables import (
    KEY_KINDS,
    NAME_INDEX_DDL,
    NAME_INDEX_INDEXES,
    NATIVE_PART,
    PART_KEY,
    WHOLE_KEY,
)


class Derived(NamedTuple):
    """A form's spellings and the keys that find it, by kind (each key once per kind)."""

    typed: str
    roman: str
    native_parts: tuple[str, ...]
    whole_keys: tuple[str, ...]
    part_keys: tuple[str, ...]

    def rows(self) -> list[tuple[str, str]]:
        """(kind, key) pairs: the name_keys rows that list this form."""
        return [(NATIVE_PART, part) for part in self.native_parts] \
            + [(WHOLE_KEY, key) for key in self.whole_keys] \
            + [(PART_KEY, key) for key in self.part_keys]


def derive(form: NameForm) -> Derived:
    """Everything the lookup needs of one form; a pure function of its text and script."""
    return _derive(form.text, form.script)


# Whole forms repeat (generated stores), and within unique names the words do (surnames,
# syllables): both levels are cached. The sizes bound memory in a long-lived process.
@lru_cache(maxsize=4096)
def _derive(text: str, script: str) -> Derived:
    cleaned = clean(text)
    pieces = [_word(word) for word in split_tokens(cleaned, hyphens=True)]
    # Spelling folds letter by letter and drops the separators split_tokens splits at, so the
    # spelling of the words joined is the spelling of the whole (see normalise.spelling).
    typed = "".join([piece[0] for piece in pieces])[:MAX_QUERY_CHARS]
    tokens = tuple([token for piece in pieces for token in piece[1]])
    roman = "".join(tokens)
    native = _native_parts(cleaned, script) if script != "latin" else ()
    return Derived(typed, roman, native, *_form_keys(tokens))


@lru_cache(maxsize=65536)
def _word(word: str) -> tuple[str, tuple[str, ...]]:
    """One word's spelling and romanised tokens (a word as ``split_tokens(hyphens=True)`` cuts)."""
    if _HANGUL_WORD.fullmatch(word):
        # Hangul names are single unspaced words, nearly all different; their syllables repeat.
        # Each precomposed syllable spells as itself and romanises alone as one token
        # (tests/test_names_derive.py checks all 11,172), so the word is its syllables.
        return word, tuple([token for char in word for token in romanise_word(char)])
    return spelling_of_clean(word), romanise_word(word)


_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")


@lru_cache(maxsize=65536)
def _form_keys(tokens: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``keys.form_keys``, sorted so the rows come out in one order on every run."""
    whole, parts = phonetic_keys.form_keys(tokens)
    return tuple(sorted(whole)), tuple(sorted(parts))


def _native_parts(cleaned: str, script: str) -> tuple[str, ...]:
    """Spellings of the words of a native-script name, and the surname of an unspaced one."""
    cyrillic = script == "cyrillic"
    words = [_native_word(word, cyrillic) for word in split_tokens(cleaned)]
    parts = {w for w in words if w}
    if len(words) == 1 and 2 <= len(words[0]) <= 4 and script in {"kanji", "hangul"}:
        parts |= {words[0][0], words[0][1:]}  # 李永吉: surname 李, given name 永吉
    return tuple(sorted(parts))


@lru_cache(maxsize=65536)
def _native_word(word: str, cyrillic: bool) -> str:
    if cyrillic:  # the only native script with marks to strip (й → и)
        return spelling_of_clean(word)
    return word.casefold().translate(HIRAGANA_TO_KATAKANA)


# Below this many forms a pool of processes costs more to start than it saves (the curated
# store has hundreds; 20,000 people have ~90,000).
PARALLEL_FROM = 20_000

Numbered = tuple[int, str, str]  # names.id, text, script
Spellings = list[tuple[int, str, str]]  # names.id, typed, roman
# kind -> key -> the names.id of the forms with that key, comma-separated: name_ids, unbracketed.
Groups = dict[str, dict[str, str]]


def write_rows(connection: sqlite3.Connection, forms: Iterable[tuple[int, NameForm]]) -> None:
    """Fill the (existing, empty) name tables from (names.id, form) pairs, and index them.

    With many forms the work is shared out over the machine's cores, and the caller's open
    transaction is committed before the other shares are merged (SQLite attaches a file only
    between transactions).
    """
    with _cycle_collection_paused():
        _write_rows(connection, [(name_id, form.text, form.script) for name_id, form in forms])
    for statement in NAME_INDEX_INDEXES.strip().split(";"):
        if statement.strip():
            connection.execute(statement)


def _write_rows(connection: sqlite3.Connection, numbered: list[Numbered]) -> None:
    first, *others = _shares(numbered)
    if others:
        with tempfile.TemporaryDirectory(prefix="ktimeline-names-") as directory:
            paths = [str(Path(directory) / f"share{number}.db") for number in range(len(others))]
            # fork: a worker starts with everything imported and its share in memory, in
            # milliseconds; it writes to its own file and exits without touching this process's
            # connection.
            context = multiprocessing.get_context("fork")
            workers = [context.Process(target=_write_share, args=(path, share), daemon=True)
                       for path, share in zip(paths, others, strict=True)]
            for worker in workers:
                worker.start()
            try:
                _insert_share(connection, *_derive_share(first))
            finally:
                for worker in workers:
                    worker.join()
            if any(worker.exitcode != 0 for worker in workers):
                raise RuntimeError("a process deriving name keys failed (see the error above)")
            _merge_shares(connection, paths)
    else:
        _insert_share(connection, *_derive_share(first))


def _shares(numbered: list[Numbered]) -> list[list[Numbered]]:
    """Consecutive runs of forms of about equal work, one per core when there are enough forms to
    pay for the processes (deriving is pure Python: one process uses one core)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(numbered) < PARALLEL_FROM or workers < 2 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return [numbered]
    costs = list(accumulate(_COST.get(script, 1.0) for _id, _text, script in numbered))
    bounds = [bisect_left(costs, costs[-1] * part / workers) for part in range(1, workers)]
    starts = [0, *bounds]
    return [numbered[start:end] for start, end in zip(starts, [*bounds, len(numbered)],
                                                      strict=True) if end > start]


# What a form costs to derive, relative to a Latin one (bench/names_speed.py's people, measured):
# the other scripts are romanised first, katakana through pykakasi.
_COST = {"latin": 1.0, "hangul": 1.9, "katakana": 2.5, "hiragana": 2.5, "cyrillic": 2.4}


def _insert_share(connection: sqlite3.Connection, spellings: Spellings, groups: Groups) -> None:
    connection.executemany("INSERT INTO name_spellings VALUES (?, ?, ?)", spellings)
    # In the order found: unsorted, SQLite inserts them faster than Python sorts them.
    connection.executemany("INSERT INTO name_keys VALUES (?, ?, ?)", (
        (kind, key, f"[{ids}]") for kind in KEY_KINDS for key, ids in groups[kind].items()))


def _write_share(path: str, numbered: list[Numbered]) -> None:
    """A worker's share derived and written to name tables of its own file: inserting is a sixth
    of the work, and done here it is done in parallel, with nothing to send back."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
                                 + NAME_INDEX_DDL)
        _insert_share(connection, *_derive_share(numbered))
        connection.commit()
    finally:
        connection.close()


# A key found in an earlier share too: this share's ids go after that share's (the shares are
# consecutive runs of names.id, so each array stays ascending, as one process writes it).
_MERGE_KEYS = """
INSERT INTO main.name_keys SELECT kind, key, name_ids FROM share.name_keys WHERE true
ON CONFLICT (kind, key) DO UPDATE SET
    name_ids = substr(name_ids, 1, length(name_ids) - 1) || ',' || substr(excluded.name_ids, 2)
"""


def _merge_shares(connection: sqlite3.Connection, paths: list[str]) -> None:
    """The workers' tables copied into the store's, in share order, by SQLite alone."""
    connection.commit()
    for path in paths:
        connection.execute("ATTACH DATABASE ? AS share", (path,))
        try:
            connection.execute("INSERT INTO main.name_spellings SELECT * FROM share.name_spellings")
            connection.execute(_MERGE_KEYS)
            connection.commit()
        finally:
            connection.execute("DETACH DATABASE share")


def _derive_share(numbered: list[Numbered]) -> tuple[Spellings, Groups]:
    groups: dict[str, defaultdict[str, list[str]]] = {kind: defaultdict(list)
                                                      for kind in KEY_KINDS}
    by_native, by_key, by_part = (groups[kind] for kind in KEY_KINDS)
    spellings: Spellings = []
    try:
        for name_id, text, script in numbered:
            derived = _derive(text, script)
            spellings.append((name_id, derived.typed, derived.roman))
            # The ids are written as text: each converted once here, not once per key.
            number = str(name_id)
            for key in derived.native_parts:
                by_native[key].append(number)
            for key in derived.whole_keys:
                by_key[key].append(number)
            for key in derived.part_keys:
                by_part[key].append(number)
    finally:
        # The caches pay during one build; kept, they would hold tens of MB of tuples that the
        # cycle collector walks on every full pass while the user types.
        for cached in (_derive, _word, _form_keys, _native_word):
            cached.cache_clear()
    return spellings, {kind: {key: ",".join(ids) for key, ids in keys.items()}
                       for kind, keys in groups.items()}


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Deriving allocates hundreds of thousands of small objects, none of them cyclic: the cycle
    collector would only walk the growing tables again and again (a third of the time, measured).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
