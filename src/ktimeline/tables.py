"""The answers of ``search``, ``asof`` and ``person --profile`` as rows: one per thing found,
for CSV, Markdown and JSON Lines (``events`` has its own, in exports). Each row is a flat object
whose keys are the table's columns, in order; a JSON Lines row is the same object."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ktimeline.citations import line as source_line

Row = Mapping[str, Any]

SEARCH_COLUMNS = ["type", "id", "name_or_title_en", "name_or_title_ja", "date", "end_date",
                  "kind", "place_en", "place_ja", "description", "score", "matched"]
ASOF_COLUMNS = ["person_id", "date", "type", "id", "title_en", "title_ja", "organisation_en",
                "organisation_ja", "start", "end", "change", "certainty"]
PROFILE_COLUMNS = ["person_id", "type", "id", "title_en", "title_ja", "organisation_en",
                   "organisation_ja", "place_en", "place_ja", "start", "end", "change", "side",
                   "role", "printed_title", "note", "sources"]


def _ordered(columns: list[str], values: Mapping[str, Any]) -> dict[str, Any]:
    return {column: values.get(column) for column in columns}


def search_rows(found: Row) -> Iterator[dict[str, Any]]:
    """The people a search matched (best first), then the events it found (in time order)."""
    for match in found.get("matches") or []:
        yield _ordered(SEARCH_COLUMNS, {
            **match, "type": "person", "id": match.get("person_id"),
            "name_or_title_en": match.get("name_en"), "name_or_title_ja": match.get("name_ja")})
    for event in found.get("events") or []:
        yield _ordered(SEARCH_COLUMNS, {
            **event, "type": "event", "name_or_title_en": event.get("title_en"),
            "name_or_title_ja": event.get("title_ja")})


def asof_rows(held: Row) -> Iterator[dict[str, Any]]:
    """Each post and rank a person held on the date, with how certain the record is of it."""
    common = {"person_id": held.get("person_id"), "date": held.get("date")}
    for post in held.get("posts") or []:
        yield _ordered(ASOF_COLUMNS, {**post, **common, "type": "post", "id": post.get("post_id")})
    for rank in held.get("ranks") or []:
        yield _ordered(ASOF_COLUMNS, {**rank, **common, "type": "rank", "id": rank.get("rank_id"),
                                      "start": rank.get("since")})


def profile_rows(profile: Row, meetings: Sequence[Row]) -> Iterator[dict[str, Any]]:
    """A career and the meetings attended: each post term, each rank change, each meeting (with
    the side, role and title printed for the person there), with their sources."""
    person = profile.get("person_id")
    for post in profile.get("posts") or []:
        yield _ordered(PROFILE_COLUMNS, {**post, "person_id": person, "type": "post",
                                         "id": post.get("post_id"),
                                         "sources": _sources(post)})
    for rank in profile.get("ranks") or []:
        yield _ordered(PROFILE_COLUMNS, {**rank, "person_id": person, "type": "rank",
                                         "id": rank.get("rank_id"),
                                         "sources": _sources(rank)})
    for meeting in meetings:
        yield _ordered(PROFILE_COLUMNS, {
            **meeting, "person_id": person, "type": "meeting", "start": meeting.get("date"),
            "end": meeting.get("end_date"), "note": None, "sources": None})


def _sources(item: Row) -> str:
    return " | ".join(source_line(source) for source in item.get("sources") or [])
