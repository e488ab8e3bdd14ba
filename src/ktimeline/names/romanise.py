"""Any stored name form or query as lowercase ASCII words, ready for the phonetic key.

Kana go through pykakasi (Hepburn); hangul, Cyrillic and accented Latin through anyascii, which
gives hangul in Revised Romanization one capitalised syllable at a time (리영길 → LiYeongGil), so
syllable boundaries survive. Kanji are not romanised: pykakasi would read Korean names as Japanese
words (李永吉 → "sumomo eikichi"), so kanji are matched as text only (see lookup).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from anyascii import anyascii

from ktimeline.names.normalise import clean, split_tokens, strip_marks
from ktimeline.names.scripts import char_script

_CAPITALISED_SYLLABLE = re.compile(r"[A-Z][a-z]*")
_NOT_LETTER = re.compile(r"[^a-z]+")
_CAMEL_BREAK = re.compile(r"(?<=[a-z])(?=[A-Z])")


@lru_cache(maxsize=1)
def _kana_converter() -> Callable[[str], str]:
    """pykakasi's kana-to-romaji converter, without its kanji dictionary.

    ``pykakasi.kakasi()`` also loads the kanji dictionary (0.5-1 s) that names never need here;
    its kana converter alone loads in ~0.1 s. If a pykakasi release moves it, use the full one.
    """
    try:
        from pykakasi.scripts import IConv

        converter = IConv()  # type: ignore[no-untyped-call]
        return _hepburn_only(converter) or (
            lambda kana: str(converter.convert(kana, kana)["hepburn"]))
    except (ImportError, AttributeError, TypeError, KeyError):  # pragma: no cover - API change
        import pykakasi

        kakasi = pykakasi.kakasi()  # type: ignore[no-untyped-call]
        return lambda kana: "".join(str(part["hepburn"]) for part in kakasi.convert(kana))


# Spellings the Hepburn-only path must give as ``IConv.convert`` does (long vowels, small kana,
# sokuon, hiragana).
_PROBES = ("キム・ジョンウン", "リ・ヨンギル", "ウラジーミル", "ショイグ", "ヴァレリー",
           "ゲラシモフ", "ペスコフ", "チョッケ", "ぷーちん", "ドゥミトリー")


def _hepburn_only(converter: Any) -> Callable[[str], str] | None:
    """``IConv.convert`` spells every word three ways (Hepburn, Kunrei, passport); a store build
    converts thousands of words and needs one. The steps it takes for Hepburn, alone, when they are
    there and agree with it on the probes; else None."""
    try:
        def hepburn(kana: str) -> str:
            return str(converter._s2a(converter._h2ah(converter._k2h(kana))))

        agree = all(hepburn(probe) == converter.convert(probe, probe)["hepburn"]
                    for probe in _PROBES)
    except (AttributeError, TypeError, KeyError):  # pragma: no cover - API change
        return None
    return hepburn if agree else None


@lru_cache(maxsize=65536)
def kana_to_latin(kana: str) -> str:
    """Hepburn romaji of a kana word (キム → kimu, ジョンウン → jon'un)."""
    return _kana_converter()(kana)


def _word_script(word: str) -> str:
    """The script that decides how a word is romanised (kana beat kanji in mixed words)."""
    found = {char_script(c) for c in word}
    for script in ("katakana", "hiragana", "hangul", "cyrillic", "latin"):
        if script in found:
            return script
    return "kanji" if "kanji" in found else "other"


@lru_cache(maxsize=65536)
def romanise_word(word: str) -> tuple[str, ...]:
    """One word as lowercase ASCII tokens; a hangul word gives one token per syllable."""
    script = _word_script(word)
    if script == "kanji":
        return ()
    if script in {"katakana", "hiragana"}:
        kana = "".join(c for c in word if char_script(c) in {"katakana", "hiragana"})
        latin = kana_to_latin(kana)
    elif script == "hangul":
        syllables = _CAPITALISED_SYLLABLE.findall(anyascii(word))
        return tuple(t for s in syllables if (t := _NOT_LETTER.sub("", s.lower())))
    else:
        # CamelCase is a word break: LiYeongGil (anyascii's hangul, pasted back) is Li Yeong Gil.
        latin = _CAMEL_BREAK.sub(" ", anyascii(strip_marks(word)))
    return tuple(t for part in latin.lower().split() if (t := _NOT_LETTER.sub("", part)))


def romanise(text: str) -> list[str]:
    """Every word of ``text`` romanised, in order; kanji and symbols drop out."""
    return romanise_clean(clean(text))


def romanise_clean(cleaned: str) -> list[str]:
    """``romanise`` of text that has been through ``clean`` already."""
    return [token for word in split_tokens(cleaned, hyphens=True)
            for token in romanise_word(word)]
