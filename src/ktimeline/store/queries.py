"""The read-only query API that the CLI and the UI share; results are the public JSON shapes."""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ktimeline.store import dates, fulltext
from ktimeline.store.asof import Held, Life, RankRecord, Span, Term, Window, posts_at, ranks_at
from ktimeline.store.db import open_store

if TYPE_CHECKING:
    from ktimeline.names.lookup import NameIndex

Row = dict[str, Any]


@dataclass(frozen=True)
class EventFilter:
    """Events that may fall in [date_from, date_to], of a kind, with a person present."""

    date_from: dates.PartialDate | None = None
    date_to: dates.PartialDate | None = None
    kind: str | None = None
    person_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.date_from:
            clauses.append("e.date_hi >= ?")
            params.append(self.date_from.lo)
        if self.date_to:
            clauses.append("e.date_lo <= ?")
            params.append(self.date_to.hi)
        if self.kind:
            clauses.append("e.kind = ?")
            params.append(self.kind)
        if self.person_id:
            clauses.append("e.id IN (SELECT event_id FROM participations WHERE person_id = ?)")
            params.append(self.person_id)
        return (" AND ".join(clauses) or "1"), params


# A search that names a person this surely (95: their whole name, in any spelling system) finds
# their meetings too; a surname alone (90) names too many people to mean their meetings.
SURE_NAME_SCORE = 95


@dataclass(frozen=True)
class TimelineKey:
    """Keyset position in the timeline: events sort by (date_lo, date_hi, id)."""

    date_lo: str
    date_hi: str
    id: str


_EVENT_COLUMNS = """
    e.id, e.date, e.date_lo, e.date_hi, e.end_date, e.kind, e.title_en, e.title_ja,
    p.name_en AS place_en, p.name_ja AS place_ja
"""


