"""People: a person's record and profile, the person-match rows a typed name yields, and the one
resolver from "an id or a name" to one person that every surface calls."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ktimeline.store import dates
from ktimeline.store.citing import conflict_texts
from ktimeline.store.holdings import post_object
from ktimeline.store.reading import EVENT_COLUMNS, Reading, Row, batches, marks

if TYPE_CHECKING:
    from ktimeline.names.lookup import NameIndex
    from ktimeline.store.queries import Store

# Enough for every bearer of a surname in the curated record.
MATCH_LIMIT = 20
# A score the exact id given as a query takes: above any name match.
ID_SCORE = 100.0


@dataclass(frozen=True)
class PersonMatch:
    """A person a query found: which stored form ``matched``, how well, and what the store
    holds of them (their row, and their latest term to tell namesakes apart)."""

    person_id: str
    matched: str
    score: float
    person: Row
    latest_term: Row | None


@dataclass(frozen=True)
class Resolution:
    """The one person a query names (``person_id``), or the ``candidates`` when it names several
    or none clearly; ``near_ids`` are ids like the query when nothing matched."""

    query: str
    person_id: str | None
    candidates: tuple[PersonMatch, ...] = ()
    near_ids: tuple[str, ...] = ()


class People(Reading):
    """People and their name forms."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self._names: NameIndex | None = None
        self._names_lock = threading.Lock()
        self._names_of: People | None = None  # a sibling store asks its origin for the index

    def get(self, person_id: str) -> Row | None:
        return self.one("SELECT * FROM people WHERE id = ?", [person_id])

    def rows(self) -> list[Row]:
        """Every person: id, country and preferred names."""
        return self.all("SELECT id, country, name_en, name_ja FROM people ORDER BY id")

    def names_of(self, person_id: str) -> list[Row]:
        return self.all(
            "SELECT text, script, lang, scheme, preferred, reading_of, note FROM names "
            "WHERE person_id = ? ORDER BY id", [person_id])

    def all_names(self) -> list[Row]:
        return self.all(
            "SELECT n.person_id, n.text, n.script, n.lang, n.scheme FROM names n ORDER BY n.id")

    def events_of(self, person_id: str) -> list[Row]:
        """The events a person attended, in time order, with side and role."""
        return self.all(
            f"SELECT {EVENT_COLUMNS}, pa.side, pa.role, pa.printed_title "
            "FROM participations pa JOIN events e ON e.id = pa.event_id "
            "LEFT JOIN places p ON p.id = e.place_id WHERE pa.person_id = ? "
            "ORDER BY e.date_lo, e.date_hi, e.id", [person_id])

    # -- the name index -----------------------------------------------------------------------
    def name_index(self) -> NameIndex:
        """The name index over the store's name tables (written at build time): what it holds in
        memory is read once per open store, under a lock (the explorer asks on every keystroke,
        from worker threads)."""
        from ktimeline.names.lookup import NameIndex  # rapidfuzz, pykakasi: when needed

        if self._names_of is not None:
            return self._names_of.name_index()
        with self._names_lock:
            if self._names is None:
                self._names = NameIndex.of_store(self.connection)
            return self._names

    def share_index_of(self, origin: People) -> None:
        """Ask ``origin`` for the name index (one index per store file in memory)."""
        self._names_of = origin

    # -- which person did the user mean? ------------------------------------------------------
    def matches(self, query: str, limit: int = MATCH_LIMIT) -> list[PersonMatch]:
        """An id given exactly first, then the people whose name forms match, best first."""
        found: list[tuple[str, str, float]] = []
        if self.get(query) is not None:
            found.append((query, query, ID_SCORE))
        if query.strip():
            found += [(m.person_id, m.matched, m.score)
                      for m in self.name_index().find(query, limit=limit) if m.person_id != query]
        return self._matches(found)

    def _matches(self, found: list[tuple[str, str, float]]) -> list[PersonMatch]:
        """Matches with their people's rows and latest terms, read for all of them at once."""
        ids = [person_id for person_id, _matched, _score in found]
        people = self.rows_of(ids)
        latest = self.store.holdings.latest_terms(ids)
        return [PersonMatch(person_id, matched, score, people.get(person_id, {"id": person_id}),
                            latest.get(person_id)) for person_id, matched, score in found]

    def rows_of(self, person_ids: list[str]) -> dict[str, Row]:
        found: dict[str, Row] = {}
        for batch in batches(sorted(set(person_ids))):
            for row in self.all(f"SELECT * FROM people WHERE id IN ({marks(batch)})", batch):
                found[row["id"]] = row
        return found

    def names_for(self, person_ids: list[str]) -> dict[str, list[Row]]:
        """Every name form of many people, by person id, each in the order written."""
        found: dict[str, list[Row]] = {}
        for batch in batches(sorted(set(person_ids))):
            for row in self.all(
                    "SELECT person_id, text, script, lang, scheme, preferred, reading_of, note "
                    f"FROM names WHERE person_id IN ({marks(batch)}) ORDER BY id", batch):
                found.setdefault(row.pop("person_id"), []).append(row)
        return found

    def resolve(self, query: str) -> Resolution:
        """The one person ``query`` names: its id as given, or a name that names one person
        clearly; never one of two namesakes in silence."""
        if self.get(query) is not None:
            return Resolution(query, query)
        resolution = self.name_index().resolve(query) if query.strip() else None
        if resolution is not None and resolution.person_id is not None:
            return Resolution(query, resolution.person_id)
        candidates = tuple(self._matches([(m.person_id, m.matched, m.score)
                                          for m in (resolution.candidates if resolution else [])]))
        near = () if candidates else _near_ids(query, self.ids())
        return Resolution(query, None, candidates, near)

    def ids(self) -> list[str]:
        return [str(r[0]) for r in self.connection.execute("SELECT id FROM people")]

    # -- a person's whole record --------------------------------------------------------------
    def profile(self, person_id: str) -> Row | None:
        person = self.get(person_id)
        if person is None:
            return None
        citing = self.store.citing
        career = self.store.holdings.careers([person_id])[person_id]
        changes = career.changes
        change_sources = citing.sources_for("rank_changes", [c["id"] for c in changes])
        ranks = []
        for index, change in enumerate(changes):
            following = changes[index + 1]["date"] if index + 1 < len(changes) else None
            ranks.append({"rank_id": change["rank_id"], "title_en": change["title_en"],
                          "title_ja": change["title_ja"], "change": change["change"],
                          "start": change["date"], "end": following, "note": change["note"],
                          "sources": change_sources.get(str(change["id"]), [])})
        term_sources = citing.sources_for("post_terms", [t["id"] for t in career.terms])
        posts = []
        for term in career.terms:
            post = post_object(term)
            post["sources"] = term_sources.get(str(term["id"]), [])
            posts.append(post)
        events = [r["id"] for r in self.all(
            "SELECT e.id FROM events e JOIN participations pa ON pa.event_id = e.id "
            "WHERE pa.person_id = ? ORDER BY e.date_lo, e.date_hi, e.id", [person_id])]
        return {
            "person_id": person_id, "name_en": person["name_en"], "name_ja": person["name_ja"],
            "country": person["country"], "born": person["born"], "died": person["died"],
            "note": person["note"], "names": self.names_of(person_id), "posts": posts,
            "ranks": ranks, "events": events, "sources": citing.sources_of("people", person_id),
            "conflicts": citing.conflicts_about("person", person_id),
        }

    def profile_with_reasons(self, person_id: str) -> Row | None:
        """``profile``, plus ``id_labels`` for the ids its notes and conflicts mention."""
        profile = self.profile(person_id)
        if profile is not None:
            profile["id_labels"] = self.store.citing.id_labels([
                profile.get("note"), *(p.get("note") for p in profile["posts"]),
                *(r.get("note") for r in profile["ranks"]),
                *conflict_texts(profile["conflicts"])])
        return profile

    def describe(self, person_id: str) -> str:
        """A one-line identity that tells two people of the same name apart (see ``identity``)."""
        return identity(self.get(person_id) or {}, self.store.holdings.latest_term(person_id))


