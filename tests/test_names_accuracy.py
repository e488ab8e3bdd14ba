"""Accuracy floors on the fixed test set (tests/names_people.toml, variants in names_accuracy.py).

The figures themselves: ``python bench/name_accuracy.py``.
"""

from __future__ import annotations

import pytest

import names_accuracy  # a helper module beside the tests (pytest puts tests/ on sys.path)
from ktimeline.names.lookup import NameIndex

NORMAL_TOP1_FLOOR = 0.99
TYPO_TOP1_FLOOR = 0.90
TOP3_FLOOR = 0.99


@pytest.fixture(scope="module")
def tallies() -> dict[bool, names_accuracy.Tally]:
    people = names_accuracy.load_people()
    index = NameIndex(names_accuracy.name_forms(people))
    return names_accuracy.evaluate(index, names_accuracy.cases(people))


def test_the_set_is_big_and_covers_every_variant_class() -> None:
    people = names_accuracy.load_people()
    cases = names_accuracy.cases(people)
    counts = names_accuracy.variant_counts(cases)
    assert len(people) >= 40
    assert sum(1 for case in cases if not case.typo) >= 900
    assert sum(1 for case in cases if case.typo) >= 300
    for variant in ("stored", "lower", "upper", "unspaced", "hyphenated", "spaced", "no-marks",
                    "full-width", "surname-respelled", "no-dot", "half-width", "hiragana",
                    "romaji", "romaji-unspaced", "transliterated", "surname-only", "given-only",
                    "hand-written", "typo-drop", "typo-swap", "typo-double", "typo-vowel"):
        assert counts[variant] > 0, variant
    assert any(len(case.expected) > 1 for case in cases)  # namesakes and surname queries


def test_normal_variants_top1(tallies: dict[bool, names_accuracy.Tally]) -> None:
    normal = tallies[False]
    assert normal.rate(normal.top1) >= NORMAL_TOP1_FLOOR, normal.misses[:10]


def test_typo_variants_top1(tallies: dict[bool, names_accuracy.Tally]) -> None:
    typo = tallies[True]
    assert typo.rate(typo.top1) >= TYPO_TOP1_FLOOR, typo.misses[:10]


def test_top3(tallies: dict[bool, names_accuracy.Tally]) -> None:
    for tally in tallies.values():
        assert tally.rate(tally.top3) >= TOP3_FLOOR, tally.misses[:10]
