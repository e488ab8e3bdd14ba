"""The records the name lookup takes and gives: a stored name form, a ranked match."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NameForm:
    """One stored spelling of a person's name (the ``names`` table's row)."""

    person_id: str
    text: str
    script: str
    lang: str
    scheme: str | None = None


@dataclass(frozen=True)
class Match:
    """A person found: ``score`` out of 100 (see lookup); ``matched`` the closest-looking form
    found, in the query's script when one was (see ``Ranking.best``)."""

    person_id: str
    score: float
    matched: str