def identity(person: Row, latest: Row | None) -> str:
    """Country, birth, death and the latest post with its years, e.g.
    ``KP, b. 1952..1955, Minister of National Defence (2021–2022)``."""
    parts = [person.get("country") or ""]
    if person.get("born"):
        parts.append(f"b. {dates.years_text(person['born'])}")
    if person.get("died"):
        parts.append(f"d. {dates.years_text(person['died'])}")
    if latest is not None:
        start, end = dates.years_text(latest["start_date"]), dates.years_text(latest["end_date"])
        # "..2014" to "2014.." is a term attested only within 2014: say "2014".
        span = start.strip("≤≥") if start.strip("≤≥") == end.strip("≤≥") else f"{start}–{end}"
        parts.append(f"{latest['title_en']} ({span})")
    return ", ".join(p for p in parts if p)


def _near_ids(given: str, ids: list[str]) -> tuple[str, ...]:
    """The ids closest to ``given`` (none when none is close)."""
    import difflib  # only when a name matched no one
    def likeness(candidate: str) -> float:
        return difflib.SequenceMatcher(None, given, candidate).ratio()

    close = sorted(difflib.get_close_matches(given, ids, n=3, cutoff=0.6), key=likeness,
                   reverse=True)
    # Only those nearly as close as the closest: a far second guess is noise.
    return tuple(c for c in close if likeness(c) >= likeness(close[0]) - 0.1) if close else ()
