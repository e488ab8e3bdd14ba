"""Ordering people by score, then by how close the query looks to the form that matched."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from rapidfuzz import fuzz

from ktimeline.names import keys as phonetic_keys
from ktimeline.names.forms import Match
from ktimeline.names.normalise import spelling
from ktimeline.names.romanise import romanise

# People ordered by the full closeness beyond the limit, after the bulk one chose them.
TIE_BREAK_MARGIN = 10


@dataclass(frozen=True)
class Spellings:
    """A name three ways, for telling apart names whose keys are equal."""

    typed: str  # spelling(): the text with case, width and separators folded
    roman: str  # romanised, letters only
    fine: str  # keys.fine_key

    @classmethod
    def of(cls, text: str) -> Spellings:
        tokens = romanise(text)
        return cls(spelling(text), "".join(tokens), phonetic_keys.fine_key(tokens))

    def closeness(self, other: Spellings) -> float:
        """How alike two names look: the best of the three ratios, the others breaking ties."""
        ratios = [fuzz.ratio(self.typed, other.typed)]
        if self.roman and other.roman:
            ratios += [fuzz.ratio(self.roman, other.roman), fuzz.ratio(self.fine, other.fine)]
        return max(ratios) + sum(ratios) / 1000


class FormTexts(Protocol):
    """What the ranking reads of an index's forms, by form number."""

    def text_of(self, number: int) -> str: ...

    def typed_of(self, number: int) -> str: ...

    def roman_of(self, number: int) -> str: ...

    def spellings_of(self, number: int) -> Spellings: ...


class Ranking:
    """Best score per person and the forms that reach it; closeness is computed only at the end,
    for the people who can still make the list."""

    def __init__(self, person_ids: list[str]) -> None:
        self.person_ids = person_ids
        self.scores: dict[str, tuple[float, list[int]]] = {}

    def add_all(self, numbers: Iterable[int], score: float) -> None:
        scores, person_ids = self.scores, self.person_ids
        for number in numbers:
            person_id = person_ids[number]
            current = scores.get(person_id)
            if current is None or score > current[0]:
                scores[person_id] = (score, [number])
            elif score == current[0]:
                current[1].append(number)

    def count_at_least(self, score: float) -> int:
        return sum(1 for best, _ in self.scores.values() if best >= score)

    def best(self, limit: int, typed: Spellings, index: FormTexts) -> list[Match]:
        """The top ``limit`` people.

        Everyone scoring at least the limit-th score may still reach the list on a tie-break,
        which can be hundreds of people for a surname: they are first ordered by a cheap
        closeness computed in bulk (spelling and romanised text), and only the leaders by the
        full one (which adds the fine key).
        """
        by_score = sorted(self.scores.items(), key=lambda item: -item[1][0])
        if not by_score:
            return []
        floor = by_score[min(limit, len(by_score)) - 1][1][0]
        contenders = [(person_id, score, numbers) for person_id, (score, numbers) in by_score
                      if score >= floor]
        numbers = [n for _, _, forms in contenders for n in forms]
        cheap = dict(zip(numbers, _bulk_closeness(typed, numbers, index), strict=True))
        leaders = sorted(contenders, key=lambda c: (-c[1], -max(cheap[n] for n in c[2]), c[0]))
        ranked: list[tuple[float, float, str, int]] = []
        for person_id, score, forms in leaders[:limit + TIE_BREAK_MARGIN]:
            # The closest-looking form is the one shown as matched (the first stored on a tie).
            closeness, first = max((typed.closeness(index.spellings_of(n)), -n) for n in forms)
            ranked.append((-score, -closeness, person_id, -first))
        ranked.sort()
        return [Match(person_id, round(-negative_score, 1), index.text_of(number))
                for negative_score, _, person_id, number in ranked[:limit]]


def _bulk_closeness(typed: Spellings, numbers: list[int], index: FormTexts) -> list[float]:
    """Spelling and romanised closeness of many forms at once, in rapidfuzz's C loop."""
    by_spelling = _all_ratios(typed.typed, [index.typed_of(n) for n in numbers])
    if not typed.roman:
        return by_spelling
    by_roman = _all_ratios(typed.roman, [index.roman_of(n) for n in numbers])
    return [max(a, b) + (a + b) / 1000 for a, b in zip(by_spelling, by_roman, strict=True)]


def _all_ratios(query: str, choices: list[str]) -> list[float]:
    # A plain loop: process.extract(limit=None) was 100x slower on mixed-script choices.
    ratio = fuzz.ratio
    return [ratio(query, choice) for choice in choices]
