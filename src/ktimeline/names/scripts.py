"""Which writing system a name is in, judged from its letters."""

from __future__ import annotations

import unicodedata

# Punctuation that any script's name may carry: the katakana middle dot, hyphens, apostrophes.
_NEUTRAL = set(" ・·-‐'’`.()=＝、,")


def char_script(char: str) -> str | None:
    """The script of one letter, or None for spaces, punctuation and marks."""
    if char in _NEUTRAL or char.isspace():
        return None
    code = ord(char)
    if 0x30A0 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
        return "katakana"
    if 0x3040 <= code <= 0x309F:
        return "hiragana"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "kanji"
    if 0x0400 <= code <= 0x052F:
        return "cyrillic"
    category = unicodedata.category(char)
    if category.startswith("M"):
        return None
    if category.startswith("L") and unicodedata.name(char, "").startswith("LATIN"):
        return "latin"
    if category.startswith("L"):
        return "other"
    return None


def scripts_of(text: str) -> set[str]:
    """Every script whose letters appear in ``text``."""
    found = {char_script(c) for c in unicodedata.normalize("NFKC", text)}
    found.discard(None)
    return {s for s in found if s is not None}


def matches_script(text: str, script: str) -> bool:
    """True when ``text`` is written wholly in ``script`` ("mixed" accepts two or more)."""
    found = scripts_of(text)
    if script == "mixed":
        return len(found) >= 2
    return found == {script}
