"""Find people by any stored name form; the ranking the CLI and the UI share.

Scores, best first (a person scores by their best form):

- 100  the query is a stored form, spelled the same up to case, width, marks, kana kind and
       separators (リヨンギル = リ・ヨンギル, ri yong-gil = Ri Yong Gil);
- 95   the whole-name phonetic keys are equal (Lee Yong-gil, ri yongiru, 리영길 → Ri Yong Gil);
- 90   the query is a part of a name: a surname, a given name (every bearer ties, by design);
- <90  fuzzy: rapidfuzz ratio of keys or of romanised spellings (typos), then prefixes (a name
       still being typed).

Equal scores are ordered by how close the query looks to the form that matched (the spelling as
typed, romanised, and a stricter key: see ``Spellings.closeness``), then by person id, so people
who share a spelling come back side by side in a fixed order.
"""

from __future__ import annotations

import bisect
import gc
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ktimeline.names import keys as phonetic_keys
from ktimeline.names.forms import Match, NameForm
from ktimeline.names.normalise import (
    HIRAGANA_TO_KATAKANA,
    clean,
    spelling,
    spelling_of_clean,
    split_tokens,
)
from ktimeline.names.ranking import Ranking, Spellings
from ktimeline.names.romanise import romanise, romanise_clean

__all__ = ["EXACT_KEY", "EXACT_PART", "EXACT_SPELLING", "Match", "NameForm", "NameIndex", "fold"]

EXACT_SPELLING = 100.0
EXACT_KEY = 95.0
EXACT_PART = 90.0
# Fuzzy ratios are scaled below EXACT_PART so a typo never outranks a correct partial name.
FULL_KEY_WEIGHT = 0.88
PART_KEY_WEIGHT = 0.84
FUZZY_CUTOFF = 72.0  # rapidfuzz ratio below which two keys are unrelated
GOOD_FUZZY = 80.0  # a hit this good in the first-letter bucket spares the search of all keys
PREFIX_BASE, PREFIX_SPAN = 60.0, 20.0
MIN_FUZZY_KEY = 3  # shorter keys match too much by chance
MIN_EXHAUSTIVE_KEY = 6  # shorter ones are still being typed: their first letter stands
MAX_FUZZY_HITS = 40
MAX_PREFIX_HITS = 200
# A fuzzy hit on a part borne by more people than this (a near-miss of "Kim") says nothing.
MAX_FUZZY_PART_BEARERS = 100


def fold(text: str) -> str:
    """Case, width and separators folded away: 'Ri Yong-gil' and 'riyonggil' meet."""
    return spelling(text)


def _native_parts(cleaned: str, script: str) -> set[str]:
    """Spellings of the words of a native-script name, and the surname of an unspaced one."""
    if script == "cyrillic":  # the only native script with marks to strip (й → и)
        words = [spelling_of_clean(word) for word in split_tokens(cleaned)]
    else:
        words = [word.casefold().translate(HIRAGANA_TO_KATAKANA)
                 for word in split_tokens(cleaned)]
    parts = {w for w in words if w}
    if len(words) == 1 and 2 <= len(words[0]) <= 4 and script in {"kanji", "hangul"}:
        parts |= {words[0][0], words[0][1:]}  # 李永吉: surname 李, given name 永吉
    return parts


