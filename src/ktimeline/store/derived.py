"""Tables derived at build time from what the query API answers: the same answers, written down
once, for readers that cannot run it (Datasette's canned queries) and for listings of the whole
record (``events --json`` reads each event's JSON instead of deriving its attendances again)."""

from __future__ import annotations

import sqlite3
from typing import Any

from ktimeline.store.events import event_json
from ktimeline.store.queries import Store


def write_derived(connection: sqlite3.Connection) -> None:
    """``attendance_holdings`` and ``event_json``, in one pass over the events (any rows already
    there are replaced)."""
    factory = connection.row_factory
    connection.row_factory = sqlite3.Row
    try:
        connection.execute("DELETE FROM attendance_holdings")
        connection.execute("DELETE FROM event_json")
        store = Store(connection)
        for page in store.timeline.pages():
            events = store.events.objects(page)
            connection.executemany(
                "INSERT INTO attendance_holdings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [row for event in events for row in holding_rows(event)])
            connection.executemany(
                "INSERT INTO event_json (event_rowid, event_id, json) "
                "SELECT rowid, id, ? FROM events WHERE id = ?",
                [(event_json(event), event["id"]) for event in events])
    finally:
        connection.row_factory = factory


def holding_rows(event: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Each attendance's posts and ranks on the event's date, certain or possible, exactly as
    ``ktimeline event`` shows them."""
    rows = []
    for person in event["participants"]:
        items = [("rank", rank, rank["rank_id"], rank["since"], None) for rank in person["ranks"]]
        items += [("post", post, post["post_id"], post["start"], post["end"])
                  for post in person["posts"]]
        rows += [(event["id"], person["person_id"], kind, number, item_id, item["title_en"],
                  item["title_ja"], item["certainty"], start, end)
                 for number, (kind, item, item_id, start, end) in enumerate(items)]
    return rows
