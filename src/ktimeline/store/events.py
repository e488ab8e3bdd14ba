"""Events as the public JSON objects: the event, who was present with post and rank that day,
and the sources."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ktimeline.store import dates
from ktimeline.store.citing import conflict_texts
from ktimeline.store.filters import EVERY_EVENT, EventFilter
from ktimeline.store.holdings import held_at, summary_fields
from ktimeline.store.reading import EVENT_COLUMNS, Reading, Row, batches, marks


def event_json(event: Row) -> str:
    """An event's object as the build stores it: compact JSON (made safe where it is printed)."""
    return json.dumps(event, ensure_ascii=False, separators=(",", ":"))


class Events(Reading):
    """One event, or every event a filter matches, with participants and sources."""

    def each(self, matching: EventFilter = EVERY_EVENT,
             mentioning: str | None = None) -> Iterator[Row]:
        """Every matching event (that mentions ``mentioning``, as a search finds it) as the
        ``events --json`` object, in time order, read a page at a time as they are asked for
        (memory does not grow with the number of events)."""
        for page in self._pages(matching, mentioning):
            yield from self.listed_objects(page)

    def _pages(self, matching: EventFilter, mentioning: str | None) -> Iterator[list[Row]]:
        if mentioning:
            return self.store.search.pages(mentioning, matching)
        return self.store.timeline.pages(matching)

    def each_with_summaries(self, matching: EventFilter = EVERY_EVENT,
                            mentioning: str | None = None) -> Iterator[Row]:
        """``each``, every object also with ``summary_en``, ``summary_ja`` and ``note``."""
        for page in self._pages(matching, mentioning):
            texts = {}
            for batch in batches([row["id"] for row in page]):
                for row in self.all("SELECT id, summary_en, summary_ja, note FROM events "
                                    f"WHERE id IN ({marks(batch)})", batch):
                    texts[row.pop("id")] = row
            for event in self.listed_objects(page):
                event.update(texts.get(event["id"], {}))
                yield event

    def listed(self, matching: EventFilter = EVERY_EVENT) -> list[Row]:
        return list(self.each(matching))

    def get(self, event_id: str) -> Row | None:
        row = self.one(
            f"SELECT {EVENT_COLUMNS}, e.summary_en, e.summary_ja, e.note "
            "FROM events e LEFT JOIN places p ON p.id = e.place_id WHERE e.id = ?", [event_id])
        if row is None:
            return None
        detail = self.objects([row])[0]
        detail.update(summary_en=row["summary_en"], summary_ja=row["summary_ja"], note=row["note"])
        return detail

    def listed_objects(self, rows: list[Row]) -> list[Row]:
        """The public objects of a page of a listing: as the build wrote them (event_json:
        parsing is twenty times faster than deriving), or, for an event it did not write (or
        wrote as something that is not JSON), derived."""
        parsed: dict[str, Row] = {}
        for event_id, text in self.stored_json([row["id"] for row in rows]).items():
            try:
                found = json.loads(text)
            except ValueError:
                continue
            if isinstance(found, dict):
                parsed[event_id] = found
        missing = [row for row in rows if row["id"] not in parsed]
        parsed.update((event["id"], event) for event in self.objects(missing))
        return [parsed[row["id"]] for row in rows]

    def each_json(self, matching: EventFilter = EVERY_EVENT,
                  mentioning: str | None = None) -> Iterator[str]:
        """``each``, as compact JSON texts: what the build wrote, read without being parsed (the
        whole record at a million events in seconds, where deriving takes minutes); an event it
        did not write (or wrote as something that is no JSON object) is derived now. Untrusted
        text: made safe where it is printed."""
        for page in self._pages(matching, mentioning):
            texts = {event_id: text for event_id, text
                     in self.stored_json([row["id"] for row in page]).items()
                     if text.startswith("{") and text.endswith("}")}
            missing = [row for row in page if row["id"] not in texts]
            texts.update((event["id"], event_json(event)) for event in self.objects(missing))
            for row in page:
                yield texts[row["id"]]

    def stored_json(self, event_ids: list[str]) -> dict[str, str]:
        """The JSON the build wrote for these events, by id (those it wrote)."""
        found: dict[str, str] = {}
        for batch in batches(event_ids):
            for event_id, text in self.connection.execute(
                    "SELECT e.id, j.json FROM events e JOIN event_json j "
                    f"ON j.event_rowid = e.rowid WHERE e.id IN ({marks(batch)})", batch):
                found[event_id] = text
        return found

    def objects(self, rows: list[Row]) -> list[Row]:
        """The public objects of a page of event rows, derived from the tables: participants
        with their posts and ranks that day, and the sources, read for the whole page at once
        (a handful of queries). One event (``get``, the explorer's detail) is always derived."""
        attendances = self._attendances([row["id"] for row in rows])
        careers = self.store.holdings.careers(
            [a["person_id"] for present in attendances.values() for a in present])
        citing = self.store.citing
        event_sources = citing.sources_for("events", [row["id"] for row in rows])
        attendance_sources = citing.sources_for(
            "participations", [a["id"] for present in attendances.values() for a in present])
        objects = []
        for row in rows:
            when = dates.parse(row["date"])
            participants = []
            for attendance in attendances.get(row["id"], []):
                held = held_at(attendance["person_id"], careers[attendance["person_id"]], when)
                participants.append({
                    "person_id": attendance["person_id"], "name_en": attendance["name_en"],
                    "name_ja": attendance["name_ja"], "side": attendance["side"],
                    "role": attendance["role"],
                    **summary_fields(held["posts"], held["ranks"]),
                    "posts": held["posts"], "ranks": held["ranks"],
                    "printed_title": attendance["printed_title"],
                    "disputed": bool(attendance["disputed"]), "note": attendance["note"],
                    "sources": attendance_sources.get(str(attendance["id"]), []),
                })
            objects.append({
                "id": row["id"], "date": row["date"], "end_date": row["end_date"],
                "kind": row["kind"], "title_en": row["title_en"], "title_ja": row["title_ja"],
                "place_en": row["place_en"], "place_ja": row["place_ja"],
                "participants": participants,
                "sources": event_sources.get(str(row["id"]), []),
            })
        return objects

    def _attendances(self, event_ids: list[str]) -> dict[str, list[Row]]:
        found: dict[str, list[Row]] = {}
        for batch in batches(event_ids):
            for row in self.all(
                    "SELECT pa.id, pa.event_id, pa.person_id, pa.side, pa.role, pa.printed_title, "
                    "pa.disputed, pa.note, pe.name_en, pe.name_ja FROM participations pa "
                    # LEFT: someone the store lists as present but not among its people shows
                    f"LEFT JOIN people pe ON pe.id = pa.person_id WHERE pa.event_id IN "
                    f"({marks(batch)}) ORDER BY pa.event_id, pa.ord", batch):
                found.setdefault(row.pop("event_id"), []).append(row)
        return found

    def with_reasons(self, event_id: str) -> Row | None:
        """``get``, plus the conflicts recorded on the event and, on each post and rank a
        participant held then, the ``sources`` of the term or change it comes from."""
        detail = self.get(event_id)
        if detail is None:
            return None
        citing = self.store.citing
        detail["conflicts"] = citing.conflicts_about("event", event_id)
        detail["id_labels"] = citing.id_labels([
            detail.get("note"), *(p.get("note") for p in detail["participants"]),
            *conflict_texts(detail["conflicts"])])
        for participant in detail["participants"]:
            participant["id_labels"] = detail["id_labels"]
            person_id = participant["person_id"]
            for post in participant.get("posts", []):
                post["sources"] = citing.term_sources(person_id, post.get("post_id"),
                                                      post.get("start"))
            for rank in participant.get("ranks", []):
                rank["sources"] = citing.rank_change_sources(person_id, rank.get("rank_id"),
                                                             rank.get("since"))
        return detail
