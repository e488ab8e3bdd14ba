"""Unfiltered positions come from rowids (index seeks); they agree with counting rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ktimeline.store.queries import EventFilter, Store, TimelineKey
from ktimeline.store.synthetic import generate


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("positions") / "synthetic.db"
    generate(path, events=700, seed=5)
    return path


def counted(store: Store) -> tuple[list[tuple[str, int]], list[TimelineKey]]:
    """Year counts and every key, the slow way (GROUP BY and a full walk)."""
    years = [(str(r[0]), int(r[1])) for r in store.connection.execute(
        "SELECT substr(date_lo, 1, 4) AS year, count(*) FROM events GROUP BY year ORDER BY year")]
    keys = [TimelineKey(r["date_lo"], r["date_hi"], r["id"])
            for r in store.timeline.page(None, 10_000)]
    return years, keys


def check_positions(store: Store) -> None:
    years, keys = counted(store)
    assert store.timeline.year_counts() == years
    assert store.timeline.count() == len(keys)
    for position in (0, 1, len(keys) // 2, len(keys) - 1):
        assert store.timeline.rank(keys[position]) == position
    assert store.timeline.rank(TimelineKey("9999", "", "")) == len(keys)
    assert store.timeline.rank(TimelineKey("", "", "")) == 0


def test_synthetic_rowids_are_positions(synthetic: Path) -> None:
    store = Store.open(synthetic)
    assert store.timeline.rowids_are_positions()
    check_positions(store)
    _years, keys = counted(store)
    assert [store.timeline.key_at(p) for p in (0, 350, 699)] == [keys[0], keys[350], keys[699]]
    assert store.timeline.key_at(700) is None
    assert store.timeline.key_at(3, EventFilter(kind="summit")) is None  # filtered: no shortcut
    store.close()


def test_bundled_store_rowids_are_positions() -> None:
    store = Store.open(Path(__file__).parent.parent / "data" / "events.db")
    assert store.timeline.rowids_are_positions()
    check_positions(store)
    store.close()


def test_rowids_out_of_time_order_fall_back_to_counting(synthetic: Path, tmp_path: Path) -> None:
    copy = tmp_path / "shuffled.db"
    copy.write_bytes(synthetic.read_bytes())
    connection = sqlite3.connect(copy)
    connection.execute("UPDATE events SET rowid = 100000 WHERE rowid = 1")
    connection.commit()
    connection.close()
    store = Store.open(copy)
    assert not store.timeline.rowids_are_positions()
    assert store.timeline.key_at(0) is None
    check_positions(store)
    store.close()


def test_filtered_year_counts_still_count(synthetic: Path) -> None:
    store = Store.open(synthetic)
    where = EventFilter(kind="summit")
    total = store.timeline.count(where)
    assert sum(count for _year, count in store.timeline.year_counts(where)) == total
    store.close()
