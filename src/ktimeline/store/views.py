"""Views across people: every post's holders on a date (the line-up), and one post's holders over
time; certain and possible under the same rules as a person's posts (store/asof.py)."""

from __future__ import annotations

import datetime

from ktimeline.store import dates
from ktimeline.store.holdings import window
from ktimeline.store.reading import Reading, Row

_POST_COLUMNS = (
    "po.id AS post_id, po.title_en, po.title_ja, o.name_en AS organisation_en, "
    "o.name_ja AS organisation_ja, o.country AS side, po.single_holder, po.established, "
    "po.abolished")
_POSTS = "FROM posts po JOIN organisations o ON o.id = po.organisation_id"


class Views(Reading):
    """The line-up and post histories."""

    def lineup(self, when: dates.PartialDate, side: str | None = None) -> Row:
        """Every post in the record (of ``side``, when given), grouped by side and organisation,
        with whoever held it on ``when``: certain, or possible where the record leaves it open.
        """
        condition, params = ("WHERE o.country = ?", [side]) if side else ("", [])
        posts = self.all(f"SELECT {_POST_COLUMNS} {_POSTS} {condition} "
                         "ORDER BY o.country, o.name_en, po.title_en, po.id", params)
        holders: dict[str, list[Row]] = {}
        for row in self.all(
                "SELECT t.post_id, t.person_id, t.start_date, t.end_date, t.certain_lo, "
                "t.certain_hi, t.possible_lo, t.possible_hi, t.possible_holes, pe.name_en, "
                "pe.name_ja FROM post_terms t LEFT JOIN people pe ON pe.id = t.person_id "
                "WHERE t.possible_lo <= ? AND t.possible_hi >= ? ORDER BY t.start_lo, t.id",
                [when.hi, when.lo]):
            certainty = window(row).certainty_at(when)
            if certainty is None:
                continue
            holders.setdefault(row["post_id"], []).append({
                "person_id": row["person_id"], "name_en": row["name_en"],
                "name_ja": row["name_ja"], "start": row["start_date"], "end": row["end_date"],
                "certainty": certainty.value})
        for post in posts:
            found = holders.get(post["post_id"], [])
            # Certain holders first; one person named once, by their surest term.
            found.sort(key=lambda h: h["certainty"] != "certain")
            by_person: dict[str, Row] = {}
            for holder in found:
                by_person.setdefault(holder["person_id"], holder)
            post["holders"] = list(by_person.values())
            post["single_holder"] = bool(post["single_holder"])
        return {"date": when.text, "posts": posts}

    def post(self, post_id: str) -> Row | None:
        """One post and every term of it in time order, with holder and sources; ``after`` says
        how each term meets the one before in a single-holder post (``handover``, ``gap``,
        ``overlap``, or ``open`` where an unknown date leaves it open)."""
        post = self.one(f"SELECT {_POST_COLUMNS} {_POSTS} WHERE po.id = ?", [post_id])
        if post is None:
            return None
        post["single_holder"] = bool(post["single_holder"])
        terms = []
        previous: Row | None = None
        for row in self.all(
                "SELECT t.id, t.person_id, t.start_date, t.start_lo, t.start_hi, t.end_date, "
                "t.end_lo, t.end_hi, t.note, pe.name_en, pe.name_ja FROM post_terms t "
                "LEFT JOIN people pe ON pe.id = t.person_id WHERE t.post_id = ? "
                # A start known only as "by DATE" sorts at that date, not before everyone.
                "ORDER BY coalesce(nullif(t.start_lo, ?), t.start_hi), t.start_hi, t.id",
                [post_id, dates.EARLIEST]):
            term = {"person_id": row["person_id"], "name_en": row["name_en"],
                    "name_ja": row["name_ja"], "start": row["start_date"], "end": row["end_date"],
                    "note": row["note"],
                    "sources": self.store.citing.sources_of("post_terms", row["id"])}
            if post["single_holder"] and previous is not None:
                term["after"] = _meeting(previous, row)
            terms.append(term)
            previous = row
        post["terms"] = terms
        return post

    def sides(self) -> list[str]:
        """The sides posts belong to (their organisations' countries)."""
        return [str(r["country"]) for r in self.all(
            "SELECT DISTINCT o.country FROM organisations o JOIN posts po "
            "ON po.organisation_id = o.id WHERE o.country IS NOT NULL ORDER BY o.country")]

    def find_posts(self, query: str) -> list[Row]:
        """The post whose id is ``query``; else those titled exactly so (either language); else
        those whose title or an alias holds it."""
        exact = self.all(f"SELECT {_POST_COLUMNS} {_POSTS} WHERE po.id = ?", [query])
        if exact:
            return exact
        named = self.all(f"SELECT {_POST_COLUMNS} {_POSTS} WHERE lower(po.title_en) = lower(?) "
                         "OR po.title_ja = ? ORDER BY po.id", [query.strip(), query.strip()])
        if named:
            return named
        like = f"%{query.strip()}%"
        return self.all(
            f"SELECT {_POST_COLUMNS} {_POSTS} WHERE po.title_en LIKE ? OR po.title_ja LIKE ? "
            "OR po.aliases LIKE ? ORDER BY o.country, po.title_en, po.id", [like, like, like])

    def counterparts(self, person_id: str) -> list[Row]:
        """The people from the other side a person met: each with the number of meetings they
        both attended, the first and the last (their date as recorded and id), most-met first,
        then the earliest first met."""
        met: dict[str, Row] = {}
        for row in self.all(
                "SELECT other.person_id, other.side, pe.name_en, pe.name_ja, e.id, e.date "
                "FROM participations me "
                "JOIN participations other ON other.event_id = me.event_id "
                "AND other.person_id <> me.person_id AND other.side <> me.side "
                "JOIN events e ON e.id = me.event_id "
                "LEFT JOIN people pe ON pe.id = other.person_id "
                "WHERE me.person_id = ? ORDER BY e.date_lo, e.date_hi, e.id", [person_id]):
            seen = met.get(row["person_id"])
            if seen is None:
                met[row["person_id"]] = {
                    "person_id": row["person_id"], "name_en": row["name_en"],
                    "name_ja": row["name_ja"], "side": row["side"], "meetings": 1,
                    "first_date": row["date"], "first_event": row["id"],
                    "last_date": row["date"], "last_event": row["id"]}
            elif seen["last_event"] != row["id"]:
                seen.update(meetings=seen["meetings"] + 1, last_date=row["date"],
                            last_event=row["id"])
        return sorted(met.values(), key=lambda c: -c["meetings"])  # stable: first met first


def _meeting(before: Row, after: Row) -> str:
    """How a term meets the one before it, where every reading of the dates agrees: the next
    day or the same day (``handover``), later (``gap``), earlier (``overlap``); else ``open``."""
    if before["end_date"] is None:
        return "overlap" if after["start_lo"] != dates.EARLIEST else "open"
    if after["start_hi"] < before["end_lo"]:
        return "overlap"
    if after["start_lo"] > _day_after(before["end_hi"]):
        return "gap"
    exact = before["end_lo"] == before["end_hi"] and after["start_lo"] == after["start_hi"]
    if exact and after["start_lo"] in (before["end_lo"], _day_after(before["end_lo"])):
        return "handover"
    return "open"


def _day_after(day: str) -> str:
    try:
        return (datetime.date.fromisoformat(day) + datetime.timedelta(days=1)).isoformat()
    except (ValueError, OverflowError):
        return day