class _Bucketed:
    """Sorted strings, also grouped by first letter so a fuzzy search can start small."""

    def __init__(self, strings: Iterable[str]) -> None:
        self.all = sorted(strings)
        groups: dict[str, list[str]] = defaultdict(list)
        for text in self.all:
            groups[text[:1]].append(text)
        self.by_first = dict(groups)

    def fuzzy(self, query: str, exhaustive: bool) -> list[tuple[str, float]]:
        """Strings within FUZZY_CUTOFF of ``query`` in its first letter's bucket; when that finds
        nothing good and ``exhaustive``, in all (a typo in the first letter of a name long
        enough to be recognised without it)."""
        hits = self._extract(query, self.by_first.get(query[:1], []))
        good = bool(hits) and hits[0][1] >= GOOD_FUZZY
        if exhaustive and not good and len(query) >= MIN_EXHAUSTIVE_KEY:
            hits = self._extract(query, self.all)
        return hits

    @staticmethod
    def _extract(query: str, choices: list[str]) -> list[tuple[str, float]]:
        found = process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF,
                                limit=MAX_FUZZY_HITS)
        return [(choice, score) for choice, score, _ in found]

    def starting_with(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self.all, prefix)
        found = []
        for text in self.all[start:start + MAX_PREFIX_HITS]:
            if not text.startswith(prefix):
                break
            found.append(text)
        return found


class _Builder:
    """The index's tables as lists while forms are added, frozen to tuples at the end."""

    def __init__(self) -> None:
        self.person_ids: list[str] = []
        self.texts: list[str] = []
        self.typed: list[str] = []
        self.romans: list[str] = []
        self.by_spelling: defaultdict[str, list[int]] = defaultdict(list)
        self.by_native_part: defaultdict[str, list[int]] = defaultdict(list)
        self.by_key: defaultdict[str, list[int]] = defaultdict(list)
        self.by_part: defaultdict[str, list[int]] = defaultdict(list)
        self.by_roman: defaultdict[str, list[int]] = defaultdict(list)
        # A person's forms often romanise alike (Ri Yong Gil, Ri Yong-gil): key them once.
        self.keys_of: dict[tuple[str, ...], tuple[set[str], set[str]]] = {}

    def add(self, number: int, form: NameForm) -> None:
        cleaned = clean(form.text)
        typed = spelling_of_clean(cleaned)
        tokens = romanise_clean(cleaned)
        roman = "".join(tokens)
        self.person_ids.append(form.person_id)
        self.texts.append(form.text)
        self.typed.append(typed)
        self.romans.append(roman)
        self.by_spelling[typed].append(number)
        if form.script != "latin":
            for part in _native_parts(cleaned, form.script):
                self.by_native_part[part].append(number)
        if roman:
            self.by_roman[roman].append(number)
        words = tuple(tokens)
        found = self.keys_of.get(words)
        if found is None:
            found = self.keys_of[words] = phonetic_keys.form_keys(words)
        whole_keys, part_keys = found
        by_key, by_part = self.by_key, self.by_part
        for key in whole_keys:
            by_key[key].append(number)
        for key in part_keys:
            by_part[key].append(number)


def _frozen(table: dict[str, list[int]]) -> dict[str, tuple[int, ...]]:
    # Tuples of ints are untracked by the cycle collector: no GC pauses walking hundreds of
    # thousands of lists while the user types.
    return {key: tuple(numbers) for key, numbers in table.items()}


CANDIDATES_SHOWN = 5
CLEAR_MARGIN = 10.0  # a fuzzy best match stands alone only this far ahead of the next


@dataclass(frozen=True)
class Resolution:
    """``person_id`` when a query names one person; the ranked ``candidates`` either way."""

    person_id: str | None
    candidates: list[Match]


