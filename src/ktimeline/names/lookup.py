"""Find people by any stored name form; the ranking the CLI and the UI share."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

_SEPARATORS = re.compile(r"[\s\-‐・·'’`.=＝]+")


@dataclass(frozen=True)
class NameForm:
    person_id: str
    text: str
    script: str
    lang: str
    scheme: str | None = None


@dataclass(frozen=True)
class Match:
    person_id: str
    score: float
    matched: str


def fold(text: str) -> str:
    """Case, width and separators folded away: 'Ri Yong-gil' and 'riyonggil' meet."""
    cleaned = "".join(c for c in text if c.isprintable())
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", cleaned).casefold())


class NameIndex:
    """All name forms, folded once; ``find`` ranks people by their best-matching form."""

    def __init__(self, forms: Iterable[NameForm]) -> None:
        self.forms = [(form, fold(form.text)) for form in forms]

    def find(self, query: str, limit: int = 10) -> list[Match]:
        key = fold(query)
        if not key:
            return []
        best: dict[str, Match] = {}
        for form, folded in self.forms:
            if not folded:
                continue
            if folded == key:
                score = 100.0
            elif folded.startswith(key) or key in folded:
                score = 90.0 * len(key) / len(folded) + 5
            else:
                score = fuzz.ratio(key, folded) * 0.9
                if score < 70:
                    continue
            current = best.get(form.person_id)
            if current is None or score > current.score:
                best[form.person_id] = Match(form.person_id, round(score, 1), form.text)
        return sorted(best.values(), key=lambda m: (-m.score, m.person_id))[:limit]
