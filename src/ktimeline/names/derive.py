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
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

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
    NAME_INDEX_INDEXES,
    NATIVE_PART,
    PART_KEY,
    WHOLE_KEY,
)


@dataclass(frozen=True, slots=True)
class Derived:
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
Groups = dict[str, dict[str, list[int]]]  # kind -> key -> names.id of the forms with it


def write_rows(connection: sqlite3.Connection, forms: Iterable[tuple[int, NameForm]]) -> None:
    """Fill the (existing, empty) name tables from (names.id, form) pairs, and index them."""
    numbered = [(name_id, form.text, form.script) for name_id, form in forms]
    spellings, groups = _derive_grouped(numbered)
    connection.executemany("INSERT INTO name_spellings VALUES (?, ?, ?)", spellings)
    for statement in NAME_INDEX_INDEXES.strip().split(";"):
        if statement.strip():
            connection.execute(statement)
    # In the order found: unsorted, SQLite inserts them faster than Python sorts them.
    connection.executemany("INSERT INTO name_keys VALUES (?, ?, ?)", (
        (kind, key, encode_ids(ids)) for kind in KEY_KINDS for key, ids in groups[kind].items()))


def _derive_grouped(numbered: list[Numbered]) -> tuple[Spellings, Groups]:
    """Every form derived and its keys grouped; over the machine's cores when there are many
    forms (deriving is pure Python: one process uses one core)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(numbered) < PARALLEL_FROM or workers < 2 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return _derive_share(numbered)
    size = -(-len(numbered) // workers)
    shares = [numbered[start:start + size] for start in range(0, len(numbered), size)]
    # fork: the workers start with everything imported, in milliseconds. Each returns its share
    # already grouped: far less to send back than a record per form.
    spellings: Spellings = []
    groups: Groups = {kind: {} for kind in KEY_KINDS}
    # Unpickling the shares makes a million small objects: the cycle collector would walk them
    # again and again (half the time, measured).
    collecting = gc.isenabled()
    gc.disable()
    try:
        with ProcessPoolExecutor(workers,
                                 mp_context=multiprocessing.get_context("fork")) as pool:
            for share_spellings, share_groups in pool.map(_derive_share, shares):
                spellings += share_spellings  # shares in order: ids stay ascending per key
                for kind, keys in share_groups.items():
                    merged = groups[kind]
                    for key, ids in keys.items():
                        found = merged.get(key)
                        if found is None:
                            merged[key] = ids
                        else:
                            found += ids
    finally:
        if collecting:
            gc.enable()
    return spellings, groups


def _derive_share(numbered: list[Numbered]) -> tuple[Spellings, Groups]:
    groups: dict[str, defaultdict[str, list[int]]] = {kind: defaultdict(list)
                                                      for kind in KEY_KINDS}
    by_native, by_key, by_part = (groups[kind] for kind in KEY_KINDS)
    spellings: Spellings = []
    # Deriving allocates many small objects, none of them cyclic: the cycle collector would only
    # walk the growing tables again and again.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for name_id, text, script in numbered:
            derived = _derive(text, script)
            spellings.append((name_id, derived.typed, derived.roman))
            for key in derived.native_parts:
                by_native[key].append(name_id)
            for key in derived.whole_keys:
                by_key[key].append(name_id)
            for key in derived.part_keys:
                by_part[key].append(name_id)
    finally:
        # The caches pay during one build; kept, they would hold tens of MB of tuples that the
        # cycle collector walks on every full pass while the user types.
        for cached in (_derive, _word, _form_keys, _native_word):
            cached.cache_clear()
        if collecting:
            gc.enable()
    return spellings, {kind: dict(keys) for kind, keys in groups.items()}


def encode_ids(ids: list[int]) -> str:
    """names.id values as name_keys.name_ids holds them: a JSON array (json_each reads it)."""
    if len(ids) == 1:
        return f"[{ids[0]}]"
    return "[" + ",".join(map(str, ids)) + "]"