class NameIndex:
    """All name forms, keyed once; ``find`` ranks people by their best-matching form."""

    def __init__(self, forms: Iterable[NameForm]) -> None:
        built = _Builder()
        # Building allocates ~10 small objects per form and none of them cyclic: the cycle
        # collector would only walk the growing index again and again (a third of the time).
        collecting = gc.isenabled()
        gc.disable()
        try:
            for number, form in enumerate(forms):
                built.add(number, form)
            self._by_spelling = _frozen(built.by_spelling)
            self._by_native_part = _frozen(built.by_native_part)
            self._by_key = _frozen(built.by_key)
            self._by_part = _frozen(built.by_part)
            self._by_roman = _frozen(built.by_roman)
        finally:
            if collecting:
                gc.enable()
        # Plain lists of strings, not the NameForm objects: nothing for the cycle collector to
        # walk while the user types.
        self._person_ids = built.person_ids
        self._texts = built.texts
        self._typed = built.typed
        self._romans = built.romans
        self._keys = _Bucketed(self._by_key.keys() | self._by_part.keys())
        self._roman_choices = _Bucketed(self._by_roman)
        self._spellings: dict[int, Spellings] = {}  # built on demand, for tie-breaks

    def __len__(self) -> int:
        return len(self._texts)

    def find(self, query: str, limit: int = 10) -> list[Match]:
        """People whose names match ``query``, best first; never raises on odd input."""
        typed = Spellings.of(query)
        if not typed.typed or limit <= 0:
            return []
        ranking = Ranking(self._person_ids)
        ranking.add_all(self._by_spelling.get(typed.typed, ()), EXACT_SPELLING)
        ranking.add_all(self._by_native_part.get(typed.typed, ()), EXACT_PART)
        tokens = romanise(query)
        for key in phonetic_keys.query_keys(tokens):
            ranking.add_all(self._by_key.get(key, ()), EXACT_KEY)
            ranking.add_all(self._by_part.get(key, ()), EXACT_PART)
        main_key = phonetic_keys.name_key(tokens)
        # Fuzzy and prefix scores stay below EXACT_PART: once exact hits fill the list, skip them.
        if len(main_key) >= MIN_FUZZY_KEY and ranking.count_at_least(EXACT_PART) < limit:
            self._add_fuzzy(ranking, main_key, typed.roman, exhaustive=not ranking.scores)
            self._add_prefixes(ranking, main_key)
        return ranking.best(limit, typed, self)

    def resolve(self, query: str) -> Resolution:
        """The one person ``query`` names, or the candidates when it names several or none
        clearly: never one of two namesakes in silence."""
        found = self.find(query, limit=CANDIDATES_SHOWN)
        if not found:
            return Resolution(None, [])
        best = found[0]
        tied = [m for m in found if m.score == best.score]
        runner_up = found[1].score if len(found) > 1 else 0.0
        clear = len(tied) == 1 and (best.score >= EXACT_KEY
                                    or best.score - runner_up >= CLEAR_MARGIN)
        return Resolution(best.person_id if clear else None, found)

    def text_of(self, number: int) -> str:
        return self._texts[number]

    def typed_of(self, number: int) -> str:
        return self._typed[number]

    def roman_of(self, number: int) -> str:
        return self._romans[number]

    def spellings_of(self, number: int) -> Spellings:
        """A form's three spellings, built on first use (only tie-breaks need the fine key)."""
        found = self._spellings.get(number)
        if found is None:
            found = self._spellings[number] = Spellings.of(self._texts[number])
        return found

    def _add_fuzzy(self, ranking: Ranking, key: str, roman: str, exhaustive: bool) -> None:
        """Typos: near keys (sound-alike) and near romanised spellings (look-alike)."""
        for near, ratio in self._keys.fuzzy(key, exhaustive):
            ranking.add_all(self._by_key.get(near, ()), ratio * FULL_KEY_WEIGHT)
            bearers = self._by_part.get(near, ())
            if len(bearers) <= MAX_FUZZY_PART_BEARERS:
                ranking.add_all(bearers, ratio * PART_KEY_WEIGHT)
        if len(roman) >= MIN_FUZZY_KEY:
            for near, ratio in self._roman_choices.fuzzy(roman, exhaustive):
                ranking.add_all(self._by_roman[near], ratio * FULL_KEY_WEIGHT)

    def _add_prefixes(self, ranking: Ranking, key: str) -> None:
        """A name still being typed: keys that start with the query's key."""
        for choice in self._keys.starting_with(key):
            score = PREFIX_BASE + PREFIX_SPAN * len(key) / len(choice)
            ranking.add_all(self._by_key.get(choice, ()), score)
            ranking.add_all(self._by_part.get(choice, ()), score)