class Store:
    """A read-only view over one events.db."""

    def __init__(self, connection: sqlite3.Connection, path: Path | None = None) -> None:
        self.connection = connection
        self.path = path
        self._positions: bool | None = None
        self._names: NameIndex | None = None
        self._names_lock = threading.Lock()
        self._sure_people: dict[str, tuple[str, ...]] = {}
        self._names_of: Store | None = None

    @classmethod
    def open(cls, path: Path) -> Store:
        return cls(open_store(path), path)

    def close(self) -> None:
        self.connection.close()

    def sibling(self) -> Store:
        """The same store on a connection of its own (a long search there never holds up the
        pages read here)."""
        assert self.path is not None
        other = Store.open(self.path)
        other._names_of = self  # one name index per store in memory: the sibling asks this one
        return other

    def stop_when(self, cancelled: Callable[[], bool]) -> None:
        """Abandon any statement (sqlite3.OperationalError "interrupted") once ``cancelled()``,
        asked in the thread running it every few thousand steps, is true."""
        self.connection.set_progress_handler(lambda: int(cancelled()), 100_000)

    def interrupt(self) -> None:
        """Abandon what runs on this store's connection now (from any thread)."""
        self.connection.interrupt()

    def _all(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[Row]:
        return [dict(row) for row in self.connection.execute(sql, params)]

    def _one(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Row | None:
        row = self.connection.execute(sql, params).fetchone()
        return dict(row) if row else None

    # -- timeline ---------------------------------------------------------------------------
    def timeline_page(self, after: TimelineKey | None = None, limit: int = 100,
                      where: EventFilter | None = None, backwards: bool = False) -> list[Row]:
        """Up to ``limit`` events after (or, backwards, before) ``after``, in time order."""
        condition, params = (where or EventFilter()).where()
        if after is not None:
            op = "<" if backwards else ">"
            condition += f" AND (e.date_lo, e.date_hi, e.id) {op} (?, ?, ?)"
            params += [after.date_lo, after.date_hi, after.id]
        order = "DESC" if backwards else "ASC"
        rows = self._all(
            f"SELECT {_EVENT_COLUMNS} FROM events e LEFT JOIN places p ON p.id = e.place_id "
            f"WHERE {condition} ORDER BY e.date_lo {order}, e.date_hi {order}, e.id {order} "
            "LIMIT ?", [*params, limit])
        return rows[::-1] if backwards else rows

    def count_events(self, where: EventFilter | None = None) -> int:
        condition, params = (where or EventFilter()).where()
        if condition == "1" and self.rowids_are_positions():
            return self._last_rowid()  # count(*) reads every row: ~0.3 s at 1M events
        return int(self.connection.execute(
            f"SELECT count(*) FROM events e WHERE {condition}", params).fetchone()[0])

    def event_kinds(self) -> list[str]:
        """Every kind, in order: one seek of events_by_kind per kind (DISTINCT would read the
        whole index, ~30 MB at 1M events)."""
        kinds: list[str] = []
        while True:
            sql = "SELECT min(kind) FROM events" + (" WHERE kind > ?" if kinds else "")
            kind = self.connection.execute(sql, kinds[-1:]).fetchone()[0]
            if kind is None:
                return kinds
            kinds.append(str(kind))

    # -- events -----------------------------------------------------------------------------
    def events(self, where: EventFilter | None = None) -> list[Row]:
        """Every matching event as the ``events --json`` object, in time order."""
        result: list[Row] = []
        key: TimelineKey | None = None
        while True:
            page = self.timeline_page(key, 500, where)
            result.extend(self._event_object(row) for row in page)
            if len(page) < 500:
                return result
            last = page[-1]
            key = TimelineKey(last["date_lo"], last["date_hi"], last["id"])

    def event(self, event_id: str) -> Row | None:
        row = self._one(
            f"SELECT {_EVENT_COLUMNS}, e.summary_en, e.summary_ja, e.note "
            "FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?", [event_id])
        if row is None:
            return None
        detail = self._event_object(row)
        detail.update(summary_en=row["summary_en"], summary_ja=row["summary_ja"], note=row["note"])
        return detail

    def _event_object(self, row: Row) -> Row:
        when = dates.parse(row["date"])
        return {
            "id": row["id"], "date": row["date"], "end_date": row["end_date"], "kind": row["kind"],
            "title_en": row["title_en"], "title_ja": row["title_ja"],
            "place_en": row["place_en"], "place_ja": row["place_ja"],
            "participants": self.participants(row["id"], when),
            "sources": self.sources_of("events", row["id"]),
        }

    def participants(self, event_id: str, when: dates.PartialDate) -> list[Row]:
        rows = self._all(
            "SELECT pa.id, pa.person_id, pa.side, pa.role, pa.printed_title, pa.disputed, "
            "pa.note, pe.name_en, pe.name_ja FROM participations pa "
            # LEFT: someone the store lists as present but not among its people still shows
            "LEFT JOIN people pe ON pe.id = pa.person_id WHERE pa.event_id = ? ORDER BY pa.ord",
            [event_id])
        result = []
        for row in rows:
            held = self.holdings_at(row["person_id"], when)
            result.append({
                "person_id": row["person_id"], "name_en": row["name_en"], "name_ja": row["name_ja"],
                "side": row["side"], "role": row["role"],
                **summary_fields(held["posts"], held["ranks"]),
                "posts": held["posts"], "ranks": held["ranks"],
                "printed_title": row["printed_title"], "disputed": bool(row["disputed"]),
                "note": row["note"],
                "sources": self.sources_of("participations", row["id"]),
            })
        return result

    def sources_of(self, table: str, fact_id: object) -> list[Row]:
        sources = self._all(
            "SELECT s.id, s.publisher, s.author, s.title, s.published, s.url, s.kind, c.locator, "
            "s.status, s.paraphrased_title = 1 AS paraphrased_title "
            "FROM citations c JOIN sources s ON s.id = c.source_id "
            "WHERE c.fact_table = ? AND c.fact_id = ? ORDER BY c.id", [table, str(fact_id)])
        for source in sources:
            source["paraphrased_title"] = bool(source["paraphrased_title"])
        return sources

    # -- people -----------------------------------------------------------------------------
    def person(self, person_id: str) -> Row | None:
        return self._one("SELECT * FROM people WHERE id = ?", [person_id])

    def names_of(self, person_id: str) -> list[Row]:
        return self._all(
            "SELECT text, script, lang, scheme, preferred, reading_of, note FROM names "
            "WHERE person_id = ? ORDER BY id", [person_id])

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

    def all_names(self) -> list[Row]:
        return self._all(
            "SELECT n.person_id, n.text, n.script, n.lang, n.scheme FROM names n ORDER BY n.id")

    def _terms(self, person_id: str) -> list[Row]:
        return self._all(
            "SELECT t.id, t.post_id, t.start_date, t.end_date, t.note, t.certain_lo, "
            "t.certain_hi, t.possible_lo, t.possible_hi, t.possible_holes, po.title_en, "
            "po.title_ja, "
            "o.name_en AS organisation_en, o.name_ja AS organisation_ja "
            "FROM post_terms t JOIN posts po ON po.id = t.post_id "
            "JOIN organisations o ON o.id = po.organisation_id "
            "WHERE t.person_id = ? ORDER BY t.start_lo, t.start_hi, t.id", [person_id])

    def _rank_changes(self, person_id: str) -> list[Row]:
        return self._all(
            "SELECT c.id, c.rank_id, c.change, c.date, c.note, r.title_en, r.title_ja, "
            "r.seniority, r.system_id FROM rank_changes c JOIN ranks r ON r.id = c.rank_id "
            "WHERE c.person_id = ? ORDER BY c.date_hi, c.date_lo, c.id", [person_id])

    def _life(self, person_id: str) -> Life:
        row = self._one("SELECT born, died FROM people WHERE id = ?", [person_id])
        if row is None:
            return Life()
        return Life(dates.parse_optional(row["born"]), dates.parse_optional(row["died"]))

    def holdings_at(self, person_id: str, when: dates.PartialDate) -> Row:
        """Posts and rank held on ``when``, each marked certain or possible (see store/asof.py:
        nothing the record excludes is listed)."""
        term_rows = self._terms(person_id)
        terms = [Term(row["post_id"], dates.parse(row["start_date"]),
                      dates.parse_optional(row["end_date"]),
                      _window(row)) for row in term_rows]
        # Sources may attest the same post in several terms: name each post once, with its
        # surest term (posts_at lists certain ones first).
        posts: list[Row] = []
        for held in posts_at(terms, when):
            if all(p["post_id"] != held.record.post_id for p in posts):
                posts.append(self._post_object(term_rows[_index(terms, held.record)],
                                               held.certainty.value))
        change_rows = self._rank_changes(person_id)
        records = [RankRecord(c["rank_id"], c["change"], dates.parse(c["date"]), c["seniority"],
                              c["system_id"]) for c in change_rows]
        ranks = [self._rank_object(change_rows[_index(records, held.record)], held)
                 for held in ranks_at(records, when, self._life(person_id))]
        return {"person_id": person_id, "date": when.text, "posts": posts, "ranks": ranks}

    @staticmethod
    def _post_object(row: Row, certainty: str | None = None) -> Row:
        post = {"post_id": row["post_id"], "title_en": row["title_en"], "title_ja": row["title_ja"],
                "organisation_en": row["organisation_en"],
                "organisation_ja": row["organisation_ja"],
                "start": row["start_date"], "end": row["end_date"], "note": row["note"]}
        if certainty is not None:
            post["certainty"] = certainty
        return post

    @staticmethod
    def _rank_object(change: Row, held: Held[RankRecord]) -> Row:
        return {"rank_id": change["rank_id"], "title_en": change["title_en"],
                "title_ja": change["title_ja"], "since": change["date"],
                "change": change["change"], "certainty": held.certainty.value}

    def profile(self, person_id: str) -> Row | None:
        person = self.person(person_id)
        if person is None:
            return None
        changes = self._rank_changes(person_id)
        ranks = []
        for index, change in enumerate(changes):
            following = changes[index + 1]["date"] if index + 1 < len(changes) else None
            ranks.append({"rank_id": change["rank_id"], "title_en": change["title_en"],
                          "title_ja": change["title_ja"], "change": change["change"],
                          "start": change["date"], "end": following, "note": change["note"],
                          "sources": self.sources_of("rank_changes", change["id"])})
        posts = []
        for term in self._terms(person_id):
            post = self._post_object(term)
            post["note"] = self.term_note(term["id"])
            post["sources"] = self.sources_of("post_terms", term["id"])
            posts.append(post)
        events = [r["id"] for r in self._all(
            "SELECT e.id FROM events e JOIN participations pa ON pa.event_id = e.id "
            "WHERE pa.person_id = ? ORDER BY e.date_lo, e.date_hi, e.id", [person_id])]
        return {
            "person_id": person_id, "name_en": person["name_en"], "name_ja": person["name_ja"],
            "country": person["country"], "born": person["born"], "died": person["died"],
            "note": person["note"], "names": self.names_of(person_id), "posts": posts,
            "ranks": ranks, "events": events, "sources": self.sources_of("people", person_id),
            "conflicts": self.conflicts_about("person", person_id),
        }

    def conflicts_about(self, table: str, subject_id: str) -> list[Row]:
        conflicts = self._all(
            "SELECT id, field, reason FROM conflicts WHERE subject_table = ? AND subject_id = ? "
            "ORDER BY id", [table, subject_id])
        for conflict in conflicts:
            conflict["claims"] = self._all(
                "SELECT id, value, preferred, note FROM conflict_claims WHERE conflict_id = ? "
                "ORDER BY id", [conflict["id"]])
            for claim in conflict["claims"]:
                claim["preferred"] = bool(claim["preferred"])
                claim["sources"] = self.sources_of("conflict_claims", claim.pop("id"))
        return conflicts

    def describe(self, person_id: str) -> str:
        """A one-line identity that tells two people of the same name apart.

        Country, birth and the latest post with its years, e.g.
        ``KP, b. 1952..1955, Minister of National Defence (2021–2022)``.
        """

        def years(text: str | None) -> str:
            if not text:
                return ""
            try:
                when = dates.parse(text)
            except dates.DateError:
                return text
            low = "" if when.lo == dates.EARLIEST else when.lo[:4]
            high = "" if when.hi == dates.LATEST else when.hi[:4]
            if when.approximate:
                return f"c. {text[:4]}"
            if low == high:
                return low
            return f"≤{high}" if not low else f"≥{low}" if not high else f"{low}..{high}"

        person = self.person(person_id) or {}
        parts = [person.get("country") or ""]
        if person.get("born"):
            parts.append(f"b. {years(person['born'])}")
        if person.get("died"):
            parts.append(f"d. {years(person['died'])}")
        terms = self._terms(person_id)
        if terms:
            last = terms[-1]
            start, end = years(last["start_date"]), years(last["end_date"])
            # "..2014" to "2014.." is a term attested only within 2014: say "2014".
            span = start.strip("≤≥") if start.strip("≤≥") == end.strip("≤≥") else f"{start}–{end}"
            parts.append(f"{last['title_en']} ({span})")
        return ", ".join(p for p in parts if p)

    def military_posts(self) -> set[str]:
        """Posts whose holders are serving officers, so a rank is expected of them."""
        return {r["id"] for r in self._all("SELECT id FROM posts WHERE military = 1")}

    # -- search -----------------------------------------------------------------------------
    def search_events(self, text: str, limit: int = 50) -> list[Row]:
        """Events whose titles, summaries or place mention ``text``, in time order."""
        found = self._search_match(text)
        if found is None:
            return []
        return self._all(
            f"SELECT {_EVENT_COLUMNS} FROM {found.source} "
            f"LEFT JOIN places p ON p.id = e.place_id WHERE {found.condition} "
            "ORDER BY e.rowid LIMIT ?", [*found.params, limit])

    def count_search(self, text: str, cap: int = fulltext.COUNT_CAP) -> int:
        """How many events match ``text``, counting no further than ``cap``."""
        found = self._search_match(text)
        if found is None:
            return 0
        return int(self.connection.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {found.source} WHERE {found.condition} "
            "LIMIT ?)", [*found.params, cap]).fetchone()[0])

    # -- positions --------------------------------------------------------------------------
    # build.py and synthetic.py insert events in time order into a fresh table, so event rowids
    # are 1..N in (date_lo, date_hi, id) order: the unfiltered position of an event is its rowid
    # minus one. That turns counts over the whole timeline (O(N)) into index seeks (O(log N)).
    def rowids_are_positions(self) -> bool:
        """Whether rowid - 1 is an event's position in the unfiltered timeline.

        Checked once, cheaply: the first event in time order has rowid 1 and the last has the
        largest rowid. (A store is written once by our builders and never edited, so the ends
        agreeing means the builder kept the order.)
        """
        if self._positions is None:
            first = self.connection.execute(
                "SELECT rowid FROM events ORDER BY date_lo, date_hi, id LIMIT 1").fetchone()
            last = self.connection.execute(
                "SELECT rowid FROM events ORDER BY date_lo DESC, date_hi DESC, id DESC "
                "LIMIT 1").fetchone()
            self._positions = first is None or (
                first[0] == 1 and last[0] == self._last_rowid())
        return self._positions

    def _last_rowid(self) -> int:
        return int(self.connection.execute(
            "SELECT coalesce(max(rowid), 0) FROM events").fetchone()[0])

    def _position_at_or_after(self, key: TimelineKey) -> int:
        """Unfiltered position of the first event at or after ``key`` (N when none is)."""
        row = self.connection.execute(
            "SELECT rowid FROM events WHERE (date_lo, date_hi, id) >= (?, ?, ?) "
            "ORDER BY date_lo, date_hi, id LIMIT 1", [key.date_lo, key.date_hi, key.id]).fetchone()
        return int(row[0]) - 1 if row else self._last_rowid()

    def key_at(self, position: int, where: EventFilter | None = None) -> TimelineKey | None:
        """The key of the event at ``position`` of the unfiltered timeline, found by rowid;
        None when filtered or when rowids are not positions (then walk by keyset instead)."""
        if (where and where.where()[0] != "1") or not self.rowids_are_positions():
            return None
        row = self.connection.execute(
            "SELECT date_lo, date_hi, id FROM events WHERE rowid = ?", [position + 1]).fetchone()
        return TimelineKey(row[0], row[1], row[2]) if row else None

    # -- browsing (added for the interactive explorer; read-only) ----------------------------
    def year_counts(self, where: EventFilter | None = None) -> list[tuple[str, int]]:
        """(year of date_lo, number of events) in time order, for year headings."""
        condition, params = (where or EventFilter()).where()
        if condition == "1" and self.rowids_are_positions():
            return self._year_counts_by_seek()
        return [(str(r[0]), int(r[1])) for r in self.connection.execute(
            f"SELECT substr(e.date_lo, 1, 4) AS year, count(*) FROM events e WHERE {condition} "
            "GROUP BY year ORDER BY year", params)]

    def _year_counts_by_seek(self) -> list[tuple[str, int]]:
        """Year counts with one index seek per year: the first event of each year and its
        position (rowid - 1); a year's count is the gap to the next year's first event."""
        firsts: list[tuple[str, int]] = []
        after = ""
        while True:
            row = self.connection.execute(
                "SELECT date_lo, rowid FROM events WHERE date_lo >= ? "
                "ORDER BY date_lo, date_hi, id LIMIT 1", [after]).fetchone()
            if row is None:
                break
            year = str(row[0])[:4]
            firsts.append((year, int(row[1])))
            after = f"{int(year) + 1:04d}" if year.isdigit() else year + "\uffff"
        ends = [rowid for _year, rowid in firsts[1:]] + [self._last_rowid() + 1]
        return [(year, end - rowid) for (year, rowid), end in zip(firsts, ends, strict=True)]

    def event_key(self, event_id: str) -> TimelineKey | None:
        row = self._one("SELECT date_lo, date_hi, id FROM events WHERE id = ?", [event_id])
        return TimelineKey(row["date_lo"], row["date_hi"], row["id"]) if row else None

    def timeline_rank(self, key: TimelineKey, where: EventFilter | None = None) -> int:
        """How many matching events sort before ``key`` (its 0-based position in the timeline)."""
        condition, params = (where or EventFilter()).where()
        if condition == "1" and self.rowids_are_positions():
            return self._position_at_or_after(key)  # an index seek, not a count
        return int(self.connection.execute(
            f"SELECT count(*) FROM events e WHERE {condition} "
            "AND (e.date_lo, e.date_hi, e.id) < (?, ?, ?)",
            [*params, key.date_lo, key.date_hi, key.id]).fetchone()[0])

    def nearest_event(self, when: dates.PartialDate,
                      where: EventFilter | None = None) -> Row | None:
        """The matching event nearest ``when``: the first inside it, else the closer neighbour."""
        start = TimelineKey(when.lo, "", "")
        after = self.timeline_page(start, 1, where)
        before = self.timeline_page(start, 1, where, backwards=True)
        if after and after[0]["date_lo"] <= when.hi:
            return after[0]
        if not after or not before:
            found = after or before
            return found[0] if found else None
        gap_after = _days_between(when.hi, after[0]["date_lo"])
        gap_before = _days_between(before[0]["date_hi"], when.lo)
        return after[0] if gap_after <= gap_before else before[0]

    def event_matches(self, event_id: str, where: EventFilter | None = None) -> bool:
        condition, params = (where or EventFilter()).where()
        return self.connection.execute(
            f"SELECT 1 FROM events e WHERE {condition} AND e.id = ?",
            [*params, event_id]).fetchone() is not None

    def person_events(self, person_id: str) -> list[Row]:
        """The events a person attended, in time order, with side and role."""
        return self._all(
            f"SELECT {_EVENT_COLUMNS}, pa.side, pa.role, pa.printed_title "
            "FROM participations pa JOIN events e ON e.id = pa.event_id "
            "LEFT JOIN places p ON p.id = e.place_id WHERE pa.person_id = ? "
            "ORDER BY e.date_lo, e.date_hi, e.id", [person_id])

    def search_step(self, text: str, after: TimelineKey | None,
                    where: EventFilter | None = None, backwards: bool = False) -> Row | None:
        """The next (or previous) event after ``after`` that mentions ``text`` and matches."""
        found = self._search_match(text)
        if found is None:
            return None
        condition, params = (where or EventFilter()).where()
        order = "DESC" if backwards else "ASC"
        if after is not None:
            condition += f" AND (e.date_lo, e.date_hi, e.id) {'<' if backwards else '>'} (?, ?, ?)"
            params = [*params, after.date_lo, after.date_hi, after.id]
        return self._one(
            f"SELECT e.id, e.date_lo, e.date_hi FROM {found.source} "
            f"WHERE {found.condition} AND {condition} "
            f"ORDER BY e.date_lo {order}, e.date_hi {order}, e.id {order} LIMIT 1",
            [*found.params, *params])

    def search_hits(self, text: str, event_ids: list[str]) -> set[str]:
        """Which of ``event_ids`` mention ``text`` (to mark matches on a page of the timeline)."""
        found = self._search_match(text)
        if found is None or not event_ids:
            return set()
        marks = ", ".join("?" * len(event_ids))
        return {r["id"] for r in self._all(
            f"SELECT e.id FROM {found.source} WHERE {found.condition} AND e.id IN ({marks})",
            [*found.params, *event_ids])}

    def people_rows(self) -> list[Row]:
        """Every person: id, country and preferred names."""
        return self._all("SELECT id, country, name_en, name_ja FROM people ORDER BY id")

    def participant_sides(self) -> list[str]:
        return [r["side"] for r in self._all(
            "SELECT DISTINCT side FROM participations ORDER BY side")]

    # -- reasons: the notes, sources and disagreements behind what the explorer shows ---------
    def event_with_reasons(self, event_id: str) -> Row | None:
        """``event``, plus the conflicts recorded on the event and, on each post and rank a
        participant held then, the ``sources`` of the term or change it comes from."""
        detail = self.event(event_id)
        if detail is None:
            return None
        detail["conflicts"] = self.conflicts_about("event", event_id)
        detail["id_labels"] = self.id_labels([
            detail.get("note"), *(p.get("note") for p in detail["participants"]),
            *_conflict_texts(detail["conflicts"])])
        for participant in detail["participants"]:
            participant["id_labels"] = detail["id_labels"]
            person_id = participant["person_id"]
            for post in participant.get("posts", []):
                post["sources"] = self.term_sources(person_id, post.get("post_id"),
                                                    post.get("start"))
            for rank in participant.get("ranks", []):
                rank["sources"] = self.rank_change_sources(person_id, rank.get("rank_id"),
                                                           rank.get("since"))
        return detail

    def term_sources(self, person_id: str, post_id: object, start: object) -> list[Row]:
        """The sources of a person's term in a post that began on ``start``."""
        row = self._one("SELECT id FROM post_terms WHERE person_id = ? AND post_id = ? "
                        "AND start_date IS ? ORDER BY id LIMIT 1", [person_id, post_id, start])
        return self.sources_of("post_terms", row["id"]) if row else []

    def rank_change_sources(self, person_id: str, rank_id: object, date: object) -> list[Row]:
        """The sources of a person's change to (or attestation of) a rank on ``date``."""
        row = self._one("SELECT id FROM rank_changes WHERE person_id = ? AND rank_id = ? "
                        "AND date IS ? ORDER BY id LIMIT 1", [person_id, rank_id, date])
        return self.sources_of("rank_changes", row["id"]) if row else []

    def search_rank(self, text: str, key: TimelineKey) -> int:
        """The place (1-based) of the event at ``key`` among all the events that mention
        ``text``, in time order: the k of "k of N"."""
        found = self._search_match(text)
        if found is None:
            return 0
        return int(self.connection.execute(
            f"SELECT count(*) FROM {found.source} WHERE {found.condition} "
            "AND (e.date_lo, e.date_hi, e.id) <= (?, ?, ?)",
            [*found.params, key.date_lo, key.date_hi, key.id]).fetchone()[0])

    def sure_people(self, text: str) -> tuple[str, ...]:
        """The people a search surely names (the same spelling or whole-name key as one of their
        forms), whose meetings the search finds too; remembered per text (a search asks on
        every page of the timeline)."""
        found = self._sure_people.get(text)
        if found is None:
            matches = self.name_index().find(text, limit=5) if text.strip() else []
            found = tuple(m.person_id for m in matches if m.score >= SURE_NAME_SCORE)
            if len(self._sure_people) > 64:
                self._sure_people.clear()
            self._sure_people[text] = found
        return found

    def _search_match(self, text: str) -> fulltext.Match | None:
        """The events that mention ``text`` or that a person it surely names attended."""
        return fulltext.match_or_attended(text, self.sure_people(text))

    def profile_with_reasons(self, person_id: str) -> Row | None:
        """``profile``, plus ``id_labels`` for the ids its notes and conflicts mention."""
        profile = self.profile(person_id)
        if profile is not None:
            profile["id_labels"] = self.id_labels([
                profile.get("note"), *(p.get("note") for p in profile["posts"]),
                *(r.get("note") for r in profile["ranks"]),
                *_conflict_texts(profile["conflicts"])])
        return profile

    def id_labels(self, texts: Iterable[str | None]) -> dict[str, Row]:
        """For each id of a person, post or rank that ``texts`` mention (curators' shorthand in
        claims and notes), its name or title in both languages (``en``, ``ja``); for the id of
        a conflict, the field it is about (``conflict_field``)."""
        tokens = sorted({token for text in texts if text for token in _ID_LIKE.findall(text)
                         if not token.replace("-", "").isdigit()})
        labels: dict[str, Row] = {}
        if not tokens:
            return labels
        marks = ", ".join("?" * len(tokens))
        for table, en, ja in (("people", "name_en", "name_ja"), ("posts", "title_en", "title_ja"),
                              ("ranks", "title_en", "title_ja")):
            for row in self._all(f"SELECT id, {en} AS en, {ja} AS ja FROM {table} "
                                 f"WHERE id IN ({marks})", tokens):
                labels[row["id"]] = row
        for row in self._all(f"SELECT id, field FROM conflicts WHERE id IN ({marks})", tokens):
            labels[row["id"]] = {"id": row["id"], "conflict_field": row["field"]}
        return labels

    def event_ids(self) -> list[str]:
        """Every event id (to suggest the nearest ones for a mistyped id)."""
        return [str(r[0]) for r in self.connection.execute("SELECT id FROM events")]

    def latest_term(self, person_id: str) -> Row | None:
        """The person's last post term (title in both languages, start, end), if any."""
        terms = self._terms(person_id)
        return terms[-1] if terms else None

    def term_note(self, term_id: object) -> str | None:
        """The curator's note on one post term (None when there is none)."""
        row = self._one("SELECT note FROM post_terms WHERE id = ?", [term_id])
        return None if row is None or row["note"] is None else str(row["note"])


@dataclass(frozen=True)
class BrowseFilter(EventFilter):
    """An EventFilter that can also require a participant on a side (KP, RU, SU, other)."""

    side: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        condition, params = super().where()
        if self.side:
            condition += (" AND e.id IN (SELECT event_id FROM participations WHERE side = ?)")
            params = [*params, self.side]
        return condition, params

    @property
    def active(self) -> bool:
        return any((self.date_from, self.date_to, self.kind, self.person_id, self.side))


# An id as curators write them: lower-case words joined by hyphens (kp-kpa-vice-chief-of-...).
_ID_LIKE = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def _conflict_texts(conflicts: list[Row]) -> list[str | None]:
    """The free text of conflicts: each claim's value and note, and the reason."""
    texts: list[str | None] = []
    for conflict in conflicts:
        texts.append(conflict.get("reason"))
        for claim in conflict.get("claims", []):
            texts += [str(claim.get("value")), claim.get("note")]
    return texts


def _days_between(earlier: str, later: str) -> int:
    import datetime

    try:
        return abs((datetime.date.fromisoformat(later) - datetime.date.fromisoformat(earlier)).days)
    except ValueError:
        return 10**9


def _index(items: list[Any], item: object) -> int:
    """Position of this very object (records of equal value may repeat)."""
    return next(i for i, candidate in enumerate(items) if candidate is item)


def _window(row: Row) -> Window:
    certain = Span(row["certain_lo"], row["certain_hi"]) if row["certain_lo"] else None
    possible = Span(row["possible_lo"], row["possible_hi"]) if row["possible_lo"] else None
    holes = tuple(Span(lo, hi) for lo, hi in json.loads(row["possible_holes"] or "[]"))
    return Window(certain, possible, holes)


def summary_fields(posts: list[Row], ranks: list[Row]) -> Row:
    """The flat fields of an attendance: ``post_*``/``rank_*`` hold what is certain on the day,
    ``*_possible_*`` what the record leaves open, so no possibility passes for a fact."""
    def titles(items: list[Row], certainty: str, lang: str) -> list[str]:
        return [item[f"title_{lang}"] or item["title_en"] for item in items
                if item["certainty"] == certainty]

    fields: Row = {}
    for lang in ("en", "ja"):
        fields[f"post_{lang}"] = "; ".join(titles(posts, "certain", lang)) or None
    for lang in ("en", "ja"):
        # At most one rank is certain on a day (ranks_at): it is the highest certain rank.
        certain_ranks = titles(ranks, "certain", lang)
        fields[f"rank_{lang}"] = certain_ranks[0] if certain_ranks else None
    for lang in ("en", "ja"):
        fields[f"post_possible_{lang}"] = "; ".join(titles(posts, "possible", lang)) or None
        fields[f"rank_possible_{lang}"] = "; ".join(titles(ranks, "possible", lang)) or None
    return fields
