"""The synthetic store is a valid store the query API and CLI read like the curated one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ktimeline.store.dates import parse
from ktimeline.store.queries import Store, TimelineKey
from ktimeline.store.synthetic import generate


def test_synthetic_store_opens_and_pages_in_time_order(tmp_path: Path) -> None:
    path = tmp_path / "synthetic.db"
    generate(path, events=1500, seed=7)
    store = Store.open(path)
    assert store.timeline.count() == 1500
    seen: list[tuple[str, str, str]] = []
    key: TimelineKey | None = None
    while page := store.timeline.page(key, 400):
        seen += [(row["date_lo"], row["date_hi"], row["id"]) for row in page]
        key = TimelineKey(*seen[-1])
    assert len(seen) == 1500 and seen == sorted(seen)
    first = store.events.listed()[:1500]
    assert {parse(row["date"]).precision for row in first} >= {"day", "month", "year"}
    detail = store.events.get(seen[0][2])
    assert detail is not None and detail["participants"] and detail["sources"]
    store.close()


def test_synthetic_generation_is_repeatable(tmp_path: Path) -> None:
    generate(tmp_path / "a.db", events=300, seed=3)
    generate(tmp_path / "b.db", events=300, seed=3)
    a, b = Store.open(tmp_path / "a.db"), Store.open(tmp_path / "b.db")
    assert a.events.listed() == b.events.listed()


def test_full_text_built_in_a_second_process_is_the_same_index(tmp_path: Path) -> None:
    generate(tmp_path / "serial.db", events=1200, seed=4, parallel=False)
    generate(tmp_path / "parallel.db", events=1200, seed=4, parallel=True)
    serial, parallel = Store.open(tmp_path / "serial.db"), Store.open(tmp_path / "parallel.db")
    assert serial.events.listed() == parallel.events.listed()
    for needle in ("fisheries", "fi", "平壌", "平", "協議", "#117", "Moscow"):
        assert serial.search.events(needle, 1200) == parallel.search.events(needle, 1200)
        assert serial.search.count(needle) == parallel.search.count(needle) > 0
    serial.close()
    parallel.close()
    check = sqlite3.connect(tmp_path / "parallel.db")
    for table in ("events_fts", "events_short"):
        check.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
    check.close()
