"""What every surface says when a name does not settle on one person, in English and Japanese.

The CLI (``--person``, ``asof``, ``person --profile``) and the explorer's filter resolve a
person the same way (``store.people.resolve``) and say why they could not in the same words.
"""

from __future__ import annotations

from collections.abc import Callable

from ktimeline.store.people import PersonMatch, Resolution

# Candidates named in the sentence: enough to choose from, short enough for one line.
NAMED = 3

_AMBIGUOUS = {
    "en": "{query!r} names more than one person: {names}; be more precise or give an id",
    "ja": ("「{query}」に当てはまる人物が複数います: {names}。"
           "より詳しく入力するか ID を入力してください"),
}
_NONE = {
    "en": "no person matches {query!r}",
    "ja": "「{query}」に当てはまる人物はいません",
}
_NEAR = {"en": "; did you mean {ids}?", "ja": "(近い ID: {ids})"}
_SEPARATOR = {"en": "; ", "ja": "、"}


def unresolved(resolution: Resolution, told_apart: Callable[[PersonMatch], str],
               lang: str = "en") -> str:
    """One line on why ``resolution`` names no one person; ``told_apart`` writes a candidate
    (name, what tells them apart, and the id to type)."""
    lang = lang if lang in _NONE else "en"
    query = resolution.query
    if resolution.candidates:
        names = _SEPARATOR[lang].join(told_apart(m) for m in resolution.candidates[:NAMED])
        return _AMBIGUOUS[lang].format(query=query, names=names)
    line = _NONE[lang].format(query=query)
    if resolution.near_ids:
        line += _NEAR[lang].format(ids=", ".join(resolution.near_ids))
    return line
