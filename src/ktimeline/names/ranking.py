"""Ordering people by score, then by how close the query looks to the form that matched."""

from __future__ import annotations

from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
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

    def spellings(self, numbers: list[int]) -> tuple[list[str], list[str]]:
        """The typed spelling and the romanised letters of each form, in the order given."""
        ...

    def texts(self, numbers: Iterable[int]) -> dict[int, tuple[str, str]]:
        """The text and script of a few forms."""
        ...


@lru_cache(maxsize=4096)
def spellings_of(text: str) -> Spellings:
    """A stored form's three spellings (only tie-breaks need the fine key, so it is not stored)."""
    return Spellings.of(text)


class Ranking:
    """Best score per person and the forms that reach it; closeness is computed only at the end,
    for the people who can still make the list."""

    def __init__(self, people: Sequence[str], person_of: Sequence[int]) -> None:
        self.people = people  # person ids
        self.person_of = person_of  # form number -> position in people
        # person id -> (best score, the forms that reach it, every form found at any score)
        self.scores: dict[str, tuple[float, list[int], list[int]]] = {}

    def add_all(self, numbers: Iterable[int], score: float) -> None:
        """Forms found, by number, all at ``score``."""
        scores, people, person_of = self.scores, self.people, self.person_of
        for number in numbers:
            person_id = people[person_of[number]]
            current = scores.get(person_id)
            if current is None:
                scores[person_id] = (score, [number], [number])
                continue
            current[2].append(number)
            if score > current[0]:
                scores[person_id] = (score, [number], current[2])
            elif score == current[0]:
                current[1].append(number)

    def count_at_least(self, score: float) -> int:
        return sum(1 for best, _, _ in self.scores.values() if best >= score)

    def best(self, limit: int, typed: Spellings, query_scripts: Set[str],
             index: FormTexts) -> list[Match]:
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
        contenders = [(person_id, score, numbers) for person_id, (score, numbers, _) in by_score
                      if score >= floor]
        numbers = [n for _, _, forms in contenders for n in forms]
        cheap = dict(zip(numbers, _bulk_closeness(typed, *index.spellings(numbers)),
                         strict=True))
        leaders = sorted(contenders, key=lambda c: (-c[1], -max(cheap[n] for n in c[2]), c[0]))
        leaders = leaders[:limit + TIE_BREAK_MARGIN]
        texts = index.texts(n for person_id, _, _ in leaders for n in self.scores[person_id][2])
        ranked: list[tuple[float, float, str, int]] = []
        for person_id, score, forms in leaders:
            best_forms = set(forms)
            near = [(typed.closeness(spellings_of(texts[n][0])), -n)
                    for n in set(self.scores[person_id][2])]
            # The person's order: the closeness of the forms at the best score (the first stored
            # on a tie). The form shown as matched: the closest-looking one in the query's own
            # script, if any matched, even at a lower score (Путин shows Владимир Путин, a part
            # match, before プーチン, a whole-key one); else the closest at the best score.
            order = max(c for c in near if -c[1] in best_forms)
            shown = max(near, key=lambda c: (texts[-c[1]][1] in query_scripts,
                                             -c[1] in best_forms, c))[1]
            ranked.append((-score, -order[0], person_id, -shown))
        ranked.sort()
        return [Match(person_id, round(-negative_score, 1), texts[number][0])
                for negative_score, _, person_id, number in ranked[:limit]]


def _bulk_closeness(typed: Spellings, spelled: list[str], romans: list[str]) -> list[float]:
    """Spelling and romanised closeness of many forms at once, in rapidfuzz's C loop."""
    by_spelling = _all_ratios(typed.typed, spelled)
    if not typed.roman:
        return by_spelling
    by_roman = _all_ratios(typed.roman, romans)
    return [max(a, b) + (a + b) / 1000 for a, b in zip(by_spelling, by_roman, strict=True)]


def _all_ratios(query: str, choices: list[str]) -> list[float]:
    # A plain loop: process.extract(limit=None) was 100x slower on mixed-script choices.
    ratio = fuzz.ratio
    return [ratio(query, choice) for choice in choices]
