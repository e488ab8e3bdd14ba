"""Phonetic keys where romanisation systems meet: Ri Yong Gil = I Yeonggil = ri yongiru = riyonir.

The key is deliberately lossy (g = k, l = r, ng = n, ...): it decides which names *may* be the
same; the ranking breaks ties between keys with the spelling as typed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from operator import itemgetter

from ktimeline.names.romanise import romanise

# Vowel spellings of one sound: RR eo/eu, English ee/oo, the ae/e merger katakana makes, and the
# small-vowel glides pykakasi spells out (グァン → guan, クォン → kuon).
_VOWELS = (("eo", "o"), ("eu", "u"), ("ee", "i"), ("oo", "u"), ("ae", "e"), ("ua", "wa"),
           ("uo", "wo"), ("yi", "i"))
# Consonant spellings of one sound, longest first: MR ch/ts/j, English sh/kh/ph, Russian zh/kh.
_DIGRAPHS = (("tch", "j"), ("dzh", "j"), ("ch", "j"), ("ts", "j"), ("tz", "j"), ("zh", "j"),
             ("dj", "j"), ("sh", "s"), ("kh", "k"), ("ph", "p"), ("th", "t"), ("gh", "k"),
             ("rh", "r"), ("ck", "k"), ("bh", "p"), ("dh", "t"), ("lh", "r"), ("jh", "j"))
# Voiced and voiceless stops are one Korean phoneme (Kim = Gim, Pak = Bak); r/l likewise.
_LETTERS = str.maketrans({"c": "k", "q": "k", "x": "k", "z": "j", "v": "p", "b": "p", "f": "p",
                          "g": "k", "d": "t", "l": "r"})
_SILENT_H = re.compile(r"(?<=[a-z])h(?![aeiouwy])")  # noh, oh, ahn: h that ends a syllable
_Y_AS_VOWEL = re.compile(r"y(?![aeiou])")  # Andrey, Bogdanovsky: y as i
_DOUBLE = re.compile(r"([a-z])\1+")
_NOT_LETTER = re.compile(r"[^a-z]+")
# The vowel katakana puts after a syllable-final consonant: kimu → kim, giru → gil, paku → pak.
# Only a u that follows a vowel-final syllable and ends the word or precedes a consonant.
_EPENTHETIC_U = re.compile(r"(?<=[aeioun])([kmprs])u(?=[^aeiouwy]|$)")
# The replacement r"\1" as a C callable: a template is expanded in Python for every match.
_GROUP_1 = itemgetter(1)


@lru_cache(maxsize=262144)
def phonetic(latin: str, fine: bool = False) -> str:
    """The phonetic key of lowercase ASCII text; anything but a-z is dropped first.

    ``fine`` keeps ng apart from n: too strict to find names across systems (ヨンチョル is
    yonchoru, Yong Chol), but it tells Yong Gil from Yong Il when both keys match.
    """
    return _fold_joins(_fold_letters(latin), fine)


@lru_cache(maxsize=262144)
def _fold_letters(latin: str) -> str:
    """The letter rules, which stay inside a word: cached per word, since syllables repeat."""
    text = latin.lower()
    if not (text.isascii() and text.isalpha()):
        text = _NOT_LETTER.sub("", text)
    for spelled, sound in _DIGRAPHS:
        if spelled in text:
            text = text.replace(spelled, sound)
    if "h" in text:
        text = _SILENT_H.sub("", text)
    for spelled, sound in _VOWELS:
        if spelled in text:
            text = text.replace(spelled, sound)
    if "y" in text:
        text = _Y_AS_VOWEL.sub("i", text)
    return text.translate(_LETTERS).replace("ti", "ji")


def _fold_joins(text: str, fine: bool = False) -> str:
    """The rules that work across syllables: doubled letters, ng, the katakana vowel."""
    if _DOUBLE.search(text):
        text = _DOUBLE.sub(_GROUP_1, text)
    if not fine:
        text = text.replace("nk", "n")
    if "u" in text:
        shorter = _EPENTHETIC_U.sub(_GROUP_1, text)
        if shorter != text:
            text = _DOUBLE.sub(_GROUP_1, shorter)
    return text


@lru_cache(maxsize=8192)
def _key_of_words(words: tuple[str, ...], fine: bool = False) -> str:
    """Cached by the words: given names (Yong Chol) recur across people and their spellings."""
    return _fold_joins("".join([_fold_letters(word) for word in words]), fine)


# Surname spellings that no letter rule joins (the dropped initial r of South Korean spelling,
# Park's English r, Choi); the first spelling is the canonical one.
SURNAME_SPELLINGS: tuple[tuple[str, ...], ...] = (
    ("ri", "li", "lee", "yi", "i", "rhee", "rhi", "ree", "yee", "rie"),
    ("choe", "choi", "che", "chwe", "choy", "chey"),
    ("pak", "park", "bak", "bag", "pag", "paik", "baek", "paek"),
    ("no", "noh", "ro", "roh", "rho", "nho", "noe"),
    ("o", "oh", "oe"),
    ("jo", "cho", "joh", "choh"),
    ("sin", "shin"),
    ("hyon", "hyun", "hyeon", "hyoun"),
    ("kim", "gim"),
    ("rim", "im", "lim"),
    ("kang", "gang"),
    ("ryu", "yu", "yoo", "rew", "ryoo"),
    ("ryang", "yang"),
    ("ra", "na"),
    ("ryom", "yom", "yeom"),
    ("so", "seo", "suh", "sur"),
    ("u", "woo", "wu"),
    ("an", "ahn"),
)


def _surname_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for spellings in SURNAME_SPELLINGS:
        for spelling in spellings:
            table.setdefault(phonetic(spelling), spellings[0])
    return table


# The phonetic key of every surname spelling -> the canonical spelling.
SURNAMES: dict[str, str] = _surname_table()
# Raw spellings longest first, to find a surname at the start of an unspaced name.
_PREFIXES: tuple[tuple[str, str], ...] = tuple(sorted(
    ((spelling, group[0]) for group in SURNAME_SPELLINGS for spelling in group),
    key=lambda pair: -len(pair[0])))
_VOWEL_START = tuple("aeiou")


def canonical_surname(token: str) -> str:
    """The canonical spelling of a surname (Lee → ri), or the token as it is."""
    return SURNAMES.get(phonetic(token), token)


def name_key(tokens: Sequence[str]) -> str:
    """One key for a whole name, its first word read as a surname: Lee Yong-gil = riyonir."""
    if not tokens:
        return ""
    return _key_of_words((canonical_surname(tokens[0]), *tokens[1:]))


def fine_key(tokens: Sequence[str]) -> str:
    """A stricter key for ranking equals: a syllable-final ng before a vowel is the ン of katakana.

    Yong Il → yonir (ヨンイル, yon'iru), Yong Gil → yonkir (ヨンギル, yongiru), Jong Un → jonun.
    """
    if not tokens:
        return ""
    words = [canonical_surname(tokens[0]), *tokens[1:]]
    for number in range(1, len(words)):
        if words[number - 1].endswith("ng") and words[number].startswith(_VOWEL_START):
            words[number - 1] = words[number - 1][:-1]
    return _key_of_words(tuple(words), fine=True)


def unspaced_keys(word: str) -> set[str]:
    """Keys of an unspaced name under every surname it may start with (leeyonggil → riyonir)."""
    keys = {phonetic(word)}
    for spelling, canonical in _PREFIXES:
        if word.startswith(spelling) and len(word) > len(spelling):
            keys.add(phonetic(canonical + word[len(spelling):]))
    if phonetic(word) in SURNAMES:
        keys.add(phonetic(SURNAMES[phonetic(word)]))
    return keys


def query_keys(tokens: Sequence[str]) -> set[str]:
    """Every key a typed name may have: with and without its first word read as a surname."""
    if not tokens:
        return set()
    keys = {name_key(tokens), phonetic("".join(tokens))}
    if len(tokens) == 1:
        keys |= unspaced_keys(tokens[0])
    else:
        # Given name last, surname first in Western order: "Yong-gil Lee".
        keys.add(name_key([tokens[-1], *tokens[:-1]]))
    keys.discard("")
    return keys


def form_keys(tokens: Sequence[str]) -> tuple[set[str], set[str]]:
    """The whole-name keys of a stored form, and the keys of the parts a person may type alone:
    each word, the surname, the given name (and the whole name, also a part of itself).

    ``Ri Yong Gil`` → {riyonir}, {ri, yon, kir, yonir, riyonir}. The same keys as ``name_key``
    and ``phonetic`` give (tests/test_names_keys.py checks it), from each word's letters folded
    once: the store build derives this for every form.
    """
    if not tokens:
        return set(), set()
    folds = [_word_folds(token) for token in tokens]
    surname_letters, surname_key = folds[0][2:]
    given = "".join([fold[0] for fold in folds[1:]])
    whole = _fold_joins(surname_letters + given)
    keys = {whole}
    parts = {fold[1] for fold in folds}
    parts.add(surname_key)
    parts.add(whole)
    if len(tokens) == 1:
        keys |= unspaced_keys(tokens[0])
    elif len(tokens) > 2:
        parts.add(_fold_joins(given))
    keys.discard("")
    parts.discard("")
    return keys, parts


@lru_cache(maxsize=65536)
def _word_folds(word: str) -> tuple[str, str, str, str]:
    """A word's folded letters and key, and those of its canonical spelling read as a surname."""
    letters = _fold_letters(word)
    key = _fold_joins(letters)
    canonical = SURNAMES.get(key)
    if canonical is None:
        return letters, key, letters, key
    surname_letters = _fold_letters(canonical)
    return letters, key, surname_letters, _fold_joins(surname_letters)


def key_of(text: str) -> str:
    """The whole-name key of any text, in any script (kanji give none: they are matched as text)."""
    return name_key(romanise(text))
