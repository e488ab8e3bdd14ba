"""What a name form is looked up by: its keys, derived once, a pure function of its text and
script.

``derive`` is the one derivation: the store build, the synthetic generator and the in-memory
index (``NameIndex(forms)``) all write its rows through ``names.writer``, and the lookup reads
them back with the same SQL whichever connection holds them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
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
from ktimeline.names.tables import KEY_KINDS, NATIVE_PART, PART_KEY, WHOLE_KEY


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


Numbered = tuple[int, str, str]  # names.id, text, script
Spellings = list[tuple[int, str, str]]  # names.id, typed, roman
# kind -> key -> the names.id of the forms with that key, comma-separated: name_ids, unbracketed.
Groups = dict[str, dict[str, str]]


def derive_numbered(numbered: list[Numbered]) -> tuple[Spellings, Groups]:
    """The name tables' rows for (names.id, text, script) triples: each form's spellings, and
    for each key of each kind the ids of the forms it finds, comma-separated."""
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
