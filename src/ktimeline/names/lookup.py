"""Find people by any stored name form; the ranking the CLI and the UI share.

Scores, best first (a person scores by their best form):

- 100  the query is a stored form, spelled the same up to case, width, marks, kana kind and
       separators (リヨンギル = リ・ヨンギル, ri yong-gil = Ri Yong Gil);
- 95   the whole-name phonetic keys are equal (Lee Yong-gil, ri yongiru, 리영길 → Ri Yong Gil);
- 90   the query is a part of a name: a surname, a given name (every bearer ties, by design);
- <90  fuzzy: rapidfuzz ratio of keys or of romanised spellings (typos), scaled;
- 80   a prefix: a name still being typed (``ri yong`` → Ri Yong Ho, Ri Yong Gil), one flat score
       so that the spelling decides among the names it begins, above weak look-alikes
       (``Ri Su-yong``) and below a near-exact typo of a whole name.

Equal scores are ordered by how close the query looks to the form that matched (the spelling as
typed, romanised, and a stricter key: see ``Spellings.closeness``), then by person id, so people
who share a spelling come back side by side in a fixed order. The form reported as ``matched`` is
the closest-looking form found, in the query's script when one is (see ``Ranking.best``).

Every form's keys are derived once (``derive``) and kept in the store's name tables; exact
lookups are index seeks there (see ``NameIndex`` for what is held in memory).
"""

from __future__ import annotations

import bisect
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ktimeline.names import keys as phonetic_keys
from ktimeline.names.forms import Match, NameForm
from ktimeline.names.normalise import MAX_QUERY
from ktimeline.names.ranking import Ranking, Spellings
from ktimeline.names.romanise import romanise
from ktimeline.names.scripts import scripts_of
from ktimeline.names.stored import StoredKeys, in_memory
from ktimeline.names.tables import NATIVE_PART, PART_KEY, WHOLE_KEY

__all__ = ["EXACT_KEY", "EXACT_PART", "EXACT_SPELLING", "Match", "NameForm", "NameIndex"]

EXACT_SPELLING = 100.0
EXACT_KEY = 95.0
EXACT_PART = 90.0
# Fuzzy ratios are scaled below EXACT_PART so a typo never outranks a correct partial name.
FULL_KEY_WEIGHT = 0.88
PART_KEY_WEIGHT = 0.84
FUZZY_CUTOFF = 72.0  # rapidfuzz ratio below which two keys are unrelated
GOOD_FUZZY = 80.0  # a hit this good in the first-letter bucket spares the search of all keys
PREFIX_SCORE = 80.0
MIN_FUZZY_KEY = 3  # shorter keys match too much by chance
MIN_EXHAUSTIVE_KEY = 6  # shorter ones are still being typed: their first letter stands
MAX_FUZZY_HITS = 40
MAX_PREFIX_HITS = 200
# A fuzzy hit on a part borne by more forms than this (a near-miss of "Kim") says nothing.
MAX_FUZZY_PART_BEARERS = 100


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


CANDIDATES_SHOWN = 5
CLEAR_MARGIN = 10.0  # a fuzzy best match stands alone only this far ahead of the next


@dataclass(frozen=True)
class Resolution:
    """``person_id`` when a query names one person; the ranked ``candidates`` either way."""

    person_id: str | None
    candidates: list[Match]


