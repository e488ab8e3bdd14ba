"""The bundled store opens cleanly in the generic SQLite tools analysts use (issue #19, item 1):
every table and view can be read whole, as visidata's sheet list and sqlite-utils do, and
Datasette serves each of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "events.db"


def _tables_and_views() -> list[str]:
    connection = sqlite3.connect(f"file:{BUNDLED}?mode=ro", uri=True)
    try:
        return [str(row[0]) for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
    finally:
        connection.close()


def test_every_table_and_view_reads_whole_as_visidata_reads_them() -> None:
    names = _tables_and_views()
    assert {"events", "events_fts", "events_short", "events_text"} <= set(names)
    connection = sqlite3.connect(f"file:{BUNDLED}?mode=ro", uri=True)
    try:
        for name in names:
            rows = connection.execute(f'SELECT * FROM "{name}"').fetchall()
            assert rows or name.endswith(("_config", "_idx")), name
        # The full-text tables show the events' own text, row for row.
        first = connection.execute("SELECT rowid, title_en FROM events_fts LIMIT 1").fetchone()
        assert first == connection.execute(
            "SELECT rowid, title_en FROM events WHERE rowid = ?", [first[0]]).fetchone()
    finally:
        connection.close()


def test_sqlite_utils_counts_every_table() -> None:
    sqlite_utils = pytest.importorskip("sqlite_utils")
    db = sqlite_utils.Database(sqlite3.connect(f"file:{BUNDLED}?mode=ro", uri=True))
    counts = {table.name: table.count for table in db.tables}
    assert counts["events"] == counts["events_fts"] == counts["events_short"] > 400
    assert db["events"].detect_fts() is None or db["events"].detect_fts() == "events_fts"


async def test_datasette_serves_every_table() -> None:
    datasette_app = pytest.importorskip("datasette.app")
    datasette = datasette_app.Datasette(immutables=[str(BUNDLED)])
    for name in _tables_and_views():
        response = await datasette.client.get(f"/events/{name}.json?_size=5")
        assert response.status_code == 200, (name, response.text[:300])
