"""What a person held on a date: posts and ranks, each certain or possible (see store/asof.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ktimeline.store import dates
from ktimeline.store.asof import Held, Life, RankRecord, Span, Term, Window, posts_at, ranks_at
from ktimeline.store.reading import Reading, Row, batches, marks

# A term with its post's titles and organisation, as every reader of terms wants it.
_TERM_COLUMNS = ("t.person_id, t.id, t.post_id, t.start_date, t.end_date, t.note, po.title_en, "
                 "po.title_ja, o.name_en AS organisation_en, o.name_ja AS organisation_ja")
_TERMS = ("FROM post_terms t JOIN posts po ON po.id = t.post_id "
          "JOIN organisations o ON o.id = po.organisation_id")


class Holdings(Reading):
    """A person's terms and rank changes, and what they add up to on a date."""

    def careers(self, person_ids: list[str]) -> dict[str, Career]:
        """Terms, rank changes and life of many people at once (three queries for a page of
        attendances), each in the order the derivation reads them."""
        found = {person_id: Career([], [], Life()) for person_id in person_ids}
        for batch in batches(sorted(set(person_ids))):
            for row in self.all(
                    f"SELECT {_TERM_COLUMNS}, t.certain_lo, t.certain_hi, t.possible_lo, "
                    f"t.possible_hi, t.possible_holes {_TERMS} "
                    f"WHERE t.person_id IN ({marks(batch)}) "
                    "ORDER BY t.person_id, t.start_lo, t.start_hi, t.id", batch):
                found[row.pop("person_id")].terms.append(row)
            for row in self.all(
                    "SELECT c.person_id, c.id, c.rank_id, c.change, c.date, c.note, r.title_en, "
                    "r.title_ja, r.seniority, r.system_id "
                    "FROM rank_changes c JOIN ranks r ON r.id = c.rank_id "
                    f"WHERE c.person_id IN ({marks(batch)}) "
                    "ORDER BY c.person_id, c.date_hi, c.date_lo, c.id", batch):
                found[row.pop("person_id")].changes.append(row)
            for row in self.all(f"SELECT id, born, died FROM people WHERE id IN ({marks(batch)})",
                                batch):
                found[row["id"]].life = Life(dates.parse_optional(row["born"]),
                                             dates.parse_optional(row["died"]))
        return found

    def at(self, person_id: str, when: dates.PartialDate) -> Row:
        """Posts and rank held on ``when``, each marked certain or possible: nothing the record
        excludes is listed."""
        return held_at(person_id, self.careers([person_id])[person_id], when)

    def latest_term(self, person_id: str) -> Row | None:
        """The person's last post term (title in both languages, start, end), if any."""
        return self.latest_terms([person_id]).get(person_id)

    def latest_terms(self, person_ids: list[str]) -> dict[str, Row]:
        """Each person's last post term, by person id, for many people in one query."""
        found: dict[str, Row] = {}
        for batch in batches(sorted(set(person_ids))):
            for row in self.all(
                    f"SELECT * FROM (SELECT {_TERM_COLUMNS}, row_number() OVER ("
                    "PARTITION BY t.person_id ORDER BY t.start_lo DESC, t.start_hi DESC, "
                    f"t.id DESC) AS latest {_TERMS} WHERE t.person_id IN ({marks(batch)})) "
                    "WHERE latest = 1", batch):
                del row["latest"]
                found[row.pop("person_id")] = row
        return found

    def military_posts(self) -> set[str]:
        """Posts whose holders are serving officers, so a rank is expected of them."""
        return {r["id"] for r in self.all("SELECT id FROM posts WHERE military = 1")}


@dataclass
class Career:
    """What the store holds of one person's posts, ranks and life, as read."""

    terms: list[Row]
    changes: list[Row]
    life: Life


def held_at(person_id: str, career: Career, when: dates.PartialDate) -> Row:
    """The posts and rank of ``career`` on ``when``, each certain or possible (store/asof.py)."""
    terms = [Term(row["post_id"], dates.parse(row["start_date"]),
                  dates.parse_optional(row["end_date"]), window(row)) for row in career.terms]
    # Sources may attest the same post in several terms: name each post once, with its surest
    # term (posts_at lists certain ones first).
    posts: list[Row] = []
    for held in posts_at(terms, when):
        if all(p["post_id"] != held.record.post_id for p in posts):
            posts.append(post_object(career.terms[_index(terms, held.record)],
                                     held.certainty.value))
    records = [RankRecord(c["rank_id"], c["change"], dates.parse(c["date"]), c["seniority"],
                          c["system_id"]) for c in career.changes]
    ranks = [rank_object(career.changes[_index(records, held.record)], held)
             for held in ranks_at(records, when, career.life)]
    return {"person_id": person_id, "date": when.text, "posts": posts, "ranks": ranks}


def post_object(row: Row, certainty: str | None = None) -> Row:
    post = {"post_id": row["post_id"], "title_en": row["title_en"], "title_ja": row["title_ja"],
            "organisation_en": row["organisation_en"], "organisation_ja": row["organisation_ja"],
            "start": row["start_date"], "end": row["end_date"], "note": row["note"]}
    if certainty is not None:
        post["certainty"] = certainty
    return post


def rank_object(change: Row, held: Held[RankRecord]) -> Row:
    return {"rank_id": change["rank_id"], "title_en": change["title_en"],
            "title_ja": change["title_ja"], "since": change["date"],
            "change": change["change"], "certainty": held.certainty.value}


def window(row: Row) -> Window:
    """A term's derived window, as the build wrote it."""
    certain = Span(row["certain_lo"], row["certain_hi"]) if row["certain_lo"] else None
    possible = Span(row["possible_lo"], row["possible_hi"]) if row["possible_lo"] else None
    holes = tuple(Span(lo, hi) for lo, hi in json.loads(row["possible_holes"] or "[]"))
    return Window(certain, possible, holes)


def _index(items: list[Any], item: object) -> int:
    """Position of this very object (records of equal value may repeat)."""
    return next(i for i, candidate in enumerate(items) if candidate is item)


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
