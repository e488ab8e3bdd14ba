"""Text cleaning shared by every name form and every query: nothing here knows about phonetics."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Queries longer than this are cut: no name is this long, and fuzzy scoring is O(len²).
MAX_QUERY_CHARS = 120
# What is searched of a typed query at all: longer text is cut (a pasted page would cost minutes
# of trigram lookups over a large store, and no name or title is this long).
MAX_QUERY = 200

# Where one word of a name ends: spaces, the katakana middle dot (and its half-width and look-alike
# forms), the katakana double hyphen; hyphens only when syllables are wanted (split_tokens).
_WORD_BREAKS = " \t\n\r・·･‧•=＝゠,、/_\u3000"
_HYPHENS = "-‐‑‒–—"
# What joins the letters of one word without being a letter: apostrophes, full stops.
_JOINERS = "'’‘`´.ʼʻʹ"  # ʼ: McCune–Reischauer's aspiration mark as some fonts type it
_DELETE_SEPARATORS = str.maketrans("", "", _WORD_BREAKS + _HYPHENS + _JOINERS)
_BREAKS_TO_SPACE = str.maketrans(_WORD_BREAKS, " " * len(_WORD_BREAKS), _JOINERS)
_BREAKS_AND_HYPHENS_TO_SPACE = str.maketrans(_WORD_BREAKS + _HYPHENS,
                                             " " * len(_WORD_BREAKS + _HYPHENS), _JOINERS)
_DELETE_HYPHENS = str.maketrans("", "", _HYPHENS)

HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def clean(text: str) -> str:
    """NFKC text without controls, format characters, lone surrogates or unassigned code points.

    Undecodable terminal bytes arrive as lone surrogates; bidi marks and zero-width joiners are
    format characters: none of them can be part of a name, and some would crash an encoder.
    """
    if text.isprintable():  # the usual case, checked in C: nothing to drop
        return " ".join(unicodedata.normalize("NFKC", text).split())[: MAX_QUERY_CHARS * 4]
    kept = "".join(
        char for char in text
        if unicodedata.category(char) not in {"Cc", "Cf", "Cs", "Co", "Cn"} or char in "\t\n")
    normalised = unicodedata.normalize("NFKC", kept)
    return " ".join(normalised.split())[: MAX_QUERY_CHARS * 4]


def strip_marks(text: str) -> str:
    """Latin letters as plain ASCII (ŏ → o, ß → ss, ø → o), Cyrillic without diacritics (й → и),
    stray combining marks dropped; other scripts as they are.

    Hangul must not go through NFD wholesale: it would fall apart into jamo.
    """
    if text.isascii():
        return text
    return "".join([_plain_letter(char) for char in text])


@lru_cache(maxsize=8192)
def _plain_letter(char: str) -> str:
    if char.isascii():
        return char
    if unicodedata.category(char).startswith("M"):  # marks, even those of class 0 (U+034F)
        return ""
    name = unicodedata.name(char, "")
    if name.startswith(("LATIN", "MODIFIER LETTER")):
        return anyascii(char)
    if name.startswith("CYRILLIC"):
        return "".join(c for c in unicodedata.normalize("NFD", char)
                       if not unicodedata.category(c).startswith("M"))
    return char


def split_tokens(text: str, hyphens: bool = False) -> list[str]:
    """The words of a name: split at spaces and the middle dot; apostrophes join.

    Hyphens join too (``Yong-gil`` is one given name) unless ``hyphens``: then they split, for
    callers that need the syllables (``Yong-il`` ends a syllable in ng before a vowel).
    """
    if hyphens:
        return text.translate(_BREAKS_AND_HYPHENS_TO_SPACE).split()
    return text.translate(_BREAKS_TO_SPACE).translate(_DELETE_HYPHENS).split()


def spelling(text: str) -> str:
    """The spelling as written, with only case, width, marks, kana kind and separators folded.

    Two spellings equal under this fold are "the same text": ``Ri Yong-gil`` = ``ri yong gil``,
    ``リ・ヨンギル`` = ``リヨンギル`` = ``りよんぎる``.
    """
    return spelling_of_clean(clean(text))


def spelling_of_clean(cleaned: str) -> str:
    """``spelling`` of text that has been through ``clean`` already."""
    if cleaned.isascii():
        return cleaned.lower().translate(_DELETE_SEPARATORS)[:MAX_QUERY_CHARS]
    # Marks go before case folding (ͅ folds to ι) and after it (İ folds to i + a dot).
    folded = strip_marks(strip_marks(cleaned).casefold()).lower()
    folded = folded.translate(HIRAGANA_TO_KATAKANA)
    return folded.translate(_DELETE_SEPARATORS)[:MAX_QUERY_CHARS]
