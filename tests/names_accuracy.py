"""The fixed name-lookup test set: query variants generated from tests/names_people.toml.

Shared by tests/test_names_accuracy.py (which asserts the floors) and bench/name_accuracy.py
(which prints the figures). Every variant knows the people it must find: a person, or every
person sharing the spelling it came from (namesakes), or every bearer of a surname.
"""

from __future__ import annotations

import random
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jaconv  # pykakasi's own dependency: half-width kana
from anyascii import anyascii

from ktimeline.names.lookup import NameForm, NameIndex
from ktimeline.names.normalise import spelling, split_tokens
from ktimeline.names.romanise import kana_to_latin

PEOPLE_FILE = Path(__file__).with_name("names_people.toml")
LIMIT = 20  # results looked at: the CLI's person_matches limit

# Spellings of a surname that users type; each group is one hangul surname.
SURNAME_RESPELLINGS: tuple[tuple[str, ...], ...] = (
    ("Ri", "Lee", "Yi", "Rhee", "Li", "I"), ("Pak", "Park", "Bak"), ("Choe", "Choi", "Che"),
    ("Kim", "Gim"), ("No", "Noh", "Roh"), ("O", "Oh"), ("Jo", "Cho"), ("Sin", "Shin"),
    ("Hyon", "Hyun", "Hyeon"), ("Im", "Lim", "Rim"), ("Kang", "Gang"),
)

# Hand-written queries: (query, expected ids, typo-ish).
HAND_WRITTEN: tuple[tuple[str, frozenset[str], bool], ...] = tuple(
    (query, frozenset(ids.split()), typo) for query, ids, typo in (
        ("ri yongiru", "ri-yong-gil", False),
        ("Ri Yong Gil", "ri-yong-gil", False),
        ("ri yong-gil", "ri-yong-gil", False),
        ("Lee Yong-gil", "ri-yong-gil", False),
        ("리영길", "ri-yong-gil", False),
        ("李永吉", "ri-yong-gil", False),
        ("リヨンギル", "ri-yong-gil", False),
        ("riyonggil", "ri-yong-gil", False),
        ("ＲＩ ＹＯＮＧ－ＧＩＬ", "ri-yong-gil", False),
        ("ﾘ･ﾖﾝｷﾞﾙ", "ri-yong-gil", False),
        ("Yong-gil Lee", "ri-yong-gil", False),
        ("Putin", "vladimir-putin", False),
        ("プーチン", "vladimir-putin", False),
        ("Путин", "vladimir-putin", False),
        ("putin vladimir", "vladimir-putin", False),
        ("kim jong eun", "kim-jong-un", False),
        ("Kim Jeong-eun", "kim-jong-un", False),
        ("kimu jon'un", "kim-jong-un", False),
        ("Choi Ryong Hae", "choe-ryong-hae", False),
        ("Choe Ryong-hae", "choe-ryong-hae", False),
        ("che ryonhe", "choe-ryong-hae", False),
        ("Park Pong Ju", "pak-pong-ju", False),
        ("パクポンジュ", "pak-pong-ju", False),
        ("ぱく・ぽんじゅ", "pak-pong-ju", False),
        ("Rhee Yong-ho", "ri-yong-ho", False),
        ("Choi Son-hui", "choe-son-hui", False),
        ("Cho Yong Won", "jo-yong-won", False),
        ("Lim Chon-il", "im-chon-il", False),
        ("Gang Sun-nam", "kang-sun-nam", False),
        ("Hyeon Yeong-cheol", "hyon-yong-chol", False),
        ("Noh Kwang-chol", "no-kwang-chol", False),
        ("Oh Kum-chol", "o-kum-chol", False),
        ("Shin Hong-chol", "sin-hong-chol decoy-sin-hong-chol-namesake", False),
        ("Kim Jong-gyu", "kim-jong-gyu decoy-kim-jong-gyu-namesake", False),
        ("Shoigu", "sergei-shoigu", False),
        ("ショイグ", "sergei-shoigu", False),
        ("Lavrov", "sergei-lavrov", False),
        ("Matsegora", "alexander-matsegora", False),
        ("Мацегора", "alexander-matsegora", False),
        ("Sergey Ryabkov", "sergei-ryabkov", False),
        ("Andrey Kartapolov", "andrei-kartapolov", False),
        ("Ri Yonggli", "ri-yong-gil", True),
        ("Ri Yongil", "ri-yong-gil decoy-ri-yong-il", True),  # ambiguous: both must come back
        ("Kim Jong Nu", "kim-jong-un", True),
        ("Kartapolof", "andrei-kartapolov", True),
        ("Bogdanowsky", "nikolai-bogdanovsky", True),
        ("Sergei Ryabkof", "sergei-ryabkov", True),
        ("Hyon Yong Cholll", "hyon-yong-chol", True),
        ("Chloe Ryong Hae", "choe-ryong-hae", True),
        ("Pak Pon Ju", "pak-pong-ju", True),
        ("Vladimir Puttin", "vladimir-putin", True),
        ("ri yongirru", "ri-yong-gil", True),
    ))


