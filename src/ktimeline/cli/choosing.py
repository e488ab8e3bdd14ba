"""What the user named: a person, a kind, a side, the filter of a listing, an id that is
nearly right."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import Any

from ktimeline.cli.output import UsageError, clean, parse_date_arg
from ktimeline.personchoice import unresolved
from ktimeline.store.people import identity
from ktimeline.store.queries import EventFilter, Store
from ktimeline.store.schema import EVENT_KINDS


def resolve_person(store: Store, query: str) -> str:
    """An id as given, or the one person a name matches; ambiguity is the user's to settle."""
    resolution = store.people.resolve(query)
    if resolution.person_id is None:
        raise UsageError(unresolved(
            resolution, lambda m: f"{m.person.get('name_en')} "
                                  f"({identity(m.person, m.latest_term)}) = {m.person_id}"))
    return resolution.person_id


def person_matches(store: Store, query: str) -> dict[str, Any]:
    """The ``person --json`` object: an id given exactly first, then the ranked name matches.

    Each match also says which stored form ``matched``, so people sharing a spelling can be told
    apart by their ``description``.
    """
    found = store.people.matches(query)
    names = store.people.names_for([match.person_id for match in found])
    matches = [{"person_id": match.person_id, "name_en": match.person.get("name_en"),
                "name_ja": match.person.get("name_ja"),
                "names": [{"text": n["text"], "script": n["script"], "lang": n["lang"],
                           "scheme": n["scheme"]} for n in names.get(match.person_id, [])],
                "score": match.score, "description": identity(match.person, match.latest_term),
                "matched": match.matched} for match in found]
    return {"query": query, "matches": matches}


# -- subcommands ---------------------------------------------------------------------------
# The explorer shows some kinds by a shorter name; the CLI takes either.
KIND_ALIASES = {"parliament": "parliamentary"}


def resolve_kind(store: Store, given: str) -> str:
    """A kind as stored, from its name or the explorer's label; else a usage error naming them."""
    kind = KIND_ALIASES.get(given.lower(), given.lower())
    if kind in EVENT_KINDS or kind in store.timeline.kinds():
        return kind
    known = [*EVENT_KINDS, *sorted(set(store.timeline.kinds()) - set(EVENT_KINDS))]
    raise UsageError(f"unknown kind {given!r}: use one of {', '.join(known)}")


def nearest_ids(given: str, ids: Sequence[str]) -> str:
    """``; did you mean A, B?`` for the ids closest to ``given`` (empty when none is close)."""
    import difflib

    def likeness(candidate: str) -> float:
        return difflib.SequenceMatcher(None, given, candidate).ratio()

    close = sorted(difflib.get_close_matches(given, ids, n=3, cutoff=0.6), key=likeness,
                   reverse=True)
    # Only those nearly as close as the closest: a far second guess is noise.
    close = [c for c in close if likeness(c) >= likeness(close[0]) - 0.1] if close else []
    return f"; did you mean {', '.join(close)}?" if close else ""


def event_filter(store: Store, args: argparse.Namespace) -> EventFilter:
    """The filter that ``--from``, ``--to``, ``--kind``, ``--person``, ``--side`` ask for."""
    where = EventFilter(
        date_from=parse_date_arg(args.date_from, "--from") if args.date_from else None,
        date_to=parse_date_arg(args.date_to, "--to") if args.date_to else None,
        kind=resolve_kind(store, clean(args.kind)) if args.kind else None,
        person_id=resolve_person(store, clean(args.person[0])) if args.person else None,
        also_present=tuple(resolve_person(store, clean(p)) for p in (args.person or [])[1:]),
        side=resolve_side(store, clean(args.side)) if args.side else None)
    if where.date_from and where.date_to and where.date_from.lo > where.date_to.hi:
        raise UsageError(f"--from {where.date_from.text} is after --to {where.date_to.text}")
    return where


def resolve_side(store: Store, given: str) -> str:
    """A side people attended on (KP, RU, SU, other), in any case."""
    return _one_of_sides(given, store.timeline.sides())


def _one_of_sides(given: str, sides: list[str]) -> str:
    """``given`` as it is spelled in ``sides``, in any case; else a usage error naming them."""
    for side in sides:
        if side.lower() == given.lower():
            return side
    raise UsageError(f"unknown side {given!r}: use one of {', '.join(sides)}")


def resolve_side_or_country(store: Store, given: str) -> str:
    """A side of the line-up (a country code of the record's organisations: KP, RU, SU, ...)."""
    return _one_of_sides(given, store.views.sides())
