"""Tables derived at build time from what the query API answers, for readers that cannot run
it (Datasette's canned queries): the same answers, written down once."""

from __future__ import annotations

import sqlite3

from ktimeline.store.queries import Store


def write_attendance_holdings(connection: sqlite3.Connection) -> None:
    """Each attendance's posts and ranks on the event's date, certain or possible, exactly as
    ``ktimeline event`` shows them (the store's own query API computes them)."""
    factory = connection.row_factory
    connection.row_factory = sqlite3.Row
    try:
        store = Store(connection)
        rows = []
        for page in store.timeline.pages():
            for event in store.events.objects(page):
                for person in event["participants"]:
                    items = [("rank", rank, rank["rank_id"], rank["since"], None)
                             for rank in person["ranks"]]
                    items += [("post", post, post["post_id"], post["start"], post["end"])
                              for post in person["posts"]]
                    rows += [(event["id"], person["person_id"], kind, number, item_id,
                              item["title_en"], item["title_ja"], item["certainty"], start, end)
                             for number, (kind, item, item_id, start, end) in enumerate(items)]
        connection.executemany(
            "INSERT INTO attendance_holdings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    finally:
        connection.row_factory = factory