@dataclass(frozen=True)
class Person:
    id: str
    kind: str
    family: str
    forms: tuple[tuple[str, str], ...]  # (text, script)

    @property
    def korean(self) -> bool:
        return any(script in {"hangul", "kanji", "mixed"} for _, script in self.forms)


@dataclass(frozen=True)
class Case:
    query: str
    expected: frozenset[str]
    variant: str
    typo: bool


@dataclass
class Tally:
    total: int = 0
    top1: int = 0
    top3: int = 0
    misses: list[tuple[Case, list[str]]] = field(default_factory=list)

    def rate(self, hits: int) -> float:
        return hits / self.total if self.total else 1.0


def load_people(path: Path = PEOPLE_FILE) -> list[Person]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Person(p["id"], p["kind"], p["family"],
                   tuple((n["text"], n["script"]) for n in p["names"])) for p in data["person"]]


def name_forms(people: Iterable[Person]) -> list[NameForm]:
    return [NameForm(person.id, text, script, "und") for person in people
            for text, script in person.forms]


def _given(text: str) -> str:
    words = text.replace("-", " ").split()
    return "".join(words[1:])


def _latin_variants(person: Person, text: str) -> Iterator[tuple[str, str]]:
    words = split_tokens(text)
    yield "lower", text.lower()
    yield "upper", text.upper()
    yield "unspaced", "".join(w.replace("'", "") for w in text.replace("-", " ").split())
    yield "no-marks", "".join(c for c in unicodedata.normalize("NFD", text)
                              if not unicodedata.combining(c))
    yield "full-width", "".join(
        chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else "\u3000" if c == " " else c for c in text)
    syllables = text.replace("-", " ").split()
    if person.korean and len(syllables) >= 2:
        given = [s.lower() for s in syllables[1:]]
        yield "hyphenated", f"{syllables[0]} {given[0].capitalize()}-{'-'.join(given[1:])}" \
            if len(given) > 1 else f"{syllables[0]}-{given[0]}"
        yield "spaced", " ".join(syllables)
        for group in SURNAME_RESPELLINGS:
            if syllables[0].lower() in (s.lower() for s in group):
                for other in group:
                    if other.lower() != syllables[0].lower():
                        yield "surname-respelled", " ".join([other, *syllables[1:]])
    if len(words) >= 2 and not person.korean:
        yield "surname-only", words[-1]


def _kana_variants(text: str) -> Iterator[tuple[str, str]]:
    words = split_tokens(text)
    yield "no-dot", "".join(words)
    yield "half-width", jaconv.z2h(text, kana=True, ascii=False, digit=False)
    yield "hiragana", jaconv.kata2hira(text)
    romaji = [kana_to_latin(word) for word in words]
    yield "romaji", " ".join(romaji)
    yield "romaji-unspaced", "".join(romaji).replace("'", "")
    yield "romaji-capitalised", " ".join(w.capitalize() for w in romaji)


def _native_variants(person: Person, text: str, script: str) -> Iterator[tuple[str, str]]:
    if script in {"kanji", "hangul"} and len(text) >= 3:
        yield "spaced", f"{text[0]} {text[1:]}"
    if script == "hangul":
        yield "rr-library", anyascii(text)
    if script == "cyrillic":
        yield "lower", text.lower()
        yield "transliterated", anyascii(text)
        yield "surname-only", text.split()[-1]