class NameIndex:
    """All name forms, keyed once (see ``derive``); ``find`` ranks people by their best form.

    Exact lookups are index seeks in the name tables: the store's (``NameIndex.of_store``), or an
    in-memory copy built from ``forms``. Held in Python: the fuzzy search's choices (the distinct
    keys and romanised spellings, sorted and bucketed by first letter) and, by form number, the
    person and the two spellings the ranking compares (for a surname, thousands of forms: read
    from SQL, they doubled the p95 latency). 19 MB for 20,000 people, against 55 MB when every
    table was a dict in memory.
    """

    def __init__(self, forms: Iterable[NameForm] = (),
                 connection: sqlite3.Connection | None = None) -> None:
        self._stored = StoredKeys(in_memory(forms) if connection is None else connection)
        self._people, self._person_of = self._stored.people()
        self._typed, self._romans = self._stored.all_spellings()
        self._keys = _Bucketed(self._stored.distinct_keys(WHOLE_KEY, PART_KEY))
        self._roman_choices = _Bucketed(self._stored.distinct_romans())

    @classmethod
    def of_store(cls, connection: sqlite3.Connection) -> NameIndex:
        """The index of a store that carries its name tables (schema version 3 on)."""
        return cls(connection=connection)

    def warm_up(self) -> None:
        """Load now what the first lookup would load while the user types: pykakasi's kana
        tables (the ranking romanises the katakana forms it compares; ~0.1 s)."""
        romanise("キム")

    def __len__(self) -> int:
        return self._stored.count()

    def find(self, query: str, limit: int = 10) -> list[Match]:
        """People whose names match ``query``, best first; never raises on odd input."""
        query = query[:MAX_QUERY]  # no name is longer; a pasted page is not looked up whole
        typed = Spellings.of(query)
        if not typed.typed or limit <= 0:
            return []
        ranking = Ranking(self._people, self._person_of)
        ranking.add_all(self._stored.spelled(typed.typed), EXACT_SPELLING)
        ranking.add_all(self._numbers(NATIVE_PART, [typed.typed]), EXACT_PART)
        tokens = romanise(query)
        keys = sorted(phonetic_keys.query_keys(tokens))
        ranking.add_all(self._numbers(WHOLE_KEY, keys), EXACT_KEY)
        ranking.add_all(self._numbers(PART_KEY, keys), EXACT_PART)
        main_key = phonetic_keys.name_key(tokens)
        # Fuzzy and prefix scores stay below EXACT_PART: once exact hits fill the list, skip them.
        if len(main_key) >= MIN_FUZZY_KEY and ranking.count_at_least(EXACT_PART) < limit:
            self._add_fuzzy(ranking, main_key, typed.roman, exhaustive=not ranking.scores)
            self._add_prefixes(ranking, main_key)
        return ranking.best(limit, typed, scripts_of(query), self)

    def spellings(self, numbers: list[int]) -> tuple[list[str], list[str]]:
        """The typed spelling and romanised letters of each form (for ``Ranking``)."""
        typed, romans = self._typed, self._romans
        return [typed[n] for n in numbers], [romans[n] for n in numbers]

    def texts(self, numbers: Iterable[int]) -> dict[int, tuple[str, str]]:
        """Text and script of a few forms (for ``Ranking``)."""
        return self._stored.texts(numbers)

    def _numbers(self, kind: str, keys: list[str]) -> list[int]:
        """The forms that have any of ``keys`` of ``kind``."""
        return [number for _, numbers in self._stored.forms(kind, keys) for number in numbers]

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

    def _add_fuzzy(self, ranking: Ranking, key: str, roman: str, exhaustive: bool) -> None:
        """Typos: near keys (sound-alike) and near romanised spellings (look-alike)."""
        ratios = dict(self._keys.fuzzy(key, exhaustive))
        for near, numbers in self._stored.forms(WHOLE_KEY, list(ratios)):
            ranking.add_all(numbers, ratios[near] * FULL_KEY_WEIGHT)
        for near, numbers in self._stored.forms(PART_KEY, list(ratios)):
            if len(numbers) <= MAX_FUZZY_PART_BEARERS:
                ranking.add_all(numbers, ratios[near] * PART_KEY_WEIGHT)
        if len(roman) >= MIN_FUZZY_KEY:
            ratios = dict(self._roman_choices.fuzzy(roman, exhaustive))
            for near, numbers in self._stored.romanised(list(ratios)):
                ranking.add_all(numbers, ratios[near] * FULL_KEY_WEIGHT)

    def _add_prefixes(self, ranking: Ranking, key: str) -> None:
        """A name still being typed: keys that start with the query's key."""
        choices = self._keys.starting_with(key)
        for kind in (WHOLE_KEY, PART_KEY):
            for _key, numbers in self._stored.forms(kind, choices):
                ranking.add_all(numbers, PREFIX_SCORE)