def _typos(text: str, seed: str) -> Iterator[tuple[str, str]]:
    """One-edit misspellings a hurried typist makes; never the first letter."""
    letters = [i for i, c in enumerate(text) if c.isalpha() and i > 0]
    if len(letters) < 5:
        return
    rng = random.Random(seed)
    i = rng.choice(letters)
    yield "typo-drop", text[:i] + text[i + 1:]
    j = rng.choice(letters[:-1])
    yield "typo-swap", text[:j] + text[j + 1] + text[j] + text[j + 2:]
    k = rng.choice(letters)
    yield "typo-double", text[:k] + text[k] + text[k:]
    vowels = [i for i in letters if text[i].lower() in "aeiou"]
    if vowels:
        v = rng.choice(vowels)
        swap = {"a": "e", "e": "a", "i": "e", "o": "u", "u": "o"}[text[v].lower()]
        yield "typo-vowel", text[:v] + swap + text[v + 1:]


def cases(people: list[Person]) -> list[Case]:
    """Every generated and hand-written query, each with the people it must find."""
    owners: dict[str, set[str]] = {}
    for person in people:
        for text, _ in person.forms:
            owners.setdefault(spelling(text), set()).add(person.id)
    by_family: dict[str, set[str]] = {}
    for person in people:
        by_family.setdefault(person.family, set()).add(person.id)
    # A given name is shared by everyone whose first Latin form has it (Yong Chol: three people).
    given_of = {person.id: spelling(_given(next(t for t, s in person.forms if s == "latin")))
                for person in people if person.korean}
    by_given: dict[str, set[str]] = {}
    for person_id, given in given_of.items():
        by_given.setdefault(given, set()).add(person_id)

    result: list[Case] = []
    seen: set[tuple[str, frozenset[str]]] = set()

    def add(query: str, expected: set[str] | frozenset[str], variant: str, typo: bool) -> None:
        key = (query, frozenset(expected))
        if query.strip() and key not in seen:
            seen.add(key)
            result.append(Case(query, frozenset(expected), variant, typo))

    for person in people:
        for text, script in person.forms:
            namesakes = owners[spelling(text)]
            add(text, namesakes, "stored", False)
            if script == "latin":
                variants = list(_latin_variants(person, text))
                typo_bases = [text]
            elif script in {"katakana", "hiragana"}:
                variants = list(_kana_variants(text))
                typo_bases = [v for name, v in variants if name == "romaji"]
            else:
                variants = list(_native_variants(person, text, script))
                typo_bases = []
            for variant, query in variants:
                if variant == "surname-only":
                    add(query, by_family[person.family], "surname-only", False)
                else:
                    add(query, namesakes, variant, False)
            if script == "latin" and person.korean and len(text.replace("-", " ").split()) >= 2:
                given = _given(text)
                add(given, by_given[given_of[person.id]], "given-only", False)
                add(text.replace("-", " ").split()[0], by_family[person.family],
                    "surname-only", False)
            for base in typo_bases:
                for variant, query in _typos(base, f"{person.id}|{base}"):
                    others = owners.get(spelling(query), set()) - namesakes
                    if not others:  # a typo that spells someone else's name is that name
                        add(query, namesakes, variant, True)
    for query, expected, typo in HAND_WRITTEN:
        add(query, expected, "hand-written", typo)
    return result


def evaluate(index: NameIndex, test_cases: Iterable[Case]) -> dict[bool, Tally]:
    """Top-1 and top-3 tallies for normal (False) and typo-ish (True) cases.

    A case with n expected people is right at top-1 when all n are the first n results, and at
    top-3 when all n are within the first n + 2.
    """
    tallies = {False: Tally(), True: Tally()}
    for case in test_cases:
        found = [m.person_id for m in index.find(case.query, limit=LIMIT)]
        tally = tallies[case.typo]
        tally.total += 1
        size = len(case.expected)
        if case.expected <= set(found[:size]):
            tally.top1 += 1
        else:
            tally.misses.append((case, found[:size + 2]))
        if case.expected <= set(found[:size + 2]):
            tally.top3 += 1
    return tallies


def variant_counts(test_cases: Iterable[Case]) -> Counter[str]:
    return Counter(case.variant for case in test_cases)
